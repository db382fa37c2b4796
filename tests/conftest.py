from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BASE_KB = FIXTURES / "base-kb"
REAL_KB = ROOT / "kb"


@pytest.fixture
def base_kb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the small valid fixture KB at tmp_path/kb, with the working directory at tmp_path."""
    kb = tmp_path / "kb"
    shutil.copytree(BASE_KB, kb)
    monkeypatch.chdir(tmp_path)
    return kb


@pytest.fixture(scope="session")
def real_kb():  # type: ignore[no-untyped-def]
    from archkb.kb import load_kb

    return load_kb(REAL_KB)
