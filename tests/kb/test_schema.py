"""The shipped JSON Schemas: valid, usable by editors, and turned into readable messages."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

from archkb.kb import schema
from archkb.kb.reader import parse

from ..conftest import REAL_KB

SCHEMAS = sorted(Path(schema.__file__).parents[1].joinpath("schemas").glob("*.schema.json"))


@pytest.mark.parametrize("path", SCHEMAS, ids=[p.name for p in SCHEMAS])
def test_every_schema_is_a_valid_draft_2020_12_schema(path: Path) -> None:
    Draft202012Validator.check_schema(json.loads(path.read_text()))


def test_every_kind_has_a_schema() -> None:
    assert set(schema.kinds()) >= {"architecture", "concepts", "qa", "restrictions", "sources", "vocabulary"}


@pytest.mark.parametrize("path", sorted(REAL_KB.rglob("*.yaml")), ids=lambda p: p.name)
def test_kb_files_point_editors_at_their_schema(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
    assert match, f"{path}: first line must be a yaml-language-server schema comment"
    target = (path.parent / match.group(1)).resolve()
    kind = parse(path.read_text(encoding="utf-8"), str(path)).data["kind"]
    assert target.name == f"{kind}.schema.json" and target.is_file()


def check(text: str) -> list[str]:
    return [str(p) for p in schema.check_document(parse(text, "f.yaml"))]


def test_unknown_field_suggests_the_near_miss() -> None:
    text = (
        "kind: concepts\nconcepts:\n  - id: a\n    name: A\n    categroy: kubernetes\n    definition: x\n    "
        "cite: s#x\n"
    )
    assert check(text) == [
        "f.yaml:5:5: unknown field 'categroy' (did you mean 'category'?)",
        "f.yaml:3:5: missing required field 'category'",
    ]


def test_unknown_field_in_a_cited_fact_knows_the_shared_fields() -> None:
    text = (
        "kind: concepts\nconcepts:\n  - id: a\n    name: A\n    category: kubernetes\n    definition: x\n    "
        "cites: s#x\n"
    )
    assert "f.yaml:7:5: unknown field 'cites' (did you mean 'cite'?)" in check(text)


def test_a_number_where_text_is_meant_says_to_quote_it() -> None:
    text = "kind: sources\nsources:\n  - id: s\n    kind: blog\n    title: 2024\n    sections: [{id: x, title: X}]\n"
    assert check(text) == ['f.yaml:5:12: title: expected text, got a number 2024; quote it ("2024") if text is meant']


def test_a_bad_citation_form_is_explained() -> None:
    text = (
        "kind: concepts\nconcepts:\n  - id: a\n    name: A\n    category: kubernetes\n    definition: x\n    "
        "cite: just-a-source\n"
    )
    assert check(text) == [
        "f.yaml:7:11: cite: 'just-a-source' is not in the expected form (Written 'source-id#section-id': a source "
        "and one of its sections)"
    ]


def test_a_base_of_shared_fields_is_folded_into_the_object_that_closes_it() -> None:
    """``$ref`` to a fields-only base beside ``unevaluatedProperties: false`` becomes one closed object
    that accepts and rejects what the original does; a base that shares a field stays apart."""
    common = schema.load_schema(schema.COMMON)
    fact = {
        "type": "object",
        "$ref": "common.schema.json#/$defs/fact_base",
        "unevaluatedProperties": False,
        "required": ["id"],
        "properties": {"id": {"type": "string"}},
    }
    folded = schema.inlined(fact, "x.schema.json")
    assert "unevaluatedProperties" not in folded and folded["additionalProperties"] is False
    assert list(folded) == ["type", "additionalProperties", "required", "properties"]
    assert set(folded["properties"]) == {"id", *common["$defs"]["fact_base"]["properties"]}
    registry: Registry[Any] = Registry().with_resource(schema.COMMON, Resource.from_contents(common))
    original, validator = Draft202012Validator(fact, registry=registry), Draft202012Validator(folded)
    for doc, ok in (({"id": "a", "confidence": "high"}, True), ({"id": "a", "cites": "s#x"}, False), ({}, False)):
        assert validator.is_valid(doc) is ok and original.is_valid(doc) is ok, doc
    clash = {**fact, "properties": {"id": {"type": "string"}, "cite": {"type": "string"}}}
    assert "allOf" in schema.inlined(clash, "x.schema.json")
