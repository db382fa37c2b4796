"""Load the question bank fast: a JSON copy of the built bank, keyed by the KB's fingerprint.

A warm start reads one JSON file and imports neither YAML, JSON Schema nor the KB model; a cold
start (first run, any kb file changed, another archkb version or an edited module of the quiz or
the KB, as while developing archkb) loads and validates the KB,
builds the bank and stores it. The cache folder is ``$ARCHKB_CACHE_DIR``, else
``$XDG_CACHE_HOME/archkb``, else ``~/.cache/archkb``. A cache that cannot be read or written is
simply rebuilt or skipped: it only ever holds a copy of what the KB gives.

The fingerprint comes from :mod:`archkb.kb.files`, which finds kb files without importing PyYAML.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from .. import __version__
from ..errors import KBError
from ..kb.files import PathLike, digest, fingerprint
from .question import Bank, bank_from_dict, bank_to_dict

if TYPE_CHECKING:  # the warm start never imports the model
    from ..kb.model import KB

CACHE_FORMAT = 1


class Loaded:
    """A bank, the generated questions it left out, and whether it came from the cache."""

    __slots__ = ("bank", "left_out", "warm")

    def __init__(self, bank: Bank, left_out: tuple[str, ...], warm: bool) -> None:
        self.bank = bank
        self.left_out = left_out
        self.warm = warm


def cache_dir() -> str:
    """Where built banks are cached."""
    if os.environ.get("ARCHKB_CACHE_DIR"):
        return os.environ["ARCHKB_CACHE_DIR"]
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "archkb")


def kb_fingerprint(kb_dir: PathLike) -> str | None:
    """:func:`archkb.kb.files.fingerprint` of ``kb_dir``, or None where ``discover`` reports a problem."""
    try:
        return fingerprint(kb_dir)
    except KBError:
        return None


def code_stamp() -> str:
    """Size and modification time of the modules a bank is built by (the package's ``kb`` and
    ``quiz`` folders), so an edited template never meets a bank its old version built."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parts = []
    for folder in ("kb", "quiz"):
        with os.scandir(os.path.join(package, folder)) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.name.endswith(".py"):
                    info = entry.stat()
                    parts.append(f"{folder}/{entry.name}:{info.st_size}:{info.st_mtime_ns}")
    return "\n".join(parts)


def cache_key(kb_dir: PathLike) -> str | None:
    """The bank's key: the KB's fingerprint, the archkb version, the cache format and the code stamp
    (None for a KB ``discover`` rejects, which is never cached)."""
    fingerprint = kb_fingerprint(kb_dir)
    if not fingerprint:
        return None
    return digest(f"{fingerprint}\0{__version__}\0{CACHE_FORMAT}\0{code_stamp()}".encode())


def cache_file(key: str) -> str:
    return os.path.join(cache_dir(), f"bank-{key[:32]}.json")


def load_bank(kb_dir: PathLike, use_cache: bool = True) -> Loaded:
    """The bank of ``kb_dir``: from the cache when the KB is unchanged, else built (KBError on problems)."""
    return _cached(cache_key(kb_dir) if use_cache else None, lambda: load_uncached(kb_dir))


def bank_for(kb: KB, kb_dir: PathLike) -> Bank:
    """The bank of ``kb``, already loaded from ``kb_dir``: the cached copy when the cache holds this
    KB's (a site rebuild then skips building the bank), else built from ``kb`` and stored."""

    def build() -> Loaded:
        from .bank import bank_and_left_out

        built = bank_and_left_out(kb)
        return Loaded(built.bank, built.left_out, warm=False)

    return _cached(cache_key(kb_dir), build).bank


def _cached(key: str | None, build: Callable[[], Loaded]) -> Loaded:
    """The cached bank of ``key``, else ``build()``, stored under ``key`` (no cache without a key)."""
    if key:
        cached = _read(cache_file(key), key)
        if cached:
            return cached
    loaded = build()
    if key:
        _write(cache_file(key), key, loaded)
    return loaded


def load_uncached(kb_dir: PathLike) -> Loaded:
    """Load and check the KB, then build its bank with the hand-written questions (the cold path)."""
    from ..kb import load_kb
    from .bank import bank_and_left_out

    built = bank_and_left_out(load_kb(kb_dir))
    return Loaded(built.bank, built.left_out, warm=False)


def _read(path: str, key: str) -> Loaded | None:
    try:
        with open(path, encoding="utf-8") as stream:
            data = json.load(stream)
        if data.get("key") != key:
            return None
        return Loaded(bank_from_dict(data["bank"]), tuple(data.get("left_out", ())), warm=True)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _write(path: str, key: str, loaded: Loaded) -> None:
    from ..atomic import write_atomic  # the cold path only

    payload = json.dumps(
        {"key": key, "bank": bank_to_dict(loaded.bank), "left_out": list(loaded.left_out)}, ensure_ascii=False
    )
    try:
        write_atomic(path, payload)
        folder = os.path.dirname(path)
        for old in os.listdir(folder):
            if old.startswith("bank-") and old.endswith(".json") and old != os.path.basename(path):
                os.unlink(os.path.join(folder, old))
    except OSError:
        pass  # a read-only or full cache folder only costs the next start its speed
