"""Write outputs atomically, stamped, and never over a file a person edited by hand.

Beside each output ``X`` lies its stamp ``.X.sha256``: one line per digest the program accepts as its
own for ``X`` ("<sha256> <size>"). An output may be replaced only when what is there now matches a line
of its stamp (or is byte-identical to the new content); anything else was edited by a person, or made by
someone else, and is kept unless ``--timpa`` (``force``) is given.

One write runs in four steps, each atomic (temporary file + rename, ``atomic.py``):

1. the new content is written in full to a temporary file beside ``X`` and fsynced;
2. the stamp is rewritten to accept both what is in ``X`` now (when it is ours) and the new content;
3. the temporary file is renamed over ``X``;
4. the stamp is rewritten to accept only the new content.

A kill, a full disk or a power cut at any moment therefore leaves ``X`` holding either its old or its new
content, and the stamp accepts both, so the next run never calls the program's own output "edited" and
simply writes again. A failure in steps 1-3 leaves ``X`` untouched (step 1's or 2's temporary file is
removed, or swept by the next run); a failure in step 4 leaves a stamp that still accepts ``X``. A stamp
that is missing, damaged, not ASCII or not a regular file accepts nothing; a stamp that is a folder
stops the write before ``X`` is touched.

Outputs of one folder are written by one run at a time: ``batch.run_all`` holds ``locks.folder_lock``.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from . import atomic, limits
from .atomic import TargetExists, TargetIsFolder, atomic_write, write_new
from .bounded_read import read_small
from .docxzip import package_bytes, reproducible_zip

__all__ = [
    "OutputEdited",
    "OutputError",
    "TargetExists",
    "TargetIsFolder",
    "atomic_write",
    "check_replaceable",
    "digest",
    "output_name",
    "package_bytes",
    "read_stamp",
    "reproducible_zip",
    "stamp_path",
    "write_new",
    "write_output",
]

STAMP_SUFFIX = ".sha256"
STAMP_LIMIT = 4096  # a stamp holds two lines; anything longer is not ours
_LINE = re.compile(r"^(?P<digest>[0-9a-f]{64})(?:[ \t]+(?P<size>\d{1,15}))?[ \t]*$")


class OutputError(Exception):
    """The output cannot be written as asked; the message is one Indonesian sentence."""


class OutputEdited(OutputError):
    """The existing output is not what the program wrote there last: someone edited it."""


@dataclass(frozen=True)
class Entry:
    """What a file holds, as a stamp records it."""

    digest: str
    size: int | None = None

    def matches(self, other: Entry) -> bool:
        return self.digest == other.digest and (self.size is None or other.size in (None, self.size))

    def line(self) -> str:
        return f"{self.digest} {self.size}" if self.size is not None else self.digest


@dataclass(frozen=True)
class Stamp:
    entries: tuple[Entry, ...] = ()
    present: bool = False  # something is at the stamp's path, readable or not

    def accepts(self, entry: Entry) -> bool:
        return any(e.matches(entry) for e in self.entries)


class _Foreign:
    """Something that is not a regular file stands at the output's path (a symlink, a FIFO)."""


FOREIGN = _Foreign()


def name_words(kecamatan: str, limit: int | None = limits.FILE_NAME_CHARS.value) -> str:
    """The kecamatan as it stands in a file name: Latin letters and digits joined by single dashes
    (accents dropped), at most ``limit`` long, so every name and its stamp fit the 255-byte limit."""
    plain = unicodedata.normalize("NFKD", kecamatan).encode("ascii", "ignore").decode("ascii")
    words = re.sub(r"[^0-9A-Za-z]+", "-", plain).strip("-")
    return words[:limit].rstrip("-")


def output_name(kecamatan: str, year: int, suffix: str = ".docx") -> str:
    """ "Keputusan-Camat-Sale-2020.docx"; spaces and odd characters become single dashes."""
    words = name_words(kecamatan)
    return f"Keputusan-Camat-{words}-{year}{suffix}" if words else f"Keputusan-Camat-{year}{suffix}"


def stamp_path(path: Path) -> Path:
    return path.with_name(f".{path.name}{STAMP_SUFFIX}")


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_stamp(path: Path) -> Stamp:
    """The digests the stamp of ``path`` accepts; empty when it is missing or not a stamp of ours."""
    stamp = stamp_path(path)
    present = os.path.lexists(stamp)
    data = read_small(stamp, STAMP_LIMIT) if present else None
    if data is None:
        return Stamp(present=present)
    entries = []
    for line in data.decode("ascii", "replace").splitlines():
        match = _LINE.match(line.strip())
        if match is None:
            return Stamp(present=True)  # a line we never write: the whole stamp is suspect
        size = match["size"]
        entries.append(Entry(match["digest"], int(size) if size is not None else None))
    return Stamp(tuple(entries), present=True)


