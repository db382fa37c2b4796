"""Hand-written questions (``kind: questions`` files) as bank questions.

Their keys are checked against the facts when the KB is loaded (:mod:`archkb.kb.questions`).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from ..kb.model import KB
from .evidence import Draft, finalize, sources_of, truth
from .question import Question, SourceRef

KIND = "questions"


def load(kb: KB) -> list[Question]:
    """Every hand-written question of ``kb``, as bank questions.

    ``kb`` comes from :func:`archkb.kb.load_kb`, which has already checked each key against the
    facts (:mod:`archkb.kb.questions`), so nothing here reads or checks a file again.
    """
    return [to_question(kb, entry) for data in kb.raw.get(KIND, []) for entry in data.get("questions") or []]


def to_question(kb: KB, q: dict[str, Any]) -> Question:
    """A checked hand-written question as a bank question."""
    facts = tuple(kb.facts[f] for f in q["tests"])
    choices = q.get("choices") or []
    draft = Draft(
        template="hand-written",
        keys=(q["id"],),
        facts=facts,
        kind=q["kind"],
        text=" ".join(q["text"].split()),
        correct=truth(q["answer"])
        if q["kind"] == "truefalse"
        else tuple(c["text"] for c in choices if c.get("correct")),
        wrong=tuple(c["text"] for c in choices if not c.get("correct")),
        explanation=" ".join(q["explanation"].split()),
        topic=q["topic"],
        difficulty=q["difficulty"],
        architectures=tuple(q.get("architectures") or ()),
        pins=(
            q["text"],
            [[c["text"], c["value"], bool(c.get("correct"))] for c in choices],
            q.get("answer"),
            q["explanation"],
        ),
        level=q["level"],
        feedback=_feedback(q),
    )
    question = finalize(kb, draft)
    cited = _explicit_sources(kb, q.get("cite"))
    extra = tuple(s for s in sources_of(kb, facts) if s.cite not in {c.cite for c in cited})
    return dataclasses.replace(question, sources=cited + extra, origin="hand-written")


def _feedback(q: dict[str, Any]) -> dict[str, str]:
    """Choice text (or the wrong "True"/"False") -> the written feedback, whitespace folded."""
    if q["kind"] == "truefalse":
        wrong = truth(not q["answer"])[0]
        return {wrong: " ".join(q["feedback"].split())} if q.get("feedback") else {}
    return {
        c["text"]: " ".join(c["feedback"].split())
        for c in q.get("choices") or []
        if c.get("feedback") and not c.get("correct")
    }


def _explicit_sources(kb: KB, cite: Any) -> tuple[SourceRef, ...]:
    if not cite:
        return ()
    from ..kb.model import Citation, Fact, Origin

    cites = tuple(Citation(*c.split("#", 1)) for c in ([cite] if isinstance(cite, str) else cite))
    return sources_of(kb, (Fact("", "", "", None, cites, "high", Origin("", 0, 0)),))
