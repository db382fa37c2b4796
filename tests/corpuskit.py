"""The corpus of broken knowledge bases, and snapshots of folders for "nothing changed" checks.

A case is a folder under ``fixtures/broken/<case>/`` (files laid over ``fixtures/base-kb`` and an
``expected.txt`` with the exact problem lines) or, for what a fixture folder cannot hold (a 1 MB
file, a symlink, a folder named like a kb file), a function below that breaks a copy of the base KB.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest

from .conftest import BASE_KB, FIXTURES, ROOT

BROKEN = FIXTURES / "broken"

#: Files the python-tag cases would create if a loader ever ran their payload.
PWNED = ("archkb-pwned", "archkb-pwned-mapping")


@dataclass(frozen=True)
class Case:
    """One broken KB: how to make it from the base KB, and the problem lines every entry point prints."""

    name: str
    make: Callable[[Path], None]
    expected: tuple[str, ...]


def overlay(case_dir: Path, kb: Path) -> None:
    """Lay the files of a fixture case folder over a KB copy."""
    for source in sorted(case_dir.rglob("*")):
        if source.is_file() and source.name != "expected.txt":
            target = kb / source.relative_to(case_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)


def _oversize(kb: Path) -> None:
    from archkb.kb.reader import MAX_BYTES

    with (kb / "concepts.yaml").open("a", encoding="utf-8") as handle:
        handle.write("# padding line\n" * (MAX_BYTES // 15 + 1))


def _symlink_out(kb: Path) -> None:
    (kb.parent / "outside.yaml").write_text("kind: qa\n", encoding="utf-8")
    os.symlink("../outside.yaml", kb / "linked.yaml")


def _folder_like_file(kb: Path) -> None:
    (kb / "extra.yaml").mkdir()
    (kb / "extra.yaml" / "inner.txt").write_text("not a kb file\n", encoding="utf-8")


def _oversize_size() -> int:
    from archkb.kb.reader import MAX_BYTES

    return (BASE_KB / "concepts.yaml").stat().st_size + len("# padding line\n") * (MAX_BYTES // 15 + 1)


def _made_cases() -> list[Case]:
    from archkb.kb.reader import MAX_BYTES

    return [
        Case(
            "oversize-file",
            _oversize,
            (
                f"kb/concepts.yaml:1:1: file is {_oversize_size()} bytes, over the {MAX_BYTES}-byte cap for a kb "
                f"file; split it",
            ),
        ),
        Case(
            "symlink-out-of-kb",
            _symlink_out,
            (
                "kb/linked.yaml:1:1: symlink points outside the knowledge base (../outside.yaml); kb files must "
                "live in kb",
            ),
        ),
        Case(
            "folder-named-like-a-kb-file",
            _folder_like_file,
            ("kb/extra.yaml:1:1: a folder is named like a kb file; rename it",),
        ),
    ]


def _fixture_case(folder: Path) -> Case:
    expected = tuple((folder / "expected.txt").read_text(encoding="utf-8").splitlines())
    return Case(folder.name, lambda kb: overlay(folder, kb), expected)


def all_cases() -> list[Case]:
    """Every case, fixture folders first, sorted by name within each group."""
    folders = sorted(p for p in BROKEN.iterdir() if p.is_dir())
    return [_fixture_case(f) for f in folders] + _made_cases()


def make_kb(case: Case, kb: Path) -> Path:
    """A copy of the base KB at ``kb``, broken as ``case`` says."""
    shutil.copytree(BASE_KB, kb)
    case.make(kb)
    return kb


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry under ``folder`` (hidden ones too) -> its kind and content hash; symlinks are not followed."""
    found: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        base = Path(dirpath)
        for name in sorted(dirnames + filenames):
            path = base / name
            rel = path.relative_to(folder).as_posix()
            if path.is_symlink():
                found[rel] = "link " + os.readlink(path)
            elif path.is_dir():
                found[rel] = f"dir {oct(path.stat().st_mode & 0o777)}"
            else:
                found[rel] = "file " + hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def changes(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """What differs between two snapshots, one line per entry (empty when nothing changed)."""
    lines = [f"new: {p}" for p in sorted(set(after) - set(before))]
    lines += [f"gone: {p}" for p in sorted(set(before) - set(after))]
    lines += [f"changed: {p}" for p in sorted(set(before) & set(after)) if before[p] != after[p]]
    return lines


class _Text(HTMLParser):
    """Collects the text a browser shows (not inside <script> or <style>), and every tag with its attributes."""

    HIDDEN = ("script", "style")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        if tag in self.HIDDEN:
            self.hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.HIDDEN and self.hidden:
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def parse_html(markup: str) -> _Text:
    """The parsed HTML: ``.parts`` (visible text pieces) and ``.tags`` (every start tag with its attributes)."""
    parser = _Text()
    parser.feed(markup)
    parser.close()
    return parser


def visible_text(markup: str) -> str:
    """The text of ``markup`` as one line: what a reader sees, whitespace runs made one space."""
    return " ".join("".join(parse_html(markup).parts).split())


def project_env(project: Path) -> dict[str, str]:
    """Caches, data and temp files of everything run in ``project`` stay inside it."""
    return {
        "ARCHKB_CACHE_DIR": str(project / ".cache" / "archkb"),
        "XDG_CACHE_HOME": str(project / ".cache"),
        "XDG_DATA_HOME": str(project / ".data"),
        "TMPDIR": str(project / ".tmp"),
        "NO_MKDOCS_2_WARNING": "1",
        "COLUMNS": "100",
    }


def enter(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Work in ``project``: its folder is the working directory; caches, data and temp files go inside it."""
    monkeypatch.chdir(project)
    for name in ("ARCHKB_KB_DIR", "SOURCE_DATE_EPOCH"):
        monkeypatch.delenv(name, raising=False)
    for name, value in project_env(project).items():
        monkeypatch.setenv(name, value)
    (project / ".tmp").mkdir(exist_ok=True)
    monkeypatch.setattr(tempfile, "tempdir", None)  # gettempdir() reads TMPDIR again


def new_project(dest: Path) -> Path:
    """mkdocs.yml and docs/ of the repository, and the base KB, at ``dest``."""
    dest.mkdir(parents=True)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", dest / "docs")
    shutil.copytree(BASE_KB, dest / "kb")
    return dest


def piped(text: str) -> io.TextIOWrapper:
    """A stdin that is not a terminal, with ``text`` to read (and a ``.buffer``, which MkDocs looks at)."""
    return io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8")
