"""One run at a time writes into an output folder: an fcntl lock on the folder itself.

A second run on the same folder waits up to ``KEPUTUSAN_TUNGGU`` seconds (10 by default) for the first to
finish, then stops with one sentence; it never writes beside it. The lock is taken on the folder's own
descriptor (``flock``), so no lock file is left in the folder, and the kernel releases it when its
holder ends, however it ends (no stale lock after a kill). Within one process the lock is re-entrant:
``buat --pdf`` holds it for the whole batch and the PDF conversion that follows. On a file system that
has no locks at all, runs go ahead unlocked (the stamps still keep every output consistent).
"""

from __future__ import annotations

import errno
import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .failures import describe_os_error

WAIT_VARIABLE = "KEPUTUSAN_TUNGGU"
DEFAULT_WAIT = 10.0
MAX_WAIT = 3600.0
POLL_SECONDS = 0.2

_held: set[str] = set()  # folders this process holds
_NO_LOCKS = {errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EBADF, errno.EINVAL}


class FolderError(Exception):
    """The output folder cannot be used; the message is one Indonesian sentence."""


class FolderBusy(FolderError):
    """Another run holds the output folder."""


def default_wait() -> float:
    """Seconds to wait for a busy folder: ``KEPUTUSAN_TUNGGU`` when it is a number 0..3600, else 10."""
    try:
        value = float(os.environ.get(WAIT_VARIABLE, ""))
    except ValueError:
        return DEFAULT_WAIT
    return value if 0 <= value <= MAX_WAIT else DEFAULT_WAIT


def _open(folder: Path) -> int:
    """The folder's descriptor, the folder made first; FolderError when it cannot be written into."""
    if folder.exists() and not folder.is_dir():
        raise FolderError(f"{folder} adalah berkas, bukan folder; pilih folder keluaran lain.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not os.access(folder, os.W_OK | os.X_OK):
            code = errno.EROFS if os.statvfs(folder).f_flag & os.ST_RDONLY else errno.EACCES
            raise OSError(code, os.strerror(code), str(folder))
        return os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError as exc:
        raise FolderError(describe_os_error(exc, folder, "menulis ke folder")) from exc


@contextmanager
def folder_lock(
    folder: Path, wait: float | None = None, on_wait: Callable[[str], None] | None = None
) -> Iterator[None]:
    """Hold the output folder for this run; FolderBusy after ``wait`` seconds, FolderError if unusable.

    ``on_wait`` is told once, in one Indonesian sentence, that the run is waiting for another one.
    """
    folder = Path(folder)
    key = os.path.abspath(folder)
    if key in _held:  # held by an outer call of this process
        yield
        return
    handle = _open(folder)
    deadline = time.monotonic() + (default_wait() if wait is None else wait)
    told = False
    try:
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise FolderBusy(
                        f"Folder keluaran {folder} sedang ditulis oleh proses keputusan lain; tunggu "
                        "sampai selesai lalu jalankan lagi."
                    ) from None
                if on_wait is not None and not told:
                    on_wait(f"Folder keluaran {folder} sedang ditulis proses lain; menunggu.")
                    told = True
                time.sleep(POLL_SECONDS)
            except OSError as exc:
                if exc.errno in _NO_LOCKS:
                    break  # a file system without locks: go ahead, the stamps keep outputs consistent
                raise FolderError(describe_os_error(exc, folder, "mengunci folder")) from exc
        _held.add(key)
        try:
            yield
        finally:
            _held.discard(key)
    finally:
        os.close(handle)  # closing the descriptor releases the lock
