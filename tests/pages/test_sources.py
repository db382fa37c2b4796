"""The sources page: every section anchored, with every fact that cites it."""

from __future__ import annotations

from archkb import urls
from archkb.kb.model import Citation
from archkb.pages import sources


def test_every_section_is_anchored(real_kb) -> None:  # type: ignore[no-untyped-def]
    md = sources.page(real_kb)
    missing = [f"{s.id}#{x.id}" for s in real_kb.sources.values() for x in s.sections if f"{{#{urls.citation_anchor(Citation(s.id, x.id))}}}" not in md]
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
