"""Helpers for the quiz tests: the real bank, KB copies, answers typed as a learner would, and a
real pseudo-terminal session around ``archkb quiz``."""

from __future__ import annotations

import contextlib
import functools
import io
import os
import pty
import re
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

from archkb.cli import main
from archkb.quiz import answers
from archkb.quiz.bank import Built, bank_and_left_out
from archkb.quiz.question import Question

ROOT = Path(__file__).resolve().parents[1]
REAL_KB = ROOT / "kb"


@functools.cache
def real_built() -> Built:
    """The bank of the real KB (built once per test session)."""
    from archkb.kb import load_kb

    return bank_and_left_out(load_kb(REAL_KB))


def kb_copy(tmp_path: Path) -> Path:
    """A copy of the real KB at tmp_path/kb."""
    target = tmp_path / "kb"
    shutil.copytree(REAL_KB, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    """Replace exactly one occurrence of ``old`` in a kb file."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def quiz_env(tmp_path: Path) -> dict[str, str]:
    """Environment for a child ``archkb``: private cache and data folders, no colours, fixed width."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ARCHKB_", "XDG_")) and k != "SOURCE_DATE_EPOCH"}
    env.update(
        ARCHKB_CACHE_DIR=str(tmp_path / "cache"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        COLUMNS="100",
        PYTHONUNBUFFERED="1",
    )
    return env


def archkb(args: list[str], tmp_path: Path, stdin: str = "", **env: str) -> subprocess.CompletedProcess[str]:
    """``archkb ARGS`` in this process (``cli.main``), as a scripted learner runs it: stdin from ``stdin``
    (not a terminal), the environment of :func:`quiz_env` plus ``env``, the working folder at the repo.

    Returns stdout, stderr and the exit code as a CompletedProcess. Tests where the process itself is
    the point (signals, a closed pipe, a pseudo-terminal) use :func:`archkb_process` or :func:`pty_session`.
    """
    saved_env, saved_cwd, saved_stdin = dict(os.environ), os.getcwd(), sys.stdin
    out, err = io.StringIO(), io.StringIO()
    try:
        os.environ.clear()
        os.environ.update({**quiz_env(tmp_path), **env})
        os.chdir(ROOT)
        sys.stdin = io.StringIO(stdin)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(args)
            except SystemExit as exit_:  # argparse on bad arguments or --help
                code = exit_.code if isinstance(exit_.code, int) else 0 if exit_.code is None else 1
    finally:
        sys.stdin = saved_stdin
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
    return subprocess.CompletedProcess(["archkb", *args], code, out.getvalue(), err.getvalue())


def archkb_process(
    args: list[str], tmp_path: Path, stdin: str = "", timeout: float = 120, **env: str
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m archkb ARGS`` as a real process with piped stdin (and extra environment variables)."""
    return subprocess.run(
        [sys.executable, "-m", "archkb", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**quiz_env(tmp_path), **env},
        timeout=timeout,
    )


def typed(q: Question, right: bool) -> str:
    """What a learner types to answer ``q`` right, or wrong."""
    if right:
        return answers.show(q, q.answer)
    wrong = list(q.answer)
    if q.kind in ("single", "truefalse"):
        wrong = [next(i for i in range(len(q.choices)) if i not in q.answer)]
    elif q.kind == "multiple":
        missing = next(i for i in range(len(q.choices)) if i not in q.answer)
        wrong = sorted(q.answer + (missing,))
    elif q.kind == "ordering":
        wrong = wrong[1:] + wrong[:1]
    else:
        wrong[0] = (wrong[0] + 1) % len(q.choices)
    result = answers.show(q, tuple(wrong))
    assert not q.is_correct(answers.parse(q, result))
    return result


class Pty:
    """``archkb ARGS`` on a real pseudo-terminal: read what it shows, type lines, send keys."""

    def __init__(self, args: list[str], tmp_path: Path) -> None:
        self.master, slave = pty.openpty()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "archkb", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            cwd=ROOT,
            env=quiz_env(tmp_path),
        )
        os.close(slave)
        self.seen = ""
        self.log = ""  # everything the terminal showed, for reading a session afterwards

    def expect(self, pattern: str, timeout: float = 120) -> re.Match[str]:
        """Wait until the output so far matches ``pattern`` (searched after what earlier expects consumed)."""
        deadline = time.monotonic() + timeout
        regex = re.compile(pattern)
        while True:
            found = regex.search(self.seen)
            if found:
                self.seen = self.seen[found.end() :]
                return found
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {pattern!r}; output so far:\n{self.seen}")
            ready, _, _ = select.select([self.master], [], [], 0.2)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:  # the child closed the terminal
                    chunk = b""
                if not chunk and self.proc.poll() is not None:
                    raise AssertionError(
                        f"archkb ended (exit {self.proc.returncode}) before {pattern!r}; output:\n{self.seen}"
                    )
                text = chunk.decode("utf-8", errors="replace").replace("\r\n", "\n")
                self.seen += text
                self.log += text

    def send(self, text: str) -> None:
        os.write(self.master, text.encode("utf-8"))

    def finish(self, timeout: float = 60) -> str:
        """Wait for the child to exit; return the rest of its output."""
        deadline = time.monotonic() + timeout
        while self.proc.poll() is None or select.select([self.master], [], [], 0)[0]:
            if time.monotonic() > deadline:
                self.proc.kill()
                raise AssertionError(f"archkb did not exit; output:\n{self.seen}")
            if select.select([self.master], [], [], 0.2)[0]:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                text = chunk.decode("utf-8", errors="replace").replace("\r\n", "\n")
                self.seen += text
                self.log += text
        self.proc.wait(timeout=timeout)
        self.close()
        return self.seen

    def close(self) -> None:
        """Kill the child if it still runs (a failed test) and release the terminal."""
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        if self.master >= 0:
            os.close(self.master)
            self.master = -1
