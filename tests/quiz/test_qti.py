"""The QTI content package: unzipped, its manifest checked, its assessment validated against the QTI 1.2.1 DTD
and every item scored by its own response processing."""

from __future__ import annotations

import html
import itertools
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from archkb.quiz.qti import QTI_FILE, bank_qti_package
from archkb.quiz.question import Bank, Question

from ..quizkit import ROOT, archkb, real_built

SITE = "https://trainers.example.org/archkb/"
#: Put there by scripts/setup.sh from the pyslet sdist on PyPI (checked by its SHA-256).
DTD = ROOT / ".venv" / "share" / "archkb" / "ims_qtiasiv1p2p1.dtd"
MANIFEST = "{http://www.imsglobal.org/xsd/imscp_v1p1}"


@pytest.fixture(scope="module")
def bank() -> Bank:
    return real_built().bank


@pytest.fixture(scope="module")
def package(bank: Bank) -> dict[str, bytes]:
    with zipfile.ZipFile(__import__("io").BytesIO(bank_qti_package(bank, SITE))) as archive:
        assert archive.testzip() is None
        return {name: archive.read(name) for name in archive.namelist()}


def test_the_manifest_lists_exactly_the_files_of_the_package(package: dict[str, bytes]) -> None:
    manifest = ET.fromstring(package["imsmanifest.xml"])
    assert manifest.tag == f"{MANIFEST}manifest"
    resources = manifest.findall(f"{MANIFEST}resources/{MANIFEST}resource")
    assert [r.get("type") for r in resources] == ["imsqti_xmlv1p2"]
    listed = {f.get("href") for r in resources for f in r.findall(f"{MANIFEST}file")}
    assert listed == set(package) - {"imsmanifest.xml"} == {QTI_FILE}
    assert manifest.findtext(f"{MANIFEST}metadata/{MANIFEST}schema") == "IMS Content"


def test_the_assessment_is_valid_against_the_qti_1_2_1_dtd(package: dict[str, bytes]) -> None:
    assert DTD.is_file(), f"{DTD} is missing: run ./scripts/setup.sh"
    dtd = etree.DTD(str(DTD))
    tree = etree.fromstring(package[QTI_FILE])
    assert dtd.validate(tree), "\n".join(str(e) for e in dtd.error_log.filter_from_errors()[:20])


def test_the_dtd_check_catches_a_broken_item(package: dict[str, bytes]) -> None:
    dtd = etree.DTD(str(DTD))
    tree = etree.fromstring(package[QTI_FILE])
    item = tree.find(".//item")
    assert item is not None
    item.insert(0, etree.Element("presentation"))  # a second presentation, before the metadata
    assert not dtd.validate(tree)


def _evaluate(test: ET.Element, response: dict[str, list[str]]) -> bool:
    if test.tag == "varequal":
        return (test.text or "") in response.get(test.get("respident", ""), [])
    if test.tag == "not":
        return not _evaluate(test[0], response)
    if test.tag == "and":
        return all(_evaluate(t, response) for t in test)
    if test.tag == "or":
        return any(_evaluate(t, response) for t in test)
    assert test.tag == "other", test.tag
    return True


def score(item: ET.Element, response: dict[str, list[str]]) -> tuple[float, list[str]]:
    """SCORE and the feedback shown, by QTI 1.2 response processing (conditions in order; continue="No" stops).

    An ordered response is compared as QTI 1.2 writes it: the varequal tests of the key, in order,
    against the learner's order.
    """
    value, shown = 0.0, []
    ordered = item.find(".//response_lid[@rcardinality='Ordered']") is not None
    for condition in item.findall("resprocessing/respcondition"):
        conditionvar = condition.find("conditionvar")
        tests = list(conditionvar) if conditionvar is not None else []
        if ordered and tests and tests[0].tag == "and":
            holds = [t.text for t in tests[0]] == response["response1"]
        else:
            holds = all(_evaluate(t, response) for t in tests)
        if not holds:
            continue
        for setvar in condition.findall("setvar"):
            value = float(setvar.text or 0) if setvar.get("action") == "Set" else value + float(setvar.text or 0)
        shown += [d.get("linkrefid", "") for d in condition.findall("displayfeedback")]
        if condition.get("continue") == "No":
            break
    return value, shown


