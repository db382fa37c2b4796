"""The glossary and the abbreviation definitions behind every tooltip."""

from __future__ import annotations

import re

from archkb.pages import glossary

from ..sitekit import render_markdown


def test_every_concept_is_anchored_by_its_id(real_kb) -> None:  # type: ignore[no-untyped-def]
    html = render_markdown(glossary.page(real_kb))
    ids = set(re.findall(r' id="([^"]+)"', html))
    assert not [c for c in real_kb.concepts if c not in ids]


def test_abbreviation_block_defines_every_abbreviation_once(real_kb) -> None:  # type: ignore[no-untyped-def]
    block = glossary.abbreviation_block(real_kb)
    defined = re.findall(r"^\*\[([^\]]+)\]: ", block, re.M)
    expected = {a for c in real_kb.concepts.values() for a in c.abbreviations} | {
        a.abbreviation for a in real_kb.architectures if a.abbreviation
    }
    plurals = {f"{a}s" for a in expected if a[-1].isupper()} - expected
    assert sorted(defined, key=str.casefold) == defined
    assert set(defined) == expected | plurals and len(defined) == len(set(defined))
    assert "REs" in plurals and "CRDs" in plurals


def test_tooltips_appear_in_rendered_text(real_kb) -> None:  # type: ignore[no-untyped-def]
    md = glossary.with_abbreviations("A vK8s runs on an RE.", glossary.abbreviation_block(real_kb))
    html = render_markdown(md)
    assert re.search(r'<abbr title="Regional Edge: [^"]+">RE</abbr>', html)
    assert "<abbr title=" in html.split("vK8s")[0] + "<abbr" and '">vK8s</abbr>' in html


def test_abbreviation_titles_are_plain_text(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from archkb.kb import load_kb

    from ..sitekit import hostile_kb

    kb = load_kb(hostile_kb(tmp_path / "kb"))
    html = render_markdown(glossary.with_abbreviations("EN and MS", glossary.abbreviation_block(kb)))
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_first_sentence() -> None:
    assert glossary.first_sentence("One. Two.") == "One."
    assert glossary.first_sentence("No stop") == "No stop"
