"""The Moodle XML export, read back the way Moodle's qformat_xml imports it, and graded as Moodle grades it."""

from __future__ import annotations

import html
import itertools
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from archkb.quiz.moodle import bank_moodle_xml, category_path
from archkb.quiz.question import Bank, Question

from ..quizkit import archkb, real_built

SITE = "https://trainers.example.org/archkb/"

#: Moodle counts a mark above this as right (question_state::graded_state_for_fraction): 3 x 33.33333 % is full marks.
RIGHT = 0.999999


@dataclass
class Imported:
    """One question as Moodle's importer sees it."""

    qtype: str
    name: str
    idnumber: str
    text: str
    category: str
    general: str
    answers: list[tuple[float, str, str]] = field(default_factory=list)  # fraction (0..1), text, feedback
    pairs: list[tuple[str, str]] = field(default_factory=list)  # matching: prompt (may be empty), answer
    options: dict[str, str] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)


def _html_text(element: ET.Element | None) -> str:
    """The text of a format="html" field as a learner reads it (tags dropped, entities resolved)."""
    if element is None:
        return ""
    raw = element.findtext("text") or ""
    return html.unescape(re.sub(r"<br>", "\n", re.sub(r"</p><p>", "\n\n", re.sub(r"<(?!br>|/p><p>)[^>]+>", "", raw))))


def read_moodle(text: str) -> list[Imported]:
    """Every question of a Moodle XML file, with the category in force, as qformat_xml reads them."""
    root = ET.fromstring(text)
    assert root.tag == "quiz"
    category, found = "", []
    for question in root.findall("question"):
        qtype = question.get("type", "")
        if qtype == "category":
            category = question.findtext("category/text") or ""
            continue
        item = Imported(
            qtype=qtype,
            name=question.findtext("name/text") or "",
            idnumber=question.findtext("idnumber") or "",
            text=_html_text(question.find("questiontext")),
            category=category,
            general=(question.find("generalfeedback/text").text or ""),  # type: ignore[union-attr]
            tags=[t.findtext("text") or "" for t in question.findall("tags/tag")],
        )
        for answer in question.findall("answer"):
            fraction = float(answer.get("fraction", "0"))
            shown = _html_text(answer) if answer.get("format") == "html" else answer.findtext("text") or ""
            item.answers.append(
                (fraction if qtype == "ordering" else fraction / 100, shown, _html_text(answer.find("feedback")))
            )
        for sub in question.findall("subquestion"):
            item.pairs.append((_html_text(sub), sub.findtext("answer/text") or ""))
        for child in question:
            if len(child) == 0 and child.tag not in ("idnumber",):
                item.options[child.tag] = child.text or ""
        found.append(item)
    return found


def moodle_grade(item: Imported, response: object) -> float:
    """The mark Moodle gives (0..1): multichoice sums the chosen fractions, clamped to 0..1."""
    if item.qtype == "multichoice" and item.options["single"] == "true" or item.qtype == "truefalse":
        return item.answers[response][0]  # type: ignore[index]
    if item.qtype == "multichoice":
        return min(1.0, max(0.0, sum(item.answers[i][0] for i in response)))  # type: ignore[attr-defined]
    if item.qtype == "multichoiceset":  # all or nothing: exactly the answers with a positive fraction
        return float(set(response) == {i for i, a in enumerate(item.answers) if a[0] > 0})  # type: ignore[call-overload]
    if item.qtype == "matching":
        stems = [(p, a) for p, a in item.pairs if p]
        return float(all(response[p] == a for p, a in stems))  # type: ignore[index]
    assert item.qtype == "ordering" and item.options["gradingtype"] == "ALL_OR_NOTHING"
    right = [text for _, text, _ in sorted(item.answers, key=lambda a: a[0])]
    return float(list(response) == right)  # type: ignore[call-overload]


def responses(q: Question, item: Imported) -> list[tuple[object, tuple[int, ...]]]:
    """Every response to a choice question (as Moodle and as archkb see it); for the others the key and a wrong one."""
    n = len(q.choices)
    if q.kind in ("single", "truefalse"):
        return [(i, (i,)) for i in range(n)]
    if q.kind == "multiple":
        subsets = itertools.chain.from_iterable(itertools.combinations(range(n), k) for k in range(n + 1))
        return [(s, s) for s in subsets]
    if q.kind == "ordering":
        return [([q.choices[i] for i in p], p) for p in itertools.permutations(range(n))]
    key = {q.prompts[j]: q.choices[i] for j, i in enumerate(q.answer)}
    wrong_answer = (q.answer[1], q.answer[0], *q.answer[2:])
    wrong = {q.prompts[j]: q.choices[i] for j, i in enumerate(wrong_answer)}
    return [(key, q.answer), (wrong, wrong_answer)]


@pytest.fixture(scope="module")
def bank() -> Bank:
    return real_built().bank


