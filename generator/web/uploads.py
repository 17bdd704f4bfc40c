"""Uploads streamed to a visit's folder under a cap, then checked as .xlsx/.docx by their content.

The multipart body is parsed as it arrives (python-multipart's streaming parser): each file part goes
straight to disk and stops being stored the moment it passes the size limit, and the whole request is
refused at once when it declares (or sends) more than the limit allows for the files it may carry. A
file's name only names it; what it is comes from its bytes: the zip's central directory is checked
within limits (``archive.inspect``) and then the parts an Excel workbook or Word document must have.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import Request

from ..archive import ArchiveError, Limits, inspect
from ..importer.source import DOCX_LIMITS, OLE_MAGIC
from ..problems import WorkbookError
from ..reader import check_file

ZIP_MAGIC = b"PK\x03\x04"
MAX_FIELDS = 20
MAX_FIELD_BYTES = 4096
ENVELOPE = 1 << 20  # room for the multipart headers and text fields around the files
NAME_LIMIT = 60


class UploadRefused(Exception):
    """The request as a whole is refused: ``status`` and one Indonesian sentence."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class Upload:
    """One uploaded file as stored: ``name`` is the safe name it is stored and shown under."""

    field: str
    name: str
    path: Path
    size: int = 0
    too_large: bool = False


@dataclass
class Form:
    fields: dict[str, str] = field(default_factory=dict)
    files: list[Upload] = field(default_factory=list)

    def named(self, name: str) -> list[Upload]:
        return [f for f in self.files if f.field == name]


def safe_name(client_name: str, suffix: str) -> str:
    """The file's own name without folders, odd characters or a misleading suffix: "Sale 2020.xlsx"
    -> "Sale-2020.xlsx"; the suffix is the one its content must have."""
    base = re.split(r"[/\\]", client_name)[-1]
    base = unicodedata.normalize("NFC", base)
    stem = base.rsplit(".", 1)[0] if "." in base.lstrip(".") else base
    stem = re.sub(r"[^\w.-]+", "-", stem, flags=re.UNICODE).strip(".-_")[:NAME_LIMIT].strip(".-_")
    return (stem or "berkas") + suffix


def _size(limit: int) -> str:
    mb = limit / (1 << 20)
    return f"{mb:.0f} MB" if mb >= 1 else f"{limit // 1024} KB"


class _Parser:
    """python-multipart callbacks that write file parts into ``folder`` under the caps."""

    def __init__(self, folder: Path, suffixes: dict[str, str], max_file: int, max_files: int) -> None:
        self.folder, self.suffixes = folder, suffixes
        self.max_file, self.max_files = max_file, max_files
        self.form = Form()
        self._header_name = b""
        self._header_value = b""
        self._disposition = b""
        self._current: Upload | None = None
        self._handle = None
        self._field: str | None = None
        self._field_data = bytearray()

    def on_part_begin(self) -> None:
        self._disposition = b""
        self._current, self._field = None, None
        self._field_data = bytearray()

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._header_name += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def on_header_end(self) -> None:
        if self._header_name.strip().lower() == b"content-disposition":
            self._disposition = self._header_value
        self._header_name = self._header_value = b""

    def on_headers_finished(self) -> None:
        _, options = parse_options_header(self._disposition)
        name = options.get(b"name", b"").decode("utf-8", "replace")
        if b"filename" not in options:
            if len(self.form.fields) >= MAX_FIELDS:
                raise UploadRefused(400, "Formulir berisi terlalu banyak isian.")
            self._field = name
            return
        client = options[b"filename"].decode("utf-8", "replace")
        if not client:
            return  # an empty file input: the browser sends a part without a file
        if len(self.form.files) >= self.max_files:
            raise UploadRefused(
                413, f"Terlalu banyak berkas dalam satu unggahan; paling banyak {self.max_files} berkas."
            )
        index = len(self.form.files) + 1
        folder = self.folder / f"{index:02d}" / "masukan"
        folder.mkdir(parents=True, mode=0o700)
        stored = safe_name(client, self.suffixes.get(name, ""))
        upload = Upload(name, stored, folder / stored)
        self.form.files.append(upload)
        self._current = upload
        self._handle = upload.path.open("wb")

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        if self._field is not None:
            if len(self._field_data) + end - start > MAX_FIELD_BYTES:
                raise UploadRefused(400, "Sebuah isian formulir terlalu panjang.")
            self._field_data += data[start:end]
            return
        upload = self._current
        if upload is None or upload.too_large:
            return
        upload.size += end - start
        if upload.size > self.max_file:
            upload.too_large = True  # stop storing it; the rest of its bytes are read and dropped
            self._close()
            upload.path.unlink(missing_ok=True)
            return
        self._handle.write(data[start:end])

    def on_part_end(self) -> None:
        if self._field is not None:
            self.form.fields[self._field] = self._field_data.decode("utf-8", "replace")
            self._field = None
        self._close()
        self._current = None

    def _close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def callbacks(self) -> dict:
        return {
            "on_part_begin": self.on_part_begin,
            "on_header_field": self.on_header_field,
            "on_header_value": self.on_header_value,
            "on_header_end": self.on_header_end,
            "on_headers_finished": self.on_headers_finished,
            "on_part_data": self.on_part_data,
            "on_part_end": self.on_part_end,
        }


