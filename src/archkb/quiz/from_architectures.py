"""Questions from the architectures' structured fields: per architecture ("where does the XC part of
vK8s run?"), per value ("which architectures need App Stack?"), matching, ordering by
sophistication, true/false on boolean fields, exposure conditions and history.

Right answers are the facts' values. Wrong choices are values the same field has elsewhere: in
another architecture, or another term of the vocabulary group the field draws from. A field whose
values form a closed set (the schema's structured fields) makes any value it does not list wrong.
Facts that are our own inference (``low`` confidence) or contested by a note are not tested.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, islice

from .. import urls
from ..kb.model import KB, Architecture, Fact
from .evidence import ALL_THAT_APPLY, MAX_CHOICES, Draft, among, join, sample, short_name, spoken_date, trusted, truth


@dataclass(frozen=True)
class Wording:
    """How questions about one structured field are worded ({arch}, {value}, {values}, {date})."""

    ask: str
    one: str
    many: str
    says: str
    match: str = ""
    past: str = ""
    nested: bool = False  # values can contain each other (a site holds CEs): related concepts overlap too


ALL = ALL_THAT_APPLY

#: Question wording per structured field (the field's meaning, as its schema describes it).
FIELDS: dict[str, Wording] = {
    "needs": Wording(
        "Which XC services does {arch} need?" + ALL,
        "Which architecture needs {value}?",
        "Which architectures need {value}?" + ALL,
        "{arch} needs {values}.",
    ),
    "relation": Wording(
        "How does XC relate to your Kubernetes in {arch}?",
        "In which architecture is XC's relation to your Kubernetes “{value}”?",
        "In which architectures is XC's relation to your Kubernetes “{value}”?" + ALL,
        "In {arch}, XC's relation to your Kubernetes is: {values}.",
        "Match each architecture to XC's relation to your Kubernetes.",
    ),
    "placement": Wording(
        "Where does the XC part of {arch} run?" + ALL,
        "In which architecture does the XC part run here: {value}?",
        "In which architectures does the XC part run here: {value}?" + ALL,
        "In {arch}, the XC part runs: {values}.",
        nested=True,
    ),
    "service_types": Wording(
        "Which Kubernetes Service types can {arch} expose?" + ALL,
        "Which architecture can expose a {value}?",
        "Which architectures can expose a {value}?" + ALL,
        "{arch} can expose: {values}.",
        past="Before {date}, which Kubernetes Service types could {arch} expose, according to the sources of the time?"
        + ALL,
    ),
    "exposes_to": Wording(
        "To whom can {arch} expose services?" + ALL,
        "Which architecture can expose services to: {value}?",
        "Which architectures can expose services to: {value}?" + ALL,
        "{arch} can expose services to: {values}.",
    ),
    "discovery": Wording(
        "How does XC discover the Kubernetes Services it works with in {arch}?",
        "In which architecture does XC discover Services this way: {value}?",
        "In which architectures does XC discover Services this way: {value}?" + ALL,
        "In {arch}, XC discovers Services: {values}.",
        "Match each architecture to how XC discovers Services in it.",
    ),
    "setup": Wording(
        "Which of these are steps to set up {arch}?" + ALL,
        "Which architecture has this setup step: {value}?",
        "Which architectures have this setup step: {value}?" + ALL,
        "Setting up {arch}: {values}.",
    ),
    "api_access": Wording(
        "Which Kubernetes API do you work against in {arch}?" + ALL,
        "In which architecture do you work against this API: {value}?",
        "In which architectures do you work against this API: {value}?" + ALL,
        "In {arch} you work against: {values}.",
    ),
    "scope": Wording(
        "How much of Kubernetes does {arch} give you to manage?",
        "Which architecture gives you this Kubernetes scope: {value}?",
        "Which architectures give you this Kubernetes scope: {value}?" + ALL,
        "{arch} gives you: {values}.",
        "Match each architecture to the Kubernetes scope it gives you.",
    ),
}

#: Boolean fields: the true/false statement, then what the explanation says when it is true and false.
STATEMENTS: dict[str, tuple[str, str, str]] = {
    "hosts_workloads": (
        "True or false? In {arch}, XC hosts your workloads.",
        "In {arch}, XC hosts your workloads.",
        "In {arch}, XC does not host your workloads.",
    ),
    "hosted_api_can_be_disabled": (
        "True or false? In {arch}, the hosted Kubernetes API server can be switched off.",
        "In {arch}, the hosted Kubernetes API server can be switched off.",
        "In {arch}, the hosted Kubernetes API server cannot be switched off.",
    ),
}

#: Fields whose questions belong to the "exposure" topic rather than "architectures".
EXPOSURE_FIELDS = ("service_types", "exposes_to")


def values(fact: Fact) -> tuple[str, ...]:
    """A term or list-of-terms fact's values as a tuple."""
    return fact.value if isinstance(fact.value, tuple) else (fact.value,)


