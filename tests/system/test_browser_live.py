"""The page open in the browser updates itself after a kb edit under ``archkb serve``, with MkDocs and
with Zensical: headless Chromium keeps the page open (no reload by the test) while the KB changes."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from ..sitekit import BASE_KB, edit_yaml, make_project, served, status

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_the_open_page_shows_a_kb_edit_by_itself(
    browser: Any, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, engine: str
) -> None:
    project = make_project(tmp_path / "project", kb=BASE_KB, cache=tmp_path_factory.getbasetemp() / "diagram-cache")
    with served(project, engine, tmp_path / "serve.log") as (addr, wait):
        url = f"http://{addr}/architectures/two.html"
        wait(url, lambda code, body: code == 200 and "<h1" in body)
        page = browser.new_page()
        page.goto(url, wait_until="load")  # live reload keeps a request open: never idle
        loads = page.evaluate("() => performance.getEntriesByType('navigation').length")
        assert loads == 1 and "The two architecture." in page.locator("article").inner_text()
        time.sleep(1)  # the live-reload client is connected
        marker = "Livereloadmarker shows that the open page was regenerated."
        edit_yaml(project / "kb" / "architectures" / "2-two.yaml", lambda d: d["summary"].update(text=marker))
        page.locator("article", has_text=marker).wait_for(timeout=120_000)
        assert status(url)[0] == 200
        page.close()
