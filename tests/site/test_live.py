"""Live reload with each engine under ``archkb serve``: a kb edit shows in the served page, a renamed
architecture's old page is gone, and stopping the server leaves no process behind; and the sync that
feeds Zensical writes only changed files and removes stale ones."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from archkb.site.live import stamps, sync_tree

from ..sitekit import BASE_KB, clean_env, edit_yaml, free_port, make_project


def test_sync_writes_only_changed_files_and_removes_stale_ones(tmp_path: Path) -> None:
    tree = {"mkdocs.yml": b"site_name: x\n", "docs/a.md": b"# A\n", "docs/sub/b.md": b"# B\n", "docs/c.md": b"# C\n"}
    assert sync_tree(tmp_path, tree) == (sorted(tree), [])
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "a.html").write_text("built by the engine")
    before = {p: (s.st_ino, s.st_mtime_ns) for p, s in ((p, Path(p).stat()) for p in stamps([tmp_path]))}
    changed = {"mkdocs.yml": tree["mkdocs.yml"], "docs/a.md": b"# A, edited\n", "docs/d.md": b"# D\n"}
    assert sync_tree(tmp_path, changed) == (["docs/a.md", "docs/d.md"], ["docs/c.md", "docs/sub/b.md"])
    assert not (tmp_path / "docs" / "sub").exists(), "an emptied folder goes too"
    assert (tmp_path / "site" / "a.html").is_file(), "the engine's own output is left alone"
    kept = tmp_path / "mkdocs.yml"
    assert (kept.stat().st_ino, kept.stat().st_mtime_ns) == before[str(kept)], "an unchanged file is not rewritten"
    assert sync_tree(tmp_path, changed) == ([], [])


def status(url: str) -> tuple[int, str]:
    """The HTTP status and body of ``url``; 0 when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, ""
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def wait_until(
    url: str, good: Callable[[int, str], bool], process: subprocess.Popen[bytes], log: Path, timeout: float = 180
) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        code, body = status(url)
        if good(code, body):
            return body
        if process.poll() is not None:
            raise AssertionError(f"the server exited early:\n{log.read_text()[-3000:]}")
        time.sleep(0.5)
    raise AssertionError(f"timed out after {timeout}s waiting for {url}:\n{log.read_text()[-3000:]}")


def rename_architecture(kb: Path, old: str, new: str) -> None:
    """Give architecture ``old`` the id ``new`` (its file and every reference), as an author would."""
    source = kb / "architectures" / f"2-{old}.yaml"
    edit_yaml(source, lambda d: d.update(id=new))
    source.rename(source.with_name(f"2-{new}.yaml"))
    edit_yaml(kb / "restrictions.yaml", lambda d: [r.update(applies_to=[new]) for r in d["restrictions"]])


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["mkdocs", "properdocs", "zensical"])
def test_serve_shows_a_kb_edit_and_drops_a_renamed_page(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory, engine: str
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
        page = f"http://{addr}/architectures/two.html"
        first = wait_until(page, lambda code, body: code == 200 and "<h1" in body, process, log)
        assert "Architecture two" in first
        marker = "Livereloadmarker shows that the page was regenerated."
        edit_yaml(project / "kb" / "architectures" / "2-two.yaml", lambda d: d["summary"].update(text=marker))
        wait_until(page, lambda code, body: marker in body, process, log)

        rename_architecture(project / "kb", "two", "deux")
        renamed = f"http://{addr}/architectures/deux.html"
        assert marker in wait_until(renamed, lambda code, body: code == 200 and "<h1" in body, process, log)
        wait_until(page, lambda code, body: code == 404, process, log, timeout=60)
        home = status(f"http://{addr}/index.html")[1]
        assert "architectures/deux.html" in home and "architectures/two.html" not in home
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=60)
        finally:
            leaked = group_alive(process.pid)
            if leaked:
                os.killpg(process.pid, signal.SIGKILL)
    assert not leaked, f"archkb serve --engine {engine} left a process running"
    if engine == "zensical":
        served = project / ".archkb-cache" / "serve-zensical" / "docs" / "architectures"
        assert sorted(p.name for p in served.iterdir()) == ["deux.md", "one.md"], "no stale page survives"
