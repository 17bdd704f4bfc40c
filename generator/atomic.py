"""Atomic file writes with one recognisable temporary name, swept up after a kill.

Every file the program writes is first written in full (and fsynced) to a temporary file beside its
target, named ``.~keputusan-<pid>-<token>-<target name>``, then renamed over the target, so a reader
never sees half a file. The name is hidden (a dotfile), says whose it is, keeps the target's suffix
(so openpyxl can read a temporary workbook to check it) and carries the writing process's id.

A process killed mid-write leaves its temporary file behind. The next write into the same folder
removes such leftovers (``sweep``): only names of this scheme, and only when they are old enough not to
belong to a concurrent write (older than ``STALE_SECONDS`` and the process named in them is gone, or
older than ``ABANDONED_SECONDS`` whatever the process). Input listings skip them (``is_temporary``).

``write_new`` never replaces an existing file unless asked: without ``overwrite`` the temporary file is
hard-linked to the target, which fails if the target appeared meanwhile, so there is no window between
checking and writing.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import stat
import time
from pathlib import Path

TEMP_PREFIX = ".~keputusan-"
STALE_SECONDS = 60.0
ABANDONED_SECONDS = 3600.0
SWEEP_EVERY_SECONDS = 60.0  # one process sweeps a folder at most this often
NAME_LIMIT = 255  # bytes in one file name on ext4, xfs, btrfs, tmpfs

_TEMP = re.compile(r"^\.~keputusan-(?P<pid>\d{1,10})-(?P<token>[0-9a-f]{8})-")
_NO_LINK = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK, errno.ENOSYS}
_swept: dict[str, float] = {}


class TargetExists(Exception):
    """The target is already there and overwriting was not asked for; the message is Indonesian."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} sudah ada dan tidak ditimpa; pakai --timpa untuk menimpanya atau pilih nama lain."
        )
        self.path = path


class TargetIsFolder(Exception):
    """A folder stands where a file is to be written; the message is Indonesian."""

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} adalah folder, bukan berkas; pindahkan folder itu atau pilih nama lain.")
        self.path = path


def checkpoint(point: str, path: Path) -> None:
    """A named moment of a write ("temp-open", "temp-written", "stamp-recorded", "replaced").

    Does nothing. Tests replace it in a child process to kill or fail a write at exactly that moment.
    """


def is_temporary(name: str) -> bool:
    """True for a temporary file of this program, whoever wrote it."""
    return _TEMP.match(name) is not None


def temp_path(target: Path) -> Path:
    """A fresh temporary name beside ``target``, cut to the file-name limit with the suffix kept."""
    head = f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(4)}-"
    name = target.name
    room = NAME_LIMIT - len(os.fsencode(head))
    if len(os.fsencode(name)) > room:
        suffix = target.suffix if len(os.fsencode(target.suffix)) < room // 2 else ""
        stem = os.fsencode(name[: len(name) - len(suffix)])[: room - len(os.fsencode(suffix))]
        name = stem.decode("utf-8", "ignore") + suffix
    return target.with_name(head + name)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return pid > 0  # another user's process, or a number we cannot ask about: assume alive
    return True


def is_stale(entry: os.DirEntry[str] | Path, now: float | None = None) -> bool:
    """True for our temporary file that no running write can still own."""
    name = entry.name
    match = _TEMP.match(name)
    if match is None:
        return False
    try:
        info = entry.stat(follow_symlinks=False) if isinstance(entry, os.DirEntry) else entry.lstat()
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode):
        return False
    age = (time.time() if now is None else now) - info.st_mtime
    if age >= ABANDONED_SECONDS:
        return True
    return age >= STALE_SECONDS and not _alive(int(match["pid"]))


def sweep(folder: Path, *, force: bool = False) -> list[Path]:
    """Remove stale temporary files of this program from ``folder``; returns what was removed.

    Never fails: a folder that cannot be listed, or a file already gone, is simply left.
    """
    key = os.path.abspath(folder)
    now = time.time()
    if not force and now - _swept.get(key, -SWEEP_EVERY_SECONDS) < SWEEP_EVERY_SECONDS:
        return []
    _swept[key] = now
    removed: list[Path] = []
    try:
        with os.scandir(folder) as entries:
            stale = [Path(e.path) for e in entries if is_stale(e, now)]
    except OSError:
        return removed
    for path in stale:
        try:
            path.unlink()
        except OSError:
            continue
        removed.append(path)
    return removed


def _fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable; some file systems cannot, which is not an error."""
    try:
        handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def write_temp(target: Path, data: bytes, mode: int | None = None) -> Path:
    """Write ``data`` in full to a new temporary file beside ``target``; the caller renames or removes it.

    The file gets ordinary permissions (0666 less the umask) or ``mode``; nothing is left on failure.
    """
    folder = target.parent
    folder.mkdir(parents=True, exist_ok=True)
    sweep(folder)
    temp = temp_path(target)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    handle = os.open(temp, flags, 0o666)
    try:
        checkpoint("temp-open", target)
        if mode is not None:
            os.fchmod(handle, mode)
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view) :]
        os.fsync(handle)
        checkpoint("temp-written", target)
    except BaseException:
        os.close(handle)
        temp.unlink(missing_ok=True)
        raise
    os.close(handle)
    return temp


def place(temp: Path, target: Path, overwrite: bool = True) -> None:
    """Move a written temporary file to ``target``; without ``overwrite``, never over an existing file.

    The temporary file is gone afterwards, whatever happens.
    """
    try:
        if target.is_dir() and not target.is_symlink():
            raise TargetIsFolder(target)
        if overwrite:
            os.replace(temp, target)
        else:
            _link_new(temp, target)
        _fsync_folder(target.parent)
    finally:
        temp.unlink(missing_ok=True)


def _link_new(temp: Path, target: Path) -> None:
    if os.path.lexists(target):
        raise TargetExists(target)
    try:
        os.link(temp, target, follow_symlinks=False)
    except FileExistsError as exc:
        raise TargetExists(target) from exc
    except OSError as exc:
        if exc.errno not in _NO_LINK:
            raise
        if os.path.lexists(target):  # a file system without hard links: check, then rename
            raise TargetExists(target) from exc
        os.replace(temp, target)


def atomic_write(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename: readers never see half a file."""
    path = Path(path)
    if path.is_dir() and not path.is_symlink():
        raise TargetIsFolder(path)
    place(write_temp(path, data, mode), path, overwrite=True)


def write_new(path: Path, data: bytes, *, overwrite: bool = False, mode: int | None = None) -> None:
    """``atomic_write``, but an existing file is left alone (TargetExists) unless ``overwrite``."""
    path = Path(path)
    if path.is_dir() and not path.is_symlink():
        raise TargetIsFolder(path)
    if not overwrite and os.path.lexists(path):
        raise TargetExists(path)
    place(write_temp(path, data, mode), path, overwrite=overwrite)
