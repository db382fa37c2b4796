"""The progress file (format 2): FSRS cards by dates, migration of format 1, merging, atomic writes,
version resets and damaged files set aside."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from archkb.quiz import progress, schedule

DAY = timedelta(days=1)
T0 = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)
FIXTURE = Path(__file__).parents[1] / "fixtures" / "progress" / "format-1.json"


def test_right_answers_space_out_by_dates_and_a_wrong_one_brings_it_back_soon() -> None:
    rec = progress.Progress().record("q-1", "v1")
    rec.answered(True, T0)
    first = schedule.due_at(rec.card)
    assert first == datetime(2026, 1, 7, tzinfo=UTC)  # Good on a new card: stability 2.3 days
    rec.answered(True, first)
    second = schedule.due_at(rec.card)
    assert second - first > first - schedule.review_day(T0)  # each right answer on time spaces it out further
    rec.answered(False, second + 3 * DAY)
    assert (
        schedule.due_at(rec.card) - schedule.review_day(second + 3 * DAY) == 2 * DAY
    )  # Again: stability drops to 1.6 days
    assert [e["rating"] for e in rec.log] == [schedule.RIGHT, schedule.RIGHT, schedule.WRONG]
    assert (rec.answers, rec.right, rec.last_right) == (3, 2, False)
    assert rec.log[0]["at"] == "2026-01-05T09:30:00Z"


def test_reviews_count_by_utc_date_not_by_hours() -> None:
    late, early = progress.Record("v"), progress.Record("v")
    late.answered(True, T0.replace(hour=23, minute=59))
    early.answered(True, T0.replace(hour=0, minute=1))
    assert late.card == early.card and late.card["last_review"] == "2026-01-05T00:00:00Z"


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "p" / "progress.json"
    state = progress.Progress()
    state.record("q-1", "v1").answered(True, T0)
    state.record("q-2", "v1")
    progress.save(path, state)
    data = json.loads(path.read_text())
    assert data["archkb_progress"] == progress.PROGRESS_FORMAT == 2
    assert set(data["questions"]["q-1"]) == {"version", "card", "log"}
    again = progress.load(path)
    assert again.records == state.records and not again.notices
    assert not [p for p in path.parent.iterdir() if p.name != "progress.json"], "a temp file was left behind"


def test_only_questions_whose_version_changed_start_over() -> None:
    state = progress.Progress()
    state.record("q-1", "v1").answered(True, T0)
    state.record("q-2", "v1").answered(True, T0)
    changed = state.reset_changed({"q-1": "v2", "q-2": "v1"})
    assert changed == ["q-1"]
    assert state.records["q-1"].card is None and state.records["q-1"].log == [] and state.records["q-1"].version == "v2"
    assert state.records["q-2"].answers == 1
    assert "q-1" in state.changed


def test_a_format_1_file_is_migrated_without_losing_a_record_and_kept_beside(tmp_path: Path) -> None:
    path = tmp_path / "progress.json"
    original = FIXTURE.read_bytes()  # written by `archkb quiz` before format 2 (three review rounds)
    path.write_bytes(original)
    old = json.loads(original)["questions"]
    state = progress.load(path, T0)
    assert (tmp_path / "progress.json.format-1").read_bytes() == original
    assert len(state.notices) == 1 and "migrated" in state.notices[0] and "progress.json.format-1" in state.notices[0]
    assert set(state.records) == set(old)
    for qid, before in old.items():
        rec = state.records[qid]
        assert rec.version == before["version"] and rec.carried == {k: before[k] for k in progress.LEITNER_FIELDS}
        assert (rec.answers, rec.right) == (before["seen"], before["right"])
        assert rec.last_right is (before["last_right"] if before["seen"] else None)
        if before["seen"]:  # its last answer counts as one review on the day of the migration
            assert rec.card is not None and rec.card["last_review"] == "2026-01-05T00:00:00Z"
            assert schedule.due_at(rec.card) == datetime(2026, 1, 7 if before["last_right"] else 6, tzinfo=UTC)
    on_disk = json.loads(path.read_text())
    assert on_disk["archkb_progress"] == 2 and progress.load(path).records == state.records
    progress.load(path, T0)  # a second load migrates nothing and keeps the kept original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["progress.json", "progress.json.format-1"]


def test_merging_keeps_the_newer_review_of_each_question() -> None:
    ours, theirs = progress.Progress(), progress.Progress()
    ours.record("both", "v1").answered(True, T0)
    theirs.record("both", "v1").answered(False, T0 + 2 * DAY)
    theirs.record("only-theirs", "v1").answered(True, T0)
    ours.record("newer-here", "v1").answered(True, T0 + 3 * DAY)
    theirs.record("newer-here", "v1").answered(False, T0 + DAY)
    merged, taken = progress.merge(ours, theirs)
    assert taken == 2
    assert (
        merged.records["both"] is theirs.records["both"]
        and merged.records["only-theirs"] is theirs.records["only-theirs"]
    )
    assert merged.records["newer-here"] is ours.records["newer-here"]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{"archkb_progress": 1, "rounds": 2, "questions": {', "not valid JSON"),
        ("[1, 2, 3]", "not an archkb progress file"),
        ('{"archkb_progress": 99, "questions": {}}', "format 99"),
        ('{"archkb_progress": 2, "questions": []}', "not an object"),
        ('{"archkb_progress": 2, "questions": {"q-1": {"card": null}}}', "question 'q-1' has no version"),
        (
            '{"archkb_progress": 2, "questions": {"q-1": {"version": "v", "log": [{"at": "yesterday", "rating": 3}]}}}',
            "invalid review log",
        ),
        (
            '{"archkb_progress": 2, "questions": {"q-1": {"version": "v", "card": {"state": 2, "stability": -1}}}}',
            "invalid card",
        ),
        (
            '{"archkb_progress": 1, "rounds": 1, "questions": {"q-1": {"version": "v", "bogus": 1}}}',
            "not a format-1 record",
        ),
    ],
)
def test_a_damaged_file_is_set_aside_and_reported(tmp_path: Path, content: str, reason: str) -> None:
    path = tmp_path / "progress.json"
    path.write_text(content)
    (tmp_path / "progress.json.corrupt-1").write_text("an older damaged file")
    state = progress.load(path)
    assert not path.exists()
    assert (tmp_path / "progress.json.corrupt-2").read_text() == content
    assert (tmp_path / "progress.json.corrupt-1").read_text() == "an older damaged file"
    assert len(state.notices) == 1 and reason in state.notices[0] and "corrupt-2" in state.notices[0]
    assert state.records == {} and not state.read_only


def test_default_path_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert Path(progress.default_path()) == tmp_path / "archkb" / "progress.json"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert Path(progress.default_path()) == tmp_path / ".local" / "share" / "archkb" / "progress.json"
