"""All generated pages together: every fact has an anchor on its page, every link resolves, and
hostile KB text shows exactly as written."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

from archkb import urls
from archkb.kb import load_kb
from archkb.pages import generate_pages

from ..sitekit import HOSTILE, hostile_kb, render_markdown


def anchors_by_page(pages: dict[str, str]) -> dict[str, set[str]]:
    return {path: set(re.findall(r'\sid="([^"]+)"', render_markdown(md))) for path, md in pages.items()}


@pytest.fixture(scope="module")
def real_pages(real_kb):  # type: ignore[no-untyped-def]
    return generate_pages(
        real_kb, {a.id: f"diagram of {a.name}" for a in real_kb.architectures} | {"overview": "overview"}
    )


def test_every_fact_and_note_has_an_anchor_on_its_page(real_kb, real_pages) -> None:  # type: ignore[no-untyped-def]
    anchors = anchors_by_page(real_pages)
    bad = []
    for fact in real_kb.facts.values():
        page, _, anchor = urls.fact_target(real_kb, fact).partition("#")
        if anchor not in anchors.get(page, set()):
            bad.append(f"{fact.id}: no #{anchor} on {page}")
        for note in fact.notes:
            if urls.note_anchor(note) not in anchors.get(page, set()):
                bad.append(f"{note.id}: no #{urls.note_anchor(note)} on {page}")
    assert not bad, "\n".join(bad)


def test_every_markdown_link_resolves(real_pages) -> None:  # type: ignore[no-untyped-def]
    anchors = anchors_by_page(real_pages)
    bad = []
    for path, md in real_pages.items():
        for target in re.findall(r'href="([^"]+)"', render_markdown(md)):
            if target.startswith(("http://", "https://", "mailto:")):
                continue
            page, _, anchor = target.partition("#")
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), page)) if page else path
            if resolved.startswith(urls.DIAGRAMS_DIR + "/"):
                continue
            if resolved not in real_pages:
                bad.append(f"{path}: {target} -> no page {resolved}")
            elif anchor and anchor not in anchors[resolved]:
                bad.append(f"{path}: {target} -> no anchor on {resolved}")
    assert not bad, "\n".join(bad[:50])


def test_every_fact_links_to_the_source_section_it_cites(real_kb, real_pages) -> None:  # type: ignore[no-untyped-def]
    """On its own page, each fact's text is followed by links to its citations' anchors."""
    bad = []
    for fact in real_kb.facts.values():
        page = urls.fact_page(real_kb, fact)
        md = real_pages[page]
        anchor = urls.fact_anchor(fact)
        starts = [md.find(marker) for marker in (f'id="{anchor}"', f"{{#{anchor}}}", f"{{: #{anchor} ")]
        start = max(starts)
        if start < 0:
            bad.append(f"{fact.id}: not found on {page}")
            continue
        if f"{{: #{anchor} " in md:  # an attribute list follows the paragraph it anchors
            start = md.rfind("\n\n", 0, start)
        following = re.search(r"^#{1,6} ", md[start + 1 :], re.M)
        block = md[start : start + 1 + following.start()] if following else md[start:]
        for cite in fact.cites:
            if urls.citation_anchor(cite) not in block:
                bad.append(f"{fact.id}: no link to {cite} near it on {page}")
    assert not bad, "\n".join(bad[:50])


def test_generation_is_deterministic(real_kb) -> None:  # type: ignore[no-untyped-def]
    assert generate_pages(real_kb) == generate_pages(load_kb(Path(__file__).resolve().parents[2] / "kb"))


def test_hostile_text_shows_exactly_as_written(tmp_path: Path) -> None:
    kb = load_kb(hostile_kb(tmp_path / "kb"))
    pages = generate_pages(kb)
    html = "\n".join(render_markdown(md) for md in pages.values())
    assert "<script>" not in html
    assert not re.search(r"(href|src)=\"\s*javascript:", html), "javascript: only ever appears as text"
    assert not re.search(r"<h[1-6][^>]*>\s*injected", html)
    assert 'id="evil"' not in html and 'class="evil"' not in html
    assert "<em>x</em>" not in html and "<strong>z</strong>" not in html
    text = (
        re.sub(r"<[^>]+>", "", html)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
        .replace("&quot;", '"')
    )
    missing = [name for name, value in HOSTILE.items() if " ".join(value.split()) not in text]
    assert not missing, missing


def test_pipe_in_a_cni_cell_stays_in_its_cell(tmp_path: Path) -> None:
    kb = load_kb(hostile_kb(tmp_path / "kb"))
    html = render_markdown(generate_pages(kb)[urls.QA])
    row = re.search(r"<tr>\s*<td>(.*?)</tr>", html, re.S)
    assert row is not None
    cells = re.findall(r"<td>(.*?)</td>", row.group(0), re.S)
    assert len(cells) == 5, cells
    assert cells[0].endswith("a|b")
