"""The browser quiz in headless Chromium: a minimal static page built from quiz_page_markdown() the way
MkDocs renders it (Python-Markdown), with quiz.js and quiz.css, served from 127.0.0.1."""

from __future__ import annotations

import dataclasses
import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import markdown
import pytest

from archkb.quiz import answers
from archkb.quiz.check import CHECK_JS, check_script
from archkb.quiz.question import KINDS, Bank, Question, reordered
from archkb.quiz.web import EXTRA_JAVASCRIPT, asset_files, quiz_page_markdown

from ..quizkit import real_built, typed

pytestmark = pytest.mark.browser

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Quiz</title>
<link rel="stylesheet" href="../assets/archkb/quiz.css">{head}</head>
<body><main>{body}</main>{scripts}</body></html>
"""
SCRIPTS = "".join(f'<script src="../{path}"></script>' for path in EXTRA_JAVASCRIPT)

# Material's document$ emits on the first load and on every instant navigation; this stand-in emits twice.
FAKE_MATERIAL = "<script>window.document$ = {subscribe: function (fn) { window.emitted = 2; fn(); fn(); }};</script>"


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass


def site(root: Path, bank: Bank, head: str = "") -> None:
    """The quiz page as MkDocs lays it out with use_directory_urls (quiz/index.html) and without (quiz.html)."""
    for path, data in {**asset_files(), CHECK_JS: check_script(bank).encode("utf-8")}.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes(data)
    body = markdown.markdown(quiz_page_markdown(bank), extensions=["attr_list", "md_in_html", "tables", "toc"])
    (root / "quiz").mkdir(exist_ok=True)
    html = PAGE.format(head=head, body=body, scripts=SCRIPTS)
    (root / "quiz" / "index.html").write_text(html, encoding="utf-8")
    (root / "quiz.html").write_text(html.replace('"../assets/', '"assets/'), encoding="utf-8")


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(tmp_path)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield tmp_path, f"http://127.0.0.1:{server.server_address[1]}/quiz/"
    finally:
        server.shutdown()
        server.server_close()


def start(page: Any, count: str, mode: str = "practice", topic: str = "") -> None:
    page.select_option("#archkb-quiz-topic", value=topic)
    page.select_option("#archkb-quiz-count", value=count)
    page.check(f"input[name=mode][value={mode}]")
    page.click("button.archkb-quiz__go")


def answer(page: Any, q: Question, right: bool) -> None:
    """Answer the question on screen by clicking and choosing, right or wrong on purpose."""
    given = answers.parse(q, typed(q, right))
    if q.kind == "ordering":
        for place, item in enumerate(given):
            page.select_option(f"#archkb-quiz-slot-{item}", value=str(place + 1))
    elif q.kind == "matching":
        for row, choice in enumerate(given):
            page.select_option(f"#archkb-quiz-slot-{row}", value=str(choice))
    else:
        for i in given:
            page.click(f"input[name=answer][value='{i}']")
    page.click("button.archkb-quiz__submit")


def current(page: Any, bank: Bank) -> Question:
    """The question on screen as shown: the bank's question with its choices in the page's order."""
    q = bank.by_id()[page.get_attribute("section.archkb-quiz__question", "data-question-id")]
    shown = page.get_attribute("section.archkb-quiz__question", "data-order")
    return reordered(q, tuple(int(i) for i in shown.split(","))) if shown else q


def test_full_quiz_by_clicking_scores_as_the_bank_says_and_progress_survives_reload(serve, browser) -> None:  # type: ignore[no-untyped-def]
    root, url = serve
    full = real_built().bank
    two_of_each = tuple(q for kind in KINDS for q in [x for x in full.questions if x.kind == kind][:2])
    bank = Bank(questions=two_of_each, architectures=full.architectures, topics=full.topics, generator="test")
    site(root, bank)
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(url)
    start(page, "0")
    expected, asked, n = 0, [], len(bank.questions)
    for k in range(n):
        assert page.inner_text("h2.archkb-quiz__title") == f"Question {k + 1} of {n}"
        q = current(page, bank)
        right = k % 3 != 1
        answer(page, q, right)
        feedback = page.locator(".archkb-quiz__feedback")
        assert feedback.get_attribute("data-correct") == ("true" if right else "false")
        assert q.explanation in feedback.inner_text()
        href = page.get_attribute(".archkb-quiz__more", "href")
        assert href and href.startswith("../") and q.teaches.split("#")[0].removesuffix(".md") in href
        assert page.evaluate("document.activeElement.className").endswith("archkb-quiz__next"), (
            "focus moves to the next button"
        )
        expected += int(right)
        asked.append(q)
        page.click("button.archkb-quiz__next")
    score = page.locator(".archkb-quiz__score")
    assert (
        int(score.get_attribute("data-correct"))
        == expected
        == sum(q.is_correct(answers.parse(q, typed(q, k % 3 != 1))) for k, q in enumerate(asked))
    )
    assert page.locator("table.archkb-quiz__topics tr[data-topic]").count() == len({q.topic for q in asked})
    stored = page.evaluate("JSON.parse(localStorage.getItem('archkb-progress'))")
    assert stored["archkb_progress"] == 2
    assert {qid: r["version"] for qid, r in stored["questions"].items()} == {q.id: q.version for q in asked}
    assert {qid: [e["rating"] for e in r["log"]] for qid, r in stored["questions"].items()} == {
        q.id: [1 if k % 3 == 1 else 3] for k, q in enumerate(asked)
    }

    page.reload()
    assert {q.kind for q in asked} == set(KINDS)
    assert page.get_attribute(".archkb-quiz__summary", "data-answered") == str(n)
    start(page, "5", mode="review")
    assert "you missed it on " in page.inner_text(".archkb-quiz__reason")  # due tomorrow: the soonest of all
    assert current(page, bank).id in {q.id for k, q in enumerate(asked) if k % 3 == 1}
    page.reload()
    page.click("button.archkb-quiz__reset")
    assert page.inner_text(".archkb-quiz__status") == "Progress reset."
    assert page.evaluate("localStorage.getItem('archkb-progress')") is None
    assert not errors, errors


def test_exam_mode_answers_first_then_one_answer_sheet(serve, browser) -> None:  # type: ignore[no-untyped-def]
    root, url = serve
    bank = real_built().bank
    site(root, bank)
    page = browser.new_page()
    page.goto(url)
    start(page, "5", mode="exam", topic="restrictions")
    plan = []
    for k in range(5):
        q = current(page, bank)
        assert q.topic == "restrictions"
        answer(page, q, k < 2)
        assert page.locator(".archkb-quiz__feedback").count() == 0, "no feedback before the end in an exam"
        plan.append((q.id, k < 2))
    assert page.get_attribute(".archkb-quiz__score", "data-correct") == "2"
    sheet = page.locator("ol.archkb-quiz__sheet > li")
    assert sheet.count() == 5
    assert [
        (sheet.nth(i).get_attribute("data-question-id"), sheet.nth(i).get_attribute("data-correct") == "true")
        for i in range(5)
    ] == plan


def test_keyboard_only(serve, browser) -> None:  # type: ignore[no-untyped-def]
    root, url = serve
    bank = real_built().bank
    single = tuple(q for q in bank.questions if q.kind == "single")[:3]
    site(root, Bank(questions=single, architectures=bank.architectures, topics=bank.topics, generator="test"))
    page = browser.new_page()
    page.goto(url)
    page.focus("button.archkb-quiz__go")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.tagName") == "H2"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "answer"
    page.keyboard.press("Space")
    page.keyboard.press("Enter")
    assert page.locator(".archkb-quiz__feedback").count() == 1
    page.keyboard.press("Enter")
    assert page.inner_text("h2.archkb-quiz__title") == "Question 2 of 3"


def test_hostile_text_stays_text_and_material_init_runs_once(serve, browser) -> None:  # type: ignore[no-untyped-def]
    root, url = serve
    base = next(q for q in real_built().bank.questions if q.kind == "single")
    nasty = "</script><script>window.pwned = 1</script><img src=x onerror='window.pwned=2'>"
    bank = Bank(
        questions=(dataclasses.replace(base, text=nasty, explanation=nasty),), architectures={}, generator="test"
    )
    site(root, bank, head=FAKE_MATERIAL)
    page = browser.new_page()
    page.goto(url)
    assert page.evaluate("window.emitted") == 2
    assert page.locator("form.archkb-quiz__start").count() == 1, (
        "a second document$ emission must not start a second quiz"
    )
    start(page, "0")
    assert page.inner_text(".archkb-quiz__text") == nasty
    assert page.locator(".archkb-quiz img").count() == 0
    assert page.evaluate("window.pwned") is None


def test_read_more_links_follow_the_site_url_style(serve, browser) -> None:  # type: ignore[no-untyped-def]
    root, url = serve
    q = next(q for q in real_built().bank.questions if q.teaches.startswith("architectures/") and "#" in q.teaches)
    site(root, Bank(questions=(q,), architectures={}, generator="test"))
    page = browser.new_page()
    for address, expected in (
        (url, "../" + q.teaches.replace(".md#", "/#")),
        (url.replace("/quiz/", "/quiz.html"), q.teaches.replace(".md#", ".html#")),
    ):
        page.goto(address)
        start(page, "0")
        answer(page, q, True)
        assert page.get_attribute(".archkb-quiz__more", "href") == expected
