"""Pausing Python's cyclic garbage collector around work on a large knowledge base.

Loading a KB, and turning it into pages and a question bank, allocates hundreds of thousands of
acyclic objects (parsed data, frozen model objects, questions, lines of Markdown). Each full
collection walks every live object again, the whole model included, so on a KB 100 times the
real one the collector's passes grew faster than the work. Reference counting frees all of it as
usual while the collector is paused; it runs again, as it was, when the work is done.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector for the ``with`` block, then restore it as it was
    (a caller that had it disabled keeps it disabled; nested blocks are fine)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
