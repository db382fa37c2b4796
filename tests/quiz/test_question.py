"""The question record: the kinds and difficulties the type checker sees are the ones the code uses."""

from __future__ import annotations

import ast
import dataclasses
import inspect

import pytest

from archkb.quiz import question


def literal_values(alias: str) -> tuple[str, ...]:
    """The strings of ``alias = Literal[...]`` in question.py (defined for the type checker only)."""
    tree = ast.parse(inspect.getsource(question))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == [alias]:
            assert isinstance(node.value, ast.Subscript)
            items = node.value.slice.elts if isinstance(node.value.slice, ast.Tuple) else [node.value.slice]
            return tuple(ast.literal_eval(item) for item in items)
    raise AssertionError(f"no {alias} = Literal[...] in question.py")


@pytest.mark.parametrize(
    ("alias", "values"), [("Kind", question.KINDS), ("Difficulty", question.DIFFICULTIES), ("Level", question.LEVELS)]
)
def test_type_checker_literals_match_the_run_time_tuples(alias: str, values: tuple[str, ...]) -> None:
    assert literal_values(alias) == values


def test_a_question_round_trips_through_plain_data() -> None:
    q = question.Question(
        "q1",
        "v1",
        "single",
        "Which?",
        ("a", "b"),
        (1,),
        "Because.",
        "glossary",
        "easy",
        "glossary.md",
        ("f1",),
        "t",
        sources=(question.SourceRef("s#1", "S"),),
    )
    assert question.question_from_dict(question.question_to_dict(q)) == q
    assert dataclasses.replace(q, text="Other?") != q and dataclasses.replace(q, text="Other?").text == "Other?"


def test_level_and_feedback_round_trip_and_feedback_is_parallel_to_the_choices() -> None:
    q = question.Question(
        "q1",
        "v1",
        "single",
        "Which?",
        ("a", "b", "c"),
        (1,),
        "Because.",
        "glossary",
        "easy",
        "glossary.md",
        ("f1",),
        "t",
        level="application",
        feedback=("a is wrong here.", "", "c is right elsewhere."),
    )
    data = question.question_to_dict(q)
    assert data["level"] == "application"
    assert data["choices"] == [
        {"text": "a", "feedback": "a is wrong here."},
        {"text": "b", "feedback": ""},
        {"text": "c", "feedback": "c is right elsewhere."},
    ]
    assert question.question_from_dict(data) == q
    assert q.shape_problems() == []
    assert question.Question(
        "q2", "v", "truefalse", "T?", question.TRUE_FALSE, (0,), "E.", "glossary", "easy", "g.md", ("f",), "t"
    ).feedback == ("", "")


def test_feedback_on_a_right_choice_or_of_the_wrong_length_and_unknown_levels_are_shape_problems() -> None:
    base = question.Question(
        "q1", "v1", "single", "Which?", ("a", "b"), (1,), "E.", "glossary", "easy", "g.md", ("f1",), "t"
    )
    assert (
        "a right choice has feedback (feedback explains wrong choices)"
        in dataclasses.replace(base, feedback=("", "b is wrong")).shape_problems()
    )
    assert "1 feedback strings for 2 choices" in dataclasses.replace(base, feedback=("x",)).shape_problems()
    assert "unknown level 'guess'" in dataclasses.replace(base, level="guess").shape_problems()
