"""The home page: the architectures in one table and one paragraph each, then the decision guide.

The guide works twice over: a script (``assets/archkb/guide.js``) turns the embedded JSON of
:func:`archkb.pages.guide.guide_data` into a form, and the same verdicts are written out as plain
Markdown tables for readers without JavaScript and for search.
"""

from __future__ import annotations

from .. import urls
from ..kb.model import KB, Architecture
from . import escape, guide
from .context import NOT_STATED, PageContext, document
from .fields import field_label

#: Columns of the overview table.
OVERVIEW_FIELDS = ("relation", "needs", "hosts_workloads", "scope")

NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine"}

GUIDE_DATA_ID = "archkb-guide-data"
#: The name of the overview diagram (``diagrams/overview.svg``), as the diagram renderer writes it.
OVERVIEW = "overview"


def arch_link(ctx: PageContext, arch: Architecture) -> str:
    """A link to an architecture page that the guide script can find by architecture id."""
    return f'{ctx.link(arch.name, urls.architecture_page(arch.id))}{{ data-archkb-arch="{escape.attr(arch.id)}" }}'


def page(
    kb: KB, links: dict[str, str] | None = None, overview_alt: str | None = None, diagrams: tuple[str, ...] = ()
) -> str:
    """The Markdown of the home page.

    Args:
        kb: the knowledge base.
        links: extra pages to point readers to (label -> docs-relative path).
        overview_alt: the rendered overview diagram as text; None when there is none.
        diagrams: the architectures whose own diagram was rendered (shown instead of the overview on narrow screens).
    """
    ctx = PageContext(kb, urls.HOME)
    count = len(kb.architectures)
    lines = [f"# The {NUMBER_WORDS.get(count, str(count))} architectures {{#architectures}}", ""]
    lines += [
        f"F5 Distributed Cloud (XC) works with Kubernetes in {NUMBER_WORDS.get(count, str(count))} ways, from the "
        f"simplest to the most sophisticated. "
        f"Every statement on this site is a cited fact of the knowledge base ({len(kb.facts)} facts from "
        f"{len(kb.sources)} sources); "
        "the small numbers link to the section of the source each one comes from.",
        "",
    ]
    lines += overview(ctx)
    if overview_alt is not None:
        lines += overview_figure(ctx, overview_alt, diagrams)
    lines += summaries(ctx)
    lines += decision_guide(ctx)
    lines += next_steps(ctx, links or {})
    lines += ctx.sources_footer()
    return document(lines)


def overview_figure(ctx: PageContext, description: str, diagrams: tuple[str, ...]) -> list[str]:
    """The overview diagram in a figure: a short alt, a caption with an "open full size" link and the
    diagram as text below. On a narrow screen (archkb.css) each architecture's own diagram shows instead
    of the four-up overview, whose labels would be too small to read; the hidden ones are lazy, so a
    reader downloads only what is shown."""
    kb = ctx.kb
    svg = urls.diagram_file(OVERVIEW)
    count = NUMBER_WORDS.get(len(kb.architectures), str(len(kb.architectures)))
    lines = ['<figure class="archkb-figure" markdown>', ""]
    lines += [
        f"[![The {count} architectures side by "
        f"side]({svg}){{ .archkb-diagram .archkb-diagram--wide loading=lazy }}]({svg})"
    ]
    for arch in kb.architectures:
        if arch.id in diagrams:
            image = urls.diagram_file(arch.id)
            alt = escape.text(f"Diagram of {arch.order}. {arch.name}")
            lines += ["", f"[![{alt}]({image}){{ .archkb-diagram .archkb-diagram--narrow loading=lazy }}]({image})"]
    caption = (
        f"The {count} architectures side by side, simplest first, each in its own box. "
        f"{ctx.link('Open the overview full size', svg)}"
    )
    lines += ["", f'<figcaption markdown="span">{caption}</figcaption>', "", "</figure>", ""]
    lines += ['??? abstract "The overview diagram as text"', "", f"    {escape.text(description)}", ""]
    return lines


