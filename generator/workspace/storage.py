"""The data folder's files: each stored once under its content hash, written so a crash leaves no half.

Layout of the data folder::

    ruang-kerja.sqlite3        the database (SQLite, the default)
    berkas/unggahan/<sha256>.xlsx
    berkas/keputusan/<sha256>.docx | .pdf
    yatim/<moment>/...          files found without their row at start-up, moved aside, never deleted
    .sementara/                 temp files of writes under way; emptied at start-up

A file is written to ``.sementara``, fsynced, renamed to its hash name and the folder fsynced; only
then is its row committed. A crash before the commit leaves a file without a row, which the start-up
check moves to ``yatim/``; it never leaves a row without its file.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from . import faults
from .errors import StorageError

FILES = "berkas"
UPLOADS = f"{FILES}/unggahan"
DECREES = f"{FILES}/keputusan"
ORPHANS = "yatim"
SCRATCH = ".sementara"
STORED_NAME = re.compile(r"berkas/(unggahan/[0-9a-f]{64}\.xlsx|keputusan/[0-9a-f]{64}\.(docx|pdf))")
CHUNK = 1 << 20


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def fsync_dir(path: Path) -> None:
    """Make a rename in ``path`` durable."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@dataclass(frozen=True)
class Stored:
    """A file in the store; ``created`` is False when identical content was already there."""

    name: str  # relative to the data folder, e.g. "berkas/unggahan/<sha256>.xlsx"
    sha256: str
    size: int
    created: bool


class Files:
    """The files of one data folder."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def prepare(self) -> None:
        """Create the folders; refuse, in one sentence, a data folder that cannot be written."""
        try:
            for folder in (UPLOADS, DECREES, SCRATCH):
                (self.root / folder).mkdir(parents=True, exist_ok=True)
            probe = tempfile.NamedTemporaryFile(dir=self.root / SCRATCH, delete=True)
            probe.close()
        except OSError as exc:
            raise StorageError(
                f"Folder data {self.root} tidak dapat ditulis ({exc.strerror or exc}); periksa izin "
                "foldernya atau pilih folder lain dengan --data."
            ) from exc

    def path(self, stored_name: str) -> Path:
        """The file of a row; the name must be one the store writes (no path from elsewhere)."""
        if not STORED_NAME.fullmatch(stored_name):
            raise StorageError(f"Nama berkas tersimpan {stored_name!r} tidak sah.")
        return self.root / stored_name

    @contextmanager
    def scratch(self) -> Iterator[Path]:
        """A private temp folder in the data folder (same disk, so renames out of it are atomic)."""
        folder = Path(tempfile.mkdtemp(dir=self.root / SCRATCH))
        try:
            yield folder
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def store(self, data: bytes, folder: str, suffix: str) -> Stored:
        """Write ``data`` under its hash name in ``folder`` (UPLOADS or DECREES), durably."""
        sha = hashlib.sha256(data).hexdigest()
        name = f"{folder}/{sha}{suffix}"
        target = self.path(name)
        if target.exists() and target.stat().st_size == len(data) and sha256_file(target) == sha:
            return Stored(name, sha, len(data), created=False)
        fd, temp = tempfile.mkstemp(prefix=f"{sha}.", suffix=".tmp", dir=self.root / SCRATCH)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            faults.reach(faults.FILE_WRITTEN)
            os.replace(temp, target)
            fsync_dir(target.parent)
        except OSError as exc:
            Path(temp).unlink(missing_ok=True)
            raise StorageError(
                f"Berkas tidak dapat disimpan di folder data ({exc.strerror or exc}); tidak ada yang "
                "tersimpan. Periksa ruang disk dan izin folder data."
            ) from exc
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        return Stored(name, sha, len(data), created=True)

    def discard(self, stored: Stored) -> None:
        """Remove a file this write created, when its row could not be committed."""
        if stored.created:
            self.path(stored.name).unlink(missing_ok=True)

    def stored_names(self) -> set[str]:
        """Every file in the store's folders, as stored names (anything else there is left alone)."""
        found: set[str] = set()
        for folder in (UPLOADS, DECREES):
            base = self.root / folder
            if base.is_dir():
                found.update(f"{folder}/{p.name}" for p in base.iterdir() if p.is_file())
        return found

    def move_to_orphans(self, relative: str, moment: str) -> Path:
        """Move a file without its row aside into ``yatim/<moment>/``, keeping its path."""
        source = self.root / relative
        target = self.root / ORPHANS / moment / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
        return target

    def clear_scratch(self) -> int:
        """Remove what unfinished writes left in ``.sementara``; never acknowledged, so never needed."""
        base = self.root / SCRATCH
        count = 0
        if base.is_dir():
            for item in base.iterdir():
                count += 1
                if item.is_dir():
                    shutil.rmtree(item, ignore_errors=True)
                else:
                    item.unlink(missing_ok=True)
        return count
