"""The only writes archkb makes: whole files and whole folders, swapped in atomically.

A reader never sees a half-written file or folder: data goes to a temporary sibling first and is
moved over the target with :func:`os.replace` only once it is complete.
"""

from __future__ import annotations

import glob
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def write_atomic(path: str | os.PathLike[str], data: bytes | str) -> None:
    """Write ``data`` to ``path`` through a temp file in the same folder and ``os.replace``.

    A symlink stays a symlink (the file it points to is replaced). A target that is not a regular
    file (``/dev/stdout``, a named pipe) is written straight through: replacing it would swap a
    device or pipe for a plain file.
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if path.exists() and not path.is_file() and not path.is_dir():
        with open(path, "wb") as stream:
            stream.write(payload)
        return
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600; outputs get the usual permissions
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_if_changed(path: Path, data: bytes | str) -> bool:
    """Write atomically unless the file already holds exactly ``data``; return whether it wrote."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if path.is_file() and path.read_bytes() == payload:
        return False
    write_atomic(path, payload)
    return True


@contextmanager
def staged_dir(target: Path) -> Iterator[Path]:
    """Yield a fresh temp folder beside ``target``; on success it replaces ``target`` whole.

    On any exception the temp folder is removed and ``target`` is left exactly as it was. Temp
    folders a killed earlier run left beside ``target`` (``.site.*.tmp``, ``.site.old``) are removed
    first.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in [*target.parent.glob(f".{glob.escape(target.name)}.*.tmp"), target.with_name(f".{target.name}.old")]:
        if stale.is_dir() and not stale.is_symlink():
            shutil.rmtree(stale, ignore_errors=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    try:
        os.chmod(tmp, 0o777 & ~_umask())  # mkdtemp makes 0700; a site or docs folder must be readable by a web server
        yield tmp
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    os.replace(tmp, target)
    shutil.rmtree(old, ignore_errors=True)
