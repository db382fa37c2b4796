"""A link checker for a built site folder: every internal link and anchor of every HTML page, from
the theme's markup, ours and raw HTML in Markdown alike (strict MkDocs checks only Markdown links).

Standard library only (html.parser). External links (a scheme or ``//``) are not followed: the site
must work offline, and their reachability is not this test's to judge.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

#: (tag, attribute) pairs that point at another file or anchor.
LINK_ATTRIBUTES = {
    ("a", "href"),
    ("area", "href"),
    ("link", "href"),
    ("img", "src"),
    ("script", "src"),
    ("source", "src"),
    ("iframe", "src"),
}


@dataclass(frozen=True)
class Link:
    page: str  # site-relative path of the page the link is on
    line: int
    tag: str
    target: str  # the attribute's value as written

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: <{self.tag}> {self.target}"


class _Collector(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.anchors: set[str] = set()
        self.links: list[Link] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.anchors.add(value)
            if (tag, name) in LINK_ATTRIBUTES:
                self.links.append(Link(self.page, self.getpos()[0], tag, value))

    handle_startendtag = handle_starttag


@dataclass
class Parsed:
    anchors: set[str]
    links: list[Link]


def parse(site: Path, page: str) -> Parsed:
    collector = _Collector(page)
    collector.feed((site / page).read_text(encoding="utf-8"))
    collector.close()
    return Parsed(collector.anchors, collector.links)


def is_external(target: str) -> bool:
    parts = urlsplit(target)
    return bool(parts.scheme) or target.startswith("//")


def resolve(page: str, target: str) -> tuple[str, str]:
    """(site-relative file, fragment) that ``target`` on ``page`` points at; a folder means its index.html."""
    parts = urlsplit(target)
    path = unquote(parts.path)
    if not path:
        file = page
    elif path.startswith("/"):
        file = path.lstrip("/")
    else:
        file = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if file in ("", ".") or path.endswith("/"):
        file = posixpath.join(file, "index.html") if file not in ("", ".") else "index.html"
    return file, unquote(parts.fragment)


def broken_links(site: Path) -> list[str]:
    """Every internal link of the site that leads nowhere: a missing file, or a missing anchor in an HTML page."""
    site = Path(site)
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))

    @cache
    def parsed(page: str) -> Parsed:
        return parse(site, page)

    problems = []
    for page in pages:
        for link in parsed(page).links:
            if is_external(link.target) or link.target in ("#", ""):
                continue
            file, fragment = resolve(page, link.target)
            target = site / file
            if file.startswith("../") or not target.is_file():
                if (site / file).is_dir() and (site / file / "index.html").is_file():
                    file = posixpath.join(file, "index.html")
                else:
                    problems.append(f"{link}: no file {file}")
                    continue
            if fragment and file.endswith(".html") and fragment not in parsed(file).anchors:
                problems.append(f"{link}: no anchor #{fragment} in {file}")
    return problems
