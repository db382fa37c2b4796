""" "Check yourself" at the end of each architecture page: three bank questions on that architecture.

The questions of every architecture go into one script, ``assets/archkb/check-yourself.js``
(``window.archkbCheckYourself``), written by the quiz page's generator, which builds the bank
anyway; the architecture pages only hold a placeholder, so they do not depend on
the bank (:func:`archkb.pages.architecture.check_yourself` writes it). ``quiz.js`` fills each
placeholder with its questions, answered inline with feedback and counted in the same progress as
the quiz.
"""

from __future__ import annotations

from typing import Any

from .. import urls
from .question import Bank, Question, question_to_dict
from .schedule import SCHEDULER
from .web import CHECK_JS, page_link, script_json

__all__ = ["CHECK_JS", "check_data", "check_script", "picks"]
PER_ARCHITECTURE = 3


def picks(bank: Bank, arch_id: str, count: int = PER_ARCHITECTURE) -> list[Question]:
    """``count`` questions on ``arch_id`` alone, of different topics where it can: a stable choice
    (by id), so the page shows the same questions until the facts change."""
    own = sorted((q for q in bank.questions if q.architectures == (arch_id,)), key=lambda q: q.id)
    chosen: list[Question] = []
    for q in own:
        if len(chosen) < count and q.topic not in {c.topic for c in chosen}:
            chosen.append(q)
    chosen += [q for q in own if q not in chosen][: count - len(chosen)]
    return sorted(chosen, key=lambda q: q.id)


def check_data(bank: Bank) -> dict[str, Any]:
    """Per architecture its questions, with links from its page to the pages that teach them."""
    data: dict[str, Any] = {
        "scheduler": SCHEDULER,
        "topics": [{"id": k, "label": v} for k, v in bank.topics.items()],
        "architectures": {},
    }
    for arch_id, label in bank.architectures.items():
        page = urls.architecture_page(arch_id)
        questions = picks(bank, arch_id)
        data["architectures"][arch_id] = {
            "label": label,
            "quiz": {"dirs": page_link(page, urls.QUIZ, True), "files": page_link(page, urls.QUIZ, False)},
            "questions": [question_to_dict(q) for q in questions],
            "links": {q.id: page_link(page, q.teaches, True) for q in questions},
            "file_links": {q.id: page_link(page, q.teaches, False) for q in questions},
        }
    return data


def check_script(bank: Bank) -> str:
    """The script that carries every architecture's questions (its JSON is safe inside a script)."""
    return "/* archkb: the questions of each architecture page's Check yourself block (generated). */\n" + (
        f"window.archkbCheckYourself = {script_json(check_data(bank))};\n"
    )
