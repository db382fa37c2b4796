"""``archkb export --what quiz --format json``: valid against its shipped schema, atomic, stable."""

from __future__ import annotations

import json
from pathlib import Path

from jsonschema import Draft202012Validator

from archkb.kb.schema import load_schema
from archkb.quiz.exports import bank_json
from archkb.quiz.question import bank_from_dict

from ..quizkit import archkb, edit, kb_copy, real_built


def test_json_export_matches_its_schema_and_the_bank(tmp_path: Path) -> None:
    out = tmp_path / "bank.json"
    done = archkb(["export", "--what", "quiz", "--format", "json", "--out", str(out)], tmp_path)
    assert done.returncode == 0, done.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    schema = load_schema("quiz-bank.schema.json")
    Draft202012Validator.check_schema(schema)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in Draft202012Validator(schema).iter_errors(data)]
    assert not errors, "\n".join(errors[:20])
    assert bank_from_dict(data) == real_built().bank
    assert out.read_text(encoding="utf-8") == bank_json(real_built().bank)


def test_schema_rejects_a_malformed_bank() -> None:
    data = json.loads(bank_json(real_built().bank))
    data["questions"][0]["kind"] = "essay"
    data["questions"][1]["answer"] = []
    validator = Draft202012Validator(load_schema("quiz-bank.schema.json"))
    assert len(list(validator.iter_errors(data))) >= 2


def test_a_broken_kb_writes_nothing(tmp_path: Path) -> None:
    kb_dir = kb_copy(tmp_path)
    edit(kb_dir / "questions.yaml", "tests: [vk8s.placement]", "tests: [vk8s.placment]")
    out = tmp_path / "bank.json"
    done = archkb(["export", "--kb", str(kb_dir), "--what", "quiz", "--format", "json", "--out", str(out)], tmp_path)
    assert done.returncode == 1
    assert "questions.yaml:" in done.stderr and "unknown fact 'vk8s.placment'" in done.stderr
    assert not out.exists() and list(tmp_path.glob(".bank.json*")) == []
