"""The schema-check cache: a warm load skips jsonschema for unchanged documents and nothing else."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archkb.errors import KBError
from archkb.kb import load as kb_module
from archkb.kb import load_kb, schema, schema_cache


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the documents the JSON Schema check runs on."""
    seen: list[str] = []
    real = schema.check_document

    def counting(doc):  # type: ignore[no-untyped-def]
        seen.append(doc.name)
        return real(doc)

    monkeypatch.setattr(kb_module.schema, "check_document", counting)
    return seen


def test_a_warm_load_checks_no_unchanged_document_and_builds_the_same_kb(
    base_kb: Path, tmp_path: Path, checks: list[str]
) -> None:
    cold = load_kb(base_kb, cache_dir=tmp_path / "cache")
    assert len(checks) == len(list(base_kb.rglob("*.yaml")))
    checks.clear()
    warm = load_kb(base_kb, cache_dir=tmp_path / "cache")
    assert checks == []
    assert warm == cold


def test_a_changed_document_is_checked_again(base_kb: Path, tmp_path: Path, checks: list[str]) -> None:
    load_kb(base_kb, cache_dir=tmp_path / "cache")
    checks.clear()
    concepts = base_kb / "concepts.yaml"
    concepts.write_text(
        concepts.read_text(encoding="utf-8") + "\n# a comment changes the bytes, not the data\n", encoding="utf-8"
    )
    load_kb(base_kb, cache_dir=tmp_path / "cache")
    assert checks == [], "the key is the data, so a comment changes nothing"
    concepts.write_text(
        concepts.read_text(encoding="utf-8").replace("kind: concepts", "kind: concepts\nextra_field: 1"),
        encoding="utf-8",
    )
    with pytest.raises(KBError) as err:
        load_kb(base_kb, cache_dir=tmp_path / "cache")
    assert checks == ["concepts.yaml"]
    assert any("unknown field 'extra_field'" in p.message for p in err.value.problems)


def test_a_document_with_problems_is_never_remembered(base_kb: Path, tmp_path: Path, checks: list[str]) -> None:
    concepts = base_kb / "concepts.yaml"
    concepts.write_text(
        concepts.read_text(encoding="utf-8").replace("kind: concepts", "kind: concepts\nextra_field: 1"),
        encoding="utf-8",
    )
    problems = []
    for _ in range(2):
        with pytest.raises(KBError) as err:
            load_kb(base_kb, cache_dir=tmp_path / "cache")
        problems.append(err.value.problems)
    assert problems[0] == problems[1] and checks.count("concepts.yaml") == 2
    assert not (tmp_path / "cache").exists(), "a KB with problems writes nothing, not even the cache"


def test_other_schemas_or_versions_invalidate_the_cache(
    base_kb: Path, tmp_path: Path, checks: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    load_kb(base_kb, cache_dir=tmp_path / "cache")
    checks.clear()
    monkeypatch.setattr(schema_cache, "salt", lambda: "another schema version")
    load_kb(base_kb, cache_dir=tmp_path / "cache")
    assert len(checks) == len(list(base_kb.rglob("*.yaml")))


@pytest.mark.parametrize(
    "content", ["not json", '{"salt": 1}', '["a list"]', ""], ids=["garbage", "bad-salt", "list", "empty"]
)
def test_a_corrupt_cache_is_ignored(base_kb: Path, tmp_path: Path, checks: list[str], content: str) -> None:
    (tmp_path / "cache").mkdir()
    (tmp_path / "cache" / schema_cache.FILE_NAME).write_text(content, encoding="utf-8")
    load_kb(base_kb, cache_dir=tmp_path / "cache")
    assert len(checks) == len(list(base_kb.rglob("*.yaml")))
    stored = json.loads((tmp_path / "cache" / schema_cache.FILE_NAME).read_text(encoding="utf-8"))
    assert stored["salt"] == schema_cache.salt() and len(stored["passed"]) == len(checks)


def test_an_unwritable_cache_only_costs_time(base_kb: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go", encoding="utf-8")
    assert load_kb(base_kb, cache_dir=blocker / "cache") == load_kb(base_kb)


def test_without_a_cache_folder_every_document_is_checked_every_time(base_kb: Path, checks: list[str]) -> None:
    load_kb(base_kb)
    load_kb(base_kb)
    assert len(checks) == 2 * len(list(base_kb.rglob("*.yaml")))
