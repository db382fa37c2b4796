"""Learning that sticks, in the terminal: rounds on simulated days, ``--due``, ``--stats``, retrying
what was missed, exam rules and results, merging a downloaded progress file."""

from __future__ import annotations

import io
import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from archkb.quiz import progress
from archkb.quiz.progress import Progress
from archkb.quiz.session import Pick, Round, select
from archkb.quiz.terminal import Console, Saver, play

from ..quizkit import archkb, real_built, typed

FIXTURE = Path(__file__).parents[1] / "fixtures" / "progress" / "format-1.json"
DAYS = ("2026-01-05T09:00:00Z", "2026-01-06T18:30:00Z", "2026-01-09T07:15:00Z")


def review_round(store: Path, tmp_path: Path, now: str, seed: int, right: list[bool]) -> str:
    """One ``--review`` round at ``now``, answering right or wrong as listed (the picks computed as the quiz will)."""
    bank = real_built().bank
    at = datetime.fromisoformat(now)
    state = progress.load(store, at) if store.exists() else Progress()
    state.reset_changed({q.id: q.version for q in bank.questions})
    picks = select(bank, len(right), seed, None, True, state, at)
    lines = "".join(typed(p.question, ok) + "\n" for p, ok in zip(picks, right, strict=True)) + "n\n"
    done = archkb(
        ["quiz", "--review", "--seed", str(seed), "--count", str(len(right)), "--progress", str(store)],
        tmp_path,
        stdin=lines,
        ARCHKB_NOW=now,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_three_rounds_on_three_days_then_due_and_stats(tmp_path: Path) -> None:
    store = tmp_path / "p.json"
    review_round(store, tmp_path, DAYS[0], 1, [True, False, True, False, True])
    second = review_round(store, tmp_path, DAYS[1], 2, [True, True, False, True, True])
    assert (
        second.count("(back for review: due since 2026-01-06: you missed it on 2026-01-05)") == 2
    )  # Again: due the next day
    review_round(store, tmp_path, DAYS[2], 3, [True, True, True, False, True])
    state = progress.load(store)
    assert sum(r.answers for r in state.records.values()) == 15 and sum(r.right for r in state.records.values()) == 11

    due = archkb(["quiz", "--due", "--json", "--progress", str(store)], tmp_path, ARCHKB_NOW="2026-01-10T12:00:00Z")
    assert due.returncode == 0, due.stderr
    data = json.loads(due.stdout)
    expected_due = sum(schedule_due(r) <= "2026-01-10T12:00:00Z" for r in state.records.values())
    assert sum(r["due_now"] for r in data["due"]) == expected_due
    assert f"Due now (2026-01-10 12:00 UTC): {expected_due} question" in due.stderr and "next due" in due.stderr
    assert sum(data["ahead"].values()) == len(state.records) - expected_due

    stats = archkb(["quiz", "--stats", "--progress", str(store)], tmp_path, ARCHKB_NOW="2026-01-10T12:00:00Z")
    assert stats.returncode == 0, stats.stderr
    assert "Your mastery" in stats.stdout and "By topic" in stats.stdout and "By architecture" in stats.stdout
    rows = [line for line in stats.stdout.splitlines() if " of " in line]
    assert rows and all(line.rstrip().endswith(("%", "-")) for line in rows)
    answered = {q.topic for q in real_built().bank.questions if q.id in state.records}
    topics = dict(real_built().bank.topics)
    for topic in answered:
        line = next(line for line in rows if line.startswith(topics[topic]))
        assert line.rstrip().endswith("%"), line  # answered: a recall figure; never answered: "-"


def schedule_due(rec: progress.Record) -> str:
    assert rec.card is not None
    return str(rec.card["due"])


def test_retry_the_ones_you_missed(tmp_path: Path) -> None:
    store = tmp_path / "p.json"
    questions = [p.question for p in select(real_built().bank, 3, 40)]
    lines = [
        typed(questions[0], False),
        typed(questions[1], True),
        typed(questions[2], False),
        "y",
        typed(questions[0], True),
        typed(questions[2], False),
    ]
    done = archkb(
        ["quiz", "--seed", "40", "--count", "3", "--json", "--progress", str(store)],
        tmp_path,
        stdin="\n".join(lines) + "\n",
    )
    assert done.returncode == 0, done.stderr
    assert "Retry the 2 you missed? (y/n): y" in done.stderr and "Retry score: 1 of 2 (50%)" in done.stderr
    result = json.loads(done.stdout)
    assert result["correct"] == 1 and result["retry"]["correct"] == 1
    assert [q["id"] for q in result["retry"]["questions"]] == [questions[0].id, questions[2].id]
    logs = {qid: [e["rating"] for e in rec["log"]] for qid, rec in json.loads(store.read_text())["questions"].items()}
    assert logs == {questions[0].id: [1, 3], questions[1].id: [3], questions[2].id: [1, 1]}


def test_exam_with_a_pass_mark_writes_results_a_trainer_can_collect(tmp_path: Path) -> None:
    questions = [p.question for p in select(real_built().bank, 4, 77)]
    lines = "".join(typed(q, k < 3) + "\n" for k, q in enumerate(questions))
    results = tmp_path / "results" / "anna.json"
    args = [
        "quiz",
        "--exam",
        "--seed",
        "77",
        "--count",
        "4",
        "--pass-mark",
        "75",
        "--time-limit",
        "30",
        "--results",
        str(results),
    ]
    done = archkb(
        [*args, "--progress", str(tmp_path / "p.json")], tmp_path, stdin=lines, ARCHKB_NOW="2026-02-01T10:00:00Z"
    )
    assert done.returncode == 0, done.stderr
    assert "Exam rules: time limit 30 min, pass mark 75%." in done.stdout and "Seed 77" in done.stdout
    assert "Pass mark 75% of 4 questions: passed." in done.stdout
    data = json.loads(results.read_text())
    assert (data["seed"], data["mode"], data["pass_mark_percent"], data["time_limit_minutes"], data["passed"]) == (
        77,
        "exam",
        75,
        30.0,
        True,
    )
    assert data["correct"] == 3 and data["started"] == "2026-02-01T10:00:00Z" and len(data["questions"]) == 4


def test_an_answer_after_the_time_limit_is_not_counted() -> None:
    bank = real_built().bank
    picks = [Pick(p.question) for p in select(bank, 3, 5)]
    lines = "".join(typed(p.question, True) + "\n" for p in picks)
    ticks = iter([0.0, 10.0, 20.0, 30.0, 200.0, 260.0])  # seconds: the second answer arrives after 2 minutes
    rnd = Round(picks, "exam", 5, time_limit=2, pass_mark=50)
    out = io.StringIO()
    play(
        Console(out, io.StringIO(lines), interactive=False),
        bank,
        rnd,
        Saver(None, Progress()),
        clock=lambda: next(ticks),
    )
    assert rnd.ended == "time" and "Time is up" in out.getvalue()
    assert [o.given is not None for o in rnd.outcomes] == [True, False, False]


def test_merge_a_downloaded_file_keeps_the_newer_review(tmp_path: Path) -> None:
    ours, downloaded = tmp_path / "p.json", tmp_path / "archkb-progress.json"
    q1, q2 = (p.question for p in select(real_built().bank, 2, 3))
    mine, theirs = Progress(), Progress()
    mine.record(q1.id, q1.version).answered(True, datetime(2026, 1, 5, tzinfo=UTC))
    theirs.record(q1.id, q1.version).answered(False, datetime(2026, 1, 8, tzinfo=UTC))
    theirs.record(q2.id, q2.version).answered(True, datetime(2026, 1, 2, tzinfo=UTC))
    progress.save(ours, mine)
    progress.save(downloaded, theirs)
    done = archkb(["quiz", "--merge", str(downloaded), "--progress", str(ours)], tmp_path)
    assert done.returncode == 0, done.stderr
    assert "2 of 2 question(s) taken from it" in done.stdout
    assert progress.load(ours).records == theirs.records
    bad = tmp_path / "bad.json"
    bad.write_text("[]")
    before = ours.read_bytes()
    refused = archkb(["quiz", "--merge", str(bad), "--progress", str(ours)], tmp_path)
    assert (
        refused.returncode == 1
        and "not a progress file archkb can merge" in refused.stderr
        and ours.read_bytes() == before
    )


def test_the_format_1_file_migrates_through_the_command(tmp_path: Path) -> None:
    store = tmp_path / "progress.json"
    shutil.copy(FIXTURE, store)
    done = archkb(["quiz", "--due", "--progress", str(store)], tmp_path, ARCHKB_NOW="2026-01-05T09:00:00Z")
    assert done.returncode == 0
    assert (
        "migrated from Leitner boxes" in done.stderr
        and (tmp_path / "progress.json.format-1").read_bytes() == FIXTURE.read_bytes()
    )
    assert json.loads(store.read_text())["archkb_progress"] == 2


@pytest.mark.parametrize("mode", [[], ["--due"], ["--stats"], ["--merge", "other.json"]])
def test_a_bad_clock_is_a_usage_error(tmp_path: Path, mode: list[str]) -> None:
    done = archkb(["quiz", *mode, "--progress", str(tmp_path / "p.json")], tmp_path, ARCHKB_NOW="next tuesday")
    assert done.returncode == 2 and "$ARCHKB_NOW is 'next tuesday'" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "p.json").exists()
