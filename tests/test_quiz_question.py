"""The question record: the kinds and difficulties the type checker sees are the ones the code uses."""

from __future__ import annotations

import ast
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


@pytest.mark.parametrize(("alias", "values"), [("Kind", question.KINDS), ("Difficulty", question.DIFFICULTIES)])
def test_type_checker_literals_match_the_run_time_tuples(alias: str, values: tuple[str, ...]) -> None:
    assert literal_values(alias) == values


def test_a_question_round_trips_through_plain_data() -> None:
    q = question.Question(
        "q1", "v1", "single", "Which?", ("a", "b"), (1,), "Because.", "glossary", "easy", "glossary.md", ("f1",), "t", sources=(question.SourceRef("s#1", "S"),)
    )
    assert question.question_from_dict(question.question_to_dict(q)) == q
    assert q.replace(text="Other?") != q and q.replace(text="Other?").text == "Other?"
