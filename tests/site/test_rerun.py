"""Incremental regeneration: after an edit, the pages that ran again plus the pages kept must equal a
full generation of the edited KB, byte for byte, and what did not read the edited part must not run.

Every edit is made in place in a copy of the real KB (as under ``mkdocs serve``), and both sides
are real: the real page generators and the real quiz page, on KBs loaded from disk.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from archkb.kb import load_kb
from archkb.kb.files import discover
from archkb.kb.model import KB
from archkb.site.generate import generate_site
from archkb.site.rerun import RecordingKB, Unit, read_again, regenerate, unchanged

from ..conftest import REAL_KB

ARCHITECTURES = ("secure-k8s-gateway", "k8s-site", "vk8s", "mk8s")
#: The first plain, capitalised text of a file: a fact text, a name, a title or a label.
FIRST_TEXT = re.compile(r"^(\s*-?\s*(?:text|name|title|label): )([A-Z])", re.M)


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(REAL_KB, tmp_path / "kb"))


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def after_edit(kb_dir: Path, change: object) -> tuple[dict[str, bytes], dict[str, bytes], tuple[str, ...]]:
    """(incremental files, full files, units that ran) for the KB in ``kb_dir`` after ``change()``."""
    _, before = generate_site(load_kb(kb_dir), diagrams=False)
    change()  # type: ignore[operator]
    kb = load_kb(kb_dir)
    files, generation = generate_site(kb, diagrams=False, previous=before)
    full, _ = generate_site(kb, diagrams=False)
    return files, full, generation.ran


def differing(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    return sorted(p for p in a.keys() | b.keys() if a.get(p) != b.get(p))


def test_an_unchanged_kb_runs_nothing_again(real_kb: KB) -> None:
    files, first = generate_site(real_kb, diagrams=False)
    again, second = generate_site(load_kb(REAL_KB), diagrams=False, previous=first)
    assert second.ran == () and again == files
    assert len(first.ran) == len(first.outputs) == len(ARCHITECTURES) + 9  # 8 site pages and families, the quiz


def test_one_fact_text_runs_its_architecture_page_and_the_pages_that_gather_all(kb_copy: Path) -> None:
    vk8s = kb_copy / "architectures" / "3-vk8s.yaml"
    files, full, ran = after_edit(
        kb_copy, lambda: replace(vk8s, "gives you a single namespace", "gives you one namespace")
    )
    assert not differing(files, full)
    assert "architecture:vk8s" in ran
    assert not {f"architecture:{a}" for a in ARCHITECTURES if a != "vk8s"} & set(ran), ran
    assert not {"qa", "reference"} & set(ran), "neither reads the architectures' facts"
    assert not {"glossary", "restrictions", "changes"} & set(ran), (
        "they read names, abbreviations, summaries, facts with history or notes"
    )


EDITS = [
    pytest.param(
        "concepts.yaml",
        "name: Regional Edge",
        "name: Regional Edge site",
        {"glossary"},
        {"reference", "qa"},
        id="concept-name",
    ),
    pytest.param("sources.yaml", "title: Introduction", "title: Intro", {"sources"}, {"reference"}, id="section-title"),
    pytest.param(
        "architectures/4-mk8s.yaml",
        "abbreviation: mK8s",
        "abbreviation: MK8S",
        {"architecture:mk8s", "architecture:vk8s"},
        {"reference"},
        id="abbreviation",
    ),
    pytest.param("qa.yaml", "text: ", "text: Reader says, ", {"qa"}, {"reference", "glossary"}, id="qa-text"),
    pytest.param(
        "architectures/3-vk8s.yaml",
        "XC hosts your workloads itself",
        "XC itself hosts your workloads",
        {"glossary", "home"},
        {"changes"},
        id="summary",
    ),
    pytest.param(
        "architectures/1-secure-k8s-gateway.yaml",
        "limited this architecture",
        "restricted this architecture",
        {"changes"},
        {"glossary"},
        id="history",
    ),
    pytest.param(
        "questions.yaml",
        "text: ",
        "text: Quickly, ",
        {"quiz"},
        {"home", "glossary", "architecture:vk8s"},
        id="question-text",
    ),
]


@pytest.mark.parametrize(("name", "old", "new", "must_run", "must_not_run"), EDITS)
def test_an_edit_gives_the_full_generation_and_runs_only_readers(
    kb_copy: Path, name: str, old: str, new: str, must_run: set[str], must_not_run: set[str]
) -> None:
    files, full, ran = after_edit(kb_copy, lambda: replace(kb_copy / name, old, new))
    assert not differing(files, full)
    assert must_run <= set(ran), ran
    assert not must_not_run & set(ran), ran


def first_texts() -> Iterator[str]:
    yield from (name for name in discover(REAL_KB) if FIRST_TEXT.search((REAL_KB / name).read_text(encoding="utf-8")))


@pytest.mark.parametrize("name", list(first_texts()))
def test_editing_any_kb_file_gives_the_full_generation(kb_copy: Path, name: str) -> None:
    path = kb_copy / name

    def change() -> None:
        path.write_text(FIRST_TEXT.sub(r"\1Edited, \2", path.read_text(encoding="utf-8"), count=1), encoding="utf-8")

    files, full, ran = after_edit(kb_copy, change)
    assert ran, "an edited text is read by some page"
    assert not differing(files, full)


def test_shifted_lines_run_the_readers_again_and_change_no_file(kb_copy: Path) -> None:
    """A comment at the top moves every origin below it: readers of those facts run (origins are part
    of what they read, so the check errs on the side of running), and every file stays the same."""
    concepts = kb_copy / "concepts.yaml"
    before, _ = generate_site(load_kb(kb_copy), diagrams=False)
    files, full, ran = after_edit(
        kb_copy,
        lambda: concepts.write_text("# a new first line\n" + concepts.read_text(encoding="utf-8"), encoding="utf-8"),
    )
    assert "glossary" in ran
    assert not differing(files, full) and not differing(files, before)


def test_the_recorder_notes_attributes_and_calls_with_their_values(real_kb: KB) -> None:
    recorder = RecordingKB(real_kb)
    assert recorder.label("vk8s") == real_kb.label("vk8s")
    facts = recorder.all_facts()
    assert isinstance(facts, tuple) and facts == tuple(real_kb.all_facts()), (
        "a generator is settled, so it can be compared later"
    )
    assert recorder.concepts is real_kb.concepts
    assert recorder.reads == {
        ("label", ("vk8s",)): real_kb.label("vk8s"),
        ("all_facts", ()): facts,
        ("concepts",): real_kb.concepts,
    }
    assert all(read_again(real_kb, read) == value for read, value in recorder.reads.items())


def test_the_recorder_has_nothing_a_kb_lacks(real_kb: KB) -> None:
    with pytest.raises(AttributeError):
        RecordingKB(real_kb).no_such_thing  # noqa: B018


def test_a_read_that_fails_on_the_new_kb_counts_as_changed(real_kb: KB) -> None:
    assert not unchanged(real_kb, {("architecture", ("gone",)): None})
    assert unchanged(real_kb, {("has_architecture", ("gone",)): False})


def test_a_unit_with_other_arguments_runs_again(real_kb: KB) -> None:
    runs: list[str] = []

    def render(kb: KB) -> dict[str, str]:
        runs.append("ran")
        return {"page.md": kb.label("vk8s")}

    first = regenerate(real_kb, [Unit("page", ("a",), render)])
    assert regenerate(real_kb, [Unit("page", ("a",), render)], first).ran == ()
    assert regenerate(real_kb, [Unit("page", ("b",), render)], first).ran == ("page",)
    assert len(runs) == 2
