"""What the exports for learning platforms share: readable names, categories, tags and feedback with absolute links.

Moodle XML and the QTI package both leave the docs site, so every link in them is absolute
(:func:`archkb.urls.absolute` with the site's ``site_url``). A question's opaque id is kept as an id
(Moodle's ``idnumber``, QTI's ``ident``), never shown as its name.
"""

from __future__ import annotations

import html
import re
import textwrap
import xml.etree.ElementTree as ET

from .. import urls
from .question import Bank, Question

#: How each level of thinking reads in category names and tags.
LEVEL_LABELS: dict[str, str] = {
    "recall": "Recall",
    "application": "Application",
    "analysis": "Analysis",
    "misconception": "Misconception",
}

DIFFICULTY_LABELS: dict[str, str] = {"easy": "Easy", "medium": "Medium", "hard": "Hard"}

#: Longest question name, in characters (Moodle shows names in one line of its question bank).
NAME_WIDTH = 90


#: Characters XML 1.0 cannot hold at all, even escaped (C0 controls but tab and line breaks, lone surrogates, U+FFFE/F).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(tree: ET.Element) -> ET.Element:
    """``tree`` with every character XML cannot hold dropped from its text, tails and attributes."""
    for element in tree.iter():
        if element.text:
            element.text = _NOT_XML.sub("", element.text)
        if element.tail:
            element.tail = _NOT_XML.sub("", element.tail)
        for key, value in element.attrib.items():
            element.attrib[key] = _NOT_XML.sub("", value)
    return tree


def question_name(q: Question, bank: Bank) -> str:
    """A name a trainer can read in a question bank: the topic and the start of the stem."""
    stem = textwrap.shorten(q.text, width=NAME_WIDTH, placeholder="…")
    return f"{bank.topics.get(q.topic, q.topic)}: {stem}"


def category_names(q: Question, bank: Bank) -> tuple[str, str, str]:
    """The category a question sits in: its topic, then its level, then its difficulty."""
    return (
        bank.topics.get(q.topic, q.topic),
        LEVEL_LABELS.get(q.level, q.level),
        DIFFICULTY_LABELS.get(q.difficulty, q.difficulty),
    )


def tags(q: Question) -> list[str]:
    """Tags for a trainer's filters. No architecture tag: on a question about one architecture it would name the key."""
    return [f"topic:{q.topic}", f"level:{q.level}", f"difficulty:{q.difficulty}", f"kind:{q.kind}"]


def paragraphs(text: str) -> str:
    """Plain KB text as HTML: escaped, one paragraph per blank-line block, line breaks kept."""
    blocks = [b.strip() for b in text.replace("\r", "").split("\n\n") if b.strip()]
    return "".join("<p>" + html.escape(b, quote=False).replace("\n", "<br>") + "</p>" for b in blocks)


def link(url: str, label: str) -> str:
    return f'<a href="{html.escape(url, quote=True)}">{html.escape(label, quote=False)}</a>'


def general_feedback(q: Question, site_url: str) -> str:
    """The explanation, the page that teaches it and the cited sources, as HTML with absolute links."""
    page = urls.absolute(site_url, q.teaches)
    parts = [paragraphs(q.explanation), f"<p>Read more: {link(page, page)}</p>"]
    cited = [link(s.url, s.title) if s.url else html.escape(s.title, quote=False) for s in q.sources]
    if cited:
        parts.append("<p>Sources: " + "; ".join(cited) + "</p>")
    return "".join(parts)


def right_feedback(q: Question) -> str:
    """What a learner who answered right reads (the explanation follows as general feedback)."""
    return "<p>Right.</p>"


def wrong_feedback(q: Question) -> str:
    """What a learner who answered wrong reads, for kinds without feedback per choice."""
    return "<p>Not quite: see the explanation.</p>"
