"""The package's public API, and what a program pays to import a part of it."""

from __future__ import annotations

import subprocess
import sys

import pytest

import archkb
from archkb.errors import KBError, Problem
from archkb.kb.load import load_kb
from archkb.kb.model import KB

from .conftest import BASE_KB


def test_the_public_api_is_the_front_door() -> None:
    assert sorted(archkb.__all__) == ["KB", "KBError", "Problem", "__version__", "load_kb"]
    assert (archkb.load_kb, archkb.KB, archkb.KBError, archkb.Problem) == (load_kb, KB, KBError, Problem)
    assert isinstance(archkb.load_kb(BASE_KB), archkb.KB)
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        archkb.nope  # noqa: B018


@pytest.mark.parametrize("module", ["archkb.quiz.terminal", "archkb.quiz.views", "archkb.cli"])
def test_the_quiz_start_does_not_import_the_loader(module: str) -> None:
    """The warm start reads the bank from its cache: YAML, jsonschema, the rules and the model stay unloaded."""
    heavy = ["archkb.kb.load", "archkb.kb.model", "archkb.kb.rules", "yaml", "jsonschema"]
    code = f"import sys, {module}; print(sorted(m for m in {heavy!r} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
