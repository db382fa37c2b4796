"""What a quiz question is: kinds, the :class:`Question` record, grading and its plain-data form.

This module imports nothing beyond the standard library: the bank cache and the browser page read
questions without the KB model.

Answers are choice indexes (0-based):

* ``single`` and ``truefalse``: one index (``truefalse`` choices are always ``True``, ``False``);
* ``multiple``: the sorted indexes of every correct choice (at least one, never all);
* ``ordering``: the choice indexes in the correct order (choices are shown shuffled);
* ``matching``: for each prompt, the index of the choice that matches it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Literal

Kind = Literal["single", "multiple", "truefalse", "ordering", "matching"]  # = KINDS (a test checks)
Difficulty = Literal["easy", "medium", "hard"]  # = DIFFICULTIES (a test checks)
Origin = Literal["generated", "hand-written"]
Level = Literal["recall", "application", "analysis", "misconception"]  # = LEVELS (a test checks)

KINDS: tuple[str, ...] = ("single", "multiple", "truefalse", "ordering", "matching")
DIFFICULTIES: tuple[str, ...] = ("easy", "medium", "hard")

#: The thinking a question takes: recall a fact; apply facts to a situation; analyse what follows
#: from a choice (or troubleshoot a symptom); see through a common false belief.
LEVELS: tuple[str, ...] = ("recall", "application", "analysis", "misconception")

#: Format version of the bank as plain data (JSON export, cache, browser page).
#: 2: every question has a ``level``; every choice is ``{"text": ..., "feedback": ...}``.
BANK_FORMAT = 2

#: The two choices of every true/false question, in this order.
TRUE_FALSE = ("True", "False")

#: Topic ids and their labels; every question has exactly one topic.
TOPICS: dict[str, str] = {
    "architectures": "How the architectures work",
    "capabilities": "Capabilities and traffic controls",
    "restrictions": "Restrictions",
    "exposure": "Exposing Services and CNI reachability",
    "history": "What changed over time",
    "glossary": "Glossary",
}


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A cited source section: ``source#section``, a readable title and the source's web address."""

    cite: str
    title: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Question:
    """One question of the bank, with everything needed to ask, grade and explain it."""

    id: str
    version: str
    kind: Kind
    text: str
    choices: tuple[str, ...]
    answer: tuple[int, ...]
    explanation: str
    topic: str
    difficulty: Difficulty
    teaches: str
    facts: tuple[str, ...]
    template: str
    architectures: tuple[str, ...] = ()
    sources: tuple[SourceRef, ...] = ()
    prompts: tuple[str, ...] = ()
    origin: Origin = "generated"
    level: Level = "recall"
    #: One string per choice, parallel to ``choices``: why that choice is wrong (and where it
    #: would be right); "" for a right choice and for ordering and matching choices.
    feedback: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.feedback:
            object.__setattr__(self, "feedback", ("",) * len(self.choices))

    def choice_feedback(self, index: int) -> str:
        """The feedback on choice ``index`` ("" for a right choice or when there is none)."""
        return self.feedback[index] if index < len(self.feedback) else ""

    def is_correct(self, given: tuple[int, ...] | None) -> bool:
        """Whether ``given`` (choice indexes in the form described above) is fully right."""
        if given is None:
            return False
        if self.kind == "multiple":
            return tuple(sorted(set(given))) == self.answer
        return tuple(given) == self.answer

    def shape_problems(self) -> list[str]:
        """What is wrong with this question's structure (empty when it is well-formed)."""
        return shape_problems(self)


