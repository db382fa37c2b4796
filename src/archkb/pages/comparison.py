"""The comparison matrix: every structured field, capability and traffic control across the
architectures, side by side."""

from __future__ import annotations

from .. import urls
from ..model import KB, STRUCTURED_FIELDS, TERM_LIST_FIELDS, Architecture
from . import escape
from .context import PageContext, document
from .fields import FIELD_GROUPS, field_label


def header(ctx: PageContext, first: str) -> list[str]:
    archs = ctx.kb.architectures
    names = [ctx.link(a.abbreviation or a.name, urls.architecture_page(a.id), a.name) for a in archs]
    return ["| " + " | ".join([first] + names) + " |", "|" + "---|" * (len(archs) + 1)]


def page(kb: KB) -> str:
    """The Markdown of the comparison page."""
    ctx = PageContext(kb, urls.COMPARISON)
    lines = ["---", "hide:", "  - toc", "---", "", "# Comparison {#comparison}", ""]  # the wide tables get the room of the TOC
    lines += ["Every structured fact of the architectures, one column each. Follow a column header to the architecture's page.", ""]
    lines += structured(ctx)
    for name in TERM_LIST_FIELDS:
        lines += term_matrix(ctx, name)
    lines += conditions(ctx)
    lines += ctx.sources_footer()
    return document(lines)


def cell(ctx: PageContext, arch: Architecture, name: str) -> str:
    fact = arch.fields.get(name)
    if fact is None:
        return "—"
    return f"{ctx.value(fact.value)}{ctx.badge(fact.confidence)} {ctx.cite(fact.cites)}"


def structured(ctx: PageContext) -> list[str]:
    names = [n for n in STRUCTURED_FIELDS if any(n in a.fields for a in ctx.kb.architectures)]
    lines = ["## Structured fields {#fields}", ""] + header(ctx, "Field")
    for name in names:
        lines.append(f"| **{escape.text(field_label(ctx.kb, name))}** | " + " | ".join(cell(ctx, a, name) for a in ctx.kb.architectures) + " |")
    return lines + [""]


def term_matrix(ctx: PageContext, name: str) -> list[str]:
    """One row per term of the field's vocabulary group that an architecture has or a restriction blocks."""
    kb = ctx.kb
    group = kb.vocabulary.get(FIELD_GROUPS.get(name, ""))
    if group is None:
        return []
    held = {a.id: {f.value: f for f in a.lists.get(name, ())} for a in kb.architectures}
    blocked = {t for r in kb.restrictions.values() for t in r.blocks}
    terms = [t for t in group.terms if any(t.id in h for h in held.values()) or t.id in blocked]
    if not terms:
        return []
    anchor = name.replace("_", "-")
    lines = [f"## {escape.text(field_label(kb, name))} {{#{anchor}}}", ""]
    lines += ["✓ the architecture has it (cited) · ✗ a restriction rules it out · — not stated.", ""]
    lines += header(ctx, escape.text(group.label))
    for term in terms:
        cells = []
        for arch in kb.architectures:
            fact = held[arch.id].get(term.id)
            blockers = [r for r in kb.restrictions_for(arch.id) if term.id in r.blocks]
            if fact:
                cells.append(f"✓ {ctx.cite(fact.cites)}")
            elif blockers:
                cells.append("✗ " + ", ".join(ctx.link(r.name, f"{urls.RESTRICTIONS}#{urls.fact_anchor(r.fact)}") for r in blockers))
            else:
                cells.append("—")
        lines.append(f"| {ctx.term(term.id)} | " + " | ".join(cells) + " |")
    return lines + [""]


def conditions(ctx: PageContext) -> list[str]:
    archs = [a for a in ctx.kb.architectures if a.exposure_conditions]
    if not archs:
        return []
    lines = ["## Conditions on exposing Services {#conditions}", ""]
    for arch in archs:
        for cond in arch.exposure_conditions:
            lines.append(f"- {ctx.link(arch.name, urls.fact_target(ctx.kb, cond))}, {escape.text(ctx.kb.label(str(cond.value)))}: {ctx.fact_text(cond)}")
    return lines + [""]
