"""The knowledge base: find kb files, read them (strict YAML with line marks), schema-check them,
resolve references, construct the typed model and check every cross-fact rule.

:func:`load_kb` is the one front door: the CLI, the MkDocs plugin and the tests all call it. It is
imported on first use (PEP 562), so a program that needs only a part of the package, such as the
quiz's warm start reading :mod:`archkb.kb.files`, does not import YAML, jsonschema and the rules.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .load import load_kb

__all__ = ["load_kb"]


def __getattr__(name: str) -> object:
    if name == "load_kb":
        return importlib.import_module(".load", __name__).load_kb
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
