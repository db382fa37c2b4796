"""The archkb command: exit codes, output formats, and every subcommand documented."""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from archkb import __version__
from archkb.arguments import build_parser
from archkb.cli import main

from .conftest import FIXTURES, REAL_KB, ROOT


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``archkb ARGS`` in this process (``cli.main``), from ``cwd`` when given; output and exit code."""
    saved = os.getcwd()
    out, err = io.StringIO(), io.StringIO()
    try:
        if cwd is not None:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(list(args))
            except SystemExit as exit_:  # argparse: --help, --version, bad arguments
                code = exit_.code if isinstance(exit_.code, int) else 0
    finally:
        os.chdir(saved)
    return subprocess.CompletedProcess(["archkb", *args], code, out.getvalue(), err.getvalue())


def test_python_m_archkb_runs_the_command() -> None:
    """The one test that needs a real process: ``python -m archkb`` is an entry point."""
    result = subprocess.run([sys.executable, "-m", "archkb", "--version"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and result.stdout.strip() == f"archkb {__version__}"


def subcommands() -> list[str]:
    action = next(a for a in build_parser()._actions if a.dest == "command")
    return sorted(action.choices)


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"archkb {__version__}"


def test_help_describes_every_subcommand_in_one_line() -> None:
    text = run("--help").stdout
    for name in subcommands():
        assert any(line.strip().startswith(name + " ") and len(line.split()) > 2 for line in text.splitlines()), name


@pytest.mark.parametrize("name", subcommands())
def test_every_subcommand_is_documented_in_the_readme(name: str) -> None:
    assert f"archkb {name}" in (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", subcommands())
def test_every_subcommand_takes_kb(name: str) -> None:
    action = next(a for a in build_parser()._actions if a.dest == "command")
    assert any("--kb" in a.option_strings for a in action.choices[name]._actions)


def test_validate_real_kb_is_clean_and_summarized() -> None:
    result = run("validate", "--kb", str(REAL_KB))
    assert result.returncode == 0, result.stderr
    assert "architectures          4" in result.stdout


def test_validate_prints_one_line_per_problem_and_exits_1(base_kb: Path) -> None:
    (base_kb / "restrictions.yaml").write_text("- a\n")
    (base_kb / "qa.yaml").write_text("kind: qa\nkind: qa\n")
    result = run("validate", "--kb", "kb", cwd=base_kb.parent)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "kb/qa.yaml:2:1: duplicate key 'kind' (first at line 1, again at line 2); keep one",
        "kb/restrictions.yaml:1:1: top level must be a mapping that starts with `kind:`, not a list",
    ]
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_validate_json_format(base_kb: Path) -> None:
    (base_kb / "restrictions.yaml").write_text("- a\n")
    result = run("validate", "--kb", "kb", "--format", "json", cwd=base_kb.parent)
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["ok"] is False and data["problems"][0] == {
        "path": "kb/restrictions.yaml",
        "line": 1,
        "col": 1,
        "message": "top level must be a mapping that starts with `kind:`, not a list",
    }
    clean = json.loads(run("validate", "--kb", str(FIXTURES / "base-kb"), "--format", "json").stdout)
    assert clean["ok"] is True and clean["summary"]["architectures"] == 2


def test_bad_arguments_exit_2() -> None:
    assert run("validate", "--no-such-flag").returncode == 2


def test_show_prints_a_fact_with_its_citation() -> None:
    result = run("show", "--kb", str(REAL_KB), "secure-k8s-gateway.service_types")
    assert result.returncode == 0, result.stderr
    assert "cites: arch-article#arch-1" in result.stdout and "until 2023-10" in result.stdout


def test_show_unknown_id_suggests_close_matches() -> None:
    result = run("show", "--kb", str(REAL_KB), "vk8s.scop")
    assert result.returncode == 1 and "vk8s.scope" in result.stderr


def test_export_kb_json_atomically(tmp_path: Path) -> None:
    out = tmp_path / "out" / "kb.json"
    assert main(["export", "--kb", str(REAL_KB), "--what", "kb", "--format", "json", "--out", str(out)]) == 0
    data = json.loads(out.read_text())
    assert data["archkb_export"] == 1 and len(data["architectures"]) == 4
    assert [p.name for p in out.parent.iterdir()] == ["kb.json"]


def test_export_of_a_broken_kb_writes_nothing(base_kb: Path, tmp_path: Path) -> None:
    (base_kb / "qa.yaml").write_text("")
    out = tmp_path / "kb.json"
    out.write_text("old")
    assert main(["export", "--kb", str(base_kb), "--out", str(out)]) == 1
    assert out.read_text() == "old"


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["quiz"], {"count": 10, "seed": None, "topic": None, "review": False, "exam": False, "json": False}),
        (["quiz", "--kb", "kb", "--seed", "1", "--progress", "/tmp/p.json"], {"seed": 1, "progress": "/tmp/p.json"}),
        (
            ["quiz", "--count", "3", "--review", "--exam", "--json", "--topic", "vk8s"],
            {"count": 3, "review": True, "topic": "vk8s"},
        ),
        (["quiz", "--count", "2", "--count", "4"], {"count": 4}),
        (["quiz", "--count=2", "--seed=-5"], {"count": 2, "seed": -5}),
    ],
)
def test_quiz_arguments(argv: list[str], expected: dict[str, object]) -> None:
    args = vars(build_parser().parse_args(argv))
    assert {k: args[k] for k in expected} == expected


def test_a_bad_quiz_count_gets_argparses_message() -> None:
    result = run("quiz", "--count", "0")
    assert result.returncode == 2 and "expected a whole number of at least 1, not '0'" in result.stderr
