"""Escaping of KB text: golden cases, then what Python-Markdown (configured as mkdocs.yml) makes of them."""

from __future__ import annotations

import json
import re

import markdown
import pytest

from archkb.pages import escape

EXTENSIONS = [
    "abbr",
    "admonition",
    "attr_list",
    "md_in_html",
    "tables",
    "toc",
    "pymdownx.details",
    "pymdownx.superfences",
]


def render(source: str) -> str:
    return markdown.markdown(source, extensions=EXTENSIONS)


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        pytest.param("*x*", "\\*x\\*", id="emphasis"),
        pytest.param("a_b_c", "a\\_b\\_c", id="underscore"),
        pytest.param("`code`", "\\`code\\`", id="backticks"),
        pytest.param("[t](u)", "\\[t\\](u)", id="link"),
        pytest.param("a|b", "a\\|b", id="pipe"),
        pytest.param("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;", id="script"),
        pytest.param("AT&T &amp;", "AT&amp;T &amp;amp;", id="ampersand"),
        pytest.param("x\n# y", "x \\# y", id="newline-heading"),
        pytest.param("> quote", "&gt; quote", id="blockquote"),
        pytest.param("- item", "\\- item", id="dash-item"),
        pytest.param("+ item", "\\+ item", id="plus-item"),
        pytest.param("12. item", "12\\. item", id="ordered-item"),
        pytest.param("=== x", "&#61;== x", id="setext"),
        pytest.param("title {#id .c}", "title \\{\\#id .c\\}", id="attr-list"),
        pytest.param("  many   spaces\t\n", "many spaces", id="whitespace"),
        pytest.param("ctrl\x02char\x03", "ctrlchar", id="control-chars"),
        pytest.param("F5-XC vK8s 1.25", "F5-XC vK8s 1.25", id="plain-stays-plain"),
    ],
)
def test_text_golden(raw: str, escaped: str) -> None:
    assert escape.text(raw) == escaped


@pytest.mark.parametrize(
    "raw",
    [
        "*x*",
        "_y_",
        "a|b",
        "x\n# y",
        "<script>alert(1)</script>",
        "[t](javascript:alert(1))",
        "- item",
        "1. one",
        "> q",
        "{#id}",
        "AT&T",
        "`c`",
        "**b**",
    ],
)
def test_text_renders_exactly_as_written(raw: str) -> None:
    html = render(escape.text(raw))
    assert re.fullmatch(r"<p>.*</p>", html), html
    inner = html[3:-4]
    assert inner == escape.attr(raw).replace("&#x27;", "'"), html


def test_pipe_stays_inside_its_table_cell() -> None:
    html = render(f"| a | b |\n|---|---|\n| {escape.text('a|b')} | {escape.text('*x*')} |")
    cells = re.findall(r"<td>(.*?)</td>", html)
    assert cells == ["a|b", "*x*"], html


def test_link_title_with_pipe_stays_inside_its_table_cell() -> None:
    cell = escape.link("x", "https://e.x/", 'a|b "c"')
    html = render(f"| a | b |\n|---|---|\n| {cell} | y |")
    cells = re.findall(r"<td>(.*?)</td>", html)
    assert len(cells) == 2 and 'title="a&#124;b &quot;c&quot;"' in cells[0], html


def test_newline_heading_does_not_become_a_heading() -> None:
    hostile = "text\n# injected"
    html = render("## Title\n\n" + escape.text(hostile))
    assert "<h1" not in html and "injected" in html


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        pytest.param("https://example.com/a b(c)", "https://example.com/a%20b%28c%29", id="https-encoded"),
        pytest.param("http://example.com/x?y=1#z", "http://example.com/x?y=1#z", id="http"),
        pytest.param("mailto:someone@example.com", "mailto:someone@example.com", id="mailto"),
        pytest.param("../sources.md#cite-a-b", "../sources.md#cite-a-b", id="relative"),
        pytest.param("javascript:alert(1)", None, id="javascript"),
        pytest.param("JaVaScRiPt:alert(1)", None, id="javascript-case"),
        pytest.param("java\tscript:alert(1)", None, id="javascript-tab"),
        pytest.param("data:text/html,<script>", None, id="data"),
        pytest.param("vbscript:x", None, id="vbscript"),
        pytest.param("//evil.example/x", None, id="protocol-relative"),
        pytest.param("https:evil", None, id="https-without-host"),
        pytest.param("\\\\evil\\x", None, id="backslashes"),
        pytest.param("", None, id="empty"),
    ],
)
def test_safe_url(url: str, expected: str | None) -> None:
    assert escape.safe_url(url) == expected


def test_unsafe_link_is_plain_text() -> None:
    assert escape.link("click *me*", "javascript:alert(1)") == "click \\*me\\*"
    html = render(escape.link("click", "javascript:alert(1)"))
    assert "href" not in html


def test_safe_link_renders_with_escaped_label_and_title() -> None:
    html = render(escape.link("a <b> *c*", "https://example.com/", 'say "hi" & <go>'))
    assert 'href="https://example.com/"' in html
    assert 'title="say &quot;hi&quot; &amp; &lt;go&gt;"' in html
    assert ">a &lt;b&gt; *c*</a>" in html


def test_json_script_cannot_close_its_script_element() -> None:
    data = {"text": "</script><script>alert(1)</script> & \u2028\u2029"}
    dumped = escape.json_script(data)
    assert "<" not in dumped and ">" not in dumped and "&" not in dumped
    assert "\u2028" not in dumped and "\u2029" not in dumped
    assert json.loads(dumped) == data


def test_code_fence_outgrows_backticks_inside() -> None:
    assert escape.code("a`b") == "``a`b``"
    assert render(escape.code("a`b")) == "<p><code>a`b</code></p>"
