"""``archkb quiz`` as a learner meets it: through a real pseudo-terminal and with piped stdin."""

from __future__ import annotations

import json
import signal
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from archkb.quiz.progress import Progress, save
from archkb.quiz.session import select
from archkb.site_url import configured_site

from ..quizkit import ROOT, Pty, archkb, real_built, typed


def picks(count: int, seed: int, topic: str | None = None):  # type: ignore[no-untyped-def]
    return [p.question for p in select(real_built().bank, count, seed, topic, False, Progress())]


def saved(path: Path) -> dict:  # type: ignore[type-arg]
    return json.loads(path.read_text())["questions"]


def test_piped_round_gives_feedback_score_by_topic_and_saves_progress(tmp_path: Path) -> None:
    questions = picks(6, 5)
    lines = [typed(q, right=k % 2 == 0) for k, q in enumerate(questions)]
    store = tmp_path / "progress.json"
    done = archkb(
        ["quiz", "--seed", "5", "--count", "6", "--progress", str(store)], tmp_path, stdin="\n".join(lines) + "\n"
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    for k in range(1, 7):
        assert f"Question {k} of 6" in out
    assert out.count("\nCorrect.") == 3 and out.count("Not quite. The answer is:") == 3
    site, _ = configured_site(ROOT / "mkdocs.yml")  # the quiz runs in the project, so its site's address
    assert "Why: " in out and f"Read more: {site}" in out
    assert "Score: 3 of 6 (50%)" in out and "By topic:" in out
    records = saved(store)
    assert {qid: [e["rating"] for e in r["log"]] for qid, r in records.items()} == {
        q.id: [3 if k % 2 == 0 else 1] for k, q in enumerate(questions)
    }
    assert "Retry the 3 you missed? (y/n): " in out  # asked once the round is over; the input had ended
    assert all(r["version"] == q.version for q in questions for qid, r in records.items() if qid == q.id)


def test_invalid_input_asks_again(tmp_path: Path) -> None:
    (q,) = picks(1, 9)
    done = archkb(
        ["quiz", "--seed", "9", "--count", "1", "--progress", str(tmp_path / "p.json")],
        tmp_path,
        stdin=f"zz\n?\n\n{typed(q, True)}\n",
    )
    assert done.returncode == 0
    assert done.stdout.count("Not an answer:") == 2
    assert "type quit to stop" in done.stdout
    assert "Score: 1 of 1 (100%)" in done.stdout


def test_end_of_input_shows_and_saves_the_partial_score(tmp_path: Path) -> None:
    questions = picks(5, 3)
    store = tmp_path / "p.json"
    done = archkb(
        ["quiz", "--seed", "3", "--count", "5", "--progress", str(store)],
        tmp_path,
        stdin=f"{typed(questions[0], True)}\n{typed(questions[1], False)}\n",
    )
    assert done.returncode == 0
    assert "Input ended. Score: 1 of 2 (50%) (answered 2 of 5)" in done.stdout
    assert set(saved(store)) == {questions[0].id, questions[1].id}


def test_json_results_on_stdout_people_text_on_stderr(tmp_path: Path) -> None:
    questions = picks(4, 21)
    lines = [typed(q, right=k != 1) for k, q in enumerate(questions)]
    done = archkb(
        ["quiz", "--seed", "21", "--count", "4", "--json", "--progress", str(tmp_path / "p.json")],
        tmp_path,
        stdin="\n".join(lines) + "\n",
    )
    assert done.returncode == 0
    result = json.loads(done.stdout)
    assert result["complete"] is True and result["asked"] == 4 and result["answered"] == 4 and result["correct"] == 3
    assert [r["id"] for r in result["questions"]] == [q.id for q in questions]
    assert [r["correct"] for r in result["questions"]] == [True, False, True, True]
    assert sum(t["correct"] for t in result["by_topic"].values()) == 3
    assert "Question 1 of 4" in done.stderr and "Question" not in done.stdout


def test_exam_collects_answers_then_shows_one_answer_sheet(tmp_path: Path) -> None:
    questions = picks(3, 4)
    lines = [typed(q, right=k == 0) for k, q in enumerate(questions)]
    done = archkb(
        ["quiz", "--exam", "--seed", "4", "--count", "3", "--progress", str(tmp_path / "p.json")],
        tmp_path,
        stdin="\n".join(lines) + "\n",
    )
    assert done.returncode == 0
    head, _, sheet = done.stdout.partition("Answer sheet")
    assert "Correct." not in head and "Not quite" not in head and "Why:" not in head
    assert sheet.count("[right]") == 1 and sheet.count("[wrong]") == 2 and sheet.count("Right answer:") == 2
    assert "Score: 1 of 3 (33%)" in sheet


def test_review_brings_back_what_was_missed_and_says_why(tmp_path: Path) -> None:
    store = tmp_path / "p.json"
    questions = picks(3, 12)
    answers = "".join(typed(q, False) + "\n" for q in questions) + "n\n"
    archkb(
        ["quiz", "--seed", "12", "--count", "3", "--progress", str(store)],
        tmp_path,
        stdin=answers,
        ARCHKB_NOW="2026-01-05T10:00:00Z",
    )
    done = archkb(
        ["quiz", "--review", "--seed", "1", "--count", "3", "--progress", str(store)],
        tmp_path,
        stdin="quit\n",
        ARCHKB_NOW="2026-01-07T08:00:00Z",
    )
    assert done.returncode == 0
    assert "(back for review: due since 2026-01-06: you missed it on 2026-01-05)" in done.stdout
    shown = done.stdout.split("Question 1 of 3", 1)[1]
    assert any(q.text[:40] in shown for q in questions)
    assert "Stopped. Score: 0 of 0" in done.stdout


def test_a_changed_question_starts_over_and_nothing_else(tmp_path: Path) -> None:
    store = tmp_path / "p.json"
    one, two = picks(2, 30)
    state = Progress()
    state.record(one.id, "000000000000").answered(True, datetime(2026, 1, 5, tzinfo=UTC))
    state.record(two.id, two.version).answered(True, datetime(2026, 1, 5, tzinfo=UTC))
    save(store, state)
    done = archkb(["quiz", "--seed", "30", "--count", "1", "--progress", str(store)], tmp_path, stdin="quit\n")
    assert done.returncode == 0
    assert "1 question changed since you last saw it; its progress starts over." in done.stdout
    assert "No progress saved." in done.stdout
    assert saved(store)[two.id] == state.records[two.id].as_dict()


def test_a_damaged_progress_file_is_set_aside_not_overwritten(tmp_path: Path) -> None:
    store = tmp_path / "progress.json"
    store.write_text("{ not json")
    (q,) = picks(1, 2)
    done = archkb(
        ["quiz", "--seed", "2", "--count", "1", "--progress", str(store)], tmp_path, stdin=typed(q, True) + "\n"
    )
    assert done.returncode == 0
    assert "is damaged: it is not valid JSON" in done.stderr and "progress.json.corrupt-1" in done.stderr
    assert (tmp_path / "progress.json.corrupt-1").read_text() == "{ not json"
    assert set(saved(store)) == {q.id}


def test_unknown_topic_is_a_usage_error_listing_the_tags(tmp_path: Path) -> None:
    done = archkb(["quiz", "--topic", "vk9s", "--progress", str(tmp_path / "p.json")], tmp_path)
    assert done.returncode == 2
    assert "no questions are tagged 'vk9s'" in done.stderr and "vk8s" in done.stderr and "restrictions" in done.stderr


def test_default_progress_file_is_under_the_data_dir(tmp_path: Path) -> None:
    (q,) = picks(1, 8)
    done = archkb(["quiz", "--seed", "8", "--count", "1"], tmp_path, stdin=typed(q, True) + "\n")
    assert done.returncode == 0
    assert set(saved(tmp_path / "data" / "archkb" / "progress.json")) == {q.id}


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Callable[[list[str]], Pty]]:
    """Start ``archkb ARGS`` on a pseudo-terminal; whatever a failed test leaves running is killed."""
    started: list[Pty] = []

    def start(args: list[str]) -> Pty:
        started.append(Pty(args, tmp_path))
        return started[-1]

    yield start
    for term in started:
        term.close()


