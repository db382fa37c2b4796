"""Every generated page of the small fixture KB, byte for byte (tests/goldenkit.py)."""

from __future__ import annotations

import pytest

from archkb.kb import load_kb
from archkb.pages import generate_pages

from ..conftest import BASE_KB
from ..goldenkit import check_golden


def test_pages_of_the_base_kb_match_their_golden_files(request: pytest.FixtureRequest) -> None:
    kb = load_kb(BASE_KB)
    check_golden(request, "pages", generate_pages(kb, {}, {"Test yourself with the quiz": "quiz.md"}, check=True))
