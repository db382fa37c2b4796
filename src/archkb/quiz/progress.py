"""Saved quiz progress: one JSON file with a Leitner box per question, written atomically.

Each question's record remembers the version it was answered at; when the bank's version of the
question differs (the facts it tests changed), that record starts over and nothing else does.
Time is counted in quiz rounds, not clock time, so review order is reproducible.

A damaged file (not JSON, wrong shape, unknown format) is never overwritten: it is renamed to
``progress.json.corrupt-N`` and reported, and the quiz starts from empty progress.
"""

from __future__ import annotations

import json
import os

from ..files import PathLike

PROGRESS_FORMAT = 1

#: Leitner boxes: a right answer moves a question up one box, a wrong one back to box 1. A question
#: in box b comes back for review once INTERVALS[b] rounds have passed since it was last seen.
BOXES = 5
INTERVALS = {1: 1, 2: 2, 3: 4, 4: 8, 5: 16}


class Record:
    """What one learner has done with one question (at one version of it)."""

    __slots__ = FIELDS = ("version", "box", "seen", "right", "wrong", "last_round", "last_right")

    def __init__(self, version: str, box: int = 1, seen: int = 0, right: int = 0, wrong: int = 0, last_round: int = 0, last_right: bool = False) -> None:
        self.version = version
        self.box = box
        self.seen = seen
        self.right = right
        self.wrong = wrong
        self.last_round = last_round
        self.last_right = last_right

    def as_dict(self) -> dict[str, str | int | bool]:
        return {name: getattr(self, name) for name in self.FIELDS}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Record) and self.as_dict() == other.as_dict()

    __hash__ = None  # type: ignore[assignment]  # it changes as questions are answered

    def answered(self, correct: bool, round_no: int) -> None:
        self.seen += 1
        self.last_round = round_no
        self.last_right = correct
        if correct:
            self.right += 1
            self.box = min(self.box + 1, BOXES)
        else:
            self.wrong += 1
            self.box = 1


class Progress:
    """Every question's record, the number of rounds played and what happened on loading."""

    __slots__ = ("records", "rounds", "notices", "read_only", "changed")

    def __init__(self, records: dict[str, Record] | None = None, rounds: int = 0, notices: list[str] | None = None, read_only: bool = False) -> None:
        self.records = records if records is not None else {}
        self.rounds = rounds
        self.notices = notices if notices is not None else []
        self.read_only = read_only  # a damaged file could not be moved aside: never write over it
        self.changed: set[str] = set()  # questions whose version changed on loading

    def record(self, qid: str, version: str) -> Record:
        """The record of a question at ``version``, new if there is none or it was for another version."""
        current = self.records.get(qid)
        if current is None or current.version != version:
            current = self.records[qid] = Record(version)
        return current

    def reset_changed(self, versions: dict[str, str]) -> list[str]:
        """Start over the questions whose version changed; return their ids."""
        changed = [qid for qid, rec in self.records.items() if qid in versions and rec.version != versions[qid]]
        for qid in changed:
            self.records[qid] = Record(versions[qid])
        self.changed.update(changed)
        return changed


def default_path() -> str:
    """``$XDG_DATA_HOME/archkb/progress.json``, else ``~/.local/share/archkb/progress.json``."""
    base = os.environ.get("XDG_DATA_HOME") or os.path.join(os.path.expanduser("~"), ".local", "share")
    return os.path.join(base, "archkb", "progress.json")


def to_dict(progress: Progress) -> dict[str, object]:
    """Progress as the plain data of the progress file."""
    return {
        "archkb_progress": PROGRESS_FORMAT,
        "rounds": progress.rounds,
        "questions": {qid: rec.as_dict() for qid, rec in sorted(progress.records.items())},
    }


def from_dict(data: object) -> Progress:
    """Progress from parsed JSON; ValueError saying what is wrong with it."""
    if not isinstance(data, dict) or "archkb_progress" not in data:
        raise ValueError("it is not an archkb progress file")
    if data["archkb_progress"] != PROGRESS_FORMAT:
        raise ValueError(f"it has format {data['archkb_progress']!r}; this archkb reads format {PROGRESS_FORMAT}")
    rounds, questions = data.get("rounds", 0), data.get("questions", {})
    if not isinstance(rounds, int) or not isinstance(questions, dict):
        raise ValueError("`rounds` or `questions` has the wrong type")
    records = {}
    for qid, raw in questions.items():
        try:
            rec = Record(**raw)
        except TypeError as err:
            raise ValueError(f"question {qid!r}: {err}") from None
        if not (isinstance(rec.version, str) and isinstance(rec.box, int) and 1 <= rec.box <= BOXES and isinstance(rec.last_round, int)):
            raise ValueError(f"question {qid!r} has an invalid record")
        records[qid] = rec
    return Progress(records, rounds)


def remove_stale_temp_files(path: PathLike) -> None:
    """Remove the temp files a save that crashed before its rename left beside ``path``
    (``.progress.json.*.tmp``); the progress file itself was never touched by such a save."""
    folder, name = os.path.split(os.fspath(path))
    try:
        for entry in os.listdir(folder or "."):
            if entry.startswith(f".{name}.") and entry.endswith(".tmp"):
                os.unlink(os.path.join(folder, entry))
    except OSError:
        pass  # a folder that cannot be listed or written: saving will say so


def load(path: PathLike) -> Progress:
    """The progress saved at ``path``; empty if there is none; a damaged file is set aside and reported."""
    path = os.fspath(path)
    remove_stale_temp_files(path)
    try:
        with open(path, encoding="utf-8") as stream:
            text = stream.read()
    except FileNotFoundError:
        return Progress()
    except (OSError, UnicodeDecodeError) as err:
        return _set_aside(path, f"it cannot be read ({err.__class__.__name__})")
    try:
        return from_dict(json.loads(text))
    except json.JSONDecodeError as err:
        return _set_aside(path, f"it is not valid JSON (line {err.lineno}, column {err.colno}: {err.msg})")
    except ValueError as err:
        return _set_aside(path, str(err))


def _set_aside(path: str, reason: str) -> Progress:
    n = 1
    while os.path.lexists(f"{path}.corrupt-{n}"):
        n += 1
    aside = f"{path}.corrupt-{n}"
    try:
        os.replace(path, aside)
    except OSError as err:
        notice = f"progress file {path} is damaged ({reason}) and could not be moved aside ({err}); progress will not be saved"
        return Progress(notices=[notice], read_only=True)
    return Progress(notices=[f"progress file {path} is damaged: {reason}. It was moved to {os.path.basename(aside)}; starting with empty progress."])


def save(path: PathLike, progress: Progress) -> None:
    """Write progress atomically (never when loading found a damaged file it could not move aside)."""
    from ..output import write_atomic  # the first save comes after the first question: keep it off the start path

    if progress.read_only:
        return
    write_atomic(path, json.dumps(to_dict(progress), indent=1, sort_keys=True) + "\n")
