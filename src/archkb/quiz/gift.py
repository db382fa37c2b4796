"""The bank as a Moodle GIFT file (pure: bank in, text out).

Single choice becomes multiple choice (``=right ~wrong``), multiple response becomes multiple
choice with answer weights (right choices share 100%, each wrong one takes as much away),
true/false becomes ``{TRUE}``/``{FALSE}``, matching becomes ``{=item -> match}``. Each wrong
choice carries its own feedback (``~choice#why it is wrong``; true/false ``{TRUE#why FALSE is
wrong}``), and choice questions are marked in a comment as meant to be shuffled. Every question
carries its explanation, the page that teaches it and its sources as general feedback (``####``),
and sits in a ``$CATEGORY`` per topic. Text is exported in Moodle's ``[plain]`` format with GIFT's
special characters (``~ = # { } :`` and ``\\``) escaped and line breaks written as ``\\n``.

GIFT has no ordering questions, and a matching item containing ``->`` cannot be written; such
questions are left out, listed in a comment at the top of the file and returned to the caller.
"""

from __future__ import annotations

from .links import ReadMore, default_read_more
from .lms import question_name
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


def feedback(q: Question, more: ReadMore = default_read_more) -> str:
    sources = "; ".join(s.title + (f" ({s.url})" if s.url else "") for s in q.sources)
    return f"{q.explanation}\nRead more: {more(q)}" + (f"\nSources: {sources}" if sources else "")


def answer_feedback(q: Question, index: int) -> str:
    """``#feedback`` after a wrong choice (Moodle shows it to a learner who picks that choice), or ""."""
    said = q.choice_feedback(index)
    return f"#{escape(said)}" if said else ""


def answers(q: Question) -> list[str]:
    """The lines between the braces of one question."""
    if q.kind == "truefalse":
        wrong = 1 - q.answer[0]  # TRUE#feedback for the wrong answer (Moodle's split_truefalse_comment)
        return [("TRUE" if q.answer == (0,) else "FALSE") + answer_feedback(q, wrong)]
    if q.kind == "matching":
        return [f"={escape(p)} -> {escape(q.choices[i])}" for p, i in zip(q.prompts, q.answer, strict=True)]
    if q.kind == "single":
        return [("=" if i in q.answer else "~") + escape(c) + answer_feedback(q, i) for i, c in enumerate(q.choices)]
    share = 1 / len(q.answer)
    return [
        ("~" + weight(share) if i in q.answer else "~" + weight(-share)) + escape(c) + answer_feedback(q, i)
        for i, c in enumerate(q.choices)
    ]


def question_gift(q: Question, name: str, more: ReadMore = default_read_more) -> str:
    """One question in GIFT under a readable ``name``, preceded by a comment with its id, version and kind."""
    body = "\n".join(f"\t{line}" for line in answers(q))
    shuffle = "; choices shuffled (keep Moodle's Shuffle the choices on)" if q.kind in ("single", "multiple") else ""
    return (
        f"// {q.id} version {q.version}: {q.kind}, {q.level}, {q.difficulty}{shuffle}; tests {', '.join(q.facts)}\n"
        f"::{escape(name)}::[plain]{escape(q.text)} {{\n{body}\n\t####{escape(feedback(q, more))}\n}}\n"
    )


def bank_gift(bank: Bank, more: ReadMore = default_read_more) -> tuple[str, list[str]]:
    """The GIFT file of a bank, and one line per question it had to leave out (``more`` says where
    to read more about a question: :meth:`archkb.quiz.links.SiteAddress.read_more`)."""
    left_out = [
        f"{q.id} ({q.kind}): {reason}: {' '.join(q.text.split())}" for q in bank.questions if (reason := unsupported(q))
    ]
    head = [
        f"// archkb quiz bank ({bank.generator}): {len(bank.questions) - len(left_out)} of {len(bank.questions)} "
        f"questions, in Moodle GIFT format.",
        "// Choices are meant to be shuffled on every attempt: Moodle imports GIFT choice questions with",
        "// Shuffle the choices on; keep it on (and the quiz's own shuffle setting) so a retake is not a letter drill.",
    ]
    if left_out:
        head.append(f"// Left out ({len(left_out)}), because GIFT cannot hold them:")
        head += [f"//   {line}" for line in left_out]
    parts = ["\n".join(head) + "\n"]
    for topic, label in bank.topics.items():
        chosen = [q for q in bank.questions if q.topic == topic and not unsupported(q)]
        if chosen:
            parts.append(f"$CATEGORY: archkb/{label}\n")
            parts += [question_gift(q, question_name(q, bank), more) for q in chosen]
    return "\n".join(parts), left_out
