"""A prose lint for generated pages: what a careful author would not let through.

Pure functions from Markdown (plus a few facts about the KB) to findings; the test suite runs them
over every generated page of the real KB and expects none. What it looks for:

- ``repeated-sentence``: a sentence said twice in one section, also when the first time is a
  cut-off excerpt ("Ports under 1024 count as…" and then the whole sentence);
- ``repeated-aside``: the same parenthetical twice in one sentence or table cell;
- ``nested-aside``: parentheses inside parentheses, or an aside longer than 25 words;
- ``number-agreement``: "1 restriction apply", "1 restrictions", "2 restriction applies";
- ``id-in-text``: a KB id (``qa-clusterip-external-ce``) in running text instead of its title;
- ``bare-name``: an architecture named without its reading form after a preposition ("of
  Kubernetes site" where the KB says it reads "the Kubernetes site").

Only the text a reader sees is linted: link targets, anchors, attribute lists, HTML tags, code,
scripts and abbreviation definitions are stripped first.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..kb.model import KB

#: Words after which an architecture name needs its reading form ("in the Kubernetes site").
PREPOSITIONS = (
    "in",
    "of",
    "to",
    "for",
    "with",
    "on",
    "by",
    "from",
    "than",
    "like",
    "at",
    "under",
    "into",
    "onto",
    "about",
    "across",
    "between",
)
#: A sentence needs this many words before a repetition of it counts (short labels repeat by design).
MIN_REPEATED_WORDS = 5
#: The most words an aside in parentheses may have.
MAX_ASIDE_WORDS = 25
_NUMBERS = r"(?:[2-9]|[1-9][0-9]{1,2}(?![0-9])|two|three|four|five|six|seven|eight|nine|ten)"
#: Plural-looking words that are singular (so "1 class" is fine).
_SINGULAR_S = re.compile(r"(?:ss|us|is|ics|ps)$")


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: the page, the 1-based line of its Markdown, the rule, and the text at fault."""

    page: str
    line: int
    rule: str
    text: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.rule}: {self.text}"


@dataclass(frozen=True, slots=True)
class Unit:
    """A piece of running text a reader sees: a paragraph, list item, heading or table cell."""

    line: int
    section: int
    text: str
    kind: str  # "heading" | "cell" | "text"


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """What the lint needs to know about the KB: its ids, and each architecture's names with the
    phrase running text uses for it (``reads_as``)."""

    ids: frozenset[str]
    reading_forms: tuple[tuple[str, str], ...] = ()  # (name as written, reads_as)


def kb_vocabulary(kb: KB) -> Vocabulary:
    """The ids of a KB (facts, concepts, restrictions, sources, threads, terms, architectures) and
    each architecture's short form and name with its reading form."""
    ids = set(kb.facts) | set(kb.concepts) | set(kb.restrictions) | set(kb.sources) | {t.id for t in kb.threads}
    ids |= {t.id for g in kb.vocabulary.values() for t in g.terms} | set(kb.architecture_ids())
    if kb.cni_table is not None:
        ids.add(kb.cni_table.id)
    forms = {(name, a.reading) for a in kb.architectures for name in (a.short_form, a.name)}
    return Vocabulary(frozenset(ids), tuple(sorted(forms)))


# -- Markdown to visible text -------------------------------------------------------------------

_LINK = re.compile(r"!?\[((?:[^\[\]]|\[[^\]]*\])*)\]\((?:[^()\s]|\([^)]*\))*(?:\s+\"[^\"]*\")?\)")
_CITE = re.compile(r'\[\d+\]\((?:[^()"]|"[^"]*")*\)\{ \.archkb-cite \}')
_ATTRS = re.compile(r"\{[:#. ][^{}]*\}")
_TAGS = re.compile(r"<[^>]+>")
_CODE = re.compile(r"`[^`]*`")


