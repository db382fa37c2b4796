"""True/false statements, as often true as false for every architecture and every topic.

A statement is made only when the facts decide it:

* *what can be done* (topic "restrictions"): true when an architecture lifts a restriction that
  blocks it, false when a stated restriction that applies to it blocks it;
* *closed fields* (topic "architectures"): the scope you get and XC's relation to your Kubernetes
  are closed sets, so an architecture's own value is true and a value another architecture has,
  which this one's facts exclude, is false. A value is never called false merely because it is not
  listed in an open list.

Per architecture, up to :data:`PER_SIDE` true and as many false statements are picked
(restrictions first, then fields, a stable pick, no two on the same fact), so neither the
architecture nor the topic predicts the key.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .. import urls
from ..kb.model import KB, Architecture, Fact
from .evidence import Draft, digest, join, reading, short_name, trusted, truth
from .from_architectures import clearly_without, said, values
from .from_restrictions import known_abilities, statement

#: True statements, and false ones, per architecture.
PER_SIDE = 2

#: Closed fields stated as true or false, and how the statement reads ({arch}, {value}).
#: (Placement and discovery have a question per architecture already; these two are matched once.)
CLOSED = {
    "scope": "True or false? {arch} gives you {value}.",
    "relation": "True or false? In {arch}, XC's relation to your Kubernetes is “{value}”.",
}


@dataclass(frozen=True)
class Statement:
    arch: str
    key: tuple[str, ...]
    true: bool
    draft: Draft


def restriction_statements(kb: KB) -> Iterator[Statement]:
    """What a restriction decides: blocked (false) where it applies, possible (true) where it is lifted."""
    for (aid, term), (can, facts) in sorted(known_abilities(kb).items()):
        rules = [kb.restrictions[f.subject] for f in facts if f.subject in kb.restrictions]
        if not rules:
            continue  # a capability an architecture lists is asked in scenarios, not as a drill
        arch = kb.architecture(aid)
        if can:
            why = f"{reading(arch, kb, True)} lifts {join(['“' + r.name + '”' for r in rules])}: " + " ".join(
                f.text or "" for f in facts if f.subject not in kb.restrictions
            )
        else:
            lifters = list(
                dict.fromkeys(
                    short_name(kb.architecture(a), kb) for r in rules for a in r.lifted_by if kb.has_architecture(a)
                )
            )
            why = " ".join(str(r.fact.value) for r in rules) + (f" {join(lifters)} lifts it." if lifters else "")
        why = why.strip()
        yield Statement(
            aid,
            (aid, term),
            can,
            Draft(
                template="can",
                keys=(aid, term),
                facts=tuple(facts),
                kind="truefalse",
                text=statement(kb, term, reading(arch, kb)),
                correct=truth(can),
                explanation=why,
                feedback={truth(not can)[0]: why},
                topic="restrictions",
                difficulty="medium",
                architectures=(aid,),
                teaches=urls.fact_target(kb, rules[0].fact),
            ),
        )


def field_statements(kb: KB) -> Iterator[Statement]:
    """An architecture's own value of a closed field (true), and another's it excludes (false)."""
    for name, ask in CLOSED.items():
        for arch in kb.architectures:
            fact = arch.fields.get(name)
            if not trusted(fact) or fact is None or not values(fact):
                continue
            own = sorted(values(fact), key=lambda v: digest("own", arch.id, v))[0]
            yield _field(kb, arch, fact, name, ask, own, True)
            others = [
                (v, a)
                for a in kb.architectures
                if a.id != arch.id and trusted(a.fields.get(name))
                for v in values(a.fields[name])
                if clearly_without(kb, fact, v)
            ]
            if others:
                value, _ = sorted(others, key=lambda o: digest("other", arch.id, o[0]))[0]
                yield _field(kb, arch, fact, name, ask, value, False)


def _field(kb: KB, arch: Architecture, fact: Fact, name: str, ask: str, value: str, true: bool) -> Statement:
    held = join([said(kb, name, v) for v in values(fact)])
    why = f"{reading(arch, kb, True)}: {held}."
    if not true:
        having = [
            short_name(a, kb)
            for a in kb.architectures
            if trusted(a.fields.get(name)) and value in values(a.fields[name])
        ]
        why += f" “{said(kb, name, value)}” is {join(having)}."
    arch_name = reading(arch, kb, capitalized=ask.startswith("True or false? {arch}"))
    return Statement(
        arch.id,
        (arch.id, name, value),
        true,
        Draft(
            template="tf-field",
            keys=(arch.id, name, value),
            facts=(fact,),
            kind="truefalse",
            text=ask.format(arch=arch_name, value=said(kb, name, value)),
            correct=truth(true),
            explanation=why,
            feedback={truth(not true)[0]: why},
            topic="architectures",
            difficulty="easy",
            architectures=(arch.id,),
        ),
    )


def drafts(kb: KB) -> Iterator[Draft]:
    """:data:`PER_SIDE` true and false statements per architecture: restrictions first, then fields."""
    by_arch: dict[str, list[Statement]] = {}
    for s in [*restriction_statements(kb), *field_statements(kb)]:
        by_arch.setdefault(s.arch, []).append(s)
    for aid in kb.architecture_ids():
        sides = {
            side: sorted(
                (s for s in by_arch.get(aid, []) if s.true == side),
                key=lambda s: (s.draft.template != "can", digest("statement", *s.key)),
            )
            for side in (True, False)
        }
        yield from (s.draft for s in alternate(sides[True], sides[False]))


def alternate(true: list[Statement], false: list[Statement]) -> list[Statement]:
    """True, false, true, false... up to :data:`PER_SIDE` pairs, no two testing the same fact, and
    as many of each (a side that runs out ends the list)."""
    picked: list[Statement] = []
    used: set[str] = set()
    for _ in range(PER_SIDE):
        pair = []
        for side in (true, false):
            s = next((s for s in side if s not in picked and s not in pair and not used & _facts(s)), None)
            if s is None:
                return picked
            pair.append(s)
            used |= _facts(s)
        picked += pair
    return picked


def _facts(s: Statement) -> set[str]:
    return {f.id for f in s.draft.facts}
