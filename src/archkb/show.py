"""Plain-text description of one thing in the KB, for ``archkb show ID``."""

from __future__ import annotations

from .kb.model import KB, Fact


def _value(kb: KB, value: object) -> str:
    if isinstance(value, tuple):
        return ", ".join(kb.label(str(v)) for v in value) or "(none)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return kb.label(str(value))


def fact_lines(kb: KB, fact: Fact) -> list[str]:
    """A fact as lines of text: value, citation, confidence, history and notes."""
    lines = [f"{fact.id}  ({fact.subject} / {fact.field})"]
    lines.append(f"  {fact.text}" if fact.text else f"  {_value(kb, fact.value)}")
    for cite in fact.cites:
        source = kb.sources.get(cite.source)
        section = source.section(cite.section) if source else None
        lines.append(f"  cites: {cite}" + (f" ({source.title} / {section.title})" if source and section else ""))
    lines.append(f"  confidence: {fact.confidence}    written at: {fact.origin}")
    if fact.since:
        lines.append(f"  since: {fact.since}")
    for entry in fact.history:
        lines.append(f"  until {entry.until}: {_value(kb, entry.value)}  [{', '.join(map(str, entry.cites))}]")
    for note in fact.notes:
        lines.append(f"  {note.kind} ({note.id}, {note.confidence}): {note.text}  [{', '.join(map(str, note.cites))}]")
    return lines


def describe(kb: KB, ident: str) -> str | None:
    """Text for a fact, architecture or source id; None when nothing has that id."""
    if ident in kb.facts:
        return "\n".join(fact_lines(kb, kb.facts[ident]))
    if kb.has_architecture(ident):
        arch = kb.architecture(ident)
        lines = [f"{arch.order}. {arch.name} ({arch.id})"] + fact_lines(kb, arch.summary)
        for fact in arch.fields.values():
            lines += fact_lines(kb, fact)
        return "\n".join(lines)
    source = kb.sources.get(ident)
    if source:
        lines = [f"{source.id}: {source.title} [{source.kind}]"] + [f"  #{s.id}: {s.title}" for s in source.sections]
        return "\n".join(lines)
    return None
