"""A .docx package written once, byte-reproducibly: fixed entry times, pictures stored as they are.

python-docx's own save deflates every part (PNG pictures included) with the current time on each entry;
rewriting that zip to fix the times inflated and deflated everything a second time. ``package_bytes``
writes the package of a python-docx document directly, in python-docx's own entry order, with every
entry dated the decree's date: XML deflated once, and pictures that are already compressed (PNG, JPEG,
GIF) stored without deflating them again. Same document, same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable

from docx.document import Document
from docx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI
from docx.opc.pkgwriter import _ContentTypesItem  # the one python-docx uses for its own save

COMPRESSED_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")
FILE_MODE = 0o644 << 16


def already_compressed(data: bytes) -> bool:
    """PNG, JPEG or GIF content: deflating it again costs time and saves almost nothing."""
    return data.startswith(COMPRESSED_MAGIC)


def _date_time(when: dt.date) -> tuple[int, int, int, int, int, int]:
    return (max(when.year, 1980), when.month, when.day, 0, 0, 0)  # zip cannot date before 1980


def write_entries(entries: Iterable[tuple[str, bytes]], when: dt.date) -> bytes:
    """A zip of ``entries`` in their order, each dated ``when`` and compressed at most once."""
    stamp = _date_time(when)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in entries:
            entry = zipfile.ZipInfo(name, date_time=stamp)
            entry.compress_type = zipfile.ZIP_STORED if already_compressed(data) else zipfile.ZIP_DEFLATED
            entry.external_attr = FILE_MODE
            archive.writestr(entry, data)
    return out.getvalue()


def package_entries(document: Document) -> list[tuple[str, bytes]]:
    """Member name and bytes of every part, in the order python-docx's save writes them."""
    package = document.part.package
    for part in package.parts:
        part.before_marshal()
    parts = package.parts
    entries = [
        (CONTENT_TYPES_URI.membername, _ContentTypesItem.from_parts(parts).blob),
        (PACKAGE_URI.rels_uri.membername, package.rels.xml),
    ]
    for part in parts:
        entries.append((part.partname.membername, part.blob))
        if len(part.rels):
            entries.append((part.partname.rels_uri.membername, part.rels.xml))
    return entries


def package_bytes(document: Document, when: dt.date) -> bytes:
    """The .docx bytes of a python-docx document, in one pass (no save-then-rewrite)."""
    return write_entries(package_entries(document), when)


def reproducible_zip(data: bytes, when: dt.date) -> bytes:
    """Rewrite existing .docx bytes the same way (fixed times, entry order kept, pictures stored).

    For documents that arrive as bytes; a python-docx document should go through ``package_bytes``.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = [(info.filename, source.read(info)) for info in source.infolist()]
    return write_entries(entries, when)
