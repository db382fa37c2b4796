"""One review history through Python (``fsrs``) and through the quiz page in headless Chromium
(``ts-fsrs``, vendored): the same due dates. Also: the vendored file is the pinned npm release, and
both sides take their constants from the same place."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta
from importlib import resources
from typing import Any

import fsrs
import pytest

from archkb.quiz import progress, schedule
from archkb.quiz.question import Bank
from archkb.quiz.web import page_bank

from ..quizkit import real_built
from ..system.test_quiz_browser import answer, current, serve, site, start  # noqa: F401  (fixtures)

#: (when, right?): first answers, a same-day repeat, a lapse and relearning, answers just before and
#: just after midnight UTC, a long gap, and the low-stability cases where ts-fsrs would make Good one
#: day longer than Hard and the fsrs package does not.
HISTORY = [
    ("2026-01-05T09:00:00Z", True),
    ("2026-01-06T23:59:00Z", True),
    ("2026-01-10T00:01:00Z", False),
    ("2026-01-10T20:00:00Z", False),
    ("2026-01-11T08:00:00Z", True),
    ("2026-01-11T09:00:00Z", True),
    ("2026-01-14T12:00:00Z", True),
    ("2026-02-20T12:00:00Z", True),
    ("2026-02-21T12:00:00Z", False),
    ("2026-02-21T13:00:00Z", False),
    ("2026-02-22T06:00:00Z", True),
    ("2026-06-01T06:00:00Z", True),
]


def python_dues(history: list[tuple[str, bool]]) -> list[str]:
    rec = progress.Record("v")
    dues = []
    for at, right in history:
        rec.answered(right, schedule.parse_stamp(at))
        assert rec.card is not None
        dues.append(rec.card["due"])
    return dues


def test_the_vendored_ts_fsrs_is_the_pinned_npm_file_with_its_licence() -> None:
    folder = resources.files("archkb.assets")
    record = json.loads(folder.joinpath("vendor.json").read_text())["ts-fsrs"]
    assert record["version"].startswith("5.")
    for name, digest in record["files"].items():
        assert hashlib.sha256(folder.joinpath(name).read_bytes()).hexdigest() == digest, (
            f"{name} differs from ts-fsrs {record['version']}"
        )
    assert "MIT License" in folder.joinpath("ts-fsrs.LICENSE.txt").read_text()
    script = folder.joinpath("ts-fsrs.umd.js").read_text()
    assert "fetch(" not in script and "XMLHttpRequest" not in script


def test_both_sides_use_the_constants_the_bank_carries() -> None:
    assert tuple(schedule.PARAMETERS) == tuple(fsrs.scheduler.DEFAULT_PARAMETERS)
    data = page_bank(Bank(questions=(), architectures={}))
    assert data["scheduler"] == schedule.SCHEDULER and data["scheduler"]["parameters"] == list(schedule.PARAMETERS)
    s = schedule.scheduler()
    assert (s.desired_retention, s.maximum_interval, s.enable_fuzzing, s.learning_steps, s.relearning_steps) == (
        0.9,
        36500,
        False,
        (),
        (),
    )


def page_dues(page: Any, history: list[tuple[str, bool]]) -> list[str]:
    return list(
        page.evaluate(
            """(history) => {
                const L = window.archkbLearning;
                const bank = JSON.parse(document.getElementById('archkb-quiz-bank').textContent);
                const s = L.scheduler(bank.scheduler);
                let card = null;
                return history.map(([at, right]) => (card = L.review(s, card, right, new Date(at))).due);
            }""",
            history,
        )
    )


@pytest.mark.browser
def test_one_history_gives_the_same_due_dates_in_python_and_in_the_page(serve, browser) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    root, url = serve
    site(root, real_built().bank)
    page = browser.new_page()
    page.goto(url)
    expected = python_dues(HISTORY)
    assert page_dues(page, HISTORY) == expected
    assert len(set(expected)) > 6, "the history exercises many different intervals"
    flipped = [(at, not right) for at, right in HISTORY]  # the mirror history: mostly lapses
    assert page_dues(page, flipped) == python_dues(flipped)


@pytest.mark.browser
def test_answers_clicked_on_simulated_days_schedule_as_the_terminal_does(serve, browser) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """Three review rounds on three days through the page's buttons (the page's clock set by
    Playwright); the progress it keeps is the terminal's format, and Python replaying its log
    finds the same cards."""
    root, url = serve
    bank = real_built().bank
    site(root, bank)
    page = browser.new_page()
    days = [
        datetime(2026, 3, 2, 9, tzinfo=UTC),
        datetime(2026, 3, 3, 21, tzinfo=UTC),
        datetime(2026, 3, 6, 7, tzinfo=UTC),
    ]
    page.clock.install(time=days[0])
    page.goto(url)
    for n, day in enumerate(days):
        page.clock.set_fixed_time(day + timedelta(minutes=1))
        page.reload()
        start(page, "5", mode="review")
        for k in range(5):
            answer(page, current(page, bank), (k + n) % 3 != 0)
            page.click("button.archkb-quiz__next")
    stored = page.evaluate("JSON.parse(localStorage.getItem('archkb-progress'))")
    state = progress.from_dict(stored)
    assert sum(len(r.log) for r in state.records.values()) == 15
    for qid, rec in state.records.items():
        replay = progress.Record(rec.version)
        for entry in rec.log:
            replay.answered(entry["rating"] == schedule.RIGHT, schedule.parse_stamp(entry["at"]))
        assert replay.card is not None and rec.card is not None
        assert (replay.card["due"], replay.card["last_review"]) == (rec.card["due"], rec.card["last_review"]), qid
        assert replay.card["stability"] == pytest.approx(rec.card["stability"], rel=1e-6)
