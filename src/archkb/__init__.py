"""archkb: a docs-as-code knowledge base and quiz on F5 Distributed Cloud and Kubernetes.

The public API: :func:`load_kb` (load, validate and build the model of a kb folder), the model
:class:`KB`, and the errors :class:`KBError` and :class:`Problem`. ``load_kb`` and ``KB`` are
imported on first use (PEP 562), so ``import archkb.<part>`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from .errors import KBError, Problem

if TYPE_CHECKING:
    from .kb.load import load_kb
    from .kb.model import KB

__version__ = "0.1.0"
__all__ = ["KB", "KBError", "Problem", "__version__", "load_kb"]

_LAZY = {"load_kb": ".kb.load", "KB": ".kb.model"}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
