"""Saved quiz progress (format 2): per question its FSRS card, its review log and its version.

The terminal writes it to one JSON file, atomically; the quiz page keeps the same JSON in the
browser and downloads and loads it as a file, so progress moves both ways (:func:`merge` keeps the
newer review of each question). Each record remembers the version of the question it was answered
at; when the bank's version differs (the facts it tests changed), that record starts over and
nothing else does.

A format-1 file (Leitner boxes counted in rounds) is migrated on first use: the original is copied
beside it as ``progress.json.format-1`` and every record is kept, its counts under ``carried`` and
its last answer as one review on the day of the migration. A damaged file (not JSON, wrong shape,
unknown format) is never overwritten: it is renamed to ``progress.json.corrupt-N`` and reported,
and the quiz starts from empty progress.
"""

from __future__ import annotations

import json
import os
from datetime import datetime
from typing import Any

from ..kb.files import PathLike
from . import schedule

PROGRESS_FORMAT = 2
LEITNER_FORMAT = 1
#: The fields of a format-1 record, kept under ``carried`` by the migration.
LEITNER_FIELDS = ("box", "seen", "right", "wrong", "last_round", "last_right")


class Record:
    """What one learner has done with one question (at one version of it)."""

    __slots__ = ("version", "card", "log", "carried")

    def __init__(
        self,
        version: str,
        card: dict[str, Any] | None = None,
        log: list[dict[str, Any]] | None = None,
        carried: dict[str, Any] | None = None,
    ) -> None:
        self.version = version
        self.card = card  # the FSRS card (schedule.card_to_dict), None before the first answer
        self.log = log if log is not None else []  # {"at": stamp, "rating": 1 or 3}, oldest first
        self.carried = carried  # a format-1 record's fields, kept by the migration

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"version": self.version, "card": self.card, "log": self.log}
        if self.carried is not None:
            data["carried"] = self.carried
        return data

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Record) and self.as_dict() == other.as_dict()

    __hash__ = None  # type: ignore[assignment]  # it changes as questions are answered

    def answered(self, correct: bool, at: datetime) -> None:
        """Log an answer given at ``at`` and reschedule the card (Good when right, Again when wrong)."""
        self.card = schedule.review(self.card, correct, at)
        self.log.append({"at": schedule.stamp(at), "rating": schedule.rating(correct)})

    @property
    def answers(self) -> int:
        """Answers given, those before the migration from format 1 included."""
        return len(self.log) + int(self.carried.get("seen", 0) if self.carried else 0)

    @property
    def right(self) -> int:
        return sum(1 for e in self.log if e["rating"] == schedule.RIGHT) + int(
            self.carried.get("right", 0) if self.carried else 0
        )

    @property
    def last_right(self) -> bool | None:
        """Whether the last answer was right; None before the first."""
        if self.log:
            return bool(self.log[-1]["rating"] == schedule.RIGHT)
        return bool(self.carried["last_right"]) if self.carried and self.carried.get("seen") else None

    @property
    def last_at(self) -> str:
        """When the newest review happened (a stamp; "" when never): what :func:`merge` compares."""
        times = [self.log[-1]["at"]] if self.log else []
        if self.card and self.card.get("last_review"):
            times.append(self.card["last_review"])
        return max(times, key=schedule.parse_stamp) if times else ""


class Progress:
    """Every question's record and what happened on loading."""

    __slots__ = ("records", "notices", "read_only", "changed")

    def __init__(
        self, records: dict[str, Record] | None = None, notices: list[str] | None = None, read_only: bool = False
    ) -> None:
        self.records = records if records is not None else {}
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


def to_dict(progress: Progress) -> dict[str, Any]:
    """Progress as the plain data of the progress file."""
    return {
        "archkb_progress": PROGRESS_FORMAT,
        "questions": {qid: rec.as_dict() for qid, rec in sorted(progress.records.items())},
    }


def dumps(progress: Progress) -> str:
    """The progress file's text (the browser's download is the same JSON)."""
    return json.dumps(to_dict(progress), indent=1, sort_keys=True) + "\n"


def from_dict(data: object) -> Progress:
    """Progress (format 2) from parsed JSON; ValueError saying what is wrong with it."""
    if not isinstance(data, dict) or "archkb_progress" not in data:
        raise ValueError("it is not an archkb progress file")
    if data["archkb_progress"] != PROGRESS_FORMAT:
        raise ValueError(
            f"it has format {data['archkb_progress']!r}; this archkb reads formats {LEITNER_FORMAT} and "
            f"{PROGRESS_FORMAT}"
        )
    questions = data.get("questions", {})
    if not isinstance(questions, dict):
        raise ValueError("`questions` is not an object")
    return Progress({str(qid): _record(str(qid), raw) for qid, raw in questions.items()})


def _record(qid: str, raw: object) -> Record:
    if not isinstance(raw, dict) or not isinstance(raw.get("version"), str):
        raise ValueError(f"question {qid!r} has no version")
    card, log, carried = raw.get("card"), raw.get("log", []), raw.get("carried")
    if not isinstance(log, list) or not all(
        isinstance(e, dict) and e.get("rating") in (schedule.RIGHT, schedule.WRONG) and _is_stamp(e.get("at"))
        for e in log
    ):
        raise ValueError(f"question {qid!r} has an invalid review log")
    if card is not None and not _is_card(card):
        raise ValueError(f"question {qid!r} has an invalid card")
    if carried is not None and not isinstance(carried, dict):
        raise ValueError(f"question {qid!r} has an invalid `carried` record")
    return Record(raw["version"], card, log, carried)


