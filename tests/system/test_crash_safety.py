"""Crash safety: the quiz under hostile input and signals, the progress file under damage, a full
disk, a read-only folder and a crash between write and rename, and the site under a killed build.

Extends tests/quiz/test_terminal.py and tests/quiz/test_progress.py (which cover EOF, Ctrl-C in a
real terminal, invalid input and damaged files one by one) without repeating them.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from archkb.cli import main
from archkb.quiz import answers
from archkb.quiz.progress import Progress
from archkb.quiz.session import select

from ..conftest import REAL_KB, ROOT
from ..corpuskit import changes, piped, snapshot
from ..quizkit import quiz_env, real_built, typed

KINDS = ("single", "multiple", "truefalse", "ordering", "matching")
TEN_KB = "é✓漢🙂" * 2000  # about 20,000 bytes of UTF-8, 8,000 characters


def first_question(seed: int):  # type: ignore[no-untyped-def]
    return select(real_built().bank, 1, seed, None, False, Progress())[0].question


def seed_for(kind: str) -> int:
    """A seed whose one-question round asks a question of ``kind``."""
    return next(s for s in range(1, 2000) if first_question(s).kind == kind)


@pytest.fixture
def quiz_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Private cache and data folders for in-process quiz runs."""
    for name, value in quiz_env(tmp_path).items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def quiz(
    args: list[str], stdin: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", piped(stdin))
    code = main(["quiz", "--kb", str(REAL_KB), *args])
    out, err = capsys.readouterr()
    return code, out, err


# -- the quiz: input ---------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_nonsense_asks_again_and_nothing_is_chosen_for_the_learner(
    kind: str, quiz_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``abc``, ``7``, an empty line and a 10 KB Unicode line, then end of input: each is either a
    well-formed answer (graded as exactly what was typed) or asked again; nothing is picked by default."""
    seed = seed_for(kind)
    q = first_question(seed)
    lines = ["abc", "7", "", TEN_KB]
    accepted = []
    for line in lines:
        try:
            accepted.append(answers.parse(q, line))
            break
        except answers.Invalid:
            continue
    rejected = len(lines) if not accepted else lines.index(next(t for t in lines if _parses(q, t)))
    store = quiz_home / "p.json"
    code, out, err = quiz(
        ["--seed", str(seed), "--count", "1", "--json", "--progress", str(store)],
        "\n".join(lines) + "\n",
        capsys,
        monkeypatch,
    )
    assert code == 0 and "Traceback" not in err
    assert err.count("Not an answer") == rejected
    result = json.loads(out)
    if accepted:
        assert result["answered"] == 1 and result["questions"][0]["given"] == list(accepted[0])
    else:
        assert result["answered"] == 0 and result["questions"] == []
        assert "Input ended. Score: 0 of 0" in err and not store.exists(), "nothing answered, nothing saved"


def _parses(q, text: str) -> bool:  # type: ignore[no-untyped-def]
    try:
        answers.parse(q, text)
    except answers.Invalid:
        return False
    return True


def test_empty_stdin_ends_cleanly_and_leaves_progress_alone(
    quiz_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    store = quiz_home / "p.json"
    store.write_text(json.dumps({"archkb_progress": 2, "questions": {}}))
    before = store.read_bytes()
    code, out, err = quiz(["--seed", "3", "--count", "2", "--progress", str(store)], "", capsys, monkeypatch)
    assert code == 0 and "Input ended. Score: 0 of 0 (answered 0 of 2)" in out and "No progress saved." in out
    assert store.read_bytes() == before


def test_undecodable_bytes_on_stdin_are_just_not_an_answer(tmp_path: Path) -> None:
    """A pipe that is not UTF-8 (here Latin-1 and stray bytes): asked again, no traceback."""
    q = first_question(5)
    data = b"\xe9t\xe9\n\xff\xfe\x00\n" + typed(q, True).encode() + b"\n"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "archkb",
            "quiz",
            "--kb",
            str(REAL_KB),
            "--seed",
            "5",
            "--count",
            "1",
            "--progress",
            str(tmp_path / "p.json"),
        ],
        input=data,
        capture_output=True,
        env=quiz_env(tmp_path),
        cwd=ROOT,
        timeout=120,
    )
    out, err = done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace")
    assert done.returncode == 0 and "Traceback" not in err, err
    assert out.count("Not an answer") == 2 and "Score: 1 of 1 (100%)" in out


def test_ctrl_c_with_piped_stdin_saves_the_partial_score_and_exits_130(tmp_path: Path) -> None:
    """SIGINT while the quiz waits on a pipe (not a terminal): exit 130, what was answered is kept."""
    questions = [p.question for p in select(real_built().bank, 3, 41, None, False, Progress())]
    store = tmp_path / "p.json"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "archkb",
            "quiz",
            "--kb",
            str(REAL_KB),
            "--seed",
            "41",
            "--count",
            "3",
            "--progress",
            str(store),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=quiz_env(tmp_path),
        cwd=ROOT,
    )
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write((typed(questions[0], True) + "\n").encode())
    proc.stdin.flush()
    seen = b""
    while b"Question 2 of 3" not in seen:  # the first answer is graded and saved before question 2 is shown
        chunk = proc.stdout.read1(65536)
        assert chunk, seen.decode()
        seen += chunk
    proc.send_signal(signal.SIGINT)
    rest, err = proc.communicate(timeout=120)
    out = (seen + rest).decode()
    assert proc.returncode == 130, err.decode()
    assert "Interrupted. Score: 1 of 1 (100%) (answered 1 of 3)" in out and "Traceback" not in err.decode()
    assert set(json.loads(store.read_text())["questions"]) == {questions[0].id}


# -- the progress file -------------------------------------------------------------------------------


def good_progress(path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> bytes:
    """A progress file holding one right answer, made by a real round."""
    q = first_question(7)
    assert (
        quiz(["--seed", "7", "--count", "1", "--progress", str(path)], typed(q, True) + "\n", capsys, monkeypatch)[0]
        == 0
    )
    return path.read_bytes()


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        pytest.param(lambda data: data[: len(data) // 2], "not valid JSON", id="truncated"),
        pytest.param(
            lambda data: data.replace(b'"archkb_progress": 2', b'"archkb_progress": 3'), "format 3", id="newer-version"
        ),
        pytest.param(lambda data: b"", "not valid JSON", id="empty"),
        pytest.param(lambda data: b"\xff\xfe" + data, "cannot be read", id="not-utf8"),
    ],
)
def test_a_damaged_file_from_a_real_round_is_set_aside_with_a_warning(
    damage, reason: str, quiz_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    store = quiz_home / "progress.json"
    damaged = damage(good_progress(store, capsys, monkeypatch))
    store.write_bytes(damaged)
    q = first_question(8)
    code, out, err = quiz(
        ["--seed", "8", "--count", "1", "--progress", str(store)], typed(q, True) + "\n", capsys, monkeypatch
    )
    assert code == 0
    assert f"progress file {store} is damaged" in err and reason in err and "progress.json.corrupt-1" in err
    assert (quiz_home / "progress.json.corrupt-1").read_bytes() == damaged
    assert set(json.loads(store.read_text())["questions"]) == {q.id}


def test_full_disk_keeps_the_old_file_and_leaves_no_temp_file(
    quiz_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A full disk, simulated: os.fsync in write_atomic raises OSError(ENOSPC). This is the one fake
    in these tests (filling a real disk is not something a test suite should do); the rest is real."""
    store = quiz_home / "progress.json"
    before = good_progress(store, capsys, monkeypatch)
    import archkb.atomic

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(archkb.atomic.os, "fsync", no_space)
    questions = [p.question for p in select(real_built().bank, 2, 9, None, False, Progress())]
    lines = "".join(typed(q, True) + "\n" for q in questions)
    code, out, err = quiz(["--seed", "9", "--count", "2", "--progress", str(store)], lines, capsys, monkeypatch)
    assert "Traceback" not in err
    assert code == 0 and "Score: 2 of 2 (100%)" in out, "the quiz goes on; the answers are graded"
    assert "cannot save progress" in err and "No space left on device" in err
    assert err.count("cannot save progress") == 1, "said once, not after every answer"
    assert "Progress not saved" in out
    assert store.read_bytes() == before
    assert sorted(p.name for p in quiz_home.iterdir() if p.name.startswith(".progress")) == []


READ_ONLY_CHILD = """
import os, subprocess, sys
folder, args = sys.argv[1], sys.argv[2:]
if os.geteuid() == 0:  # root writes through permissions: make the folder a read-only mount in a private namespace
    os.execvp("unshare", ["unshare", "-rm", "sh", "-c",
        'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@"',
        folder, sys.executable, "-m", "archkb", *args])
os.chmod(folder, 0o555)
try:
    sys.exit(subprocess.run([sys.executable, "-m", "archkb", *args]).returncode)
finally:
    os.chmod(folder, 0o755)
"""


def test_read_only_folder_keeps_the_old_file_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A real read-only folder: chmod for a normal user; for root (who writes through permissions) a
    read-only bind mount in a private mount namespace (``unshare -rm``)."""
    if os.geteuid() == 0 and (
        shutil.which("unshare") is None
        or subprocess.run(["unshare", "-rm", "true"], capture_output=True).returncode != 0
    ):
        # Root writes through permissions; without user+mount namespaces there is no real read-only
        # folder to test against here. The full-disk test drives the same "cannot save" path.
        pytest.skip("running as root where unshare -rm is not permitted: no real read-only folder possible")
    folder = tmp_path / "ro"
    folder.mkdir()
    store = folder / "progress.json"
    for name, value in quiz_env(tmp_path).items():
        monkeypatch.setenv(name, value)
    before = good_progress(store, capsys, monkeypatch)
    questions = [p.question for p in select(real_built().bank, 2, 11, None, False, Progress())]
    args = ["quiz", "--kb", str(REAL_KB), "--seed", "11", "--count", "2", "--progress", str(store)]
    done = subprocess.run(
        [sys.executable, "-c", READ_ONLY_CHILD, str(folder), *args],
        input="".join(typed(q, True) + "\n" for q in questions),
        capture_output=True,
        text=True,
        env=quiz_env(tmp_path),
        cwd=ROOT,
        timeout=120,
    )
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 0 and "Score: 2 of 2 (100%)" in done.stdout
    assert "cannot save progress" in done.stderr and (
        "Read-only file system" in done.stderr or "Permission denied" in done.stderr
    )
    assert store.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["progress.json"]


CRASH_CHILD = """
import os, signal, sys
real_replace = os.replace
def replace(src, dst, *args, **kwargs):
    if str(dst).endswith("progress.json"):
        os.kill(os.getpid(), signal.SIGKILL)  # the crash: after the temp file is written, before the rename
    return real_replace(src, dst, *args, **kwargs)
os.replace = replace
from archkb.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_a_crash_between_write_and_rename_keeps_the_old_file_and_the_next_run_cleans_up(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in quiz_env(tmp_path).items():
        monkeypatch.setenv(name, value)
    store = tmp_path / "progress.json"
    before = good_progress(store, capsys, monkeypatch)
    q = first_question(12)
    args = ["quiz", "--kb", str(REAL_KB), "--seed", "12", "--count", "1", "--progress", str(store)]
    killed = subprocess.run(
        [sys.executable, "-c", CRASH_CHILD, *args],
        input=typed(q, True) + "\n",
        capture_output=True,
        text=True,
        env=quiz_env(tmp_path),
        cwd=ROOT,
        timeout=120,
    )
    assert killed.returncode == -signal.SIGKILL
    assert store.read_bytes() == before, "the old file is intact"
    leftovers = [p for p in tmp_path.iterdir() if p.name.startswith(".progress.json.") and p.name.endswith(".tmp")]
    assert len(leftovers) == 1 and q.id in leftovers[0].read_text(), "the crash came after the new data was written"

    code, out, err = quiz(
        ["--seed", "12", "--count", "1", "--progress", str(store)], typed(q, True) + "\n", capsys, monkeypatch
    )
    assert code == 0 and "Progress saved" in out
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".progress.json.")], (
        "the next run removed the stale temp file"
    )
    assert q.id in json.loads(store.read_text())["questions"]


