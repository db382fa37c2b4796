"""Exam forms drawn from a blueprint, as the data of a paper and of its answer key (pure: bank in, data out).

Each form (A, B, ...) draws its questions with its own generator, seeded by the seed and the form's
letter, so the same seed gives the same papers. On each form the choices of single, multiple and
matching questions are shuffled again and the items of an ordering question put in a new order that
is never the right one, so a neighbour's letters do not help. The paper numbers questions and
letters choices; the key gives, per number, the right letters, the right choices in words, the
explanation, why each wrong choice is wrong (where the bank says), the page that teaches it (an
absolute link) and the question's archkb id (as an id, for looking it up).
"""

from __future__ import annotations

import dataclasses
import random
import string
from dataclasses import dataclass
from typing import Any

from .. import urls
from ..quiz import answers
from ..quiz.question import Bank, Question
from .blueprint import Blueprint, draw

#: What the paper tells the candidate to do, per kind.
INSTRUCTIONS = {
    "single": "Circle one letter.",
    "multiple": "Circle every right letter (all of them, and only those).",
    "truefalse": "Circle True or False.",
    "ordering": "Write every letter once, first to last.",
    "matching": "Write a letter beside each number; a letter may fit more than one number, or none.",
}


@dataclass(frozen=True)
class Form:
    """One exam paper: its letter and its questions, in the order printed, choices as printed."""

    letter: str
    questions: tuple[Question, ...]


def _permuted(q: Question, order: list[int]) -> Question:
    """``q`` with its choices shown in ``order`` (``order[new] = old``), its key and feedback moved along."""
    new_of = {old: new for new, old in enumerate(order)}
    if q.kind in ("single", "multiple"):
        answer = tuple(sorted(new_of[i] for i in q.answer))
    else:
        answer = tuple(new_of[i] for i in q.answer)
    return dataclasses.replace(
        q,
        choices=tuple(q.choices[i] for i in order),
        feedback=tuple(q.choice_feedback(i) for i in order),
        answer=answer,
    )


def shuffled(q: Question, rng: random.Random) -> Question:
    """``q`` with its choices in a new random order (true/false keeps True, False; ordering never shows the key)."""
    if q.kind == "truefalse":
        return q
    order = list(range(len(q.choices)))
    for _ in range(20):
        rng.shuffle(order)
        moved = _permuted(q, order)
        if q.kind != "ordering" or list(moved.answer) != list(range(len(order))):
            return moved
    return q


def draw_forms(bank: Bank, blueprint: Blueprint, forms: int, seed: int) -> list[Form]:
    """``forms`` papers drawn from ``bank`` by ``blueprint``; the same seed gives the same forms."""
    letters = string.ascii_uppercase
    drawn = []
    for index in range(forms):
        letter = letters[index % 26] * (index // 26 + 1)
        rng = random.Random(f"archkb exam {seed} form {letter}")
        drawn.append(Form(letter, tuple(shuffled(q, rng) for q in draw(blueprint, bank, rng))))
    return drawn


def _choices(q: Question) -> list[dict[str, str]]:
    return [{"letter": answers.letter(i), "text": c} for i, c in enumerate(q.choices)]


def paper_data(form: Form, title: str, seed: int) -> dict[str, Any]:
    """What the paper template prints: numbered questions, lettered choices, an instruction per kind."""
    return {
        "title": title,
        "subtitle": f"Form {form.letter} · {len(form.questions)} questions · paper seed {seed}",
        "footer": f"Form {form.letter}",
        "instructions": [
            "Answer every question; each is worth one mark, given only for the whole right answer.",
            "Multiple response: circle every right letter. Ordering: write the letters first to last. "
            "Matching: write a letter beside each number.",
        ],
        "questions": [
            {
                "number": n,
                "kind": q.kind,
                "text": q.text,
                "instruction": INSTRUCTIONS[q.kind],
                "choices": _choices(q),
                "prompts": list(q.prompts),
            }
            for n, q in enumerate(form.questions, start=1)
        ],
    }


def _why_not(q: Question) -> list[dict[str, str]]:
    if q.kind not in ("single", "multiple", "truefalse"):
        return []
    return [
        {"letter": answers.letter(i), "text": q.choices[i], "feedback": q.choice_feedback(i)}
        for i in range(len(q.choices))
        if q.choice_feedback(i) and i not in q.answer
    ]


def key_data(form: Form, title: str, seed: int, site_url: str) -> dict[str, Any]:
    """What the answer key prints for each number: the key, the explanation and where to read more."""
    return {
        "title": f"{title}: answer key",
        "subtitle": f"Form {form.letter} · {len(form.questions)} questions · paper seed {seed}",
        "footer": f"Form {form.letter}",
        "questions": [
            {
                "number": n,
                "text": q.text,
                "key": "True"
                if q.kind == "truefalse" and q.answer == (0,)
                else "False"
                if q.kind == "truefalse"
                else answers.show(q, q.answer),
                "spelled": "" if q.kind == "truefalse" else answers.spelled(q, q.answer),
                "explanation": q.explanation,
                "why_not": _why_not(q),
                "url": urls.absolute(site_url, q.teaches),
                "id": q.id,
            }
            for n, q in enumerate(form.questions, start=1)
        ],
    }
