"""Consistency rules across the typed model: facts that must agree with each other.

Each rule is a small function from the model to a list of problems, located at the fact that
breaks it. :data:`RULES` lists them all; CONTRIBUTING.md and the site's KB reference list them from here too.
"""

from __future__ import annotations

from collections.abc import Callable

from ..errors import Problem
from .construct import DEFAULT_CONFIDENCE
from .model import KB, Fact, Note, Origin
from .topology_rules import topologies_agree_with_facts, topologies_fit_a_diagram


def _at(origin: Origin, message: str) -> Problem:
    return Problem(origin.path, origin.line, origin.col, message)


def orders_are_contiguous(kb: KB) -> list[Problem]:
    """Architecture orders are 1..N, each used once."""
    problems = []
    seen: dict[int, str] = {}
    for arch in kb.architectures:
        if arch.order in seen:
            problems.append(
                _at(arch.origin, f"order {arch.order} of {arch.id!r} is already used by {seen[arch.order]!r}")
            )
        seen.setdefault(arch.order, arch.id)
    expected = set(range(1, len(kb.architectures) + 1))
    for arch in kb.architectures:
        if arch.order not in expected:
            missing = sorted(expected - set(seen))
            problems.append(
                _at(
                    arch.origin,
                    f"order {arch.order} of {arch.id!r} leaves a gap: orders must be 1..{len(expected)} (missing "
                    f"{missing})",
                )
            )
    return problems


def lifted_restrictions_do_not_apply(kb: KB) -> list[Problem]:
    """No architecture both has a restriction and lifts it."""
    return [
        _at(r.fact.origin, f"restriction {r.id!r} both applies to and is lifted by {a!r}")
        for r in kb.restrictions.values()
        for a in sorted(set(r.applies_to) & set(r.lifted_by))
    ]


def derived_restrictions_follow(kb: KB) -> list[Problem]:
    """A restriction that follows from another applies wherever that one applies, and no cycle."""
    problems = []
    for r in kb.restrictions.values():
        for premise_id in r.follows_from:
            premise = kb.restrictions.get(premise_id)
            if premise is None:
                continue
            for arch in sorted(set(premise.applies_to) - set(r.applies_to)):
                problems.append(
                    _at(
                        r.fact.origin,
                        f"restriction {r.id!r} follows from {premise_id!r}, which applies to {arch!r}, but "
                        f"{r.id!r} does not apply there",
                    )
                )
        if r.id in _premises(kb, r.id):
            problems.append(_at(r.fact.origin, f"restriction {r.id!r} follows from itself through follows_from"))
    return problems


def _premises(kb: KB, rid: str) -> set[str]:
    seen: set[str] = set()
    todo = list(kb.restrictions[rid].follows_from)
    while todo:
        current = todo.pop()
        if current in seen or current not in kb.restrictions:
            continue
        seen.add(current)
        todo += kb.restrictions[current].follows_from
    return seen


def restrictions_do_not_contradict_capabilities(kb: KB) -> list[Problem]:
    """An architecture does not have a capability or XC service that one of its restrictions blocks."""
    problems = []
    for arch in kb.architectures:
        held = {f.value: f for name in ("capabilities", "traffic_controls") for f in arch.lists.get(name, ())}
        needs = arch.fields.get("needs")
        if needs:
            held.update({term: needs for term in needs.value})
        for r in kb.restrictions_for(arch.id):
            for term in r.blocks:
                if term in held:
                    problems.append(
                        _at(
                            held[term].origin,
                            f"{arch.id!r} has {term!r}, but restriction {r.id!r} that applies to it blocks {term!r}",
                        )
                    )
    return problems


def exposure_conditions_name_exposed_types(kb: KB) -> list[Problem]:
    """A condition on exposing a Service type is only given for a type the architecture exposes."""
    return [
        _at(c.origin, f"condition for {c.value!r}, which {arch.id!r} does not list in service_types")
        for arch in kb.architectures
        for c in arch.exposure_conditions
        if c.value not in arch.value("service_types", ())
    ]


