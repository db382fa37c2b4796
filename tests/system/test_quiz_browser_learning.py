"""The quiz page in headless Chromium: review feedback with right/wrong marks, the mastery panel, one
progress file with the terminal (download, load, merge), retrying what was missed, exam rules and
results. Screenshots go to $ARCHKB_SCREENSHOTS (default: the test's folder)."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from archkb.quiz import answers, mastery, progress, schedule
from archkb.quiz.question import Bank, choice_order

from ..quizkit import real_built, typed
from .test_quiz_browser import answer, current, serve, site, start  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser


def small_bank(per_kind: int = 2) -> Bank:
    full = real_built().bank
    picked = tuple(
        q
        for kind in ("single", "multiple", "truefalse", "ordering", "matching")
        for q in [x for x in full.questions if x.kind == kind][:per_kind]
    )
    return Bank(questions=picked, architectures=full.architectures, topics=full.topics, generator="test")


def shot(page: Any, tmp_path: Path, name: str) -> Path:
    folder = Path(os.environ.get("ARCHKB_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    page.screenshot(path=str(path), full_page=True)
    return path


def test_review_gives_feedback_after_each_question_with_every_choice_marked(serve, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    root, url = serve
    bank = small_bank()
    site(root, bank)
    page = browser.new_page(viewport={"width": 900, "height": 900})
    page.goto(url)
    start(page, "0", mode="review")
    seen = set()
    for k in range(len(bank.questions)):
        q = current(page, bank)
        right = k % 2 == 1
        answer(page, q, right)
        assert page.locator("button.archkb-quiz__submit").count() == 0, "the check button goes once used"
        feedback = page.locator(".archkb-quiz__feedback")
        assert feedback.get_attribute("data-correct") == ("true" if right else "false")
        assert q.explanation in feedback.inner_text()
        marks = page.locator("[data-mark]")
        rows = len(q.prompts) if q.kind == "matching" else len(q.choices)
        assert marks.count() >= rows
        words = page.locator(".archkb-quiz__mark").all_inner_texts()
        assert len(words) == rows and all(w.split(" ", 1)[1].startswith(("right", "wrong")) for w in words), words
        if q.kind in ("single", "multiple", "truefalse"):
            assert [
                page.locator(".archkb-quiz__option").nth(i).get_attribute("data-mark") == "right" for i in range(rows)
            ] == [i in q.answer for i in range(rows)]
        if q.kind == "single" and not right and "single" not in seen:
            seen.add("single")
            shot(page, tmp_path, "review-feedback-light.png")
            page.evaluate(
                "document.body.setAttribute('data-md-color-scheme', 'slate'); document.body.style.background = "
                "'#1e2029'"
            )
            colour = page.evaluate("getComputedStyle(document.querySelector('.archkb-quiz__mark--wrong')).color")
            assert colour == "rgb(246, 174, 166)", "our own wrong colour in the dark scheme"
            shot(page, tmp_path, "review-feedback-dark.png")
            page.evaluate("document.body.removeAttribute('data-md-color-scheme'); document.body.style.background = ''")
        page.click("button.archkb-quiz__next")
    assert page.locator(".archkb-quiz__missed li").count() == len(bank.questions) - len(bank.questions) // 2


def test_mastery_panel_download_and_load_share_the_terminals_progress(serve, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    root, url = serve
    bank = small_bank()
    site(root, bank)
    page = browser.new_page(viewport={"width": 900, "height": 1400})
    page.clock.install(time=datetime(2026, 4, 1, 10, tzinfo=UTC))
    page.goto(url)
    assert page.locator(".archkb-quiz__mastery").get_attribute("data-due-now") == "0"
    assert "not yet" in page.inner_text(".archkb-quiz__mastery")
    start(page, "5")
    asked = []
    for k in range(5):
        q = current(page, bank)
        asked.append(q)
        answer(page, q, k != 2)
        page.click("button.archkb-quiz__next")
    page.click("button.archkb-quiz__again")
    panel = page.locator(".archkb-quiz__mastery")
    shot(page, tmp_path, "mastery-panel.png")
    shown = {r.get_attribute("data-key"): r.get_attribute("data-recall") for r in panel.locator("tr[data-key]").all()}

    with page.expect_download() as info:
        page.click("button.archkb-quiz__download")
    downloaded = tmp_path / "archkb-progress.json"
    info.value.save_as(downloaded)
    state = progress.load(downloaded)
    assert not state.notices and {qid for qid in state.records} == {q.id for q in asked}
    assert downloaded.read_text() == progress.dumps(state), "the page writes the terminal's bytes"
    tables = mastery.mastery(bank, state, datetime(2026, 4, 1, 10, tzinfo=UTC))  # the panel = `archkb quiz --stats`
    expected = {r.key: "" if r.recall is None else f"{r.recall:.4f}" for rows in tables.values() for r in rows}
    assert shown == expected and {k for k, v in shown.items() if v} >= {q.topic for q in asked}
    tomorrow = datetime(2026, 4, 2, 10, tzinfo=UTC)
    recall = {q.id: schedule.retrievability(state.records[q.id].card or {}, tomorrow) for q in asked}
    assert recall[asked[2].id] < 0.9 < min(r for qid, r in recall.items() if qid != asked[2].id), (
        "a question missed today is not shown as remembered"
    )

    # the terminal answers one more question later; loading its file merges it in (newer review wins)
    later = progress.from_dict(json.loads(downloaded.read_text()))
    later.records[asked[0].id].answered(False, datetime(2026, 4, 3, 9, tzinfo=UTC))
    other = tmp_path / "from-terminal.json"
    progress.save(other, later)
    page.set_input_files("#archkb-quiz-upload", str(other))
    page.wait_for_function("document.querySelector('.archkb-quiz__status').textContent.startsWith('Loaded')")
    assert "1 of 5 question records taken" in page.inner_text(".archkb-quiz__status")
    stored = progress.from_dict(page.evaluate("JSON.parse(localStorage.getItem('archkb-progress'))"))
    assert stored.records[asked[0].id] == later.records[asked[0].id]
    bad = tmp_path / "bad.json"
    bad.write_text('{"archkb_progress": 7}')
    page.set_input_files("#archkb-quiz-upload", str(bad))
    page.wait_for_function("document.querySelector('.archkb-quiz__status').textContent.startsWith('Not loaded')")
    assert "format 7" in page.inner_text(".archkb-quiz__status")
    assert (
        progress.from_dict(page.evaluate("JSON.parse(localStorage.getItem('archkb-progress'))")).records
        == stored.records
    )


def test_practice_ends_with_the_missed_list_and_a_retry(serve, browser) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    root, url = serve
    bank = small_bank()
    site(root, bank)
    page = browser.new_page()
    page.goto(url)
    start(page, "5")
    missed = []
    for k in range(5):
        q = current(page, bank)
        if k in (1, 3):
            missed.append(q.id)
        answer(page, q, k not in (1, 3))
        page.click("button.archkb-quiz__next")
    assert [li.get_attribute("data-question-id") for li in page.locator(".archkb-quiz__missed li").all()] == missed
    page.click("button.archkb-quiz__retry")
    assert page.inner_text("h2.archkb-quiz__title") == "Question 1 of 2"
    for qid in missed:
        assert current(page, bank).id == qid
        answer(page, current(page, bank), True)
        page.click("button.archkb-quiz__next")
    assert page.get_attribute(".archkb-quiz__score", "data-correct") == "2"
    assert "You missed none" in page.inner_text(".archkb-quiz__missed")


def test_exam_with_seed_pass_mark_and_results_download(serve, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    root, url = serve
    bank = small_bank()
    site(root, bank)
    page = browser.new_page()
    page.goto(url)
    page.fill("#archkb-quiz-seed", "4242")
    page.fill("#archkb-quiz-pass-mark", "60")
    page.select_option("#archkb-quiz-time-limit", value="20")
    start(page, "5", mode="exam")
    order = []
    for k in range(5):
        q = current(page, bank)
        order.append(q.id)
        shown = page.get_attribute("section.archkb-quiz__question", "data-order")
        assert shown == ",".join(map(str, choice_order(bank.by_id()[q.id], 4242))), "the terminal's order for this seed"
        assert "Time left: about 20 min" in page.inner_text(".archkb-quiz__timer")
        answer(page, q, k < 3)
    assert page.get_attribute(".archkb-quiz__pass", "data-passed") == "true"
    assert "Paper (seed) 4242" in page.inner_text(".archkb-quiz__seed")
    with page.expect_download() as info:
        page.click("button.archkb-quiz__results")
    path = tmp_path / "results.json"
    info.value.save_as(path)
    data = json.loads(path.read_text())
    fields = ("seed", "mode", "pass_mark_percent", "time_limit_minutes", "passed", "correct")
    assert tuple(data[f] for f in fields) == (4242, "exam", 60, 20, True, 3)
    assert [q["id"] for q in data["questions"]] == order
    page.click("button.archkb-quiz__again")  # the same seed gives the same paper
    page.fill("#archkb-quiz-seed", "4242")
    start(page, "5", mode="exam")
    assert current(page, bank).id == order[0]


def test_check_yourself_on_an_architecture_page(serve, browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    import markdown

    from archkb.kb import load_kb
    from archkb.pages import architecture
    from archkb.quiz.check import picks

    from ..quizkit import REAL_KB
    from .test_quiz_browser import SCRIPTS

    root, url = serve
    bank = real_built().bank
    site(root, bank)
    kb = load_kb(REAL_KB)
    arch = kb.architecture("vk8s")
    body = markdown.markdown(
        architecture.page(kb, arch, None, check=True),
        extensions=["attr_list", "md_in_html", "tables", "toc", "admonition"],
    )
    html = (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="stylesheet" '
        f'href="../../assets/archkb/quiz.css"></head><body>{body}'
    )
    (root / "architectures" / "vk8s").mkdir(parents=True)
    (root / "architectures" / "vk8s" / "index.html").write_text(
        html + SCRIPTS.replace('"../', '"../../') + "</body></html>", encoding="utf-8"
    )
    page = browser.new_page(viewport={"width": 900, "height": 1200})
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(url.replace("/quiz/", "/architectures/vk8s/"))
    block = page.locator(".archkb-check")
    expected = picks(bank, "vk8s")
    assert len(expected) == 3 and all(q.architectures == ("vk8s",) for q in expected)
    items = block.locator("li.archkb-quiz__question")
    assert [items.nth(i).get_attribute("data-question-id") for i in range(3)] == [q.id for q in expected]
    assert (
        block.locator("a", has_text="take the quiz").get_attribute("href") == "../quiz.md"
    )  # MkDocs turns it into the page's URL
    by_id = bank.by_id()
    for i in range(3):
        item = items.nth(i)
        q = by_id[item.get_attribute("data-question-id")]
        given = answers.parse(q, typed(q, i != 1))
        if q.kind == "ordering":
            for place, choice in enumerate(given):
                item.locator(f"#archkb-check-0-{i}-slot-{choice}").select_option(value=str(place + 1))
        elif q.kind == "matching":
            for row, choice in enumerate(given):
                item.locator(f"#archkb-check-0-{i}-slot-{row}").select_option(value=str(choice))
        else:
            for choice in given:
                item.locator(f"input[name=answer][value='{choice}']").check()
        item.locator("button.archkb-quiz__submit").click()
        assert item.locator(".archkb-quiz__feedback").get_attribute("data-correct") == ("true" if i != 1 else "false")
        rows = len(q.prompts) if q.kind == "matching" else len(q.choices)
        assert (
            item.locator("button.archkb-quiz__submit").count() == 0
            and item.locator(".archkb-quiz__mark").count() == rows
        )
    stored = page.evaluate("JSON.parse(localStorage.getItem('archkb-progress'))")
    assert {qid: [e["rating"] for e in r["log"]] for qid, r in stored["questions"].items()} == {
        q.id: [1 if k == 1 else 3] for k, q in enumerate(expected)
    }
    block.screenshot(path=str(shot_path(tmp_path, "check-yourself.png")))
    assert not errors, errors


def shot_path(tmp_path: Path, name: str) -> Path:
    folder = Path(os.environ.get("ARCHKB_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name
