"""Choosing a round's questions: same seed same quiz, topics, and review order with reasons."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from archkb.quiz.progress import Progress
from archkb.quiz.session import Outcome, matching_pool, score, select

from ..quizkit import real_built


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


def test_review_brings_back_due_then_new_then_the_rest_by_date_and_says_why() -> None:
    bank = real_built().bank
    pool = matching_pool(bank, "glossary")
    missed, due, later, seen_new_version = pool[0], pool[1], pool[2], pool[3]
    t0 = datetime(2026, 1, 5, 9, tzinfo=UTC)
    state = Progress()
    state.record(missed.id, missed.version).answered(False, t0)  # Again: due 2026-01-06
    state.record(due.id, due.version).answered(True, t0 - timedelta(days=1))  # Good: due 2026-01-06
    state.record(later.id, later.version).answered(True, t0 + timedelta(days=1))  # Good: due 2026-01-08
    state.record(seen_new_version.id, "old-version").answered(True, t0)
    state.reset_changed({q.id: q.version for q in bank.questions})
    picks = select(
        bank, len(pool), 3, topic="glossary", review=True, progress=state, now=t0 + timedelta(days=1, hours=1)
    )
    order = [p.question.id for p in picks]
    assert set(order[:2]) == {missed.id, due.id}
    reasons = {p.question.id: p.reason for p in picks}
    assert reasons[missed.id] == "due since 2026-01-06: you missed it on 2026-01-05"
    assert reasons[due.id] == "due since 2026-01-06: you answered it right on 2026-01-04"
    assert order[-1] == later.id and reasons[later.id].startswith("not due until 2026-01-08")
    assert "new version" in reasons[seen_new_version.id] and order.index(seen_new_version.id) < order.index(later.id)
    assert all(p.reason for p in picks)


def test_score_counts_answered_questions_by_topic() -> None:
    bank = real_built().bank
    picks = select(bank, 4, 11)
    outcomes = [Outcome(picks[0], picks[0].question.answer), Outcome(picks[1], None)]
    summary = score(outcomes, bank.topics)
    assert summary["answered"] == 1 and summary["correct"] == 1
    assert sum(row["answered"] for row in summary["by_topic"].values()) == 1