def responses(q: Question) -> list[tuple[dict[str, list[str]], tuple[int, ...]]]:
    n = len(q.choices)
    ids = [f"c{i}" for i in range(n)]
    if q.kind in ("single", "truefalse"):
        return [({"response1": [ids[i]]}, (i,)) for i in range(n)]
    if q.kind == "multiple":
        subsets = itertools.chain.from_iterable(itertools.combinations(range(n), k) for k in range(n + 1))
        return [({"response1": [ids[i] for i in s]}, s) for s in subsets]
    if q.kind == "ordering":
        return [({"response1": [ids[i] for i in p]}, p) for p in itertools.permutations(range(n))]
    wrong = (q.answer[1], q.answer[0], *q.answer[2:])
    return [({f"response_p{j}": [ids[i]] for j, i in enumerate(a)}, a) for a in (q.answer, wrong)]


def _text(element: ET.Element | None) -> str:
    raw = element.text or "" if element is not None else ""
    return html.unescape(re.sub(r"<[^>]+>", "", raw.replace("</p><p>", "\n\n").replace("<br>", "\n")))


def test_every_item_reads_back_and_scores_as_archkb_grades(bank: Bank, package: dict[str, bytes]) -> None:
    root = ET.fromstring(package[QTI_FILE])
    items = {i.get("ident"): i for i in root.iter("item")}
    assert sorted(items) == sorted(q.id for q in bank.questions)
    bad = []
    for q in bank.questions:
        item = items[q.id]
        title = item.get("title", "")
        if re.search(r"q-[0-9a-f]{12}", title) or not title.startswith(bank.topics[q.topic]):
            bad.append(f"{q.id}: title {title!r}")
        if _text(item.find("presentation/material/mattext")) != q.text:
            bad.append(f"{q.id}: stem differs")
        labels = [
            _text(m) for m in item.findall("presentation/response_lid/render_choice/response_label/material/mattext")
        ]
        if labels[: len(q.choices)] != list(q.choices):
            bad.append(f"{q.id}: choices differ")
        if q.kind == "matching":
            prompts = [_text(r.find("material/mattext")) for r in item.findall("presentation/response_lid")]
            if prompts != list(q.prompts):
                bad.append(f"{q.id}: prompts differ")
        feedback = {f.get("ident"): _text(f.find("flow_mat/material/mattext")) for f in item.findall("itemfeedback")}
        if f'href="{SITE}' not in (item.find("itemfeedback[@ident='general_fb']/flow_mat/material/mattext").text or ""):  # type: ignore[union-attr]
            bad.append(f"{q.id}: general feedback has no absolute link")
        for response, archkb_answer in responses(q):
            points, shown = score(item, response)
            if (points == 100) != q.is_correct(archkb_answer):
                bad.append(f"{q.id}: {archkb_answer} scores {points}")
            for i in archkb_answer if q.kind in ("single", "multiple", "truefalse") else ():
                if q.choice_feedback(i) and feedback.get(f"c{i}_fb") != q.choice_feedback(i):
                    bad.append(f"{q.id}: feedback on choice {i} is missing")
                if q.choice_feedback(i) and f"c{i}_fb" not in shown:
                    bad.append(f"{q.id}: feedback on choice {i} is not shown when it is chosen")
    assert not bad, "\n".join(bad[:30])


def test_the_cli_writes_the_same_package_twice(tmp_path: Path) -> None:
    outs = []
    for name in ("a.zip", "b.zip"):
        out = tmp_path / name
        done = archkb(["export", "--what", "quiz", "--format", "qti", "--out", str(out), "--site-url", SITE], tmp_path)
        assert done.returncode == 0, done.stderr
        outs.append(out.read_bytes())
    assert outs[0] == outs[1] == bank_qti_package(real_built().bank, SITE)
