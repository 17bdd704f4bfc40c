"""Bounded look inside a zip (an .xlsx workbook, a .docx template) before any parser reads it.

Office files are zip archives, and a zip can claim anything: thousands of entries, a part that unpacks
to gigabytes from a few kilobytes. ``inspect`` reads only the central directory and refuses an archive
that breaks a stated limit, with one Indonesian sentence, so no parser ever starts on a bomb. Python's
own ``zipfile`` (which openpyxl and python-docx use) never returns more than an entry's declared size,
so the declared sizes checked here bound what the parsers will see.
"""

from __future__ import annotations

import fnmatch
import io
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

MB = 1 << 20


class ArchiveError(Exception):
    """The archive breaks a limit or is not a zip at all; the message is one Indonesian sentence."""


@dataclass(frozen=True)
class Limits:
    """Limits on what an archive may declare; ``parts`` caps named entries (glob patterns) tighter."""

    max_entries: int = 2_000
    max_total: int = 256 * MB  # all entries, uncompressed
    max_entry: int = 64 * MB  # any one entry, uncompressed
    max_ratio: float = 200.0  # uncompressed / compressed, for entries larger than ``ratio_from``
    ratio_from: int = 1 * MB
    parts: Mapping[str, int] = field(default_factory=dict)
    # the whole archive: at most ``total_free`` plus ``total_ratio`` times what it holds compressed
    # (None: no such bound); for archives whose single entries may legitimately compress very well
    total_ratio: float | None = None
    total_free: int = 0


def _name(entry: zipfile.ZipInfo) -> str:
    """An entry's name for a message: it comes from the file, so it is cut short."""
    name = entry.filename
    return name if len(name) <= 80 else name[:77] + "..."


def _size(value: int) -> str:
    return f"{value / MB:.0f} MB" if value >= MB else f"{value // 1024} KB"


def inspect(source: Path | bytes, limits: Limits, label: str) -> list[zipfile.ZipInfo]:
    """The entries of the archive when it stays within ``limits``; else ArchiveError.

    ``label`` names the file in the message ("Berkas sale.xlsx", "Templat kop.docx").
    """
    try:
        handle = io.BytesIO(source) if isinstance(source, bytes | bytearray) else open(source, "rb")
    except OSError as exc:
        raise ArchiveError(f"{label} tidak dapat dibuka.") from exc
    try:
        with handle, zipfile.ZipFile(handle) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as exc:
        raise ArchiveError(f"{label} rusak (arsip zip tidak utuh) dan tidak dapat dibaca.") from exc
    if len(entries) > limits.max_entries:
        raise ArchiveError(
            f"{label} ditolak: memuat {len(entries)} bagian, lebih dari batas {limits.max_entries}."
        )
    total = 0
    for entry in entries:
        size = entry.file_size
        total += size
        cap = next((v for p, v in limits.parts.items() if fnmatch.fnmatch(entry.filename, p)), None)
        cap = limits.max_entry if cap is None else min(cap, limits.max_entry)
        if size > cap:
            raise ArchiveError(
                f"{label} ditolak: bagian {_name(entry)} berukuran {_size(size)} setelah dibuka, "
                f"lebih dari batas {_size(cap)}."
            )
        if size > limits.ratio_from and size > limits.max_ratio * max(entry.compress_size, 1):
            raise ArchiveError(
                f"{label} ditolak: bagian {_name(entry)} memadat {size // max(entry.compress_size, 1)} "
                "kali (bom zip); berkas Office yang wajar tidak pernah begitu."
            )
    if total > limits.max_total:
        raise ArchiveError(
            f"{label} ditolak: isinya {_size(total)} setelah dibuka, lebih dari batas "
            f"{_size(limits.max_total)}."
        )
    packed = sum(entry.compress_size for entry in entries)
    if limits.total_ratio is not None and total > limits.total_free + limits.total_ratio * packed:
        raise ArchiveError(
            f"{label} ditolak: isinya {_size(total)} setelah dibuka dari {_size(packed)} saja (bom zip); "
            "arsip yang wajar tidak pernah memadat sebanyak itu."
        )
    return entries