def unique(items: Iterable[str]) -> Iterator[str]:
    """``items`` without repeats, in order, lazily (a caller that needs a few does not pay for all)."""
    seen: set[str] = set()
    for item in items:
        if item not in seen:
            seen.add(item)
            yield item


def field_domain(kb: KB, name: str) -> list[str]:
    """Every value the field takes in any architecture, then the other terms of its vocabulary group."""
    seen = [v for a in kb.architectures if name in a.fields for v in values(a.fields[name])]
    groups = {t.group for v in seen if (t := kb.term(v))}
    extra = [t.id for g in sorted(groups) for t in kb.vocabulary[g].terms]
    return list(dict.fromkeys(seen + extra))


def overlapping(kb: KB, a: str, b: str, nested: bool = False) -> bool:
    """Whether two vocabulary terms may describe the same thing: they stand for the same concept
    ("CE outside the cluster" and "On Customer Edges" both stand for the Customer Edge) or, for a
    field whose values nest, for concepts the KB relates (a Kubernetes site's pods play a CE's role).

    A list-valued field is a closed set, but a value it does not list is only claimed wrong when it
    does not overlap a value it does list; otherwise a learner who reads the terms broadly could be
    marked wrong for a defensible answer.
    """
    ta, tb = kb.term(a), kb.term(b)
    if not (ta and tb and ta.concept and tb.concept):
        return False
    if ta.concept == tb.concept:
        return True
    ca, cb = kb.concepts.get(ta.concept), kb.concepts.get(tb.concept)
    return nested and bool((ca and tb.concept in ca.related) or (cb and ta.concept in cb.related))


def clearly_without(kb: KB, fact: Fact, value: str) -> bool:
    """Whether an architecture's field ``fact`` clearly does not have ``value``."""
    held = values(fact)
    if value in held:
        return False
    nested = fact.field in FIELDS and FIELDS[fact.field].nested
    return isinstance(fact.value, str) or not any(overlapping(kb, value, h, nested) for h in held)


def topic(name: str) -> str:
    return "exposure" if name in EXPOSURE_FIELDS else "architectures"


def per_architecture(kb: KB) -> Iterator[Draft]:
    """Asks "Where does the XC part of vK8s run?": one question per architecture and field."""
    for name, words in FIELDS.items():
        domain = field_domain(kb, name)
        for arch in kb.architectures:
            fact = arch.fields.get(name)
            if not trusted(fact) or fact is None or not values(fact):
                continue
            right = values(fact)
            wrong = list(islice((v for v in domain if clearly_without(kb, fact, v)), max(MAX_CHOICES - len(right), 0)))
            if not wrong:
                continue
            label = short_name(arch, kb)
            yield Draft(
                template=f"field-{name}",
                keys=(arch.id,),
                facts=(fact,),
                kind="single" if isinstance(fact.value, str) else "multiple",
                text=words.ask.format(arch=label),
                correct=tuple(kb.label(v) for v in right),
                wrong=tuple(kb.label(v) for v in wrong),
                explanation=words.says.format(arch=arch.name, values=join([kb.label(v) for v in right])),
                topic=topic(name),
                difficulty="easy" if isinstance(fact.value, str) else "medium",
                architectures=(arch.id,),
            )


