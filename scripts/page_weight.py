"""The bytes a reader downloads for one page of a built site, gzipped as a server would send them.

``python scripts/page_weight.py SITE_DIR`` prints one row per page type; ``scripts/bench.py`` reports
the same figures (its ``weight`` stage). Figures only: what a page costs is read, never asserted.

A page's download is the HTML and every file it references that the browser fetches on load
(stylesheets, scripts, images), split into three parts: the HTML itself; our assets (``assets/archkb/``,
the diagrams) and the theme's (everything else under ``assets/``). The search index, which the
theme's search fetches once per visit, is reported on its own.
"""

from __future__ import annotations

import gzip
import posixpath
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

#: Page type -> the page of the built site that stands for it (the first that exists is used).
PAGE_TYPES: dict[str, tuple[str, ...]] = {
    "home": ("index.html",),
    "architecture": ("architectures/vk8s.html",),
    "comparison": ("comparison.html",),
    "restrictions": ("restrictions.html",),
    "glossary": ("glossary.html",),
    "qa": ("qa.html",),
    "sources": ("sources.html",),
    "quiz": ("quiz.html",),
    "hand-written": ("introduction.html",),
}
OURS = ("assets/archkb/", "diagrams/")
SEARCH_INDEX = "search/search_index.json"


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "link" and (a.get("rel") or "") in ("stylesheet", "icon", "preload") and a.get("href"):
            self.refs.append(str(a["href"]))
        elif tag in ("script", "img") and a.get("src"):
            self.refs.append(str(a["src"]))


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


@dataclass(frozen=True)
class Weight:
    page: str
    html: int  # gzipped bytes of each part
    ours: int
    theme: int

    @property
    def total(self) -> int:
        return self.html + self.ours + self.theme


def references(site: Path, page: str) -> list[str]:
    """Site-relative paths of the local files ``page`` loads, each once."""
    parser = _Assets()
    parser.feed((site / page).read_text(encoding="utf-8"))
    found: list[str] = []
    for ref in parser.refs:
        if "://" in ref or ref.startswith(("//", "data:")):
            continue
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page), ref.split("?")[0].split("#")[0]))
        if path not in found and (site / path).is_file():
            found.append(path)
    return found


def page_weight(site: Path, page: str) -> Weight:
    ours = theme = 0
    for path in references(site, page):
        size = gzipped((site / path).read_bytes())
        if path.startswith(OURS):
            ours += size
        else:
            theme += size
    return Weight(page, gzipped((site / page).read_bytes()), ours, theme)


def site_weights(site: Path) -> dict[str, Weight]:
    """Page type -> its weight, for each type whose page the site has."""
    out = {}
    for kind, candidates in PAGE_TYPES.items():
        page = next((p for p in candidates if (site / p).is_file()), None)
        if page:
            out[kind] = page_weight(site, page)
    return out


def search_index(site: Path) -> int | None:
    path = site / SEARCH_INDEX
    return gzipped(path.read_bytes()) if path.is_file() else None


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_dir():
        print("usage: page_weight.py SITE_DIR", file=sys.stderr)
        return 2
    site = Path(argv[0])
    print("| page type | page | HTML | ours | theme | total (KiB, gzipped) |")
    print("|---|---|---|---|---|---|")
    for kind, w in site_weights(site).items():
        print(
            f"| {kind} | {w.page} | {w.html / 1024:.1f} | {w.ours / 1024:.1f} | {w.theme / 1024:.1f} | "
            f"{w.total / 1024:.1f} |"
        )
    index = search_index(site)
    if index is not None:
        print(f"\nsearch index (fetched once per visit): {index / 1024:.1f} KiB gzipped")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
