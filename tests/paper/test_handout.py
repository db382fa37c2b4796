"""The study handout, read back from the PDF: one page per architecture that holds all of it, the comparison,
the glossary, the sources behind every citation number, absolute links, and the same bytes twice."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from archkb.kb import load_kb
from archkb.kb.model import KB
from archkb.pages.context import NOT_STATED
from archkb.pages.fields import field_label
from archkb.paper.handout import COMPARED, handout_data

from ..quizkit import REAL_KB, archkb
from .paperkit import page_count, pdf_text, squeezed

SITE = "https://trainers.example.org/archkb/"


@pytest.fixture(scope="module")
def kb() -> KB:
    return load_kb(REAL_KB)


@pytest.fixture(scope="module")
def handout(tmp_path_factory: pytest.TempPathFactory) -> Path:
    where = tmp_path_factory.mktemp("handout")
    out = where / "handout.pdf"
    done = archkb(["export", "--what", "handout", "--format", "pdf", "--out", str(out), "--site-url", SITE], where)
    assert done.returncode == 0, done.stderr
    return out


def test_each_architecture_fits_its_own_page(handout: Path, kb: KB) -> None:
    data = handout_data(kb, {}, SITE)
    count = kb.architecture_count()
    assert page_count(handout) > count
    bad = []
    for page, arch in enumerate(data["architectures"], start=1):
        text = pdf_text(handout, page, page)
        flat = squeezed(text)
        if f"Architecture {arch['number']} of {count}" not in text or squeezed(arch["name"]) not in flat:
            bad.append(f"page {page} is not {arch['name']}'s")
        for section in arch["sections"]:
            if squeezed(section["heading"]) not in flat:
                bad.append(f"page {page}: section {section['heading']!r} is not on it")
            for item in section["items"]:
                if (
                    squeezed(item["label"] + item["text"]) not in flat.replace(":", "")
                    and squeezed(item["text"]) not in flat
                ):
                    bad.append(f"page {page}: {item['text'][:50]!r} is not on it (overflowed?)")
        following = pdf_text(handout, page + 1, page + 1).lstrip()
        if page < count and not following.startswith(f"Architecture {page + 1} of {count}"):
            bad.append(f"page {page + 1} does not start with the next architecture: {architecture_spilled(following)}")
        if page == count and not following.startswith("Comparison"):
            bad.append(f"page {page + 1} does not start with the comparison: {architecture_spilled(following)}")
    assert not bad, "\n".join(bad)


def architecture_spilled(text: str) -> str:
    return repr(text[:80])


def test_the_diagram_is_on_each_architecture_page(handout: Path, kb: KB) -> None:
    for page, arch in enumerate(kb.architectures, start=1):
        labels = [n.label for n in arch.topology.nodes]
        flat = squeezed(pdf_text(handout, page, page))
        missing = [label for label in labels if squeezed(label) not in flat]
        assert not missing, f"page {page}: diagram labels {missing} are not on it"


def without_footers(text: str) -> str:
    """The text with the running footers taken out, so an entry broken across pages reads as one."""
    lines = text.splitlines()
    return "\n".join(
        line
        for line in lines
        if not re.fullmatch(r"(F5 XC and Kubernetes: study handout)?\s*(\d+ of \d+)?", line.strip())
    )


def test_comparison_glossary_and_sources(handout: Path, kb: KB) -> None:
    text = without_footers(pdf_text(handout))
    flat = squeezed(text)
    data = handout_data(kb, {}, SITE)
    bad = [f"column {c!r}" for c in data["comparison"]["columns"] if squeezed(c) not in flat]
    bad += [f"row {r['label']!r}" for r in data["comparison"]["rows"] if squeezed(r["label"]) not in flat]
    bad += [f"glossary {g['label']!r}" for g in data["glossary"] if squeezed(g["label"] + ":" + g["text"]) not in flat]
    for source in data["sources"]:
        for piece in (f"[{source['number']}]{source['title']}", source["site"], source["url"]):
            if squeezed(piece) not in flat:
                bad.append(f"source {source['number']} lacks {piece[:60]!r}")
    assert not bad, "\n".join(bad)
    cited = {int(n) for group in re.findall(r"\[([\d,]+)\]", text) for n in group.split(",")}
    assert cited == set(range(1, len(data["sources"]) + 1))
    links = re.findall(r"https?://\S+", text)
    assert links and all(link.startswith(("https://", "http://")) for link in links)


def test_every_fact_has_a_source_and_unknown_stays_unknown(kb: KB) -> None:
    data = handout_data(kb, {}, SITE)
    silent = (NOT_STATED, "None in the KB.")
    bad = []
    for arch in data["architectures"]:
        for section in arch["sections"]:
            items = section["items"][-1:] if section["heading"] == "What it needs" else section["items"]
            bad += [
                f"{arch['name']}, {section['heading']}: no source for {i['label']} {i['text'][:50]!r}"
                for i in items
                if not i["cites"] and i["text"] not in silent
            ]
    bad += [f"glossary {g['label']}: no source" for g in data["glossary"] if not g["cites"]]
    names = {field_label(kb, name): name for name in COMPARED}
    for row in data["comparison"]["rows"]:
        for arch, cell in zip(kb.architectures, row["cells"], strict=True):
            fact = arch.fields.get(names[row["label"]])
            if not cell["cites"] and cell["text"] != NOT_STATED:
                bad.append(f"comparison {row['label']} / {arch.id}: {cell['text']!r} without a source")
            if cell["text"] == NOT_STATED and fact is not None and fact.value not in ((), [], None):
                bad.append(f"comparison {row['label']} / {arch.id}: a stated value shown as not stated")
    assert not bad, "\n".join(bad)
    vk8s = next(a for a in data["architectures"] if a["name"].endswith("(vK8s)"))
    exposes = next(s for s in vk8s["sections"] if s["heading"] == "What it exposes")
    assert exposes["items"][0]["text"] == NOT_STATED and "low confidence" in exposes["items"][0]["note"]


def test_the_same_kb_gives_the_same_bytes(handout: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.pdf"
    done = archkb(["export", "--what", "handout", "--out", str(again), "--site-url", SITE], tmp_path)
    assert done.returncode == 0, done.stderr
    assert again.read_bytes() == handout.read_bytes()


def test_a_bad_site_url_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "handout.pdf"
    done = archkb(["export", "--what", "handout", "--out", str(out), "--site-url", "ftp://x"], tmp_path)
    assert done.returncode == 1
    assert done.stderr.strip() == "--site-url:0:0: site URL 'ftp://x' is not an absolute http(s) address"
    assert not out.exists() and not list(tmp_path.glob(".handout*"))
