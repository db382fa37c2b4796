"""The sources page: every section anchored, with every fact that cites it."""

from __future__ import annotations

from archkb import urls
from archkb.kb.model import Citation
from archkb.pages import sources


def test_every_section_is_anchored(real_kb) -> None:  # type: ignore[no-untyped-def]
    md = sources.page(real_kb)
    missing = [
        f"{s.id}#{x.id}"
        for s in real_kb.sources.values()
        for x in s.sections
        if f"{{#{urls.citation_anchor(Citation(s.id, x.id))}}}" not in md
    ]
    assert not missing, missing


def test_each_section_lists_the_facts_that_cite_it(real_kb) -> None:  # type: ignore[no-untyped-def]
    md = sources.page(real_kb)
    bad = []
    for fact in real_kb.facts.values():
        for cite in fact.cites:
            start = md.index(f"{{#{urls.citation_anchor(cite)}}}")
            end = md.find("\n## ", start)
            nxt = md.find("\n### ", start)
            stop = min(x for x in (end, nxt, len(md)) if x > 0)
            if f"({urls.fact_target(real_kb, fact)})" not in md[start:stop]:
                bad.append(f"{fact.id} not under {cite}")
    assert not bad, bad[:20]


def test_source_urls_are_links(real_kb) -> None:  # type: ignore[no-untyped-def]
    md = sources.page(real_kb)
    for source in real_kb.sources.values():
        if source.url:
            assert f"]({source.url.replace('(', '%28').replace(')', '%29')})" in md or "](" + source.url in md


def test_every_source_says_its_date_or_that_it_is_undated(real_kb) -> None:  # type: ignore[no-untyped-def]
    from archkb.pages import sources as sources_page

    md = "\n".join(sources_page.pages(real_kb).values())
    assert md.count("undated (written after 2023-10)") == 5, (
        "the five reader comments are undated but later than the revision"
    )
    assert "updated 2024-03-14" in md and "undated (written after 2025-11-16)" in md
    assert "read it online" in md
