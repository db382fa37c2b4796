"""The bank as a Moodle GIFT file (pure: bank in, text out).

Single choice becomes multiple choice (``=right ~wrong``), multiple response becomes multiple
choice with answer weights (right choices share 100%, each wrong one takes as much away),
true/false becomes ``{TRUE}``/``{FALSE}``, matching becomes ``{=item -> match}``. Every question
carries its explanation, the page that teaches it and its sources as general feedback (``####``),
and sits in a ``$CATEGORY`` per topic. Text is exported in Moodle's ``[plain]`` format with GIFT's
special characters (``~ = # { } :`` and ``\\``) escaped and line breaks written as ``\\n``.

GIFT has no ordering questions, and a matching item containing ``->`` cannot be written; such
questions are left out, listed in a comment at the top of the file and returned to the caller.
"""

from __future__ import annotations

from .question import Bank, Question

_SPECIAL = {"\\": "\\\\", "~": "\\~", "=": "\\=", "#": "\\#", "{": "\\{", "}": "\\}", ":": "\\:", "\n": "\\n", "\r": ""}


def escape(text: str) -> str:
    """Text safe inside GIFT: every special character backslash-escaped, line breaks as ``\\n``."""
    return "".join(_SPECIAL.get(ch, ch) for ch in text)


def weight(fraction: float) -> str:
    """A GIFT answer weight such as ``%33.33333%`` (Moodle's grade steps have five decimals)."""
    text = f"{fraction * 100:.5f}".rstrip("0").rstrip(".")
    return f"%{text}%"


def unsupported(q: Question) -> str | None:
    """Why GIFT cannot hold ``q``, or None."""
    if q.kind == "ordering":
        return "GIFT has no ordering question type"
    if q.kind == "matching" and any("->" in t for t in q.prompts + q.choices):
        return "a matching item contains '->', which GIFT cannot escape"
    return None


def feedback(q: Question) -> str:
    sources = "; ".join(s.title + (f" ({s.url})" if s.url else "") for s in q.sources)
    return f"{q.explanation}\nRead more: {q.teaches} on the archkb docs site." + (
        f"\nSources: {sources}" if sources else ""
    )


def answers(q: Question) -> list[str]:
    """The lines between the braces of one question."""
    if q.kind == "truefalse":
        return ["TRUE" if q.answer == (0,) else "FALSE"]
    if q.kind == "matching":
        return [f"={escape(p)} -> {escape(q.choices[i])}" for p, i in zip(q.prompts, q.answer, strict=True)]
    if q.kind == "single":
        return [("=" if i in q.answer else "~") + escape(c) for i, c in enumerate(q.choices)]
    share = 1 / len(q.answer)
    return [
        ("~" + weight(share) if i in q.answer else "~" + weight(-share)) + escape(c) for i, c in enumerate(q.choices)
    ]


def question_gift(q: Question) -> str:
    """One question in GIFT, preceded by a comment with its id, version and kind."""
    body = "\n".join(f"\t{line}" for line in answers(q))
    return (
        f"// {q.id} version {q.version}: {q.kind}, {q.difficulty}; tests {', '.join(q.facts)}\n"
        f"::{escape(q.id)}::[plain]{escape(q.text)} {{\n{body}\n\t####{escape(feedback(q))}\n}}\n"
    )


def bank_gift(bank: Bank) -> tuple[str, list[str]]:
    """The GIFT file of a bank, and one line per question it had to leave out."""
    left_out = [
        f"{q.id} ({q.kind}): {reason}: {' '.join(q.text.split())}" for q in bank.questions if (reason := unsupported(q))
    ]
    head = [
        f"// archkb quiz bank ({bank.generator}): {len(bank.questions) - len(left_out)} of {len(bank.questions)} "
        f"questions, in Moodle GIFT format."
    ]
    if left_out:
        head.append(f"// Left out ({len(left_out)}), because GIFT cannot hold them:")
        head += [f"//   {line}" for line in left_out]
    parts = ["\n".join(head) + "\n"]
    for topic, label in bank.topics.items():
        chosen = [q for q in bank.questions if q.topic == topic and not unsupported(q)]
        if chosen:
            parts.append(f"$CATEGORY: archkb/{label}\n")
            parts += [question_gift(q) for q in chosen]
    return "\n".join(parts), left_out
