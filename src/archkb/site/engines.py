"""The engines that turn the project into a site: MkDocs (the default), ProperDocs and Zensical.

- **mkdocs** runs in this process with the archkb plugin (:mod:`archkb.site.mkdocs_shell`).
- **properdocs**, the maintained fork of MkDocs 1.6, runs the same ``mkdocs.yml`` and the same
  plugin (it loads ``mkdocs.plugins`` entry points and aliases ``mkdocs.*`` imports) as a child process.
- **zensical** runs no third-party plugin: archkb writes the generated project first
  (:func:`~archkb.site.mkdocs_shell.generate_tree`), then ``zensical build`` turns it into the site;
  under ``serve``, :mod:`archkb.site.live` keeps that project in step with ``kb/`` and ``docs/``.

Every build goes into a temporary folder that replaces the site only when the engine succeeded.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

from ..atomic import staged_dir
from ..errors import EnvironmentProblem
from ..kb.model import KB
from . import EngineName
from .mkdocs_shell import (
    KB_ENV,
    MARKER,
    PLUGIN,
    QUIET_ENV,
    SiteError,
    build_site,
    check_replaceable,
    generate_tree,
    read_config,
    serve_site,
    source_date_epoch,
)

#: ProperDocs prints a notice about MkDocs 2 unless this is set.
PROPERDOCS_QUIET = {"DISABLE_MKDOCS_2_WARNING": "true"}
#: A terminal colour code (``ESC [ 33 m``).
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclass(frozen=True)
class Engine:
    """One site engine: the Python module that runs it, and whether it runs the archkb plugin itself."""

    name: EngineName
    module: str
    runs_plugin: bool
    package: str

    def command(self, *args: str) -> list[str]:
        """``python -m <module> args...`` with this interpreter, so the engine sees archkb's environment."""
        return [sys.executable, "-m", self.module, *args]

    def installed(self) -> bool:
        try:
            return importlib.util.find_spec(self.module) is not None
        except ModuleNotFoundError:
            return False


ENGINES: dict[EngineName, Engine] = {
    "mkdocs": Engine("mkdocs", "mkdocs", True, "mkdocs"),
    "properdocs": Engine("properdocs", "properdocs", True, "properdocs"),
    "zensical": Engine("zensical", "zensical", False, "zensical"),
}


def engine(name: str) -> Engine:
    """The engine called ``name``.

    Raises:
        EnvironmentProblem: it is not installed (``pip install <package>``).
    """
    found = ENGINES[name]  # type: ignore[index]  # argparse's choices allow only known names
    if not found.installed():
        raise EnvironmentProblem(f"{found.name} is not installed; install it with: pip install {found.package}")
    return found


def child_env(kb_dir: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of an engine's process: the plugin reads ``kb_dir``; the engines' notices are off."""
    env = {**os.environ, KB_ENV: str(Path(kb_dir).resolve())}
    for key, value in {**QUIET_ENV, **PROPERDOCS_QUIET, **(extra or {})}.items():
        env.setdefault(key, value)
    return env


def _raise_exit(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


@contextmanager
def terminate_on_exit() -> Iterator[None]:
    """Turn SIGTERM into SystemExit for the duration, so a child is stopped on the way out, not orphaned."""
    old = signal.signal(signal.SIGTERM, _raise_exit)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


def stop(process: subprocess.Popen[Any], timeout: float = 20) -> None:
    """Stop ``process`` (SIGTERM, then SIGKILL after ``timeout``) and reap it."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=timeout)


def run_child(command: Sequence[str], cwd: Path, env: dict[str, str]) -> int:
    """Run an engine in the foreground (its messages go to our stdout and stderr); return its exit code.

    Ctrl-C reaches it through the terminal; SIGTERM to archkb stops it too.
    """
    try:
        process = subprocess.Popen(list(command), cwd=cwd, env=env, stdin=subprocess.DEVNULL)
    except OSError as err:
        raise EnvironmentProblem(f"cannot run {command[0]}: {err}") from err
    with terminate_on_exit():
        try:
            return process.wait()
        finally:
            stop(process)


def without_traceback(output: str) -> str:
    """An engine's messages without a Python traceback (Zensical ends a strict failure with one): the
    lines before it, and its last line, which says what failed."""
    lines = output.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("Traceback (most recent call last)")), None)
    if start is None:
        return output
    return "\n".join(lines[:start] + lines[-1:]) + "\n"


def run_build(command: Sequence[str], cwd: Path, env: dict[str, str]) -> int:
    """Run an engine's build, then show what it printed on stderr (without a traceback); its exit code.

    Colours only reach a terminal: Zensical colours its messages even in a pipe, so a log gets them plain.
    """
    try:
        with terminate_on_exit():
            result = subprocess.run(
                list(command), cwd=cwd, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False
            )
    except OSError as err:
        raise EnvironmentProblem(f"cannot run {command[0]}: {err}") from err
    shown = without_traceback(result.stdout + result.stderr)
    sys.stderr.write(shown if sys.stderr.isatty() else ANSI.sub("", shown))
    return result.returncode


