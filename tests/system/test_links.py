"""The link checker (tests/linkkit.py) on a small hand-made site, then on the real built site: every
internal link and anchor resolves, raw HTML included."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..linkkit import broken_links


def write(root: Path, files: dict[str, str]) -> Path:
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    return root


def test_checker_finds_missing_files_and_anchors_and_passes_good_links(tmp_path: Path) -> None:
    site = write(
        tmp_path,
        {
            "index.html": '<p id="top"><a href="a/b.html#here">ok</a> <a href="a/">folder</a> <a href="#top">self</a>'
            ' <a href="https://example.org/x">external</a> <img src="img/x.svg"> <a '
            'href="a/b.html?h=crd#here">query</a></p>',
            "a/index.html": '<a href="../index.html#top">up</a><a href="/index.html">root</a>',
            "a/b.html": '<h2 id="here">x</h2><a name="old"></a><a href="#old">named</a>'
            '<a href="../sources.md">raw html</a><a href="#gone">gone</a><link href="../assets/missing.css"><a '
            'href="../../out.html">out</a>',
            "img/x.svg": "<svg/>",
        },
    )
    assert broken_links(site) == [
        "a/b.html:1: <a> ../sources.md: no file sources.md",
        "a/b.html:1: <a> #gone: no anchor #gone in a/b.html",
        "a/b.html:1: <link> ../assets/missing.css: no file assets/missing.css",
        "a/b.html:1: <a> ../../out.html: no file ../out.html",
    ]


@pytest.mark.slow
def test_built_site_has_no_broken_internal_link(built_site: Path) -> None:
    assert len(list(built_site.rglob("*.html"))) >= 15
    assert broken_links(built_site) == []
