"""Exam blueprints: how many questions of which topic, level and difficulty a paper draws, and the drawing itself.

A blueprint file is YAML, read strictly with line marks (``archkb.kb.reader``)::

    # questions per topic x level x difficulty; a key left out means any
    questions:
      - {topic: restrictions, level: application, count: 2}
      - {topic: architectures, difficulty: medium, count: 4}
      - {count: 6}                      # any question not drawn yet

Rows are drawn in order, each from the questions no earlier row took. Without a file, the
:func:`default_blueprint` spreads ``count`` questions over the topic x level x difficulty cells of
the bank in proportion to their size (largest remainders first), so a paper mirrors the bank.
Every problem of a file is reported at once as ``file:line:col: message``; a row asking for more
questions than the bank has left for it is one.
"""

from __future__ import annotations

import difflib
import random
from dataclasses import dataclass
from pathlib import Path

from ..errors import KBError, Problem
from ..kb.reader import Document, read_document
from ..quiz.question import DIFFICULTIES, LEVELS, Bank, Question

#: The keys a blueprint row may have, with the values each accepts (None: any positive integer).
ROW_KEYS = ("topic", "level", "difficulty", "count")


@dataclass(frozen=True)
class Row:
    """Draw ``count`` questions matching every given key (None matches any)."""

    count: int
    topic: str | None = None
    level: str | None = None
    difficulty: str | None = None
    origin: tuple[str, int, int] = ("default blueprint", 0, 0)  # file, line, column of the row, for messages

    def matches(self, q: Question) -> bool:
        return all(
            want is None or want == got
            for want, got in ((self.topic, q.topic), (self.level, q.level), (self.difficulty, q.difficulty))
        )

    def describe(self) -> str:
        parts = [f"{key} {value}" for key, value in self.cell().items() if value is not None]
        return ", ".join(parts) or "any question"

    def cell(self) -> dict[str, str | None]:
        return {"topic": self.topic, "level": self.level, "difficulty": self.difficulty}


@dataclass(frozen=True)
class Blueprint:
    rows: tuple[Row, ...]

    @property
    def count(self) -> int:
        return sum(r.count for r in self.rows)


def default_blueprint(bank: Bank, count: int) -> Blueprint:
    """``count`` questions spread over the bank's topic x level x difficulty cells in proportion to their size."""
    if count > len(bank.questions):
        raise KBError([Problem("--count", 0, 0, f"asks for {count} questions; the bank has {len(bank.questions)}")])
    topics = list(bank.topics)
    sizes: dict[tuple[str, str, str], int] = {}
    for q in bank.questions:
        key = (q.topic, q.level, q.difficulty)
        sizes[key] = sizes.get(key, 0) + 1
    cells = sorted(
        sizes,
        key=lambda c: (
            topics.index(c[0]) if c[0] in topics else len(topics),
            LEVELS.index(c[1]),
            DIFFICULTIES.index(c[2]),
        ),
    )
    total = len(bank.questions)
    shares = {c: count * sizes[c] / total for c in cells}
    counts = {c: int(shares[c]) for c in cells}
    by_remainder = sorted(cells, key=lambda c: (-(shares[c] - counts[c]), cells.index(c)))
    for c in by_remainder[: count - sum(counts.values())]:
        counts[c] += 1
    rows = tuple(Row(counts[c], *c) for c in cells if counts[c])
    return Blueprint(rows)


def _near(word: object, known: tuple[str, ...] | list[str]) -> str:
    close = difflib.get_close_matches(str(word), list(known), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else f"; one of {', '.join(known)}"


def _row(doc: Document, index: int, data: object, bank: Bank, problems: list[Problem]) -> Row | None:
    at = ("questions", index)
    if not isinstance(data, dict):
        problems.append(doc.problem(at, "a row is a mapping such as {topic: restrictions, count: 2}"))
        return None
    known = {"topic": list(bank.topics), "level": list(LEVELS), "difficulty": list(DIFFICULTIES)}
    bad = len(problems)
    for key, value in data.items():
        if key not in ROW_KEYS:
            problems.append(doc.problem((*at, key), f"unknown key {key!r}{_near(key, ROW_KEYS)}", key=True))
        elif key != "count" and value not in known[key]:
            problems.append(doc.problem((*at, key), f"unknown {key} {value!r}{_near(value, known[key])}"))
    count = data.get("count")
    if "count" not in data:
        problems.append(doc.problem(at, "a row needs a count (how many questions it draws)"))
    elif not isinstance(count, int) or isinstance(count, bool) or count < 1:
        problems.append(doc.problem((*at, "count"), f"count must be a whole number of at least 1, not {count!r}"))
    if len(problems) > bad:
        return None
    line, col = doc.where(at)
    return Row(int(count), data.get("topic"), data.get("level"), data.get("difficulty"), (doc.path, line, col))  # type: ignore[arg-type]


def read_blueprint(path: Path, bank: Bank) -> Blueprint:
    """A blueprint file, checked against the bank; raises :class:`KBError` with every problem."""
    try:
        doc = read_document(path)
    except OSError as err:
        raise KBError([Problem(str(path), 0, 0, f"cannot read the blueprint: {err.strerror}")]) from None
    problems: list[Problem] = []
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("questions"), list) or not data["questions"]:
        raise KBError([doc.problem((), "a blueprint is a mapping with a non-empty list under 'questions'")])
    for key in data:
        if key != "questions":
            problems.append(doc.problem((key,), f"unknown key {key!r}; a blueprint has only 'questions'", key=True))
    rows = [_row(doc, i, row, bank, problems) for i, row in enumerate(data["questions"])]
    blueprint = Blueprint(tuple(r for r in rows if r is not None))
    problems += shortfalls(blueprint, bank)
    if problems:
        raise KBError(problems)
    return blueprint


def shortfalls(blueprint: Blueprint, bank: Bank) -> list[Problem]:
    """A problem for every row that asks for more questions than the bank has left for it."""
    taken: set[str] = set()
    problems = []
    for row in blueprint.rows:
        fitting = [q.id for q in bank.questions if q.id not in taken and row.matches(q)]
        if len(fitting) < row.count:
            earlier = sum(1 for q in bank.questions if q.id in taken and row.matches(q))
            note = f" ({earlier} more were taken by earlier rows)" if earlier else ""
            problems.append(
                Problem(
                    *row.origin, f"asks for {row.count} questions ({row.describe()}); the bank has {len(fitting)}{note}"
                )
            )
        taken.update(fitting[: row.count])
    return problems


def draw(blueprint: Blueprint, bank: Bank, rng: random.Random) -> list[Question]:
    """The questions of one paper: each row's count drawn from what is left, then shuffled.

    Within a row the draw is random, but it takes first the question that rests on the fewest
    facts the paper already tests (ties in random order): without that, one form of 20 held two
    scenarios that both turned on where mK8s runs, with the same key.
    """
    chosen: list[Question] = []
    tested: set[str] = set()
    for row in blueprint.rows:
        taken = {q.id for q in chosen}
        fitting = [q for q in bank.questions if q.id not in taken and row.matches(q)]
        rng.shuffle(fitting)
        for _ in range(row.count):
            best = min(fitting, key=lambda q: len(tested.intersection(q.facts)))
            fitting.remove(best)
            chosen.append(best)
            tested.update(best.facts)
    rng.shuffle(chosen)
    return chosen
