"""Plain text from the KB made safe for what it lands in: Markdown that becomes HTML, link targets,
HTML attributes and JSON inside ``<script>``.

Python-Markdown and MkDocs sanitize nothing, so every KB string goes through one of these functions
before it reaches a page. :func:`text` makes a string show exactly as written: HTML-significant
characters become entities and Markdown syntax is backslash-escaped (only characters Python-Markdown
accepts as escapes, so no stray backslash ever shows).
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from typing import Any
from urllib.parse import quote, urlsplit

#: Characters escaped anywhere in inline text. All are in Python-Markdown's ``ESCAPED_CHARS``
#: (``|`` once the tables extension is on), except ``&``, ``<`` and ``>``, which become entities.
_INLINE = str.maketrans(
    {
        "\\": "\\\\",
        "`": "\\`",
        "*": "\\*",
        "_": "\\_",
        "[": "\\[",
        "]": "\\]",
        "{": "\\{",
        "}": "\\}",
        "#": "\\#",
        "|": "\\|",
        "!": "\\!",
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
    }
)

#: A line that starts like a list item, an ordered list item, a setext/rule marker or a collapsible
#: block (``??? note``, pymdownx.details).
_BLOCK_START = re.compile(r"^(?:[-+=?]|\d+(?=[.)]))")

SAFE_SCHEMES = ("http", "https", "mailto")

#: Control characters (Unicode category Cc) that are not whitespace: dropped. The whitespace ones
#: (tab, newline, ..., U+001C-U+001F, U+0085) are separators to ``str.split`` like any other space.
#: One regex instead of a per-character loop: escaping was the largest cost of page generation.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")


def plain(value: str) -> str:
    """One line of plain text: control characters dropped, every run of whitespace one space.

    Python-Markdown uses STX/ETX as placeholders internally, so control characters could smuggle
    stashed HTML into a page; newlines could start a heading or a list.
    """
    return " ".join(_CONTROL.sub("", value).split())


def text(value: str) -> str:
    """Plain text as inline Markdown that renders exactly as written (also safe in a table cell)."""
    escaped = plain(value).translate(_INLINE)
    match = _BLOCK_START.match(escaped)
    if match:
        head = match.group(0)
        if head in "-+":
            escaped = "\\" + escaped
        elif head in "=?":  # neither is a Markdown escape: an entity keeps it from starting a block
            escaped = f"&#{ord(head)};" + escaped[1:]
        else:  # digits followed by "." or ")": escape the dot so it is no list number
            rest = escaped[len(head) :]
            escaped = head + ("\\" + rest if rest.startswith(".") else rest)
    # "[label\]: x" at the start of a line is a reference definition to Python-Markdown, which does not
    # honour the backslash there: the colon becomes an entity.
    return escaped.replace("\\]:", "\\]&#58;")


def code(value: str) -> str:
    """Inline code: a backtick fence longer than any run of backticks in ``value``."""
    value = plain(value).replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", value)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if value.startswith("`") or value.endswith("`") else ""
    return f"{fence}{pad}{value}{pad}{fence}"


def attr(value: str) -> str:
    """Text for an HTML attribute value in double quotes."""
    return html.escape(plain(value), quote=True)


def title(value: str) -> str:
    """Text for a Markdown link title (``[x](url "title")``), shown as a tooltip. ``|``, backticks and
    backslashes become entities: a pipe would split a table cell, a backtick would start a code span
    that swallows the link (Python-Markdown finds code spans before links), a backslash would escape."""
    return html.escape(plain(value), quote=True).replace("|", "&#124;").replace("`", "&#96;").replace("\\", "&#92;")


def admonition_title(value: str) -> str:
    """Text for the quoted title of an admonition or a collapsible block (``!!! note "title"``,
    ``??? note "title"``). Python-Markdown reads such a title as inline Markdown (emphasis, code,
    links, even ``javascript:`` ones), so it is escaped like any inline text."""
    return text(value)


def abbreviation(value: str) -> str:
    """Text for the definition of an abbreviation (``*[RE]: ...``); the abbr extension escapes it."""
    return plain(value)


def safe_url(url: str) -> str | None:
    """``url`` ready for a Markdown link target if it is http(s), mailto or relative, else None.

    Rejects ``javascript:``, ``data:`` and every other scheme, protocol-relative ``//host`` links,
    backslashes and control characters; spaces and parentheses are percent-encoded.
    """
    if not url or any(unicodedata.category(ch) == "Cc" for ch in url) or "\\" in url:
        return None
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme:
        if parts.scheme.lower() not in SAFE_SCHEMES:
            return None
        if parts.scheme.lower() != "mailto" and not parts.netloc:
            return None
    elif url.startswith("//") or parts.netloc:
        return None
    elif ":" in url.split("/", 1)[0].split("#", 1)[0].split("?", 1)[0]:
        return None
    return quote(url, safe="/:?#[]@!$&'*+,;=%~-._")


def link(label: str, url: str, tooltip: str | None = None) -> str:
    """A Markdown link with an escaped label, or just the escaped label when ``url`` is unsafe."""
    target = safe_url(url)
    if target is None:
        return text(label)
    hint = f' "{title(tooltip)}"' if tooltip else ""
    return f"[{text(label)}]({target}{hint})"


def json_script(data: Any) -> str:
    """``data`` as JSON that cannot end its ``<script>`` element early or break a JS parser."""
    dumped = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for raw, escaped in (
        ("&", "\\u0026"),
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        dumped = dumped.replace(raw, escaped)
    return dumped
