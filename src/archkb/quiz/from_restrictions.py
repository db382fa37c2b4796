"""Questions from restrictions: which restrictions apply to an architecture (those that block
nothing) and what a restriction follows from; :func:`known_abilities` and :func:`statement` serve the true/false
statements of :mod:`archkb.quiz.statements` ("true or false: in vK8s you can create CRDs").

What an architecture can do is known for certain in three ways: it lists the capability (true), a
restriction lifted by it blocks the capability (true), or a restriction that applies to it blocks
the capability (false). Statements are made only from those; a capability an architecture merely
does not list is never claimed impossible.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..kb.model import KB, Architecture, Fact
from .evidence import ALL_THAT_APPLY, MAX_CHOICES, Draft, join, reading, sample, short_name, trusted


def limits_of(kb: KB) -> Iterator[Draft]:
    """Asks "Which of these are restrictions of vK8s?" for the restrictions that block nothing (what a
    restriction blocks is asked as "can you ... in vK8s?"), against restrictions of other
    architectures. The choices are restrictions, not architectures, so no architecture is the
    ever-right answer of a restriction question."""
    known = known_abilities(kb)
    unasked = [
        r
        for r in kb.restrictions.values()
        if trusted(r.fact) and not any((a, t) in known for t in r.blocks for a in r.applies_to)
    ]
    for arch in kb.architectures:
        right = [r for r in unasked if arch.id in r.applies_to][: MAX_CHOICES - 2]
        others = [r for r in kb.restrictions.values() if trusted(r.fact) and arch.id not in r.applies_to]
        wrong = sample(others, MAX_CHOICES - len(right), arch.id, key=lambda r: r.id)
        if not right or not wrong or len(right) + len(wrong) < 3:
            continue
        feedback = {
            r.name: "That is a rule of "
            + join([reading(kb.architecture(a), kb) for a in r.applies_to if kb.has_architecture(a)])
            + (
                f", which {short_name(arch, kb)} lifts."
                if arch.id in r.lifted_by
                else f", not of {short_name(arch, kb)}."
            )
            for r in wrong
        }
        yield Draft(
            template="limits-of",
            keys=(arch.id, *sorted(r.id for r in right)),
            facts=tuple(r.fact for r in right + wrong),
            kind="multiple",
            text=f"Which of these restrictions apply to {short_name(arch, kb)}?{ALL_THAT_APPLY}",
            correct=tuple(r.name for r in right),
            wrong=tuple(r.name for r in wrong),
            explanation=" ".join(str(r.fact.value) for r in right),
            topic="restrictions",
            difficulty="medium",
            architectures=(arch.id,),
            feedback=feedback,
        )


def in_order(kb: KB, arch_ids: Iterable[str]) -> list[Architecture]:
    """The architectures of these ids, in the KB's order (ids it does not have are left out)."""
    found = {a for a in arch_ids if kb.has_architecture(a)}
    return [kb.architecture(a) for a in sorted(found, key=lambda a: kb.architecture_position(a) or 0)]


def follows_from(kb: KB) -> Iterator[Draft]:
    """Asks "The restriction "No operators" follows from which restrictions?"."""
    position = {rid: n for n, rid in enumerate(kb.restrictions)}
    for r in kb.restrictions.values():
        premises = [kb.restrictions[p] for p in r.follows_from if p in kb.restrictions]
        if not premises or not all(trusted(p.fact) for p in [r, *premises]):
            continue
        sharing = {
            o.id: o for a in dict.fromkeys(r.applies_to) for o in kb.restrictions_for(a)
        }  # an architecture in common
        near = sorted(
            (
                o.id
                for o in sharing.values()
                if o.id != r.id and o.id not in r.follows_from and r.id not in o.follows_from
            ),
            key=position.__getitem__,
        )
        wrong = [kb.restrictions[i] for i in sample(near, MAX_CHOICES - len(premises), r.id)]
        if not wrong:
            continue
        why = {w.name: f"“{r.name}” does not rest on it: {w.fact.value}" for w in wrong}
        yield Draft(
            template="restriction-follows",
            keys=(r.id,),
            facts=(r.fact, *(p.fact for p in premises)),
            kind="multiple",
            text=f"The restriction “{r.name}” follows from which other restrictions?{ALL_THAT_APPLY}",
            correct=tuple(p.name for p in premises),
            wrong=tuple(w.name for w in wrong),
            explanation=f"{r.fact.value} It follows from {join(['“' + p.name + '”' for p in premises])}.",
            topic="restrictions",
            difficulty="hard",
            architectures=tuple(r.applies_to),
            level="analysis",
            feedback=why,
        )


def known_abilities(kb: KB) -> dict[tuple[str, str], tuple[bool, list[Fact]]]:
    """(architecture, term) -> (can it, the facts that say so), from capability lists and restrictions."""
    known: dict[tuple[str, str], tuple[bool, list[Fact]]] = {}
    conflicts = set()
    for arch in kb.architectures:
        for fact in arch.lists.get("capabilities", ()):
            if trusted(fact):
                known.setdefault((arch.id, fact.value), (True, []))[1].append(fact)
    for r in kb.restrictions.values():
        if not trusted(r.fact):
            continue
        for term in r.blocks:
            for aid, can in [(a, False) for a in r.applies_to] + [(a, True) for a in r.lifted_by]:
                entry = known.setdefault((aid, term), (can, []))
                entry[1].append(r.fact)
                if entry[0] != can:
                    conflicts.add((aid, term))
    return {key: entry for key, entry in known.items() if key not in conflicts and kb.has_architecture(key[0])}


def statement(kb: KB, term: str, arch_name: str) -> str:
    """Asks "True or false? "Create CRDs" is a capability of vK8s." worded for the term's vocabulary group."""
    found = kb.term(term)
    group = found.group if found else ""
    if group == "capability":
        return f"True or false? “{kb.label(term)}” is a capability of {arch_name}."
    group_label = kb.vocabulary[group].label if group in kb.vocabulary else ""
    return f"True or false? {arch_name} can have “{kb.label(term)}”" + (f" ({group_label})." if group_label else ".")


def blocked_by(kb: KB, arch_id: str, term: str) -> str:
    """The restriction of an architecture that rules ``term`` out, in its own words."""
    rules = [r for r in kb.restrictions_for(arch_id) if term in r.blocks and trusted(r.fact)]
    return " ".join(str(r.fact.value) for r in rules[:1]) or f"A restriction of {kb.label(arch_id)} rules it out."


def _group(kb: KB, term: str) -> str:
    found = kb.term(term)
    return found.group if found else ""


TEMPLATES = (limits_of, follows_from)


def drafts(kb: KB) -> Iterator[Draft]:
    """Every draft the restriction and capability templates make from ``kb``."""
    for template in TEMPLATES:
        yield from template(kb)
