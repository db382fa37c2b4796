"""Golden files: generated output compared byte for byte with a reviewed copy under tests/golden/.

``pytest --update-golden`` rewrites the copies (and removes the ones nothing generates any more);
review the diff with ``git diff tests/golden`` before committing. Without the flag a difference fails
with a unified diff of the first files that differ.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "golden"


def check_golden(request: pytest.FixtureRequest, folder: str, files: dict[str, str]) -> None:
    """``files`` (relative path -> text) must equal the golden copies in ``tests/golden/<folder>``."""
    root = GOLDEN / folder
    stored = (
        {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*")) if p.is_file()} if root.is_dir() else {}
    )
    if request.config.getoption("--update-golden"):
        for name in stored.keys() - files.keys():
            stored[name].unlink()
        for name, text in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_text(text, encoding="utf-8", newline="\n")
        return
    problems = [f"missing golden file {folder}/{n} (run pytest --update-golden)" for n in sorted(files.keys() - stored)]
    problems += [f"golden file {folder}/{n} is generated no more" for n in sorted(stored.keys() - files.keys())]
    for name in sorted(files.keys() & stored.keys()):
        want = stored[name].read_text(encoding="utf-8")
        if want != files[name]:
            diff = difflib.unified_diff(
                want.splitlines(), files[name].splitlines(), f"golden/{folder}/{name}", "generated", lineterm=""
            )
            problems.append("\n".join(list(diff)[:60]))
    assert not problems, "\n".join(problems[:5]) + "\n(if the change is intended: pytest --update-golden)"
