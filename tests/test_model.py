"""The KB's narrow reads and indexes give what a scan of the whole model gives."""

from __future__ import annotations

from archkb.kb.model import KB, Citation


def test_architecture_reads(real_kb: KB) -> None:
    ids = tuple(a.id for a in real_kb.architectures)
    assert real_kb.architecture_ids() == ids and real_kb.architecture_count() == len(ids)
    assert [real_kb.architecture_position(i) for i in ids] == list(range(len(ids)))
    assert [real_kb.architecture_names(i) for i in ids] == [(a.name, a.abbreviation) for a in real_kb.architectures]
    assert real_kb.architecture_position("nope") is None and real_kb.architecture_names("nope") is None


def test_thread_reads_keep_kb_order(real_kb: KB) -> None:
    for arch in real_kb.architectures:
        assert real_kb.threads_about(arch.id) == tuple(t for t in real_kb.threads if arch.id in t.architectures)
    ids = tuple(t.id for t in real_kb.threads)
    assert real_kb.threads_named(tuple(reversed(ids)) + ("nope",)) == real_kb.threads
    assert real_kb.threads_named(()) == ()


def test_blocked_terms_and_membership(real_kb: KB) -> None:
    assert real_kb.blocked_terms() == {t for r in real_kb.restrictions.values() for t in r.blocks}
    assert real_kb.blocked_terms(), "the real KB has restrictions that block something"
    assert all(real_kb.has_concept(c) for c in real_kb.concepts) and not real_kb.has_concept("vk8s")
    assert all(real_kb.has_restriction(r) for r in real_kb.restrictions) and not real_kb.has_restriction("vk8s")


def test_citation_titles(real_kb: KB) -> None:
    source = next(iter(real_kb.sources.values()))
    section = source.sections[0]
    assert real_kb.citation_titles(Citation(source.id, section.id)) == (source.title, section.title)
    assert real_kb.citation_titles(Citation(source.id, "nope")) is None
    assert real_kb.citation_titles(Citation("nope", section.id)) is None