def site_target(config_file: Path, site_dir: Path | None) -> Path:
    """``site_dir`` if given, else the config's ``site_dir`` beside ``mkdocs.yml`` (``site/``)."""
    if site_dir is not None:
        return Path(site_dir)
    return Path(config_file).resolve().parent / str(read_config(config_file).get("site_dir") or "site")


def plugin_options(config_file: Path) -> dict[str, Any]:
    """The archkb plugin's options in ``mkdocs.yml`` (``kb_dir``, ``cache_dir``, ``diagrams``, ``quiz``)."""
    for item in read_config(config_file).get("plugins") or []:
        if isinstance(item, dict) and PLUGIN in item:
            return dict(item[PLUGIN] or {})
    return {}


def build(name: str, config_file: Path, kb_dir: Path, site_dir: Path | None = None) -> Path:
    """Build the site strictly with the engine ``name`` into a temp folder, swapped in on success.

    Raises:
        SiteError: the engine failed; the old site is left exactly as it was.
        EnvironmentProblem: the engine is not installed.
    """
    chosen = engine(name)
    if chosen.name == "mkdocs":
        return build_site(config_file, kb_dir, site_dir)
    target = site_target(config_file, site_dir)
    check_replaceable(target)
    if chosen.name == "properdocs":
        with staged_dir(target) as tmp:
            args = chosen.command("build", "--strict", "-f", str(Path(config_file).resolve()), "-d", str(tmp))
            _check(chosen, run_build(args, Path(config_file).resolve().parent, child_env(kb_dir)))
            (tmp / MARKER).write_text("built by archkb build --engine properdocs\n", encoding="utf-8")
        return target
    return _build_zensical(chosen, config_file, kb_dir, target)


def _check(chosen: Engine, code: int) -> None:
    if code != 0:
        raise SiteError(f"the site was not built: {chosen.name} exited with {code} (its messages are above)")


def project_tree(config_file: Path, kb: KB) -> dict[str, bytes]:
    """The generated project (``docs/**`` and a plugin-free ``mkdocs.yml``) the plugin's options describe."""
    config_file = Path(config_file)
    root = config_file.resolve().parent
    options = plugin_options(config_file)
    docs_dir = root / str(read_config(config_file).get("docs_dir") or "docs")
    cache = Path(str(options.get("cache_dir") or ".archkb-cache"))
    return generate_tree(
        kb,
        docs_dir,
        config_file,
        diagrams=bool(options.get("diagrams", True)),
        quiz=bool(options.get("quiz", True)),
        cache_dir=(cache if cache.is_absolute() else root / cache) / "diagrams",
    )


def write_project(folder: Path, tree: dict[str, bytes]) -> None:
    """Write ``tree`` below ``folder`` (a fresh temp folder: nothing else is there)."""
    for path, data in tree.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def zensical_env(kb_dir: Path, kb: KB) -> dict[str, str]:
    """Zensical dates the sitemap by SOURCE_DATE_EPOCH: the KB's newest date, as the plugin does."""
    return child_env(kb_dir, {"SOURCE_DATE_EPOCH": str(source_date_epoch(kb))})


def _build_zensical(chosen: Engine, config_file: Path, kb_dir: Path, target: Path) -> Path:
    from ..kb import load_kb

    kb = load_kb(Path(kb_dir))
    tree = project_tree(config_file, kb)
    target.parent.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory(prefix=".archkb-zensical-", dir=target.parent) as project,
        staged_dir(target) as tmp,
    ):
        write_project(Path(project), tree)
        args = chosen.command("build", "--strict", "-f", "mkdocs.yml")
        _check(chosen, run_build(args, Path(project), zensical_env(kb_dir, kb)))
        for entry in sorted((Path(project) / "site").iterdir()):
            shutil.move(str(entry), str(tmp / entry.name))
        (tmp / MARKER).write_text("built by archkb build --engine zensical\n", encoding="utf-8")
    return target


def serve(name: str, config_file: Path, kb_dir: Path, dev_addr: str | None = None) -> None:
    """Serve the site with the engine ``name`` and live reload; an edit in ``kb/`` or ``docs/`` shows in the browser.

    Raises:
        SiteError: the engine could not start or stopped with an error.
        EnvironmentProblem: the engine is not installed, or the address is taken.
    """
    chosen = engine(name)
    if chosen.name == "mkdocs":
        serve_site(config_file, kb_dir, dev_addr)
        return
    if chosen.name == "zensical":
        from .live import serve_zensical

        serve_zensical(chosen, config_file, kb_dir, dev_addr)
        return
    args = chosen.command("serve", "--livereload", "-f", str(Path(config_file).resolve()))
    args += ["-a", dev_addr] if dev_addr else []
    code = run_child(args, Path(config_file).resolve().parent, child_env(kb_dir))
    if code not in (0, -signal.SIGINT, -signal.SIGTERM, 128 + signal.SIGINT):
        raise SiteError(f"{chosen.name} serve stopped with exit code {code} (its messages are above)")
