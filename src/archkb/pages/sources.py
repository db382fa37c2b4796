"""The sources pages: every source with its sections; each section, anchored as
:func:`archkb.urls.citation_anchor`, lists the facts, notes and diagrams that cite it. A KB with
more than :data:`archkb.urls.SOURCES_PER_PAGE` sources gets several pages (``sources.md``,
``sources-2.md``, ...), like the comparison."""

from __future__ import annotations

from collections import defaultdict

from .. import urls
from ..kb.model import KB, Citation, Source
from . import escape
from .context import PageContext, document, excerpt, pager
from .fields import SOURCE_KIND_LABELS, field_label

#: Longer "cited by" lists are collapsed.
LONG_LIST = 10

#: A "cited by" entry: (sort key, Markdown link).
CitedBy = dict[Citation, list[tuple[str, str]]]


def groups(kb: KB) -> list[list[Source]]:
    """The sources of each sources page, in KB order (SOURCES_PER_PAGE a page; one page at least)."""
    every, size = list(kb.sources.values()), urls.SOURCES_PER_PAGE
    return [every[i : i + size] for i in range(0, len(every), size)] or [[]]


def page_paths(kb: KB) -> list[str]:
    """The docs paths of the sources pages, first to last."""
    return [urls.sources_page(n) for n in range(1, len(groups(kb)) + 1)]


def pages(kb: KB) -> dict[str, str]:
    """The Markdown of every sources page, by docs path.

    The "cited by" links are gathered once, for the first page: every sources page sits in the
    same folder, so a link is written the same on each of them.
    """
    parts = groups(kb)
    cited = cited_by(PageContext(kb, urls.SOURCES))
    return {urls.sources_page(n): _page(kb, n, len(parts), group, cited) for n, group in enumerate(parts, 1)}


def page(kb: KB) -> str:
    """The Markdown of the (first) sources page."""
    return pages(kb)[urls.SOURCES]


def _page(kb: KB, number: int, count: int, group: list[Source], cited: CitedBy) -> str:
    ctx = PageContext(kb, urls.sources_page(number))
    size = urls.SOURCES_PER_PAGE
    title = (
        "Sources"
        if count == 1
        else f"Sources {(number - 1) * size + 1} to {(number - 1) * size + len(group)} of {len(kb.sources)}"
    )
    lines = [f"# {title} {{#sources}}", ""]
    lines += ["Every source the knowledge base cites, section by section, with the facts that cite each section.", ""]
    lines += pager(ctx, number, count, urls.sources_page, f"{size} sources a page")
    for source in group:
        lines += source_section(ctx, source, cited)
    return document(lines)


def cited_by(ctx: PageContext) -> CitedBy:
    """Links to every fact, note, history entry and diagram, per citation."""
    kb = ctx.kb
    out: CitedBy = defaultdict(list)
    for fact in kb.facts.values():
        label = (
            f"{kb.label(fact.subject)} › {field_label(kb, fact.field)}: {excerpt(fact.text or _value(kb, fact.value))}"
        )
        for cite in fact.cites:
            out[cite].append((fact.id, ctx.link(label, urls.fact_target(kb, fact))))
        for note in fact.notes:
            note_link = ctx.link(
                f"{kb.label(fact.subject)} › {note.kind}: {excerpt(note.text)}",
                f"{urls.fact_page(kb, fact)}#{urls.note_anchor(note)}",
            )
            out.update({cite: out[cite] + [(note.id, note_link)] for cite in note.cites})
        for entry in fact.history:
            label = f"{kb.label(fact.subject)} › {field_label(kb, fact.field)} until {entry.until}"
            entry_link = ctx.link(label, f"{urls.CHANGES}#{urls.history_anchor(fact)}")
            out.update({cite: out[cite] + [(f"{fact.id} {entry.until}", entry_link)] for cite in entry.cites})
    for arch in kb.architectures:
        for cite in arch.topology.cites:
            out[cite].append(
                (f"{arch.id} diagram", ctx.link(f"{arch.name} › diagram", f"{urls.architecture_page(arch.id)}#diagram"))
            )
    return out


def _value(kb: KB, value: object) -> str:
    if isinstance(value, tuple):
        return ", ".join(kb.label(str(v)) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return kb.label(str(value))


def dates(source: Source) -> list[str]:
    """What the source says about its date; an undated one says so (with the earliest it can be)."""
    out = [
        f"{label} {date}"
        for label, date in (
            ("published", source.published),
            ("updated", source.updated),
            ("retrieved", source.retrieved),
        )
        if date
    ]
    if not out:
        out = [f"undated (written after {source.not_before})" if source.not_before else "undated"]
    return out


def source_section(ctx: PageContext, source: Source, cited: CitedBy) -> list[str]:
    anchor = urls.source_target(ctx.kb, source.id).partition("#")[2]
    lines = [f"## {escape.text(source.title)} {{#{anchor}}}", ""]
    meta = [SOURCE_KIND_LABELS.get(source.kind, source.kind)]
    meta += [f"by {source.author}"] if source.author else []
    meta += [source.publisher] if source.publisher else []
    meta += [f"version {source.version}"] if source.version else []
    meta += dates(source)
    line = " · ".join(escape.text(m) for m in meta)
    if source.url:
        line += " · " + escape.link("read it online", source.url)
    if source.in_reply_to and source.in_reply_to in ctx.kb.sources:
        line += " · in reply to " + ctx.link(
            ctx.kb.sources[source.in_reply_to].title, urls.source_target(ctx.kb, source.in_reply_to)
        )
    lines += [line, "{: .archkb-meta }", ""]
    for section in source.sections:
        cite = Citation(source.id, section.id)
        lines += [f"### {escape.text(section.title)} {{#{urls.citation_anchor(cite)}}}", ""]
        if section.summary:
            lines += [escape.text(section.summary), ""]
        entries = sorted(cited.get(cite, []))
        if len(entries) > LONG_LIST:
            lines += [f'??? abstract "Cited by {len(entries)}"', ""] + [f"    - {link}" for _, link in entries] + [""]
        elif entries:
            lines += [f'<span class="archkb-cited">Cited by {len(entries)}:</span>', ""]
            lines += [f"- {link}" for _, link in entries] + [""]
        else:
            lines += ["*Not cited by any fact yet.*", ""]
    return lines