@pytest.mark.parametrize("multiple", ["all-or-nothing", "core"])
def test_every_question_imports_with_its_kind_key_and_feedback(bank: Bank, multiple: str) -> None:
    imported = {i.idnumber: i for i in read_moodle(bank_moodle_xml(bank, SITE, multiple))}  # type: ignore[arg-type]
    assert sorted(imported) == sorted(q.id for q in bank.questions)
    expected_type = {
        "single": "multichoice",
        "multiple": "multichoiceset" if multiple == "all-or-nothing" else "multichoice",
        "truefalse": "truefalse",
        "matching": "matching",
        "ordering": "ordering",
    }
    bad = []
    for q in bank.questions:
        item = imported[q.id]
        if item.qtype != expected_type[q.kind]:
            bad.append(f"{q.id}: {q.kind} imported as {item.qtype}")
        if item.text != q.text:
            bad.append(f"{q.id}: text {item.text!r} is not {q.text!r}")
        if q.kind in ("single", "multiple"):
            if [a[1] for a in item.answers] != list(q.choices):
                bad.append(f"{q.id}: choices differ")
            if [a[2] for a in item.answers] != [q.choice_feedback(i) for i in range(len(q.choices))]:
                bad.append(f"{q.id}: feedback per choice differs")
            if item.options.get("shuffleanswers") != "true":
                bad.append(f"{q.id}: choices are not shuffled")
        if q.kind == "truefalse" and [a[2] for a in item.answers] != list(q.feedback):
            bad.append(f"{q.id}: true/false feedback differs")
        for moodle_response, archkb_response in responses(q, item):
            full = moodle_grade(item, moodle_response) > RIGHT
            if full != q.is_correct(archkb_response):
                bad.append(f"{q.id}: Moodle gives {'full' if full else 'less'} marks for {archkb_response}")
    assert not bad, "\n".join(bad[:30])


def test_multiple_response_in_core_mode_scores_zero_for_any_wrong_pick(bank: Bank) -> None:
    imported = {i.idnumber: i for i in read_moodle(bank_moodle_xml(bank, SITE, "core"))}
    multiple = [q for q in bank.questions if q.kind == "multiple"]
    assert multiple
    bad = []
    for q in multiple:
        for chosen, _ in responses(q, imported[q.id]):
            if set(chosen) - set(q.answer) and moodle_grade(imported[q.id], chosen) != 0:  # type: ignore[arg-type]
                bad.append(f"{q.id}: {chosen} scores above 0 with a wrong choice")
    assert not bad, "\n".join(bad)


def test_names_categories_tags_and_links(bank: Bank) -> None:
    text = bank_moodle_xml(bank, SITE)
    imported = read_moodle(text)
    by_id = bank.by_id()
    bad = []
    for item in imported:
        q = by_id[item.idnumber]
        if re.search(r"q-[0-9a-f]{12}", item.name) or not item.name.startswith(bank.topics[q.topic] + ": "):
            bad.append(f"{q.id}: name {item.name!r}")
        want = category_path((bank.topics[q.topic], q.level.capitalize(), q.difficulty.capitalize()))
        if item.category != want:
            bad.append(f"{q.id}: category {item.category!r}, want {want!r}")
        if item.tags != [f"topic:{q.topic}", f"level:{q.level}", f"difficulty:{q.difficulty}", f"kind:{q.kind}"]:
            bad.append(f"{q.id}: tags {item.tags}")
        page = SITE + q.teaches.replace(".md", ".html")
        if f'href="{page}"' not in item.general:
            bad.append(f"{q.id}: general feedback does not link {page}")
    hrefs = re.findall(r'href=\\?"([^"]*)"', html.unescape(text))
    assert hrefs and not [h for h in hrefs if not h.startswith(("https://", "http://"))]
    assert not bad, "\n".join(bad[:30])
    assert "all or nothing" in text.split("-->")[0]


def test_category_names_escape_slashes() -> None:
    assert category_path(("TCP/IP", "Recall", "Easy")) == "$course$/top/archkb/TCP//IP/Recall/Easy"


def test_the_cli_writes_it_atomically_and_reproducibly(tmp_path: Path) -> None:
    outs = []
    for name in ("a.xml", "b.xml"):
        out = tmp_path / name
        done = archkb(
            ["export", "--what", "quiz", "--format", "moodle", "--out", str(out), "--site-url", SITE], tmp_path
        )
        assert done.returncode == 0, done.stderr
        assert "all or nothing" in done.stderr
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    assert outs[0].decode() == bank_moodle_xml(real_built().bank, SITE)


def test_the_site_url_comes_from_mkdocs_yml_and_a_bad_one_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "q.xml"
    done = archkb(["export", "--what", "quiz", "--format", "moodle", "--out", str(out)], tmp_path)
    assert done.returncode == 0, done.stderr
    assert 'href="http://127.0.0.1:8000/' in html.unescape(out.read_text(encoding="utf-8"))
    bad = tmp_path / "bad.xml"
    done = archkb(
        ["export", "--what", "quiz", "--format", "moodle", "--out", str(bad), "--site-url", "docs/"], tmp_path
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == ["--site-url:0:0: site URL 'docs/' is not an absolute http(s) address"]
    assert not bad.exists()
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: x\n", encoding="utf-8")
    done = archkb(
        ["export", "--what", "quiz", "--format", "qti", "--out", str(bad), "--config-file", str(config)], tmp_path
    )
    assert done.returncode == 1
    assert done.stderr.strip() == f"{config}:0:0: no site_url, which exports need for absolute links; pass --site-url"
    assert not bad.exists()


def test_a_format_that_does_not_fit_is_a_usage_error(tmp_path: Path) -> None:
    done = archkb(["export", "--what", "kb", "--format", "moodle", "--out", str(tmp_path / "x")], tmp_path)
    assert done.returncode == 2
    assert "--what kb writes --format json, not moodle" in done.stderr
