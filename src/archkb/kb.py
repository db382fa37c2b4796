"""The front of the pipeline: find kb files, load, validate and build the model in one call.

``load_kb(path)`` is what the CLI, the MkDocs plugin and the tests call. It raises one
:class:`~archkb.errors.KBError` holding every problem of every stage it reached.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from . import refs, rules, schema
from .build import build
from .errors import KBError, Problem
from .loader import DEFAULT_LOADER, Document, read_document
from .model import KB
from .schema_cache import SchemaCache

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


def read_all(kb_dir: Path, loader: type = DEFAULT_LOADER, checked: SchemaCache | None = None) -> list[Document]:
    """Parse and schema-check every kb file; raise KBError with the problems of all files.

    Documents ``checked`` knows passed the schema check before are not checked again
    (:mod:`archkb.schema_cache`); the outcome is the same, only faster.
    """
    problems: list[Problem] = []
    docs = []
    checked = checked or SchemaCache(None)
    for path in discover(kb_dir):
        try:
            doc = read_document(path, display_path(path), loader, path.relative_to(kb_dir).as_posix())
        except KBError as err:
            problems += err.problems
            continue
        found = [] if checked.passed(doc.data) else schema.check_document(doc)
        problems += found
        if not found:
            checked.remember(doc.data)
            docs.append(doc)
    if problems:
        raise KBError(problems)
    return docs


def check_identity(docs: list[Document]) -> None:
    """Unique ids and resolvable references across all files."""
    names, problems = refs.namespaces(docs)
    names["section"] = refs.section_names(docs)
    for doc in docs:
        problems += refs.check_references(doc, names)
    if problems:
        raise KBError(problems)


def load_kb(kb_dir: Path | str = "kb", loader: type = DEFAULT_LOADER, cache_dir: Path | None = None) -> KB:
    """Load, validate and build the knowledge base in ``kb_dir``; raise KBError with every problem.

    ``cache_dir`` (optional) remembers documents that passed the schema check, so a warm load of
    an unchanged file skips jsonschema; every other check always runs.
    """
    checked = SchemaCache(cache_dir)
    docs = read_all(Path(kb_dir), loader, checked)
    check_identity(docs)
    kb = build(docs)
    problems = rules.check(kb) + question_problems(kb, Path(kb_dir))
    if problems:
        raise KBError(problems)
    checked.save()  # only for a KB without problems: a failed load writes nothing at all
    return kb


def question_problems(kb: KB, kb_dir: Path) -> list[Problem]:
    """Hand-written quiz questions whose keyed answer disagrees with the facts they test.

    Checked here, not only when the quiz is built, so that ``archkb validate`` and every other
    command reject such a KB alike (the quiz part does the checking, when it is installed).
    """
    if not kb.raw.get("questions"):
        return []
    try:
        from .quiz import handwritten
    except ImportError:
        return []
    try:
        handwritten.load(kb, kb_dir)
    except KBError as err:
        return list(err.problems)
    return []
