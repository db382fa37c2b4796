"""The KB reference, generated from the JSON Schemas."""

from __future__ import annotations

from archkb.kb import rules, schema
from archkb.pages import reference


def test_every_kind_and_top_level_key_is_documented(real_kb) -> None:  # type: ignore[no-untyped-def]
    md = reference.page(real_kb)
    bad = []
    for kind in schema.kinds():
        s = schema.load_schema(f"{kind}.schema.json")
        if f"{{#kind-{kind}}}" not in md:
            bad.append(kind)
        bad += [f"{kind}.{key}" for key in s.get("properties", {}) if f"| `{key}` |" not in md]
    assert not bad, bad


def test_shared_definitions_and_rules(real_kb) -> None:  # type: ignore[no-untyped-def]
    md = reference.page(real_kb)
    assert all(f"{{#{reference.def_anchor(name)}}}" in md for name in schema.load_schema(schema.COMMON)["$defs"])
    assert all(f"`{rule.__name__}`" in md for rule in rules.RULES)
    assert all(f"`{term.id}`" in md for group in real_kb.vocabulary.values() for term in group.terms)


def test_descriptions_render_code_not_literal_backticks(real_kb) -> None:  # type: ignore[no-untyped-def]
    from archkb.pages import reference

    md = reference.page(real_kb)
    assert "\\`" not in md, "a description's `quoted` words are inline code, not escaped backticks"
    assert "any value or any value" not in md
    assert "['string'" not in md


def test_quoted_words_keep_the_spaces_around_them() -> None:
    assert reference.described("a row is `conditional` (and a `conditional` row states one)") == (
        "a row is `conditional` (and a `conditional` row states one)"
    )
    assert reference.described("`basis`, or `confidence`") == "`basis`, or `confidence`"


def test_no_code_span_is_glued_to_a_word(real_kb) -> None:  # type: ignore[no-untyped-def]
    import re

    glued = re.findall(r"\w`[^`\s|]+`|`[^`\s|]+`\w", reference.page(real_kb))
    assert not glued, glued[:5]
