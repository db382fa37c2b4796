"""What the learner has mastered and what is due, by topic and by architecture (no input or output).

``archkb quiz --stats`` and ``--due`` print these; the quiz page computes the same panel from the
same progress JSON. Only records at the question's current version count. A question never
answered has no recall: it is counted as not answered, never as forgotten.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from . import schedule
from .progress import Progress, Record
from .question import Bank, Question

#: Recall is FSRS's retrievability one day ahead: days are whole, so on the day of a review FSRS
#: says 100% even for a question just missed; a day later it tells the two apart.
RECALL_AHEAD = timedelta(days=1)


class Row:
    """One line of the mastery table: a topic or an architecture."""

    __slots__ = ("key", "label", "questions", "answered", "answers", "right", "recall")

    def __init__(self, key: str, label: str) -> None:
        self.key = key
        self.label = label
        self.questions = 0  # in the bank
        self.answered = 0  # of those, answered at least once
        self.answers = 0  # answers given to them
        self.right = 0  # of those answers, right
        self.recall: float | None = None  # mean FSRS retrievability of the answered ones, tomorrow

    def as_dict(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in self.__slots__}


def current(progress: Progress, q: Question) -> Record | None:
    """The question's record when it is for the bank's version of it and was answered."""
    rec = progress.records.get(q.id)
    return rec if rec is not None and rec.version == q.version and rec.answers else None


def _rows(groups: dict[str, str], members: dict[str, list[Question]], progress: Progress, at: datetime) -> list[Row]:
    rows = []
    for key, label in groups.items():
        row = Row(key, label)
        recalls = []
        for q in members.get(key, []):
            row.questions += 1
            rec = current(progress, q)
            if rec is None:
                continue
            row.answered += 1
            row.answers += rec.answers
            row.right += rec.right
            if rec.card is not None:
                recalls.append(schedule.retrievability(rec.card, at + RECALL_AHEAD))
        row.recall = sum(recalls) / len(recalls) if recalls else None
        if row.questions:
            rows.append(row)
    return rows


def mastery(bank: Bank, progress: Progress, at: datetime) -> dict[str, list[Row]]:
    """Rows by topic and by architecture (a question of several architectures counts in each)."""
    by_topic: dict[str, list[Question]] = {}
    by_arch: dict[str, list[Question]] = {}
    for q in bank.questions:
        by_topic.setdefault(q.topic, []).append(q)
        for a in q.architectures:
            by_arch.setdefault(a, []).append(q)
    return {
        "topics": _rows(bank.topics, by_topic, progress, at),
        "architectures": _rows(bank.architectures, by_arch, progress, at),
    }


class DueRow:
    """What is due in one topic: now, never answered, and the next day something falls due."""

    __slots__ = ("key", "label", "due_now", "new", "next_day", "next_count")

    def __init__(self, key: str, label: str) -> None:
        self.key = key
        self.label = label
        self.due_now = 0
        self.new = 0
        self.next_day: str | None = None  # the first day after now with a question due (UTC date)
        self.next_count = 0

    def as_dict(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in self.__slots__}


def due(bank: Bank, progress: Progress, at: datetime) -> tuple[list[DueRow], dict[str, int]]:
    """Per topic what is due at ``at`` and next; and the number of questions falling due per day ahead."""
    rows = {key: DueRow(key, label) for key, label in bank.topics.items()}
    ahead: dict[str, int] = {}
    for q in bank.questions:
        row = rows.setdefault(q.topic, DueRow(q.topic, q.topic))
        rec = current(progress, q)
        if rec is None or rec.card is None:
            row.new += 1
            continue
        when = schedule.due_at(rec.card)
        if when <= at:
            row.due_now += 1
            continue
        day = schedule.day_text(when)
        ahead[day] = ahead.get(day, 0) + 1
        if row.next_day is None or day < row.next_day:
            row.next_day, row.next_count = day, 0
        if day == row.next_day:
            row.next_count += 1
    return [r for r in rows.values() if r.due_now or r.new or r.next_day], dict(sorted(ahead.items()))
