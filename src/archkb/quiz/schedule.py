"""When a question comes back: FSRS (the ``fsrs`` package) by dates, one card per question.

A right answer rates Good, a wrong one Again. Every answer counts as given at 00:00 UTC of its day,
so intervals are whole days and the browser (``ts-fsrs``, fed :data:`SCHEDULER` from the bank JSON)
counts the days since the last review exactly as the ``fsrs`` package does. There are no learning or
relearning steps of minutes and no fuzz: the same history gives the same due dates in both.

A card is stored as plain data (see :func:`card_to_dict`) and becomes an ``fsrs.Card`` only to be
reviewed.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from typing import Any

import fsrs

#: FSRS-6's 21 default weights (equal to ``fsrs.DEFAULT_PARAMETERS`` and ts-fsrs' ``default_w``; a test checks).
PARAMETERS = (
    0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
    1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
)  # fmt: skip

#: The scheduler both shells use; the bank JSON carries it as ``scheduler`` for the browser.
SCHEDULER: dict[str, Any] = {
    "algorithm": "FSRS-6",
    "parameters": list(PARAMETERS),
    "desired_retention": 0.9,
    "maximum_interval": 36500,
    "learning_steps": [],
    "relearning_steps": [],
    "fuzz": False,
    "day": "UTC",  # every review counts as given at 00:00 UTC of its day
    "ratings": {"right": 3, "wrong": 1},  # FSRS ratings: Good, Again
}

RIGHT: int = int(SCHEDULER["ratings"]["right"])
WRONG: int = int(SCHEDULER["ratings"]["wrong"])

#: Environment variable that sets the quiz's clock ("now"), e.g. ``2026-01-05T09:00:00Z``: for
#: scripted sessions and tests that play rounds on simulated days.
NOW_VARIABLE = "ARCHKB_NOW"


class BadClock(ValueError):
    """``$ARCHKB_NOW`` is not an ISO 8601 date and time."""


def now() -> datetime:
    """The current time in UTC, or ``$ARCHKB_NOW`` when set (a time without a zone is read as UTC)."""
    text = os.environ.get(NOW_VARIABLE, "").strip()
    if not text:
        return datetime.now(UTC)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise BadClock(
            f"${NOW_VARIABLE} is {text!r}, not an ISO 8601 date and time such as 2026-01-05T09:00:00Z"
        ) from None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)


def stamp(moment: datetime) -> str:
    """A UTC time as the progress file writes it: ``2026-01-05T09:00:00Z`` (the browser writes the same)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_stamp(text: str) -> datetime:
    """The inverse of :func:`stamp` (any ISO 8601 time with a zone); ValueError otherwise."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError(f"{text!r} has no time zone")
    return moment.astimezone(UTC)


def review_day(moment: datetime) -> datetime:
    """00:00 UTC of the day of ``moment``: the time FSRS is told a review happened."""
    day = moment.astimezone(UTC)
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def rating(correct: bool) -> int:
    """The FSRS rating of an answer: Good when right, Again when wrong."""
    return RIGHT if correct else WRONG


def scheduler() -> fsrs.Scheduler:
    """The ``fsrs`` scheduler with :data:`SCHEDULER`'s constants."""
    from fsrs import Scheduler

    return Scheduler(
        parameters=PARAMETERS,
        desired_retention=SCHEDULER["desired_retention"],
        learning_steps=(),
        relearning_steps=(),
        maximum_interval=SCHEDULER["maximum_interval"],
        enable_fuzzing=SCHEDULER["fuzz"],
    )


def card_to_dict(card: fsrs.Card) -> dict[str, Any]:
    """A card as the progress file stores it (the browser stores the same fields)."""
    return {
        "state": int(card.state),
        "stability": card.stability,
        "difficulty": card.difficulty,
        "due": stamp(card.due),
        "last_review": stamp(card.last_review) if card.last_review else None,
    }


def card_from_dict(data: dict[str, Any] | None) -> fsrs.Card:
    """The ``fsrs`` card of stored data (a new card for None)."""
    from fsrs import Card, State

    if data is None:
        return Card(card_id=1, due=datetime(1970, 1, 1, tzinfo=UTC))  # an id: Card() would sleep 1 ms to make one
    last = data.get("last_review")
    return Card(
        card_id=1,
        state=State(int(data["state"])),
        step=None if int(data["state"]) == int(State.Review) else 0,
        stability=float(data["stability"]),
        difficulty=float(data["difficulty"]),
        due=parse_stamp(str(data["due"])),
        last_review=parse_stamp(str(last)) if last else None,
    )


def review(card: dict[str, Any] | None, correct: bool, at: datetime) -> dict[str, Any]:
    """The card after an answer given at ``at`` (rated Good or Again, dated 00:00 UTC of its day)."""
    from fsrs import Rating

    after, _log = scheduler().review_card(card_from_dict(card), Rating(rating(correct)), review_datetime=review_day(at))
    return card_to_dict(after)


def retrievability(card: dict[str, Any], at: datetime) -> float:
    """FSRS's probability (0..1) that the learner recalls the card's answer at ``at``."""
    return float(scheduler().get_card_retrievability(card_from_dict(card), current_datetime=at.astimezone(UTC)))


def due_at(card: dict[str, Any]) -> datetime:
    """When a stored card is due (no ``fsrs`` import: the quiz's review order needs only this)."""
    return parse_stamp(str(card["due"]))


def day_text(moment: datetime) -> str:
    """``2026-01-05``: the UTC date of ``moment``, as due dates are shown."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d")


def days_between(earlier: datetime, later: datetime) -> int:
    """Whole UTC days from the day of ``earlier`` to the day of ``later``."""
    return (review_day(later) - review_day(earlier)) // timedelta(days=1)
