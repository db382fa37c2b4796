"""Nothing outside the stem points to the key: choices shuffled per round, tags only after an answer,
true/false balanced, no two-choice "choose all", and every wrong choice says why it is wrong."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from archkb.quiz import answers
from archkb.quiz.progress import Progress
from archkb.quiz.question import choice_order, shuffled
from archkb.quiz.session import select

from ..quizkit import archkb, real_built, typed


def test_the_same_seed_shows_the_same_order_and_other_seeds_others() -> None:
    bank = real_built().bank
    moved = 0
    for q in bank.questions:
        first = choice_order(q, 11)
        assert first == choice_order(q, 11)
        assert sorted(first) == list(range(len(q.choices)))
        moved += any(choice_order(q, seed) != first for seed in range(12, 20))
        again = shuffled(q, 11)
        assert {again.choices[i] for i in again.answer} == {q.choices[i] for i in q.answer}
        assert [again.choice_feedback(i) for i in range(len(q.choices))] == [q.choice_feedback(i) for i in first]
        if q.kind == "truefalse":
            assert again.choices == q.choices
        if q.kind == "ordering":
            assert list(again.answer) != list(range(len(q.choices))), "shown already in its right order"
        if q.kind == "matching":
            assert [again.choices[i] for i in again.answer] == [q.choices[i] for i in q.answer]
    assert moved == sum(q.kind != "truefalse" for q in bank.questions)


def test_a_round_asks_the_shuffled_question() -> None:
    bank = real_built().bank
    for pick in select(bank, 30, 5, None, False, Progress()):
        assert pick.question == shuffled(bank.by_id()[pick.question.id], 5)


def test_the_key_is_not_always_in_one_place() -> None:
    places = Counter(q.answer[0] for q in real_built().bank.questions if q.kind == "single" and len(q.choices) >= 3)
    assert max(places.values()) < 0.5 * sum(places.values()), places


def test_true_false_is_true_40_to_60_percent_overall_and_per_template() -> None:
    tf = [q for q in real_built().bank.questions if q.kind == "truefalse"]
    bad = []
    for template in sorted({q.template for q in tf}) + ["(all)"]:
        group = [q for q in tf if template in (q.template, "(all)")]
        share = sum(q.answer == (0,) for q in group) / len(group)
        if not 0.4 <= share <= 0.6:
            bad.append(f"{template}: {share:.0%} True of {len(group)}")
    assert not bad, "\n".join(bad)


def test_no_choose_all_of_fewer_than_three_choices() -> None:
    bad = [f"{q.id} {q.text}" for q in real_built().bank.questions if q.kind == "multiple" and len(q.choices) < 3]
    assert not bad, "\n".join(bad)


def test_every_wrong_choice_says_why_it_is_wrong() -> None:
    bad = [
        f"{q.id} ({q.template}) {q.choices[i]!r}"
        for q in real_built().bank.questions
        if q.kind in ("single", "multiple", "truefalse")
        for i in range(len(q.choices))
        if i not in q.answer and not q.choice_feedback(i).strip()
    ]
    assert not bad, "\n".join(bad)


def test_restriction_names_do_not_name_where_they_apply() -> None:
    from archkb.kb import load_kb

    from ..quizkit import REAL_KB

    kb = load_kb(REAL_KB)
    bad = [
        f"{r.id}: {r.name}"
        for r in kb.restrictions.values()
        for a in kb.architectures
        if a.short_form.lower() in r.name.lower() or (a.reads_as or "").removeprefix("the ").lower() in r.name.lower()
    ]
    assert not bad, "\n".join(bad)


def test_the_terminal_shows_tags_only_after_an_answer_and_never_in_an_exam(tmp_path: Path) -> None:
    bank = real_built().bank
    questions = [p.question for p in select(bank, 3, 21, None, False, Progress())]
    stdin = "".join(typed(q, k != 1) + "\n" for k, q in enumerate(questions)) + "n\n"
    practice = archkb(["quiz", "--seed", "21", "--count", "3", "--progress", str(tmp_path / "p.json")], tmp_path, stdin)
    assert practice.returncode == 0, practice.stderr
    shown = " ".join(practice.stdout.split())  # the terminal wraps long lines
    for k, q in enumerate(questions, 1):
        text = " ".join(q.text.split())
        header, _, rest = shown.partition(f"Question {k} of 3 · ")[2].partition(text)
        before, after = re.split(r"Your (?:answer|order|matches)", rest, maxsplit=1)
        assert header.strip() == q.difficulty, f"only the difficulty before the answer, not {header!r}"
        assert f"About: {bank.topics[q.topic]}" in after.split(f"Question {k + 1} of 3")[0]
        assert all(f"{chr(97 + i)}) {' '.join(c.split())}" in before for i, c in enumerate(q.choices)), (
            "the round's order"
        )
    wrong = questions[1]
    said = [wrong.choice_feedback(i) for i in answers.parse(wrong, typed(wrong, False))]
    assert all(" ".join(f.split()) in shown for f in said if f), "the feedback on each wrong choice picked"
    exam = archkb(
        ["quiz", "--exam", "--seed", "21", "--count", "3", "--progress", str(tmp_path / "e.json")], tmp_path, stdin
    )
    assert exam.returncode == 0, exam.stderr
    assert "About:" not in exam.stdout
