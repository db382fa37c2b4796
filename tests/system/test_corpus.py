"""Every broken KB of the corpus through every entry point: the documented exit code, one
``path:line:col: message`` line per problem (all of them, in one run), no traceback, and nothing
written: the outputs of a good earlier run, the folders around them and the temp folder stay
byte-for-byte as they were.

Each test works in its own copy of a project (mkdocs.yml, docs/, a kb/ and the outputs of a good
run of every command on the base KB), with the temp folder and the quiz's cache and data folders
inside it, so one snapshot of the test's folder covers outputs, their parents, caches and temp
files. The ``archkb`` commands and ``mkdocs build`` run in-process for speed; ``test_subprocess_*``
runs each of them once as a real process, as a user would.

What plain ``mkdocs build`` does with a broken KB: the archkb plugin loads the KB in ``on_config``,
which MkDocs runs before it cleans ``site_dir``; the plugin raises ``PluginError`` with one line
per problem, MkDocs logs it as ``ERROR - the knowledge base has problems:`` followed by the lines,
prints ``Aborted with a BuildError!`` and exits 1, and the old site is untouched. (A failure later
in a plain ``mkdocs build``, after the cleaning, leaves a partial site; ``archkb build`` is the
command that keeps the last good site in every case, see tests/site/test_mkdocs_shell.py.)
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from archkb.cli import main

from ..corpuskit import PWNED, Case, all_cases, changes, enter, make_kb, new_project, piped, project_env, snapshot

CASES = all_cases()


@dataclass(frozen=True)
class Entry:
    """One way into archkb: its arguments (run in the project folder) and what it reads on stdin."""

    name: str
    argv: tuple[str, ...]
    stdin: str = ""


SITE = "https://example.org/archkb/"
QUIZ_ARGS = ("--seed", "1", "--count", "3", "--progress", "out/progress.json")


def quiz_answers() -> str:
    """Right answers to the round QUIZ_ARGS asks on the base KB, typed in the order that round shows
    the choices (they are shuffled by the seed and the question id, so letters are never fixed)."""
    from archkb.kb import load_kb
    from archkb.quiz.bank import build_bank
    from archkb.quiz.session import select

    from ..conftest import BASE_KB
    from ..quizkit import typed

    return "".join(typed(p.question, True) + "\n" for p in select(build_bank(load_kb(BASE_KB)), 3, 1))


ENTRIES = (
    Entry("validate", ("validate", "--kb", "kb")),
    Entry("validate-json", ("validate", "--kb", "kb", "--format", "json")),
    Entry("show", ("show", "--kb", "kb", "one")),
    Entry("generate", ("generate", "--kb", "kb", "--out", "out/generated")),
    Entry("diagrams", ("diagrams", "--kb", "kb", "--out", "out/diagrams", "--quiet")),
    Entry("quiz", ("quiz", "--kb", "kb", *QUIZ_ARGS), stdin=quiz_answers()),
    Entry("export-kb-json", ("export", "--kb", "kb", "--what", "kb", "--format", "json", "--out", "out/kb.json")),
    Entry("export-quiz-json", ("export", "--kb", "kb", "--what", "quiz", "--format", "json", "--out", "out/quiz.json")),
    Entry("export-quiz-gift", ("export", "--kb", "kb", "--what", "quiz", "--format", "gift", "--out", "out/quiz.gift")),
    Entry("export-quiz-anki", ("export", "--kb", "kb", "--what", "quiz", "--format", "anki", "--out", "out/quiz.apkg")),
    Entry(
        "export-quiz-moodle",
        ("export", "--kb", "kb", "--what", "quiz", "--format", "moodle", "--out", "out/quiz.xml", "--site-url", SITE),
    ),
    Entry(
        "export-quiz-qti",
        ("export", "--kb", "kb", "--what", "quiz", "--format", "qti", "--out", "out/quiz.zip", "--site-url", SITE),
    ),
    Entry(
        "export-exam",
        ("export", "--kb", "kb", "--what", "exam", "--out", "out/exam", "--count", "5", "--site-url", SITE),
    ),
    Entry(
        "export-handout", ("export", "--kb", "kb", "--what", "handout", "--out", "out/handout.pdf", "--site-url", SITE)
    ),
    Entry("build", ("build", "--kb", "kb", "--site-dir", "site")),
    Entry("serve", ("serve", "--kb", "kb", "--dev-addr", "127.0.0.1:1")),  # the KB is checked before anything is served
)
MKDOCS = "mkdocs-build"
ENTRY_NAMES = [e.name for e in ENTRIES] + [MKDOCS]


@dataclass
class Ran:
    code: int
    out: str
    err: str


def run_archkb(
    argv: tuple[str, ...], stdin: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Ran:
    monkeypatch.setattr(sys, "stdin", piped(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return Ran(code, out, err)


def run_mkdocs(capsys: pytest.CaptureFixture[str]) -> Ran:
    """``mkdocs build`` through MkDocs' own command line, in-process (its logger state restored after)."""
    from mkdocs.__main__ import cli

    logger, build_logger = logging.getLogger("mkdocs"), logging.getLogger("mkdocs.commands.build")
    saved = (list(logger.handlers), logger.level, logger.propagate, list(build_logger.filters))
    try:
        with pytest.raises(SystemExit) as stop:
            cli.main(["build", "--config-file", "mkdocs.yml"], prog_name="mkdocs")
    finally:
        # Each run adds a handler and a DuplicateFilter (which would hide the next run's identical message).
        logger.handlers[:], logger.level, logger.propagate, build_logger.filters[:] = saved
    out, err = capsys.readouterr()
    code = stop.value.code
    return Ran(code if isinstance(code, int) else 1, out, err)


