"""Hostile KB text in the Moodle XML and QTI exports: the files stay well-formed, their element structure is the
same as with a harmless word, the QTI stays valid against its DTD, and every question's text reads back as written
(less the characters XML cannot hold at all)."""

from __future__ import annotations

import html
import io
import re
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from pathlib import Path

from hypothesis import given
from lxml import etree

from archkb.quiz.moodle import bank_moodle_xml
from archkb.quiz.qti import QTI_FILE, bank_qti_package

from ..quiz.test_qti import DTD
from .test_injection import PROPERTY, Reference, bank_of, hostile, kb_with, reference  # noqa: F401 (a fixture)

SITE = "https://example.org/archkb/"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def shape(root: ET.Element) -> Counter[tuple[str, tuple[str, ...]]]:
    """The elements and attribute names of an XML tree, counted (what data must never add to)."""
    return Counter((e.tag, tuple(sorted(e.attrib))) for e in root.iter())


def html_shape(fragment: str) -> list[str]:
    """The tags of an HTML text field (escaped data shows no tag)."""
    return re.findall(r"</?([a-z]+)", fragment)


@PROPERTY
@given(value=hostile)
def test_moodle_and_qti_keep_the_text_and_their_structure(value: str, reference: Reference, tmp_path: Path) -> None:  # noqa: F811
    kb = kb_with(value, tmp_path / "kb")
    bank, reference_bank = bank_of(kb), bank_of(reference.kb)

    moodle, reference_moodle = (ET.fromstring(bank_moodle_xml(b, SITE)) for b in (bank, reference_bank))
    assert shape(moodle) == shape(reference_moodle)
    texts = {q.findtext("idnumber"): q.findtext("questiontext/text") or "" for q in moodle.iter("question")}
    bad = []
    for q in bank.questions:
        shown = html.unescape(re.sub(r"<[^>]+>", "", texts[q.id].replace("<br>", "\n").replace("</p><p>", "\n\n")))
        if shown != _NOT_XML.sub("", q.text).replace("\r", "").strip():
            bad.append(f"{q.id}: {shown!r} != {q.text!r}")
        if [t for t in html_shape(texts[q.id]) if t not in ("p", "br")]:
            bad.append(f"{q.id}: the text gained markup")
    assert not bad, "\n".join(bad[:10])

    with zipfile.ZipFile(io.BytesIO(bank_qti_package(bank, SITE))) as package:
        assessment = package.read(QTI_FILE)
    with zipfile.ZipFile(io.BytesIO(bank_qti_package(reference_bank, SITE))) as package:
        reference_assessment = package.read(QTI_FILE)
    assert shape(ET.fromstring(assessment)) == shape(ET.fromstring(reference_assessment))
    dtd = etree.DTD(str(DTD))
    assert dtd.validate(etree.fromstring(assessment)), dtd.error_log.filter_from_errors()[:5]