async def read_form(
    request: Request, folder: Path, suffixes: dict[str, str], *, max_file: int, max_files: int
) -> Form:
    """The form of ``request``, its files stored under ``folder``/NN/masukan/; UploadRefused when the
    request breaks a limit (413) or is no upload form (400). ``suffixes``: file field -> suffix."""
    content_type = request.headers.get("content-type", "")
    kind, options = parse_options_header(content_type)
    if kind != b"multipart/form-data" or b"boundary" not in options:
        raise UploadRefused(400, "Kirim berkas lewat formulir unggah di halaman ini.")
    total_limit = max_file * max_files + ENVELOPE
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > total_limit:
        raise UploadRefused(
            413, f"Unggahan terlalu besar: paling besar {_size(max_file)} per berkas, {max_files} berkas."
        )
    parser = _Parser(folder, suffixes, max_file, max_files)
    multipart = MultipartParser(options[b"boundary"], parser.callbacks())
    received = 0
    try:
        async for chunk in request.stream():
            received += len(chunk)
            if received > total_limit:
                raise UploadRefused(
                    413, f"Unggahan terlalu besar: paling besar {_size(max_file)} per berkas."
                )
            multipart.write(chunk)
        multipart.finalize()
    except FormParserError as exc:
        raise UploadRefused(400, "Unggahan tidak utuh; pilih berkasnya lalu kirim lagi.") from exc
    finally:
        parser._close()
    large = [u.name for u in parser.form.files if u.too_large]
    if large:
        raise UploadRefused(
            413,
            f"Berkas {', '.join(large)} lebih besar dari batas {_size(max_file)}; kecilkan berkasnya "
            "(misalnya perkecil gambar yang ditempel) lalu unggah lagi.",
        )
    return parser.form


# --- what a file is, by its content ---------------------------------------------------------------


def _head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(4)


def check_workbook(path: Path) -> str:
    """ "" when ``path`` is an Excel workbook (.xlsx) by content, else one Indonesian sentence."""
    if path.stat().st_size == 0:
        return f"Berkas {path.name} kosong."
    try:
        if _head(path) == ZIP_MAGIC:
            inspect(path, Limits(), f"Berkas {path.name}")
        check_file(path)
    except (ArchiveError, WorkbookError) as exc:
        return str(exc)
    return ""


def check_document(path: Path) -> str:
    """ "" when ``path`` is a Word document (.docx) by content, else one Indonesian sentence."""
    if path.stat().st_size == 0:
        return f"Berkas {path.name} kosong."
    not_word = f"Berkas {path.name} bukan dokumen Word (.docx); simpan templatnya di Word sebagai .docx."
    if _head(path) != ZIP_MAGIC:
        return not_word
    return _word_parts(path, Limits(), not_word, "templat Word (.docx)")


def old_word(path: Path) -> bool:
    """Whether ``path`` is in the old binary container of Word (.doc) and Excel (.xls)."""
    with path.open("rb") as handle:
        return handle.read(len(OLE_MAGIC)) == OLE_MAGIC


def content_suffix(path: Path) -> str:
    """What the name of ``path`` should end with by its bytes, where that is not .docx: ".doc" for the
    old binary container, ".xlsx" for an Excel workbook; "" for anything else."""
    if path.stat().st_size == 0:
        return ""
    if old_word(path):
        return ".doc"
    if _head(path) != ZIP_MAGIC:
        return ""
    try:
        entries = inspect(path, Limits(), f"Berkas {path.name}")
    except ArchiveError:
        return ""
    return ".xlsx" if any(entry.filename == "xl/workbook.xml" for entry in entries) else ""


def check_decree(path: Path, *, doc_allowed: bool) -> str:
    """ "" when ``path`` is a decree the importer can read: a .docx by content (within the importer's
    own zip limits), or an old .doc when this server has LibreOffice to convert it."""
    if path.stat().st_size == 0:
        return f"Berkas {path.name} kosong."
    if old_word(path):
        if doc_allowed:
            return ""  # converted by LibreOffice in a worker, bounded like every job
        return (
            f"Berkas {path.name} adalah dokumen Word lama (.doc) dan server ini tidak punya LibreOffice "
            "untuk mengubahnya; buka di Word, simpan sebagai .docx (Simpan Sebagai > Dokumen Word), lalu "
            "unggah berkas .docx itu."
        )
    not_word = f"Berkas {path.name} bukan dokumen Word (.docx); simpan keputusannya di Word sebagai .docx."
    if _head(path) != ZIP_MAGIC:
        return not_word
    return _word_parts(path, DOCX_LIMITS, not_word, "keputusan dalam Word (.docx)")


def _word_parts(path: Path, limits: Limits, not_word: str, expected: str) -> str:
    """The zip's directory within ``limits`` and the parts a Word document must have."""
    try:
        entries = inspect(path, limits, f"Berkas {path.name}")
    except ArchiveError as exc:
        return str(exc)
    names = {entry.filename for entry in entries}
    if "xl/workbook.xml" in names:
        return f"Berkas {path.name} adalah buku kerja Excel, bukan {expected}."
    if "word/document.xml" not in names or "[Content_Types].xml" not in names:
        return not_word
    return ""  # the parts themselves are read in a worker (template check, importer)