def visible(markdown_line: str) -> str:
    """The text a reader sees on one Markdown line (links become their labels)."""
    text = _CITE.sub("", markdown_line)
    text = _CODE.sub("", text)
    for _ in range(3):  # links inside link labels
        text = _LINK.sub(lambda m: m.group(1), text)
    text = _ATTRS.sub("", text)
    text = _TAGS.sub(" ", text)
    text = text.replace("\\", "").replace("**", "").replace("*", "")
    return " ".join(text.split())


def units(markdown: str) -> Iterator[Unit]:
    """The visible pieces of a page, each with its line and section number."""
    section, fenced = 0, False
    for number, raw in enumerate(markdown.splitlines(), start=1):
        line = raw.strip()
        if line.startswith("```"):
            fenced = not fenced
            continue
        if (
            fenced
            or not line
            or line.startswith(("*[", "<script", "---", "hide:", "- toc", "|---"))
            or line in ("---",)
        ):
            continue
        if line.startswith("#"):
            section += 1
            yield Unit(number, section, visible(line.lstrip("#")), "heading")
            continue
        admonition = re.match(r'^[?!]{3}\+? \w+(?: "(.*)")?$', line)
        if admonition:
            if admonition.group(1):
                yield Unit(number, section, visible(admonition.group(1)), "text")
            continue
        if line.startswith("|"):
            for cell in re.split(r"(?<!\\)\|", line.strip("|")):
                for part in re.split(r"<br\s*/?>", cell):
                    if visible(part):
                        yield Unit(number, section, visible(part), "cell")
            continue
        text = visible(re.sub(r"^(?:[-*+]|\d+\.)\s+", "", line))
        if text:
            yield Unit(number, section, text, "text")


def sentences(text: str) -> list[str]:
    """A text split into sentences (at ., ! or ? followed by a capital or a digit)."""
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9\"(])", text) if s.strip()]


