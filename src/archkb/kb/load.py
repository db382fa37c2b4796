"""The front of the pipeline: find kb files, load, validate and build the model in one call.

``load_kb(path)`` is what the CLI, the MkDocs plugin and the tests call. It raises one
:class:`~archkb.errors.KBError` holding every problem of every stage it reached.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import KBError, Problem
from ..gcpause import no_cycle_collection
from . import references as refs
from . import rules, schema
from .construct import build_model
from .files import discover, display_path
from .model import KB
from .questions import check_questions
from .reader import DEFAULT_LOADER, Document, read_document


def read_all(kb_dir: Path, loader: type = DEFAULT_LOADER) -> list[Document]:
    """Parse and schema-check every kb file; raise KBError with the problems of all files."""
    problems: list[Problem] = []
    docs = []
    for name in discover(kb_dir):
        path = Path(kb_dir, name)
        try:
            doc = read_document(path, display_path(path), loader, name)
        except KBError as err:
            problems += err.problems
            continue
        found = schema.check_document(doc)
        problems += found
        if not found:
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


def load_kb(kb_dir: str | os.PathLike[str] = "kb", loader: type = DEFAULT_LOADER) -> KB:
    """Load, validate and build the knowledge base in ``kb_dir``; raise KBError with every problem."""
    with no_cycle_collection():
        docs = read_all(Path(kb_dir), loader)
        check_identity(docs)
        kb = build_model(docs)
        problems = rules.check(kb) + check_questions(kb, docs)
    if problems:
        raise KBError(problems)
    return kb