def test_in_a_terminal(tmp_path: Path, terminal: Callable[[list[str]], Pty]) -> None:
    questions = picks(3, 17)
    store = tmp_path / "p.json"
    term = terminal(["quiz", "--seed", "17", "--count", "3", "--progress", str(store)])
    term.expect(r"Question 1 of 3")
    term.expect(r"Your (answer|order|matches) \(.*\): ")
    term.send("nonsense\n")
    term.expect(r"Not an answer: ")
    term.expect(r": $")  # asked again
    term.send(typed(questions[0], True) + "\n")
    term.expect(r"Correct\.\n")
    term.expect(r"Question 2 of 3")
    term.expect(r": $")
    term.send(typed(questions[1], False) + "\n")
    term.expect(r"Not quite\. The answer is: ")
    term.expect(r"Question 3 of 3")
    term.expect(r": $")
    term.send("\x04")  # Ctrl-D: end of input
    rest = term.finish()
    assert term.proc.returncode == 0
    assert "Input ended. Score: 1 of 2 (50%) (answered 2 of 3)" in rest
    assert set(saved(store)) == {questions[0].id, questions[1].id}


def test_ctrl_c_in_a_terminal_saves_the_partial_score_and_exits_130(
    tmp_path: Path, terminal: Callable[[list[str]], Pty]
) -> None:
    questions = picks(4, 23)
    store = tmp_path / "p.json"
    term = terminal(["quiz", "--seed", "23", "--count", "4", "--progress", str(store)])
    term.expect(r"Question 1 of 4")
    term.expect(r": $")
    term.send(typed(questions[0], True) + "\n")
    term.expect(r"Question 2 of 4")
    term.expect(r": $")
    term.proc.send_signal(signal.SIGINT)
    rest = term.finish()
    assert term.proc.returncode == 130
    assert "Interrupted. Score: 1 of 1 (100%) (answered 1 of 4)" in rest
    assert "Traceback" not in rest
    assert set(saved(store)) == {questions[0].id}


@pytest.mark.parametrize("columns", [None, "", "120", "41", "0", "-3", "wide"])
def test_terminal_width_is_found_as_shutil_finds_it(monkeypatch: pytest.MonkeyPatch, columns: str | None) -> None:
    import shutil

    from archkb.quiz.terminal import terminal_columns

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert terminal_columns() == shutil.get_terminal_size((80, 24)).columns
