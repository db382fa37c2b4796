"""Typed answers: every documented form is understood, anything else is refused with a reason."""

from __future__ import annotations

import dataclasses

import pytest

from archkb.quiz import answers
from archkb.quiz.question import TRUE_FALSE, Question


def question(kind: str, choices: int = 4, prompts: int = 0) -> Question:
    return Question(
        id="q-000000000000",
        version="000000000000",
        kind=kind,  # type: ignore[arg-type]
        text="?",
        choices=TRUE_FALSE if kind == "truefalse" else tuple(f"choice {i}" for i in range(choices)),
        answer=(0,),
        explanation="because",
        topic="glossary",
        difficulty="easy",
        teaches="glossary.md",
        facts=("x",),
        template="t",
        prompts=tuple(f"item {i}" for i in range(prompts)),
    )


@pytest.mark.parametrize(
    ("kind", "prompts", "typed", "expected"),
    [
        ("single", 0, "b", (1,)),
        ("single", 0, " B ", (1,)),
        ("multiple", 0, "a,c", (0, 2)),
        ("multiple", 0, "ca", (0, 2)),
        ("multiple", 0, "c, a", (0, 2)),
        ("truefalse", 0, "t", (0,)),
        ("truefalse", 0, "False", (1,)),
        ("truefalse", 0, "b", (1,)),
        ("ordering", 0, "c,a,b,d", (2, 0, 1, 3)),
        ("ordering", 0, "cabd", (2, 0, 1, 3)),
        ("matching", 3, "1b 2a 3c", (1, 0, 2)),
        ("matching", 3, "3c,1b,2a", (1, 0, 2)),
        ("matching", 3, "1-b 2=a 3:c", (1, 0, 2)),
        ("matching", 3, "bac", (1, 0, 2)),
        ("matching", 3, "aaa", (0, 0, 0)),
    ],
)
def test_documented_forms(kind: str, prompts: int, typed: str, expected: tuple[int, ...]) -> None:
    q = question(kind, prompts=prompts)
    assert answers.parse(q, typed) == expected
    assert answers.parse(q, answers.show(q, expected)) == expected


@pytest.mark.parametrize(
    ("kind", "prompts", "typed", "reason"),
    [
        ("single", 0, "", "no letters given"),
        ("single", 0, "ab", "exactly one letter"),
        ("single", 0, "e", "e is not among the choices a-d"),
        ("single", 0, "1", "not among the choices"),
        ("multiple", 0, "aa", "repeated"),
        ("truefalse", 0, "yes", "type t or f"),
        ("ordering", 0, "abc", "every letter a-d exactly once"),
        ("ordering", 0, "aabc", "repeated"),
        ("matching", 3, "1b 2a", "give a letter for item 3"),
        ("matching", 3, "1b 1a 3c", "item 1 is given twice"),
        ("matching", 3, "1b 2a 4c", "there is no item 4"),
        ("matching", 3, "1b 2a 3z", "z is not among the choices"),
        ("matching", 3, "ab", "give 3 letters"),
    ],
)
def test_invalid_input_says_why(kind: str, prompts: int, typed: str, reason: str) -> None:
    with pytest.raises(answers.Invalid, match=reason):
        answers.parse(question(kind, prompts=prompts), typed)


def test_multiple_response_is_all_or_nothing() -> None:
    q = question("multiple")
    q = dataclasses.replace(q, answer=(0, 2))
    assert q.is_correct((2, 0))
    assert not q.is_correct((0,))
    assert not q.is_correct((0, 1, 2))
    assert not q.is_correct(None)
