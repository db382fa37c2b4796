"""load_kb on the folder of broken fixture KBs: one folder per failure mode, exact messages and lines.

Each folder under fixtures/broken/ holds the files that differ from fixtures/base-kb/ and an
``expected.txt`` with every problem line the validator must print, in order.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from archkb.errors import KBError
from archkb.kb import load_kb
from archkb.kb.files import discover, fingerprint

from ..conftest import FIXTURES

BROKEN = sorted(p for p in (FIXTURES / "broken").iterdir() if p.is_dir())


def overlay(case: Path, kb: Path) -> None:
    for source in case.rglob("*"):
        if source.is_file() and source.name != "expected.txt":
            target = kb / source.relative_to(case)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)


def problems_of(kb: Path) -> list[str]:
    with pytest.raises(KBError) as err:
        load_kb(kb)
    return [str(p) for p in err.value.problems]


def test_base_fixture_is_valid(base_kb: Path) -> None:
    kb = load_kb(base_kb)
    assert [a.id for a in kb.architectures] == ["one", "two"]


def test_there_are_enough_broken_fixtures() -> None:
    assert len(BROKEN) >= 30


@pytest.mark.parametrize("case", BROKEN, ids=[c.name for c in BROKEN])
def test_broken_fixture_reports_exactly_its_problems(case: Path, base_kb: Path) -> None:
    overlay(case, base_kb)
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert problems_of(Path("kb")) == expected


def test_problems_of_several_files_come_at_once(base_kb: Path) -> None:
    overlay(FIXTURES / "broken" / "duplicate-key", base_kb)
    overlay(FIXTURES / "broken" / "no-as-boolean", base_kb)
    overlay(FIXTURES / "broken" / "top-level-list", base_kb)
    found = problems_of(Path("kb"))
    assert [p.split(":")[0] for p in found] == [
        "kb/architectures/1-one.yaml",
        "kb/concepts.yaml",
        "kb/restrictions.yaml",
    ]


def test_symlink_out_of_the_kb_is_rejected(base_kb: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside.yaml"
    outside.write_text("kind: qa\n")
    os.symlink(outside, base_kb / "linked.yaml")
    assert problems_of(Path("kb")) == [
        f"kb/linked.yaml:1:1: symlink points outside the knowledge base ({outside}); kb files must live in kb"
    ]


def test_symlink_inside_the_kb_is_followed_and_hidden_folders_are_skipped(base_kb: Path) -> None:
    (base_kb / ".store").mkdir()
    (base_kb / "qa.yaml").rename(base_kb / ".store" / "qa.yaml")
    os.symlink(base_kb / ".store" / "qa.yaml", base_kb / "qa.yaml")
    assert "qa.yaml" in discover(base_kb)
    assert load_kb(base_kb).threads[0].id == "thread-one"


def test_folder_named_like_a_kb_file_is_rejected(base_kb: Path) -> None:
    (base_kb / "extra.yaml").mkdir()
    assert problems_of(Path("kb")) == ["kb/extra.yaml:1:1: a folder is named like a kb file; rename it"]


def test_missing_kb_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert problems_of(Path("nowhere")) == ["nowhere:1:1: knowledge base folder not found"]


def test_oversize_file_is_rejected(base_kb: Path) -> None:
    from archkb.kb.reader import MAX_BYTES

    with (base_kb / "concepts.yaml").open("a") as handle:
        handle.write("# padding line\n" * (MAX_BYTES // 15 + 1))
    found = problems_of(Path("kb"))
    assert len(found) == 1 and found[0].startswith("kb/concepts.yaml:1:1: file is ") and "byte cap" in found[0]


def test_number_like_text_is_kept_as_written(base_kb: Path) -> None:
    path = base_kb / "sources.yaml"
    path.write_text(path.read_text().replace('version: "1.0"', "version: 1.10"))
    assert load_kb(base_kb).sources["article"].version == "1.10"


def test_fingerprint_changes_with_content_only(base_kb: Path) -> None:
    before = fingerprint(base_kb)
    assert fingerprint(base_kb) == before
    path = base_kb / "qa.yaml"
    path.write_text(path.read_text() + "\n")
    assert fingerprint(base_kb) != before
