"""The bank as an IMS content package of QTI 1.2 (pure: bank in, zip bytes out), the format Canvas imports.

The zip holds ``imsmanifest.xml`` (IMS Content Packaging 1.1) and one QTI 1.2 assessment,
``archkb-quiz/archkb-quiz.xml``, written with the standard library as the QTI 1.2.1 DTD
(``ims_qtiasiv1p2p1.dtd``) defines it, without a namespace (the tests validate it against that DTD,
taken from the pyslet sdist on PyPI). Canvas's conventions ride along in item metadata
(``question_type``, ``points_possible``) and in the feedback idents (``general_fb``,
``correct_fb``, ``general_incorrect_fb``, ``<choice>_fb``).

Kinds: single choice ``multiple_choice_question``; multiple response ``multiple_answers_question``;
true/false ``true_false_question``; matching ``matching_question`` (one ``response_lid`` per prompt);
ordering ``ordering_question`` (QTI 1.2's ordered response, ``rcardinality="Ordered"``). Response
processing gives 100 only for the whole right answer, as archkb grades; a platform may apply its own
scoring on import (Canvas Classic Quizzes gives partial credit on multiple answers and matching).
Every item carries its archkb id as ``ident``, a readable title, per-choice feedback, shuffled
choices, and the explanation with an absolute link to the page that teaches it.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile

from . import lms
from .question import Bank, Question

ASSESSMENT_ID = "archkb-quiz"
QTI_FILE = f"{ASSESSMENT_ID}/{ASSESSMENT_ID}.xml"
MANIFEST_NS = "http://www.imsglobal.org/xsd/imscp_v1p1"
#: Fixed zip entry date, so the same bank gives the same bytes.
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

CANVAS_TYPES = {
    "single": "multiple_choice_question",
    "multiple": "multiple_answers_question",
    "truefalse": "true_false_question",
    "matching": "matching_question",
    "ordering": "ordering_question",
}


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def _material(parent: ET.Element, html_text: str) -> None:
    _sub(_sub(parent, "material"), "mattext", html_text, texttype="text/html")


def _metadata(item: ET.Element, q: Question, bank: Bank, choice_ids: list[str]) -> None:
    fields = _sub(_sub(item, "itemmetadata"), "qtimetadata")
    topic, level, difficulty = lms.category_names(q, bank)
    for label, entry in (
        ("question_type", CANVAS_TYPES[q.kind]),
        ("points_possible", "1"),
        ("original_answer_ids", ",".join(choice_ids)),
        ("assessment_question_identifierref", f"{q.id}-ref"),
        ("archkb_topic", topic),
        ("archkb_level", level),
        ("archkb_difficulty", difficulty),
    ):
        field = _sub(fields, "qtimetadatafield")
        _sub(field, "fieldlabel", label)
        _sub(field, "fieldentry", entry)


def _choices(parent: ET.Element, q: Question, ident: str, cardinality: str) -> list[str]:
    response = _sub(parent, "response_lid", ident=ident, rcardinality=cardinality)
    render = _sub(response, "render_choice", shuffle="Yes")
    ids = [f"c{i}" for i in range(len(q.choices))]
    for choice_id, choice in zip(ids, q.choices, strict=True):
        _material(_sub(render, "response_label", ident=choice_id), lms.paragraphs(choice))
    return ids


def _condition(
    parent: ET.Element, tests: list[ET.Element], score: str | None, feedback: str | None, go_on: bool
) -> None:
    condition = _sub(parent, "respcondition", **{"continue": "Yes" if go_on else "No"})
    conditionvar = _sub(condition, "conditionvar")
    if len(tests) == 1:
        conditionvar.append(tests[0])
    else:
        _sub(conditionvar, "and").extend(tests)
    if score is not None:
        _sub(condition, "setvar", score, action="Set", varname="SCORE")
    if feedback is not None:
        _sub(condition, "displayfeedback", feedbacktype="Response", linkrefid=feedback)


def _equal(respident: str, value: str) -> ET.Element:
    element = ET.Element("varequal", {"respident": respident})
    element.text = value
    return element


def _not(test: ET.Element) -> ET.Element:
    element = ET.Element("not")
    element.append(test)
    return element


def _other() -> ET.Element:
    return ET.Element("other")


def _key_tests(q: Question, choice_ids: list[str]) -> list[ET.Element]:
    """The conditions that hold exactly when the whole answer is right."""
    if q.kind in ("single", "truefalse"):
        return [_equal("response1", choice_ids[q.answer[0]])]
    if q.kind == "multiple":
        return [
            _equal("response1", cid) if i in q.answer else _not(_equal("response1", cid))
            for i, cid in enumerate(choice_ids)
        ]
    if q.kind == "ordering":
        return [_equal("response1", choice_ids[i]) for i in q.answer]  # in the right order, first on top
    return [_equal(f"response_p{j}", choice_ids[i]) for j, i in enumerate(q.answer)]


def _feedback(item: ET.Element, ident: str, html_text: str) -> None:
    _material(_sub(_sub(item, "itemfeedback", ident=ident), "flow_mat"), html_text)


def item_element(q: Question, bank: Bank, site_url: str) -> ET.Element:
    """One question as a QTI 1.2 ``<item>``."""
    item = ET.Element("item", {"ident": q.id, "title": lms.question_name(q, bank)})
    choice_ids = [f"c{i}" for i in range(len(q.choices))]
    _metadata(item, q, bank, choice_ids)
    presentation = _sub(item, "presentation")
    _material(presentation, lms.paragraphs(q.text))
    if q.kind == "matching":
        for j, prompt in enumerate(q.prompts):
            response = _sub(presentation, "response_lid", ident=f"response_p{j}", rcardinality="Single")
            _material(response, lms.paragraphs(prompt))
            render = _sub(response, "render_choice", shuffle="Yes")
            for choice_id, choice in zip(choice_ids, q.choices, strict=True):
                _material(_sub(render, "response_label", ident=choice_id), lms.paragraphs(choice))
    else:
        cardinality = {"single": "Single", "truefalse": "Single", "multiple": "Multiple", "ordering": "Ordered"}[q.kind]
        _choices(presentation, q, "response1", cardinality)
    processing = _sub(item, "resprocessing")
    _sub(_sub(processing, "outcomes"), "decvar", maxvalue="100", minvalue="0", varname="SCORE", vartype="Decimal")
    _condition(processing, [_other()], None, "general_fb", go_on=True)
    with_feedback = [i for i in range(len(q.choices)) if q.choice_feedback(i)]
    if q.kind in ("single", "multiple", "truefalse"):
        for i in with_feedback:
            _condition(processing, [_equal("response1", choice_ids[i])], None, f"{choice_ids[i]}_fb", go_on=True)
    _condition(processing, _key_tests(q, choice_ids), "100", "correct_fb", go_on=False)
    _condition(processing, [_other()], None, "general_incorrect_fb", go_on=True)
    _feedback(item, "general_fb", lms.general_feedback(q, site_url))
    _feedback(item, "correct_fb", lms.right_feedback(q))
    _feedback(item, "general_incorrect_fb", lms.wrong_feedback(q))
    if q.kind in ("single", "multiple", "truefalse"):
        for i in with_feedback:
            _feedback(item, f"{choice_ids[i]}_fb", lms.paragraphs(q.choice_feedback(i)))
    return item


def assessment_xml(bank: Bank, site_url: str) -> str:
    """The QTI 1.2 assessment: every question in one section, in topic, then id order."""
    root = ET.Element("questestinterop")
    _sub(root, "qticomment", f"archkb quiz bank ({bank.generator}): {len(bank.questions)} questions in QTI 1.2.")
    assessment = _sub(root, "assessment", ident=ASSESSMENT_ID, title="archkb quiz bank")
    meta = _sub(_sub(assessment, "qtimetadata"), "qtimetadatafield")
    _sub(meta, "fieldlabel", "cc_maxattempts")
    _sub(meta, "fieldentry", "1")
    section = _sub(assessment, "section", ident="root_section")
    topics = list(bank.topics)
    for q in sorted(bank.questions, key=lambda q: (topics.index(q.topic) if q.topic in topics else len(topics), q.id)):
        section.append(item_element(q, bank, site_url))
    ET.indent(lms.xml_safe(root), space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def manifest_xml() -> str:
    """``imsmanifest.xml``: one QTI 1.2 resource, the assessment file."""
    ET.register_namespace("", MANIFEST_NS)
    ns = f"{{{MANIFEST_NS}}}"
    manifest = ET.Element(f"{ns}manifest", {"identifier": f"{ASSESSMENT_ID}-manifest"})
    metadata = _sub(manifest, f"{ns}metadata")
    _sub(metadata, f"{ns}schema", "IMS Content")
    _sub(metadata, f"{ns}schemaversion", "1.1.3")
    _sub(manifest, f"{ns}organizations")
    resource = _sub(_sub(manifest, f"{ns}resources"), f"{ns}resource", identifier=ASSESSMENT_ID, type="imsqti_xmlv1p2")
    _sub(resource, f"{ns}file", href=QTI_FILE)
    ET.indent(manifest, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(manifest, encoding="unicode") + "\n"


def bank_qti_package(bank: Bank, site_url: str) -> bytes:
    """The content package as zip bytes: the manifest first, then the assessment; fixed dates."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, text in (("imsmanifest.xml", manifest_xml()), (QTI_FILE, assessment_xml(bank, site_url))):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            package.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()
