"""Load the question bank fast: a JSON copy of the built bank, keyed by the KB's fingerprint.

A warm start reads one JSON file and imports neither YAML, JSON Schema nor the KB model; a cold
start (first run, or any kb file changed, or another archkb version) loads and validates the KB,
builds the bank and stores it. The cache folder is ``$ARCHKB_CACHE_DIR``, else
``$XDG_CACHE_HOME/archkb``, else ``~/.cache/archkb``. A cache that cannot be read or written is
simply rebuilt or skipped: it only ever holds a copy of what the KB gives.

The fingerprint comes from :mod:`archkb.files`, which finds kb files without importing PyYAML.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..errors import KBError
from ..files import fingerprint
from ..output import write_atomic
from .question import Bank, bank_from_dict, bank_to_dict

CACHE_FORMAT = 1


@dataclass(frozen=True)
class Loaded:
    """A bank, the generated questions it left out, and whether it came from the cache."""

    bank: Bank
    left_out: tuple[str, ...]
    warm: bool


def cache_dir() -> Path:
    """Where built banks are cached."""
    if os.environ.get("ARCHKB_CACHE_DIR"):
        return Path(os.environ["ARCHKB_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "archkb"


def kb_fingerprint(kb_dir: Path) -> str | None:
    """:func:`archkb.files.fingerprint` of ``kb_dir``, or None where ``discover`` reports a problem."""
    try:
        return fingerprint(kb_dir)
    except KBError:
        return None


def cache_file(key: str) -> Path:
    return cache_dir() / f"bank-{key[:32]}.json"


def load_bank(kb_dir: Path | str, use_cache: bool = True) -> Loaded:
    """The bank of ``kb_dir``: from the cache when the KB is unchanged, else built (KBError on problems)."""
    kb_dir = Path(kb_dir)
    fingerprint = kb_fingerprint(kb_dir) if use_cache else None
    key = hashlib.sha256(f"{fingerprint}\0{__version__}\0{CACHE_FORMAT}".encode()).hexdigest() if fingerprint else None
    if key:
        cached = _read(cache_file(key), key)
        if cached:
            return cached
    loaded = build(kb_dir)
    if key:
        _write(cache_file(key), key, loaded)
    return loaded


def build(kb_dir: Path) -> Loaded:
    """Load and check the KB, then build its bank with the hand-written questions (the cold path)."""
    from ..kb import load_kb
    from .bank import build as build_from_kb

    built = build_from_kb(load_kb(kb_dir), kb_dir)
    return Loaded(built.bank, built.left_out, warm=False)


def _read(path: Path, key: str) -> Loaded | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("key") != key:
            return None
        return Loaded(bank_from_dict(data["bank"]), tuple(data.get("left_out", ())), warm=True)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _write(path: Path, key: str, loaded: Loaded) -> None:
    payload = json.dumps({"key": key, "bank": bank_to_dict(loaded.bank), "left_out": list(loaded.left_out)}, ensure_ascii=False)
    try:
        write_atomic(path, payload)
        for old in path.parent.glob("bank-*.json"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only or full cache folder only costs the next start its speed
