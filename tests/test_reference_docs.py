"""The generated docs stay true: docs/cli.md is what the parser prints, the module list is the tree."""

from __future__ import annotations

import pytest

from archkb import reference_docs
from archkb.arguments import build_parser

from .conftest import ROOT

SUBCOMMANDS = sorted(reference_docs.subcommands(build_parser()))


def committed(name: str) -> str:
    return (ROOT / name).read_text(encoding="utf-8")


def test_cli_reference_is_what_the_parser_prints() -> None:
    assert committed("docs/cli.md") == reference_docs.reference_markdown(), "run: python -m archkb.reference_docs"


def test_module_list_is_the_package_tree() -> None:
    guide = committed("CONTRIBUTING.md")
    assert guide == reference_docs.with_module_list(guide, reference_docs.module_list()), (
        "run: python -m archkb.reference_docs"
    )


def test_module_list_names_every_module_once() -> None:
    block = reference_docs.module_list()
    modules = sorted(
        p.relative_to(reference_docs.PACKAGE).as_posix()
        for p in reference_docs.PACKAGE.rglob("*.py")
        if "__pycache__" not in p.parts
    )
    listed = [line.split()[0] for line in block.splitlines()[1:-1]]
    assert listed == [m for m in modules if m != "__main__.py"]


@pytest.mark.parametrize("name", SUBCOMMANDS)
def test_every_subcommand_has_a_section_with_its_options(name: str) -> None:
    text = committed("docs/cli.md")
    section = text.split(f"## archkb {name} {{#{name}}}\n", 1)
    assert len(section) == 2, f"no section for archkb {name}"
    body = section[1].split("\n## ", 1)[0]
    parser = reference_docs.subcommands(build_parser())[name]
    missing = [flag for action in parser._actions for flag in action.option_strings if flag not in body]
    assert not missing, f"archkb {name}: {missing}"


def test_reference_width_does_not_follow_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "40")
    narrow = reference_docs.reference_markdown()
    monkeypatch.setenv("COLUMNS", "200")
    assert narrow == reference_docs.reference_markdown()


def test_check_fails_on_a_stale_reference(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "cli.md").write_text(reference_docs.reference_markdown() + "stale\n", encoding="utf-8")
    (tmp_path / "CONTRIBUTING.md").write_text(committed("CONTRIBUTING.md"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert reference_docs.main(["--check"]) == 1
    assert reference_docs.main([]) == 0
    assert reference_docs.main(["--check"]) == 0
    assert (tmp_path / "docs" / "cli.md").read_text(encoding="utf-8") == reference_docs.reference_markdown()
