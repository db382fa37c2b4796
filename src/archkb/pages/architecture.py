"""One page per architecture: summary, diagram, how it works, what it needs, what you set up,
what it exposes and when, restrictions, capabilities, use cases, advantages, limits, concepts."""

from __future__ import annotations

from .. import urls
from ..kb.model import KB, Architecture, Fact, Restriction
from . import comparison, escape
from .context import PageContext, counted, document
from .fields import field_label

#: Structured fields shown in the "At a glance" table (the rest have sections of their own).
GLANCE_FIELDS = (
    "relation",
    "placement",
    "hosts_workloads",
    "scope",
    "api_access",
    "hosted_api_can_be_disabled",
    "discovery",
)


def title(arch: Architecture) -> str:
    """The page title: the name, plus the abbreviation when the name does not contain it."""
    if arch.abbreviation and arch.abbreviation not in arch.name:
        return f"{arch.name} ({arch.abbreviation})"
    return arch.name


def page(kb: KB, arch: Architecture, diagram_alt: str | None = None, check: bool = False) -> str:
    """The Markdown of ``arch``'s page; ``diagram_alt`` is None when no diagram was rendered; ``check``
    appends the "Check yourself" block (when the site has the quiz)."""
    ctx = PageContext(kb, urls.architecture_page(arch.id))
    lines = [f"# {escape.text(title(arch))} {{#{arch.id}}}", ""]
    lines += [f'<p class="archkb-kicker">Architecture {arch.order} of {kb.architecture_count()}</p>', ""]
    lines += [f"{ctx.fact_text(arch.summary)}", f"{{: #{urls.fact_anchor(arch.summary)} .archkb-lead }}", ""]
    lines += also_called(arch)
    for note in arch.summary.notes:
        lines += ctx.note_block(note)
    lines += diagram(ctx, arch, diagram_alt)
    lines += fact_list(ctx, arch, "how_it_works", "how-it-works")
    lines += at_a_glance(ctx, arch)
    lines += needs(ctx, arch)
    lines += setup(ctx, arch)
    lines += exposure(ctx, arch)
    lines += restrictions(ctx, arch)
    lines += term_list(ctx, arch, "capabilities")
    lines += term_list(ctx, arch, "traffic_controls")
    for name in ("use_cases", "advantages", "limits"):
        lines += fact_list(ctx, arch, name, name.replace("_", "-"))
    lines += related(ctx, arch)
    if check:
        lines += check_yourself(ctx, arch)
    lines += ctx.sources_footer()
    return document(lines)


def also_called(arch: Architecture) -> list[str]:
    """The other names learners meet for it (the article's aliases), so a search for one finds the page."""
    names = [n for n in arch.aliases if n not in (arch.name, arch.abbreviation)]
    if not names:
        return []
    return ["*Also called:* " + ", ".join(f"“{escape.text(n)}”" for n in names), "{: .archkb-aliases }", ""]


def diagram(ctx: PageContext, arch: Architecture, alt: str | None) -> list[str]:
    lines = ["## Diagram {#diagram}", ""]
    if alt is None:
        return lines + [
            '!!! info "Diagram not rendered"',
            "",
            "    The diagram renderer was not available when this site was built.",
            "",
        ]
    image = urls.relative(ctx.path, urls.diagram_file(arch.id))
    short = escape.text(f"Diagram of {arch.reading}, described in text below it")
    lines += [f'[![{short}]({image}){{ .archkb-diagram }}]({image} "Open the diagram full size")', ""]
    lines += [f"Topology of {escape.text(arch.reading)} {ctx.cite(arch.topology.cites)}", "{: .archkb-caption }", ""]
    lines += ['??? abstract "The diagram as text"', "", f"    {escape.text(alt)}", ""]
    topo = arch.topology
    if topo.edges:
        labels = {n.id: n.label for n in topo.nodes}
        for edge in topo.edges:
            source, target = (
                escape.text(labels.get(edge.source, edge.source)),
                escape.text(labels.get(edge.target, edge.target)),
            )
            lines.append(
                f"    - {source} → {target}: {escape.text(edge.label)} ({escape.text(ctx.kb.label(edge.kind))})"
            )
        lines.append("")
    return lines


