"""Remember which kb documents already passed the JSON Schema check, so a warm load skips it.

Schema validation is most of the cost of :func:`archkb.kb.load.load_kb` (jsonschema walks every node
through ``$ref`` lookups), and the check is a pure function of a document's data and the shipped
schemas. So a document whose data passed before, with the same schemas, the same archkb and the
same jsonschema, passes again: the cache keeps a hash of each clean document's data, never a
result that had problems, and never anything but hashes. Reference checks and rules always run.

The cache is one small JSON file in the cache folder the caller names (the MkDocs plugin uses its
``cache_dir``); it only ever saves time: a missing, corrupt or unwritable cache is ignored.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from .. import __version__
from ..atomic import write_atomic

FILE_NAME = "schema-checked.json"
FORMAT = 1


@cache
def salt() -> str:
    """What else decides a check's outcome: the schemas' text, archkb's and jsonschema's versions."""
    digest = hashlib.sha256(f"{FORMAT}\0{__version__}\0".encode())
    folder = resources.files("archkb.schemas")
    for name in sorted(p.name for p in folder.iterdir() if p.name.endswith(".json")):
        digest.update(name.encode() + b"\0" + folder.joinpath(name).read_bytes() + b"\0")
    spec = importlib.util.find_spec("jsonschema")  # found without importing it, which is the point
    origin = Path(spec.origin) if spec and spec.origin else None
    validators = origin.with_name("validators.py") if origin else None
    if validators is not None and validators.is_file():
        stat = validators.stat()
        digest.update(f"{validators}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def data_key(data: Any) -> str:
    """A hash of a document's data (plain JSON types, as the loader builds them)."""
    return hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


class SchemaCache:
    """The hashes of documents known to pass the schema check (a no-op without a cache folder)."""

    def __init__(self, cache_dir: Path | None) -> None:
        self.path = Path(cache_dir) / FILE_NAME if cache_dir is not None else None
        self.known: set[str] = set()
        self.seen: set[str] = set()
        if self.path is not None:
            self.known = self._read(self.path)

    @staticmethod
    def _read(path: Path) -> set[str]:
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return set()
        if not isinstance(stored, dict) or stored.get("salt") != salt() or not isinstance(stored.get("passed"), list):
            return set()
        return {str(k) for k in stored["passed"]}

    def passed(self, data: Any) -> bool:
        """Whether this exact data passed the schema check before (with these schemas)."""
        if self.path is None:
            return False
        key = data_key(data)
        if key not in self.known:
            return False
        self.seen.add(key)
        return True

    def remember(self, data: Any) -> None:
        """Note that this data passed the schema check."""
        if self.path is not None:
            self.seen.add(data_key(data))

    def save(self) -> None:
        """Keep the documents of this load (the last load's set, so the file never grows stale)."""
        if self.path is None or self.seen == self.known:
            return
        payload = json.dumps({"salt": salt(), "passed": sorted(self.seen)}, indent=0)
        try:
            write_atomic(self.path, payload + "\n")
        except OSError:
            pass
