"""The reader Q&A page and its CNI table."""

from __future__ import annotations

import re

from archkb import urls
from archkb.pages import qa

from ..sitekit import render_markdown


def test_threads_and_answers_in_order(real_kb) -> None:  # type: ignore[no-untyped-def]
    md = qa.page(real_kb)
    positions = [md.index(f'id="{urls.fact_anchor(a)}"') for t in real_kb.threads for a in (t.question, *t.answers)]
    assert positions == sorted(positions)


def test_cni_table_cells(real_kb) -> None:  # type: ignore[no-untyped-def]
    html = render_markdown(qa.page(real_kb))
    shown = re.findall(r'<span class="archkb-reach archkb-(yes|no|conditional)">', html)
    assert shown == [r.fact.value for r in real_kb.cni_table.rows]
    assert {"yes", "no", "conditional"} <= set(shown)
    for row in real_kb.cni_table.rows:
        if row.condition:
            assert row.condition.split()[0] in html


def test_answers_from_a_comment_say_as_of_when(real_kb) -> None:  # type: ignore[no-untyped-def]
    from archkb.pages import qa

    md = qa.page(real_kb)
    tunnels = next(
        line for line in md.splitlines() if "VXLAN or GENEVE tunnels into the cluster were not an option" in line
    )
    assert "as of the comment (undated, after 2023-10)" in tunnels
