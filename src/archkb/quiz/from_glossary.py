"""Questions from the glossary: which definition fits a concept, what an abbreviation refers to,
and matching abbreviations to concepts. Wrong choices are other concepts' definitions (of the same
category) and other concepts' names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..kb.model import KB, Concept
from .evidence import Draft, sample, trusted

#: How many wrong choices a glossary question shows, and how many pairs a matching question has.
WRONG = 3
PAIRS = 5


def _ident(concept: Concept) -> str:
    return concept.id


def _defined_as(definition: object) -> Callable[[Concept], bool]:
    return lambda c: c.definition.value == definition


def _named(name: str) -> Callable[[Concept], bool]:
    return lambda c: c.name == name


def definitions(kb: KB) -> Iterator[Draft]:
    """Asks "Which definition fits "Customer site"?": its definition against three of the same category."""
    by_category: dict[str, list[Concept]] = {}
    for concept in kb.concepts.values():
        by_category.setdefault(concept.category, []).append(concept)
    everyone = list(kb.concepts.values())
    for concept in everyone:
        if not trusted(concept.definition):
            continue
        pool = by_category[concept.category] if len(by_category[concept.category]) > WRONG else everyone
        wrong = [
            str(c.definition.value)
            for c in sample(pool, WRONG, concept.id, _defined_as(concept.definition.value), key=_ident)
        ]
        if not wrong:
            continue
        yield Draft(
            template="definition",
            keys=(concept.id,),
            facts=(concept.definition,),
            kind="single",
            text=f"Which definition fits “{concept.name}”?",
            correct=(str(concept.definition.value),),
            wrong=tuple(wrong),
            explanation=f"{concept.name}: {concept.definition.value}",
            topic="glossary",
            difficulty="easy",
        )


def quizzable_abbreviations(kb: KB) -> list[tuple[str, Concept]]:
    """(abbreviation, concept) pairs worth asking: the abbreviation does not appear in the name."""
    return [
        (abbr, c)
        for c in kb.concepts.values()
        if trusted(c.definition)
        for abbr in c.abbreviations
        if abbr.lower() not in c.name.lower()
    ]


def abbreviations(kb: KB) -> Iterator[Draft]:
    """Asks "Which concept does the abbreviation RE refer to?"."""
    pairs = quizzable_abbreviations(kb)
    named = list({c.id: c for _, c in pairs}.values())
    for abbr, concept in pairs:
        wrong = [c.name for c in sample(named, WRONG, abbr, _named(concept.name), key=_ident)]
        if not wrong:
            continue
        yield Draft(
            template="abbreviation",
            keys=(concept.id, abbr),
            facts=(concept.definition,),
            kind="single",
            text=f"Which concept does the abbreviation “{abbr}” refer to?",
            correct=(concept.name,),
            wrong=tuple(wrong),
            explanation=f"{abbr} refers to {concept.name}: {concept.definition.value}",
            topic="glossary",
            difficulty="easy",
        )


def abbreviation_matching(kb: KB) -> Iterator[Draft]:
    """Match abbreviations to concepts, one question per category, in groups of up to PAIRS."""
    pairs = quizzable_abbreviations(kb)
    for category in sorted({c.category for _, c in pairs}):
        first: dict[str, tuple[str, Concept]] = {}
        for abbr, concept in pairs:
            if concept.category == category:
                first.setdefault(concept.id, (abbr, concept))
        items = list(first.values())
        for start in range(0, len(items), PAIRS):
            group = items[start : start + PAIRS]
            if len(group) < 3:
                continue
            abbrs = [a for a, _ in group]
            yield Draft(
                template="match-abbreviations",
                keys=tuple(abbrs),
                facts=tuple(c.definition for _, c in group),
                kind="matching",
                text=f"Match the abbreviations {', '.join(abbrs[:-1])} and {abbrs[-1]} to the concepts they refer to.",
                prompts=tuple(abbrs),
                correct=tuple(c.name for _, c in group),
                explanation=" ".join(f"{a}: {c.name}." for a, c in group),
                topic="glossary",
                difficulty="medium",
            )


TEMPLATES = (definitions, abbreviations, abbreviation_matching)


def drafts(kb: KB) -> Iterator[Draft]:
    """Every draft the glossary templates make from ``kb``."""
    for template in TEMPLATES:
        yield from template(kb)
