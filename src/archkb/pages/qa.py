"""The reader Q&A page: each comment thread (question and answers) and the CNI table on reaching
ClusterIP-backed pods from a CE outside the cluster."""

from __future__ import annotations

from .. import urls
from ..kb.model import KB, CNITable, Thread
from . import escape
from .context import PageContext, document

#: How a CNI table cell shows each ``reachable`` value (the enum of the qa schema).
REACHABLE = {
    "yes": ("Yes", "archkb-yes"),
    "no": ("No", "archkb-no"),
    "conditional": ("Conditional", "archkb-conditional"),
}


def page(kb: KB) -> str:
    """The Markdown of the Q&A page."""
    ctx = PageContext(kb, urls.QA)
    lines = ["# Reader Q&A {#reader-qa}", ""]
    lines += ["Questions readers asked in the comments, with the answers they got, each cited to its comment.", ""]
    for thread in kb.threads:
        lines += thread_section(ctx, thread)
        if kb.cni_table and kb.cni_table.thread == thread.id:
            lines += cni_section(ctx, kb.cni_table)
    if kb.cni_table and kb.cni_table.thread not in {t.id for t in kb.threads}:
        lines += cni_section(ctx, kb.cni_table)
    lines += ctx.sources_footer()
    return document(lines)


def thread_section(ctx: PageContext, thread: Thread) -> list[str]:
    title = thread.title or thread.question.text or thread.id
    lines = [f"## {escape.text(title)} {{#{thread.id}}}", ""]
    if thread.architectures:
        lines += ["*About:* " + ", ".join(ctx.term(a) for a in thread.architectures), ""]
    lines += [
        '!!! question "The question"',
        "",
        f"    {ctx.anchor(urls.fact_anchor(thread.question))}{ctx.fact_text(thread.question)}",
        "",
    ]
    for note in thread.question.notes:
        lines += ctx.note_block(note)
    lines += ["**Answers**", ""]
    for answer in thread.answers:
        lines += ctx.fact_item(answer)
    return lines + [""]


def cni_section(ctx: PageContext, table: CNITable) -> list[str]:
    lines = [f"### {escape.text(table.title)} {{#{table.id}}}", "", f"*{escape.text(table.question)}*", ""]
    lines += ["| Setup | Platform | Reachable | Condition | Source |", "|---|---|---|---|---|"]
    for row in table.rows:
        label, css = REACHABLE.get(str(row.fact.value), (str(row.fact.value), "archkb-conditional"))
        cells = [
            f"{ctx.anchor(urls.fact_anchor(row.fact))}{escape.text(row.setup)}",
            escape.text(row.platform),
            f'<span class="archkb-reach {css}">{escape.text(label)}</span>{ctx.badge(row.fact.confidence)}',
            escape.text(row.condition) if row.condition else "—",
            ctx.cite(row.fact.cites),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += [""]
    for row in table.rows:
        for note in row.fact.notes:
            lines += ctx.note_block(note)
    return lines
