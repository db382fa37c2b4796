"""What changed: facts whose value changed over time (their history), cited updates and
disagreements from later sources, and the revisions of the sources themselves."""

from __future__ import annotations

from .. import urls
from ..kb.model import KB, Fact, Note
from . import escape
from .context import PageContext, document
from .fields import field_label


def page(kb: KB) -> str:
    """The Markdown of the What changed page."""
    ctx = PageContext(kb, urls.CHANGES)
    lines = ["# What changed {#what-changed}", ""]
    lines += [
        "Facts keep their history: what a source said before, until when, and what later sources add or dispute.",
        "",
    ]
    lines += history(ctx)
    lines += notes(ctx, "update", "Updates from other sources", "updates")
    lines += notes(ctx, "disagreement", "Disagreements between sources", "disagreements")
    lines += revisions(ctx)
    lines += ctx.sources_footer()
    return document(lines)


def fact_title(kb: KB, fact: Fact) -> str:
    """ "Subject: field" for a fact, with labels."""
    return f"{kb.label(fact.subject)}: {field_label(kb, fact.field)}"


def shown(ctx: PageContext, fact: Fact, value: object, text: str | None) -> str:
    if text:
        return escape.text(text)
    return ctx.value(value) if not isinstance(value, str) or not fact.text else escape.text(value)


def history(ctx: PageContext) -> list[str]:
    kb = ctx.kb
    facts = kb.facts_with_history()
    if not facts:
        return []
    lines = ["## Facts that changed {#facts-that-changed}", ""]
    for fact in facts:
        lines += [f"### {escape.text(fact_title(kb, fact))} {{#{urls.history_anchor(fact)}}}", ""]
        lines += ["| When | Value | Source |", "|---|---|---|"]
        for entry in fact.history:
            lines.append(
                f"| until {escape.text(entry.until)} | {shown(ctx, fact, entry.value, entry.text)} | "
                f"{ctx.cite(entry.cites)} |"
            )
        since = f"since {escape.text(fact.since)}" if fact.since else "now"
        lines.append(f"| {since} | {shown(ctx, fact, fact.value, fact.text)} | {ctx.cite(fact.cites)} |")
        for note in dated_values(fact):
            lines.append(
                f"| as of {escape.text(note.as_of or '')}, another source | {ctx.value(note.value)}: "
                f"{escape.text(note.text)} | {ctx.cite(note.cites)} |"
            )
        lines += ["", f"The current fact: {ctx.link(fact_title(kb, fact), urls.fact_target(kb, fact))}.", ""]
    return lines


def dated_values(fact: Fact) -> list[Note]:
    """Dated updates that give the fact another value: later stages of its history from other
    sources (F5's current documentation after the article's revision), in date order."""
    return sorted(
        (n for n in fact.notes if n.kind == "update" and n.as_of and n.value is not None), key=lambda n: n.as_of or ""
    )


def notes(ctx: PageContext, kind: str, heading: str, anchor: str) -> list[str]:
    kb = ctx.kb
    found: list[tuple[Fact, Note]] = [(f, n) for f in kb.facts_with_notes() for n in f.notes if n.kind == kind]
    if not found:
        return []
    lines = [f"## {escape.text(heading)} {{#{anchor}}}", ""]
    for fact, note in sorted(found, key=lambda fn: (fn[1].as_of or "", fn[1].id), reverse=True):
        when = f"**{escape.text(note.as_of)}** " if note.as_of else ""
        target = f"{urls.fact_page(kb, fact)}#{urls.note_anchor(note)}"
        lines.append(
            f"- {when}{ctx.link(fact_title(kb, fact), target)}: "
            f"{escape.text(note.text)}{ctx.badge(note.confidence)} {ctx.cite(note.cites)}"
        )
    return lines + [""]


def revisions(ctx: PageContext) -> list[str]:
    kb = ctx.kb
    found = [(s, r) for s in kb.sources.values() for r in s.revisions]
    if not found:
        return []
    lines = ["## Revisions of the sources {#revisions}", ""]
    for source, rev in sorted(found, key=lambda sr: (sr[1].date, sr[0].id), reverse=True):
        version = f" (version {escape.text(rev.version)})" if rev.version else ""
        lines.append(
            f"- **{escape.text(rev.date)}**{version}, "
            f"{ctx.link(source.title, urls.source_target(kb, source.id))}: {escape.text(rev.text)}"
        )
    return lines + [""]
