"""The typed model of a knowledge base: the :class:`KB`, built from validated kb files, with its
lookups (:class:`KBIndex`). Its records live in :mod:`archkb.kb.records` and are re-exported here.

Renderers (pages, diagrams, quiz) read only this model, never YAML.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from .records import (
    ARCHITECTURES_PER_GROUP,
    STRUCTURED_FIELDS,
    TERM_LIST_FIELDS,
    TEXT_LIST_FIELDS,
    Architecture,
    Citation,
    CNIRow,
    CNITable,
    Concept,
    Edge,
    Fact,
    Group,
    HistoryEntry,
    Node,
    Note,
    Origin,
    Restriction,
    Revision,
    Section,
    Source,
    Term,
    Thread,
    Topology,
    VocabularyGroup,
)

__all__ = [
    "ARCHITECTURES_PER_GROUP",
    "Architecture",
    "CNIRow",
    "CNITable",
    "Citation",
    "Concept",
    "Edge",
    "Fact",
    "Group",
    "HistoryEntry",
    "KB",
    "KBIndex",
    "Node",
    "Note",
    "Origin",
    "Restriction",
    "Revision",
    "STRUCTURED_FIELDS",
    "Section",
    "Source",
    "TERM_LIST_FIELDS",
    "TEXT_LIST_FIELDS",
    "Term",
    "Thread",
    "Topology",
    "VocabularyGroup",
    "index_kb",
]


@dataclass(frozen=True, slots=True)
class KBIndex:
    """Lookups over a :class:`KB`, built once, so pages that ask per architecture or concept stay linear."""

    terms: dict[str, Term]
    architectures: dict[str, Architecture]
    positions: dict[str, int]
    ids: tuple[str, ...]
    applies: dict[str, list[Restriction]]
    lifted: dict[str, list[Restriction]]
    follows: dict[str, list[Restriction]]
    uses: dict[str, list[Architecture]]
    thread_positions: dict[str, int]
    threads: dict[str, list[Thread]]
    blocked: frozenset[str]
    source_positions: dict[str, int]
    short_forms: dict[str, int]
    readings: dict[str, int]


def index_kb(kb: KB) -> KBIndex:
    """The lookups of ``kb``: who applies, lifts and uses what, positions, blocked terms."""
    index = KBIndex(
        terms={t.id: t for g in kb.vocabulary.values() for t in g.terms},
        architectures={a.id: a for a in kb.architectures},
        positions={a.id: n for n, a in enumerate(kb.architectures)},
        ids=tuple(a.id for a in kb.architectures),
        applies={},
        lifted={},
        follows={},
        uses={},
        thread_positions={t.id: n for n, t in enumerate(kb.threads)},
        threads={},
        blocked=frozenset(term for r in kb.restrictions.values() for term in r.blocks),
        source_positions={source_id: n for n, source_id in enumerate(kb.sources)},
        short_forms={},
        readings={},
    )
    for r in kb.restrictions.values():
        for arch_id in dict.fromkeys(r.applies_to):
            index.applies.setdefault(arch_id, []).append(r)
        for arch_id in dict.fromkeys(r.lifted_by):
            index.lifted.setdefault(arch_id, []).append(r)
        for premise in dict.fromkeys(r.follows_from):
            index.follows.setdefault(premise, []).append(r)
    for a in kb.architectures:
        for concept_id in dict.fromkeys(a.concepts):
            index.uses.setdefault(concept_id, []).append(a)
        index.short_forms[a.short_form] = index.short_forms.get(a.short_form, 0) + 1
        index.readings[a.reading] = index.readings.get(a.reading, 0) + 1
    for t in kb.threads:
        for arch_id in dict.fromkeys(t.architectures):
            index.threads.setdefault(arch_id, []).append(t)
    return index


@dataclass(frozen=True, slots=True)
class KB:
    """A whole knowledge base, resolved and checked."""

    sources: dict[str, Source]
    vocabulary: dict[str, VocabularyGroup]
    concepts: dict[str, Concept]
    architectures: tuple[Architecture, ...]
    restrictions: dict[str, Restriction]
    threads: tuple[Thread, ...]
    cni_table: CNITable | None
    facts: dict[str, Fact]
    raw: dict[str, list[Any]] = field(default_factory=dict, compare=False)
    _index: KBIndex = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", index_kb(self))  # a frozen dataclass sets derived fields so

    def architecture(self, arch_id: str) -> Architecture:
        """The architecture with this id (KeyError when there is none)."""
        return self._index.architectures[arch_id]

    def has_architecture(self, arch_id: str) -> bool:
        return arch_id in self._index.architectures

    # Narrow reads: pages ask these instead of reading a whole collection.

    def architecture_ids(self) -> tuple[str, ...]:
        """The ids of the architectures, in order."""
        return self._index.ids

    def architecture_count(self) -> int:
        return len(self.architectures)

    def architecture_groups(self) -> tuple[tuple[Architecture, ...], ...]:
        """The architectures in consecutive groups of ARCHITECTURES_PER_GROUP, in order (one empty
        group when there are none): a comparison page, and a quiz question that asks across
        architectures, takes one group."""
        archs, size = self.architectures, ARCHITECTURES_PER_GROUP
        return tuple(archs[i : i + size] for i in range(0, len(archs), size)) or ((),)

    def source_position(self, source_id: str) -> int | None:
        """A source's 0-based position among the sources (None when there is no such source)."""
        return self._index.source_positions.get(source_id)

    def short_form_count(self, form: str) -> int:
        """How many architectures have this :attr:`Architecture.short_form`."""
        return self._index.short_forms.get(form, 0)

    def reading_count(self, reading: str) -> int:
        """How many architectures have this :attr:`Architecture.reading`."""
        return self._index.readings.get(reading, 0)

    def architecture_position(self, arch_id: str) -> int | None:
        """An architecture's 0-based position among the architectures (None when there is no such architecture)."""
        return self._index.positions.get(arch_id)

    def architecture_reading(self, arch_id: str) -> tuple[str, str] | None:
        """An architecture's reading form and name (a narrow read: not its facts), or None."""
        arch = self._index.architectures.get(arch_id)
        return (arch.reading, arch.name) if arch is not None else None

    def architecture_names(self, arch_id: str) -> tuple[str, str | None] | None:
        """An architecture's name and abbreviation, or None when there is no such architecture."""
        arch = self._index.architectures.get(arch_id)
        return (arch.name, arch.abbreviation) if arch else None

    def has_concept(self, concept_id: str) -> bool:
        return concept_id in self.concepts

    def has_restriction(self, restriction_id: str) -> bool:
        return restriction_id in self.restrictions

    def citation_titles(self, cite: Citation) -> tuple[str, str] | None:
        """The titles of a cited source and section, or None when either is unknown."""
        source = self.sources.get(cite.source)
        section = source.section(cite.section) if source else None
        return (source.title, section.title) if source and section else None

    def term(self, term_id: str) -> Term | None:
        """The vocabulary term with this id, if any."""
        return self._index.terms.get(term_id)

    def label(self, ident: str) -> str:
        """A human label for any id: term label, concept name, architecture name, else the id."""
        term = self.term(ident)
        if term:
            return term.label
        if ident in self.concepts:
            return self.concepts[ident].name
        if self.has_architecture(ident):
            return self.architecture(ident).name
        return self._other_label(ident)

    def _other_label(self, ident: str) -> str:
        """The title of a restriction, reader thread or the CNI table, else the id itself."""
        if ident in self.restrictions:
            return self.restrictions[ident].name
        if ident in self._index.thread_positions:
            thread = self.threads[self._index.thread_positions[ident]]
            return thread.title or thread.question.text or ident
        if self.cni_table is not None and ident == self.cni_table.id:
            return self.cni_table.title
        return ident

    def restrictions_for(self, arch_id: str) -> tuple[Restriction, ...]:
        """The restrictions that apply to an architecture, in KB order."""
        return tuple(self._index.applies.get(arch_id, ()))

    def restrictions_lifted_by(self, arch_id: str) -> tuple[Restriction, ...]:
        """The restrictions an architecture lifts, in KB order."""
        return tuple(self._index.lifted.get(arch_id, ()))

    def restrictions_following(self, restriction_id: str) -> tuple[Restriction, ...]:
        """The restrictions that follow from a restriction (name it in ``follows_from``), in KB order."""
        return tuple(self._index.follows.get(restriction_id, ()))

    def architectures_using(self, concept_id: str) -> tuple[Architecture, ...]:
        """The architectures that list a concept among their related concepts, in order."""
        return tuple(self._index.uses.get(concept_id, ()))

    def architecture_ids_using(self, concept_id: str) -> tuple[str, ...]:
        """The ids of :meth:`architectures_using`."""
        return tuple(a.id for a in self._index.uses.get(concept_id, ()))

    def architecture_abbreviations(self) -> tuple[tuple[str, str, str, str], ...]:
        """(id, abbreviation, name, summary text) of every architecture with an abbreviation, in order."""
        return tuple((a.id, a.abbreviation, a.name, a.summary.text or "") for a in self.architectures if a.abbreviation)

    def facts_with_history(self) -> tuple[Fact, ...]:
        """The facts that record earlier values, in KB order."""
        return tuple(f for f in self.facts.values() if f.history)

    def facts_with_notes(self) -> tuple[Fact, ...]:
        """The facts that carry notes, in KB order."""
        return tuple(f for f in self.facts.values() if f.notes)

    def threads_about(self, arch_id: str) -> tuple[Thread, ...]:
        """The reader threads that name an architecture, in KB order."""
        return tuple(self._index.threads.get(arch_id, ()))

    def threads_named(self, thread_ids: tuple[str, ...]) -> tuple[Thread, ...]:
        """The threads with these ids, in KB order (unknown ids left out)."""
        positions = sorted({self._index.thread_positions[i] for i in thread_ids if i in self._index.thread_positions})
        return tuple(self.threads[n] for n in positions)

    def blocked_terms(self) -> frozenset[str]:
        """Every term some restriction blocks."""
        return self._index.blocked

    def as_of(self, fact: Fact | Note) -> str | None:
        """When a fact or note is known to hold, for "as of" on pages: its own ``as_of``, else the
        date of the reader comment it rests on (``"undated, after 2023-10"`` for an undated one)."""
        if fact.as_of:
            return fact.as_of
        cite = fact.basis or (fact.cites[0] if fact.cites else None)
        source = self.sources.get(cite.source) if cite else None
        if source is None or source.kind != "comment":
            return None
        if source.date:
            return source.date
        return f"undated, after {source.not_before}" if source.not_before else "undated"

    def all_facts(self) -> Iterator[Fact]:
        yield from self.facts.values()
