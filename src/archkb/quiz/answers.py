"""Typed answers: parse what a learner types into choice indexes, and show answers as letters.

Formats (letters are case-insensitive; spaces and commas between them are optional):

* single: one letter, ``b``;
* multiple: every right letter, ``a,c`` or ``ac``;
* true/false: ``t``/``true``/``a`` or ``f``/``false``/``b``;
* ordering: every letter once, first to last, ``c,a,b,d`` or ``cabd``;
* matching: a letter per numbered prompt, ``1b 2a 3c`` (or just ``bac`` in prompt order).
"""

from __future__ import annotations

import re

from .question import Question

LETTERS = "abcdefghijklmnopqrstuvwxyz"

HELP = {
    "single": "type the letter of one choice, e.g. b",
    "multiple": "type every right letter, e.g. a,c or ac",
    "truefalse": "type t (true) or f (false)",
    "ordering": "type every letter once, first to last, e.g. c,a,b,d",
    "matching": "give each numbered item a letter, e.g. 1b 2a 3c (or bac in item order)",
}

_PAIR = re.compile(r"(\d+)\s*[-=:.)]?\s*([a-z])")


class Invalid(ValueError):
    """What was typed is not an answer of the right form; the message says why."""


def letter(index: int) -> str:
    return LETTERS[index]


def _letters(text: str, count: int) -> list[int]:
    cleaned = re.sub(r"[\s,;/]+", "", text.lower())
    if not cleaned:
        raise Invalid("no letters given")
    bad = sorted({ch for ch in cleaned if ch not in LETTERS[:count]})
    if bad:
        raise Invalid(
            f"{', '.join(bad)} {'is' if len(bad) == 1 else 'are'} not among the choices a-{LETTERS[count - 1]}"
        )
    return [LETTERS.index(ch) for ch in cleaned]


def parse(q: Question, text: str) -> tuple[int, ...]:
    """The choice indexes ``text`` stands for, in the answer form of ``q``'s kind; Invalid otherwise."""
    text = text.strip().lower()
    n = len(q.choices)
    if q.kind == "truefalse":
        words = {"t": 0, "true": 0, "a": 0, "f": 1, "false": 1, "b": 1}
        if text not in words:
            raise Invalid("type t or f")
        return (words[text],)
    if q.kind == "matching":
        return _matching(text, len(q.prompts), n)
    picked = _letters(text, n)
    if q.kind == "single":
        if len(picked) != 1:
            raise Invalid("choose exactly one letter")
        return (picked[0],)
    if len(set(picked)) != len(picked):
        raise Invalid("a letter is repeated")
    if q.kind == "multiple":
        return tuple(sorted(picked))
    if sorted(picked) != list(range(n)):
        raise Invalid(f"use every letter a-{LETTERS[n - 1]} exactly once")
    return tuple(picked)


def _matching(text: str, prompts: int, n: int) -> tuple[int, ...]:
    pairs = _PAIR.findall(text)
    if pairs:
        leftover = _PAIR.sub("", text).strip(" ,;")
        if leftover:
            raise Invalid(f"could not read {leftover!r}; write pairs like 1b 2a")
        given: dict[int, int] = {}
        for num, ch in pairs:
            k = int(num)
            if not 1 <= k <= prompts:
                raise Invalid(f"there is no item {k}; items are 1-{prompts}")
            if k in given:
                raise Invalid(f"item {k} is given twice")
            if ch not in LETTERS[:n]:
                raise Invalid(f"{ch} is not among the choices a-{LETTERS[n - 1]}")
            given[k] = LETTERS.index(ch)
        missing = [k for k in range(1, prompts + 1) if k not in given]
        if missing:
            raise Invalid(f"give a letter for item{'s' if len(missing) > 1 else ''} {', '.join(map(str, missing))}")
        return tuple(given[k] for k in range(1, prompts + 1))
    picked = _letters(text, n)
    if len(picked) != prompts:
        raise Invalid(f"give {prompts} letters, one per item, or pairs like 1b 2a")
    return tuple(picked)


def show(q: Question, answer: tuple[int, ...] | None) -> str:
    """An answer as letters in the form the learner types it (``b``, ``a,c``, ``1b 2a``)."""
    if answer is None:
        return "(no answer)"
    if q.kind == "truefalse":
        return "t" if answer == (0,) else "f"
    if q.kind == "matching":
        return " ".join(f"{k + 1}{letter(i)}" for k, i in enumerate(answer))
    return ",".join(letter(i) for i in answer)


def spelled(q: Question, answer: tuple[int, ...] | None) -> str:
    """An answer with its choice texts, for feedback and answer sheets."""
    if answer is None:
        return "(no answer)"
    if q.kind == "matching":
        return "; ".join(f"{k + 1}. {q.prompts[k]} -> {letter(i)}) {q.choices[i]}" for k, i in enumerate(answer))
    sep = " -> " if q.kind == "ordering" else "; "
    return sep.join(f"{letter(i)}) {q.choices[i]}" for i in answer)
