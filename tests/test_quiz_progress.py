"""The progress file: Leitner boxes, atomic writes, version resets and damaged files set aside."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archkb.quiz import progress


def test_right_answers_climb_the_boxes_and_a_wrong_one_drops_to_box_1() -> None:
    state = progress.Progress()
    rec = state.record("q-1", "v1")
    for round_no in range(1, 8):
        rec.answered(True, round_no)
    assert rec.box == progress.BOXES and rec.right == 7 and rec.last_round == 7
    rec.answered(False, 8)
    assert (rec.box, rec.wrong, rec.last_right) == (1, 1, False)


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "p" / "progress.json"
    state = progress.Progress(rounds=3)
    state.record("q-1", "v1").answered(True, 3)
    progress.save(path, state)
    data = json.loads(path.read_text())
    assert data["archkb_progress"] == progress.PROGRESS_FORMAT
    again = progress.load(path)
    assert again.rounds == 3 and again.records == state.records and not again.notices
    assert not [p for p in path.parent.iterdir() if p.name != "progress.json"], "a temp file was left behind"


def test_only_questions_whose_version_changed_start_over() -> None:
    state = progress.Progress()
    state.record("q-1", "v1").answered(True, 1)
    state.record("q-2", "v1").answered(True, 1)
    changed = state.reset_changed({"q-1": "v2", "q-2": "v1"})
    assert changed == ["q-1"]
    assert state.records["q-1"].seen == 0 and state.records["q-1"].version == "v2"
    assert state.records["q-2"].seen == 1
    assert "q-1" in state.changed


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{"archkb_progress": 1, "rounds": 2, "questions": {', "not valid JSON"),
        ("[1, 2, 3]", "not an archkb progress file"),
        ('{"archkb_progress": 99, "rounds": 0, "questions": {}}', "format 99"),
        ('{"archkb_progress": 1, "rounds": "x", "questions": {}}', "wrong type"),
        ('{"archkb_progress": 1, "rounds": 1, "questions": {"q-1": {"version": "v", "bogus": 1}}}', "question 'q-1'"),
        ('{"archkb_progress": 1, "rounds": 1, "questions": {"q-1": {"version": "v", "box": 9}}}', "invalid record"),
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
