"""The strict YAML loader, with libyaml's C parser and the pure-Python one."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from archkb.errors import KBError
from archkb.kb import reader as loader
from archkb.kb.reader import parse, read_document, resolve_plain

LOADERS = [pytest.param(yaml.SafeLoader, id="pure-python")]
if hasattr(yaml, "CSafeLoader"):
    LOADERS.append(pytest.param(yaml.CSafeLoader, id="libyaml"))


def problems(text: str, yaml_loader: type) -> list[str]:
    with pytest.raises(KBError) as err:
        parse(text, "f.yaml", yaml_loader)
    return [str(p) for p in err.value.problems]


def test_default_loader_is_libyaml_when_present() -> None:
    assert loader.DEFAULT_LOADER is getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("010", "010"),
        ("1.10", "1.10"),
        ("1:30", "1:30"),
        ("2024-01-02", "2024-01-02"),
        (".inf", ".inf"),
        ("0x1f", "0x1f"),
        ("true", True),
        ("false", False),
        ("null", None),
        ("~", None),
        ("", None),
        ("0", 0),
        ("-12", -12),
        ("12", 12),
    ],
)
def test_plain_scalars_resolve_to_a_small_core(text: str, value: object) -> None:
    assert resolve_plain(text) == value
    assert type(resolve_plain(text)) is type(value)


@pytest.mark.parametrize("yaml_loader", LOADERS)
def test_values_written_as_text_stay_text(yaml_loader: type) -> None:
    doc = parse(
        "kind: x\na: no\nb: 010\nc: 1:30\nd: 2024-01-02\ne: 1.10\nf: 7\ng: '7'\nh: true\n", "f.yaml", yaml_loader
    )
    assert doc.data == {
        "kind": "x",
        "a": "no",
        "b": "010",
        "c": "1:30",
        "d": "2024-01-02",
        "e": "1.10",
        "f": 7,
        "g": "7",
        "h": True,
    }


@pytest.mark.parametrize("yaml_loader", LOADERS)
def test_marks_are_one_based_for_values_and_keys(yaml_loader: type) -> None:
    doc = parse("kind: x\nitems:\n  - id: a\n    name: b\n", "f.yaml", yaml_loader)
    assert doc.where(("items", 0, "name")) == (4, 11)
    assert doc.where(("items", 0, "name"), key=True) == (4, 5)
    assert doc.where(("items", 0, "missing")) == (3, 5)


@pytest.mark.parametrize("yaml_loader", LOADERS)
def test_duplicate_keys_name_both_lines(yaml_loader: type) -> None:
    assert problems("kind: x\na: 1\nb: 2\na: 3\n", yaml_loader) == [
        "f.yaml:4:1: duplicate key 'a' (first at line 2, again at line 4); keep one"
    ]


@pytest.mark.parametrize("yaml_loader", LOADERS)
def test_every_duplicate_is_reported_at_once(yaml_loader: type) -> None:
    assert len(problems("kind: x\na: 1\na: 2\nb:\n  c: 1\n  c: 2\n", yaml_loader)) == 2


@pytest.mark.parametrize("yaml_loader", LOADERS)
def test_anchors_and_aliases_are_rejected(yaml_loader: type) -> None:
    found = problems("kind: x\na: &x [1]\nb: *x\n", yaml_loader)
    assert found == [
        "f.yaml:2:4: anchor &x is not allowed in kb files; write values out",
        "f.yaml:3:4: alias *x is not allowed in kb files; write the value out",
    ]


@pytest.mark.parametrize("yaml_loader", LOADERS)
def test_deep_block_nesting_is_an_error_not_a_recursion_error(yaml_loader: type) -> None:
    text = "kind: x\n" + "".join(" " * i + f"k{i}:\n" for i in range(200)) + " " * 200 + "v: 1\n"
    found = problems(text, yaml_loader)
    assert len(found) == 1 and "nesting" in found[0]


@pytest.mark.parametrize("yaml_loader", LOADERS)
def test_deep_flow_nesting_is_an_error(yaml_loader: type) -> None:
    found = problems("kind: x\na: " + "[" * 1000 + "]" * 1000 + "\n", yaml_loader)
    assert len(found) == 1 and "nesting" in found[0] and found[0].startswith("f.yaml:2:")


@pytest.mark.parametrize("yaml_loader", LOADERS)
def test_python_tags_are_rejected_and_never_run(yaml_loader: type, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f"kind: x\na: !!python/object/apply:os.system ['touch {marker}']\n"
    found = problems(text, yaml_loader)
    assert found == [
        "f.yaml:2:4: explicit tag tag:yaml.org,2002:python/object/apply:os.system is not allowed in kb files"
    ]
    assert not marker.exists()


@pytest.mark.parametrize("yaml_loader", LOADERS)
@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "f.yaml:1:1: file is empty or only comments; a kb file is a mapping that starts with `kind:`"),
        (
            "# only a comment\n",
            "f.yaml:1:1: file is empty or only comments; a kb file is a mapping that starts with `kind:`",
        ),
        ("- a\n", "f.yaml:1:1: top level must be a mapping that starts with `kind:`, not a list"),
        ("just text\n", "f.yaml:1:1: top level must be a mapping that starts with `kind:`, not the scalar 'just text'"),
        (
            "kind: x\n---\nkind: y\n",
            "f.yaml:2:1: several YAML documents in one file (a second `---`); keep one document per file",
        ),
        ("kind: x\na:\n\tb: 1\n", "f.yaml:3:1: tab character in indentation; indent with spaces"),
        ("kind: x\n[a]: 1\n", "f.yaml:2:1: mapping keys must be plain words, not lists or mappings"),
    ],
)
def test_whole_file_problems(yaml_loader: type, text: str, message: str) -> None:
    assert problems(text, yaml_loader) == [message]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (
            "kind: x\nname: caf\u00e9\n".encode("latin-1"),
            "f.yaml:2:10: byte 0xE9 is not valid UTF-8; save the file as UTF-8",
        ),
        (
            "kind: x\n".encode("utf-16"),
            "f.yaml:1:1: file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8",
        ),
        (b"kind: x\nname: a\x00b\n", "f.yaml:2:8: NUL byte in file; kb files are UTF-8 text"),
    ],
)
def test_bytes_must_be_utf8(tmp_path: Path, raw: bytes, message: str) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(raw)
    with pytest.raises(KBError) as err:
        read_document(path, "f.yaml")
    assert [str(p) for p in err.value.problems] == [message]


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_bytes(b"\xef\xbb\xbfkind: x\n")
    assert read_document(path).data == {"kind": "x"}


def test_files_over_the_cap_are_rejected_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"kind: x\n" + b"# padding\n" * (loader.MAX_BYTES // 10 + 1))
    with pytest.raises(KBError) as err:
        read_document(path, "big.yaml")
    assert str(err.value.problems[0]).startswith("big.yaml:1:1: file is ") and "cap" in str(err.value.problems[0])


@pytest.mark.parametrize("yaml_loader", LOADERS)
def test_alias_bomb_is_rejected_quickly(yaml_loader: type) -> None:
    lines = ["kind: x", "a: &a [x, x, x, x, x, x, x, x, x]"]
    for name, prev in zip("bcdefghi", "abcdefgh", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    found = problems("\n".join(lines) + "\n", yaml_loader)
    assert found[0] == "f.yaml:2:4: anchor &a is not allowed in kb files; write values out"
    assert any("alias *a" in p for p in found)