def history_precedes_current(kb: KB) -> list[Problem]:
    """History entries are in date order and end no later than the current value's ``since``."""
    problems = []
    for fact in kb.facts.values():
        untils = [h.until for h in fact.history]
        if untils != sorted(untils):
            problems.append(_at(fact.origin, f"history of {fact.id!r} is not in date order: {untils}"))
        if fact.since and untils and untils[-1] > fact.since:
            problems.append(
                _at(
                    fact.origin,
                    f"history of {fact.id!r} runs until {untils[-1]}, after the current value's since {fact.since}",
                )
            )
        if fact.history and not fact.since:
            problems.append(
                _at(fact.origin, f"{fact.id!r} has history but no `since` saying when its current value started")
            )
    return problems


def abbreviations_are_unique(kb: KB) -> list[Problem]:
    """Each abbreviation names one concept, so tooltips are unambiguous."""
    seen: dict[str, str] = {}
    problems = []
    for concept in kb.concepts.values():
        for abbr in concept.abbreviations:
            if abbr in seen and seen[abbr] != concept.id:
                problems.append(
                    _at(
                        concept.definition.origin,
                        f"abbreviation {abbr!r} of {concept.id!r} already names {seen[abbr]!r}",
                    )
                )
            seen.setdefault(abbr, concept.id)
    return problems


def topology_groups_do_not_cycle(kb: KB) -> list[Problem]:
    """Topology groups nest as a tree (no group is its own ancestor)."""
    problems = []
    for arch in kb.architectures:
        parents = {g.id: g.parent for g in arch.topology.groups}
        for start in parents:
            seen: set[str] = set()
            current: str | None = start
            while current is not None and current not in seen:
                seen.add(current)
                current = parents.get(current)
            if current is not None:
                problems.append(
                    _at(arch.origin, f"topology group {start!r} of {arch.id!r} is inside itself (parent cycle)")
                )
                break
    return problems


def blocked_terms_have_one_cause(kb: KB) -> list[Problem]:
    """One restriction blocks a term for an architecture (or restrictions that follow from one another).

    Each restriction blocks only what it itself prevents: three guard rails once all blocked "run
    privileged pods", so the site said a rule about ports ruled out privileged pods.
    """
    problems = []
    for arch in kb.architectures:
        seen: dict[str, str] = {}
        for r in kb.restrictions_for(arch.id):
            for term in r.blocks:
                other = seen.get(term)
                if other is not None and other not in _premises(kb, r.id) and r.id not in _premises(kb, other):
                    problems.append(
                        _at(
                            r.fact.origin,
                            f"restriction {r.id!r} blocks {term!r} for {arch.id!r}, which {other!r} already blocks; "
                            "block only what this restriction prevents, or give that rule a restriction of its own",
                        )
                    )
                seen.setdefault(term, r.id)
    return problems


def comments_say_when(kb: KB) -> list[Problem]:
    """Every reader comment states when it was written (`published`, or `not_before` when undated),
    so its facts can say "as of".
    """
    return [
        _at(
            s.origin,
            f"comment {s.id!r} states no date: give `published`, or `not_before` (the earliest it can be) when "
            f"the comment is undated",
        )
        for s in kb.sources.values()
        if s.kind == "comment" and not (s.date or s.not_before)
    ]


def confidence_rests_on_the_claim(kb: KB) -> list[Problem]:
    """A fact citing sources of different confidence names its `basis` (or states its confidence);
    a basis is one of its citations.
    """
    problems = []
    for fact in kb.facts.values():
        for item, where in [(fact, f"fact {fact.id!r}")] + [(n, f"note {n.id!r}") for n in fact.notes]:
            problems += _confidence_problems(kb, item, where)
    return problems