def per_value(kb: KB) -> Iterator[Draft]:
    """Asks "Which architectures need App Stack?": one question per field value that some, not all,
    architectures of a group have (a large KB is asked group by group, like its comparison pages)."""
    groups = kb.architecture_groups()
    for name, words in FIELDS.items():
        for number, group in enumerate(groups, 1):
            yield from _per_value(kb, name, words, group, number, len(groups))


def _per_value(
    kb: KB, name: str, words: Wording, group: tuple[Architecture, ...], number: int, groups: int
) -> Iterator[Draft]:
    facts = {a.id: a.fields[name] for a in group if trusted(a.fields.get(name))}
    for value in dict.fromkeys(v for a in group if a.id in facts for v in values(facts[a.id])):
        right = [a for a in group if a.id in facts and value in values(facts[a.id])]
        wrong = [a for a in group if a.id in facts and clearly_without(kb, facts[a.id], value)]
        asked = {a.id for a in right} | {a.id for a in wrong}
        archs = [a for a in group if a.id in asked]
        if not right or not wrong:
            continue
        shown = (words.one if len(right) == 1 else words.many).format(value=kb.label(value))
        yield Draft(
            template=f"which-{name}",
            keys=(value,),
            facts=tuple(facts[a.id] for a in archs),
            kind="single" if len(right) == 1 else "multiple",
            text=among(shown, group, groups),
            correct=tuple(a.name for a in right),
            wrong=tuple(a.name for a in wrong),
            explanation=f"{kb.label(value)}: {join([a.name for a in right])}. "
            + " ".join(
                words.says.format(arch=a.name, values=join([kb.label(v) for v in values(facts[a.id])])) for a in archs
            ),
            topic=topic(name),
            difficulty="medium",
            architectures=tuple(a.id for a in archs),
            teaches=urls.comparison_page(number),
        )


def matching(kb: KB) -> Iterator[Draft]:
    """Asks "Match each architecture to the Kubernetes scope it gives you" for single-valued fields,
    one question per group of architectures."""
    groups = kb.architecture_groups()
    for name, words in FIELDS.items():
        if not words.match:
            continue
        for number, group in enumerate(groups, 1):
            archs = [a for a in group if trusted(a.fields.get(name)) and isinstance(a.value(name), str)]
            answers = [kb.label(a.value(name)) for a in archs]
            if len(archs) < 3 or len(set(answers)) < 2:
                continue
            yield Draft(
                template=f"match-{name}",
                keys=(),
                facts=tuple(a.fields[name] for a in archs),
                kind="matching",
                text=among(words.match, group, len(groups)),
                prompts=tuple(a.name for a in archs),
                correct=tuple(answers),
                explanation=" ".join(words.says.format(arch=a.name, values=kb.label(a.value(name))) for a in archs),
                difficulty="medium",
                architectures=tuple(a.id for a in archs),
                teaches=urls.comparison_page(number),
            )


def ordering(kb: KB) -> Iterator[Draft]:
    """Put the architectures of a group in ascending order of sophistication."""
    groups = kb.architecture_groups()
    for number, archs in enumerate(groups, 1):
        if len(archs) < 3:
            continue
        yield Draft(
            template="order-sophistication",
            keys=tuple(a.id for a in archs),
            facts=tuple(a.summary for a in archs),
            kind="ordering",
            text=among(
                "Put the architectures in ascending order of sophistication, simplest first.", archs, len(groups)
            ),
            correct=tuple(a.name for a in archs),
            explanation="From simplest to most sophisticated: "
            + "; ".join(f"{a.order}. {a.name}" for a in archs)
            + ".",
            difficulty="medium",
            architectures=tuple(a.id for a in archs),
            teaches=urls.comparison_page(number),
            pins=tuple((a.id, a.order) for a in archs),
        )