def _record(path: Path, entries: list[Entry]) -> None:
    """Rewrite the stamp of ``path`` to accept exactly ``entries``."""
    stamp = stamp_path(path)
    text = "".join(f"{e.line()}\n" for e in dict.fromkeys(entries))
    try:
        atomic_write(stamp, text.encode("ascii"))
    except (TargetIsFolder, IsADirectoryError) as exc:
        raise OutputError(
            f"Cap {stamp.name} di folder {path.parent} adalah folder, bukan berkas; hapus atau pindahkan "
            f"folder itu agar {path.name} dapat ditulis."
        ) from exc


def _sizes(stamp: Stamp, *extra: int) -> set[int] | None:
    """Sizes worth hashing a file for; None (any size) for a stamp written before stamps held sizes."""
    if any(e.size is None for e in stamp.entries):
        return None
    return {e.size for e in stamp.entries if e.size is not None} | set(extra)


def _current(path: Path, sizes: set[int] | None) -> Entry | _Foreign | None:
    """What ``path`` holds now (hashed only when its size is in ``sizes``), FOREIGN, or None."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return None
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(
            f"{path} adalah folder, bukan berkas hasil; pindahkan atau ganti nama folder itu lalu ulangi."
        )
    if not stat.S_ISREG(info.st_mode):
        return FOREIGN
    if sizes is not None and info.st_size not in sizes:
        return Entry("?", info.st_size)  # cannot match: not worth reading a large foreign file
    hasher = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            hasher.update(chunk)
    return Entry(hasher.hexdigest(), info.st_size)


def _refusal(path: Path, stamp: Stamp, current: Entry | _Foreign) -> OutputEdited:
    if current is FOREIGN:
        why = "bukan berkas biasa (misalnya tautan simbolis), jadi bukan buatan program ini"
    elif stamp.present and not stamp.entries:
        why = f"capnya ({stamp_path(path).name}) rusak, jadi tidak dapat dipastikan buatan program ini"
    elif not stamp.present:
        why = "tanpa cap program ini, jadi bukan buatannya atau capnya terhapus"
    else:
        why = "telah diubah sejak dibuat"
    return OutputEdited(
        f"{path.name} sudah ada dan {why}; tidak ditimpa. Simpan perubahan Anda dengan nama lain, atau "
        "pakai --timpa untuk menimpanya."
    )


def check_replaceable(path: Path) -> None:
    """Raise OutputEdited when ``path`` exists and is not one of the contents its stamp accepts."""
    stamp = read_stamp(path)
    current = _current(path, _sizes(stamp))
    if current is None:
        return
    if not isinstance(current, Entry) or not stamp.accepts(current):
        raise _refusal(path, stamp, current)


def write_output(path: Path, data: bytes, force: bool = False) -> bool:
    """Write ``data`` to ``path`` with its stamp; False when the file already holds exactly it.

    Raises OutputEdited for a file the program did not write (unless ``force``), OutputError for a
    folder in the way, OSError for the system's refusals (full disk, read-only folder, ...).
    """
    path = Path(path)
    atomic.sweep(path.parent)  # leftovers of a killed run, even when nothing is written now
    new = Entry(digest(data), len(data))
    stamp = read_stamp(path)
    current = _current(path, _sizes(stamp, len(data)))
    if isinstance(current, Entry) and current.matches(new):
        if stamp.entries != (new,):
            _record(path, [new])  # after a kill between steps 3 and 4, or a stamp lost
        return False
    ours = current is None or (isinstance(current, Entry) and stamp.accepts(current))
    if not ours and not force:
        raise _refusal(path, stamp, current)  # type: ignore[arg-type]  # not None: ours otherwise
    temp = atomic.write_temp(path, data)
    try:
        keep = [current] if ours and isinstance(current, Entry) else []
        _record(path, [*keep, new])
        atomic.checkpoint("stamp-recorded", path)
        atomic.place(temp, path)
    finally:
        temp.unlink(missing_ok=True)
    atomic.checkpoint("replaced", path)
    if keep:
        try:
            _record(path, [new])
        except (OSError, OutputError):
            pass  # the stamp of step 2 still accepts what is now in place
    return True
