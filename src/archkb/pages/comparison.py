"""The comparison matrix: every structured field, capability and traffic control across the
architectures, side by side."""

from __future__ import annotations

from .. import urls
from ..kb.model import ARCHITECTURES_PER_GROUP, KB, STRUCTURED_FIELDS, TERM_LIST_FIELDS, Architecture
from . import escape
from .context import NOT_STATED, PageContext, document
from .context import pager as paged
from .fields import FIELD_GROUPS, field_label

#: Architectures per comparison page: a large KB gets several pages (``comparison.md``,
#: ``comparison-2.md``, ...), one per group of :meth:`archkb.kb.model.KB.architecture_groups`.
PAGE_SIZE = ARCHITECTURES_PER_GROUP


def chunks(kb: KB) -> list[tuple[Architecture, ...]]:
    """The architectures of each comparison page, in order (one page when there are at most PAGE_SIZE)."""
    return list(kb.architecture_groups())


def page_paths(kb: KB) -> list[str]:
    """The docs paths of the comparison pages, first to last."""
    return [urls.comparison_page(n) for n in range(1, len(chunks(kb)) + 1)]


def page_of(kb: KB, arch_id: str) -> str:
    """The comparison page that holds ``arch_id``'s column (the order of :func:`chunks`)."""
    position = kb.architecture_position(arch_id)
    return urls.comparison_page(position // PAGE_SIZE + 1) if position is not None else urls.COMPARISON


def header(ctx: PageContext, first: str, archs: tuple[Architecture, ...]) -> list[str]:
    names = [ctx.link(a.abbreviation or a.name, urls.architecture_page(a.id), a.name) for a in archs]
    return ["| " + " | ".join([first] + names) + " |", "|" + "---|" * (len(archs) + 1)]


def pages(kb: KB) -> dict[str, str]:
    """The Markdown of every comparison page, by docs path."""
    parts = chunks(kb)
    return {urls.comparison_page(n): _page(kb, n, len(parts), archs) for n, archs in enumerate(parts, 1)}


def page(kb: KB) -> str:
    """The Markdown of the (first) comparison page."""
    return _page(kb, 1, len(chunks(kb)), chunks(kb)[0])


def _page(kb: KB, number: int, count: int, archs: tuple[Architecture, ...]) -> str:
    ctx = PageContext(kb, urls.comparison_page(number))
    title = "Comparison" if count == 1 else f"Comparison, architectures {archs[0].order} to {archs[-1].order}"
    lines = [
        "---",
        "hide:",
        "  - toc",
        "---",
        "",
        f"# {title} {{#comparison}}",
        "",
    ]  # the wide tables get the room of the TOC
    lines += [
        "Every structured fact of the architectures, one column each. Follow a column header to the "
        "architecture's page.",
        "",
    ]
    lines += pager(ctx, number, count)
    lines += structured(ctx, archs)
    for name in TERM_LIST_FIELDS:
        lines += term_matrix(ctx, name, archs)
    lines += conditions(ctx, archs)
    lines += ctx.sources_footer()
    return document(lines)


def pager(ctx: PageContext, number: int, count: int) -> list[str]:
    """Links to every comparison page (nothing when there is only one)."""
    return paged(ctx, number, count, urls.comparison_page, f"{PAGE_SIZE} architectures a page")


def cell(ctx: PageContext, arch: Architecture, name: str) -> str:
    fact = arch.fields.get(name)
    if fact is None:
        return NOT_STATED
    if fact.value == ():
        return f"{NOT_STATED} {ctx.cite(fact.cites)}"
    return f"{ctx.value(fact.value)}{ctx.badge(fact.confidence)} {ctx.cite(fact.cites)}"


def structured(ctx: PageContext, archs: tuple[Architecture, ...]) -> list[str]:
    names = [n for n in STRUCTURED_FIELDS if any(n in a.fields for a in archs)]
    lines = ["## Structured fields {#fields}", ""] + header(ctx, "Field", archs)
    for name in names:
        lines.append(
            f"| **{escape.text(field_label(ctx.kb, name))}** | " + " | ".join(cell(ctx, a, name) for a in archs) + " |"
        )
    return lines + [""]


def term_matrix(ctx: PageContext, name: str, archs: tuple[Architecture, ...]) -> list[str]:
    """One row per term of the field's vocabulary group that an architecture has or a restriction blocks."""
    kb = ctx.kb
    group = kb.vocabulary.get(FIELD_GROUPS.get(name, ""))
    if group is None:
        return []
    held = {a.id: {f.value: f for f in a.lists.get(name, ())} for a in archs}
    blocked = kb.blocked_terms()
    terms = [t for t in group.terms if any(t.id in h for h in held.values()) or t.id in blocked]
    if not terms:
        return []
    anchor = name.replace("_", "-")
    lines = [f"## {escape.text(field_label(kb, name))} {{#{anchor}}}", ""]
    lines += [
        "✓ the architecture has it (cited) · ✗ a restriction rules it out · ? only our inference rules it out · — "
        "not stated in the sources.",
        "",
    ]
    lines += header(ctx, escape.text(group.label), archs)
    for term in terms:
        cells = []
        for arch in archs:
            fact = held[arch.id].get(term.id)
            blockers = [r for r in kb.restrictions_for(arch.id) if term.id in r.blocks]
            sure = [r for r in blockers if r.fact.confidence != "low"]
            if fact:
                cells.append(f"✓ {ctx.cite(fact.cites)}")
            elif blockers:
                shown = sure or blockers
                mark = "✗ " if sure else "? "
                links = [
                    ctx.link(r.name, f"{urls.RESTRICTIONS}#{urls.fact_anchor(r.fact)}") + ctx.badge(r.fact.confidence)
                    for r in shown
                ]
                cells.append(mark + ", ".join(links))
            else:
                cells.append("—")
        lines.append(f"| {ctx.term(term.id)} | " + " | ".join(cells) + " |")
    return lines + [""]


def conditions(ctx: PageContext, archs: tuple[Architecture, ...]) -> list[str]:
    stated = [a for a in archs if a.exposure_conditions]
    if not stated:
        return []
    lines = ["## Conditions on exposing Services {#conditions}", ""]
    for arch in stated:
        for cond in arch.exposure_conditions:
            lines.append(
                f"- {ctx.link(arch.name, urls.fact_target(ctx.kb, cond))}, "
                f"{escape.text(ctx.kb.label(str(cond.value)))}: {ctx.fact_text(cond)}"
            )
    return lines + [""]
