"""Questions from restrictions and capabilities: where a restriction applies, which architecture
lifts it, what it follows from, and "true or false: in vK8s you can create CRDs".

What an architecture can do is known for certain in three ways: it lists the capability (true), a
restriction lifted by it blocks the capability (true), or a restriction that applies to it blocks
the capability (false). Statements are made only from those; a capability an architecture merely
does not list is never claimed impossible.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .. import urls
from ..kb.model import KB, Architecture, Fact
from .evidence import ALL_THAT_APPLY, MAX_CHOICES, Draft, join, sample, short_name, trusted, truth


def applies_to(kb: KB) -> Iterator[Draft]:
    """Asks "Which architecture does the restriction "No CRDs" apply to?"."""
    for r in kb.restrictions.values():
        if not trusted(r.fact):
            continue
        applies = in_order(kb, r.applies_to)
        right, wrong = choices(kb, r.id, applies)
        if not right or not wrong:
            continue
        lifted = [kb.architecture(a).name for a in r.lifted_by if kb.has_architecture(a)]
        yield Draft(
            template="restriction-applies",
            keys=(r.id,),
            facts=(r.fact,),
            kind="single" if len(right) == 1 else "multiple",
            text=f"Which architecture does the restriction “{r.name}” apply to?"
            if len(applies) == 1
            else f"Which of these architectures does the restriction “{r.name}” apply to?{ALL_THAT_APPLY}"
            if len(right) < len(applies)
            else f"Which architectures does the restriction “{r.name}” apply to?{ALL_THAT_APPLY}",
            correct=tuple(a.name for a in right),
            wrong=tuple(a.name for a in wrong),
            explanation=f"{r.fact.value} It applies to {join([a.name for a in applies])}."
            + (f" {join(lifted)} lifts it." if lifted else ""),
            topic="restrictions",
            difficulty="easy",
            architectures=tuple(a.id for a in right),
        )


def in_order(kb: KB, arch_ids: Iterable[str]) -> list[Architecture]:
    """The architectures of these ids, in the KB's order (ids it does not have are left out)."""
    found = {a for a in arch_ids if kb.has_architecture(a)}
    return [kb.architecture(a) for a in sorted(found, key=lambda a: kb.architecture_position(a) or 0)]


def choices(kb: KB, seed: str, right: list[Architecture]) -> tuple[list[Architecture], list[Architecture]]:
    """The right and wrong architectures a question on ``right`` shows: all of them when the KB has
    at most MAX_CHOICES, else a stable sample of at most MAX_CHOICES, right and wrong ones both, so
    that a large KB does not make a question of hundreds of choices. Both keep the KB's order."""
    if kb.architecture_count() <= MAX_CHOICES:
        ids = {a.id for a in right}
        return right, [a for a in kb.architectures if a.id not in ids]
    ids = {a.id for a in right}
    room = MAX_CHOICES - min(len(right), MAX_CHOICES - 2)  # at least two wrong choices
    shown_right = (
        right if len(right) <= MAX_CHOICES - room else sample(right, MAX_CHOICES - room, seed, key=lambda a: a.id)
    )
    wrong = sample(kb.architecture_ids(), room, seed, skip=lambda a: a in ids)
    return in_order(kb, (a.id for a in shown_right)), in_order(kb, wrong)


def lifted_by(kb: KB) -> Iterator[Draft]:
    """Asks "Which of these architectures lifts the restriction ...?".

    The choices are the architectures it applies to or is lifted by.
    """
    for r in kb.restrictions.values():
        if not r.lifted_by or not trusted(r.fact):
            continue
        right = in_order(kb, r.lifted_by)
        applies = in_order(kb, r.applies_to)
        wrong = (
            applies
            if len(right) + len(applies) <= MAX_CHOICES
            else in_order(kb, sample([a.id for a in applies], max(MAX_CHOICES - len(right), 2), r.id))
        )
        many = len(right) > 1
        yield Draft(
            template="restriction-lifted",
            keys=(r.id,),
            facts=(r.fact,),
            kind="multiple" if many else "single",
            text=f"Which of these architectures {'lift' if many else 'lifts'} the restriction “{r.name}”?"
            + (ALL_THAT_APPLY if many else ""),
            correct=tuple(a.name for a in right),
            wrong=tuple(a.name for a in wrong),
            explanation=f"“{r.name}” applies to {join([a.name for a in applies])} and is lifted by "
            f"{join([a.name for a in right])}. {r.fact.value}",
            topic="restrictions",
            difficulty="medium",
            architectures=tuple(a.id for a in right + wrong),
        )


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


