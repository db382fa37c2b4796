"""Hand-written questions: each key is checked against the facts it tests, with file:line:col."""

from __future__ import annotations

from pathlib import Path

import pytest

from archkb.errors import KBError
from archkb.kb import load_kb

from ..quizkit import archkb, edit, kb_copy, real_built

QUESTIONS = "questions.yaml"


def test_real_hand_written_questions_are_in_the_bank() -> None:
    hand = [q for q in real_built().bank.questions if q.origin == "hand-written"]
    assert 5 <= len(hand) <= 12
    assert {q.kind for q in hand} == {"single", "multiple", "truefalse"}
    assert all(q.facts and q.sources and q.teaches for q in hand)


BROKEN = [
    pytest.param(
        QUESTIONS,
        "      - {text: One namespace, value: scope-namespace, correct: true}\n      - text: A whole cluster\n"
        "        value: scope-cluster\n",
        "      - {text: One namespace, value: scope-namespace}\n      - text: A whole cluster\n"
        "        value: scope-cluster\n        correct: true\n",
        "keyed answer b disagrees with vk8s.scope ('scope-namespace'): the facts make a right",
        id="wrong-key",
    ),
    pytest.param(
        "architectures/3-vk8s.yaml",
        "scope:\n  value: scope-namespace",
        "scope:\n  value: scope-cluster",
        "keyed answer a disagrees with vk8s.scope ('scope-cluster'): the facts make b right",
        id="fact-changed-under-the-question",
    ),
    pytest.param(
        QUESTIONS,
        "tests: [vk8s.scope, no-namespace-creation]",
        "tests: [vk8s.scopes, no-namespace-creation]",
        "unknown fact 'vk8s.scopes' (close matches: vk8s.scope",
        id="unknown-fact",
    ),
    pytest.param(
        QUESTIONS,
        "tests: [vk8s.placement]",
        "tests: [vk8s.setup]",
        "answer_from names 'vk8s.placement', which is not in `tests`",
        id="answer-from-not-tested",
    ),
    pytest.param(
        QUESTIONS,
        "answer_from: {fact: mk8s.hosted_api_can_be_disabled}\n    answer: true",
        "answer_from: {fact: mk8s.hosted_api_can_be_disabled}\n    answer: false",
        "keyed answer False disagrees with mk8s.hosted_api_can_be_disabled (True): the facts make it True",
        id="true-false-key",
    ),
    pytest.param(
        QUESTIONS,
        "tests: [secure-k8s-gateway.placement, k8s-site.placement, vk8s.placement, mk8s.placement]",
        "tests: [secure-k8s-gateway.placement, k8s-site.placement, vk8s.placement]",
        "the answer rests on mk8s.placement: add them to `tests`",
        id="field-answer-needs-every-offered-architecture",
    ),
    pytest.param(
        QUESTIONS,
        "answer_from: {fact: vk8s.placement}",
        "answer_from: {fact: vk8s.placement, part: lifted_by}",
        "part 'lifted_by' is only for restriction facts; 'vk8s.placement' is not a restriction",
        id="restriction-part-of-a-field",
    ),
    pytest.param(
        QUESTIONS,
        "        feedback: That is mK8s, which gives you a whole cluster; vK8s gives you one namespace.\n",
        "",
        "choice d is wrong but has no `feedback`: say why it is wrong here and where it would be right",
        id="wrong-choice-without-feedback",
    ),
    pytest.param(
        QUESTIONS,
        "    answer: false\n    feedback: >-\n"
        "      App Stack would mean running a cluster inside your cluster, which a Kubernetes site cannot do;\n"
        "      for XC-hosted workloads you need vK8s or mK8s.\n",
        "    answer: false\n",
        "add `feedback`: why the other answer is wrong, for a learner who gives it",
        id="true-false-without-feedback",
    ),
    pytest.param(
        QUESTIONS,
        "      - {text: Kubernetes site, value: k8s-site, correct: true}\n",
        "      - {text: Kubernetes site, value: k8s-site, correct: true, feedback: Right.}\n",
        "choice a is keyed right: feedback is for wrong choices",
        id="feedback-on-a-right-choice",
    ),
    pytest.param(
        QUESTIONS,
        "      - {text: mK8s, value: mk8s, correct: true}\n      - text: vK8s\n        value: vk8s\n"
        "        feedback: >-\n",
        "      - {text: mK8s, value: mk8s}\n      - text: vK8s\n        value: vk8s\n        correct: true\n"
        "        feedback: >-\n",
        "keyed answer b disagrees with the requirements ([mk8s]): the facts make a right",
        id="requirements-key-disagrees",
    ),
    pytest.param(
        QUESTIONS,
        "        - {field: placement, has: on-re}\n        - {can: manage-k8s-resources-kubectl}\n",
        "        - {can: deploy-to-re-regions}\n        - {can: manage-k8s-resources-kubectl}\n",
        "the facts leave mk8s open for `can deploy-to-re-regions` (not stated, or low confidence)",
        id="requirement-left-open-by-the-facts",
    ),
    pytest.param(
        QUESTIONS,
        "      - mk8s.capabilities.run-root-containers\n",
        "",
        "the answer rests on mk8s.capabilities.run-root-containers: add them to `tests`",
        id="requirements-rest-on-untested-facts",
    ),
    pytest.param(
        QUESTIONS,
        "        - {can: bind-privileged-ports}\n",
        "        - {can: bind-privileged-port}\n",
        "unknown term 'bind-privileged-port' (close matches: bind-privileged-ports",
        id="requirement-unknown-term",
    ),
]