def _is_stamp(value: object) -> bool:
    try:
        schedule.parse_stamp(value) if isinstance(value, str) else None
    except ValueError:
        return False
    return isinstance(value, str)


def _is_card(card: object) -> bool:
    return (
        isinstance(card, dict)
        and card.get("state") in (1, 2, 3)
        and all(
            isinstance(card.get(k), (int, float)) and not isinstance(card.get(k), bool) and card[k] > 0
            for k in ("stability", "difficulty")
        )
        and _is_stamp(card.get("due"))
        and (card.get("last_review") is None or _is_stamp(card.get("last_review")))
    )


def migrate(data: dict[str, Any], at: datetime) -> Progress:
    """A format-1 file's data as format 2: every record kept, its fields under ``carried``; a question
    answered before gets one review dated ``at``, right or wrong as its last answer was."""
    questions = data.get("questions", {})
    if not isinstance(questions, dict):
        raise ValueError("`questions` is not an object")
    records = {}
    for qid, raw in questions.items():
        if not isinstance(raw, dict) or set(raw) != {"version", *LEITNER_FIELDS} or not isinstance(raw["version"], str):
            raise ValueError(f"question {qid!r} is not a format-1 record")
        carried = {k: raw[k] for k in LEITNER_FIELDS}
        card = schedule.review(None, bool(raw["last_right"]), at) if raw["seen"] else None
        records[str(qid)] = Record(raw["version"], card, [], carried)
    return Progress(records)


def merge(ours: Progress, theirs: Progress) -> tuple[Progress, int]:
    """Both progresses in one: per question the record with the newer review (ours on a tie), and
    how many records came from ``theirs``."""
    merged = dict(ours.records)
    taken = 0
    for qid, rec in theirs.records.items():
        mine = merged.get(qid)
        if mine is None or (
            rec.last_at and (not mine.last_at or schedule.parse_stamp(rec.last_at) > schedule.parse_stamp(mine.last_at))
        ):
            merged[qid] = rec
            taken += 1
    return Progress(merged, [*ours.notices, *theirs.notices], ours.read_only), taken


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


def load(path: PathLike, at: datetime | None = None) -> Progress:
    """The progress saved at ``path``; empty if there is none; a damaged file is set aside and
    reported; a format-1 file is migrated (at ``at``, default now), its original kept beside it."""
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
        data = json.loads(text)
        if isinstance(data, dict) and data.get("archkb_progress") == LEITNER_FORMAT:
            return _migrate_file(path, text, migrate(data, at or schedule.now()))
        return from_dict(data)
    except json.JSONDecodeError as err:
        return _set_aside(path, f"it is not valid JSON (line {err.lineno}, column {err.colno}: {err.msg})")
    except ValueError as err:
        return _set_aside(path, str(err))


def read(path: PathLike, at: datetime | None = None) -> Progress:
    """Progress from a file that is only read (``--merge``): format 1 or 2; ValueError or OSError
    saying what is wrong, and the file is left as it is."""
    with open(os.fspath(path), encoding="utf-8") as stream:
        try:
            data = json.load(stream)
        except json.JSONDecodeError as err:
            raise ValueError(f"it is not valid JSON (line {err.lineno}, column {err.colno}: {err.msg})") from None
    if isinstance(data, dict) and data.get("archkb_progress") == LEITNER_FORMAT:
        return migrate(data, at or schedule.now())
    return from_dict(data)


def _migrate_file(path: str, text: str, migrated: Progress) -> Progress:
    """Keep the format-1 original beside ``path`` and write the migrated progress in its place."""
    from ..atomic import write_atomic

    keep = _free_name(f"{path}.format-{LEITNER_FORMAT}")
    try:
        write_atomic(keep, text)
        write_atomic(path, dumps(migrated))
    except OSError as err:
        migrated.read_only = True  # the original stays untouched; nothing is written over it
        migrated.notices.append(
            f"progress file {path} has format {LEITNER_FORMAT} and could not be migrated ({err.strerror or err}); "
            f"progress will not be saved"
        )
        return migrated
    migrated.notices.append(
        f"progress file {path} was migrated from Leitner boxes (format {LEITNER_FORMAT}) to dated FSRS reviews "
        f"(format {PROGRESS_FORMAT}); the original is kept as {os.path.basename(keep)}."
    )
    return migrated


def _free_name(base: str) -> str:
    if not os.path.lexists(base):
        return base
    n = 2
    while os.path.lexists(f"{base}-{n}"):
        n += 1
    return f"{base}-{n}"


def _set_aside(path: str, reason: str) -> Progress:
    n = 1
    while os.path.lexists(f"{path}.corrupt-{n}"):
        n += 1
    aside = f"{path}.corrupt-{n}"
    try:
        os.replace(path, aside)
    except OSError as err:
        notice = (
            f"progress file {path} is damaged ({reason}) and could not be moved aside ({err}); progress will "
            f"not be saved"
        )
        return Progress(notices=[notice], read_only=True)
    return Progress(
        notices=[
            f"progress file {path} is damaged: {reason}. It was moved to {os.path.basename(aside)}; starting with "
            f"empty progress."
        ]
    )


def save(path: PathLike, progress: Progress) -> None:
    """Write progress atomically (never when loading found a damaged file it could not move aside)."""
    from ..atomic import write_atomic  # the first save comes after the first question: keep it off the start path

    if progress.read_only:
        return
    write_atomic(path, dumps(progress))
