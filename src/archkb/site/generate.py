"""The whole generated part of the docs site, as bytes in memory: pages, diagrams, quiz, assets.

:func:`generate_site_files` is the one generator behind both shells: the MkDocs plugin
(:mod:`archkb.plugin`) adds its files to the build, and ``archkb generate`` writes them out as
plain files (:mod:`archkb.site.mkdocs_shell`). Paths are docs-relative (``architectures/vk8s.md``).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

from .. import urls
from ..kb.model import KB
from ..pages import comparison, generate_pages, sources
from ..pages.glossary import abbreviation_block

ASSET_DIR = "assets/archkb"
EXTRA_CSS = (f"{ASSET_DIR}/archkb.css",)
EXTRA_JAVASCRIPT = (f"{ASSET_DIR}/archkb.js", f"{ASSET_DIR}/guide.js")

#: Where hand-written pages go in the navigation (others land in "About the KB").
HAND_WRITTEN_SECTIONS = {
    "introduction.md": "Home",
    "using-the-quiz.md": "Quiz",
    "adding-facts.md": "About the KB",
    "cli.md": "About the KB",
}
#: Hand-written pages built but kept out of the learners' navigation (reached by links; listed under
#: ``not_in_nav`` in mkdocs.yml, so a strict build accepts them).
OUT_OF_NAV = frozenset({"performance.md"})
FALLBACK_DATE = "1970-01-01"


def available(module: str) -> bool:
    """Whether an optional part of archkb (diagrams, quiz) is present in this checkout."""
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def asset_files() -> dict[str, bytes]:
    """The site's own CSS and JavaScript (shipped in ``archkb/pages/assets``)."""
    folder = resources.files("archkb.pages").joinpath("assets")
    return {
        f"{ASSET_DIR}/{name}": folder.joinpath(name).read_bytes() for name in ("archkb.css", "archkb.js", "guide.js")
    }


def diagram_files(kb: KB, cache_dir: Path | None = None) -> tuple[dict[str, bytes], dict[str, str]]:
    """Rendered SVG diagrams (docs path -> bytes) and their alt texts (architecture id -> text).

    Unchanged diagrams come from ``cache_dir`` without running graphviz again.
    """
    if not available("archkb.diagrams.render"):
        return {}, {}
    from ..diagrams import render as diagrams_render

    outputs, _ = diagrams_render.render_diagrams(kb, formats=("svg",), cache_dir=cache_dir)
    files = {urls.diagram_file(name, "svg"): data["svg"] for name, data in sorted(outputs.items())}
    alts = {a.id: diagrams_render.alt_text(kb, a) for a in kb.architectures if urls.diagram_file(a.id) in files}
    if urls.diagram_file(diagrams_render.OVERVIEW) in files:
        alts[diagrams_render.OVERVIEW] = diagrams_render.overview_alt_text(kb)
    return files, alts


def has_quiz() -> bool:
    """Whether the quiz part of archkb (bank and web page) is present in this checkout."""
    return available("archkb.quiz.web") and available("archkb.quiz.bank")


def quiz_asset_files() -> dict[str, bytes]:
    """The quiz page's scripts and styles (empty when the quiz part of archkb is missing)."""
    if not has_quiz():
        return {}
    from ..quiz.web import asset_files as quiz_assets

    return {path: data if isinstance(data, bytes) else data.encode("utf-8") for path, data in quiz_assets().items()}


def quiz_pages(kb: KB, use_directory_urls: bool, kb_dir: Path | None = None) -> dict[str, str]:
    """The quiz page, and the questions of the architecture pages' "Check yourself" blocks (the bank
    from the quiz's bank cache when ``kb_dir``, the folder ``kb`` was loaded from, is given)."""
    from ..quiz.cache import bank_for
    from ..quiz.check import CHECK_JS, check_script
    from ..quiz.web import quiz_page_markdown

    if kb_dir is not None:
        bank = bank_for(kb, kb_dir)  # a cache hit never imports the question generators
    else:
        from ..quiz.bank import build_bank

        bank = build_bank(kb)
    return {
        urls.QUIZ: quiz_page_markdown(bank, page=urls.QUIZ, use_directory_urls=use_directory_urls),
        CHECK_JS: check_script(bank),
    }


