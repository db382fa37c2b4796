"""What a question rests on: which facts may be tested, and how a draft becomes a :class:`Question`.

Templates describe a question as a :class:`Draft`: its wording, the labels of the right and wrong
choices, and the facts it tests. :func:`finalize` derives everything else from those facts:

* the **id** hashes the template id, the draft's key ids and the tested fact ids (never a
  position), so adding or editing an unrelated fact never changes it;
* the **version** hashes the tested facts' content, so it changes exactly when they do;
* the choice order is shuffled with a generator seeded by the id (stable, not always "a");
* the cited sources are the tested facts' citations and the page that teaches it is
  :func:`archkb.urls.fact_target` of the first tested fact unless the draft names another page.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from .. import urls
from ..kb.model import KB, Architecture, Fact
from .question import TRUE_FALSE, Question, SourceRef

if TYPE_CHECKING:
    from .question import Difficulty, Kind, Level

T = TypeVar("T")

#: Most choices a generated single or multiple-response question shows.
MAX_CHOICES = 6

#: Appended to every multiple-response question, so the learner knows more than one may be right.
ALL_THAT_APPLY = " (choose all that apply)"

#: Placement values as they read after "runs" ("its XC part runs on a CE outside the cluster").
PLACED = {
    "ce-outside-cluster": "on a CE outside the cluster",
    "pods-in-cluster": "as pods inside the cluster",
    "at-your-site": "at your site",
    "on-re": "on F5's Regional Edges",
    "on-ce": "on your own CEs",
}


@dataclass(frozen=True)
class Draft:
    """A question before ids, versions and choice order are derived from its facts."""

    template: str
    keys: tuple[str, ...]
    facts: tuple[Fact, ...]
    kind: Kind
    text: str
    correct: tuple[str, ...]
    wrong: tuple[str, ...] = ()
    explanation: str = ""
    topic: str = "architectures"
    difficulty: Difficulty = "medium"
    architectures: tuple[str, ...] = ()
    prompts: tuple[str, ...] = ()
    teaches: str | None = None
    pins: tuple[Any, ...] = ()  # values besides the facts' that the key rests on (e.g. architecture orders)
    level: Level = "recall"
    feedback: Mapping[str, str] = field(default_factory=dict)  # wrong choice (or "True"/"False") -> why it is wrong


def digest(*parts: Any) -> str:
    """A short, stable hex hash of ``parts`` (joined with a separator that ids cannot contain)."""
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()


def trusted(fact: Fact | None) -> bool:
    """Whether a fact may be tested: stated (not ``low`` confidence, i.e. our inference) and not
    contested by a note that disagrees or gives another value."""
    if fact is None or fact.confidence == "low":
        return False
    return not any(n.kind == "disagreement" or (n.value is not None and n.value != fact.value) for n in fact.notes)


def fact_state(fact: Fact) -> dict[str, Any]:
    """The content of a fact that a question's key depends on."""
    return {
        "id": fact.id,
        "value": fact.value,
        "text": fact.text,
        "since": fact.since,
        "history": [[h.value, h.until, h.text] for h in fact.history],
    }


def question_id(template: str, keys: tuple[str, ...], facts: tuple[Fact, ...]) -> str:
    return "q-" + digest(template, *keys, "|", *(f.id for f in facts))[:12]


def question_version(facts: tuple[Fact, ...], pins: tuple[Any, ...] = ()) -> str:
    payload = json.dumps(
        [fact_state(f) for f in facts] + [list(pins)], sort_keys=True, ensure_ascii=False, default=list
    )
    return digest(payload)[:12]


def finalize(kb: KB, draft: Draft) -> Question:
    """The finished question: id, version, shuffled choices, answer indexes, sources and page."""
    ident = question_id(draft.template, draft.keys, draft.facts)
    choices, answer = arrange(draft, random.Random(int(digest(ident), 16)))
    return Question(
        id=ident,
        version=question_version(draft.facts, draft.pins),
        kind=draft.kind,
        text=draft.text,
        choices=choices,
        answer=answer,
        explanation=draft.explanation,
        topic=draft.topic,
        difficulty=draft.difficulty,
        teaches=draft.teaches or urls.fact_target(kb, draft.facts[0]),
        facts=tuple(f.id for f in draft.facts),
        template=draft.template,
        architectures=draft.architectures,
        sources=sources_of(kb, draft.facts),
        prompts=draft.prompts,
        level=draft.level,
        feedback=feedback_of(draft, choices, answer),
    )


