"""Finding kb files and fingerprinting them, without importing YAML (the quiz's fast start uses this)."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from .errors import KBError, Problem

SUFFIX = ".yaml"


def display_path(path: Path) -> str:
    """A path as messages show it: relative to the working directory when below it."""
    try:
        return Path(os.path.abspath(path)).relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def discover(kb_dir: Path) -> list[Path]:
    """The kb files under ``kb_dir`` in a stable order; raise KBError for what cannot be a kb file."""
    if not kb_dir.is_dir():
        raise KBError([Problem(display_path(kb_dir), 1, 1, "knowledge base folder not found")])
    root = kb_dir.resolve()
    problems, files = [], []
    for path in sorted(kb_dir.rglob("*"), key=lambda p: p.as_posix()):
        name = path.name
        if any(part.startswith(".") for part in path.relative_to(kb_dir).parts):
            continue
        if path.is_symlink() and not _inside(path.resolve(), root):
            problems.append(
                Problem(
                    display_path(path), 1, 1, f"symlink points outside the knowledge base ({os.readlink(path)}); kb files must live in {display_path(kb_dir)}"
                )
            )
        elif name.endswith((SUFFIX, ".yml")) and path.is_dir():
            problems.append(Problem(display_path(path), 1, 1, "a folder is named like a kb file; rename it"))
        elif name.endswith(".yml"):
            problems.append(Problem(display_path(path), 1, 1, "kb files end in .yaml; rename it"))
        elif name.endswith(SUFFIX) and path.is_file():
            files.append(path)
    if problems:
        raise KBError(problems)
    if not files:
        raise KBError([Problem(display_path(kb_dir), 1, 1, "no .yaml files in the knowledge base folder")])
    return files


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def fingerprint(kb_dir: Path) -> str:
    """A hash of every kb file's path and bytes: equal fingerprints mean equal knowledge bases."""
    digest = hashlib.sha256()
    for path in discover(kb_dir):
        digest.update(path.relative_to(kb_dir).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
