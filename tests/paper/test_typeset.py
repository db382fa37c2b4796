"""Typesetting: KB text that looks like typst markup prints as written, and a missing font is an environment problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from archkb.errors import EnvironmentProblem
from archkb.paper import typeset as typeset_module
from archkb.paper.exam import Form, paper_data
from archkb.paper.typeset import typeset
from archkb.quiz.question import Question

from .paperkit import pdf_text, squeezed

HOSTILE = 'Is *this* #emph[bold] $x^2$ `code` <label> @ref \\ ] ) " = heading // comment /* no */ #pagebreak() ?'


def question(text: str) -> Question:
    return Question(
        id="q-000000000000",
        version="0",
        kind="single",
        text=text,
        choices=("#set text(red)", "]) #panic()", "plain"),
        answer=(2,),
        explanation="x",
        topic="glossary",
        difficulty="easy",
        teaches="glossary.md",
        facts=("f",),
        template="t",
    )


def test_markup_in_kb_text_prints_as_written(tmp_path: Path) -> None:
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(typeset("exam.typ", paper_data(Form("A", (question(HOSTILE),)), "T", 1), 0))
    text = squeezed(pdf_text(pdf))
    assert squeezed("1." + HOSTILE) in text
    for i, choice in enumerate(("#set text(red)", "]) #panic()", "plain")):
        assert squeezed(f"{'abc'[i]}){choice}") in text


def test_without_dejavu_the_command_says_what_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(typeset_module, "FONT_DIRS", (tmp_path,))
    with pytest.raises(EnvironmentProblem, match="fonts-dejavu-core"):
        typeset("exam.typ", paper_data(Form("A", (question("x"),)), "T", 1), 0)