def feedback_of(draft: Draft, choices: tuple[str, ...], answer: tuple[int, ...]) -> tuple[str, ...]:
    """The draft's feedback, parallel to the arranged choices ("" for right, ordering and matching choices)."""
    if draft.kind in ("ordering", "matching"):
        return ("",) * len(choices)
    return tuple("" if i in answer else draft.feedback.get(c, "") for i, c in enumerate(choices))


def arrange(draft: Draft, rng: random.Random) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """Choices in display order and the answer as indexes into them."""
    if draft.kind == "truefalse":
        return TRUE_FALSE, (TRUE_FALSE.index(draft.correct[0]),)
    if draft.kind == "ordering":
        options = list(draft.correct)
        rng.shuffle(options)
        if options == list(draft.correct):
            options = options[1:] + options[:1]
        return tuple(options), tuple(options.index(c) for c in draft.correct)
    if draft.kind == "matching":
        options = sorted(set(draft.correct) | set(draft.wrong))
        rng.shuffle(options)
        return tuple(options), tuple(options.index(c) for c in draft.correct)
    options = list(dict.fromkeys(draft.correct + draft.wrong))
    rng.shuffle(options)
    return tuple(options), tuple(sorted(options.index(c) for c in draft.correct))


def sources_of(kb: KB, facts: tuple[Fact, ...]) -> tuple[SourceRef, ...]:
    """Every source section the facts cite, first citation first, without repeats."""
    seen: dict[str, SourceRef] = {}
    for fact in facts:
        for cite in fact.cites:
            key = str(cite)
            if key in seen:
                continue
            source = kb.sources.get(cite.source)
            section = source.section(cite.section) if source else None
            title = f"{source.title}: {section.title}" if source and section else key
            seen[key] = SourceRef(key, title, source.url if source and safe_url(source.url) else None)
    return tuple(seen.values())


def safe_url(url: str | None) -> bool:
    """Links from the KB may only be http(s) or mailto."""
    return bool(url) and str(url).lower().startswith(("https://", "http://", "mailto:"))


def short_name(arch: Architecture, kb: KB | None = None) -> str:
    """How questions name an architecture: its abbreviation, else its name before any parenthesis;
    its full name when that short form would not tell it apart from another architecture of ``kb``."""
    short = arch.short_form
    return arch.name if kb is not None and kb.short_form_count(short) > 1 else short


def reading(arch: Architecture, kb: KB, capitalized: bool = False) -> str:
    """How running text names an architecture ("the Kubernetes site"), or its full name when that
    reading would not tell it apart from another architecture of ``kb``."""
    if kb.reading_count(arch.reading) > 1:
        return short_name(arch, kb)
    return arch.reading_capitalized if capitalized else arch.reading


def among(text: str, group: Sequence[Architecture], groups: int) -> str:
    """A question across the architectures of one group of :meth:`archkb.kb.model.KB.architecture_groups`,
    worded for its group: as is when the KB has one group, else "Among architectures 9 to 16: ..."."""
    if groups == 1:
        return text
    return f"Among architectures {group[0].order} to {group[-1].order}: {text[:1].lower()}{text[1:]}"


def truth(value: bool) -> tuple[str]:
    """The correct choice of a true/false draft."""
    return (TRUE_FALSE[0],) if value else (TRUE_FALSE[1],)


def sample(
    items: Sequence[T],
    count: int,
    seed: str,
    skip: Callable[[T], bool] = lambda _: False,
    key: Callable[[T], str] = str,
) -> list[T]:
    """Up to ``count`` distinct items that are not skipped, chosen by a stable hash of ``seed`` and
    each item's ``key`` (the same KB gives the same pick). Large lists are sampled by hashed
    positions instead of being sorted, so big knowledge bases stay fast."""
    count = max(count, 0)
    if len(items) <= 4 * count + 16:
        return [item for item in sorted(items, key=lambda item: digest(seed, key(item))) if not skip(item)][:count]
    chosen: list[int] = []
    for attempt in range(8 * count + 64):
        i = int(digest(seed, attempt), 16) % len(items)
        if i not in chosen and not skip(items[i]):
            chosen.append(i)
            if len(chosen) == count:
                break
    return [items[i] for i in chosen]


def join(labels: list[str] | tuple[str, ...]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    labels = list(labels)
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1]


MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def spoken_date(date: str) -> str:
    """``2023-10`` -> ``October 2023``; ``2024-03-14`` -> ``14 March 2024``; ``2023`` stays."""
    parts = date.split("-")
    if len(parts) == 1:
        return date
    month = MONTHS[int(parts[1]) - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"
