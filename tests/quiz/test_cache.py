"""The bank cache: keyed by the KB's fingerprint; a warm start reads the bank instead of building it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from archkb.quiz import cache

from ..quizkit import REAL_KB, ROOT, edit, kb_copy, quiz_env, real_built

PROBE = """
import sys
from archkb.quiz.cache import load_bank
loaded = load_bank(sys.argv[1])
heavy = sorted(m for m in ("mkdocs", "material", "diagrams", "graphviz", "archkb.quiz.bank") if m in sys.modules)
print(loaded.warm, len(loaded.bank.questions), ",".join(heavy) or "-")
"""


def probe(kb_dir: Path, tmp_path: Path) -> tuple[bool, int, list[str]]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(kb_dir)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=quiz_env(tmp_path),
        check=True,
    ).stdout
    warm, count, heavy = out.split()
    return warm == "True", int(count), [] if heavy == "-" else heavy.split(",")


def test_no_fingerprint_for_a_kb_discover_rejects(tmp_path: Path) -> None:
    assert cache.kb_fingerprint(REAL_KB)
    kb_dir = kb_copy(tmp_path)
    (kb_dir / "notes.yml").write_text("kind: qa\n")
    assert cache.kb_fingerprint(kb_dir) is None, "a KB that discover() rejects must not be served from the cache"
    assert cache.kb_fingerprint(tmp_path / "missing") is None


def test_cold_then_warm_start(tmp_path: Path) -> None:
    warm, count, heavy = probe(REAL_KB, tmp_path)
    assert not warm and count == len(real_built().bank.questions)
    assert "mkdocs" not in heavy and "diagrams" not in heavy
    warm, count, heavy = probe(REAL_KB, tmp_path)
    assert warm and count == len(real_built().bank.questions)
    assert heavy == [], f"a warm start imported {heavy}"


def test_any_kb_change_rebuilds(tmp_path: Path) -> None:
    kb_dir = kb_copy(tmp_path)
    assert not probe(kb_dir, tmp_path)[0]
    assert probe(kb_dir, tmp_path)[0]
    edit(
        kb_dir / "concepts.yaml", "A routing protocol; with Calico", "A routing protocol for the Internet; with Calico"
    )
    assert not probe(kb_dir, tmp_path)[0]
    assert len(list((tmp_path / "cache").glob("bank-*.json"))) == 1, "old cache entries are removed"


def test_an_edited_quiz_or_kb_module_rebuilds(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    stamp = cache.code_stamp()
    assert "quiz/scenarios.py:" in stamp and "kb/requirements.py:" in stamp, "every module that builds a bank"
    monkeypatch.setenv("ARCHKB_CACHE_DIR", str(tmp_path / "cache"))
    assert not cache.load_bank(REAL_KB).warm
    assert cache.load_bank(REAL_KB).warm
    monkeypatch.setattr(cache, "code_stamp", lambda: stamp.replace("quiz/scenarios.py:", "quiz/scenarios.py:1"))
    assert not cache.load_bank(REAL_KB).warm, "a bank built by the old template is not served"


def test_a_site_build_takes_the_bank_from_the_cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from archkb.kb import load_kb
    from archkb.quiz import bank as bank_module

    monkeypatch.setenv("ARCHKB_CACHE_DIR", str(tmp_path / "cache"))
    kb = load_kb(REAL_KB)
    built = cache.bank_for(kb, REAL_KB)
    assert built == real_built().bank
    assert cache.load_bank(REAL_KB).warm, "what the site build stored, the quiz reads"

    def no_build(kb):  # type: ignore[no-untyped-def]
        raise AssertionError("the bank was built again")

    monkeypatch.setattr(bank_module, "bank_and_left_out", no_build)
    assert cache.bank_for(kb, REAL_KB) == built


def test_a_damaged_cache_is_rebuilt(tmp_path: Path) -> None:
    probe(REAL_KB, tmp_path)
    (entry,) = (tmp_path / "cache").glob("bank-*.json")
    entry.write_text('{"key": ')
    assert probe(REAL_KB, tmp_path)[0] is False
    assert json.loads(entry.read_text())["bank"]["questions"]


def test_quiz_command_imports_neither_mkdocs_nor_diagrams(tmp_path: Path) -> None:
    code = (
        "import sys, runpy\n"
        "sys.argv = ['archkb', 'quiz', '--kb', sys.argv[1], '--count', '1', '--seed', '1', '--progress', sys.argv[2]]\n"
        "from archkb.cli import main\n"
        "rc = main(sys.argv[1:])\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'diagrams', 'material')]\n"
        "print('LOADED', bad, rc, file=sys.stderr)\n"
    )
    for _ in range(2):  # cold, then warm
        done = subprocess.run(
            [sys.executable, "-c", code, str(REAL_KB), str(tmp_path / "p.json")],
            input="a\n",
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=quiz_env(tmp_path),
        )
        assert "LOADED [] 0" in done.stderr, done.stderr


#: What a warm ``archkb quiz`` must not import before its first question: the site and diagram
#: stacks, and the bank generators (a warm start reads the cached bank; its time is a figure of
#: scripts/bench.py, "quiz warm start").
NOT_ON_THE_WARM_START = (
    "mkdocs material diagrams graphviz archkb.quiz.bank archkb.site archkb.diagrams archkb.pages".split()
)


def test_a_warm_quiz_start_imports_only_what_it_needs(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "before = set(sys.modules)\n"
        "from archkb.cli import main\n"
        "rc = main(['quiz', '--kb', sys.argv[1], '--seed', '1', '--progress', sys.argv[2]])\n"
        "print('IMPORTED', rc, ' '.join(sorted(set(sys.modules) - before)), file=sys.stderr)\n"
    )
    command = [sys.executable, "-c", code, str(REAL_KB), str(tmp_path / "p.json")]
    subprocess.run(
        command, input="", capture_output=True, text=True, cwd=ROOT, env=quiz_env(tmp_path), check=True
    )  # cold: builds the cache
    done = subprocess.run(
        command, input="", capture_output=True, text=True, cwd=ROOT, env=quiz_env(tmp_path)
    )  # warm; EOF at question 1
    assert "Question 1 of 10" in done.stdout
    line = next(line for line in done.stderr.splitlines() if line.startswith("IMPORTED"))
    imported = set(line.split()[2:])
    assert line.split()[1] == "0" and "archkb.quiz.terminal" in imported
    assert sorted(m for m in imported if m in NOT_ON_THE_WARM_START or m.split(".")[0] in NOT_ON_THE_WARM_START) == []


@pytest.mark.parametrize("var", ["ARCHKB_CACHE_DIR", "XDG_CACHE_HOME"])
def test_cache_folder_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, var: str) -> None:
    monkeypatch.delenv("ARCHKB_CACHE_DIR", raising=False)
    monkeypatch.setenv(var, str(tmp_path))
    assert Path(cache.cache_dir()) == (tmp_path if var == "ARCHKB_CACHE_DIR" else tmp_path / "archkb")
