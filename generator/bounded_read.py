"""Reading an open file within a size bound, refusing anything that is not a regular file.

The size is checked before reading (a sparse 2 GiB file costs nothing) and again after (a file that
grows meanwhile is still read only up to the bound), so no caller ever allocates past its limit.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


class ReadRefused(Exception):
    """Why an open file was not read: ``reason`` is "folder", "special" or "too_large"."""

    def __init__(self, reason: str, size: int = 0) -> None:
        super().__init__(reason)
        self.reason, self.size = reason, size


def read_regular(fd: int, limit: int) -> bytes:
    """All of the regular file open at ``fd`` when it holds at most ``limit`` bytes; closes ``fd``.

    Raises ReadRefused, or OSError when the read itself fails."""
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ReadRefused("folder")
        if not stat.S_ISREG(info.st_mode):
            raise ReadRefused("special")
        if info.st_size > limit:
            raise ReadRefused("too_large", info.st_size)
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise ReadRefused("too_large", len(data))
    return data


def read_small(path: Path, limit: int) -> bytes | None:
    """``path`` when it is a regular file of at most ``limit`` bytes; None when it is missing, a symlink,
    a folder, a FIFO or larger. Opened without following a symlink and without blocking, so a planted
    FIFO or device never hangs a run; other OS errors are raised."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.EISDIR, errno.ENXIO):
            return None
        raise
    try:
        return read_regular(fd, limit)
    except ReadRefused:
        return None
