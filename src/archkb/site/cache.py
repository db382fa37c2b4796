"""Keep the generated site files of a KB on disk, so a warm ``mkdocs build`` does not generate them again.

Generating the pages, the quiz page and the diagram SVGs was most of the archkb plugin's cost on a
build whose KB did not change. The files are stored under ``<cache_dir>/site/<key>/`` with an index,
written in a temporary folder and swapped in whole, and read back only when the index lists every
file. The key covers everything that decides the files: the KB's fingerprint, the generation
options, archkb's own code and data (every file of the package, so an edited page generator never
serves stale pages) and graphviz's ``dot`` (path, size and mtime). Only the newest entry is kept.
A cache that cannot be read or written only costs the time to generate.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from ..atomic import staged_dir

INDEX = "index.json"
FORMAT = 1


@cache
def code_digest() -> str:
    """A hash of every file of the installed archkb package (code, schemas, assets, icons)."""
    root = Path(__file__).resolve().parents[1]  # archkb/, not archkb/site/
    digest = hashlib.sha256(str(FORMAT).encode())
    for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def graphviz_identity() -> str:
    """Which ``dot`` would render the diagrams (path, size, mtime), without running it."""
    dot = shutil.which("dot")
    if dot is None:
        return "no dot"
    stat = Path(dot).resolve().stat()
    return f"{Path(dot).resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}"


def cache_key(fingerprint: str, options: dict[str, Any]) -> str:
    """The key of the generated files of a KB with this fingerprint and these options."""
    payload = {
        "kb": fingerprint,
        "options": options,
        "code": code_digest(),
        "dot": graphviz_identity() if options.get("diagrams") else "",
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode("utf-8")).hexdigest()[:32]


def read(folder: Path) -> dict[str, bytes] | None:
    """The files stored in ``folder``, or None when it is missing, partial or unreadable."""
    try:
        index = json.loads((folder / INDEX).read_text(encoding="utf-8"))
        if not isinstance(index, list):
            return None
        files = {}
        for entry in index:
            path, size = str(entry[0]), int(entry[1])
            data = (folder / "files" / path).read_bytes()
            if len(data) != size:
                return None
            files[path] = data
        return files
    except (OSError, ValueError, TypeError, IndexError):
        return None


def write(folder: Path, files: dict[str, bytes]) -> None:
    """Store ``files`` as the whole of ``folder`` and drop older entries beside it (best effort)."""
    try:
        with staged_dir(folder) as tmp:
            for path, data in files.items():
                target = tmp / "files" / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
            (tmp / INDEX).write_text(json.dumps([[path, len(data)] for path, data in files.items()]), encoding="utf-8")
        for old in folder.parent.iterdir():
            if old.is_dir() and old != folder and not old.name.startswith("."):
                shutil.rmtree(old, ignore_errors=True)
    except OSError:
        pass


def cached_files(
    fingerprint: str, cache_dir: Path, options: dict[str, Any], generate: Callable[[], dict[str, bytes]]
) -> tuple[dict[str, bytes], bool]:
    """The generated files for this KB fingerprint and options: from the cache, else ``generate()`` and store.

    Returns the files and whether they came from the cache.
    """
    folder = Path(cache_dir) / "site" / cache_key(fingerprint, options)
    stored = read(folder)
    if stored is not None:
        return stored, True
    files = generate()
    write(folder, files)
    return files, False
