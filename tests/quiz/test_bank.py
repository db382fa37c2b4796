"""The question bank of the real KB keeps its promises, and its ids and versions follow the facts."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

import pytest

from archkb import urls
from archkb.kb import load_kb
from archkb.quiz.bank import bank_and_left_out
from archkb.quiz.evidence import short_name, trusted
from archkb.quiz.question import KINDS, LEVELS, TOPICS

from ..quizkit import REAL_KB, ROOT, edit, kb_copy, real_built


@pytest.fixture(scope="module")
def kb():  # type: ignore[no-untyped-def]
    return load_kb(REAL_KB)


def test_nothing_was_left_out() -> None:
    assert not real_built().left_out, "\n".join(real_built().left_out)


def test_at_least_80_distinct_questions_of_every_kind() -> None:
    questions = real_built().bank.questions
    kinds = Counter(q.kind for q in questions)
    assert len(questions) >= 80
    assert set(kinds) == set(KINDS), kinds
    assert len({q.text for q in questions}) == len(questions), "two questions share a text"
    assert len({q.id for q in questions}) == len(questions)


def test_every_question_has_the_answer_count_its_kind_allows() -> None:
    bad = [f"{q.id} {q.kind}: {p}" for q in real_built().bank.questions for p in q.shape_problems()]
    assert not bad, "\n".join(bad)


def test_every_question_has_a_level_and_hand_written_ones_the_level_they_state() -> None:
    questions = real_built().bank.questions
    assert {q.level for q in questions} <= set(LEVELS)
    import yaml

    stated = {
        " ".join(q["text"].split()): q["level"]
        for q in yaml.safe_load((REAL_KB / "questions.yaml").read_text())["questions"]
    }
    written = {q.text: q.level for q in questions if q.origin == "hand-written"}
    assert written == stated
    assert {q.level for q in questions if q.template == "restriction-follows"} == {"analysis"}


def test_every_architecture_restriction_and_concept_is_tested(kb) -> None:  # type: ignore[no-untyped-def]
    questions = real_built().bank.questions
    tested = {f for q in questions for f in q.facts}
    tagged = {a for q in questions for a in q.architectures}
    missing = [f"architecture {a.id}" for a in kb.architectures if a.id not in tagged]
    # A low-confidence restriction (our inference) is never asked: the quiz only tests stated facts.
    missing += [
        f"restriction {r.id}"
        for r in kb.restrictions.values()
        if r.fact.confidence != "low" and r.fact.id not in tested
    ]
    missing += [f"concept {c.id}" for c in kb.concepts.values() if c.definition.id not in tested]
    assert not missing, "\n".join(missing)


def test_questions_carry_facts_tags_pages_and_sources(kb) -> None:  # type: ignore[no-untyped-def]
    pages = {urls.COMPARISON, urls.GLOSSARY, urls.RESTRICTIONS, urls.QA} | {
        urls.architecture_page(a.id) for a in kb.architectures
    }
    bad = []
    for q in real_built().bank.questions:
        unknown = [f for f in q.facts if f not in kb.facts]
        if unknown or not q.facts:
            bad.append(f"{q.id}: facts {unknown or 'none'}")
        if q.teaches.partition("#")[0] not in pages:
            bad.append(f"{q.id}: teaches {q.teaches}")
        if q.topic not in TOPICS or not q.explanation or not q.sources:
            bad.append(f"{q.id}: topic/explanation/sources missing")
        if any(not kb.has_architecture(a) for a in q.architectures):
            bad.append(f"{q.id}: unknown architecture tag in {q.architectures}")
        if any(not (s.url or "https://").startswith(("https://", "http://", "mailto:")) for s in q.sources):
            bad.append(f"{q.id}: unsafe source link")
    assert not bad, "\n".join(bad)


def test_the_teaching_page_anchor_is_the_fact_anchor(kb) -> None:  # type: ignore[no-untyped-def]
    anchors = {urls.fact_target(kb, f) for f in kb.facts.values()}
    bad = [f"{q.id} {q.teaches}" for q in real_built().bank.questions if "#" in q.teaches and q.teaches not in anchors]
    assert not bad, "\n".join(bad)


def test_no_question_tests_a_low_confidence_or_contested_fact(kb) -> None:  # type: ignore[no-untyped-def]
    bad = [
        f"{q.id} {f}"
        for q in real_built().bank.questions
        if not q.template.startswith(("past-", "misconception-history"))  # what a fact said before it changed
        for f in q.facts
        if not trusted(kb.facts[f])
    ]
    assert not bad, "\n".join(bad)


def test_keys_agree_with_the_facts_they_test(kb) -> None:  # type: ignore[no-untyped-def]
    """Independent re-derivation of the keys of the main templates from the model."""
    bad = []
    names = {short_name(a, kb): a for a in kb.architectures}
    for q in real_built().bank.questions:
        right = {q.choices[i] for i in q.answer}
        if q.template.startswith("field-"):
            fact = kb.facts[q.facts[0]]
            values = fact.value if isinstance(fact.value, tuple) else (fact.value,)
            if right != {kb.label(v) for v in values}:
                bad.append(f"{q.id}: {right} != {values}")
        elif q.template == "restriction-applies":
            r = kb.restrictions[q.facts[0]]
            if {names[c].id for c in right} != set(r.applies_to):
                bad.append(f"{q.id}: {right} != {r.applies_to}")
        elif q.template == "can":
            aid = q.architectures[0]
            blocked = {t for r in kb.restrictions_for(aid) for t in r.blocks}
            says_false = q.answer == (1,)
            label = q.text.split("“", 1)[1].split("”", 1)[0]
            if says_false != any(kb.label(t) == label for t in blocked):
                bad.append(f"{q.id}: {q.text} keyed {q.choices[q.answer[0]]}")
        elif q.template == "cni-row":
            fact = kb.facts[q.facts[0]]
            expected = {"yes": "Yes", "no": "No", "conditional": "Only under a condition"}[fact.value]
            if right != {expected}:
                bad.append(f"{q.id}: {right} != {fact.value}")
        elif q.template == "order-sophistication":
            order = [q.choices[i] for i in q.answer]
            if order != [short_name(a, kb) for a in sorted(kb.architectures, key=lambda a: a.order)]:
                bad.append(f"{q.id}: order {order}")
        elif q.template == "match-definitions":
            defined = {kb.facts[f].value: kb.concepts[kb.facts[f].subject].name for f in q.facts}
            if [q.choices[i] for i in q.answer] != [defined[p] for p in q.prompts]:
                bad.append(f"{q.id}: definitions")
    assert not bad, "\n".join(bad)


def test_same_kb_same_bank() -> None:
    again = bank_and_left_out(load_kb(REAL_KB)).bank
    assert again == real_built().bank


def test_ids_stay_and_only_affected_versions_change(tmp_path: Path) -> None:
    kb_dir = kb_copy(tmp_path)
    edit(
        kb_dir / "concepts.yaml", "A routing protocol; with Calico", "A routing protocol for the Internet; with Calico"
    )
    edit(
        kb_dir / "architectures/2-k8s-site.yaml",
        "discovery:\n  value: in-cluster-dns",
        "discovery:\n  value: api-server-discovery",
    )
    # the diagram must agree (archkb.kb.topology_rules): its discovery edge now ends at the API server
    edit(
        kb_dir / "architectures/2-k8s-site.yaml",
        "    - id: dns\n      concept: k8s-dns\n",
        "    - id: dns\n      concept: k8s-api-server\n",
    )
    before = {q.id: q for q in real_built().bank.questions}
    kb = load_kb(kb_dir)
    after = {q.id: q for q in bank_and_left_out(kb).bank.questions}
    changed_facts = {"bgp", "k8s-site.discovery"}
    gone = [
        f"{qid} {before[qid].facts}" for qid in set(before) - set(after) if not changed_facts & set(before[qid].facts)
    ]
    assert not gone, "questions on unchanged facts disappeared:\n" + "\n".join(gone)
    for qid, q in before.items():
        if qid not in after:
            continue
        touched = bool(changed_facts & set(q.facts))
        assert (after[qid].version != q.version) == touched, (
            f"{qid} ({q.template}, tests {q.facts}): version change is {not touched}"
        )
    discovery = next(q for q in after.values() if q.template == "field-discovery" and q.architectures == ("k8s-site",))
    assert {discovery.choices[i] for i in discovery.answer} == {kb.label("api-server-discovery")}


def test_id_does_not_depend_on_position(tmp_path: Path) -> None:
    kb_dir = kb_copy(tmp_path)
    text = (kb_dir / "concepts.yaml").read_text(encoding="utf-8")
    head, first, rest = text.partition("  - id: f5-xc\n")
    body, second, tail = rest.partition("  - id: regional-edge\n")
    (kb_dir / "concepts.yaml").write_text(
        head + second + tail.replace("  - id: global-backbone\n", first + body + "  - id: global-backbone\n", 1),
        encoding="utf-8",
    )
    after = bank_and_left_out(load_kb(kb_dir)).bank
    assert {(q.id, q.version) for q in after.questions} == {(q.id, q.version) for q in real_built().bank.questions}


def test_copies_of_the_kb_give_distinct_questions(tmp_path: Path) -> None:
    """On a KB holding two consistent copies of every item (scripts/synth_kb.py), architectures whose
    short names would clash are named in full, so only verbatim copies of hand-written text clash."""
    spec = importlib.util.spec_from_file_location("quiz_synth_kb", ROOT / "scripts" / "synth_kb.py")
    assert spec and spec.loader
    synth = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(synth)
    kb_dir = synth.make_synthetic_kb(REAL_KB, tmp_path / "kb2", 2)
    built = bank_and_left_out(load_kb(kb_dir))
    # a scenario or a move singles out one architecture, which two identical copies never are
    comparing = ("scenario", "move", "forces-app-stack")
    generated = [q for q in real_built().bank.questions if q.origin == "generated" and q.template not in comparing]
    assert all(line.startswith("hand-written ") for line in built.left_out), "\n".join(built.left_out)
    assert len(
        [q for q in built.bank.questions if q.origin == "generated" and q.template not in comparing]
    ) > 1.5 * len(generated)
