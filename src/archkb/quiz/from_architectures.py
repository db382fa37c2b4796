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
from itertools import islice

from .. import urls
from ..kb.model import KB, Architecture, Fact
from ..kb.requirements import values_of
from .evidence import (
    ALL_THAT_APPLY,
    MAX_CHOICES,
    PLACED,
    Draft,
    among,
    digest,
    join,
    reading,
    short_name,
    trusted,
)


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
        "How does XC discover the Services it works with in {arch}?",
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
#: (``hosted_api_can_be_disabled`` is stated for mK8s alone, so it would only ever be keyed True; a
#: hand-written question asks it.)
STATEMENTS: dict[str, tuple[str, str, str]] = {
    "hosts_workloads": (
        "True or false? In {arch}, XC hosts your workloads.",
        "In {arch}, XC hosts your workloads.",
        "In {arch}, XC does not host your workloads.",
    ),
}

#: Fields whose per-architecture question another family asks better: setup steps and API access
#: as "only one step?" misconceptions and scenario requirements (fields with a matching question are
#: asked by that question).
ASKED_ELSEWHERE = ("setup", "api_access")

#: Fields whose questions belong to the "exposure" topic rather than "architectures".
EXPOSURE_FIELDS = ("service_types", "exposes_to")


def values(fact: Fact) -> tuple[str, ...]:
    """A term or list-of-terms fact's values as a tuple (:func:`archkb.kb.requirements.values_of`)."""
    return values_of(fact)


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
        if name in ASKED_ELSEWHERE or (words.match and matched(kb, name)):
            continue
        domain = field_domain(kb, name)
        for arch in kb.architectures:
            fact = arch.fields.get(name)
            if not trusted(fact) or fact is None or not values(fact):
                continue
            right = values(fact)
            wrong = list(islice((v for v in domain if clearly_without(kb, fact, v)), max(MAX_CHOICES - len(right), 0)))
            one = isinstance(fact.value, str) or (len(right) == 1 and len(right) + len(wrong) < 3)
            if not wrong or (not one and len(right) + len(wrong) < 3):
                continue
            yield Draft(
                template=f"field-{name}",
                keys=(arch.id,),
                facts=(fact,),
                kind="single" if one else "multiple",
                text=words.ask.format(arch=reading(arch, kb)),
                correct=tuple(kb.label(v) for v in right),
                wrong=tuple(kb.label(v) for v in wrong),
                explanation=sentence(words.says.format(arch=arch.reading, values=join([kb.label(v) for v in right]))),
                topic=topic(name),
                difficulty="easy" if isinstance(fact.value, str) else "medium",
                architectures=(arch.id,),
                feedback={kb.label(v): value_elsewhere(kb, name, words, arch, v) for v in wrong},
            )


#: First words of vocabulary labels that are ordinary words, lower-cased inside a sentence.
ORDINARY = {"A", "An", "The", "One", "None", "Pods", "Integrates", "Runs", "By", "Through", "Create", "Download",
            "Deploy", "Apply", "On", "As", "At", "Local", "Your", "Own", "Its", "You", "It"}  # fmt: skip


def lower_first(label: str) -> str:
    """A label inside a sentence ("A whole cluster" -> "a whole cluster"; "XC ...", "Azure ..." stay)."""
    return label[:1].lower() + label[1:] if label.split(" ", 1)[0] in ORDINARY else label


def said(kb: KB, field: str, value: str) -> str:
    """A field's value inside a sentence: a placement as it reads after "runs", else its label."""
    return PLACED.get(value, kb.label(value)) if field == "placement" else lower_first(kb.label(value))


def sentence(text: str) -> str:
    """``text`` with its first letter capitalised ("the Kubernetes site needs ..." starts a sentence)."""
    return text[:1].upper() + text[1:]


def value_elsewhere(kb: KB, name: str, words: Wording, arch: Architecture, value: str) -> str:
    """Why ``value`` is a wrong answer about ``arch``'s field, and where it would be right."""
    others = [
        a
        for a in kb.architectures
        if a.id != arch.id and trusted(a.fields.get(name)) and value in values(a.fields[name])
    ]
    if others:
        return " ".join(sentence(words.says.format(arch=a.reading, values=kb.label(value))) for a in others[:2])
    return f"No architecture in the comparison has “{kb.label(value)}” here, {arch.reading} included."


def per_value(kb: KB) -> Iterator[Draft]:
    """Asks "Which architectures need App Stack?" for one value of each field that has no matching
    question (a large KB is asked group by group, like its comparison pages). One value per field,
    the same one for the same KB, so no fact is asked about over and over."""
    groups = kb.architecture_groups()
    for name, words in FIELDS.items():
        if words.match or name in ASKED_ELSEWHERE or name == "placement":
            continue  # placement: asked per architecture and as "only X?" misconceptions
        for number, group in enumerate(groups, 1):
            drafts = sorted(_per_value(kb, name, words, group, number, len(groups)), key=lambda d: digest(*d.keys))
            yield from drafts[:1]


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
        if len(right) > 1 and len(archs) < 3:
            continue  # a "choose all that apply" of two choices is a coin toss
        said = {
            a.id: sentence(words.says.format(arch=a.reading, values=join([kb.label(v) for v in values(facts[a.id])])))
            for a in archs
        }
        yield Draft(
            template=f"which-{name}",
            keys=(value,),
            facts=tuple(facts[a.id] for a in archs),
            kind="single" if len(right) == 1 else "multiple",
            text=among(shown, group, groups),
            correct=tuple(short_name(a, kb) for a in right),
            wrong=tuple(short_name(a, kb) for a in wrong),
            explanation=" ".join(said[a.id] for a in right),
            feedback={short_name(a, kb): said[a.id] for a in wrong},
            topic=topic(name),
            difficulty="medium",
            architectures=tuple(a.id for a in archs),
            teaches=urls.comparison_page(number),
        )


def matched(kb: KB, name: str) -> bool:
    """Whether :func:`matching` asks this field (three or more architectures state one value for it)."""
    return len([a for a in kb.architectures if trusted(a.fields.get(name)) and isinstance(a.value(name), str)]) >= 3


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
                prompts=tuple(short_name(a, kb) for a in archs),
                correct=tuple(answers),
                explanation="; ".join(
                    f"{join([short_name(a, kb) for a in archs if a.value(name) == v])}: {lower_first(kb.label(v))}"
                    for v in dict.fromkeys(a.value(name) for a in archs)
                )
                + ".",
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
            correct=tuple(short_name(a, kb) for a in archs),
            explanation="From simplest to most sophisticated: "
            + "; ".join(f"{a.order}. {short_name(a, kb)}" for a in archs)
            + ". Each step lets XC do more: expose Services, run inside the cluster, host workloads, "
            "run the whole cluster.",
            difficulty="medium",
            architectures=tuple(a.id for a in archs),
            teaches=urls.comparison_page(number),
            pins=tuple((a.id, a.order) for a in archs),
        )


TEMPLATES = (per_architecture, per_value, matching, ordering)


def drafts(kb: KB) -> Iterator[Draft]:
    """Every draft the architecture templates make from ``kb``."""
    for template in TEMPLATES:
        yield from template(kb)
