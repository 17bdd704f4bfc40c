"""Failures told in Indonesian: operating-system errors as one sentence, program bugs with how to report them.

Every face (CLI, web) turns an ``OSError`` into ``describe_os_error`` and an unexpected exception into
``describe_crash``; no English exception text reaches a user. A full traceback is shown only when
``KEPUTUSAN_DEBUG=1`` is set (``debug_enabled``), for the person fixing the program.
"""

from __future__ import annotations

import errno
import os
import traceback
from pathlib import Path

DEBUG_VARIABLE = "KEPUTUSAN_DEBUG"

_PERMISSION = "izin ditolak (periksa hak akses berkas dan foldernya)"
_NO_SPACE = "ruang disk penuh; kosongkan ruang lalu ulangi"
_BUSY = "sedang dipakai program lain; tutup program itu lalu ulangi"
_TOO_MANY = "terlalu banyak berkas terbuka; tutup program lain lalu ulangi"
_NETWORK = "folder jaringan tidak terjangkau; periksa sambungannya lalu ulangi"

REASONS: dict[int, str] = {
    errno.ENOENT: "tidak ditemukan (berkas atau foldernya tidak ada)",
    errno.EACCES: _PERMISSION,
    errno.EPERM: _PERMISSION,
    errno.EROFS: "letaknya di penyimpanan yang hanya dapat dibaca",
    errno.ENOSPC: _NO_SPACE,
    errno.EDQUOT: "kuota disk Anda habis; kosongkan ruang lalu ulangi",
    errno.EFBIG: "berkasnya terlalu besar untuk penyimpanan ini",
    errno.EISDIR: "yang ada di sana adalah folder, bukan berkas",
    errno.ENOTDIR: "salah satu bagian jalurnya adalah berkas, bukan folder",
    errno.ENAMETOOLONG: "namanya terlalu panjang untuk sistem berkas; pakai nama yang lebih pendek",
    errno.EEXIST: "sudah ada",
    errno.ENOTEMPTY: "folder itu tidak kosong",
    errno.ELOOP: "jalurnya melewati tautan simbolis yang tidak diikuti",
    errno.EMFILE: _TOO_MANY,
    errno.ENFILE: _TOO_MANY,
    errno.EIO: "penyimpanan gagal membaca atau menulis (disk rusak atau terlepas?)",
    errno.EBUSY: _BUSY,
    errno.ETXTBSY: _BUSY,
    errno.EAGAIN: "sumber daya sistem sedang habis; ulangi sebentar lagi",
    errno.ENOMEM: "memori tidak cukup",
    errno.ENXIO: "perangkatnya tidak ada",
    errno.ENODEV: "perangkatnya tidak ada",
    errno.EXDEV: "letaknya di penyimpanan lain",
    errno.ESTALE: _NETWORK,
    errno.ETIMEDOUT: _NETWORK,
    errno.EHOSTDOWN: _NETWORK,
    errno.ENOTCONN: _NETWORK,
    errno.EINVAL: "namanya memuat karakter yang tidak diterima sistem berkas",
}


def reason(exc: OSError) -> str:
    """Why the operating system refused, as an Indonesian phrase (no English ``strerror``)."""
    if exc.errno in REASONS:
        return REASONS[exc.errno]
    code = errno.errorcode.get(exc.errno or 0)
    return f"galat sistem {code}" if code else "galat sistem yang tidak dikenal"


def describe_os_error(exc: OSError, path: Path | str | None = None, action: str = "menulis") -> str:
    """One sentence: "Tidak dapat menulis outputs/X.docx: ruang disk penuh; ...".

    ``path`` is the file as the person knows it (the output, not our temporary file beside it);
    without it, the file the error names, shown by its name only.
    """
    if path is not None:
        where = str(path)
    elif exc.filename:
        where = Path(os.fsdecode(exc.filename)).name
    else:
        where = "berkas"
    return f"Tidak dapat {action} {where}: {reason(exc)}."


def _location(exc: BaseException) -> str:
    """``pipeline.py baris 120``: the innermost frame in this package, by file name only."""
    package = Path(__file__).resolve().parent
    found = ""
    for frame in traceback.extract_tb(exc.__traceback__):
        try:
            inside = Path(frame.filename).resolve().is_relative_to(package)
        except (OSError, ValueError):
            inside = False
        if inside:
            found = f"{Path(frame.filename).name} baris {frame.lineno}"
    return found


def describe_crash(exc: BaseException, subject: str) -> str:
    """A bug (or exhausted memory) while working on ``subject`` (a file name), told so it can be reported.

    The exception's own text is never shown: it may be English, or carry data and internal paths.
    """
    if isinstance(exc, MemoryError):
        return (
            f"Memori tidak cukup untuk memproses {subject}; tutup program lain, atau periksa apakah "
            "isinya jauh lebih besar daripada biasanya."
        )
    where = _location(exc)
    place = f"{type(exc).__name__}, {where}" if where else type(exc).__name__
    return (
        f"Kesalahan tak terduga saat memproses {subject} ({place}). Ini galat program, bukan "
        f"kesalahan isian: laporkan kepada pengembang dengan melampirkan {subject} dan kalimat ini; "
        f"rincian lengkap tampil bila perintahnya diulang dengan {DEBUG_VARIABLE}=1."
    )


def debug_enabled() -> bool:
    """True when the person asked for full tracebacks (``KEPUTUSAN_DEBUG=1``)."""
    return os.environ.get(DEBUG_VARIABLE, "").strip().lower() in {"1", "ya", "true", "yes"}


def trace_text(exc: BaseException) -> str:
    """The full traceback, for ``KEPUTUSAN_DEBUG=1`` only."""
    return "".join(traceback.format_exception(exc))
