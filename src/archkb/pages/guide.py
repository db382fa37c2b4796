"""The decision guide ("which architecture fits me?"): questions whose answers test architecture
facts. The questions are fixed UI; which architectures fit, and why, is computed from the KB.

Each answer names a field and the terms it looks for; :func:`verdict` evaluates that test against
an architecture's cited facts and says why it fits or not. A question whose terms the KB does not
know is left out, so the guide never asks about something the facts cannot answer.

Unknown stays unknown: a verdict never rests on a field that is missing, empty or of ``low``
confidence (our inference). Such an architecture is neither kept nor ruled out but left open
(:attr:`Verdict.unknown`), with the reason "not stated in the sources".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from ..kb.model import KB, Architecture, Fact
from .fields import field_label

TestKind = Literal["value-in", "has-term", "not-blocked"]


@dataclass(frozen=True)
class Test:
    """``value-in``: the field's value (or one of its values) is among ``terms``;
    ``has-term``: the field (a list) holds every one of ``terms``;
    ``not-blocked``: no restriction that applies to the architecture blocks one of ``terms``."""

    kind: TestKind
    field: str
    terms: tuple[Any, ...]


@dataclass(frozen=True)
class Answer:
    id: str
    label: str
    test: Test | None = None  # None: this answer rules nothing out


@dataclass(frozen=True)
class Question:
    id: str
    text: str  # "{terms}" is replaced by the labels of the terms the answers test
    answers: tuple[Answer, ...]


@dataclass(frozen=True)
class Verdict:
    """Whether an architecture fits an answer. ``unknown``: the sources do not decide it (then
    ``fits`` is True, so it is not ruled out); ``condition``: the text of the condition it fits under."""

    fits: bool
    reason: str
    facts: tuple[Fact, ...] = ()
    conditional: bool = False
    unknown: bool = False
    condition: str = ""


#: The reason of a verdict the sources do not decide.
NOT_STATED = "not stated in the sources"


QUESTIONS: tuple[Question, ...] = (
    Question(
        "cluster",
        "Do you already run a Kubernetes cluster that XC should work with?",
        (
            Answer(
                "yes",
                "Yes, XC should work with my cluster",
                Test("value-in", "relation", ("integrates-with-cluster", "runs-inside-cluster")),
            ),
            Answer("no", "No, XC should be the Kubernetes platform", Test("value-in", "relation", ("xc-is-platform",))),
        ),
    ),
    Question(
        "host",
        "Must XC host your workloads?",
        (
            Answer("yes", "Yes, XC runs them", Test("value-in", "hosts_workloads", (True,))),
            Answer("no", "No, they stay where they are", Test("value-in", "hosts_workloads", (False,))),
        ),
    ),
    Question(
        "where",
        "Where may the XC part run, next to your cluster or inside it?",
        (
            Answer(
                "outside",
                "Outside the cluster, on a Customer Edge",
                Test("value-in", "placement", ("ce-outside-cluster",)),
            ),
            Answer("inside", "Inside the cluster, as pods", Test("value-in", "placement", ("pods-in-cluster",))),
        ),
    ),
    Question(
        "privileged",
        "Do your workloads need any of these: {terms}?",
        (
            Answer("yes", "Yes", Test("not-blocked", "", ("create-crds", "run-operators", "run-privileged-pods"))),
            Answer("no", "No"),
        ),
    ),
    Question(
        "regions",
        "Do you need workloads in regions where you have no infrastructure?",
        (Answer("yes", "Yes", Test("has-term", "capabilities", ("deploy-to-re-regions",))), Answer("no", "No")),
    ),
    Question(
        "lifecycle",
        "Should XC also deploy, manage and upgrade the Kubernetes infrastructure for you?",
        (Answer("yes", "Yes", Test("has-term", "capabilities", ("manage-k8s-lifecycle",))), Answer("no", "No")),
    ),
    Question(
        "clusterip",
        "Must XC expose {terms}s of a cluster you run?",
        (Answer("yes", "Yes", Test("has-term", "service_types", ("clusterip",))), Answer("no", "No")),
    ),
)


def known(kb: KB, ident: Any) -> bool:
    return isinstance(ident, bool) or kb.term(str(ident)) is not None or kb.has_concept(str(ident))


def questions(kb: KB) -> list[Question]:
    """The questions the KB can answer: every term they test is in the vocabulary or glossary."""
    return [q for q in QUESTIONS if all(known(kb, t) for a in q.answers if a.test for t in a.test.terms)]


def question_text(kb: KB, question: Question) -> str:
    terms = [t for a in question.answers if a.test and a.test.kind != "value-in" for t in a.test.terms]
    return question.text.replace("{terms}", _joined([kb.label(str(t)) for t in terms]))


def question_hint(kb: KB, question: Question) -> str:
    """Which facts decide the question, in words: "Decided by: Relation to your Kubernetes"."""
    parts: list[str] = []
    for answer in question.answers:
        test = answer.test
        if test is None:
            continue
        if test.kind == "not-blocked":
            part = "restrictions that rule out " + _joined([kb.label(str(t)) for t in test.terms])
        elif test.kind == "has-term":
            part = f"{field_label(kb, test.field)}: {_joined([kb.label(str(t)) for t in test.terms])}"
        else:
            part = field_label(kb, test.field)
        if part not in parts:
            parts.append(part)
    return "Decided by: " + "; ".join(parts)


def _joined(labels: list[str]) -> str:
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " or " + labels[-1] if labels else ""


def _values(arch: Architecture, field: str) -> tuple[Any, ...] | None:
    if field in arch.fields:
        value = arch.fields[field].value
        return value if isinstance(value, tuple) else (value,)
    if field in arch.lists:
        return tuple(f.value for f in arch.lists[field])
    return None


def _facts(arch: Architecture, field: str, terms: tuple[Any, ...]) -> tuple[Fact, ...]:
    if field in arch.fields:
        return (arch.fields[field],)
    return tuple(f for f in arch.lists.get(field, ()) if f.value in terms)


def _labels(kb: KB, values: tuple[Any, ...]) -> str:
    return ", ".join("yes" if v is True else "no" if v is False else kb.label(str(v)) for v in values) or "none"


def verdict(kb: KB, arch: Architecture, test: Test) -> Verdict:
    """Whether ``arch`` passes ``test``, with the reason drawn from its facts; open (unknown) when
    the deciding fact is missing, empty or of low confidence."""
    if test.kind == "not-blocked":
        return _not_blocked(kb, arch, test.terms)
    label = field_label(kb, test.field)
    values = _values(arch, test.field)
    if values is None:
        return Verdict(True, f"{label}: {NOT_STATED}", unknown=True)
    deciding = arch.fields.get(test.field)
    if deciding is not None and (deciding.confidence == "low" or not values):
        why = "low confidence" if values else "the list is empty"
        return Verdict(True, f"{label}: {NOT_STATED} ({why})", (deciding,), unknown=True)
    if test.kind == "value-in":
        fits = any(v in test.terms for v in values)
        return Verdict(fits, f"{label}: {_labels(kb, values)}", _facts(arch, test.field, values))
    missing = [t for t in test.terms if t not in values]
    if missing:
        return Verdict(False, f"{label} do not include {_labels(kb, tuple(missing))}", _facts(arch, test.field, values))
    conditions = [c for c in arch.exposure_conditions if c.value in test.terms]
    reason = f"{label} include {_labels(kb, test.terms)}"
    if conditions:
        reason += ", under a condition"
    condition = " ".join(c.text or "" for c in conditions)
    return Verdict(
        True,
        reason,
        _facts(arch, test.field, test.terms) + tuple(conditions),
        conditional=bool(conditions),
        condition=condition,
    )


def _not_blocked(kb: KB, arch: Architecture, terms: tuple[Any, ...]) -> Verdict:
    blocking = [r for r in kb.restrictions_for(arch.id) if set(r.blocks) & set(terms)]
    sure = [r for r in blocking if r.fact.confidence != "low"]
    if sure:
        names = "; ".join(f"{r.name} (rules out {_labels(kb, tuple(t for t in r.blocks if t in terms))})" for r in sure)
        return Verdict(False, f"Restricted: {names}", tuple(r.fact for r in sure))
    if blocking:
        names = "; ".join(r.name for r in blocking)
        return Verdict(
            True,
            f"{NOT_STATED}: only inferred (low confidence): {names}",
            tuple(r.fact for r in blocking),
            unknown=True,
        )
    lifted = [r for r in kb.restrictions_lifted_by(arch.id) if set(r.blocks) & set(terms)]
    if lifted:
        return Verdict(True, "Lifts " + "; ".join(r.name for r in lifted), tuple(r.fact for r in lifted))
    return Verdict(True, "No restriction rules them out")


def guide_data(kb: KB) -> dict[str, Any]:
    """Everything the guide's script needs, as plain JSON-able data (text is plain, never HTML)."""
    out = []
    for q in questions(kb):
        answers = []
        for a in q.answers:
            verdicts = {}
            for arch in kb.architectures:
                v = verdict(kb, arch, a.test) if a.test else Verdict(True, "")
                verdicts[arch.id] = {
                    "fits": v.fits,
                    "conditional": v.conditional,
                    "unknown": v.unknown,
                    "reason": v.reason,
                    "condition": v.condition,
                }
            answers.append({"id": a.id, "label": a.label, "verdicts": verdicts})
        out.append({"id": q.id, "text": question_text(kb, q), "hint": question_hint(kb, q), "answers": answers})
    archs = [{"id": a.id, "name": a.name, "order": a.order} for a in kb.architectures]
    return {"architectures": archs, "questions": out}


def _chosen_verdicts(kb: KB, answers: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    data = guide_data(kb)
    out: dict[str, list[dict[str, Any]]] = {a["id"]: [] for a in data["architectures"]}
    for q in data["questions"]:
        chosen = next((a for a in q["answers"] if a["id"] == answers.get(q["id"])), None)
        if chosen:
            for aid in out:
                out[aid].append(chosen["verdicts"][aid])
    return out


def fitting(kb: KB, answers: dict[str, str]) -> list[str]:
    """Ids of the architectures that fit every given answer (question id -> answer id) on stated
    facts; one the sources leave open for some answer is in :func:`undecided` instead."""
    return [aid for aid, vs in _chosen_verdicts(kb, answers).items() if all(v["fits"] and not v["unknown"] for v in vs)]


def undecided(kb: KB, answers: dict[str, str]) -> list[str]:
    """Ids of the architectures no answer rules out but the sources leave open for at least one."""
    return [
        aid
        for aid, vs in _chosen_verdicts(kb, answers).items()
        if all(v["fits"] for v in vs) and any(v["unknown"] for v in vs)
    ]
