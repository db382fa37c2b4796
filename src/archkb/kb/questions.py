"""Hand-written quiz questions (``kind: questions`` files), checked against the facts they test.

The schema (``questions.schema.json``) checks their form; this module checks what the schema and
the reference checks cannot: that every id in ``tests`` is a fact of the built model (derived ids
such as ``vk8s.scope`` included), and that the keyed answer is what the facts say. ``answer_from``
names where the key comes from (one fact, a field, or a set of ``requirements`` decided by
:mod:`archkb.kb.requirements`), and every choice names the value it stands for, so a key that
disagrees with the KB, a choice the facts leave open, or a wrong choice without feedback is
reported as ``path:line:col`` by :func:`archkb.kb.load_kb`, and so by ``archkb validate``, before
any quiz is built.
"""

from __future__ import annotations

import difflib
from typing import Any

from ..errors import Problem
from .model import KB
from .reader import Document, PathKey
from .requirements import requirement_from, verdicts

KIND = "questions"


def check_questions(kb: KB, docs: list[Document]) -> list[Problem]:
    """Every disagreement between a hand-written question of ``docs`` and the facts of ``kb``."""
    problems: list[Problem] = []
    for doc in docs:
        if doc.data.get("kind") != KIND:
            continue
        for i, entry in enumerate(doc.data.get("questions") or []):
            problems += check(kb, doc, ("questions", i), entry)
    return problems


def check(kb: KB, doc: Document, at: PathKey, q: dict[str, Any]) -> list[Problem]:
    """Every way one hand-written question disagrees with the KB."""
    problems = [
        doc.problem(
            at + ("tests", j), f"unknown fact {fid!r}{_close(fid, kb.facts)}; `tests` names fact ids, e.g. vk8s.scope"
        )
        for j, fid in enumerate(q["tests"])
        if fid not in kb.facts
    ]
    if problems:
        return problems
    source = q["answer_from"]
    expected = (
        _requirements_answer(kb, doc, at, q)
        if "requirements" in source
        else _field_answer(kb, doc, at, q)
        if "field" in source
        else _fact_answer(kb, doc, at, q)
    )
    if isinstance(expected, list):
        return expected + feedback_problems(doc, at, q)
    return _compare(doc, at, q, expected) + feedback_problems(doc, at, q)


def feedback_problems(doc: Document, at: PathKey, q: dict[str, Any]) -> list[Problem]:
    """A learner who picks a wrong choice is told why: every choice not keyed right needs `feedback`
    (a true/false question, one for the wrong answer), and a right choice has none."""
    if q["kind"] == "truefalse":
        if q.get("feedback"):
            return []
        return [
            doc.problem(at + ("answer",), "add `feedback`: why the other answer is wrong, for a learner who gives it")
        ]
    problems = []
    for k, choice in enumerate(q.get("choices") or []):
        if not choice.get("correct") and not choice.get("feedback"):
            problems.append(
                doc.problem(
                    at + ("choices", k),
                    f"choice {_letters([k])} is wrong but has no `feedback`: "
                    "say why it is wrong here and where it would be right",
                )
            )
        elif choice.get("correct") and choice.get("feedback"):
            problems.append(
                doc.problem(
                    at + ("choices", k, "feedback"),
                    f"choice {_letters([k])} is keyed right: feedback is for wrong choices",
                )
            )
    return problems


def _fact_answer(kb: KB, doc: Document, at: PathKey, q: dict[str, Any]) -> Any:
    source = q["answer_from"]
    fid, part = source["fact"], source.get("part", "value")
    if fid not in q["tests"]:
        return [doc.problem(at + ("answer_from", "fact"), f"answer_from names {fid!r}, which is not in `tests`")]
    fact = kb.facts[fid]
    if part == "value":
        return fact.value
    restriction = kb.restrictions.get(fact.subject)
    if restriction is None or restriction.fact.id != fid:
        return [
            doc.problem(
                at + ("answer_from", "part"),
                f"part {part!r} is only for restriction facts; {fid!r} is not a restriction",
            )
        ]
    return getattr(restriction, part)


def _field_answer(kb: KB, doc: Document, at: PathKey, q: dict[str, Any]) -> Any:
    source = q["answer_from"]
    name, wanted = source["field"], source["has"]
    offered = [c["value"] for c in q.get("choices") or []]
    problems = [
        doc.problem(
            at + ("choices", k, "value"), f"answer_from asks for architectures, but {v!r} is not an architecture id"
        )
        for k, v in enumerate(offered)
        if not (isinstance(v, str) and kb.has_architecture(v))
    ]
    needed = [
        f"{a}.{name}"
        for a in offered
        if isinstance(a, str) and kb.has_architecture(a) and name in kb.architecture(a).fields
    ]
    missing = [n for n in needed if n not in q["tests"]]
    if missing:
        problems.append(doc.problem(at + ("tests",), f"the answer rests on {', '.join(missing)}: add them to `tests`"))
    if problems or q["kind"] == "truefalse":
        return problems or [
            doc.problem(
                at + ("answer_from",), "a true/false question takes its answer from a fact, not from `field`/`has`"
            )
        ]
    return tuple(a for a in offered if _holds(kb.architecture(a).value(name), wanted))


