"""The quiz on the docs site: the page's Markdown with the bank embedded, and its script and style.

The bank is embedded in the page (not fetched), so the quiz works offline and from ``file://``. It
sits in ``<script type="application/json">`` with ``<``, ``>``, ``&``, U+2028 and U+2029 written as
``\\u`` escapes, so no text from the KB can close the script element or be read as markup. The
script (``assets/archkb/quiz.js``) inserts all text with ``textContent`` and starts through
Material's ``document$`` (or ``DOMContentLoaded`` without Material), so it survives instant
navigation. Add :data:`EXTRA_JAVASCRIPT` and :data:`EXTRA_CSS` to the site's ``extra_javascript``
and ``extra_css``; the script does nothing on pages without the quiz.
"""

from __future__ import annotations

import json
import posixpath
from functools import lru_cache
from importlib import resources
from typing import Any

from .. import urls
from .question import Bank, bank_to_dict
from .schedule import SCHEDULER

QUIZ_JS = "assets/archkb/quiz.js"
QUIZ_CSS = "assets/archkb/quiz.css"
LEARNING_JS = "assets/archkb/learning.js"
PANELS_JS = "assets/archkb/panels.js"
#: ts-fsrs, vendored from its npm package at a pinned version (``assets/vendor.json``; update with
#: ``scripts/vendor_ts_fsrs.sh VERSION``), served with its licence; never fetched at run time.
TS_FSRS_JS = "assets/archkb/ts-fsrs.umd.js"
TS_FSRS_LICENSE = "assets/archkb/ts-fsrs.LICENSE.txt"
#: Generated with the quiz page (archkb.quiz.check): the questions of each architecture page's "Check yourself".
CHECK_JS = "assets/archkb/check-yourself.js"
#: In load order: ts-fsrs, learning.js (FSRS and progress), panels.js (mastery, marks, files), the
#: Check yourself questions, the quiz.
EXTRA_JAVASCRIPT = (TS_FSRS_JS, LEARNING_JS, PANELS_JS, CHECK_JS, QUIZ_JS)
EXTRA_CSS = (QUIZ_CSS,)
CONTAINER_ID = "archkb-quiz"
BANK_ID = "archkb-quiz-bank"

_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(data: Any) -> str:
    """``data`` as one line of JSON that is safe inside ``<script type="application/json">``."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in _SCRIPT_ESCAPES.items():  # str.replace per character: one fast pass each
        text = text.replace(char, escaped)
    return text


def page_link(from_page: str, target: str, use_directory_urls: bool = True) -> str:
    """A relative link from one docs page to ``page.md#anchor``, as the built site needs it."""
    path, _, anchor = target.partition("#")
    return _page_path_link(from_page, path, use_directory_urls) + (f"#{anchor}" if anchor else "")


@lru_cache(maxsize=4096)
def _page_path_link(from_page: str, path: str, use_directory_urls: bool) -> str:
    # Cached: a bank links each page from many questions (anchors differ), and relpath asks the
    # working directory on every call.
    here, there = urls.page_url(from_page, use_directory_urls), urls.page_url(path, use_directory_urls)
    start = here.rstrip("/") if here.endswith("/") else posixpath.dirname(here)
    rel = posixpath.relpath(there.rstrip("/") or ".", start or ".")
    if rel == ".":
        rel = "./"
    elif there == "" or there.endswith("/"):
        rel += "/"
    return rel


def page_bank(bank: Bank, page: str = urls.QUIZ, use_directory_urls: bool | None = None) -> dict[str, Any]:
    """The bank as the page embeds it: the export form plus each question's link to its teaching page.

    ``links`` holds the links for a site built with MkDocs' ``use_directory_urls``, ``file_links``
    those for one built without; the script picks by the address of the page it runs on. When the
    site's setting is known (``use_directory_urls`` given), both hold the links for that setting.
    """
    data = bank_to_dict(bank)
    data["scheduler"] = SCHEDULER  # the FSRS constants archkb.quiz.schedule uses, for learning.js
    styles = (True, False) if use_directory_urls is None else (use_directory_urls, use_directory_urls)
    data["links"] = {q.id: page_link(page, q.teaches, styles[0]) for q in bank.questions}
    data["file_links"] = {q.id: page_link(page, q.teaches, styles[1]) for q in bank.questions}
    return data


def quiz_page_markdown(bank: Bank, *, page: str = urls.QUIZ, use_directory_urls: bool | None = None) -> str:
    """The Markdown of the quiz page: a short introduction, the quiz container and the embedded bank."""
    count = len(bank.questions)
    return (
        "# Quiz\n\n"
        f"Test what you know about the architectures: {count} questions, all generated from the knowledge base's "
        "facts (plus a few written by hand and checked against them). After each answer you see why, and a link "
        "to the page that teaches it. Your progress stays in this browser; download it to take it to "
        "`archkb quiz --progress FILE` (or another browser), and load a file the terminal wrote.\n\n"
        f'<div id="{CONTAINER_ID}" class="archkb-quiz">\n'
        "<noscript>The quiz needs JavaScript. You can also take it in a terminal with <code>archkb "
        "quiz</code>.</noscript>\n"
        "</div>\n\n"
        f'<script type="application/json" '
        f'id="{BANK_ID}">{script_json(page_bank(bank, page, use_directory_urls))}</script>\n'
    )


def asset_files() -> dict[str, bytes]:
    """The quiz's scripts (ts-fsrs with its licence), and style: docs-relative path -> bytes."""
    folder = resources.files("archkb.assets")
    return {
        path: folder.joinpath(posixpath.basename(path)).read_bytes()
        for path in (TS_FSRS_JS, TS_FSRS_LICENSE, LEARNING_JS, PANELS_JS, QUIZ_JS, QUIZ_CSS)
    }
