"""One quiz round, without any input or output: which questions to ask, grading, the score.

The terminal runner (and tests) drive it; the same seed and the same saved progress always give
the same questions in the same order.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from .. import __version__
from . import schedule
from .progress import Progress
from .question import Bank, Question, shuffled

Mode = Literal["practice", "exam"]
Ending = Literal["finished", "eof", "interrupted", "quit", "time"]

RESULT_FORMAT = 1


@dataclass(frozen=True, slots=True)
class Pick:
    """A question chosen for this round and, in review, why it came back."""

    question: Question
    reason: str = ""


class Outcome:
    """The learner's answer to one asked question (None when the round ended before it)."""

    __slots__ = ("pick", "given")

    def __init__(self, pick: Pick, given: tuple[int, ...] | None = None) -> None:
        self.pick = pick
        self.given = given

    @property
    def correct(self) -> bool:
        return self.pick.question.is_correct(self.given)


class Round:
    """The state of one round: what is asked, what was answered, how it ended."""

    __slots__ = (
        "picks",
        "mode",
        "seed",
        "review",
        "time_limit",
        "pass_mark",
        "outcomes",
        "ended",
        "started",
        "finished",
    )

    def __init__(
        self,
        picks: list[Pick],
        mode: Mode = "practice",
        seed: int = 0,
        review: bool = False,
        time_limit: float | None = None,
        pass_mark: int | None = None,
    ) -> None:
        self.picks = picks
        self.mode = mode
        self.seed = seed
        self.review = review
        self.time_limit = time_limit  # minutes; answers after it are not counted
        self.pass_mark = pass_mark  # percent of the questions asked that must be right
        self.outcomes: list[Outcome] = []
        self.ended: Ending = "finished"
        self.started: str | None = None  # stamps (schedule.stamp)
        self.finished: str | None = None


def passed_exam(rnd: Round) -> bool | None:
    """Whether the round reached its pass mark (of the questions asked, unanswered ones count as wrong)."""
    if rnd.pass_mark is None:
        return None
    right = sum(o.given is not None and o.correct for o in rnd.outcomes)
    return bool(rnd.picks) and 100 * right >= rnd.pass_mark * len(rnd.picks)


def matching_pool(bank: Bank, topic: str | None) -> list[Question]:
    """The questions tagged ``topic`` (a topic id or an architecture id), or all of them."""
    return [q for q in bank.questions if topic is None or q.topic == topic or topic in q.architectures]


def select(
    bank: Bank,
    count: int,
    seed: int,
    topic: str | None = None,
    review: bool = False,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> list[Pick]:
    """The questions of a round: a seeded sample, or in review the ones most due, each with its reason.

    Each question's choices are shuffled for this round (:func:`archkb.quiz.question.shuffled`, seeded
    by ``seed`` and the question id), so a retake with another seed is not a memory test of letters.
    """
    pool = matching_pool(bank, topic)
    rng = random.Random(seed)
    if not review or progress is None:
        return [Pick(shuffled(q, seed)) for q in rng.sample(pool, min(count, len(pool)))]
    at = now or schedule.now()
    tiebreak = {q.id: rng.random() for q in pool}
    keyed = {q.id: _due(q, progress, at) for q in pool}
    ranked = sorted(pool, key=lambda q: (*keyed[q.id][:2], tiebreak[q.id]))
    return [Pick(shuffled(q, seed), keyed[q.id][2]) for q in ranked[:count]]


def _due(q: Question, progress: Progress, at: datetime) -> tuple[int, float, str]:
    """(priority, due time, reason it comes back): lower tuples come back first.

    Due now (the longest overdue first), then never answered, then the rest by when they fall due.
    """
    rec = progress.records.get(q.id)
    if rec is None or rec.version != q.version or rec.card is None:
        changed = q.id in progress.changed or (rec is not None and rec.version != q.version)
        return (
            1,
            0.0,
            "new version: the facts it tests changed since you last answered it"
            if changed
            else "new: you have not answered it yet",
        )
    due = schedule.due_at(rec.card)
    last = f"on {schedule.day_text(schedule.parse_stamp(rec.last_at))}" if rec.log else "before progress was dated"
    how = "you missed it" if rec.last_right is False else "you answered it right"
    if due <= at:
        return 0, due.timestamp(), f"due since {schedule.day_text(due)}: {how} {last}"
    return 2, due.timestamp(), f"not due until {schedule.day_text(due)} ({how} {last}); the soonest of the rest"


def missed(rnd: Round) -> list[Pick]:
    """The questions of the round answered wrong, for "retry the N you missed"."""
    return [o.pick for o in rnd.outcomes if o.given is not None and not o.correct]


def score(outcomes: list[Outcome], topics: dict[str, str]) -> dict[str, Any]:
    """Right answers overall and per topic (answered questions only count as asked)."""
    answered = [o for o in outcomes if o.given is not None]
    by_topic: dict[str, dict[str, Any]] = {}
    for o in answered:
        t = o.pick.question.topic
        row = by_topic.setdefault(t, {"label": topics.get(t, t), "answered": 0, "correct": 0})
        row["answered"] += 1
        row["correct"] += int(o.correct)
    return {
        "answered": len(answered),
        "correct": sum(o.correct for o in answered),
        "by_topic": dict(sorted(by_topic.items())),
    }


def result_data(rnd: Round, bank: Bank, progress_file: str | None, retry: Round | None = None) -> dict[str, Any]:
    """The round's results as JSON-ready data (``archkb quiz --json`` and ``--results FILE``)."""
    summary = score(rnd.outcomes, bank.topics)
    data = {
        "archkb_quiz_result": RESULT_FORMAT,
        "generator": f"archkb {__version__}",
        "seed": rnd.seed,
        "mode": rnd.mode,
        "review": rnd.review,
        "started": rnd.started,
        "finished": rnd.finished,
        "time_limit_minutes": rnd.time_limit,
        "pass_mark_percent": rnd.pass_mark,
        "passed": passed_exam(rnd),
        "ended": rnd.ended,
        "complete": rnd.ended == "finished" and summary["answered"] == len(rnd.picks),
        "asked": len(rnd.picks),
        **summary,
        "progress_file": progress_file,
        "questions": [outcome_data(o) for o in rnd.outcomes],
    }
    if retry is not None:
        data["retry"] = {**score(retry.outcomes, bank.topics), "questions": [outcome_data(o) for o in retry.outcomes]}
    return data


def outcome_data(o: Outcome) -> dict[str, Any]:
    q = o.pick.question
    return {
        "id": q.id,
        "version": q.version,
        "kind": q.kind,
        "topic": q.topic,
        "text": q.text,
        "given": list(o.given) if o.given is not None else None,
        "expected": list(q.answer),
        "correct": o.correct if o.given is not None else None,
        "reason": o.pick.reason or None,
    }
