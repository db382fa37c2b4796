"""The Anki export, opened as Anki would (zip + SQLite), compared with the bank; stable and reproducible."""

from __future__ import annotations

import html
import io
import json
import sqlite3
import zipfile
from pathlib import Path

import genanki

from archkb.quiz.anki import DECK_NAME, MODEL_NAME, bank_apkg, stable_id

from ..quizkit import archkb, real_built


def open_apkg(data: bytes, tmp_path: Path) -> sqlite3.Connection:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert sorted(archive.namelist()) == ["collection.anki2", "media"]
        assert json.loads(archive.read("media")) == {}
        db = tmp_path / "collection.anki2"
        db.write_bytes(archive.read("collection.anki2"))
    return sqlite3.connect(db)


def test_every_question_is_a_note_with_a_stable_guid(tmp_path: Path) -> None:
    bank = real_built().bank
    conn = open_apkg(bank_apkg(bank, 1_700_000_000), tmp_path)
    notes = {
        guid: (mid, flds.split("\x1f"), tags.split())
        for guid, mid, flds, tags in conn.execute("SELECT guid, mid, flds, tags FROM notes")
    }
    assert len(notes) == len(bank.questions)
    bad = []
    for q in bank.questions:
        mid, fields, tags = notes[genanki.guid_for(q.id)]
        right = [q.choices[i] for i in q.answer]
        if mid != stable_id(MODEL_NAME) or fields[0] != html.escape(q.text) or q.id not in fields[6]:
            bad.append(f"{q.id}: note fields")
        if not all(html.escape(r) in fields[2] for r in right) or html.escape(q.explanation) != fields[3]:
            bad.append(f"{q.id}: answer side")
        missing = [
            c
            for i, c in enumerate(q.choices)
            if q.choice_feedback(i) and html.escape(q.choice_feedback(i)) not in fields[2]
        ]
        if missing:
            bad.append(f"{q.id}: no feedback on the answer side for {missing}")
        if q.kind != "truefalse" and 'data-shuffle="each-review"' not in fields[1]:
            bad.append(f"{q.id}: choices not marked for shuffling")
        if f"archkb::topic::{q.topic}" not in tags or f"archkb::kind::{q.kind}" not in tags:
            bad.append(f"{q.id}: tags {tags}")
    assert not bad, "\n".join(bad)
    (cards,) = conn.execute("SELECT count(*) FROM cards WHERE did = ?", (stable_id(DECK_NAME),)).fetchone()
    assert cards == len(bank.questions)
    decks = json.loads(conn.execute("SELECT decks FROM col").fetchone()[0])
    assert decks[str(stable_id(DECK_NAME))]["name"] == DECK_NAME
    conn.close()


def test_the_card_template_shuffles_the_marked_choices_on_every_review(tmp_path: Path) -> None:
    conn = open_apkg(bank_apkg(real_built().bank, 1_700_000_000), tmp_path)
    models = json.loads(conn.execute("SELECT models FROM col").fetchone()[0])
    (template,) = models[str(stable_id(MODEL_NAME))]["tmpls"]
    assert "querySelectorAll('[data-shuffle]')" in template["qfmt"] and "Math.random" in template["qfmt"]
    conn.close()


def test_same_bank_same_bytes_and_pinned_times(tmp_path: Path) -> None:
    bank = real_built().bank
    first, second = bank_apkg(bank, 1_700_000_000), bank_apkg(bank, 1_700_000_000)
    assert first == second
    conn = open_apkg(first, tmp_path)
    assert {m for (m,) in conn.execute("SELECT DISTINCT mod FROM notes UNION SELECT DISTINCT mod FROM cards")} == {
        1_700_000_000
    }
    conn.close()
    assert bank_apkg(bank, 1_800_000_000) != first, "the timestamp is what a newer export changes"


def test_cli_export_is_reproducible_and_honours_source_date_epoch(tmp_path: Path) -> None:
    a, b = tmp_path / "a.apkg", tmp_path / "b.apkg"
    assert archkb(["export", "--what", "quiz", "--format", "anki", "--out", str(a)], tmp_path).returncode == 0
    assert archkb(["export", "--what", "quiz", "--format", "anki", "--out", str(b)], tmp_path).returncode == 0
    assert a.read_bytes() == b.read_bytes()
    c = tmp_path / "c.apkg"
    assert (
        archkb(
            ["export", "--what", "quiz", "--format", "anki", "--out", str(c)], tmp_path, SOURCE_DATE_EPOCH="1750000000"
        ).returncode
        == 0
    )
    for path, expected in ((a, 1704067200), (c, 1750000000)):
        conn = open_apkg(path.read_bytes(), tmp_path)
        assert conn.execute("SELECT DISTINCT mod FROM notes").fetchall() == [(expected,)]
        conn.close()
