from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BASE_KB = FIXTURES / "base-kb"
REAL_KB = ROOT / "kb"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite the golden files under tests/golden/ from what the code generates now",
    )


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
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real KB's site, built once per session by ``archkb build`` (for the browser, accessibility
    and link tests, which only read it)."""
    from .sitekit import build_site, make_project

    base = tmp_path_factory.mktemp("built-site")
    return build_site(make_project(base / "project", cache=tmp_path_factory.getbasetemp() / "diagram-cache"))


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The session's built site served on 127.0.0.1."""
    from .sitekit import static_server

    with static_server(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for the session."""
    from .sitekit import chromium

    with chromium() as browser:
        yield browser