def _normal(sentence: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", sentence.lower()).split())


# -- the checks -----------------------------------------------------------------------------------


def repeated_sentences(page: str, found: list[Unit]) -> Iterator[Finding]:
    """A sentence (of MIN_REPEATED_WORDS words or more) said twice in one section, or said after a
    cut-off excerpt of itself."""
    seen: dict[tuple[tuple[int, int], str], int] = {}
    cut: list[tuple[int, str, int]] = []
    for unit in found:
        if unit.kind == "heading":
            continue
        # Table rows repeat names and values by design: a cell only counts against its own row.
        scope = (unit.section, unit.line) if unit.kind == "cell" else (unit.section, 0)
        for sentence in sentences(unit.text):
            normal = _normal(sentence)
            if len(normal.split()) < MIN_REPEATED_WORDS:
                continue
            if sentence.endswith("…"):
                # A note's title is "Caveat: <start of its text>…"; compare what follows the label.
                label, _, rest = sentence.partition(": ")
                start = _normal(rest) if rest and len(label.split()) <= 3 else normal
                cut.append((unit.section, start.rstrip(), unit.line))
                continue
            key = (scope, normal)
            if key in seen and seen[key] != unit.line:
                yield Finding(page, unit.line, "repeated-sentence", sentence)
            seen.setdefault(key, unit.line)
            for cut_section, start, line in cut:
                if cut_section == unit.section and line != unit.line and normal.startswith(start):
                    yield Finding(
                        page, unit.line, "repeated-sentence", f"{sentence} (also shown cut off on line {line})"
                    )


def asides(page: str, found: list[Unit]) -> Iterator[Finding]:
    """Parentheticals: none nested, none over MAX_ASIDE_WORDS words, none twice in one unit."""
    for unit in found:
        opened: list[int] = []
        deepest, groups = 0, []
        for i, ch in enumerate(unit.text):
            if ch == "(":
                opened.append(i)
                deepest = max(deepest, len(opened))
            elif ch == ")" and opened:
                groups.append(unit.text[opened.pop() + 1 : i])
        if deepest > 1:
            yield Finding(page, unit.line, "nested-aside", _short(unit.text))
        for group in groups:
            if len(group.split()) > MAX_ASIDE_WORDS:
                yield Finding(page, unit.line, "nested-aside", f"({_short(group)}) has {len(group.split())} words")
        for group in sorted({g for g in groups if groups.count(g) > 1 and len(g.split()) > 1}):
            yield Finding(page, unit.line, "repeated-aside", f"({group}) {groups.count(group)} times")


_NOT_NOUNS = r"(?!(?:but|and|or|that|which|then|so|if|as|of|in|on|at|to)\b)"
_AGREEMENT = (
    re.compile(rf"(?<![\d.])\b(?:1|one) {_NOT_NOUNS}[a-z]+ (?:apply|are|were|have|do|fit|include|follow)\b"),
    re.compile(
        rf"(?<![\d.])\b{_NUMBERS} {_NOT_NOUNS}[a-z]*[a-rt-z] (?:applies|is|was|has|does|fits|includes|follows)\b"
    ),
)
#: "1 restrictions", but not "Architecture 1 gives" (a number that names, not counts).
_ONE_PLURAL = re.compile(r"(?<![A-Za-z] )(?<![\d.])\b1 ([a-z]+s)\b")


def number_agreement(page: str, found: list[Unit]) -> Iterator[Finding]:
    """A count that disagrees with its noun or verb ("1 restriction apply", "1 restrictions")."""
    for unit in found:
        for pattern in _AGREEMENT:
            for match in pattern.finditer(unit.text):
                yield Finding(page, unit.line, "number-agreement", match.group(0))
        for match in _ONE_PLURAL.finditer(unit.text):
            if not _SINGULAR_S.search(match.group(1)):
                yield Finding(page, unit.line, "number-agreement", match.group(0))


def ids_in_text(page: str, found: list[Unit], ids: frozenset[str]) -> Iterator[Finding]:
    """A KB id with a hyphen or dot (``qa-clusterip-external-ce``) in visible text."""
    for unit in found:
        for token in re.findall(r"(?<![\w/.#-])[a-z0-9]+(?:[-.][a-z0-9]+)+(?![\w/-])", unit.text):
            if token in ids:
                yield Finding(page, unit.line, "id-in-text", f"{token} in {_short(unit.text)!r}")


def bare_names(page: str, found: list[Unit], forms: tuple[tuple[str, str], ...]) -> Iterator[Finding]:
    """An architecture name right after a preposition where its reading form adds an article
    ("in Kubernetes site" for "the Kubernetes site")."""
    for name, reads_as in forms:
        if reads_as == name or not reads_as.endswith(name):
            continue
        pattern = re.compile(rf"\b(?:{'|'.join(PREPOSITIONS)}) {re.escape(name)}\b")
        for unit in found:
            if unit.kind == "text":
                for match in pattern.finditer(unit.text):
                    yield Finding(page, unit.line, "bare-name", f"{match.group(0)!r} (reads as {reads_as!r})")


def lint_page(page: str, markdown: str, vocabulary: Vocabulary) -> list[Finding]:
    """Every finding on one page, in line order."""
    found = list(units(markdown))
    findings = [
        *repeated_sentences(page, found),
        *asides(page, found),
        *number_agreement(page, found),
        *ids_in_text(page, found, vocabulary.ids),
        *bare_names(page, found, vocabulary.reading_forms),
    ]
    return sorted(set(findings), key=lambda f: (f.line, f.rule, f.text))


def lint_pages(pages: dict[str, str], vocabulary: Vocabulary) -> list[Finding]:
    """Every finding on every page (path -> Markdown), page by page."""
    return [f for path in sorted(pages) for f in lint_page(path, pages[path], vocabulary)]


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def report(findings: Iterable[Finding]) -> str:
    """The findings one a line, as the test prints them."""
    return "\n".join(str(f) for f in findings)