def fact_list(ctx: PageContext, arch: Architecture, name: str, anchor: str) -> list[str]:
    facts = arch.lists.get(name, ())
    if not facts:
        return []
    lines = [f"## {escape.text(field_label(ctx.kb, name))} {{#{anchor}}}", ""]
    for fact in facts:
        lines += ctx.fact_item(fact)
    return lines + [""]


def field_row(ctx: PageContext, arch: Architecture, name: str) -> str:
    fact = arch.fields[name]
    label = f"{ctx.anchor(urls.fact_anchor(fact))}{escape.text(field_label(ctx.kb, name))}"
    return f"| {label} | {ctx.value(fact.value)}{ctx.badge(fact.confidence)} | {ctx.cite(fact.cites)} |"


def field_notes(ctx: PageContext, facts: list[Fact]) -> list[str]:
    """Notes and history of structured facts, shown after the table that holds them."""
    lines: list[str] = []
    for fact in facts:
        if fact.history:
            before = "; ".join(f"until {h.until}: {ctx.value(h.value)} {ctx.cite(h.cites)}" for h in fact.history)
            since = f"since {fact.since}: " if fact.since else "now: "
            lines += [
                f'!!! info "{escape.admonition_title(field_label(ctx.kb, fact.field))} changed"',
                "",
                f"    {before}; {since}{ctx.value(fact.value)}. See "
                f"{ctx.link('what changed', f'{urls.CHANGES}#{urls.history_anchor(fact)}')}.",
                "",
            ]
        for note in fact.notes:
            lines += ctx.note_block(note)
    return lines


def at_a_glance(ctx: PageContext, arch: Architecture) -> list[str]:
    names = [n for n in GLANCE_FIELDS if n in arch.fields]
    if not names:
        return []
    lines = ["## At a glance {#at-a-glance}", "", "| Field | Value | Source |", "|---|---|---|"]
    lines += [field_row(ctx, arch, n) for n in names]
    lines += [
        "",
        f"All fields side by side with the other architectures: "
        f"{ctx.link('comparison', comparison.page_of(ctx.kb, arch.id))}.",
        "",
    ]
    return lines + field_notes(ctx, [arch.fields[n] for n in names])


def described_terms(ctx: PageContext, fact: Fact, numbered: bool = False) -> list[str]:
    """Each term of a list-valued fact with its description, then the fact's citation."""
    lines = []
    for i, ident in enumerate(fact.value, start=1):
        term = ctx.kb.term(str(ident))
        desc = f": {escape.text(term.description)}" if term and term.description else ""
        lines.append(f"{f'{i}.' if numbered else '-'} {ctx.term(str(ident))}{desc}")
    lines += ["", f"{ctx.anchor(urls.fact_anchor(fact))}Source: {ctx.cite(fact.cites)}{ctx.badge(fact.confidence)}", ""]
    return lines + field_notes(ctx, [fact])


def needs(ctx: PageContext, arch: Architecture) -> list[str]:
    fact = arch.fields.get("needs")
    if not fact:
        return []
    return ["## What it needs {#needs}", ""] + described_terms(ctx, fact)


def setup(ctx: PageContext, arch: Architecture) -> list[str]:
    fact = arch.fields.get("setup")
    if not fact:
        return []
    return ["## What you set up {#setup}", ""] + described_terms(ctx, fact, numbered=True)


def exposure(ctx: PageContext, arch: Architecture) -> list[str]:
    names = [n for n in ("service_types", "exposes_to") if n in arch.fields]
    if not names and not arch.exposure_conditions:
        return []
    lines = ["## What it exposes {#exposes}", "", "| Field | Value | Source |", "|---|---|---|"]
    lines += [field_row(ctx, arch, n) for n in names] + [""]
    lines += field_notes(ctx, [arch.fields[n] for n in names])
    for cond in arch.exposure_conditions:
        lines += [f'!!! tip "Condition for {escape.admonition_title(ctx.kb.label(str(cond.value)))}"', ""]
        lines.append(f"    {ctx.anchor(urls.fact_anchor(cond))}{ctx.fact_text(cond)}")
        threads = ctx.kb.threads_named(cond.about)
        for thread in threads:
            lines += [
                "",
                f"    Explained in the reader Q&A: "
                f"{ctx.link(thread.title or thread.question.text or thread.id, f'{urls.QA}#{thread.id}')}.",
            ]
        lines.append("")
        for note in cond.notes:
            lines += ctx.note_block(note)
    return lines


