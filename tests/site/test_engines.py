"""The site from each engine: real strict builds of the real KB with MkDocs, ProperDocs (running the
archkb plugin unchanged) and Zensical (building the generated project), and their parity: the same
pages, and on every page the same anchors and the same text."""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from archkb import arguments
from archkb.kb import load_kb
from archkb.site import DEFAULT_ENGINE, ENGINE_NAMES

from ..sitekit import REAL_KB, EngineSites, clean_env, tree_hash

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"})


class Article(HTMLParser):
    """The ids and the text inside a page's ``<article>`` (the page itself, without the theme around it)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.hidden = 0
        self.ids: list[str] = []
        self.words: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth == 0:
            self.depth = int(tag == "article")
            return
        if tag not in VOID:
            self.depth += 1
            self.hidden += tag in ("script", "style")
        ident = dict(attrs).get("id")
        if ident and not ident.startswith("__"):  # the theme's own ids (__skip, __tabbed...) are not the page's
            self.ids.append(ident)

    def handle_endtag(self, tag: str) -> None:
        if self.depth and tag not in VOID:
            self.depth -= 1
            self.hidden -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if self.depth and not self.hidden:
            self.words += data.split()


def article(path: Path) -> tuple[list[str], str]:
    parser = Article()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.ids, " ".join(parser.words)


def pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def test_the_command_offers_every_engine_and_the_same_default() -> None:
    assert (arguments.ENGINE_NAMES, arguments.DEFAULT_ENGINE) == (ENGINE_NAMES, DEFAULT_ENGINE)


@pytest.mark.parametrize("engine", ENGINE_NAMES)
def test_each_engine_builds_the_real_kb_strictly(engine_sites: EngineSites, engine: str) -> None:
    site, stderr = engine_sites.build(engine)
    assert "WARNING" not in stderr, stderr
    kb = load_kb(REAL_KB)
    expected = ["index.html", "glossary.html", "quiz.html", "llms.txt", "llms-full.txt"] + [
        f"architectures/{a.id}.html" for a in kb.architectures
    ]
    missing = [p for p in expected if not (site / p).is_file()]
    assert not missing, missing
    assert (site / ".archkb-output").read_text().startswith("built by archkb build")


def test_properdocs_runs_the_plugin_from_its_entry_point(engine_sites: EngineSites) -> None:
    _, stderr = engine_sites.build("properdocs")
    assert re.search(r"archkb: generated \d+ files from ", stderr), stderr
    entry = subprocess.run(
        [sys.executable, "-c", "from properdocs.plugins import get_plugins; print(get_plugins()['archkb'].value)"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert entry.stdout.strip() == "archkb.plugin:ArchkbPlugin"


@pytest.mark.parametrize("engine", [e for e in ENGINE_NAMES if e != "mkdocs"])
def test_every_engine_gives_the_same_pages_anchors_and_text(engine_sites: EngineSites, engine: str) -> None:
    reference, other = engine_sites.site("mkdocs"), engine_sites.site(engine)
    assert pages(reference) == pages(other), pages(reference) ^ pages(other)
    differ = []
    for page in sorted(pages(reference)):
        (ids_a, text_a), (ids_b, text_b) = article(reference / page), article(other / page)
        if ids_a != ids_b:
            differ.append(f"{page}: anchors {sorted(set(ids_a) ^ set(ids_b))[:6]} (or their order)")
        if text_a != text_b:
            at = next(i for i, (x, y) in enumerate(zip(text_a, text_b, strict=False)) if x != y)
            differ.append(f"{page}: text differs at ...{text_a[max(0, at - 40) : at + 40]!r}")
        if page != "404.html" and (not ids_a or len(text_a) < 20):
            differ.append(f"{page}: the comparison found no article")
    assert not differ, "\n".join(differ)


@pytest.mark.parametrize("engine", ["properdocs", "zensical"])
def test_a_failed_build_keeps_the_last_good_site_and_a_rebuild_gives_the_same_bytes(
    engine_sites: EngineSites, engine: str, tmp_path: Path
) -> None:
    good = engine_sites.site(engine)
    before = tree_hash(good)
    project = engine_sites.project
    intro = project / "docs" / "introduction.md"
    original = intro.read_text(encoding="utf-8")
    args = [sys.executable, "-m", "archkb", "build", "--engine", engine, "--site-dir", str(good)]
    try:
        intro.write_text("# Introduction\n\nSee [nowhere](missing.md).\n", encoding="utf-8")
        failed = subprocess.run(args, cwd=project, env=clean_env(), capture_output=True, text=True, check=False)
    finally:
        intro.write_text(original, encoding="utf-8")
    assert failed.returncode == 1, failed.stderr
    assert "missing.md" in failed.stderr and "the site was not built" in failed.stderr
    assert "Traceback" not in failed.stderr
    assert tree_hash(good) == before
    assert not [p.name for p in project.iterdir() if p.name.startswith((".site-", ".archkb-zensical-"))]
    again = subprocess.run(
        [*args[:-1], str(tmp_path / "again")], cwd=project, env=clean_env(), capture_output=True, text=True
    )
    assert again.returncode == 0, again.stderr
    assert tree_hash(tmp_path / "again") == before, "two builds of the same KB give the same bytes"