def _confidence_problems(kb: KB, item: Fact | Note, where: str) -> list[Problem]:
    if item.basis is not None and item.basis not in item.cites:
        return [_at(item.origin, f"{where} has basis {str(item.basis)!r}, which is not among its citations")]
    if item.basis is not None or item.confidence_given:
        return []
    levels = {DEFAULT_CONFIDENCE.get(kb.sources[c.source].kind, "medium") for c in item.cites if c.source in kb.sources}
    if len(levels) < 2:
        return []
    kinds = ", ".join(f"{c} ({kb.sources[c.source].kind})" for c in item.cites if c.source in kb.sources)
    return [
        _at(
            item.origin,
            f"{where} cites sources of different confidence ({kinds}): say which carries the claim with `basis`, "
            f"or state `confidence`",
        )
    ]


#: Openings and words that make a CNI row's text a condition (so its key must be ``conditional``).
CONDITION_MARKERS = (
    *("only if", "only in", "only when", "works when", "holds for", "if ", "when "),
    *("provided", "as long as", "route ", "requires", "depends on", "maybe"),
)


def reads_as_condition(text: str) -> bool:
    """Whether a CNI row's text states a condition rather than a reason ("Only if ...", "... maybe ...")."""
    lowered = " ".join(text.lower().split())
    return any(lowered.startswith(m) for m in CONDITION_MARKERS) or any(
        f" {m.strip()} " in f" {lowered} " for m in ("maybe", "depends on")
    )


def _normalized(text: str) -> str:
    return " ".join("".join(ch for ch in text.lower() if ch.isalnum() or ch.isspace()).split())


def cni_keys_agree_with_conditions(kb: KB) -> list[Problem]:
    """A CNI row whose text is a condition is `conditional` (and a `conditional` row states one);
    rows with the same condition have the same key.
    """
    table = kb.cni_table
    if table is None:
        return []
    problems = []
    first: dict[str, tuple[str, str]] = {}
    for row in table.rows:
        fact, text = row.fact, row.condition or ""
        if fact.value == "conditional" and not text:
            problems.append(_at(fact.origin, f"CNI row {fact.id!r} is 'conditional' but states no condition"))
        elif fact.value != "conditional" and text and reads_as_condition(text):
            problems.append(
                _at(
                    fact.origin,
                    f"CNI row {fact.id!r} is {fact.value!r}, but its text is a condition ({excerpt(text)}); make "
                    f"it 'conditional'",
                )
            )
        if text:
            key = _normalized(text)
            if key in first and first[key][1] != fact.value:
                other, value = first[key]
                problems.append(
                    _at(
                        fact.origin,
                        f"CNI row {fact.id!r} is {fact.value!r}, but {other!r} with the same condition is {value!r}",
                    )
                )
            first.setdefault(key, (fact.id, str(fact.value)))
    return problems


def excerpt(text: str, limit: int = 40) -> str:
    """The start of a text for a message, cut at a word."""
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= limit else flat[: limit - 1].rsplit(" ", 1)[0] + "…")


RULES: tuple[Callable[[KB], list[Problem]], ...] = (
    orders_are_contiguous,
    lifted_restrictions_do_not_apply,
    derived_restrictions_follow,
    restrictions_do_not_contradict_capabilities,
    exposure_conditions_name_exposed_types,
    history_precedes_current,
    abbreviations_are_unique,
    topology_groups_do_not_cycle,
    topologies_agree_with_facts,
    topologies_fit_a_diagram,
    blocked_terms_have_one_cause,
    cni_keys_agree_with_conditions,
    comments_say_when,
    confidence_rests_on_the_claim,
)


def check(kb: KB) -> list[Problem]:
    """Every problem every rule finds."""
    return [p for rule in RULES for p in rule(kb)]


def describe(rule: Callable[[KB], list[Problem]]) -> str:
    """A rule's description: its docstring's first paragraph, as one line."""
    return " ".join((rule.__doc__ or rule.__name__).strip().split("\n\n")[0].split())
