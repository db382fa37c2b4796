"""Atomic writes: whole files and folders or nothing, with normal permissions."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from archkb.output import staged_dir, write_atomic, write_if_changed


def test_write_atomic_replaces_whole_file_with_usual_permissions(tmp_path: Path) -> None:
    target = tmp_path / "a" / "out.txt"
    write_atomic(target, "one")
    write_atomic(target, b"two")
    assert target.read_text() == "two"
    mask = os.umask(0o022)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
    assert [p.name for p in target.parent.iterdir()] == ["out.txt"]


def test_write_if_changed_skips_identical_content(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    assert write_if_changed(target, "x") is True
    before = target.stat().st_mtime_ns, target.stat().st_ino
    assert write_if_changed(target, "x") is False
    assert (target.stat().st_mtime_ns, target.stat().st_ino) == before
    assert write_if_changed(target, "y") is True


def test_staged_dir_swaps_in_only_on_success(tmp_path: Path) -> None:
    target = tmp_path / "site"
    with staged_dir(target) as tmp:
        (tmp / "index.html").write_text("good")
    with pytest.raises(RuntimeError), staged_dir(target) as tmp:
        (tmp / "index.html").write_text("half")
        raise RuntimeError("build failed")
    assert (target / "index.html").read_text() == "good"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_staged_dir_gets_the_usual_folder_permissions(tmp_path: Path) -> None:
    target = tmp_path / "site"
    with staged_dir(target) as tmp:
        (tmp / "index.html").write_text("good")
    mask = os.umask(0o022)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o777 & ~mask
