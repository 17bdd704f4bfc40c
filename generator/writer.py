"""Write outputs atomically, byte-reproducibly, and never over a file a person edited by hand."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import re
import tempfile
import unicodedata
import zipfile
from pathlib import Path

from . import limits

STAMP_SUFFIX = ".sha256"


class OutputEdited(Exception):
    """The existing output differs from what was generated last time: someone edited it."""


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


def reproducible_zip(data: bytes, when: dt.date) -> bytes:
    """Rewrite a .docx so entry times are fixed and entry order kept: same content, same bytes."""
    stamp = (max(when.year, 1980), when.month, when.day, 0, 0, 0)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def check_replaceable(path: Path) -> None:
    """Raise OutputEdited when ``path`` exists and is not exactly what we wrote there last time."""
    if not path.exists():
        return
    stamp = stamp_path(path)
    recorded = stamp.read_text(encoding="ascii").strip() if stamp.exists() else None
    if recorded != digest(path.read_bytes()):
        raise OutputEdited(
            f"{path.name} sudah ada dan telah diubah sejak dibuat (atau bukan buatan program ini); "
            "tidak ditimpa. Simpan perubahan Anda dengan nama lain, atau pakai --timpa untuk "
            "menimpanya."
        )


def atomic_write(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path`` and rename it over: readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are ordinary shared files
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_output(path: Path, data: bytes, force: bool = False) -> bool:
    """Write ``data`` to ``path`` with its stamp; False when the file already holds exactly it."""
    if path.exists() and not force:
        check_replaceable(path)
        if path.read_bytes() == data:
            return False
    atomic_write(path, data)
    atomic_write(stamp_path(path), (digest(data) + "\n").encode("ascii"))
    return True
