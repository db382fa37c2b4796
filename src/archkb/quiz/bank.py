"""The question bank: every template's drafts from the KB, plus the hand-written questions, checked.

:func:`build_bank` is pure (model in, bank out). It keeps the bank's promises: every question is
well-formed for its kind, ids are unique, no two questions share a text. A question that would break
them is left out and listed in :attr:`Built.left_out` (the quiz and the exports say so on stderr;
tests assert that list is empty for the real KB), so a surprising KB never yields a question with a
wrong key.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .. import __version__
from ..gcpause import no_cycle_collection
from ..kb.model import KB
from . import (
    analysis,
    from_architectures,
    from_cni,
    from_glossary,
    from_restrictions,
    misconceptions,
    scenarios,
    statements,
    troubleshooting,
)
from .evidence import Draft, finalize, short_name
from .question import Bank, Question

#: The template families, in the order their questions are built.
FAMILIES = (
    from_architectures,
    from_restrictions,
    from_cni,
    from_glossary,
    statements,
    scenarios,
    analysis,
    misconceptions,
    troubleshooting,
)


@dataclass(frozen=True)
class Built:
    """A bank and the generated questions it left out, with why."""

    bank: Bank
    left_out: tuple[str, ...]


def drafts(kb: KB) -> Iterator[Draft]:
    """Every draft every template family makes from ``kb``."""
    for family in FAMILIES:
        yield from family.drafts(kb)


def assemble(kb: KB, questions: Iterable[Question]) -> Built:
    """Check and sort questions into a bank; leave out any that break the bank's promises."""
    kept: dict[str, Question] = {}
    texts: dict[str, str] = {}
    left_out = []
    for q in questions:
        problems = q.shape_problems()
        if q.id in kept:
            problems.append(f"same id as another question from template {kept[q.id].template}")
        if q.text in texts:
            problems.append(f"same text as {texts[q.text]}")
        if problems:
            left_out.append(f"{q.template} {q.id} ({q.text[:60]}): {'; '.join(problems)}")
            continue
        kept[q.id] = q
        texts[q.text] = q.id
    bank = Bank(
        questions=tuple(sorted(kept.values(), key=lambda q: q.id)),
        architectures={a.id: short_name(a, kb) for a in kb.architectures},
        generator=f"archkb {__version__}",
    )
    return Built(bank, tuple(left_out))


def bank_and_left_out(kb: KB) -> Built:
    """The bank of ``kb`` (generated, then hand-written questions) and what it left out."""
    from . import handwritten

    with no_cycle_collection():  # tens of thousands of questions, no cycles among them
        return assemble(kb, [*(finalize(kb, d) for d in drafts(kb)), *handwritten.load(kb)])


def build_bank(kb: KB) -> Bank:
    """The question bank of ``kb`` (see :func:`bank_and_left_out`); what the site and the exports show."""
    return bank_and_left_out(kb).bank