def shape_problems(q: Question) -> list[str]:
    """Every way ``q`` breaks the answer-count rules of its kind."""
    n = len(q.choices)
    problems = []
    if q.kind not in KINDS:
        problems.append(f"unknown kind {q.kind!r}")
    if len(set(q.choices)) != n:
        problems.append("two choices have the same text")
    if n < 2:
        problems.append("fewer than two choices")
    if any(not (0 <= i < n) for i in q.answer):
        problems.append("an answer index is out of range")
    if q.kind in ("single", "truefalse") and len(q.answer) != 1:
        problems.append(f"a {q.kind} question needs exactly one correct choice, has {len(q.answer)}")
    if q.kind == "truefalse" and q.choices != TRUE_FALSE:
        problems.append("true/false choices must be True, False")
    if q.kind == "multiple" and not (1 <= len(q.answer) < n and list(q.answer) == sorted(set(q.answer))):
        problems.append(
            f"a multiple-response question needs 1..{n - 1} distinct sorted correct choices, has {list(q.answer)}"
        )
    if q.kind == "multiple" and n < 3:
        problems.append("a multiple-response question needs at least three choices")
    if q.kind == "ordering" and sorted(q.answer) != list(range(n)):
        problems.append("an ordering answer must use every choice exactly once")
    if q.kind == "ordering" and list(q.answer) == list(range(n)):
        problems.append("an ordering question shows its choices already in the right order")
    if q.kind == "matching" and (len(q.answer) != len(q.prompts) or len(q.prompts) < 2):
        problems.append("a matching question needs one answer per prompt and at least two prompts")
    if q.kind != "matching" and q.prompts:
        problems.append("only matching questions have prompts")
    if q.level not in LEVELS:
        problems.append(f"unknown level {q.level!r}")
    if len(q.feedback) != n:
        problems.append(f"{len(q.feedback)} feedback strings for {n} choices")
    if q.kind in ("single", "multiple", "truefalse") and any(q.choice_feedback(i) for i in q.answer):
        problems.append("a right choice has feedback (feedback explains wrong choices)")
    return problems


def fnv1a(text: str) -> int:
    """The 32-bit FNV-1a hash of ``text`` (UTF-8): what quiz.js computes too, so both shuffle alike."""
    h = 0x811C9DC5
    for byte in text.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h


def mulberry32(seed: int) -> Callable[[], float]:
    """A small seeded generator of floats in [0, 1), bit for bit the one in quiz.js."""
    state = seed & 0xFFFFFFFF

    def draw() -> float:
        nonlocal state
        state = (state + 0x6D2B79F5) & 0xFFFFFFFF
        t = state
        t = ((t ^ (t >> 15)) * (t | 1)) & 0xFFFFFFFF
        t ^= (t + ((t ^ (t >> 7)) * (t | 61))) & 0xFFFFFFFF
        return ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296

    return draw


def choice_order(q: Question, seed: int) -> tuple[int, ...]:
    """The order a round with ``seed`` shows ``q``'s choices in, as indexes into ``q.choices``.

    Seeded by the round's seed and the question's id, so the same seed shows the same order (in
    the terminal and in the browser) and another seed most likely another. True/false keeps
    True, False; an ordering question is never shown already in its right order.
    """
    n = len(q.choices)
    order = list(range(n))
    if q.kind == "truefalse":
        return tuple(order)
    draw = mulberry32(fnv1a(f"{seed}:{q.id}"))
    for i in range(n - 1, 0, -1):
        j = int(draw() * (i + 1))
        order[i], order[j] = order[j], order[i]
    if q.kind == "ordering" and [order.index(i) for i in q.answer] == list(range(n)):
        order = order[1:] + order[:1]
    return tuple(order)


def shuffled(q: Question, seed: int) -> Question:
    """``q`` with its choices in :func:`choice_order` for ``seed``, answer and feedback following them."""
    return reordered(q, choice_order(q, seed))


def reordered(q: Question, order: tuple[int, ...]) -> Question:
    """``q`` showing ``q.choices[i]`` for each ``i`` of ``order``, answer and feedback following them."""
    if list(order) == list(range(len(q.choices))):
        return q
    where = {old: new for new, old in enumerate(order)}
    answer = tuple(where[i] for i in q.answer)
    return replace(
        q,
        choices=tuple(q.choices[i] for i in order),
        feedback=tuple(q.choice_feedback(i) for i in order),
        answer=tuple(sorted(answer)) if q.kind == "multiple" else answer,
    )