def overview(ctx: PageContext) -> list[str]:
    kb = ctx.kb
    fields = [f for f in OVERVIEW_FIELDS if any(f in a.fields for a in kb.architectures)]
    header = ["#", "Architecture"] + [escape.text(field_label(kb, f)) for f in fields]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for arch in kb.architectures:
        cells = [str(arch.order), arch_link(ctx, arch)]
        cells += [
            ctx.value(arch.fields[f].value) + ctx.cite(arch.fields[f].cites) if f in arch.fields else NOT_STATED
            for f in fields
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return lines + [""]


def summaries(ctx: PageContext) -> list[str]:
    lines = ["## In one paragraph each {#in-one-paragraph}", ""]
    for arch in ctx.kb.architectures:
        lines += [f"### {arch.order}. {escape.text(arch.name)} {{#summary-{arch.id}}}", ""]
        # The summary, then what sets it apart (its first advantage): the first "how it works" fact
        # would only say the summary again in other words.
        first = arch.lists.get("advantages", ())[:1]
        body = " ".join([ctx.fact_text(arch.summary)] + [f"*Why pick it:* {ctx.fact_text(f)}" for f in first])
        lines += [f"{body} {ctx.link('Read more', urls.architecture_page(arch.id))}", ""]
    return lines


def decision_guide(ctx: PageContext) -> list[str]:
    kb = ctx.kb
    qs = guide.questions(kb)
    if not qs:
        return []
    lines = ["## Which one fits me? {#decision-guide}", ""]
    lines += [
        "Answer the questions that matter to you; each answer rules out the architectures whose facts contradict it. "
        "Where the sources do not decide an answer for an architecture, it is left open rather than ruled out.",
        "",
    ]
    lines += ['<div class="archkb-guide" id="archkb-guide" hidden></div>', ""]
    lines += [
        f'<script type="application/json" id="{GUIDE_DATA_ID}">{escape.json_script(guide.guide_data(kb))}</script>',
        "",
    ]
    # The tables repeat every verdict: kept out of the search index, which would otherwise rank them first.
    lines += ["<div data-search-exclude markdown>", ""]
    lines += ['??? info "How the guide decides, question by question"', ""]
    for q in qs:
        lines += [
            f"    **{escape.text(guide.question_text(kb, q))}** <br>*{escape.text(guide.question_hint(kb, q))}*",
            "",
        ]
        lines += ["    | Answer | Fits | Left open (not stated in the sources) | Ruled out |", "    |---|---|---|---|"]
        for a in q.answers:
            cells: dict[str, list[str]] = {"fits": [], "open": [], "out": []}
            for arch in kb.architectures:
                v = guide.verdict(kb, arch, a.test) if a.test else guide.Verdict(True, "")
                cells["out" if not v.fits else "open" if v.unknown else "fits"].append(guide_entry(ctx, arch, v))
            row = " | ".join("<br>".join(cells[k]) or "—" for k in ("fits", "open", "out"))
            lines.append(f"    | {escape.text(a.label)} | {row} |")
        lines.append("")
    return lines + ["</div>", ""]


def guide_entry(ctx: PageContext, arch: Architecture, verdict: guide.Verdict) -> str:
    """An architecture in the guide's table: its short name, linked, and the verdict's reason; a
    condition is a link to where the architecture page states it, not pasted in."""
    link = ctx.link(arch.short_form, urls.architecture_page(arch.id), arch.name)
    if not verdict.reason:
        return link
    reason = escape.text(verdict.reason)
    condition = next((f for f in verdict.facts if f.field == "exposure_conditions"), None)
    if condition is not None:
        reason = (
            escape.text(verdict.reason.removesuffix(", under a condition"))
            + ", under a "
            + ctx.link("condition", urls.fact_target(ctx.kb, condition))
        )
    return f"{link}: {reason}"


def next_steps(ctx: PageContext, links: dict[str, str]) -> list[str]:
    targets = {
        "Compare every field side by side": urls.COMPARISON,
        "Restrictions, and which architectures lift them": urls.RESTRICTIONS,
        "Glossary of concepts and abbreviations": urls.GLOSSARY,
        "Questions readers asked": urls.QA,
    }
    targets.update(links)
    lines = ["## Where to go next {#next}", ""]
    lines += [f"- {ctx.link(label, path)}" for label, path in targets.items()]
    return lines + [""]
