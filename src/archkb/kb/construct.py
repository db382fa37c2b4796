"""Turn schema-valid, reference-checked kb files into the typed model (:mod:`archkb.kb.model`)."""

from __future__ import annotations

from typing import Any

from .model import (
    KB,
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
from .reader import Document, PathKey
from .references import kind_of

#: Confidence of a fact that does not state one, from the kind of its first cited source.
DEFAULT_CONFIDENCE = {"article": "high", "official-doc": "high", "comment": "medium", "blog": "medium"}


def frozen(value: Any) -> Any:
    """Lists become tuples, recursively, so model values are immutable."""
    if isinstance(value, list):
        return tuple(frozen(v) for v in value)
    return value


class Builder:
    """Builds the model; holds the source kinds needed for default confidences."""

    def __init__(self, docs: list[Document]) -> None:
        self.docs = docs
        self.source_kinds: dict[str, str] = {}
        self.facts: dict[str, Fact] = {}

    def of_kind(self, kind: str) -> list[Document]:
        return [d for d in self.docs if kind_of(d) == kind]

    def build(self) -> KB:
        sources = {s.id: s for d in self.of_kind("sources") for s in self.sources(d)}
        self.source_kinds = {s.id: s.kind for s in sources.values()}
        vocabulary = {g.id: g for d in self.of_kind("vocabulary") for g in self.vocabulary(d)}
        concepts = {c.id: c for d in self.of_kind("concepts") for c in self.concepts(d)}
        restrictions = {r.id: r for d in self.of_kind("restrictions") for r in self.restrictions(d)}
        architectures = tuple(
            sorted((self.architecture(d) for d in self.of_kind("architecture")), key=lambda a: (a.order, a.id))
        )
        threads: list[Thread] = []
        cni: CNITable | None = None
        for doc in self.of_kind("qa"):
            threads += self.threads(doc)
            cni = self.cni_table(doc) or cni
        raw = {kind: [d.data for d in self.of_kind(kind)] for kind in ("questions",)}
        return KB(
            sources,
            vocabulary,
            concepts,
            architectures,
            restrictions,
            tuple(threads),
            cni,
            dict(sorted(self.facts.items())),
            raw,
        )

    # -- facts -----------------------------------------------------------------------------

    def origin(self, doc: Document, path: PathKey) -> Origin:
        line, col = doc.where(path)
        return Origin(doc.path, line, col, doc.name)

    def cites(self, value: Any) -> tuple[Citation, ...]:
        items = [value] if isinstance(value, str) else list(value or [])
        return tuple(Citation(*item.split("#", 1)) for item in items)

    def confidence(self, data: dict[str, Any], cites: tuple[Citation, ...]) -> str:
        """The stated confidence, else the default of the kind of the source that carries the claim
        (``basis``, else the first citation)."""
        if data.get("confidence"):
            return str(data["confidence"])
        main = self.cites(data["basis"])[0] if data.get("basis") else (cites[0] if cites else None)
        return DEFAULT_CONFIDENCE.get(self.source_kinds.get(main.source, ""), "medium") if main else "low"

    def fact(
        self,
        doc: Document,
        path: PathKey,
        data: dict[str, Any],
        subject: str,
        field: str,
        *,
        ident: str | None = None,
        value: Any = None,
        text: str | None = None,
        about: tuple[str, ...] = (),
    ) -> Fact:
        """A Fact from one cited mapping; registers it in the fact index."""
        cites = self.cites(data.get("cite"))
        fact = Fact(
            id=ident or str(data["id"]),
            subject=subject,
            field=field,
            value=frozen(value if value is not None else data.get("value", data.get("text"))),
            cites=cites,
            confidence=self.confidence(data, cites),
            origin=self.origin(doc, path),
            text=text if text is not None else data.get("text"),
            about=tuple(data.get("concepts") or ()) + about,
            since=data.get("since"),
            history=tuple(
                HistoryEntry(frozen(h["value"]), h["until"], self.cites(h["cite"]), h.get("text"))
                for h in data.get("history") or ()
            ),
            notes=tuple(self.note(doc, path + ("notes", i), n) for i, n in enumerate(data.get("notes") or ())),
            as_of=data.get("as_of"),
            basis=self.cites(data["basis"])[0] if data.get("basis") else None,
            confidence_given=bool(data.get("confidence")),
        )
        self.facts[fact.id] = fact
        return fact

    def note(self, doc: Document, path: PathKey, data: dict[str, Any]) -> Note:
        cites = self.cites(data["cite"])
        return Note(
            data["id"],
            data["kind"],
            data["text"],
            cites,
            self.confidence(data, cites),
            self.origin(doc, path),
            frozen(data.get("value")),
            data.get("as_of"),
            self.cites(data["basis"])[0] if data.get("basis") else None,
            bool(data.get("confidence")),
        )

    # -- kinds -----------------------------------------------------------------------------

    def sources(self, doc: Document) -> list[Source]:
        return [
            Source(
                id=s["id"],
                kind=s["kind"],
                title=s["title"],
                origin=self.origin(doc, ("sources", i)),
                sections=tuple(Section(x["id"], x["title"], x.get("summary")) for x in s["sections"]),
                author=s.get("author"),
                publisher=s.get("publisher"),
                url=s.get("url"),
                version=s.get("version"),
                updated=s.get("updated"),
                retrieved=s.get("retrieved"),
                published=s.get("published"),
                not_before=s.get("not_before"),
                in_reply_to=s.get("in_reply_to"),
                revisions=tuple(Revision(r["date"], r["text"], r.get("version")) for r in s.get("revisions") or ()),
            )
            for i, s in enumerate(doc.data["sources"])
        ]

    def vocabulary(self, doc: Document) -> list[VocabularyGroup]:
        return [
            VocabularyGroup(
                gid,
                g["label"],
                tuple(Term(t["id"], t["label"], gid, t.get("description"), t.get("concept")) for t in g["terms"]),
                g.get("description"),
            )
            for gid, g in doc.data["groups"].items()
        ]

    def concepts(self, doc: Document) -> list[Concept]:
        out = []
        for i, c in enumerate(doc.data["concepts"]):
            definition = self.fact(
                doc,
                ("concepts", i),
                c,
                c["id"],
                "definition",
                ident=c["id"],
                value=c["definition"],
                text=c["definition"],
            )
            out.append(
                Concept(
                    c["id"],
                    c["name"],
                    c["category"],
                    definition,
                    tuple(c.get("abbreviations") or ()),
                    tuple(c.get("aliases") or ()),
                    tuple(c.get("related") or ()),
                    tuple(c.get("runs_on") or ()),
                )
            )
        return out

    def restrictions(self, doc: Document) -> list[Restriction]:
        out = []
        for i, r in enumerate(doc.data["restrictions"]):
            fact = self.fact(doc, ("restrictions", i), r, r["id"], "restriction", value=r["text"])
            out.append(
                Restriction(
                    r["id"],
                    r["name"],
                    fact,
                    tuple(r["applies_to"]),
                    tuple(r.get("lifted_by") or ()),
                    tuple(r.get("follows_from") or ()),
                    tuple(r.get("blocks") or ()),
                )
            )
        return out

    def architecture(self, doc: Document) -> Architecture:
        data = doc.data
        aid = data["id"]
        fields = {
            name: self.fact(doc, (name,), data[name], aid, name, ident=f"{aid}.{name}")
            for name in STRUCTURED_FIELDS
            if name in data
        }
        lists: dict[str, tuple[Fact, ...]] = {}
        for name in TEXT_LIST_FIELDS:
            lists[name] = tuple(
                self.fact(doc, (name, i), item, aid, name) for i, item in enumerate(data.get(name) or ())
            )
        for name in TERM_LIST_FIELDS:
            lists[name] = tuple(
                self.fact(doc, (name, i), item, aid, name, ident=f"{aid}.{name}.{item['term']}", value=item["term"])
                for i, item in enumerate(data.get(name) or ())
            )
        conditions = tuple(
            self.fact(
                doc,
                ("exposure_conditions", i),
                c,
                aid,
                "exposure_conditions",
                value=c["service_type"],
                text=c["condition"],
                about=(c["qa"],) if c.get("qa") else (),
            )
            for i, c in enumerate(data.get("exposure_conditions") or ())
        )
        summary = self.fact(doc, ("summary",), data["summary"], aid, "summary")
        return Architecture(
            id=aid,
            order=data["order"],
            name=data["name"],
            summary=summary,
            fields=fields,
            lists=lists,
            exposure_conditions=conditions,
            concepts=tuple(data["concepts"]),
            topology=self.topology(aid, data["topology"]),
            origin=self.origin(doc, ()),
            abbreviation=data.get("abbreviation"),
            aliases=tuple(data.get("aliases") or ()),
            reads_as=data.get("reads_as"),
        )

    def topology(self, aid: str, data: dict[str, Any]) -> Topology:
        return Topology(
            architecture=aid,
            groups=tuple(Group(g["id"], g["label"], g["kind"], g.get("parent")) for g in data.get("groups") or ()),
            nodes=tuple(Node(n["id"], n["concept"], n["label"], n.get("group")) for n in data["nodes"]),
            edges=tuple(Edge(e["from"], e["to"], e["kind"], e["label"]) for e in data["edges"]),
            cites=self.cites(data["cite"]),
        )

    def threads(self, doc: Document) -> list[Thread]:
        out = []
        for i, t in enumerate(doc.data["threads"]):
            question = self.fact(doc, ("threads", i, "question"), t["question"], t["id"], "question")
            answers = tuple(
                self.fact(doc, ("threads", i, "answers", j), a, t["id"], "answer") for j, a in enumerate(t["answers"])
            )
            out.append(Thread(t["id"], question, answers, t.get("title"), tuple(t.get("architectures") or ())))
        return out

    def cni_table(self, doc: Document) -> CNITable | None:
        table = doc.data.get("cni_table")
        if not table:
            return None
        rows = tuple(
            CNIRow(
                self.fact(
                    doc,
                    ("cni_table", "rows", i),
                    r,
                    table["id"],
                    "reachable",
                    value=r["reachable"],
                    text=r.get("condition"),
                ),
                r["setup"],
                r["platform"],
                r.get("condition"),
            )
            for i, r in enumerate(table["rows"])
        )
        return CNITable(table["id"], table["title"], table["question"], rows, table.get("thread"))


def build_model(docs: list[Document]) -> KB:
    """The typed model of already-checked documents."""
    return Builder(docs).build()