def _architecture_choices(kb: KB, doc: Document, at: PathKey, q: dict[str, Any], what: str) -> list[Problem]:
    """A problem for each choice that is not an architecture id, and for a true/false question."""
    if q["kind"] == "truefalse":
        return [
            doc.problem(at + ("answer_from",), f"a true/false question takes its answer from a fact, not from {what}")
        ]
    return [
        doc.problem(
            at + ("choices", k, "value"),
            f"answer_from asks for architectures, but {c['value']!r} is not an architecture id",
        )
        for k, c in enumerate(q.get("choices") or [])
        if not (isinstance(c["value"], str) and kb.has_architecture(c["value"]))
    ]


def _requirements_answer(kb: KB, doc: Document, at: PathKey, q: dict[str, Any]) -> Any:
    """The architectures among the choices that meet every requirement, when the facts decide each."""
    problems = _architecture_choices(kb, doc, at, q, "`requirements`")
    entries = q["answer_from"]["requirements"]
    for j, entry in enumerate(entries):
        term = entry.get("can", entry.get("has", entry.get("lacks")))
        if isinstance(term, str) and kb.term(term) is None and not kb.has_concept(term):
            problems.append(
                doc.problem(at + ("answer_from", "requirements", j), f"unknown term {term!r}{_close(term, _terms(kb))}")
            )
    if problems:
        return problems
    needs = [requirement_from(e) for e in entries]
    offered = [c["value"] for c in q["choices"]]
    results = verdicts(kb, needs, offered)
    for v in results:
        for j, c in enumerate(v.checks):
            if c.state == "unknown" and v.state != "no":
                problems.append(
                    doc.problem(
                        at + ("answer_from", "requirements", j),
                        f"the facts leave {v.architecture} open for `{needs[j]}` (not stated, or low confidence): "
                        "a key cannot rest on it; drop that choice or that requirement",
                    )
                )
    decided = [f.id for v in results for c in v.checks if c.state != "unknown" for f in c.facts]
    missing = [f for f in dict.fromkeys(decided) if f not in q["tests"]]
    if missing:
        problems.append(doc.problem(at + ("tests",), f"the answer rests on {', '.join(missing)}: add them to `tests`"))
    return problems or tuple(v.architecture for v in results if v.state == "yes")


def _terms(kb: KB) -> list[str]:
    return [t.id for g in kb.vocabulary.values() for t in g.terms]


def _holds(part: Any, value: Any) -> bool:
    return value in part if isinstance(part, tuple) else bool(part == value and type(part) is type(value))


def _compare(doc: Document, at: PathKey, q: dict[str, Any], expected: Any) -> list[Problem]:
    source = q["answer_from"]
    shown = (
        "the requirements"
        if "requirements" in source
        else source.get("fact") or f"architectures whose {source.get('field')} has {source.get('has')!r}"
    )
    if q["kind"] == "truefalse":
        if "contains" in source:
            truth_value = _holds(expected, source["contains"]) != bool(source.get("negate", False))
        elif isinstance(expected, bool):
            truth_value = expected
        else:
            return [
                doc.problem(
                    at + ("answer_from",),
                    f"{shown} is {_show(expected)}, not true or false: add `contains:` to say which value makes "
                    f"the statement true",
                )
            ]
        if q["answer"] != truth_value:
            return [
                doc.problem(
                    at + ("answer",),
                    f"keyed answer {q['answer']} disagrees with {shown} ({_show(expected)}): the facts make it "
                    f"{truth_value}",
                )
            ]
        return []
    choices = q["choices"]
    keyed = [k for k, c in enumerate(choices) if c.get("correct")]
    right = [k for k, c in enumerate(choices) if _holds(expected, c["value"])]
    if keyed != right:
        return [
            doc.problem(
                at + ("choices",),
                f"keyed answer {_letters(keyed)} disagrees with {shown} ({_show(expected)}): the facts make "
                f"{_letters(right)} right",
            )
        ]
    if q["kind"] == "single" and len(right) != 1:
        return [
            doc.problem(
                at + ("choices",),
                f"a single-choice question needs exactly one right choice; the facts make {_letters(right)} right",
            )
        ]
    if q["kind"] == "multiple" and not (1 <= len(right) < len(choices)):
        return [
            doc.problem(at + ("choices",), "a multiple-response question needs at least one right and one wrong choice")
        ]
    return []


def _letters(indexes: list[int]) -> str:
    return ",".join(chr(ord("a") + k) for k in indexes) or "none"


def _show(value: Any) -> str:
    return "[" + ", ".join(map(str, value)) + "]" if isinstance(value, tuple) else repr(value)


def _close(word: str, known: Any) -> str:
    close = difflib.get_close_matches(word, sorted(known), n=3, cutoff=0.6)
    return f" (close matches: {', '.join(close)})" if close else ""
