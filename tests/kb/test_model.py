"""The KB's narrow reads and indexes give what a scan of the whole model gives."""

from __future__ import annotations

from pathlib import Path

from archkb.kb import load_kb
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


def test_term_ids_that_name_index_entries_are_ordinary_terms(base_kb: Path) -> None:
    """The model's lookups are typed fields: a term may be called `blocked`, `ids` or `arch:one`."""
    vocabulary = base_kb / "vocabulary.yaml"
    text = vocabulary.read_text(encoding="utf-8")
    extra = "      - {id: blocked, label: Blocked term}\n      - {id: ids, label: Ids term}\n"
    vocabulary.write_text(
        text.replace("      - {id: vm, label: Virtual machine}\n", "      - {id: vm, label: Virtual machine}\n" + extra)
    )
    kb = load_kb(base_kb)
    assert kb.term("blocked") is not None and kb.term("blocked").label == "Blocked term"
    assert kb.label("ids") == "Ids term"
    assert kb.architecture_ids() == ("one", "two")
    assert "blocked" not in kb.blocked_terms()