# -- the site ----------------------------------------------------------------------------------------

BUILD_CRASH_CHILD = """
import os, signal, sys
import mkdocs.commands.build as build
def killed(config, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)  # the crash: mid-build, with the new site half in its temp folder
build.build = killed
from archkb.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.slow
def test_a_killed_build_keeps_the_last_good_site_and_the_next_build_cleans_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """(A failed build keeping the site is tested in tests/site/test_mkdocs_shell.py.

    Per broken KB, it is tested in tests/system/test_corpus.py.)
    """
    from ..corpuskit import enter, new_project

    project = new_project(tmp_path / "project")
    enter(project, monkeypatch)
    assert main(["build", "--kb", "kb", "--site-dir", "site"]) == 0
    before = snapshot(project / "site")
    env = {k: v for k, v in os.environ.items()}
    killed = subprocess.run(
        [sys.executable, "-c", BUILD_CRASH_CHILD, "build", "--kb", "kb"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert killed.returncode == -signal.SIGKILL
    assert not changes(before, snapshot(project / "site"))
    assert [p.name for p in project.iterdir() if p.name.startswith(".site.")], "the killed build left its temp folder"
    assert main(["build", "--kb", "kb", "--site-dir", "site"]) == 0
    assert not [p.name for p in project.iterdir() if p.name.startswith(".site.")], "the next build removed it"


# -- output to a closed pipe ---------------------------------------------------------------------------


def test_a_reader_that_goes_away_is_no_traceback(tmp_path: Path) -> None:
    """`archkb validate | head -1` when head has already exited: exit 141 (128 + SIGPIPE), quietly."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "archkb", "validate", "--kb", str(REAL_KB)],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            timeout=120,
        )
    finally:
        os.close(write_end)
    assert done.returncode == 141 and done.stderr == ""


@pytest.mark.parametrize(("what", "fmt"), [("kb", "json"), ("quiz", "json"), ("quiz", "gift")])
def test_export_to_stdout_writes_only_the_export(what: str, fmt: str, tmp_path: Path) -> None:
    """`--out /dev/stdout` writes through (never replacing /dev/stdout) and nothing else goes to stdout.
    (Through a link to /dev/stdout in tmp_path, so that a regression replaces that link, not the machine's.)"""
    out = tmp_path / "stdout"
    out.symlink_to("/dev/stdout")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "archkb",
            "export",
            "--kb",
            str(REAL_KB),
            "--what",
            what,
            "--format",
            fmt,
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        env=quiz_env(tmp_path),
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert f"wrote {out}" in done.stderr
    if fmt == "json":
        assert json.loads(done.stdout)
    else:
        assert done.stdout.startswith("// archkb quiz bank") and "wrote" not in done.stdout
    assert out.is_symlink() and sorted(
        p.name for p in tmp_path.iterdir() if not p.name.startswith(("cache", "data"))
    ) == ["stdout"]
