"""What every page generator shares: the page's own path, links relative to it, and the numbered
citations of the page (each fact links to its cited section on the Sources page).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .. import urls
from ..kb.model import KB, Citation, Fact, Note
from . import escape

#: Confidence levels that get a visible badge ("medium" is the default for comments and blogs,
#: whose kind the citation already shows, so only "low", our own inference, is flagged).
CONFIDENCE_BADGES = {"low": "low confidence"}

#: What a page shows for a field the sources leave open (never "—" or "no": unknown stays unknown).
NOT_STATED = "Not stated in the sources"


@dataclass
class PageContext:
    """One page being generated: links are made relative to ``path``; citations are numbered in
    order of first use and listed at the end by :meth:`sources_footer`."""

    kb: KB
    path: str
    diagrams: frozenset[str] = frozenset()
    numbers: dict[Citation, int] = field(default_factory=dict)

    def href(self, target: str) -> str:
        """``target`` (``page.md#anchor``, docs-relative) as a link target from this page."""
        if target.startswith("#"):
            return target
        page, _, anchor = target.partition("#")
        if page == self.path:
            return f"#{anchor}" if anchor else urls.relative(self.path, page)
        return urls.relative(self.path, target)

    def link(self, label: str, target: str, tooltip: str | None = None) -> str:
        """A Markdown link with an escaped label to a docs-relative target."""
        hint = f' "{escape.title(tooltip)}"' if tooltip else ""
        return f"[{escape.text(label)}]({self.href(target)}{hint})"

    def cite(self, cites: Iterable[Citation]) -> str:
        """Numbered citation markers, each a link to the cited section on the Sources page."""
        marks = []
        for cite in cites:
            number = self.numbers.setdefault(cite, len(self.numbers) + 1)
            marks.append(
                f"[{number}]({self.href(urls.citation_target(self.kb, cite))} "
                f'"{escape.title(self.cite_title(cite))}"){{ .archkb-cite }}'
            )
        return "".join(marks)

    def cite_title(self, cite: Citation) -> str:
        titles = self.kb.citation_titles(cite)
        return f"{titles[0]} — {titles[1]}" if titles else str(cite)

    def badge(self, confidence: str) -> str:
        """A small marker for a fact that is less than sure (empty for high confidence)."""
        label = CONFIDENCE_BADGES.get(confidence)
        return (
            f' <span class="archkb-badge archkb-{escape.attr(confidence)}">{escape.text(label)}</span>' if label else ""
        )

    def fact_text(self, fact: Fact, text: str | None = None) -> str:
        """A text fact as inline Markdown: the escaped text, when it held ("as of"), its confidence
        badge and citations."""
        body = text if text is not None else (fact.text or str(fact.value))
        return f"{escape.text(body)}{self.as_of(fact)}{self.badge(fact.confidence)} {self.cite(fact.cites)}"

    def as_of(self, item: Fact | Note) -> str:
        """A small "as of" marker for a fact or note that holds as of a date (empty otherwise): its
        own ``as_of``, or the date of the reader comment it rests on."""
        when = self.kb.as_of(item)
        if when is None:
            return ""
        words = f"as of the comment ({when})" if when.startswith("undated") else f"as of {when}"
        return f' <span class="archkb-asof">{escape.text(words)}</span>'

    def as_of_words(self, item: Fact | Note) -> str:
        """The "as of" of a fact or note as plain words for a title (empty when there is none)."""
        when = self.kb.as_of(item)
        if when is None:
            return ""
        return f"as of the comment, {when}" if when.startswith("undated") else f"as of {when}"

    def anchor(self, ident: str) -> str:
        """An inline anchor (an empty span with an id) MkDocs validates links against."""
        return f'<span class="archkb-anchor" id="{escape.attr(ident)}"></span>'

    def fact_item(self, fact: Fact, text: str | None = None, indent: str = "") -> list[str]:
        """A list item for one fact, with its anchor, followed by its notes."""
        lines = [f"{indent}- {self.anchor(urls.fact_anchor(fact))}{self.fact_text(fact, text)}"]
        for note in fact.notes:
            lines += [""] + [f"{indent}    {line}" if line else "" for line in self.note_block(note)]
        return lines

    def note_block(self, note: Note) -> list[str]:
        """A collapsible admonition for a cited update, disagreement or caveat."""
        kind = {"update": "info", "disagreement": "warning", "caveat": "note"}.get(note.kind, "note")
        heading = {"update": "Update", "disagreement": "Disagreement", "caveat": "Caveat"}.get(note.kind, note.kind)
        when = f" ({note.as_of})" if note.as_of else ""
        # The excerpt in the title is for the folded view; print shows the full text only (archkb.css).
        title = (
            f"{escape.admonition_title(f'{heading}{when}:')} <span "
            f'class="archkb-excerpt">{escape.admonition_title(excerpt(note.text, 70))}</span>'
        )
        return [
            f'??? {kind} archkb-note "{title}"',
            "",
            f"    {self.anchor(urls.note_anchor(note))}{escape.text(note.text)}{self.badge(note.confidence)} "
            f"{self.cite(note.cites)}",
            "",
        ]

    def term(self, ident: str) -> str:
        """A vocabulary term, concept or architecture id as its label, linked where it has a page."""
        kb = self.kb
        if kb.has_architecture(ident):
            return self.link(kb.label(ident), urls.architecture_page(ident))
        if kb.has_concept(ident):
            return self.link(kb.label(ident), urls.concept_target(ident))
        term = kb.term(ident)
        if term and term.concept and kb.has_concept(term.concept):
            return self.link(term.label, urls.concept_target(term.concept), term.description)
        return escape.text(kb.label(ident))

    def architecture(self, arch_id: str) -> str:
        """A short link to an architecture (its abbreviation, the full name as tooltip), for tables."""
        names = self.kb.architecture_names(arch_id)
        if names is None:
            return escape.text(arch_id)
        name, abbreviation = names
        return self.link(abbreviation or name, urls.architecture_page(arch_id), name)

    def value(self, value: object) -> str:
        """A structured fact value: yes/no, a list of terms or one term."""
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if isinstance(value, tuple):
            return ", ".join(self.term(str(v)) for v in value) or NOT_STATED
        return self.term(str(value))

    def sources_footer(self) -> list[str]:
        """The numbered list of the sections this page cites (empty when it cites none)."""
        if not self.numbers:
            return []
        lines = ["## Sources cited on this page {#sources-cited}", ""]
        for cite, number in sorted(self.numbers.items(), key=lambda item: item[1]):
            lines.append(f"{number}. {self.link(self.cite_title(cite), urls.citation_target(self.kb, cite))}")
        return lines + [""]


def pager(ctx: PageContext, number: int, count: int, page: Callable[[int], str], per: str) -> list[str]:
    """Links to every page of a paged list, ``number`` in bold (nothing when there is only one page)."""
    if count == 1:
        return []
    links = [f"**{n}**" if n == number else ctx.link(str(n), page(n)) for n in range(1, count + 1)]
    return [f"Page {number} of {count} ({per}): " + " · ".join(links), ""]


def counted(count: int, noun: str, verb: str = "", plural_verb: str = "") -> str:
    """A count with its noun (and verb) in agreement: "1 restriction applies", "3 restrictions apply"."""
    words = f"{count} {noun}{'' if count == 1 else 's'}"
    return f"{words} {verb if count == 1 else plural_verb}" if verb else words


def excerpt(text: str, limit: int = 90) -> str:
    """The start of ``text`` (plain), cut at a word with an ellipsis when longer than ``limit``."""
    plain = escape.plain(text)
    return plain if len(plain) <= limit else plain[: limit - 1].rsplit(" ", 1)[0] + "…"


def document(lines: Iterable[str]) -> str:
    """Lines joined into a page: no run of blank lines, one final newline."""
    out: list[str] = []
    for line in lines:
        if line == "" and (not out or out[-1] == ""):
            continue
        out.append(line.rstrip())
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n"
