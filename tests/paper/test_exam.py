"""Exam forms and answer keys: drawn by the blueprint, read back from the PDFs with pdftotext, the same bytes for
the same seed, and a bad blueprint refused with every problem at once and nothing written."""

from __future__ import annotations

import dataclasses
import random
import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from archkb.errors import KBError
from archkb.paper.blueprint import Blueprint, Row, default_blueprint, draw, read_blueprint, shortfalls
from archkb.paper.exam import draw_forms, key_data, paper_data, shuffled
from archkb.quiz import answers
from archkb.quiz.question import Bank, Question

from ..quizkit import archkb, real_built
from .paperkit import page_count, pdf_text, squeezed

SITE = "https://trainers.example.org/archkb/"
#: The forms the module's exam is written with.
TWO_FORMS = ("--forms", "2", "--count", "12", "--seed", "5")


def export_exam(out: Path, cwd: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """``archkb export --what exam --out OUT`` with the test site's address and ``options``."""
    return archkb(["export", "--what", "exam", "--out", str(out), "--site-url", SITE, *options], cwd)


@pytest.fixture(scope="module")
def bank() -> Bank:
    return real_built().bank


def test_the_default_blueprint_mirrors_the_bank(bank: Bank) -> None:
    blueprint = default_blueprint(bank, 40)
    assert blueprint.count == 40
    by_topic = Counter()
    for row in blueprint.rows:
        by_topic[row.topic] += row.count
    bank_topics = Counter(q.topic for q in bank.questions)
    for topic, n in by_topic.items():
        assert abs(n - 40 * bank_topics[topic] / len(bank.questions)) < 1.5, (topic, n)
    with pytest.raises(KBError, match="asks for 999 questions; the bank has"):
        default_blueprint(bank, 999)


def test_forms_differ_follow_the_blueprint_and_keep_every_key(bank: Bank) -> None:
    blueprint = Blueprint((Row(3, topic="restrictions"), Row(2, topic="glossary", difficulty="easy"), Row(5)))
    forms = draw_forms(bank, blueprint, 3, seed=7)
    assert [f.letter for f in forms] == ["A", "B", "C"]
    assert len({tuple(q.id for q in f.questions) for f in forms}) == 3
    originals = bank.by_id()
    bad = []
    for form in forms:
        assert len(form.questions) == 10 and len({q.id for q in form.questions}) == 10
        assert sum(q.topic == "restrictions" for q in form.questions) >= 3
        for q in form.questions:
            original = originals[q.id]
            assert not q.shape_problems(), (q.id, q.shape_problems())
            if sorted(q.choices) != sorted(original.choices):
                bad.append(f"{q.id}: choices changed")
            if answers.spelled(q, q.answer).split("; ") != answers.spelled(original, original.answer).split("; ") and (
                sorted(q.choices[i] for i in q.answer) != sorted(original.choices[i] for i in original.answer)
            ):
                bad.append(f"{q.id}: the key moved to another choice")
            if q.kind == "ordering" and [q.choices[i] for i in q.answer] != [
                original.choices[i] for i in original.answer
            ]:
                bad.append(f"{q.id}: the right order changed")
            for i, choice in enumerate(q.choices):
                if q.choice_feedback(i) != original.choice_feedback(original.choices.index(choice)):
                    bad.append(f"{q.id}: feedback left its choice")
    assert not bad, "\n".join(bad)
    assert draw_forms(bank, blueprint, 3, seed=7) == forms
    assert draw_forms(bank, blueprint, 3, seed=8) != forms


def test_an_ordering_question_never_shows_its_key(bank: Bank) -> None:
    ordering = [q for q in bank.questions if q.kind == "ordering"]
    assert ordering
    for seed in range(200):
        moved = shuffled(ordering[0], random.Random(seed))
        assert list(moved.answer) != list(range(len(moved.choices)))


def test_draw_takes_each_row_from_what_is_left(bank: Bank) -> None:
    rows = Blueprint((Row(1, topic="exposure"), Row(1, topic="exposure")))
    assert len({q.id for q in draw(rows, bank, random.Random(1))}) == 2
    history = sum(q.topic == "history" for q in bank.questions)
    problems = shortfalls(Blueprint((Row(history, topic="history"), Row(1, topic="history"))), bank)
    assert [p.message for p in problems] == [
        f"asks for 1 questions (topic history); the bank has 0 ({history} more were taken by earlier rows)"
    ]


def test_a_form_spreads_over_the_facts_before_it_repeats_one(bank: Bank) -> None:
    """Two questions on the same facts come on one form only when nothing else is left to draw."""
    by_facts: dict[tuple[str, ...], list[Question]] = {}
    for q in bank.questions:
        by_facts.setdefault(q.facts, []).append(q)
    twins = next(qs for qs in by_facts.values() if len(qs) >= 2)
    other = next(q for q in bank.questions if not set(q.facts) & set(twins[0].facts))
    small = dataclasses.replace(bank, questions=(twins[0], twins[1], other))
    for seed in range(30):
        drawn = draw(Blueprint((Row(2),)), small, random.Random(seed))
        assert other in drawn, seed
    assert set(draw(Blueprint((Row(3),)), small, random.Random(1))) == set(small.questions)
    # On the real bank a form of 20 rests on more facts than 20 questions drawn blindly do, on average.
    spread = [
        len({f for q in draw(default_blueprint(bank, 20), bank, random.Random(s)) for f in q.facts}) for s in range(10)
    ]
    blind = [len({f for q in random.Random(s).sample(bank.questions, 20) for f in q.facts}) for s in range(10)]
    assert sum(spread) > sum(blind), (spread, blind)


@pytest.fixture(scope="module")
def exam_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("exam") / "exam"
    done = export_exam(out, out.parent, "--format", "pdf", *TWO_FORMS)
    assert done.returncode == 0, done.stderr
    return out


def test_each_form_is_a_paper_and_a_key_that_pdftotext_reads_back(exam_dir: Path, bank: Bank) -> None:
    assert sorted(p.name for p in exam_dir.iterdir()) == [
        "form-a-key.pdf",
        "form-a.pdf",
        "form-b-key.pdf",
        "form-b.pdf",
    ]
    forms = draw_forms(bank, default_blueprint(bank, 12), 2, seed=5)
    bad = []
    for form in forms:
        name = f"form-{form.letter.lower()}"
        paper = pdf_text(exam_dir / f"{name}.pdf", layout=True)
        key = squeezed(pdf_text(exam_dir / f"{name}-key.pdf"))
        assert f"Form {form.letter}" in paper and "Name:" in paper
        flat = squeezed(paper)
        at = 0
        for n, q in enumerate(form.questions, start=1):
            found = flat.find(squeezed(f"{n}.{q.text}"), at)
            if found < 0:
                bad.append(f"{name}: question {n} ({q.id}) is not on the paper after question {n - 1}")
                continue
            at = found
            for i, choice in enumerate(q.choices if q.kind != "truefalse" else ()):
                if squeezed(f"{answers.letter(i)}){choice}") not in flat:
                    bad.append(f"{name}: question {n} choice {answers.letter(i)} is missing")
            for prompt in q.prompts:
                if squeezed(prompt) not in flat:
                    bad.append(f"{name}: question {n} prompt {prompt!r} is missing")
        data = key_data(form, "x", 5, SITE)
        for entry in data["questions"]:
            for piece in (
                f"{entry['number']}.Key:{entry['key']}",
                entry["spelled"],
                entry["explanation"],
                entry["url"],
                entry["id"],
            ):
                if squeezed(piece) not in key:
                    bad.append(f"{name}-key: question {entry['number']} lacks {piece[:60]!r}")
            for why in entry["why_not"]:
                if squeezed(why["feedback"]) not in key:
                    bad.append(f"{name}-key: question {entry['number']} lacks why {why['letter']} is wrong")
        assert not re.search(r"q-[0-9a-f]{12}", paper), "the paper shows question ids"
    assert not bad, "\n".join(bad[:30])


def test_the_same_seed_gives_the_same_bytes(exam_dir: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    done = export_exam(again, tmp_path, *TWO_FORMS)
    assert done.returncode == 0, done.stderr
    for pdf in exam_dir.iterdir():
        assert (again / pdf.name).read_bytes() == pdf.read_bytes(), pdf.name
    other = tmp_path / "other"
    done = export_exam(other, tmp_path, "--count", "12", "--seed", "6")
    assert done.returncode == 0, done.stderr
    assert (other / "form-a.pdf").read_bytes() != (exam_dir / "form-a.pdf").read_bytes()


def test_a_blueprint_file_is_followed(tmp_path: Path, bank: Bank) -> None:
    blueprint = tmp_path / "blueprint.yaml"
    blueprint.write_text(
        "questions:\n  - {topic: restrictions, count: 2}\n"
        "  - {topic: glossary, level: recall, difficulty: easy, count: 3}\n",
        encoding="utf-8",
    )
    out = tmp_path / "exam"
    done = export_exam(out, tmp_path, "--blueprint", str(blueprint))
    assert done.returncode == 0, done.stderr
    form = draw_forms(bank, read_blueprint(blueprint, bank), 1, seed=1)[0]
    assert Counter(q.topic for q in form.questions) == {"restrictions": 2, "glossary": 3}
    assert page_count(out / "form-a.pdf") >= 1
    # question numbers stand at the margin (after a form feed on a new page); matching items are indented
    numbers = re.findall(r"^\f?(\d+)\. ", pdf_text(out / "form-a.pdf", layout=True), re.M)
    assert [int(n) for n in numbers] == [1, 2, 3, 4, 5]


BAD_BLUEPRINT = """\
questions:
  - {topic: restriction, count: 2}
  - {level: apply, count: 0}
  - {topic: history, count: 50}
  - {count: 2, colour: red}
extra: 1
"""


def test_a_bad_blueprint_reports_every_problem_and_writes_nothing(tmp_path: Path) -> None:
    blueprint = tmp_path / "bad.yaml"
    blueprint.write_text(BAD_BLUEPRINT, encoding="utf-8")
    out = tmp_path / "exam"
    done = export_exam(out, tmp_path, "--blueprint", str(blueprint))
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    history = sum(q.topic == "history" for q in real_built().bank.questions)
    assert lines == [
        f"{blueprint}:2:13: unknown topic 'restriction'; did you mean 'restrictions'?",
        f"{blueprint}:3:13: unknown level 'apply'; one of recall, application, analysis, misconception",
        f"{blueprint}:3:27: count must be a whole number of at least 1, not 0",
        f"{blueprint}:4:5: asks for 50 questions (topic history); the bank has {history}",
        f"{blueprint}:5:16: unknown key 'colour'; one of topic, level, difficulty, count",
        f"{blueprint}:6:1: unknown key 'extra'; a blueprint has only 'questions'",
    ]
    assert not out.exists() and not list(tmp_path.glob(".exam*"))


def test_other_files_in_the_folder_are_never_replaced(tmp_path: Path) -> None:
    out = tmp_path / "exam"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    done = export_exam(out, tmp_path)
    assert done.returncode == 1
    assert (
        done.stderr.strip().splitlines()[0] == f"{out}:0:0: holds other files (notes.txt); name a new or an exam folder"
    )
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_count_and_blueprint_together_are_a_usage_error(tmp_path: Path) -> None:
    done = export_exam(tmp_path / "x", tmp_path, "--count", "3", "--blueprint", "b.yaml")
    assert done.returncode == 2 and "not both" in done.stderr


def test_paper_data_has_no_key(bank: Bank) -> None:
    form = draw_forms(bank, default_blueprint(bank, 20), 1, seed=2)[0]
    data = paper_data(form, "x", 2)
    assert all(set(q) == {"number", "kind", "text", "instruction", "choices", "prompts"} for q in data["questions"])
