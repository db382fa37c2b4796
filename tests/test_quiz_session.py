"""Choosing a round's questions: same seed same quiz, topics, and review order with reasons."""

from __future__ import annotations

from archkb.quiz.progress import Progress
from archkb.quiz.session import Outcome, matching_pool, score, select

from .quizkit import real_built


def test_same_seed_same_quiz_and_another_seed_another() -> None:
    bank = real_built().bank
    first = [p.question.id for p in select(bank, 10, seed=7)]
    assert first == [p.question.id for p in select(bank, 10, seed=7)]
    assert first != [p.question.id for p in select(bank, 10, seed=8)]
    assert len(set(first)) == 10


def test_topic_filters_by_topic_or_architecture() -> None:
    bank = real_built().bank
    assert all(p.question.topic == "restrictions" for p in select(bank, 500, 1, topic="restrictions"))
    vk8s = select(bank, 500, 1, topic="vk8s")
    assert vk8s and all("vk8s" in p.question.architectures for p in vk8s)
    assert len(select(bank, 500, 1)) == len(bank.questions)


def test_review_brings_back_missed_then_due_then_new_and_says_why() -> None:
    bank = real_built().bank
    pool = matching_pool(bank, "glossary")
    missed, due, fresh_box5, seen_new_version = pool[0], pool[1], pool[2], pool[3]
    state = Progress(rounds=10)
    state.record(missed.id, missed.version).answered(False, 9)
    state.record(due.id, due.version).answered(True, 2)  # box 2 comes back after 2 rounds
    rec = state.record(fresh_box5.id, fresh_box5.version)
    for r in (6, 7, 8, 9):
        rec.answered(True, r)  # box 5: comes back after 16 rounds
    state.record(seen_new_version.id, "old-version").answered(True, 9)
    state.reset_changed({q.id: q.version for q in bank.questions})
    picks = select(bank, len(pool), 3, topic="glossary", review=True, progress=state)
    order = [p.question.id for p in picks]
    assert order[0] == missed.id and "missed it last time" in picks[0].reason
    assert order[1] == due.id and "due: box 2" in picks[1].reason
    assert order[-1] == fresh_box5.id and "least recently seen" in picks[-1].reason
    changed = next(p for p in picks if p.question.id == seen_new_version.id)
    assert "new version" in changed.reason
    assert all(p.reason for p in picks)


def test_score_counts_answered_questions_by_topic() -> None:
    bank = real_built().bank
    picks = select(bank, 4, 11)
    outcomes = [Outcome(picks[0], picks[0].question.answer), Outcome(picks[1], None)]
    summary = score(outcomes, bank.topics)
    assert summary["answered"] == 1 and summary["correct"] == 1
    assert sum(row["answered"] for row in summary["by_topic"].values()) == 1
