"""The typed model of a knowledge base: frozen dataclasses built from validated kb files.

Renderers (pages, diagrams, quiz) read only this model, never YAML.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a fact was written: kb file as shown in messages, 1-based line and column, and the
    file's path relative to the kb folder (what exports show, so no machine path leaks)."""

    path: str
    line: int
    col: int
    file: str = ""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


@dataclass(frozen=True, slots=True)
class Citation:
    """A source id and one of its section ids."""

    source: str
    section: str

    def __str__(self) -> str:
        return f"{self.source}#{self.section}"


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """What a fact said before it changed, and until when."""

    value: Any
    until: str
    cites: tuple[Citation, ...]
    text: str | None = None


@dataclass(frozen=True, slots=True)
class Note:
    """A cited update, disagreement or caveat from another source."""

    id: str
    kind: str
    text: str
    cites: tuple[Citation, ...]
    confidence: str
    origin: Origin
    value: Any = None
    as_of: str | None = None
    basis: Citation | None = None
    confidence_given: bool = False


@dataclass(frozen=True, slots=True)
class Fact:
    """One atomic, cited statement: ``subject``'s ``field`` is ``value``.

    ``value`` is structured (a term id, a tuple of ids, a bool) or, for text facts, the text itself.
    """

    id: str
    subject: str
    field: str
    value: Any
    cites: tuple[Citation, ...]
    confidence: str
    origin: Origin
    text: str | None = None
    about: tuple[str, ...] = ()
    since: str | None = None
    history: tuple[HistoryEntry, ...] = ()
    notes: tuple[Note, ...] = ()
    as_of: str | None = None
    basis: Citation | None = None
    confidence_given: bool = False  # stated in the file, not defaulted from a source kind

    @property
    def main_cite(self) -> Citation | None:
        """The citation that carries the claim: ``basis``, else the first citation."""
        return self.basis or (self.cites[0] if self.cites else None)


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    title: str
    summary: str | None = None


@dataclass(frozen=True, slots=True)
class Revision:
    date: str
    text: str
    version: str | None = None


@dataclass(frozen=True, slots=True)
class Source:
    """A document facts cite: the article, a reader comment, official docs or a blog."""

    id: str
    kind: str
    title: str
    sections: tuple[Section, ...]
    origin: Origin
    author: str | None = None
    publisher: str | None = None
    url: str | None = None
    version: str | None = None
    updated: str | None = None
    retrieved: str | None = None
    in_reply_to: str | None = None
    revisions: tuple[Revision, ...] = ()
    published: str | None = None
    not_before: str | None = None

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    @property
    def date(self) -> str | None:
        """The date a statement of this source holds as of: updated, else published, else retrieved."""
        return self.updated or self.published or self.retrieved

    @property
    def dates(self) -> tuple[str, ...]:
        """Every date the source states."""
        return tuple(d for d in (self.published, self.updated, self.retrieved, self.not_before) if d)


@dataclass(frozen=True, slots=True)
class Term:
    id: str
    label: str
    group: str
    description: str | None = None
    concept: str | None = None


@dataclass(frozen=True, slots=True)
class VocabularyGroup:
    id: str
    label: str
    terms: tuple[Term, ...]
    description: str | None = None


@dataclass(frozen=True, slots=True)
class Concept:
    """A glossary entry; its definition is a cited fact."""

    id: str
    name: str
    category: str
    definition: Fact
    abbreviations: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    runs_on: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Restriction:
    """A restriction with where it applies, who lifts it and what it follows from."""

    id: str
    name: str
    fact: Fact
    applies_to: tuple[str, ...]
    lifted_by: tuple[str, ...] = ()
    follows_from: tuple[str, ...] = ()
    blocks: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Group:
    id: str
    label: str
    kind: str
    parent: str | None = None


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    concept: str
    label: str
    group: str | None = None


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    kind: str
    label: str


@dataclass(frozen=True, slots=True)
class Topology:
    """An architecture's diagram as data."""

    architecture: str
    groups: tuple[Group, ...]
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    cites: tuple[Citation, ...]


#: Structured single-valued fields of an architecture, in the order tables show them.
STRUCTURED_FIELDS = (
    "needs",
    "relation",
    "placement",
    "hosts_workloads",
    "service_types",
    "exposes_to",
    "discovery",
    "setup",
    "api_access",
    "hosted_api_can_be_disabled",
    "scope",
)

#: Fields that hold a list of text facts.
TEXT_LIST_FIELDS = ("how_it_works", "use_cases", "advantages", "limits")

#: Fields that hold a list of vocabulary-term facts.
TERM_LIST_FIELDS = ("capabilities", "traffic_controls")

#: Architectures a page or a question sets side by side at most: more columns than this do not fit
#: a screen, and more choices than this are not a question. A larger KB is taken in groups this size.
ARCHITECTURES_PER_GROUP = 8


@dataclass(frozen=True, slots=True)
class Architecture:
    """One architecture: identity plus cited structured facts."""

    id: str
    order: int
    name: str
    summary: Fact
    fields: dict[str, Fact]
    lists: dict[str, tuple[Fact, ...]]
    exposure_conditions: tuple[Fact, ...]
    concepts: tuple[str, ...]
    topology: Topology
    origin: Origin
    abbreviation: str | None = None
    aliases: tuple[str, ...] = ()
    reads_as: str | None = None

    def value(self, name: str, default: Any = None) -> Any:
        """The value of a structured field, or ``default`` when the architecture does not state it."""
        fact = self.fields.get(name)
        return fact.value if fact else default

    def terms(self, name: str) -> tuple[str, ...]:
        """Term ids of a term-list field (capabilities, traffic_controls)."""
        return tuple(f.value for f in self.lists.get(name, ()))

    @property
    def short_form(self) -> str:
        """Its abbreviation, else its name before any parenthesis ("vK8s", "Secure K8s Gateway")."""
        return self.abbreviation or self.name.split(" (")[0]

    @property
    def reading(self) -> str:
        """How running text names it: ``reads_as`` ("the Kubernetes site"), else its short form."""
        return self.reads_as or self.short_form

    @property
    def reading_capitalized(self) -> str:
        """:attr:`reading` at the start of a sentence ("The Kubernetes site"; "vK8s" stays as it is)."""
        first = self.reading.split(" ", 1)[0]
        return self.reading[:1].upper() + self.reading[1:] if first.islower() and " " in self.reading else self.reading


@dataclass(frozen=True, slots=True)
class Thread:
    """A reader question from the comments and its answers."""

    id: str
    question: Fact
    answers: tuple[Fact, ...]
    title: str | None = None
    architectures: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CNIRow:
    """Can a CE outside the cluster reach pods behind ClusterIP services with this CNI setup?"""

    fact: Fact  # value: "yes" | "no" | "conditional"
    setup: str
    platform: str
    condition: str | None = None


@dataclass(frozen=True, slots=True)
class CNITable:
    id: str
    title: str
    question: str
    rows: tuple[CNIRow, ...]
    thread: str | None = None


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
