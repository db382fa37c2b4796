"""``archkb serve --engine zensical``: Zensical serves a generated project that archkb keeps in step.

Zensical runs no plugins, so archkb writes the generated project (``docs/**`` and a plugin-free
``mkdocs.yml``) into ``.archkb-cache/serve-zensical/`` and runs ``zensical serve`` on it. A thread
polls the mtimes and sizes of ``kb/``, ``docs/`` and ``mkdocs.yml``; on a change it regenerates the
whole project (generation takes a second or two) and writes only the files whose bytes changed, and
deletes the generated files that are gone, so Zensical rebuilds what changed and no stale page survives
a rename. A KB with problems prints them and keeps the last good pages.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from ..atomic import write_if_changed
from ..errors import EnvironmentProblem, KBError
from .engines import (
    Engine,
    plugin_options,
    project_tree,
    stop,
    terminate_on_exit,
    zensical_env,
)
from .mkdocs_shell import SiteError, read_config

#: Seconds between two looks at the watched files.
POLL_SECONDS = 0.5
#: The folder below the project's ``cache_dir`` that Zensical serves from.
SERVE_DIR = "serve-zensical"
#: Parts of the served project archkb manages; Zensical's own ``site/`` and ``.cache/`` are left alone.
MANAGED = ("docs",)
DEFAULT_ADDR = "127.0.0.1:8000"


def stamps(paths: Iterable[Path]) -> dict[str, tuple[int, int]]:
    """(mtime in ns, size) of every file at or below each of ``paths``, by path."""
    found: dict[str, tuple[int, int]] = {}
    for root in paths:
        for path in [root] if root.is_file() else sorted(root.rglob("*")) if root.is_dir() else []:
            try:
                stat = path.stat()
            except OSError:  # removed while we looked: the next look sees it gone
                continue
            if path.is_file():
                found[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return found


def sync_tree(folder: Path, tree: dict[str, bytes]) -> tuple[list[str], list[str]]:
    """Make ``folder`` hold ``tree``: write the files whose bytes differ, delete managed files not in it.

    Returns the paths written and the paths removed (relative, sorted). Each write is atomic, so the
    watcher of ``folder`` never reads half a file; empty folders left by a removal go too.
    """
    written = sorted(path for path, data in tree.items() if write_if_changed(folder / path, data))
    removed: list[str] = []
    for part in MANAGED:
        base = folder / part
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*"), reverse=True):
            relative = path.relative_to(folder).as_posix()
            if path.is_file() and relative not in tree:
                path.unlink()
                removed.append(relative)
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return written, sorted(removed)


class Watcher(threading.Thread):
    """Calls ``on_change`` whenever a file below ``paths`` appears, changes or goes (polled)."""

    def __init__(self, paths: list[Path], on_change: Callable[[], None], interval: float = POLL_SECONDS) -> None:
        super().__init__(name="archkb-watcher", daemon=True)
        self.paths = paths
        self.on_change = on_change
        self.interval = interval
        self.halt = threading.Event()
        self.last = stamps(paths)

    def run(self) -> None:
        while not self.halt.wait(self.interval):
            now = stamps(self.paths)
            if now != self.last:
                self.last = now
                self.on_change()


def serve_folder(config_file: Path) -> Path:
    """Where the served project lives: ``<cache_dir>/serve-zensical`` beside ``mkdocs.yml``."""
    root = Path(config_file).resolve().parent
    cache = Path(str(plugin_options(config_file).get("cache_dir") or ".archkb-cache"))
    return (cache if cache.is_absolute() else root / cache) / SERVE_DIR


def regenerate(config_file: Path, kb_dir: Path, folder: Path) -> tuple[list[str], list[str]]:
    """Generate the whole project from ``kb_dir`` and sync it into ``folder``; (written, removed)."""
    from ..kb import load_kb

    return sync_tree(folder, project_tree(config_file, load_kb(Path(kb_dir))))


def report(written: list[str], removed: list[str]) -> None:
    shown = ", ".join(written[:5] + [f"-{p}" for p in removed[:5]])
    more = "" if len(written) <= 5 and len(removed) <= 5 else ", ..."
    print(f"archkb: {len(written)} files changed, {len(removed)} removed: {shown or 'none'}{more}", file=sys.stderr)


def on_change(config_file: Path, kb_dir: Path, folder: Path) -> None:
    """Regenerate after an edit; a KB with problems keeps the last good pages and says why."""
    try:
        report(*regenerate(config_file, kb_dir, folder))
    except KBError as err:
        print("archkb: the knowledge base has problems; the pages stay as they were:", file=sys.stderr)
        for problem in err.problems:
            print(problem, file=sys.stderr)
    except (EnvironmentProblem, SiteError) as err:
        print(f"archkb: {err}; the pages stay as they were", file=sys.stderr)


def serve_zensical(chosen: Engine, config_file: Path, kb_dir: Path, dev_addr: str | None = None) -> None:
    """Generate the project, run ``zensical serve`` on it and regenerate on every edit until stopped."""
    from ..kb import load_kb

    folder = serve_folder(config_file)
    root = Path(config_file).resolve().parent
    report(*regenerate(config_file, kb_dir, folder))
    docs_dir = root / str(read_config(config_file).get("docs_dir") or "docs")
    watched = [Path(kb_dir).resolve(), docs_dir, Path(config_file).resolve()]
    watcher = Watcher(watched, lambda: on_change(config_file, kb_dir, folder))
    args = chosen.command("serve", "-f", "mkdocs.yml", "-a", dev_addr or DEFAULT_ADDR)
    env = zensical_env(kb_dir, load_kb(Path(kb_dir)))
    try:
        process = subprocess.Popen(args, cwd=folder, env=env, stdin=subprocess.DEVNULL)
    except OSError as err:
        raise EnvironmentProblem(f"cannot run zensical: {err}") from err
    with terminate_on_exit():
        watcher.start()
        try:
            code = process.wait()
        finally:
            watcher.halt.set()
            stop(process)
            watcher.join(timeout=30)
    if code != 0:
        raise SiteError(f"zensical serve stopped with exit code {code} (its messages are above)")
