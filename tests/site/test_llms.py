"""llms.txt, llms-full.txt and the pages' Markdown twins: what a twin keeps and drops, the index in
navigation order, and the same files from every engine with every link landing on a page and anchor."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

import pytest

from archkb.site import ENGINE_NAMES
from archkb.site.generate import site_nav
from archkb.site.llms import LLMS, LLMS_FULL, listed_pages, twin_markdown, twin_path, without_attr_lists
from archkb.site.mkdocs_shell import generate_tree
from archkb.urls import page_url

from ..sitekit import ROOT, EngineSites

PAGE = """---
search:
  boost: 4
---
# Virtual Kubernetes {#vk8s}

<p class="archkb-kicker">Architecture 3 of 4</p>

XC hosts it. [1](../sources.md#cite-a-b "Source — section"){ .archkb-cite }
{: #vk-summary .archkb-lead }

- <span class="archkb-anchor" id="vk-how"></span>A namespace, see [the glossary](../glossary.md "Glossary") and [F5](https://www.f5.com/x.md).
- Literal braces stay: \\{#not-an-attribute\\} and `{2}`.

<script type="application/json" id="data">{"a": "<b>"}</script>

| [Home](../index.md){ data-archkb-arch="vk8s" } | yes |
"""


def test_a_twin_keeps_the_text_and_links_to_the_pages() -> None:
    twin = twin_markdown(PAGE)
    assert twin.startswith(
        "# Virtual Kubernetes\n\nArchitecture 3 of 4\n\nXC hosts it. [1](../sources.html#cite-a-b)\n"
    )
    assert "- A namespace, see [the glossary](../glossary.html) and [F5](https://www.f5.com/x.md)." in twin
    assert "\\{#not-an-attribute\\} and `{2}`" in twin
    assert "| [Home](../index.html) | yes |" in twin
    for gone in ("<script", "search:", "archkb-anchor", "{ .", "{:", "data-archkb", "<p"):
        assert gone not in twin, gone


def test_twin_links_follow_the_site_url_style() -> None:
    assert "[x](../glossary/#crd)" in twin_markdown("[x](../glossary.md#crd)", use_directory_urls=True)


def test_attribute_lists_go_with_the_blanks_before_them_and_nothing_else(tree: dict[str, bytes]) -> None:
    assert without_attr_lists('a {.x} b\t{: #y }\n  { data-z="1" }c \\{.kept}') == "a b\nc \\{.kept}"
    # The same as the plain substitution with the blanks in the pattern, on every real page.
    plain = re.compile(r"[ \t]*(?<!\\)\{:?[ \t]*(?:[#.]|[a-z][a-z0-9-]*=)[^}\n]*\}")
    pages = [data.decode("utf-8") for path, data in tree.items() if path.endswith(".md")]
    assert pages and all(without_attr_lists(text) == plain.sub("", text) for text in pages)


@pytest.fixture(scope="module")
def tree(real_kb) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    return generate_tree(real_kb, ROOT / "docs", ROOT / "mkdocs.yml", diagrams=False)


def test_llms_txt_lists_every_generated_page_once_in_navigation_order(real_kb, tree: dict[str, bytes]) -> None:  # type: ignore[no-untyped-def]
    docs = {p.removeprefix("docs/"): data for p, data in tree.items() if p.startswith("docs/")}
    twins = sorted(p for p in docs if p.endswith(".md.txt"))
    generated = [p.removesuffix(".txt") for p in twins]
    index = docs[LLMS].decode("utf-8")
    assert index.startswith("# F5 XC and Kubernetes\n\n> The four ways F5 Distributed Cloud works with Kubernetes")
    nav = [
        p
        for item in site_nav(real_kb, generated)
        for ps in item.values()
        for p in ([ps] if isinstance(ps, str) else ps)
    ]
    assert list(listed_pages(index)) == [twin_path(p) for p in nav]
    assert sorted(listed_pages(index)) == twins, "every twin is listed, and only generated pages have one"
    full = docs[LLMS_FULL].decode("utf-8")
    starts = [full.index(f"<!-- {twin_path(p)} -->\n\n" + docs[twin_path(p)].decode("utf-8").rstrip()) for p in nav]
    assert starts == sorted(starts), "llms-full.txt holds every twin whole, in navigation order"
    assert "docs/introduction.md.txt" not in tree, "hand-written pages get no twin"


def test_the_llms_files_are_deterministic(real_kb, tree: dict[str, bytes]) -> None:  # type: ignore[no-untyped-def]
    again = generate_tree(real_kb, ROOT / "docs", ROOT / "mkdocs.yml", diagrams=False)
    llms = [p for p in tree if p.endswith(".txt") and "vendor" not in p]
    assert llms and all(again[p] == tree[p] for p in llms)


def served_llms(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*.txt"))
        if p.name in (LLMS, LLMS_FULL) or p.name.endswith(".md.txt")
    }


@pytest.mark.parametrize("engine", ENGINE_NAMES)
def test_every_engine_serves_the_same_llms_files_whose_links_all_land(engine_sites: EngineSites, engine: str) -> None:
    site = engine_sites.site(engine)
    files = served_llms(site)
    assert files == served_llms(engine_sites.site("mkdocs")), "every engine serves the same bytes"
    assert len(files) > 10
    broken = []
    for path, data in files.items():
        if path == LLMS_FULL:
            continue
        for target in re.findall(r"\]\(([^)\s]+)", data.decode("utf-8")):
            if re.match(r"[a-z]+:", target):
                continue
            page, _, anchor = target.partition("#")
            own = page_url(path.removesuffix(".txt")) if path.endswith(".md.txt") else path
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), page)) if page else own
            html = site / resolved
            if not html.is_file():
                broken.append(f"{path}: {target}")
            elif anchor and f'id="{anchor}"' not in html.read_text(encoding="utf-8"):
                broken.append(f"{path}: {target} (no such anchor)")
    assert not broken, "\n".join(broken[:20])
