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


@pytest.fixture(scope="session")
def engine_sites(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The real KB built once per session with each engine, on first use (``.site("zensical")``)."""
    from .sitekit import EngineSites

    return EngineSites(tmp_path_factory.mktemp("engines"), tmp_path_factory.getbasetemp() / "diagram-cache")