def booleans(kb: KB) -> Iterator[Draft]:
    """True/false on boolean fields, e.g. "in vK8s, XC hosts your workloads"."""
    for name, (statement, if_true, if_false) in STATEMENTS.items():
        for arch in kb.architectures:
            fact = arch.fields.get(name)
            if fact is None or not trusted(fact) or not isinstance(fact.value, bool):
                continue
            yield Draft(
                template=f"tf-{name}",
                keys=(arch.id,),
                facts=(fact,),
                kind="truefalse",
                text=statement.format(arch=short_name(arch, kb)),
                correct=truth(fact.value),
                explanation=(if_true if fact.value else if_false).format(arch=arch.name),
                difficulty="easy",
                architectures=(arch.id,),
            )


def exposure_conditions(kb: KB) -> Iterator[Draft]:
    """Asks "Under which condition can the Secure K8s Gateway expose a ClusterIP Service?"."""
    conditions = [(a, c) for a in kb.architectures for c in a.exposure_conditions]
    texts = list(dict.fromkeys(c.text for _, c in conditions if c.text))
    for arch, cond in conditions:
        if not trusted(cond):
            continue
        wrong = sample(texts, 3, cond.id, skip=lambda text, own=cond.text: text == own)  # type: ignore[misc]
        if not wrong:
            continue
        yield Draft(
            template="exposure-condition",
            keys=(arch.id, str(cond.value)),
            facts=(cond,),
            kind="single",
            text=f"Under which condition can {short_name(arch, kb)} expose a {kb.label(cond.value)}?",
            correct=(cond.text or "",),
            wrong=tuple(wrong),
            explanation=f"{arch.name} can expose a {kb.label(cond.value)} when: {cond.text}",
            topic="exposure",
            difficulty="hard",
            architectures=(arch.id,),
        )


def history(kb: KB) -> Iterator[Draft]:
    """Asks "What could architecture 1 expose before October 2023?" from each fact's history."""
    domains: dict[str, list[str]] = {}
    for arch in kb.architectures:
        for name, fact in arch.fields.items():
            words = FIELDS.get(name)
            if not words or not words.past or fact.confidence == "low" or not fact.history:
                continue
            if name not in domains:
                domains[name] = field_domain(kb, name)
            yield from _past(kb, arch, fact, words, domains[name])


def _past(kb: KB, arch: Architecture, fact: Fact, words: Wording, domain: list[str]) -> Iterator[Draft]:
    for entry in fact.history:
        right = entry.value if isinstance(entry.value, tuple) else (entry.value,)
        others = (v for v in unique(chain(values(fact), domain)) if v not in right)
        wrong = list(islice(others, max(MAX_CHOICES - len(right), 0)))
        if not wrong:
            continue
        now = f" Since {spoken_date(fact.since)}: {join([kb.label(v) for v in values(fact)])}." if fact.since else ""
        yield Draft(
            template=f"past-{fact.field}",
            keys=(arch.id, entry.until),
            facts=(fact,),
            kind="multiple",
            text=words.past.format(arch=short_name(arch, kb), date=spoken_date(entry.until)),
            correct=tuple(kb.label(v) for v in right),
            wrong=tuple(kb.label(v) for v in wrong),
            explanation=(
                f"Until {spoken_date(entry.until)}: {join([kb.label(v) for v in right])}. {entry.text or ''}".rstrip()
                + now
            ),
            topic="history",
            difficulty="hard",
            architectures=(arch.id,),
        )


TEMPLATES = (per_architecture, per_value, matching, ordering, booleans, exposure_conditions, history)


def drafts(kb: KB) -> Iterator[Draft]:
    """Every draft the architecture templates make from ``kb``."""
    for template in TEMPLATES:
        yield from template(kb)
