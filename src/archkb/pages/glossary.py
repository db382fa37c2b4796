"""The glossary (one section per concept, anchored by concept id) and the abbreviation
definitions that give every page its tooltips (Python-Markdown's abbr extension)."""

from __future__ import annotations

import re

from .. import urls
from ..kb.model import KB, Concept
from . import escape
from .context import PageContext, document
from .fields import CATEGORY_LABELS

#: How much more a match on the glossary weighs in the site search than one on another page.
SEARCH_BOOST = 4


def page(kb: KB) -> str:
    """The Markdown of the glossary."""
    ctx = PageContext(kb, urls.GLOSSARY)
    # Ranked above other pages in search, so "CRD" or "pK8s" finds its entry first (Material's search boost).
    lines = ["---", "search:", f"  boost: {SEARCH_BOOST}", "---", "", "# Glossary {#glossary}", ""]
    lines += [
        "Every concept the architectures build on. Abbreviations show their meaning when you hover them, on every "
        "page.",
        "",
    ]
    lines += abbreviation_table(ctx)
    categories = list(CATEGORY_LABELS) + sorted({c.category for c in kb.concepts.values()} - set(CATEGORY_LABELS))
    for category in categories:
        concepts = sorted((c for c in kb.concepts.values() if c.category == category), key=lambda c: c.name.casefold())
        if not concepts:
            continue
        lines += [f"## {escape.text(CATEGORY_LABELS.get(category, category))} {{#category-{category}}}", ""]
        for concept in concepts:
            lines += entry(ctx, concept)
    lines += ctx.sources_footer()
    return document(lines)


def abbreviation_table(ctx: PageContext) -> list[str]:
    rows = abbreviations(ctx.kb)
    if not rows:
        return []
    lines = ["## Abbreviations {#abbreviations}", "", "| Abbreviation | Stands for |", "|---|---|"]
    for abbr, target, name, _ in rows:
        lines.append(f"| {escape.text(abbr)} | {ctx.link(name, target)} |")
    return lines + [""]


def entry(ctx: PageContext, concept: Concept) -> list[str]:
    kb = ctx.kb
    # Abbreviations in the heading: search weighs a title match far above one in text.
    shown = [a for a in concept.abbreviations if a != concept.name]
    title = concept.name + (f" ({', '.join(shown)})" if shown else "")
    lines = [f"### {escape.text(title)} {{#{urls.fact_anchor(concept.definition)}}}", ""]
    also = list(concept.abbreviations) + list(concept.aliases)
    if also:
        lines += ["*Also:* " + ", ".join(escape.text(a) for a in also), "{: .archkb-aliases }", ""]
    lines += [ctx.fact_text(concept.definition), ""]
    for note in concept.definition.notes:
        lines += ctx.note_block(note)
    details = []
    if concept.related:
        details.append("**Related:** " + ", ".join(ctx.term(r) for r in concept.related))
    if concept.runs_on:
        details.append("**Runs on:** " + ", ".join(ctx.term(p) for p in concept.runs_on))
    used = kb.architecture_ids_using(concept.id)
    if used:
        details.append("**Architectures:** " + ", ".join(ctx.term(a) for a in used))
    if details:
        lines += ["<br>".join(details), ""]
    return lines


def first_sentence(text: str) -> str:
    match = re.match(r"(.+?[.!?])(\s|$)", escape.plain(text))
    return match.group(1) if match else escape.plain(text)


def abbreviations(kb: KB) -> list[tuple[str, str, str, str]]:
    """(abbreviation, docs-relative target, name, tooltip) for every concept and architecture
    abbreviation, concepts first; an abbreviation already taken is not defined twice."""
    rows: dict[str, tuple[str, str, str, str]] = {}
    for concept in sorted(kb.concepts.values(), key=lambda c: c.id):
        for abbr in concept.abbreviations:
            if abbr != concept.name:
                rows.setdefault(
                    abbr,
                    (
                        abbr,
                        urls.concept_target(concept.id),
                        concept.name,
                        f"{concept.name}: {first_sentence(concept.definition.text or '')}",
                    ),
                )
    for arch_id, abbr, name, summary in kb.architecture_abbreviations():
        if abbr != name:
            rows.setdefault(abbr, (abbr, urls.architecture_page(arch_id), name, f"{name}: {first_sentence(summary)}"))
    return sorted(rows.values(), key=lambda r: r[0].casefold())


def abbreviation_block(kb: KB) -> str:
    """Abbreviation definitions to append to every page (``*[RE]: Regional Edge: ...``); an
    all-capitals abbreviation also gets its plural (``REs``), so "three REs" shows the tooltip too.

    One blank line between definitions: Python-Markdown re-tests the rest of a block after each
    definition it takes, so one block of N definitions costs O(N^2) per page (x10 KB: 4x the build).
    """
    rows = abbreviations(kb)
    taken = {abbr for abbr, _, _, _ in rows}
    plurals = [(f"{abbr}s", tip) for abbr, _, _, tip in rows if abbr[-1].isupper() and f"{abbr}s" not in taken]
    defined = sorted([(abbr, tip) for abbr, _, _, tip in rows] + plurals, key=lambda r: r[0].casefold())
    lines = [f"*[{abbr}]: {escape.abbreviation(tip)}" for abbr, tip in defined]
    return "\n\n".join(lines) + "\n" if lines else ""


def with_abbreviations(markdown: str, block: str) -> str:
    """A page's Markdown with the abbreviation definitions appended (a no-op for an empty block)."""
    if not block:
        return markdown
    return markdown.rstrip("\n") + "\n\n" + block