@pytest.fixture(scope="module")
def good_project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A project holding the outputs of a good run of every command on the base KB (its kb/ removed)."""
    project = new_project(tmp_path_factory.mktemp("corpus") / "project")
    with pytest.MonkeyPatch.context() as mp:
        enter(project, mp)
        for entry in ENTRIES:
            if entry.name != "serve":
                mp.setattr(sys, "stdin", piped(entry.stdin))
                assert main(list(entry.argv)) == 0, entry.name
    assert (project / "site" / "index.html").is_file() and (project / "out" / "progress.json").is_file()
    assert not list((project / ".tmp").iterdir())
    shutil.rmtree(project / "kb")
    yield project


def params() -> list[object]:
    marks = {MKDOCS: [pytest.mark.slow]}
    return [
        pytest.param(case, entry, id=f"{case.name}-{entry}", marks=marks.get(entry, []))
        for case in CASES
        for entry in ENTRY_NAMES
    ]


def test_the_corpus_covers_the_issue_list() -> None:
    names = {c.name for c in CASES}
    wanted = {
        "duplicate-key", "duplicate-id-across-files", "tab-indentation", "unknown-field", "missing-required-field",
        "wrong-type", "dangling-reference", "no-as-boolean", "yes-as-boolean", "on-as-boolean", "decimal-order",
        "octal-like-order", "sexagesimal-order", "date-as-boolean", "empty-file", "comment-only-file", "top-level-list",
        "top-level-scalar", "several-documents", "latin-1-bytes", "utf-16-bom", "nul-byte", "alias-bomb",
        "alias-bomb-billion-laughs", "deep-nesting", "deep-nesting-block", "oversize-file", "python-tag",
        "python-apply-mapping", "symlink-out-of-kb", "folder-named-like-a-kb-file", "applies-and-lifted",
        "capability-contradicts-restriction", "history-after-since", "lifted-by-unknown-architecture", "many-problems",
        "question-key-disagrees",
    }  # fmt: skip
    assert not wanted - names, sorted(wanted - names)
    assert len(CASES) >= 50


@pytest.mark.parametrize(("case", "entry"), params())
def test_broken_kb_through_every_entry_point(
    case: Case,
    entry: str,
    good_project: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    project = tmp_path / "project"
    shutil.copytree(good_project, project, symlinks=True)
    make_kb(case, project / "kb")
    enter(project, monkeypatch)
    before = snapshot(tmp_path)

    if entry == MKDOCS:
        ran = run_mkdocs(capsys)
    else:
        chosen = next(e for e in ENTRIES if e.name == entry)
        ran = run_archkb(chosen.argv, chosen.stdin, capsys, monkeypatch)

    assert ran.code == 1, (ran.code, ran.err)
    assert "Traceback" not in ran.out + ran.err
    if entry == MKDOCS:
        lines = ran.err.splitlines()
        missing = [line for line in case.expected if line not in lines]
        assert not missing, "\n".join(["not in mkdocs' output:", *missing, "output:", ran.err])
        assert "ERROR" in ran.err and "the knowledge base has problems:" in ran.err
    elif entry == "validate-json":
        import json

        data = json.loads(ran.out)
        assert data["ok"] is False and ran.err == ""
        assert tuple(f"{p['path']}:{p['line']}:{p['col']}: {p['message']}" for p in data["problems"]) == case.expected
    else:
        assert tuple(ran.err.splitlines()) == case.expected
        assert ran.out == ""
    assert not changes(before, snapshot(tmp_path)), "\n".join(changes(before, snapshot(tmp_path)))
    assert not [name for name in PWNED if (project / name).exists()]


@pytest.fixture(scope="module")
def broken_project(good_project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the good project with the many-problems KB, shared by the subprocess runs (none may change it)."""
    project = tmp_path_factory.mktemp("subprocess") / "project"
    shutil.copytree(good_project, project, symlinks=True)
    make_kb(next(c for c in CASES if c.name == "many-problems"), project / "kb")
    (project / ".tmp").mkdir(exist_ok=True)
    return project


def child_env(project: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("ARCHKB_", "XDG_")) and k not in ("SOURCE_DATE_EPOCH", "TMPDIR")
    }
    return {**env, **project_env(project)}


@pytest.mark.slow
@pytest.mark.parametrize("entry", ENTRY_NAMES)
def test_subprocess_exit_code_and_problem_lines(entry: str, broken_project: Path) -> None:
    """Each entry point once as a real process, stdin a pipe: exit 1, the problem lines, nothing written."""
    case = next(c for c in CASES if c.name == "many-problems")
    chosen = next((e for e in ENTRIES if e.name == entry), None)
    args = (
        [sys.executable, "-m", "mkdocs", "build"] if chosen is None else [sys.executable, "-m", "archkb", *chosen.argv]
    )
    before = snapshot(broken_project.parent)
    done = subprocess.run(
        args,
        cwd=broken_project,
        env=child_env(broken_project),
        input=chosen.stdin if chosen else "",
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    if chosen is None:
        assert not [line for line in case.expected if line not in done.stderr.splitlines()], done.stderr
    elif entry == "validate-json":
        assert done.stderr == "" and '"ok": false' in done.stdout
    else:
        assert tuple(done.stderr.splitlines()) == case.expected and done.stdout == ""
    assert not changes(before, snapshot(broken_project.parent)), "\n".join(
        changes(before, snapshot(broken_project.parent))
    )