def abilities(kb: KB) -> Iterator[Draft]:
    """True/false per architecture and capability it lists or a restriction blocks or lifts."""
    for (aid, term), (can, facts) in sorted(known_abilities(kb).items()):
        arch = kb.architecture(aid)
        rules = [kb.restrictions[f.subject] for f in facts if f.subject in kb.restrictions]
        listed = [f.text for f in facts if f.subject not in kb.restrictions and f.text]
        if can:
            why = " ".join(listed) + (
                f" {arch.name} lifts {join(['“' + r.name + '”' for r in rules])}." if rules else ""
            )
        else:
            why = " ".join(str(r.fact.value) for r in rules)
        yield Draft(
            template="can",
            keys=(aid, term),
            facts=tuple(facts),
            kind="truefalse",
            text=statement(kb, term, short_name(arch, kb)),
            correct=truth(can),
            explanation=f"{'True' if can else 'False'}: {arch.name} {'has' if can else 'does not have'} "
            f"“{kb.label(term)}”. {why.strip()}".rstrip(),
            topic="restrictions" if rules else "capabilities",
            difficulty="easy" if can else "medium",
            architectures=(aid,),
            teaches=None if can else urls.fact_target(kb, rules[0].fact),
        )


def can_do(kb: KB) -> Iterator[Draft]:
    """Asks "Which of these can you do in vK8s?": its listed capabilities against those a restriction blocks."""
    known = known_abilities(kb)
    by_arch: dict[str, list[tuple[str, bool]]] = {}
    for (aid, term), (can, _) in known.items():
        if _group(kb, term) == "capability":
            by_arch.setdefault(aid, []).append((term, can))
    for arch in kb.architectures:
        able = sorted(t for t, can in by_arch.get(arch.id, ()) if can)
        unable = sorted(t for t, can in by_arch.get(arch.id, ()) if not can)
        if not able or not unable:
            continue
        right = sample(able, 3, arch.id)
        wrong = sample(unable, MAX_CHOICES - len(right), arch.id)
        chosen = right + wrong
        yield Draft(
            template="can-which",
            keys=(arch.id, *sorted(chosen)),
            facts=tuple(dict.fromkeys(f for t in sorted(chosen) for f in known[(arch.id, t)][1])),
            kind="multiple",
            text=f"Which of these can you do in {short_name(arch, kb)}?{ALL_THAT_APPLY}",
            correct=tuple(kb.label(t) for t in right),
            wrong=tuple(kb.label(t) for t in wrong),
            explanation=f"{arch.name} can: {join([kb.label(t) for t in right])}. It cannot: "
            f"{join([kb.label(t) for t in wrong])}, because of its restrictions.",
            topic="restrictions",
            difficulty="medium",
            architectures=(arch.id,),
        )


def _group(kb: KB, term: str) -> str:
    found = kb.term(term)
    return found.group if found else ""


def traffic_controls(kb: KB) -> Iterator[Draft]:
    """True statements on the traffic and security controls each architecture lists."""
    for arch in kb.architectures:
        for fact in arch.lists.get("traffic_controls", ()):
            if not trusted(fact):
                continue
            yield Draft(
                template="traffic-control",
                keys=(arch.id, str(fact.value)),
                facts=(fact,),
                kind="truefalse",
                text=f"True or false? {short_name(arch, kb)} offers this traffic or security control: "
                f"“{kb.label(fact.value)}”.",
                correct=truth(True),
                explanation=f"True. {fact.text or ''}".rstrip(),
                topic="capabilities",
                difficulty="easy",
                architectures=(arch.id,),
            )


TEMPLATES = (applies_to, lifted_by, follows_from, abilities, can_do, traffic_controls)


def drafts(kb: KB) -> Iterator[Draft]:
    """Every draft the restriction and capability templates make from ``kb``."""
    for template in TEMPLATES:
        yield from template(kb)
