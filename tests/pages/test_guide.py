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
    assert verdict.condition == gateway.exposure_conditions[0].text
    assert gateway.exposure_conditions[0].text not in verdict.reason, (
        "the reason stays short; the condition is given apart"
    )


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


def test_an_empty_low_confidence_field_leaves_the_answer_open(real_kb) -> None:  # type: ignore[no-untyped-def]
    """vK8s and mK8s do not say which Service types they expose.

    So "must XC expose ClusterIP?" keeps them open, never "no".
    """
    assert guide.fitting(real_kb, {"clusterip": "yes"}) == ["secure-k8s-gateway", "k8s-site"]
    assert guide.undecided(real_kb, {"clusterip": "yes"}) == ["vk8s", "mk8s"]
    clusterip = next(q for q in guide.QUESTIONS if q.id == "clusterip")
    verdict = guide.verdict(real_kb, real_kb.architecture("vk8s"), clusterip.answers[0].test)
    assert verdict.fits and verdict.unknown and guide.NOT_STATED in verdict.reason


def test_no_verdict_rules_out_on_a_low_confidence_or_empty_fact(real_kb) -> None:  # type: ignore[no-untyped-def]
    """The KB rule for the guide: an architecture is ruled out only by stated facts (not low, not empty)."""
    bad = []
    for q in guide.questions(real_kb):
        for a in q.answers:
            for arch in real_kb.architectures:
                v = guide.verdict(real_kb, arch, a.test) if a.test else guide.Verdict(True, "")
                weak = [f.id for f in v.facts if f.confidence == "low" or f.value in ((), None)]
                if not v.fits and (weak or not v.facts):
                    bad.append(f"{q.id}={a.id} rules out {arch.id} on {weak or 'no fact'}: {v.reason}")
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("field", ["relation", "hosts_workloads", "placement"])
def test_a_low_confidence_field_never_rules_out(real_kb, field: str) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    arch = real_kb.architecture("secure-k8s-gateway")
    weak = replace(arch, fields={**arch.fields, field: replace(arch.fields[field], confidence="low")})
    for q in guide.questions(real_kb):
        for a in q.answers:
            if a.test and a.test.field == field:
                v = guide.verdict(real_kb, weak, a.test)
                assert v.fits and v.unknown, (q.id, a.id, v)


def test_a_missing_field_is_open_not_no(real_kb) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    arch = real_kb.architecture("mk8s")
    bare = replace(arch, fields={k: v for k, v in arch.fields.items() if k != "hosts_workloads"})
    host = next(q for q in guide.QUESTIONS if q.id == "host")
    for answer in host.answers:
        v = guide.verdict(real_kb, bare, answer.test)
        assert v.fits and v.unknown and guide.NOT_STATED in v.reason


def test_a_restriction_we_only_infer_leaves_the_answer_open(real_kb) -> None:  # type: ignore[no-untyped-def]
    privileged = next(q for q in guide.QUESTIONS if q.id == "privileged")
    only_pods = guide.Test("not-blocked", "", ("run-privileged-pods",))
    assert real_kb.restrictions["no-privileged-pods"].fact.confidence == "low"
    v = guide.verdict(real_kb, real_kb.architecture("vk8s"), only_pods)
    assert v.fits and v.unknown, v
    v = guide.verdict(real_kb, real_kb.architecture("vk8s"), privileged.answers[0].test)
    assert not v.fits and "No privileged pods" not in v.reason, "ruled out by the stated restrictions only"