def restrictions(ctx: PageContext, arch: Architecture) -> list[str]:
    kb = ctx.kb
    applies, lifts = kb.restrictions_for(arch.id), kb.restrictions_lifted_by(arch.id)
    if not applies and not lifts:
        return []
    lines = ["## Restrictions {#restrictions}", ""]
    if applies:
        count = counted(len(applies), "restriction", "applies", "apply")
        lines += [
            f'!!! warning "{count}"',
            "",
            "    | Restriction | What it says | Rules out | Lifted by |",
            "    |---|---|---|---|",
        ]
        for r in applies:
            name = ctx.link(r.name, f"{urls.RESTRICTIONS}#{urls.fact_anchor(r.fact)}")
            blocks = ", ".join(ctx.term(b) for b in r.blocks) or "—"
            lifted = ", ".join(ctx.architecture(a) for a in r.lifted_by) or "—"
            lines.append(f"    | {name} | {ctx.fact_text(r.fact)} | {blocks} | {lifted} |")
        lines.append("")
    if lifts:
        lines += ['!!! success "Restrictions it lifts"', ""]
        for where, group in lifted_groups(kb, lifts):
            names = [ctx.link(r.name, f"{urls.RESTRICTIONS}#{urls.fact_anchor(r.fact)}") for r in group]
            places = " and ".join((kb.architecture_reading(a) or (a, a))[0] for a in where)
            lines += [
                f"    {escape.text(arch.reading_capitalized)} lifts {counted(len(group), 'restriction')} of "
                f"{escape.text(places)}:",
                "",
            ]
            lines += [f"    - {name}" for name in names] + [""]
    return lines


def lifted_groups(kb: KB, lifts: tuple[Restriction, ...]) -> list[tuple[tuple[str, ...], list[Restriction]]]:
    """The restrictions an architecture lifts, grouped by the architectures they apply to (KB order)."""
    groups: dict[tuple[str, ...], list[Restriction]] = {}
    for r in lifts:
        groups.setdefault(tuple(a for a in r.applies_to if kb.has_architecture(a)), []).append(r)
    return list(groups.items())


def term_list(ctx: PageContext, arch: Architecture, name: str) -> list[str]:
    facts = arch.lists.get(name, ())
    if not facts:
        return []
    lines = [f"## {escape.text(field_label(ctx.kb, name))} {{#{name.replace('_', '-')}}}", ""]
    for fact in facts:
        term = ctx.kb.term(str(fact.value))
        extra = (
            f": {escape.text(fact.text)}"
            if fact.text
            else (f": {escape.text(term.description)}" if term and term.description else "")
        )
        lines.append(
            f"- {ctx.anchor(urls.fact_anchor(fact))}{ctx.term(str(fact.value))}{extra}"
            f"{ctx.badge(fact.confidence)} {ctx.cite(fact.cites)}"
        )
        for note in fact.notes:
            lines += [""] + [f"    {line}" if line else "" for line in ctx.note_block(note)]
    return lines + [""]


def related(ctx: PageContext, arch: Architecture) -> list[str]:
    kb = ctx.kb
    lines = []
    if arch.concepts:
        lines += ["## Related concepts {#concepts}", ""]
        lines += [", ".join(ctx.term(c) for c in arch.concepts), ""]
    threads = kb.threads_about(arch.id)
    if threads:
        lines += ["## Reader questions {#reader-questions}", ""]
        lines += [f"- {ctx.link(t.title or t.question.text or t.id, f'{urls.QA}#{t.id}')}" for t in threads] + [""]
    return lines


def check_yourself(ctx: PageContext, arch: Architecture) -> list[str]:
    """A placeholder that quiz.js fills with three quiz questions on ``arch`` (archkb.quiz.check)."""
    name = escape.text(arch.abbreviation or arch.name)
    return [
        "## Check yourself {#check-yourself}",
        "",
        f'<div class="archkb-check" data-architecture="{arch.id}" markdown="1">',
        "",
        f"Three questions on {name} from the quiz, with feedback after each. For more, "
        f"{ctx.link('take the quiz', urls.QUIZ)}.",
        "",
        "</div>",
        "",
    ]
