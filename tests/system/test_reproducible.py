"""Reproducible output and no leaked paths: two complete runs of every output command on the real
project, in two different folders, the second with the clock a day ahead, give identical files
(``diff -r`` is empty: the site with its sitemap and search index, SVG and PNG diagrams, and every
export), and no file of either holds a path of the machine that built it.

The clock is moved by a ``sitecustomize`` module on ``PYTHONPATH`` that adds a day to
``time.time``, ``time.time_ns``, ``time.localtime``/``gmtime``/``strftime``/``ctime`` and to
``datetime.datetime.now``/``utcnow``/``today`` and ``datetime.date.today`` (no ``faketime``
needed); a check run under the same shim proves the shift took.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from datetime import date, timedelta
from pathlib import Path

import pytest

from ..conftest import ROOT

DAY = 86400

SHIM = textwrap.dedent(
    f"""
    import datetime as _datetime
    import time as _time

    SHIFT = {DAY}
    _time_time, _time_ns = _time.time, _time.time_ns
    _localtime, _gmtime, _strftime, _ctime = _time.localtime, _time.gmtime, _time.strftime, _time.ctime
    _time.time = lambda: _time_time() + SHIFT
    _time.time_ns = lambda: _time_ns() + SHIFT * 1_000_000_000
    _time.localtime = lambda secs=None: _localtime(_time.time() if secs is None else secs)
    _time.gmtime = lambda secs=None: _gmtime(_time.time() if secs is None else secs)
    _time.ctime = lambda secs=None: _ctime(_time.time() if secs is None else secs)
    _time.strftime = lambda fmt, t=None: _strftime(fmt, _time.localtime() if t is None else t)


    class _DateTime(_datetime.datetime):
        @classmethod
        def now(cls, tz=None):
            return super().now(tz) + _datetime.timedelta(seconds=SHIFT)

        @classmethod
        def utcnow(cls):
            return super().utcnow() + _datetime.timedelta(seconds=SHIFT)

        @classmethod
        def today(cls):
            return cls.now()


    class _Date(_datetime.date):
        @classmethod
        def today(cls):
            return _DateTime.now().date()


    _datetime.datetime, _datetime.date = _DateTime, _Date
    """
)

#: Strings that would show where and by whom a file was built.
LEAKS = (b"site-packages", b"/home/", b"/tmp/", b"/root/", b".venv", b"/work/")

#: (output path inside the project, command) for everything the project writes.
COMMANDS = [
    ("site", ["build", "--kb", "kb", "--site-dir", "site"]),
    ("out/diagrams", ["diagrams", "--kb", "kb", "--out", "out/diagrams", "--quiet"]),
    ("out/generated", ["generate", "--kb", "kb", "--out", "out/generated"]),
    ("out/kb.json", ["export", "--kb", "kb", "--what", "kb", "--format", "json", "--out", "out/kb.json"]),
    ("out/quiz.json", ["export", "--kb", "kb", "--what", "quiz", "--format", "json", "--out", "out/quiz.json"]),
    ("out/quiz.gift", ["export", "--kb", "kb", "--what", "quiz", "--format", "gift", "--out", "out/quiz.gift"]),
    ("out/quiz.apkg", ["export", "--kb", "kb", "--what", "quiz", "--format", "anki", "--out", "out/quiz.apkg"]),
    ("out/quiz.xml", ["export", "--kb", "kb", "--what", "quiz", "--format", "moodle", "--out", "out/quiz.xml"]),
    ("out/quiz.zip", ["export", "--kb", "kb", "--what", "quiz", "--format", "qti", "--out", "out/quiz.zip"]),
    ("out/exam", ["export", "--kb", "kb", "--what", "exam", "--out", "out/exam", "--forms", "2", "--count", "8"]),
    ("out/handout.pdf", ["export", "--kb", "kb", "--what", "handout", "--out", "out/handout.pdf"]),
]


def project(dest: Path) -> Path:
    dest.mkdir(parents=True)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", dest / "docs")
    shutil.copytree(ROOT / "kb", dest / "kb")
    return dest


def env_for(where: Path, shim: Path | None) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("ARCHKB_", "XDG_")) and k not in ("SOURCE_DATE_EPOCH", "PYTHONPATH", "TMPDIR")
    }
    env.update(
        ARCHKB_CACHE_DIR=str(where / ".cache"),
        XDG_DATA_HOME=str(where / ".data"),
        TMPDIR=str(where / ".tmp"),
        NO_MKDOCS_2_WARNING="1",
    )
    (where / ".tmp").mkdir(exist_ok=True)
    if shim is not None:
        env["PYTHONPATH"] = str(shim)
    return env


def run_all(where: Path, shim: Path | None) -> None:
    env = env_for(where, shim)
    for _, args in COMMANDS:
        done = subprocess.run(
            [sys.executable, "-m", "archkb", *args], cwd=where, env=env, capture_output=True, text=True, timeout=900
        )
        assert done.returncode == 0, (args, done.stderr)


def files_of(where: Path) -> dict[str, bytes]:
    found = {}
    for output, _ in COMMANDS:
        path = where / output
        items = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        found.update({p.relative_to(where).as_posix(): p.read_bytes() for p in items})
    return found


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, bytes], dict[str, bytes]]:
    base = tmp_path_factory.mktemp("reproducible")
    shim = base / "shim"
    shim.mkdir()
    (shim / "sitecustomize.py").write_text(SHIM, encoding="utf-8")
    first = project(base / "a" / "project")
    second = project(base / "b" / "somewhere" / "else" / "site-project")
    run_all(first, None)
    run_all(second, shim)
    return files_of(first), files_of(second)


@pytest.mark.slow
def test_the_shim_moves_the_clock_a_day(tmp_path: Path) -> None:
    shim = tmp_path / "shim"
    shim.mkdir()
    (shim / "sitecustomize.py").write_text(SHIM, encoding="utf-8")
    check = (
        "import datetime, time; print(datetime.date.today(), datetime.datetime.now().date(), time.strftime('%Y-%m-%d'))"
    )
    done = subprocess.run(
        [sys.executable, "-c", check], env=env_for(tmp_path, shim), capture_output=True, text=True, timeout=60
    )
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    today = date.today().isoformat()
    assert done.stdout.split() in ([tomorrow] * 3, [(date.fromisoformat(today) + timedelta(days=2)).isoformat()] * 3), (
        done.stdout + done.stderr
    )


@pytest.mark.slow
def test_two_builds_in_two_folders_a_day_apart_are_identical(
    two_runs: tuple[dict[str, bytes], dict[str, bytes]],
) -> None:
    first, second = two_runs
    assert sorted(first) == sorted(second)
    differ = [path for path in sorted(first) if first[path] != second[path]]
    assert not differ, differ
    kinds = {Path(p).suffix for p in first}
    assert {".html", ".xml", ".gz", ".json", ".svg", ".png", ".gift", ".apkg", ".md", ".yml"} <= kinds, kinds
    assert "site/sitemap.xml" in first and "site/search/search_index.json" in first


@pytest.mark.slow
def test_no_file_holds_a_path_of_the_build_machine(two_runs: tuple[dict[str, bytes], dict[str, bytes]]) -> None:
    first, second = two_runs
    leaks = [
        f"{path}: {leak.decode()}"
        for files in (first, second)
        for path, data in files.items()
        for leak in LEAKS
        if leak in data
    ]
    for where in {str(Path(sys.prefix)), str(Path.home()), str(ROOT)}:
        leaks += [f"{path}: {where}" for path, data in first.items() if where.encode() in data]
    assert not leaks, "\n".join(sorted(set(leaks)))
