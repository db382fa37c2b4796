"""The generated parts of the docs: the CLI reference (``docs/cli.md``, from the argument parser of
:mod:`archkb.cli`) and the module list in ``CONTRIBUTING.md`` (from the package tree and each module's
docstring).

Regenerate both after changing an option or a module: ``.venv/bin/python -m archkb.reference_docs``
(``--check`` exits 1 when a committed file differs). Tests compare the files with
:func:`reference_markdown` and :func:`module_list`, so neither can drift from the code.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from pathlib import Path

from .arguments import build_parser
from .atomic import write_atomic

#: Where the reference lives, relative to the project root.
REFERENCE = Path("docs/cli.md")
#: The contributor guide and the markers around its generated module list.
CONTRIBUTING = Path("CONTRIBUTING.md")
MODULES_START = "<!-- modules: written by python -m archkb.reference_docs -->"
MODULES_END = "<!-- end of modules -->"
#: The package whose modules are listed.
PACKAGE = Path(__file__).resolve().parent
#: A fixed help width, so the file does not depend on the terminal it is written from.
WIDTH = 80

HEADER = """# Command reference {#cli}

Every `archkb` command and option, as `archkb COMMAND --help` prints them. This page is written
from the command's own argument parser by `python -m archkb.reference_docs`; do not edit it by hand.
Exit codes: 0 success, 1 problems in the input (each printed as `path:line:col: message`), 2 bad
arguments, 3 a tool archkb needs (graphviz) is missing or failed, 130 interrupted, 141 the reader of
stdout went away.
"""


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """The subcommand parsers of ``parser`` by name, in the order they were added."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _help(parser: argparse.ArgumentParser) -> str:
    """``parser``'s help at the fixed width, whatever the terminal."""
    chosen = parser.formatter_class

    def fixed(prog: str) -> argparse.HelpFormatter:
        return chosen(prog, width=WIDTH)  # type: ignore[call-arg]

    parser.formatter_class = fixed
    try:
        return parser.format_help().rstrip() + "\n"
    finally:
        parser.formatter_class = chosen


def reference_markdown(parser: argparse.ArgumentParser | None = None) -> str:
    """The whole reference as Markdown: the top-level help, then one section per subcommand."""
    parser = parser or build_parser()
    parts = [HEADER, "## archkb {#archkb}\n", "```text\n" + _help(parser) + "```\n"]
    for name, sub in subcommands(parser).items():
        parts.append(f"## archkb {name} {{#{name}}}\n")
        parts.append("```text\n" + _help(sub) + "```\n")
    return "\n".join(parts)


def summary(source: str) -> str:
    """The first sentence of a module's docstring, on one line ("" when it has none)."""
    doc = ast.get_docstring(ast.parse(source)) or ""
    text = re.sub(r":(mod|class|func|data):", "", " ".join(doc.split("\n\n")[0].split())).replace("``", "`")
    return re.split(r"(?<=\.)\s", text, maxsplit=1)[0].rstrip(".")


def module_list(package: Path = PACKAGE) -> str:
    """One line per module of ``package`` (``path  what it holds``), as a fenced text block."""
    lines = []
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package).as_posix()
        if "__pycache__" in rel or rel == "__main__.py":
            continue
        lines.append(f"{rel:<27} {summary(path.read_text(encoding='utf-8')) or '(package data)'}")
    return "```text\n" + "\n".join(lines) + "\n```"


def with_module_list(guide: str, block: str) -> str:
    """``guide`` with the text between the module-list markers replaced by ``block``."""
    start, end = guide.index(MODULES_START) + len(MODULES_START), guide.index(MODULES_END)
    return guide[:start] + "\n" + block + "\n" + guide[end:]


def expected_files() -> dict[Path, str]:
    """Each generated file with the text it should hold now."""
    guide = CONTRIBUTING.read_text(encoding="utf-8")
    return {REFERENCE: reference_markdown(), CONTRIBUTING: with_module_list(guide, module_list())}


def main(argv: list[str] | None = None) -> int:
    """Write ``docs/cli.md`` and the module list (or, with ``--check``, exit 1 when one is out of date).

    Run it from the project root.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    stale = 0
    for path, text in expected_files().items():
        current = path.read_text(encoding="utf-8") if path.is_file() else ""
        if args == ["--check"]:
            if current != text:
                print(f"{path} is out of date: run python -m archkb.reference_docs", file=sys.stderr)
                stale = 1
        elif current != text:
            write_atomic(path, text)
            print(f"wrote {path}", file=sys.stderr)
    return stale


if __name__ == "__main__":
    raise SystemExit(main())
