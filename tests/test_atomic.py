"""Temporary files: one recognisable name, swept when stale, never left by a failed write; no clobber."""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path

import pytest

from generator import atomic
from generator.atomic import (
    TargetExists,
    TargetIsFolder,
    atomic_write,
    is_temporary,
    sweep,
    temp_path,
    write_new,
)


def _aged(path: Path, seconds: float) -> Path:
    past = time.time() - seconds
    os.utime(path, (past, past))
    return path


def _dead_pid() -> int:
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    return pid


def test_temporary_names_are_recognisable_hidden_and_keep_the_suffix(tmp_path):
    temp = temp_path(tmp_path / "sale-2021.xlsx")
    assert temp.parent == tmp_path and temp.name.startswith(".~keputusan-")
    assert temp.name.endswith("-sale-2021.xlsx") and is_temporary(temp.name)
    assert not is_temporary("sale-2021.xlsx") and not is_temporary(".~keputusan-x.xlsx")


def test_a_long_target_name_still_gives_a_valid_temporary_name(tmp_path):
    target = tmp_path / ("é" * 120 + ".docx")  # 245 bytes: fits, but not with the prefix
    temp = temp_path(target)
    assert len(os.fsencode(temp.name)) <= 255 and temp.name.endswith(".docx")
    atomic_write(target, b"isi")
    assert target.read_bytes() == b"isi" and [p.name for p in tmp_path.iterdir()] == [target.name]


def test_sweep_removes_only_stale_temporaries_of_this_program(tmp_path):
    dead, alive = _dead_pid(), os.getpid()

    def made(name: str, age: float) -> Path:
        path = tmp_path / name
        path.write_bytes(b"")
        return _aged(path, age)

    stale = made(f".~keputusan-{dead}-0123abcd-a.docx", 120)  # its writer is gone
    fresh = made(f".~keputusan-{dead}-0123abcd-b.docx", 5)  # too young to judge
    live = made(f".~keputusan-{alive}-0123abcd-c.docx", 600)  # its writer still runs
    abandoned = made(f".~keputusan-{alive}-0123abcd-d.docx", 7200)  # no write takes two hours
    foreign = made(".~lock.sale.docx#", 7200)  # LibreOffice's, not ours
    removed = sweep(tmp_path, force=True)
    assert sorted(p.name for p in removed) == sorted([stale.name, abandoned.name])
    assert fresh.exists() and live.exists() and foreign.exists()


def test_a_failed_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    def full(point: str, path: Path) -> None:
        if point == "temp-written":
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic, "checkpoint", full)
    with pytest.raises(OSError):
        atomic_write(tmp_path / "hasil.docx", b"isi")
    assert list(tmp_path.iterdir()) == []


def test_write_new_never_replaces_a_file_that_appears_meanwhile(tmp_path, monkeypatch):
    target = tmp_path / "isian.xlsx"

    def someone_else_writes(point: str, path: Path) -> None:
        if point == "temp-written":
            target.write_bytes(b"buku kerja staf")

    monkeypatch.setattr(atomic, "checkpoint", someone_else_writes)
    with pytest.raises(TargetExists, match="sudah ada dan tidak ditimpa"):
        write_new(target, b"kosong")
    assert target.read_bytes() == b"buku kerja staf"
    assert [p.name for p in tmp_path.iterdir()] == ["isian.xlsx"]


def test_write_new_overwrites_only_when_asked_and_never_a_folder(tmp_path):
    target = tmp_path / "laporan.md"
    write_new(target, b"satu")
    with pytest.raises(TargetExists):
        write_new(target, b"dua")
    write_new(target, b"dua", overwrite=True)
    assert target.read_bytes() == b"dua"
    (tmp_path / "folder.md").mkdir()
    with pytest.raises(TargetIsFolder, match="adalah folder, bukan berkas"):
        write_new(tmp_path / "folder.md", b"x", overwrite=True)


def test_written_files_have_ordinary_permissions(tmp_path):
    atomic_write(tmp_path / "hasil.docx", b"isi")
    assert (tmp_path / "hasil.docx").stat().st_mode & 0o644 == 0o644
