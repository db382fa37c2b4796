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
from .schema_cache import SchemaCache


def read_all(kb_dir: Path, loader: type = DEFAULT_LOADER, checked: SchemaCache | None = None) -> list[Document]:
    """Parse and schema-check every kb file; raise KBError with the problems of all files.

    Documents ``checked`` knows passed the schema check before are not checked again
    (:mod:`archkb.kb.schema_cache`); the outcome is the same, only faster.
    """
    problems: list[Problem] = []
    docs = []
    checked = checked or SchemaCache(None)
    for name in discover(kb_dir):
        path = Path(kb_dir, name)
        try:
            doc = read_document(path, display_path(path), loader, name)
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


def load_kb(kb_dir: str | os.PathLike[str] = "kb", loader: type = DEFAULT_LOADER, cache_dir: Path | None = None) -> KB:
    """Load, validate and build the knowledge base in ``kb_dir``; raise KBError with every problem.

    ``cache_dir`` (optional) remembers documents that passed the schema check, so a warm load of
    an unchanged file skips jsonschema; every other check always runs.
    """
    checked = SchemaCache(cache_dir)
    with no_cycle_collection():
        docs = read_all(Path(kb_dir), loader, checked)
        check_identity(docs)
        kb = build_model(docs)
        problems = rules.check(kb) + check_questions(kb, docs)
    if problems:
        raise KBError(problems)
    checked.save()  # only for a KB without problems: a failed load writes nothing at all
    return kb