def question_to_dict(q: Question) -> dict[str, Any]:
    """A question as JSON-ready plain data (the form of the bank export and the browser page)."""
    data: dict[str, Any] = {
        "id": q.id,
        "version": q.version,
        "kind": q.kind,
        "text": q.text,
        "level": q.level,
        "choices": [{"text": c, "feedback": q.choice_feedback(i)} for i, c in enumerate(q.choices)],
        "answer": list(q.answer),
        "explanation": q.explanation,
        "topic": q.topic,
        "architectures": list(q.architectures),
        "difficulty": q.difficulty,
        "teaches": q.teaches,
        "sources": [{"cite": s.cite, "title": s.title, **({"url": s.url} if s.url else {})} for s in q.sources],
        "facts": list(q.facts),
        "template": q.template,
        "origin": q.origin,
    }
    if q.kind == "matching":
        data["prompts"] = list(q.prompts)
    return data


def question_from_dict(data: dict[str, Any]) -> Question:
    """The inverse of :func:`question_to_dict` (raises KeyError/TypeError on malformed data)."""
    feedback = tuple(str(c.get("feedback", "")) for c in data["choices"])
    return Question(
        id=str(data["id"]),
        version=str(data["version"]),
        kind=data["kind"],
        text=str(data["text"]),
        choices=tuple(str(c["text"]) for c in data["choices"]),
        answer=tuple(int(i) for i in data["answer"]),
        explanation=str(data["explanation"]),
        topic=str(data["topic"]),
        difficulty=data["difficulty"],
        teaches=str(data["teaches"]),
        facts=tuple(str(f) for f in data["facts"]),
        template=str(data["template"]),
        architectures=tuple(str(a) for a in data.get("architectures", ())),
        sources=tuple(SourceRef(str(s["cite"]), str(s["title"]), s.get("url")) for s in data.get("sources", ())),
        prompts=tuple(str(p) for p in data.get("prompts", ())),
        origin=data.get("origin", "generated"),
        level=data["level"],
        feedback=feedback,
    )


@dataclass(frozen=True, slots=True)
class Bank:
    """The whole question bank plus the labels the shells need to show tags."""

    questions: tuple[Question, ...]
    architectures: dict[str, str]  # architecture id -> short name, in order of sophistication
    topics: dict[str, str] = field(default_factory=lambda: dict(TOPICS))
    generator: str = ""

    def by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    def tags(self) -> dict[str, str]:
        """Every tag ``--topic`` accepts: topic ids and architecture ids, with labels."""
        return {**self.topics, **self.architectures}


def bank_to_dict(bank: Bank) -> dict[str, Any]:
    """The bank as plain data, matching ``quiz-bank.schema.json``."""
    return {
        "archkb_quiz_bank": BANK_FORMAT,
        "generator": bank.generator,
        "topics": [{"id": k, "label": v} for k, v in bank.topics.items()],
        "architectures": [{"id": k, "label": v} for k, v in bank.architectures.items()],
        "questions": [question_to_dict(q) for q in bank.questions],
    }


def bank_from_dict(data: dict[str, Any]) -> Bank:
    """The inverse of :func:`bank_to_dict`; raises ValueError for another format version."""
    if data.get("archkb_quiz_bank") != BANK_FORMAT:
        raise ValueError(f"not an archkb quiz bank of format {BANK_FORMAT}")
    return Bank(
        questions=tuple(question_from_dict(q) for q in data["questions"]),
        architectures={a["id"]: a["label"] for a in data["architectures"]},
        topics={t["id"]: t["label"] for t in data["topics"]},
        generator=str(data.get("generator", "")),
    )
