"""``llms.txt``, ``llms-full.txt`` and a Markdown twin of each generated page, for readers' tools.

Written by archkb, not by an engine's plugin, so MkDocs, ProperDocs and Zensical serve the same
files (https://llmstxt.org/): ``llms.txt`` has the site's title, its summary and one line per
generated page in navigation order, linking to the page's twin; ``llms-full.txt`` has every
generated page as Markdown in the same order. A twin is the page's Markdown without what only the
site needs (front matter, embedded JSON, attribute lists, anchors), its links pointing at the site's
pages. It is named ``<page>.md.txt`` beside the page (``architectures/vk8s.md.txt``): every engine
renders a ``*.md`` file as a page, and copies a ``.txt`` file as it is.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from typing import Any

from .. import urls
from ..kb.model import KB
from .generate import site_nav

LLMS = "llms.txt"
LLMS_FULL = "llms-full.txt"
TWIN_SUFFIX = ".txt"

FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>\n?", re.S)
ANCHOR = re.compile(r'<span class="archkb-anchor" id="[^"]*"></span>')
#: ``{ .archkb-cite }``, ``{: #id .class }``, ``{ data-x="y" }`` and a heading's `` {#id}``; KB text
#: writes a brace as ``\{``, so it never matches. The pattern starts at the brace, which re finds
#: fast; :func:`without_attr_lists` takes the blanks before it.
ATTR_LIST = re.compile(r"(?<!\\)\{:?[ \t]*(?:[#.]|[a-z][a-z0-9-]*=)[^}\n]*\}")
#: Tags of the page's own layout; their text stays (tags inside KB text are escaped, so never match).
LAYOUT_TAG = re.compile(r"</?(?:span|div|p|figure|figcaption|noscript)\b[^>]*>")
#: ``](target.md#anchor "title")``: a link to another page of the site.
PAGE_LINK = re.compile(r'\]\((?![a-z][a-z0-9+.-]*:)([^)\s#]*?\.md)(#[^)\s]*)?(?:\s+"[^"]*")?\)')
HEADING = re.compile(r"^# (.+)$", re.M)
BLANK_RUNS = re.compile(r"\n{3,}")


def twin_path(page: str) -> str:
    """Where the Markdown twin of ``page`` (``architectures/vk8s.md``) is served: ``architectures/vk8s.md.txt``."""
    return page + TWIN_SUFFIX


def _link(match: re.Match[str], use_directory_urls: bool) -> str:
    target, anchor = match.group(1), match.group(2) or ""
    folder, name = posixpath.split(target)
    url = urls.page_url(name, use_directory_urls)
    return f"]({posixpath.join(folder, url) if folder else url}{anchor})"


def without_attr_lists(text: str) -> str:
    """``text`` without its attribute lists and the blanks before each on its line.

    The same as substituting ``[ \\t]*`` + :data:`ATTR_LIST`, in about 40% of the time: a pattern
    that starts with optional blanks is tried at every character of the page.
    """
    pieces, last = [], 0
    for found in ATTR_LIST.finditer(text):
        pieces.append(text[last : found.start()].rstrip(" \t"))
        last = found.end()
    pieces.append(text[last:])
    return "".join(pieces)


def twin_markdown(markdown: str, use_directory_urls: bool = False) -> str:
    """The reader's Markdown of a generated page: what only the site needs is gone, links go to pages."""
    text = FRONT_MATTER.sub("", markdown)
    text = SCRIPT.sub("", text)
    text = ANCHOR.sub("", text)
    text = without_attr_lists(text)
    text = LAYOUT_TAG.sub("", text)
    text = PAGE_LINK.sub(lambda m: _link(m, use_directory_urls), text)
    lines = [line.rstrip() for line in text.splitlines()]
    return BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip() + "\n"


def title_of(markdown: str, page: str) -> str:
    """The page's first heading (its title), or its path when it has none."""
    found = HEADING.search(markdown)
    return found.group(1).strip() if found else page


def nav_sections(nav: list[dict[str, Any]]) -> list[tuple[str, list[str]]]:
    """``site_nav``'s tabs as (title, pages) in order."""
    sections = []
    for item in nav:
        ((title, pages),) = item.items()
        sections.append((str(title), [pages] if isinstance(pages, str) else [str(p) for p in pages]))
    return sections


def llms_index(site_name: str, summary: str, sections: list[tuple[str, list[str]]], twins: dict[str, str]) -> str:
    """``llms.txt``: title, summary, then a section per navigation tab with a line per page."""
    out = [f"# {site_name}", ""] + ([f"> {summary}", ""] if summary else [])
    out.append(
        "Every page below is generated from a cited knowledge base; each link is the page as Markdown "
        f"(the same text as the site, citations included). All of them in one file: [{LLMS_FULL}]({LLMS_FULL})."
    )
    for title, pages in sections:
        listed = [p for p in pages if p in twins]
        if listed:
            out += ["", f"## {title}", ""]
            out += [f"- [{title_of(twins[p], p)}]({twin_path(p)})" for p in listed]
    return "\n".join(out) + "\n"


def llms_files(
    site_name: str,
    summary: str,
    nav: list[dict[str, Any]],
    pages: dict[str, str],
    use_directory_urls: bool = False,
) -> dict[str, bytes]:
    """``llms.txt``, ``llms-full.txt`` and the twin of each of ``pages`` (docs path -> Markdown), by docs path.

    ``nav`` is the site's navigation (:func:`archkb.site.generate.site_nav`); pages are listed in its
    order, and a generated page it leaves out comes last.
    """
    twins = {page: twin_markdown(text, use_directory_urls) for page, text in sorted(pages.items())}
    sections = nav_sections(nav)
    placed = {p for _, listed in sections for p in listed}
    rest = [p for p in twins if p not in placed]
    if rest:
        sections.append(("Other pages", rest))
    order = [p for _, listed in sections for p in listed if p in twins]
    full = "\n\n".join(f"<!-- {twin_path(p)} -->\n\n{twins[p].rstrip()}" for p in order)
    files = {twin_path(p): twins[p].encode("utf-8") for p in order}
    files[LLMS] = llms_index(site_name, summary, sections, twins).encode("utf-8")
    files[LLMS_FULL] = (f"# {site_name}\n\n" + full + "\n").encode("utf-8")
    return dict(sorted(files.items()))


def generated_pages(files: dict[str, bytes]) -> dict[str, str]:
    """The Markdown pages among generated files (docs path -> text)."""
    return {p: data.decode("utf-8") for p, data in files.items() if p.endswith(".md")}


def with_llms(
    files: dict[str, bytes], kb: KB, site_name: str, summary: str, use_directory_urls: bool = False
) -> dict[str, bytes]:
    """``files`` (:func:`~archkb.site.generate.generate_site_files`) with the llms files of its pages
    added, in sorted path order: what the plugin adds to a build and ``archkb generate`` writes."""
    pages = generated_pages(files)
    extra = llms_files(site_name, summary, site_nav(kb, list(pages)), pages, use_directory_urls)
    return dict(sorted({**files, **extra}.items()))


def listed_pages(index: str) -> Iterable[str]:
    """The twin paths ``llms.txt`` links to, in order (for checks and tests)."""
    return re.findall(r"^- \[[^\]]*\]\(([^)]+)\)", index, re.M)
