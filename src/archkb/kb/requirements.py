"""Which architectures a set of requirements admits, computed from the facts, in three values.

A requirement asks one thing of an architecture: that a structured field has (or lacks) a value,
that a boolean field is true or false, or that something can be done there (``can``). Each check
answers ``yes``, ``no`` or ``unknown``:

* ``yes`` and ``no`` rest on stated facts, whose ids the check returns;
* a field the architecture does not state, an empty list, a fact of ``low`` confidence (our
  inference), or a value a later note contradicts is ``unknown``, never ``no``;
* ``can`` is ``yes`` when the architecture lists the capability or lifts a restriction that blocks
  it, ``no`` when a stated (not ``low``) restriction that applies to it blocks it, and otherwise
  ``unknown``: a capability an architecture does not list is not thereby impossible.

An architecture fits a set when every requirement is ``yes``, is ruled out when one is ``no``, and is
left open otherwise. The quiz builds scenario questions from these verdicts, and
:mod:`archkb.kb.questions` checks hand-written keys (``answer_from: {requirements: [...]}``) with
them, so a key can never claim more than the facts say.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from .model import KB, Architecture, Fact, Restriction

State = Literal["yes", "no", "unknown"]

#: Requirement kinds: the field has / lacks a value, a boolean field is a value, something can be done.
Kind = Literal["has", "lacks", "is", "can"]


@dataclass(frozen=True, slots=True)
class Requirement:
    """One thing asked of an architecture: ``field`` has/lacks/is ``value``, or it ``can`` ``value``."""

    kind: Kind
    value: Any
    field: str = ""

    def __str__(self) -> str:
        return f"can {self.value}" if self.kind == "can" else f"{self.field} {self.kind} {self.value!r}"


@dataclass(frozen=True, slots=True)
class Check:
    """How one architecture stands against one requirement, and the facts that decide it."""

    state: State
    facts: tuple[Fact, ...] = ()
    restrictions: tuple[Restriction, ...] = ()  # for ``can``: the restrictions that block or are lifted


@dataclass(frozen=True, slots=True)
class Verdict:
    """How one architecture stands against a whole set: its state and each requirement's check."""

    architecture: str
    state: State
    checks: tuple[Check, ...]

    def failing(self) -> list[int]:
        """The positions of the requirements the architecture definitely fails."""
        return [k for k, c in enumerate(self.checks) if c.state == "no"]


#: Note kinds whose value, when it differs, leaves a field's value open: a later update or a
#: disagreeing source. A caveat with a value qualifies the fact (for example what an early
#: quick-start used) without contradicting it.
CONTRADICTING = ("update", "disagreement")


def tupled(value: Any) -> tuple[Any, ...]:
    """A list value as it is, a single value as a tuple of one."""
    return value if isinstance(value, tuple) else (value,)


def values_of(fact: Fact) -> tuple[Any, ...]:
    return tupled(fact.value)


def stated(fact: Fact | None) -> bool:
    """Whether a fact may decide a requirement: present, not our inference, not disputed."""
    return fact is not None and fact.confidence != "low" and not any(n.kind == "disagreement" for n in fact.notes)


def has_value(fact: Fact | None, value: Any) -> Check:
    """Whether the field ``fact`` holds ``value``; unknown unless the fact and every later note that
    gives a value agree."""
    if not stated(fact) or fact is None:
        return Check("unknown", (fact,) if fact else ())
    held = values_of(fact)
    if isinstance(fact.value, tuple) and not held:
        return Check("unknown", (fact,))
    answers = {value in held} | {
        value in tupled(n.value) for n in fact.notes if n.value is not None and n.kind in CONTRADICTING
    }
    if len(answers) > 1:
        return Check("unknown", (fact,))
    return Check("yes" if answers.pop() else "no", (fact,))


def can(kb: KB, arch: Architecture, term: str) -> Check:
    """Whether something can be done in ``arch``: listed or lifted (yes), blocked by a stated
    restriction (no), else unknown."""
    listed = tuple(f for f in arch.lists.get("capabilities", ()) if f.value == term and stated(f))
    blocking = tuple(r for r in kb.restrictions_for(arch.id) if term in r.blocks)
    sure = tuple(r for r in blocking if stated(r.fact))
    lifted = tuple(r for r in kb.restrictions_lifted_by(arch.id) if term in r.blocks and stated(r.fact))
    if sure and not listed:
        return Check("no", tuple(r.fact for r in sure), sure)
    if (listed or lifted) and not blocking:
        return Check("yes", listed + tuple(r.fact for r in lifted), lifted)
    return Check("unknown", tuple(r.fact for r in blocking))


def check(kb: KB, arch: Architecture, req: Requirement) -> Check:
    """How ``arch`` stands against ``req``."""
    if req.kind == "can":
        return can(kb, arch, str(req.value))
    fact = arch.fields.get(req.field)
    found = has_value(fact, req.value)
    if req.kind == "lacks":
        flipped: dict[State, State] = {"yes": "no", "no": "yes", "unknown": "unknown"}
        return Check(flipped[found.state], found.facts)
    if req.kind == "is" and fact is not None and not isinstance(fact.value, bool):
        return Check("unknown", (fact,))
    return found


def verdict_of(architecture: str, checks: tuple[Check, ...]) -> Verdict:
    """An architecture's verdict from its checks: yes when all are yes, no when one is no, else unknown."""
    states = {c.state for c in checks}
    state: State = "no" if "no" in states else "unknown" if "unknown" in states else "yes"
    return Verdict(architecture, state, checks)


def verdict(kb: KB, arch: Architecture, requirements: Sequence[Requirement]) -> Verdict:
    """``arch`` against every requirement."""
    return verdict_of(arch.id, tuple(check(kb, arch, r) for r in requirements))


def verdicts(kb: KB, requirements: Sequence[Requirement], among: Iterable[str] | None = None) -> list[Verdict]:
    """Every architecture of ``kb`` (or the ids ``among``) against the requirements, in KB order."""
    wanted = set(among) if among is not None else None
    return [verdict(kb, a, requirements) for a in kb.architectures if wanted is None or a.id in wanted]


def requirement_from(data: dict[str, Any]) -> Requirement:
    """A requirement from its kb-file form: ``{field: F, has: V}``, ``{field: F, lacks: V}``,
    ``{field: F, is: true}`` or ``{can: TERM}`` (the schema has checked the shape)."""
    if "can" in data:
        return Requirement("can", data["can"])
    kind: Kind = "has" if "has" in data else "lacks" if "lacks" in data else "is"
    return Requirement(kind, data[kind], str(data["field"]))
