"""The restrictions page: each restriction, where it applies, what lifts it, what it rules out and
what it follows from."""

from __future__ import annotations

from .. import urls
from ..kb.model import KB, Restriction
from . import escape
from .context import PageContext, counted, document


def page(kb: KB) -> str:
    """The Markdown of the restrictions page."""
    ctx = PageContext(kb, urls.RESTRICTIONS)
    lines = ["# Restrictions {#restrictions}", ""]
    lines += intro(ctx)
    lines += summary_table(ctx)
    for r in kb.restrictions.values():
        lines += section(ctx, r)
    lines += ctx.sources_footer()
    return document(lines)


def names(ctx: PageContext, ids: tuple[str, ...]) -> str:
    """Labels of terms or architectures (architectures by their short name), linked."""
    return ", ".join(ctx.architecture(i) if ctx.kb.has_architecture(i) else ctx.term(i) for i in ids) or "—"


def intro(ctx: PageContext) -> list[str]:
    """One sentence per architecture that has restrictions: how many, and who lifts them."""
    kb = ctx.kb
    lines = []
    for arch_id in kb.architecture_ids():
        own = kb.restrictions_for(arch_id)
        if not own:
            continue
        lifters = sorted(
            {a for r in own for a in r.lifted_by}, key=lambda a: kb.architecture_position(a) or 0
        )  # architectures are in order
        sentence = f"{counted(len(own), 'restriction', 'applies', 'apply')} to {reading_link(ctx, arch_id)}"
        if lifters:
            lifted = sum(1 for r in own if r.lifted_by)
            of_them = "it is" if len(own) == 1 else f"{lifted} of them {'are' if lifted != 1 else 'is'}"
            sentence += f"; {of_them} lifted by " + ", ".join(reading_link(ctx, a) for a in lifters)
        lines.append(f"- {sentence}.")
    return lines + [""] if lines else []


def reading_link(ctx: PageContext, arch_id: str) -> str:
    """An architecture as running text names it ("the Kubernetes site"), linked to its page."""
    reading, name = ctx.kb.architecture_reading(arch_id) or (arch_id, arch_id)
    return ctx.link(reading, urls.architecture_page(arch_id), name)


def restriction_links(ctx: PageContext, ids: tuple[str, ...]) -> str:
    """Links to restrictions on this page, by id."""
    found = [ctx.kb.restrictions[i] for i in ids if i in ctx.kb.restrictions]
    return ", ".join(ctx.link(r.name, f"#{urls.fact_anchor(r.fact)}") for r in found) or "—"


def summary_table(ctx: PageContext) -> list[str]:
    """One row per restriction: where it applies, who lifts it, what it rules out. What it follows
    from is in its section, so the table fits a laptop screen beside the page's contents."""
    lines = ["| Restriction | Applies to | Lifted by | Rules out |", "|---|---|---|---|"]
    for r in ctx.kb.restrictions.values():
        name = restriction_links(ctx, (r.id,))
        lines.append(f"| {name} | {names(ctx, r.applies_to)} | {names(ctx, r.lifted_by)} | {names(ctx, r.blocks)} |")
    return lines + [""]


def section(ctx: PageContext, r: Restriction) -> list[str]:
    kb = ctx.kb
    lines = [f"## {escape.text(r.name)} {{#{urls.fact_anchor(r.fact)}}}", ""]
    lines += ['!!! warning "Restriction"', "", f"    {ctx.fact_text(r.fact)}", ""]
    facts = [f"- **Applies to:** {names(ctx, r.applies_to)}"]
    if r.lifted_by:
        facts.append(f"- **Lifted by:** {names(ctx, r.lifted_by)}")
    if r.blocks:
        facts.append(f"- **Rules out:** {names(ctx, r.blocks)}")
    if r.follows_from:
        facts.append(f"- **Follows from:** {restriction_links(ctx, r.follows_from)}")
    consequences = kb.restrictions_following(r.id)
    if consequences:
        facts.append(f"- **Leads to:** {restriction_links(ctx, tuple(o.id for o in consequences))}")
    concepts = [c for c in r.fact.about if kb.has_concept(c)]
    if concepts:
        facts.append(f"- **Concepts:** {names(ctx, tuple(concepts))}")
    lines += facts + [""]
    for note in r.fact.notes:
        lines += ctx.note_block(note)
    return lines
