"""Questions from the glossary: matching definitions to concepts, a few of one category at a time.

The glossary is the vocabulary the other questions use, so it is asked in few questions (every
concept in one of them, abbreviations included in the names), not one question per entry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ..kb.model import KB, Concept
from .evidence import Draft, join, trusted

#: How many definitions one matching question holds (a short last group joins the one before).
DEFINITIONS = 6


def _ident(concept: Concept) -> str:
    return concept.id


def _defined_as(definition: object) -> Callable[[Concept], bool]:
    return lambda c: c.definition.value == definition


def _named(name: str) -> Callable[[Concept], bool]:
    return lambda c: c.name == name


def definition_groups(kb: KB) -> list[list[Concept]]:
    """The concepts with a trusted definition in groups of about :data:`DEFINITIONS`, by category
    and id (so a group never depends on the order of the glossary file); a short last group joins
    the one before it, and a KB with a single concept has none."""
    concepts = sorted((c for c in kb.concepts.values() if trusted(c.definition)), key=lambda c: (c.category, c.id))
    chunks = [concepts[i : i + DEFINITIONS] for i in range(0, len(concepts), DEFINITIONS)]
    if len(chunks) > 1 and len(chunks[-1]) < 3:
        last = chunks.pop()
        chunks[-1] = chunks[-1] + last
    return [c for c in chunks if len(c) >= 2]


def definitions(kb: KB) -> Iterator[Draft]:
    """Match each definition to its concept: every concept of the glossary in one question, a few
    concepts of one category at a time (the glossary is a small part of the bank, not its bulk)."""
    for group in definition_groups(kb):
        yield Draft(
            template="match-definitions",
            keys=tuple(c.id for c in group),
            facts=tuple(c.definition for c in group),
            kind="matching",
            text=f"Match each definition to its concept: {join(sorted(c.name for c in group))}.",
            prompts=tuple(str(c.definition.value) for c in group),
            correct=tuple(c.name for c in group),
            explanation=f"The definitions, in the order shown, are those of {join([c.name for c in group])}. "
            "The glossary gives each concept with its sources.",
            topic="glossary",
            difficulty="easy",
        )


TEMPLATES = (definitions,)


def drafts(kb: KB) -> Iterator[Draft]:
    """Every draft the glossary templates make from ``kb``."""
    for template in TEMPLATES:
        yield from template(kb)
