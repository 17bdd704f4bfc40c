"""The picture cache: PNG files named by the digest of their DOT source, written atomically.

A file being written is a temporary file beside its final name, renamed when complete. Its name says
which machine and process writes it (``.tmp.<host>.<pid>.<random>``), so when a run was killed the
next one recognises the leftovers of a process that no longer runs and removes them.
"""

from __future__ import annotations

import hashlib
import os
import re
import socket
import struct
import tempfile
import threading
import time
from pathlib import Path

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
TEMP_PREFIX = ".tmp."
STALE_SECONDS = 24 * 3600  # any temporary file this old is a leftover, whoever wrote it
_TEMP = re.compile(r"\.tmp\.(?P<host>[0-9a-f]{8})\.(?P<pid>\d+)\.")
_OLD_TEMP = re.compile(r"\..+\.tmp")  # leftovers of earlier releases: .<name>.<random>.tmp
_swept: set[Path] = set()
_sweep_lock = threading.Lock()


def host_tag() -> str:
    """This machine, in eight hex digits (a cache may sit on a disk several machines share)."""
    return hashlib.sha256(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:8]


def temp_prefix() -> str:
    """How this process's temporary files in the cache begin."""
    return f"{TEMP_PREFIX}{host_tag()}.{os.getpid()}."


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, then rename: readers never see half a file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=temp_prefix())
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)  # mkstemp makes 0600; a cached picture is an ordinary file
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def is_leftover(name: str, age_seconds: float, host: str) -> bool:
    """Whether the temporary file ``name`` belongs to no running writer any more."""
    if age_seconds > STALE_SECONDS:
        return name.startswith(TEMP_PREFIX) or bool(_OLD_TEMP.fullmatch(name))
    match = _TEMP.match(name)
    if match is not None:
        return match["host"] == host and not _running(int(match["pid"]))
    return bool(_OLD_TEMP.fullmatch(name)) and age_seconds > 3600


def sweep(folder: Path) -> list[Path]:
    """Remove the temporary files killed runs left in ``folder`` (once per process); the removed."""
    with _sweep_lock:
        if folder in _swept:
            return []
        _swept.add(folder)
    removed = []
    host, now = host_tag(), time.time()
    try:
        entries = [entry for entry in os.scandir(folder) if entry.name.startswith(".")]
    except OSError:
        return []
    for entry in entries:
        try:
            age = now - entry.stat(follow_symlinks=False).st_mtime
            if entry.is_file(follow_symlinks=False) and is_leftover(entry.name, age, host):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:  # gone already, or not ours to remove
            continue
    return removed


def png_size(path: Path) -> tuple[int, int] | None:
    """(width, height) in pixels from the IHDR chunk, or None if the file is not a PNG."""
    try:
        with path.open("rb") as stream:
            head = stream.read(24)
    except OSError:
        return None
    if len(head) < 24 or not head.startswith(PNG_SIGNATURE) or head[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", head[16:24])
    return width, height
