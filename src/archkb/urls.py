"""Where things live on the generated site: one place for every page path and anchor.

Paths are docs-relative Markdown paths (``architectures/vk8s.md``); pages link to each other
with :func:`relative` so MkDocs validates every link.
"""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:  # only the type hints need the model; the quiz's warm start imports this module
    from .kb.model import KB, Citation, Fact, Note

HOME = "index.md"
COMPARISON = "comparison.md"
RESTRICTIONS = "restrictions.md"
GLOSSARY = "glossary.md"
QA = "qa.md"
CHANGES = "changes.md"
SOURCES = "sources.md"
REFERENCE = "reference.md"
QUIZ = "quiz.md"
DIAGRAMS_DIR = "diagrams"


#: Sources per sources page: a KB with more gets several pages (``sources.md``, ``sources-2.md``, ...),
#: so no one page holds thousands of sources.
SOURCES_PER_PAGE = 40


def comparison_page(number: int) -> str:
    """The n-th comparison page (1-based): ``comparison.md``, then ``comparison-2.md``, ..."""
    return COMPARISON if number == 1 else f"comparison-{number}.md"


def architecture_page(arch_id: str) -> str:
    return f"architectures/{arch_id}.md"


def diagram_file(name: str, fmt: str = "svg") -> str:
    """A rendered diagram under the docs folder: ``diagrams/<arch-id or overview>.<fmt>``."""
    return f"{DIAGRAMS_DIR}/{name}.{fmt}"


def citation_anchor(cite: Citation) -> str:
    return f"cite-{cite.source}-{cite.section}".replace(".", "-")


def citation_target(kb: KB, cite: Citation) -> str:
    """``sources.md#cite-<source>-<section>`` on the sources page that holds the source."""
    return f"{source_page(kb, cite.source)}#{citation_anchor(cite)}"


def fact_anchor(fact: Fact) -> str:
    return fact.id.replace(".", "-")


def note_anchor(note: Note) -> str:
    return note.id.replace(".", "-")


def history_anchor(fact: Fact) -> str:
    """The anchor of a fact's history on the What changed page."""
    return f"history-{fact_anchor(fact)}"


def concept_target(concept_id: str) -> str:
    """``glossary.md#<concept id>``: glossary anchors are concept ids."""
    return f"{GLOSSARY}#{concept_id.replace('.', '-')}"


def source_target(kb: KB, source_id: str) -> str:
    """``sources.md#source-<source>`` on the sources page that holds the source."""
    return f"{source_page(kb, source_id)}#source-{source_id.replace('.', '-')}"


def sources_page(number: int) -> str:
    """The n-th sources page (1-based): ``sources.md``, then ``sources-2.md``, ..."""
    return SOURCES if number == 1 else f"sources-{number}.md"


def source_page(kb: KB, source_id: str) -> str:
    """The sources page that lists ``source_id`` (SOURCES_PER_PAGE sources a page, in KB order)."""
    position = kb.source_position(source_id)
    return sources_page(position // SOURCES_PER_PAGE + 1) if position is not None else SOURCES


def fact_page(kb: KB, fact: Fact) -> str:
    """The page that teaches a fact."""
    subject = fact.subject
    if kb.has_architecture(subject):
        return architecture_page(subject)
    if kb.has_concept(subject):
        return GLOSSARY
    if kb.has_restriction(subject):
        return RESTRICTIONS
    return QA


def fact_target(kb: KB, fact: Fact) -> str:
    """``page.md#anchor`` of a fact."""
    return f"{fact_page(kb, fact)}#{fact_anchor(fact)}"


def relative(from_page: str, target: str) -> str:
    """A link from one docs page to ``target`` (``page.md`` or ``page.md#anchor``), relative.

    The same as :func:`posixpath.relpath` from the page's folder, computed on the path segments:
    ``relpath`` makes both paths absolute with the working directory (a system call per link, a
    third of an architecture page's generation time). Paths with ``.`` or ``..`` segments, a leading
    slash or no path at all go to ``relpath`` itself.
    """
    path, _, anchor = target.partition("#")
    start = posixpath.dirname(from_page)
    if not path or _unusual(path) or _unusual(start):
        rel = posixpath.relpath(path, start or ".")
    else:
        base, parts = start.split("/") if start else [], path.split("/")
        common = 0
        while common < len(base) and common < len(parts) and base[common] == parts[common]:
            common += 1
        rel = "/".join([".."] * (len(base) - common) + parts[common:]) or "."
    return rel + (f"#{anchor}" if anchor else "")


def _unusual(path: str) -> bool:
    """Whether a docs path needs :func:`posixpath.relpath`'s normalising (absolute, empty or dot segments)."""
    return (
        path.startswith("/")
        or path.endswith("/")
        or "//" in path
        or any(part in (".", "..") for part in path.split("/"))
    )


def page_url(page: str, use_directory_urls: bool = False) -> str:
    """The URL of a docs ``page`` relative to the site root, as MkDocs builds it: ``architectures/vk8s.html``,
    or with ``use_directory_urls`` ``architectures/vk8s/`` (and ``./`` for the home page)."""
    stem = page.removesuffix(".md")
    if not use_directory_urls:
        return stem + ".html"
    if posixpath.basename(stem) == "index":
        return posixpath.dirname(stem) + "/" if "/" in stem else "./"
    return stem + "/"


def absolute(site_url: str, target: str, use_directory_urls: bool = False) -> str:
    """The web address of a docs ``target`` (``page.md`` or ``page.md#anchor``) on the site at ``site_url``.

    With this project's ``use_directory_urls: false``, ``architectures/vk8s.md#x`` becomes
    ``<site_url>architectures/vk8s.html#x``. Exports that leave the site (Moodle, QTI, PDF papers,
    GIFT and Anki's "Read more") link with this, since a relative link goes nowhere there.
    """
    path, _, anchor = target.partition("#")
    url = page_url(path.lstrip("/"), use_directory_urls) if path.endswith(".md") else path.lstrip("/")
    base = site_url if site_url.endswith("/") else site_url + "/"
    return base + url.removeprefix("./") + (f"#{anchor}" if anchor else "")


def url_problem(url: str) -> str | None:
    """Why ``url`` cannot be the docs site's address (``site_url``, ``--site-url``), or None."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"site URL {url!r} is not an absolute http(s) address"
    if parts.query or parts.fragment:
        return f"site URL {url!r} has a query or fragment"
    return None
