"""The records of the typed model: sources, facts, concepts, restrictions, architectures and their
topologies, threads and the CNI table, as frozen dataclasses compared by value.

:mod:`archkb.kb.model` puts them together in :class:`~archkb.kb.model.KB` and re-exports them.
"""

from __future__ import annotations

from dataclasses import dataclass
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
