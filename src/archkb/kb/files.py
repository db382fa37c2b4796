"""Finding kb files and fingerprinting them (the quiz's bank cache is keyed on the fingerprint)."""

from __future__ import annotations

import os
from hashlib import blake2b
from pathlib import Path

from ..errors import KBError, Problem

SUFFIX = ".yaml"

PathLike = str | os.PathLike[str]


def display_path(path: PathLike) -> str:
    """A path as messages show it: relative to the working directory when below it."""
    try:
        return Path(os.path.abspath(path)).relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(Path(path))


def discover(kb_dir: PathLike) -> list[str]:
    """The kb files under ``kb_dir`` as sorted, kb-relative POSIX names (``architectures/vk8s.yaml``).

    Hidden files and folders (``.name``) are skipped, and symlinked folders are not entered. Raise
    KBError for what cannot be a kb file: a symlink out of the folder, a ``.yml`` name, a folder
    named ``*.yaml``; and when ``kb_dir`` is missing or holds no ``.yaml`` file.
    """
    root = os.fspath(kb_dir)
    if not os.path.isdir(root):
        raise KBError([Problem(display_path(root), 1, 1, "knowledge base folder not found")])
    real_root = os.path.realpath(root)
    problems, files = [], []
    for name in _walk(root, ""):
        path = os.path.join(root, name)
        if os.path.islink(path) and not _inside(os.path.realpath(path), real_root):
            message = (
                f"symlink points outside the knowledge base ({os.readlink(path)}); kb files must live in "
                f"{display_path(root)}"
            )
            problems.append(Problem(display_path(path), 1, 1, message))
        elif name.endswith((SUFFIX, ".yml")) and os.path.isdir(path):
            problems.append(Problem(display_path(path), 1, 1, "a folder is named like a kb file; rename it"))
        elif name.endswith(".yml"):
            problems.append(Problem(display_path(path), 1, 1, "kb files end in .yaml; rename it"))
        elif name.endswith(SUFFIX) and os.path.isfile(path):
            files.append(name)
    if problems:
        raise KBError(problems)
    if not files:
        raise KBError([Problem(display_path(root), 1, 1, "no .yaml files in the knowledge base folder")])
    return sorted(files)


def _walk(root: str, folder: str) -> list[str]:
    """Every entry below ``root/folder`` that is not hidden, as root-relative POSIX names."""
    try:
        with os.scandir(os.path.join(root, folder) if folder else root) as entries:
            found = sorted(entries, key=lambda e: e.name)
    except (PermissionError, NotADirectoryError):
        return []
    names = []
    for entry in found:
        if entry.name.startswith("."):
            continue
        name = f"{folder}/{entry.name}" if folder else entry.name
        names.append(name)
        if entry.is_dir(follow_symlinks=False):
            names += _walk(root, name)
    return names


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def digest(data: bytes) -> str:
    """A 256-bit hex digest of ``data`` (cache keys: equal digests mean equal data)."""
    return blake2b(data, digest_size=32).hexdigest()


def fingerprint(kb_dir: PathLike) -> str:
    """A hash of every kb file's name and bytes: equal fingerprints mean equal knowledge bases."""
    hasher = blake2b(digest_size=32)
    for name in discover(kb_dir):
        with open(os.path.join(kb_dir, name), "rb") as stream:
            hasher.update(name.encode() + b"\0" + stream.read() + b"\0")
    return hasher.hexdigest()