def extra_assets(quiz: bool = True) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(extra_css, extra_javascript) the site needs: ours, plus the quiz's when it is on."""
    css: tuple[str, ...] = EXTRA_CSS
    js: tuple[str, ...] = EXTRA_JAVASCRIPT
    if quiz and has_quiz():
        from ..quiz import web

        css, js = css + tuple(web.EXTRA_CSS), js + tuple(web.EXTRA_JAVASCRIPT)
    return css, js


def generate_site_files(
    kb: KB,
    *,
    diagrams: bool = True,
    quiz: bool = True,
    cache_dir: Path | None = None,
    use_directory_urls: bool = False,
    kb_dir: Path | None = None,
) -> dict[str, bytes]:
    """Every generated file of the site: docs-relative path -> content, in sorted path order.

    Args:
        kb: the knowledge base.
        diagrams: render the architecture diagrams (needs graphviz).
        quiz: add the quiz page and its assets.
        cache_dir: the diagram render cache (``.archkb-cache/diagrams`` when None); unchanged
            diagrams come from it without running graphviz again.
        use_directory_urls: the site's setting (the quiz's script links need it).
        kb_dir: the folder ``kb`` was loaded from; given, the quiz's bank comes from its bank cache
            when that holds this KB's (:func:`archkb.quiz.cache.bank_for`).
    """
    files = asset_files()
    alts: dict[str, str] = {}
    if diagrams:
        svgs, alts = diagram_files(kb, cache_dir)
        files.update(svgs)
    links = {}
    markdown: dict[str, str] = {}
    with_quiz = quiz and has_quiz()
    if with_quiz:
        files.update(quiz_asset_files())
        markdown.update(quiz_pages(kb, use_directory_urls, kb_dir))
        links["Test yourself with the quiz"] = urls.QUIZ
    markdown.update(generate_pages(kb, alts, links, check=with_quiz))
    for path, text in markdown.items():
        files[path] = text.encode("utf-8")
    return dict(sorted(files.items()))


def abbreviations(kb: KB) -> str:
    """The abbreviation definitions appended to every page (generated and hand-written)."""
    return abbreviation_block(kb)


def site_nav(kb: KB, pages: Iterable[str]) -> list[dict[str, Any]]:
    """The navigation: tabs for home, architectures, glossary, Q&A, quiz and the KB itself.

    ``pages`` are the docs-relative Markdown paths of the site (generated and hand-written);
    a section lists only pages that exist, and a hand-written page nobody placed goes to "About the KB";
    the pages of :data:`OUT_OF_NAV` are left out.
    """
    present = set(pages) - OUT_OF_NAV
    sections: dict[str, list[str]] = {
        "Home": [urls.HOME],
        "Architectures": [urls.architecture_page(a.id) for a in kb.architectures]
        + comparison.page_paths(kb)
        + [urls.RESTRICTIONS],
        "Glossary": [urls.GLOSSARY],
        "Reader Q&A": [urls.QA],
        "Quiz": [urls.QUIZ],
        "About the KB": sources.page_paths(kb) + [urls.CHANGES, urls.REFERENCE],
    }
    placed = {p for items in sections.values() for p in items}
    for path in sorted(present - placed):
        sections[HAND_WRITTEN_SECTIONS.get(path, "About the KB")].append(path)
    nav: list[dict[str, Any]] = []
    for title, items in sections.items():
        existing = [p for p in items if p in present]
        if existing:
            nav.append({title: existing[0] if len(existing) == 1 else existing})
    return nav


def kb_date(kb: KB) -> str:
    """The newest date the KB states (sources, revisions, facts, notes) as YYYY-MM-DD.

    Pages get it as their update date, so the sitemap never depends on the clock.
    """
    dates: list[str] = []
    for source in kb.sources.values():
        dates += list(source.dates)
        dates += [r.date for r in source.revisions]
    for fact in kb.facts.values():
        dates += [fact.since] if fact.since else []
        dates += [h.until for h in fact.history]
        dates += [n.as_of for n in fact.notes if n.as_of]
        dates += [fact.as_of] if fact.as_of else []
    full = [(d + "-01-01")[:10] if len(d) == 4 else (d + "-01")[:10] if len(d) == 7 else d[:10] for d in dates]
    return max(full, default=FALLBACK_DATE)
