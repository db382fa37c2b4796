"""The page open in the browser updates itself after a kb edit under ``archkb serve``, with MkDocs and
with Zensical: headless Chromium keeps the page open (no reload by the test) while the KB changes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ..site.test_live import group_alive, status, wait_until
from ..sitekit import BASE_KB, clean_env, edit_yaml, free_port, make_project
from .test_browser_site import CHROMIUM, CHROMIUM_ARGS

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).is_file():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_the_open_page_shows_a_kb_edit_by_itself(
    browser: Any, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, engine: str
) -> None:
    project = make_project(tmp_path / "project", kb=BASE_KB, cache=tmp_path_factory.getbasetemp() / "diagram-cache")
    addr = f"127.0.0.1:{free_port()}"
    log = tmp_path / "serve.log"
    args = [sys.executable, "-m", "archkb", "serve", "--engine", engine, "--dev-addr", addr]
    with open(log, "wb") as sink:
        process = subprocess.Popen(
            args, cwd=project, env=clean_env(), stdout=sink, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        url = f"http://{addr}/architectures/two.html"
        wait_until(url, lambda code, body: code == 200 and "<h1" in body, process, log)
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
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=60)
        finally:
            leaked = group_alive(process.pid)
            if leaked:
                os.killpg(process.pid, signal.SIGKILL)
    assert not leaked, f"archkb serve --engine {engine} left a process running"
