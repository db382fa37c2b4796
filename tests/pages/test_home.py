"""The home page: overview table, one paragraph per architecture, the decision guide's data."""

from __future__ import annotations

import json
import re

from archkb import urls
from archkb.pages import guide, home

from ..sitekit import render_markdown


def test_table_and_paragraph_per_architecture_in_order(real_kb) -> None:  # type: ignore[no-untyped-def]
    md = home.page(real_kb)
    rows = [ln for ln in md.splitlines() if ln.startswith("| ") and "data-archkb-arch" in ln]
    assert [re.search(r'data-archkb-arch="([^"]+)"', r).group(1) for r in rows] == [a.id for a in real_kb.architectures]  # type: ignore[union-attr]
    for arch in real_kb.architectures:
        assert f"{{#summary-{arch.id}}}" in md
        assert (arch.summary.text or "").split()[0] in md
        assert f"]({urls.architecture_page(arch.id)})" in md


def test_guide_json_is_embedded_and_parses(real_kb) -> None:  # type: ignore[no-untyped-def]
    html = render_markdown(home.page(real_kb))
    match = re.search(r'<script type="application/json" id="archkb-guide-data">(.*?)</script>', html, re.S)
    assert match, "the guide's data is in the page"
    assert json.loads(match.group(1)) == json.loads(json.dumps(guide.guide_data(real_kb)))


def test_guide_has_a_no_script_version_with_links(real_kb) -> None:  # type: ignore[no-untyped-def]
    md = home.page(real_kb)
    for q in guide.questions(real_kb):
        assert guide.question_text(real_kb, q).split()[0] in md
    assert md.count("| Answer | Fits | Left open (not stated in the sources) | Ruled out |") == len(
        guide.questions(real_kb)
    )
    clusterip = md[md.index("**Must XC expose ClusterIP Services") :]
    yes = next(line for line in clusterip.splitlines() if line.strip().startswith("| Yes |"))
    open_cell = yes.split(" | ")[3]
    assert "vK8s" in open_cell and "mK8s" in open_cell, (
        "unknown stays unknown: an empty list of Service types is not a no"
    )


def test_overview_diagram_only_when_rendered(real_kb) -> None:  # type: ignore[no-untyped-def]
    assert "diagrams/overview.svg" not in home.page(real_kb)
    assert "diagrams/overview.svg" in home.page(real_kb, overview_alt="All four side by side")


def test_extra_links(real_kb) -> None:  # type: ignore[no-untyped-def]
    assert "[Take the quiz](quiz.md)" in home.page(real_kb, {"Take the quiz": urls.QUIZ})


def test_overview_figure_has_a_short_alt_a_caption_a_full_size_link_and_the_diagram_as_text(real_kb) -> None:  # type: ignore[no-untyped-def]
    description = "Overview diagram of 4 architectures side by side. 1. Secure K8s Gateway: Box ..."
    ids = tuple(real_kb.architecture_ids())
    html = render_markdown(home.page(real_kb, overview_alt=description, diagrams=ids))
    figure = html[html.index('<figure class="archkb-figure">') : html.index("</figure>")]
    alts = re.findall(r'<img alt="([^"]*)" class="archkb-diagram ([^"]*)"', figure)
    assert alts[0] == ("The four architectures side by side", "archkb-diagram--wide")
    assert [cls for _, cls in alts[1:]] == ["archkb-diagram--narrow"] * len(ids), (
        "each architecture's own diagram, for narrow screens"
    )
    assert all(len(alt) < 90 for alt, _ in alts)
    assert re.search(
        r'<figcaption>[^<]+<a href="diagrams/overview.svg">Open the overview full size</a></figcaption>', figure
    )
    assert "The overview diagram as text" in html and description in html.replace("&quot;", '"')
    assert all('loading="lazy"' in tag for tag in re.findall(r"<img [^>]*>", figure)), (
        "a reader downloads only the diagrams shown"
    )
