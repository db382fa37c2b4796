"""Links between docs pages: :func:`archkb.urls.relative` gives what :func:`posixpath.relpath` gives."""

from __future__ import annotations

import posixpath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from archkb import urls

#: Path segments, including the ones relpath normalises (".", "..", "") and near misses ("...", ".a").
segments = st.sampled_from(["a", "b", "ab", "architectures", "x.md", ".", "..", "...", ".a", ""])
paths = st.lists(segments, min_size=1, max_size=4).map("/".join)
anchors = st.sampled_from(["", "#top", "#cite-a-b"])


def by_relpath(from_page: str, target: str) -> str:
    path, _, anchor = target.partition("#")
    return posixpath.relpath(path, posixpath.dirname(from_page) or ".") + (f"#{anchor}" if anchor else "")


@given(from_page=paths, target=paths, anchor=anchors)
def test_relative_agrees_with_relpath(from_page: str, target: str, anchor: str) -> None:
    try:
        expected = by_relpath(from_page, target + anchor)
    except ValueError as err:  # relpath refuses an empty path; so must relative
        with pytest.raises(ValueError, match=str(err)):
            urls.relative(from_page, target + anchor)
        return
    assert urls.relative(from_page, target + anchor) == expected


@pytest.mark.parametrize(
    ("from_page", "target", "expected"),
    [
        ("index.md", "architectures/vk8s.md", "architectures/vk8s.md"),
        ("architectures/vk8s.md", "sources.md#cite-a-b", "../sources.md#cite-a-b"),
        ("architectures/vk8s.md", "architectures/mk8s.md", "mk8s.md"),
        ("architectures/vk8s.md", "architectures", "."),
        ("a/b/c.md", "a/d/e.md", "../d/e.md"),
    ],
)
def test_relative_links(from_page: str, target: str, expected: str) -> None:
    assert urls.relative(from_page, target) == expected


def test_page_urls_follow_the_site_url_style() -> None:
    assert urls.page_url("architectures/vk8s.md") == "architectures/vk8s.html"
    assert urls.page_url("architectures/vk8s.md", use_directory_urls=True) == "architectures/vk8s/"
    assert urls.page_url("index.md", use_directory_urls=True) == "./"
    assert urls.absolute("https://d.example/kb", "index.md#x", use_directory_urls=True) == "https://d.example/kb/#x"
    assert (
        urls.absolute("https://d.example/", "architectures/vk8s.md#y") == "https://d.example/architectures/vk8s.html#y"
    )