@pytest.mark.parametrize(("file", "old", "new", "message"), BROKEN)
def test_a_key_that_disagrees_is_reported_with_its_position(
    tmp_path: Path, file: str, old: str, new: str, message: str
) -> None:
    kb_dir = kb_copy(tmp_path)
    edit(kb_dir / file, old, new)
    with pytest.raises(KBError) as caught:
        load_kb(kb_dir)  # so `archkb validate` rejects it, before any quiz is built
    lines = [str(p) for p in caught.value.problems]
    assert any(QUESTIONS in line and message in line and line.split(":")[1] != "0" for line in lines), lines


def test_the_quiz_refuses_to_start_on_a_wrong_key(tmp_path: Path) -> None:
    kb_dir = kb_copy(tmp_path)
    edit(
        kb_dir / QUESTIONS,
        "answer_from: {fact: mk8s.hosted_api_can_be_disabled}\n    answer: true",
        "answer_from: {fact: mk8s.hosted_api_can_be_disabled}\n    answer: false",
    )
    done = archkb(["quiz", "--kb", str(kb_dir), "--seed", "1"], tmp_path, stdin="a\n")
    assert done.returncode == 1
    assert "questions.yaml:" in done.stderr and "keyed answer False disagrees" in done.stderr
    assert "Traceback" not in done.stderr


def test_schema_catches_a_misspelt_field(tmp_path: Path) -> None:
    kb_dir = kb_copy(tmp_path)
    edit(kb_dir / QUESTIONS, "    tests: [vk8s.placement]\n", "    test: [vk8s.placement]\n")
    with pytest.raises(KBError) as caught:
        load_kb(kb_dir)
    assert any("unknown field 'test'" in str(p) and "did you mean 'tests'" in str(p) for p in caught.value.problems)


def test_question_ids_share_the_kb_namespace(tmp_path: Path) -> None:
    kb_dir = kb_copy(tmp_path)
    edit(kb_dir / QUESTIONS, "  - id: hq-namespace-scope\n", "  - id: vk-summary\n")
    with pytest.raises(KBError) as caught:
        load_kb(kb_dir)
    assert any("duplicate id 'vk-summary'" in str(p) for p in caught.value.problems)
