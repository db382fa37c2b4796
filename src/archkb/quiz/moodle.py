"""The bank as Moodle XML (pure: bank in, text out), Moodle's own format for every kind archkb has.

* single choice -> ``multichoice`` with ``<single>true</single>``;
* multiple response -> graded all or nothing, as archkb grades it: full marks only for exactly the
  right set of choices, nothing otherwise. Moodle's core ``multichoice`` cannot do that (a learner
  who picks some of the right choices gets part of the mark), so by default it becomes
  ``multichoiceset``, the "All-or-Nothing Multiple Choice" question type (plugin
  ``qtype_multichoiceset``, which the Moodle site must have). ``multiple="core"``
  (``--moodle-multiple core``) writes core ``multichoice`` instead: each right choice 100/k %, each
  wrong one -100 %, so any wrong pick scores 0 and all right picks score 100 %, as in archkb, but a
  pick of only some right choices earns that share;
* true/false -> ``truefalse``; matching -> ``matching`` (choices no prompt takes as extra answers);
* ordering -> ``ordering`` (a core type since Moodle 4.4), graded ``ALL_OR_NOTHING``.

Every question has a readable name (its topic and the start of its stem), its archkb id as
``idnumber``, feedback on each wrong choice, shuffled choices (Moodle shuffles; ordering items
always are), the explanation with an absolute link to the page that teaches it and its sources as
general feedback, tags (topic, level, difficulty, kind), and a category
``$course$/top/archkb/<topic>/<level>/<difficulty>``. Text is HTML made from escaped plain text.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Literal

from . import lms
from .question import DIFFICULTIES, LEVELS, Bank, Question

MultipleGrading = Literal["all-or-nothing", "core"]

#: How multiple response is graded, for the file's own header.
GRADING_NOTE: dict[str, str] = {
    "all-or-nothing": (
        "Multiple response is graded all or nothing, as archkb grades it: full marks only for exactly the right "
        "choices. It uses the multichoiceset question type (plugin qtype_multichoiceset, All-or-Nothing Multiple "
        "Choice), which the Moodle site must have installed; without it, export again choosing core multichoice "
        "(the moodle-multiple option of archkb export)."
    ),
    "core": (
        "Multiple response uses core multichoice: each right choice 100/k %, each wrong choice -100 %. Any wrong "
        "pick scores 0 and all right picks score 100 %, as in archkb; unlike archkb, a pick of only some right "
        "choices earns that share."
    ),
}


def fraction(value: float) -> str:
    """A Moodle answer fraction in percent, as Moodle writes them (at most seven decimals, no trailing zeros)."""
    text = f"{value:.7f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _text(parent: ET.Element, tag: str, text: str, fmt: str | None = "html") -> ET.Element:
    element = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(element, "text").text = text
    return element


def _value(parent: ET.Element, tag: str, value: str) -> None:
    ET.SubElement(parent, tag).text = value


def category_path(names: tuple[str, ...]) -> str:
    """``$course$/top/archkb/...``; a ``/`` inside a name is doubled, as Moodle escapes it."""
    return "/".join(["$course$", "top", "archkb", *(n.replace("/", "//") for n in names)])


def category_question(names: tuple[str, ...]) -> ET.Element:
    question = ET.Element("question", {"type": "category"})
    category = ET.SubElement(question, "category")
    ET.SubElement(category, "text").text = category_path(names)
    _text(question, "info", f"<p>archkb questions: {' / '.join(names)}.</p>")
    return question


def _head(q: Question, bank: Bank, site_url: str, qtype: str) -> ET.Element:
    question = ET.Element("question", {"type": qtype})
    ET.SubElement(ET.SubElement(question, "name"), "text").text = lms.question_name(q, bank)
    _text(question, "questiontext", lms.paragraphs(q.text))
    _text(question, "generalfeedback", lms.general_feedback(q, site_url))
    _value(question, "defaultgrade", "1")
    _value(question, "penalty", "0.3333333")
    _value(question, "hidden", "0")
    _value(question, "idnumber", q.id)
    return question


def _combined_feedback(question: ET.Element, q: Question) -> None:
    _text(question, "correctfeedback", lms.right_feedback(q))
    _text(question, "partiallycorrectfeedback", lms.wrong_feedback(q))
    _text(question, "incorrectfeedback", lms.wrong_feedback(q))
    ET.SubElement(question, "shownumcorrect")


def _answer(question: ET.Element, percent: str, text: str, feedback: str, fmt: str = "html") -> None:
    answer = ET.SubElement(question, "answer", {"fraction": percent, "format": fmt})
    ET.SubElement(answer, "text").text = text
    _text(answer, "feedback", lms.paragraphs(feedback) if feedback else "")


def _choice_answers(question: ET.Element, q: Question, right: str, wrong: str) -> None:
    for i, choice in enumerate(q.choices):
        _answer(question, right if i in q.answer else wrong, lms.paragraphs(choice), q.choice_feedback(i))


def _multichoice(q: Question, bank: Bank, site_url: str, multiple: MultipleGrading) -> ET.Element:
    qtype = "multichoiceset" if q.kind == "multiple" and multiple == "all-or-nothing" else "multichoice"
    question = _head(q, bank, site_url, qtype)
    if qtype == "multichoice":
        _value(question, "single", "true" if q.kind == "single" else "false")
    _value(question, "shuffleanswers", "true")
    _value(question, "answernumbering", "abc")
    _value(question, "showstandardinstruction", "0")
    _combined_feedback(question, q)
    if q.kind == "single":
        _choice_answers(question, q, "100", "0")
    else:
        share = fraction(100 / len(q.answer))
        _choice_answers(question, q, share, "0" if qtype == "multichoiceset" else "-100")
    return question


def _truefalse(q: Question, bank: Bank, site_url: str) -> ET.Element:
    question = _head(q, bank, site_url, "truefalse")
    for i, word in enumerate(("true", "false")):
        _answer(question, "100" if i in q.answer else "0", word, q.choice_feedback(i), "moodle_auto_format")
    return question


def _matching(q: Question, bank: Bank, site_url: str) -> ET.Element:
    question = _head(q, bank, site_url, "matching")
    _value(question, "shuffleanswers", "true")
    _combined_feedback(question, q)
    for prompt, i in zip(q.prompts, q.answer, strict=True):
        sub = _text(question, "subquestion", lms.paragraphs(prompt))
        ET.SubElement(ET.SubElement(sub, "answer"), "text").text = q.choices[i]
    for i, choice in enumerate(q.choices):
        if i not in q.answer:  # a choice no prompt takes: an extra answer to choose from
            sub = _text(question, "subquestion", "")
            ET.SubElement(ET.SubElement(sub, "answer"), "text").text = choice
    return question


def _ordering(q: Question, bank: Bank, site_url: str) -> ET.Element:
    question = _head(q, bank, site_url, "ordering")
    for tag, value in (
        ("layouttype", "VERTICAL"),
        ("selecttype", "ALL"),
        ("selectcount", "0"),
        ("gradingtype", "ALL_OR_NOTHING"),
        ("showgrading", "SHOW"),
        ("numberingstyle", "none"),
    ):
        _value(question, tag, value)
    _combined_feedback(question, q)
    for position, i in enumerate(q.answer, start=1):  # the right order; Moodle shuffles the items
        answer = ET.SubElement(question, "answer", {"fraction": str(position), "format": "html"})
        ET.SubElement(answer, "text").text = lms.paragraphs(q.choices[i])
    return question


def question_element(
    q: Question, bank: Bank, site_url: str, multiple: MultipleGrading = "all-or-nothing"
) -> ET.Element:
    """One question as a Moodle XML ``<question>`` element, with its tags."""
    if q.kind in ("single", "multiple"):
        question = _multichoice(q, bank, site_url, multiple)
    elif q.kind == "truefalse":
        question = _truefalse(q, bank, site_url)
    elif q.kind == "matching":
        question = _matching(q, bank, site_url)
    else:
        question = _ordering(q, bank, site_url)
    tags = ET.SubElement(question, "tags")
    for tag in lms.tags(q):
        ET.SubElement(ET.SubElement(tags, "tag"), "text").text = tag
    return question


def _order(bank: Bank) -> list[tuple[tuple[str, str, str], list[Question]]]:
    """The questions grouped by category, in topic, level and difficulty order."""
    topics = list(bank.topics)
    groups: dict[tuple[str, str, str], list[Question]] = {}
    for q in sorted(
        bank.questions,
        key=lambda q: (
            topics.index(q.topic) if q.topic in topics else len(topics),
            LEVELS.index(q.level),
            DIFFICULTIES.index(q.difficulty),
            q.id,
        ),
    ):
        groups.setdefault(lms.category_names(q, bank), []).append(q)
    return list(groups.items())


def bank_moodle_xml(bank: Bank, site_url: str, multiple: MultipleGrading = "all-or-nothing") -> str:
    """The Moodle XML file of a bank: a category question before each topic/level/difficulty group."""
    quiz = ET.Element("quiz")
    quiz.append(
        ET.Comment(
            f" archkb quiz bank ({bank.generator}): {len(bank.questions)} questions in Moodle XML. "
            f"{GRADING_NOTE[multiple]} "
        )
    )
    for names, questions in _order(bank):
        quiz.append(category_question(names))
        quiz.extend(question_element(q, bank, site_url, multiple) for q in questions)
    ET.indent(lms.xml_safe(quiz), space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n"
