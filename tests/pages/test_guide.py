"""The decision guide: which architectures fit a set of answers, computed from the real KB's facts."""

from __future__ import annotations

import pytest

from archkb.pages import guide

from ..sitekit import GUIDE_CASES

ANSWER_SETS = [pytest.param(answers, expected, id=name) for name, answers, expected in GUIDE_CASES]


@pytest.mark.parametrize(("answers", "expected"), ANSWER_SETS)
def test_answers_lead_to_the_expected_architectures(real_kb, answers: dict[str, str], expected: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert guide.fitting(real_kb, answers) == expected


def test_every_question_applies_to_the_real_kb(real_kb) -> None:  # type: ignore[no-untyped-def]
    assert [q.id for q in guide.questions(real_kb)] == [q.id for q in guide.QUESTIONS]


def test_every_question_tells_architectures_apart(real_kb) -> None:  # type: ignore[no-untyped-def]
    """A question whose answers rule nobody out would be noise."""
    bad = []
    for q in guide.questions(real_kb):
        outcomes = {tuple(guide.fitting(real_kb, {q.id: a.id})) for a in q.answers}
        if all(len(o) == len(real_kb.architectures) for o in outcomes):
            bad.append(q.id)
    assert not bad, bad


def test_reasons_come_from_the_facts(real_kb) -> None:  # type: ignore[no-untyped-def]
    vk8s = real_kb.architecture("vk8s")
    privileged = next(q for q in guide.QUESTIONS if q.id == "privileged")
    verdict = guide.verdict(real_kb, vk8s, privileged.answers[0].test)
    assert not verdict.fits
    assert real_kb.restrictions["no-crds"].name in verdict.reason
    assert real_kb.restrictions["no-crds"].fact in verdict.facts
    gateway = real_kb.architecture("secure-k8s-gateway")
    clusterip = next(q for q in guide.QUESTIONS if q.id == "clusterip")
    verdict = guide.verdict(real_kb, gateway, clusterip.answers[0].test)
    assert verdict.fits and verdict.conditional, "ClusterIP behind an external CE has an exposure condition"
    assert gateway.exposure_conditions[0].text in verdict.reason


def test_question_text_uses_vocabulary_labels(real_kb) -> None:  # type: ignore[no-untyped-def]
    privileged = next(q for q in guide.QUESTIONS if q.id == "privileged")
    text = guide.question_text(real_kb, privileged)
    for term in ("create-crds", "run-operators", "run-privileged-pods"):
        assert real_kb.label(term) in text


def test_questions_with_unknown_terms_are_left_out(base_kb) -> None:  # type: ignore[no-untyped-def]
    from archkb.kb import load_kb

    kb = load_kb(base_kb)
    asked = {q.id for q in guide.questions(kb)}
    assert "regions" not in asked  # the fixture vocabulary has no such capability
    assert guide.guide_data(kb)["questions"] == [q for q in guide.guide_data(kb)["questions"] if q["id"] in asked]
