"""Atomic writes: whole files and folders or nothing, with normal permissions."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from archkb.atomic import staged_dir, write_atomic, write_if_changed


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


def test_write_atomic_keeps_a_symlink_and_replaces_what_it_points_to(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert link.is_symlink() and real.read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.json", "real.json"]


def test_write_atomic_writes_through_a_device_instead_of_replacing_it(tmp_path: Path) -> None:
    """`--out /dev/stdout` once replaced the /dev/stdout symlink with a plain file (as root)."""
    link = tmp_path / "stdout"
    link.symlink_to(os.devnull)
    write_atomic(link, "discarded")
    assert link.is_symlink() and stat.S_ISCHR(os.stat(os.devnull).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["stdout"]


def test_write_atomic_writes_into_a_named_pipe(tmp_path: Path) -> None:
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    write_atomic(fifo, "through the pipe")
    reader.join(timeout=30)
    assert got == [b"through the pipe"] and stat.S_ISFIFO(fifo.stat().st_mode)
