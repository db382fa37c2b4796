"""Values YAML 1.1 would turn into something else, per field type, through the whole KB loader:
in a text field they stay the text that was written (and the page shows it); in a number or
boolean field they are an error that says how to write one. Also: the python-tag payloads of the
corpus really are dangerous (an unsafe loader runs them), so "the command never ran" can fail.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml

from archkb.errors import KBError
from archkb.kb import load_kb
from archkb.pages import generate_pages

from ..conftest import BASE_KB
from ..corpuskit import BROKEN, PWNED, visible_text
from ..sitekit import render_markdown

#: Plain scalars PyYAML would read as a boolean, an int in base 8 or 60, a float, a date, infinity or hex.
TRICKY = ["no", "yes", "on", "off", "y", "010", "1.10", "1:30", "2024-01-02", "0x1f", ".inf", "1e3", "+12:00"]

#: (file, text written in the base KB, template with {v} for the tricky value, how to read it back).
TEXT_FIELDS = [
    ("concepts.yaml", "    name: Edge node\n", "    name: {v}\n", lambda kb: kb.concepts["edge-node"].name),
    ("restrictions.yaml", "    name: No CRDs\n", "    name: {v}\n", lambda kb: kb.restrictions["no-crds"].name),
    ("sources.yaml", '    version: "1.0"\n', "    version: {v}\n", lambda kb: kb.sources["article"].version),
    ("qa.yaml", "      setup: Some CNI\n", "      setup: {v}\n", lambda kb: kb.cni_table.rows[0].setup),
]


def edited(tmp_path: Path, file: str, old: str, new: str) -> Path:
    kb = tmp_path / "kb"
    shutil.copytree(BASE_KB, kb)
    text = (kb / file).read_text(encoding="utf-8")
    assert text.count(old) == 1, (file, old)
    (kb / file).write_text(text.replace(old, new), encoding="utf-8")
    return kb


@pytest.mark.parametrize("value", TRICKY)
@pytest.mark.parametrize(
    ("file", "old", "template", "read"), TEXT_FIELDS, ids=[f"{f[0]}:{f[1].split(':')[0].strip()}" for f in TEXT_FIELDS]
)
def test_in_a_text_field_it_stays_the_text_written(
    tmp_path: Path, value: str, file: str, old: str, template: str, read
) -> None:  # type: ignore[no-untyped-def]
    kb = load_kb(edited(tmp_path, file, old, template.format(v=value)))
    assert read(kb) == value
    if file != "sources.yaml":  # the version is not shown on a page
        assert any(value in visible_text(render_markdown(page)) for page in generate_pages(kb).values())


@pytest.mark.parametrize("value", TRICKY)
def test_in_a_number_field_it_is_an_error(tmp_path: Path, value: str) -> None:
    kb = edited(tmp_path, "architectures/1-one.yaml", "order: 1\n", f"order: {value}\n")
    with pytest.raises(KBError) as err:
        load_kb(kb)
    assert [str(p) for p in err.value.problems] == [
        f"{kb}/architectures/1-one.yaml:3:8: order: expected a whole number, got text {value!r}; write a plain "
        f"whole number without leading zeros"
    ]


@pytest.mark.parametrize("value", TRICKY)
def test_in_a_boolean_field_it_is_an_error(tmp_path: Path, value: str) -> None:
    kb = edited(tmp_path, "architectures/1-one.yaml", "{value: false,", f"{{value: {value},")
    with pytest.raises(KBError) as err:
        load_kb(kb)
    assert [str(p) for p in err.value.problems] == [
        f"{kb}/architectures/1-one.yaml:12:26: value: expected true or false, got text {value!r}; write true or "
        f"false (yes/no/on/off are kept as text)"
    ]


@pytest.mark.parametrize("value", ["12", "-3", "0"])
def test_a_plain_integer_in_a_text_field_says_to_quote_it(tmp_path: Path, value: str) -> None:
    kb = edited(tmp_path, "concepts.yaml", "    name: Edge node\n", f"    name: {value}\n")
    with pytest.raises(KBError) as err:
        load_kb(kb)
    assert [p.message for p in err.value.problems] == [
        f'name: expected text, got a number {int(value)}; quote it ("{int(value)}") if text is meant'
    ]


@pytest.mark.parametrize("case", ["python-tag", "python-apply-mapping"])
def test_the_python_payloads_would_run_under_an_unsafe_loader(
    case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The control for the corpus' "never ran" check: yaml.unsafe_load does run these payloads."""
    monkeypatch.chdir(tmp_path)
    yaml.unsafe_load((BROKEN / case / "qa.yaml").read_text(encoding="utf-8"))
    assert [name for name in PWNED if os.path.exists(name)]
