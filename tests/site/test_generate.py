"""The site generator: every generated file, the navigation, the KB's date."""

from __future__ import annotations

from pathlib import Path

import pytest

from archkb import urls
from archkb.kb import load_kb
from archkb.site import generate as site


@pytest.fixture(scope="module")
def files(real_kb, tmp_path_factory):  # type: ignore[no-untyped-def]
    return site.generate_site_files(real_kb, cache_dir=tmp_path_factory.mktemp("cache"))


def test_all_pages_diagrams_and_assets(real_kb, files) -> None:  # type: ignore[no-untyped-def]
    expected = {
        urls.HOME,
        urls.COMPARISON,
        urls.RESTRICTIONS,
        urls.GLOSSARY,
        urls.QA,
        urls.CHANGES,
        urls.SOURCES,
        urls.REFERENCE,
    }
    expected |= {urls.architecture_page(a.id) for a in real_kb.architectures}
    expected |= {urls.diagram_file(a.id) for a in real_kb.architectures} | {urls.diagram_file("overview")}
    expected |= set(site.EXTRA_CSS) | set(site.EXTRA_JAVASCRIPT)
    assert expected <= set(files)
    assert list(files) == sorted(files)
    for arch in real_kb.architectures:
        assert files[urls.diagram_file(arch.id)].lstrip().startswith((b"<?xml", b"<svg"))
        assert f"](../{urls.diagram_file(arch.id)})".encode() in files[urls.architecture_page(arch.id)]


def test_quiz_page_when_the_quiz_is_present(files) -> None:  # type: ignore[no-untyped-def]
    if not site.has_quiz():
        pytest.skip("the quiz part of archkb is not in this checkout")
    assert urls.QUIZ in files
    css, js = site.extra_assets()
    assert set(css) | set(js) <= set(files)


def test_without_diagrams_the_slot_says_so(real_kb) -> None:  # type: ignore[no-untyped-def]
    files = site.generate_site_files(real_kb, diagrams=False, quiz=False)
    assert not [p for p in files if p.startswith(urls.DIAGRAMS_DIR)]
    assert b"Diagram not rendered" in files[urls.architecture_page("vk8s")]
    assert urls.QUIZ not in files


def test_same_kb_same_bytes(real_kb, files, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    again = site.generate_site_files(load_kb(Path(__file__).resolve().parents[2] / "kb"), cache_dir=tmp_path)
    assert again == files


def test_nav_orders_architectures_and_places_hand_written_pages(real_kb, files) -> None:  # type: ignore[no-untyped-def]
    pages = [p for p in files if p.endswith(".md")] + [
        "introduction.md",
        "adding-facts.md",
        "using-the-quiz.md",
        "zz-other.md",
    ]
    nav = site.site_nav(real_kb, pages)
    sections = {title: items for entry in nav for title, items in entry.items()}
    assert list(sections)[:2] == ["Home", "Architectures"]
    assert sections["Home"] == [urls.HOME, "introduction.md"]
    assert sections["Architectures"][: len(real_kb.architectures)] == [
        urls.architecture_page(a.id) for a in real_kb.architectures
    ]
    assert (
        "using-the-quiz.md" in sections["Quiz"]
        if isinstance(sections["Quiz"], list)
        else sections["Quiz"] == "using-the-quiz.md"
    )
    assert {"adding-facts.md", "zz-other.md"} <= set(sections["About the KB"])
    listed = [p for items in sections.values() for p in ([items] if isinstance(items, str) else items)]
    assert sorted(listed) == sorted(set(pages)), "every page exactly once"


def test_nav_leaves_out_missing_pages(real_kb) -> None:  # type: ignore[no-untyped-def]
    nav = site.site_nav(real_kb, [urls.HOME, urls.GLOSSARY])
    assert nav == [{"Home": urls.HOME}, {"Glossary": urls.GLOSSARY}]


def test_kb_date_is_the_newest_date_in_the_kb(real_kb, base_kb) -> None:  # type: ignore[no-untyped-def]
    dates = [s.updated for s in real_kb.sources.values() if s.updated] + [
        r.date for s in real_kb.sources.values() for r in s.revisions
    ]
    assert site.kb_date(real_kb) >= max(d for d in dates if len(d) == 10)
    assert len(site.kb_date(real_kb)) == 10
    assert site.kb_date(load_kb(base_kb)) == "2024-03-14"


def test_nav_leaves_out_the_performance_page(real_kb, files) -> None:  # type: ignore[no-untyped-def]
    pages = [p for p in files if p.endswith(".md")] + ["performance.md", "cli.md"]
    sections = {title: items for entry in site.site_nav(real_kb, pages) for title, items in entry.items()}
    listed = [p for items in sections.values() for p in ([items] if isinstance(items, str) else items)]
    assert "performance.md" not in listed
    assert "cli.md" in sections["About the KB"]
    assert sorted(listed) == sorted(set(pages) - {"performance.md"})


def test_pages_out_of_the_nav_are_declared_to_mkdocs() -> None:
    config = (Path(__file__).resolve().parents[2] / "mkdocs.yml").read_text(encoding="utf-8")
    declared = config.split("not_in_nav: |\n", 1)[1].split("\n\n", 1)[0].split()
    assert sorted(declared) == sorted("/" + p for p in site.OUT_OF_NAV)
