"""The knowledge base: find kb files, read them (strict YAML with line marks), schema-check them,
resolve references, construct the typed model and check every cross-fact rule.

:func:`load_kb` is the one front door: the CLI, the MkDocs plugin and the tests all call it.
"""

from __future__ import annotations

from .load import load_kb

__all__ = ["load_kb"]
