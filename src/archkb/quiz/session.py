"""One quiz round, without any input or output: which questions to ask, grading, the score.

The terminal runner (and tests) drive it; the same seed and the same saved progress always give
the same questions in the same order.
"""

from __future__ import annotations

import random

from .. import __version__
from ..values import Value
from .progress import INTERVALS, Progress
from .question import Bank, Question

TYPE_CHECKING = False
if TYPE_CHECKING:  # typing is not imported at run time: the warm quiz start must stay lean
    from typing import Any, Literal

    Mode = Literal["practice", "exam"]
    Ending = Literal["finished", "eof", "interrupted", "quit"]

RESULT_FORMAT = 1


class Pick(Value):
    """A question chosen for this round and, in review, why it came back."""

    __slots__ = ("question", "reason")

    def __init__(self, question: Question, reason: str = "") -> None:
        self.question = question
        self.reason = reason


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

    __slots__ = ("picks", "mode", "seed", "review", "outcomes", "ended")

    def __init__(self, picks: list[Pick], mode: Mode = "practice", seed: int = 0, review: bool = False) -> None:
        self.picks = picks
        self.mode = mode
        self.seed = seed
        self.review = review
        self.outcomes: list[Outcome] = []
        self.ended: Ending = "finished"


def matching_pool(bank: Bank, topic: str | None) -> list[Question]:
    """The questions tagged ``topic`` (a topic id or an architecture id), or all of them."""
    return [q for q in bank.questions if topic is None or q.topic == topic or topic in q.architectures]


def select(bank: Bank, count: int, seed: int, topic: str | None = None, review: bool = False, progress: Progress | None = None) -> list[Pick]:
    """The questions of a round: a seeded sample, or in review the ones most due, each with its reason."""
    pool = matching_pool(bank, topic)
    rng = random.Random(seed)
    if not review or progress is None:
        return [Pick(q) for q in rng.sample(pool, min(count, len(pool)))]
    tiebreak = {q.id: rng.random() for q in pool}
    ranked = sorted(pool, key=lambda q: _due(q, progress)[:3] + (tiebreak[q.id],))
    return [Pick(q, _due(q, progress)[3]) for q in ranked[:count]]


def _due(q: Question, progress: Progress) -> tuple[int, int, int, str]:
    """(priority, last round seen, box, reason why it comes back): lower tuples come back first.

    Missed last time, then due by its Leitner box, then never answered, then the least recently seen.
    """
    rec = progress.records.get(q.id)
    if rec is None or rec.version != q.version or rec.seen == 0:
        changed = q.id in progress.changed or (rec is not None and rec.version != q.version)
        return 2, 0, 0, "new version: the facts it tests changed since you last answered it" if changed else "new: you have not answered it yet"
    ago = progress.rounds - rec.last_round
    if not rec.last_right:
        return 0, rec.last_round, rec.box, f"you missed it last time ({_rounds(ago)} ago)"
    if ago >= INTERVALS[rec.box]:
        return 1, rec.last_round, rec.box, f"due: box {rec.box} of 5 comes back after {_rounds(INTERVALS[rec.box])}; last answered right {_rounds(ago)} ago"
    return 3, rec.last_round, rec.box, f"least recently seen of the rest (box {rec.box}, answered right {_rounds(ago)} ago)"


def _rounds(n: int) -> str:
    return f"{n} round{'' if n == 1 else 's'}"


def score(outcomes: list[Outcome], topics: dict[str, str]) -> dict[str, Any]:
    """Right answers overall and per topic (answered questions only count as asked)."""
    answered = [o for o in outcomes if o.given is not None]
    by_topic: dict[str, dict[str, Any]] = {}
    for o in answered:
        t = o.pick.question.topic
        row = by_topic.setdefault(t, {"label": topics.get(t, t), "answered": 0, "correct": 0})
        row["answered"] += 1
        row["correct"] += int(o.correct)
    return {"answered": len(answered), "correct": sum(o.correct for o in answered), "by_topic": dict(sorted(by_topic.items()))}


def result_data(rnd: Round, bank: Bank, progress_file: str | None) -> dict[str, Any]:
    """The round's results as JSON-ready data (``archkb quiz --json``)."""
    summary = score(rnd.outcomes, bank.topics)
    return {
        "archkb_quiz_result": RESULT_FORMAT,
        "generator": f"archkb {__version__}",
        "seed": rnd.seed,
        "mode": rnd.mode,
        "review": rnd.review,
        "ended": rnd.ended,
        "complete": rnd.ended == "finished" and summary["answered"] == len(rnd.picks),
        "asked": len(rnd.picks),
        **summary,
        "progress_file": progress_file,
        "questions": [
            {
                "id": o.pick.question.id,
                "version": o.pick.question.version,
                "kind": o.pick.question.kind,
                "topic": o.pick.question.topic,
                "text": o.pick.question.text,
                "given": list(o.given) if o.given is not None else None,
                "expected": list(o.pick.question.answer),
                "correct": o.correct if o.given is not None else None,
                "reason": o.pick.reason or None,
            }
            for o in rnd.outcomes
        ],
    }
