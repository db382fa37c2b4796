"""The bank as an Anki deck (.apkg) through genanki: one note per question, every kind included.

Re-importing an updated deck updates cards instead of duplicating them: each note's GUID is derived
from its question id, and the note type (model) and deck ids from fixed names. The output is
reproducible: every modification time in the collection is the ``timestamp`` argument (note and
card ids count up from it) and the zip entries carry a fixed date, so the same bank and timestamp
give byte-identical files. Anki only updates an existing note from an import when the imported one
is newer, or when the import option "Update notes" is set to "Always".
"""

from __future__ import annotations

import hashlib
import html
import io
import itertools
import sqlite3
import tempfile
import zipfile
from pathlib import Path

import genanki

from .links import ReadMore, default_read_more
from .question import Bank, Question

DECK_NAME = "archkb quiz"
MODEL_NAME = "archkb quiz question"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
FIELDS = ["Question", "Choices", "Answer", "Explanation", "ReadMore", "Sources", "QuestionId"]

CSS = """.card { font-family: sans-serif; font-size: 18px; text-align: left; color: black; background-color: white; }
.nightMode .card, .night_mode .card { color: #eee; background-color: #222; }
.choices li, .pairs li, .feedback li { margin: 0.2em 0; }
.explanation { margin-top: 0.8em; }
.more, .sources, .qid { margin-top: 0.6em; font-size: 14px; opacity: 0.75; }
"""

#: Shuffles every list marked ``data-shuffle`` each time the card is shown, so reviews are not a drill
#: of positions; the answer side names choices by their text, never by a letter or place.
SHUFFLE_JS = (
    "<script>(function(){var lists=document.querySelectorAll('[data-shuffle]');"
    "for(var n=0;n<lists.length;n++){var l=lists[n],items=Array.prototype.slice.call(l.children);"
    "for(var i=items.length-1;i>0;i--){var j=Math.floor(Math.random()*(i+1)),t=items[i];items[i]=items[j];items[j]=t;}"
    "items.forEach(function(x){l.appendChild(x);});}})();</script>"
)

QFMT = '<div class="question">{{Question}}</div>{{Choices}}' + SHUFFLE_JS
AFMT = (
    '{{FrontSide}}<hr id="answer"><div class="answer">{{Answer}}</div><div class="explanation">{{Explanation}}</div>'
    '<div class="more">{{ReadMore}}</div><div class="sources">{{Sources}}</div><div class="qid">{{QuestionId}}</div>'
)


def stable_id(name: str) -> int:
    """An Anki object id from a fixed name: the same on every export, in genanki's recommended range."""
    return (1 << 30) + int(hashlib.sha256(name.encode()).hexdigest(), 16) % (1 << 30)


MODEL = genanki.Model(
    stable_id(MODEL_NAME),
    MODEL_NAME,
    fields=[{"name": f} for f in FIELDS],
    templates=[{"name": "Card 1", "qfmt": QFMT, "afmt": AFMT}],
    css=CSS,
)


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def choices_html(q: Question) -> str:
    """The choices, in a list the card template shuffles (true/false keeps True, False)."""
    shuffle = "" if q.kind == "truefalse" else ' data-shuffle="each-review"'
    items = "".join(f"<li>&bull; {_e(c)}</li>" for c in q.choices)
    if q.kind == "matching":
        prompts = "".join(f"<li>{k}. {_e(p)}</li>" for k, p in enumerate(q.prompts, 1))
        return (
            f'<p>Items:</p><ol class="pairs" style="list-style:none">{prompts}</ol><p>Choices (shuffled):</p><ul '
            f'class="choices" style="list-style:none"{shuffle}>{items}</ul>'
        )
    hint = {
        "multiple": "Choose all that apply.",
        "ordering": "Put in order, first to last.",
        "truefalse": "True or false?",
    }.get(q.kind, "Choose one.")
    shuffled = "" if q.kind == "truefalse" else " The choices come in a new order each review."
    return f'<ul class="choices" style="list-style:none"{shuffle}>{items}</ul><p><em>{hint}{shuffled}</em></p>'


def answer_html(q: Question) -> str:
    """The right answer by the choices' text, then why each wrong choice is wrong."""
    if q.kind == "matching":
        pairs = "".join(
            f"<li>{k}. {_e(q.prompts[k - 1])} &rarr; {_e(q.choices[i])}</li>" for k, i in enumerate(q.answer, 1)
        )
        return f'<ol class="pairs" style="list-style:none">{pairs}</ol>'
    if q.kind == "ordering":
        return "<ol>" + "".join(f"<li>{_e(q.choices[i])}</li>" for i in q.answer) + "</ol>"
    right = "<br>".join(f"<b>{_e(q.choices[i])}</b>" for i in q.answer)
    wrong = "".join(
        f"<li>{_e(c)}: {_e(q.choice_feedback(i))}</li>"
        for i, c in enumerate(q.choices)
        if i not in q.answer and q.choice_feedback(i)
    )
    return right + (f'<ul class="feedback">{wrong}</ul>' if wrong else "")


def sources_html(q: Question) -> str:
    return (
        "Sources: "
        + "; ".join(_e(s.title) + (f' (<a href="{_e(s.url)}">{_e(s.url)}</a>)' if s.url else "") for s in q.sources)
        if q.sources
        else ""
    )


def read_more_html(q: Question, more: ReadMore) -> str:
    """ "Read more" as a link when it is an address, else as text."""
    target = more(q)
    if target.startswith(("https://", "http://")):
        return f'Read more: <a href="{_e(target)}">{_e(target)}</a>'
    return f"Read more: {_e(target)}"


def note(q: Question, more: ReadMore = default_read_more) -> genanki.Note:
    """The Anki note of one question (GUID from the question id, tags from its topic and architectures)."""
    fields = [
        _e(q.text),
        choices_html(q),
        answer_html(q),
        _e(q.explanation),
        read_more_html(q, more),
        sources_html(q),
        f"{_e(q.id)} (version {_e(q.version)})",
    ]
    tags = [
        "archkb",
        f"archkb::topic::{q.topic}",
        f"archkb::kind::{q.kind}",
        f"archkb::{q.difficulty}",
        *(f"archkb::arch::{a}" for a in q.architectures),
    ]
    return genanki.Note(model=MODEL, fields=fields, guid=genanki.guid_for(q.id), tags=tags)


def bank_apkg(bank: Bank, timestamp: int, more: ReadMore = default_read_more) -> bytes:
    """The bank as .apkg bytes; the same bank and timestamp always give the same bytes."""
    deck = genanki.Deck(
        stable_id(DECK_NAME), DECK_NAME, description=f"Generated by {bank.generator} from the archkb knowledge base."
    )
    for q in bank.questions:
        deck.add_note(note(q, more))
    package = genanki.Package(deck)
    with tempfile.TemporaryDirectory(prefix="archkb-anki-") as tmp:
        db = Path(tmp) / "collection.anki2"
        conn = sqlite3.connect(db)
        try:
            package.write_to_db(conn.cursor(), timestamp, itertools.count(timestamp * 1000))
            conn.commit()
        finally:
            conn.close()
        collection = db.read_bytes()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in (("collection.anki2", collection), ("media", b"{}")):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()
