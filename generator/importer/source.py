"""Open an untrusted Word file safely: size and zip limits first, XML without DTDs, old .doc converted.

Everything here runs before python-docx sees a byte, so a hostile file is refused with one Indonesian
sentence instead of costing the machine its memory.
"""

from __future__ import annotations

import io
import resource
import subprocess
import tempfile
from pathlib import Path

import docx
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import XMLParser
from docx.document import Document

from ..archive import MB, ArchiveError, Limits, inspect
from ..pdf import soffice_binary

MAX_FILE = 20 * MB  # a decree with its pictures is a few MB; anything this large is not one
DOCX_LIMITS = Limits(
    max_entries=1_000,
    max_total=96 * MB,
    max_entry=32 * MB,
    parts={"word/document.xml": 16 * MB, "*.xml": 8 * MB, "*.rels": 1 * MB},
)
CONVERT_SECONDS = 60
CONVERT_MEMORY = 2048 * MB
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .doc (and .xls) container
ZIP_MAGIC = b"PK\x03\x04"
XML_CHUNK = 1 << 16


class SourceError(Exception):
    """The file cannot be read as a decree; the message is one Indonesian sentence."""


def read_source(source: Path | bytes, label: str) -> bytes:
    """The file's bytes, refused when larger than a decree can be."""
    if isinstance(source, bytes | bytearray):
        data = bytes(source)
    else:
        try:
            with open(source, "rb") as handle:
                data = handle.read(MAX_FILE + 1)
        except IsADirectoryError as exc:
            raise SourceError(f"{label} adalah folder, bukan dokumen Word.") from exc
        except OSError as exc:
            raise SourceError(f"{label} tidak dapat dibuka.") from exc
    if len(data) > MAX_FILE:
        raise SourceError(
            f"{label} ditolak: lebih dari {MAX_FILE // MB} MB, terlalu besar untuk sebuah keputusan."
        )
    return data


def as_docx(data: bytes, label: str, *, convert: bool = True) -> bytes:
    """The bytes of a .docx: a .docx as it is, an old .doc converted by LibreOffice when allowed."""
    if data.startswith(ZIP_MAGIC):
        return data
    if data.startswith(OLE_MAGIC):
        binary = soffice_binary() if convert else None
        if binary is None:
            raise SourceError(
                f"{label} adalah dokumen Word lama (.doc); buka di Word atau LibreOffice, simpan "
                "sebagai .docx (Simpan Sebagai > Dokumen Word), lalu impor berkas .docx itu."
            )
        return _convert_doc(binary, data, label)
    raise SourceError(f"{label} bukan dokumen Word (.docx); simpan dokumennya sebagai .docx lalu ulangi.")


def _limit_child() -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (CONVERT_SECONDS, CONVERT_SECONDS + 5))
    resource.setrlimit(resource.RLIMIT_AS, (CONVERT_MEMORY, CONVERT_MEMORY))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _convert_doc(binary: str, data: bytes, label: str) -> bytes:
    """One headless LibreOffice run with a private profile, bounded in time and memory."""
    with tempfile.TemporaryDirectory(prefix="keputusan-impor-") as work:
        folder = Path(work)
        source = folder / "keputusan.doc"
        source.write_bytes(data)
        command = [
            binary,
            f"-env:UserInstallation={(folder / 'profil').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(folder / "hasil"),
            str(source),
        ]
        try:
            subprocess.run(
                command,
                check=False,
                capture_output=True,
                timeout=CONVERT_SECONDS + 30,
                preexec_fn=_limit_child,
            )
        except subprocess.TimeoutExpired as exc:
            raise SourceError(
                f"{label} (.doc) tidak selesai diubah menjadi .docx oleh LibreOffice dalam "
                f"{CONVERT_SECONDS} detik; simpan sendiri sebagai .docx lalu impor berkas itu."
            ) from exc
        produced = folder / "hasil" / "keputusan.docx"
        if not produced.is_file():
            raise SourceError(
                f"{label} (.doc) tidak dapat diubah menjadi .docx oleh LibreOffice; buka di Word, "
                "simpan sebagai .docx, lalu impor berkas itu."
            )
        return read_source(produced, label)


class _Nothing:
    """Parser target that keeps nothing: the check only needs the parse to succeed."""

    def start(self, tag, attrib) -> None:
        return None

    def end(self, tag) -> None:
        return None

    def data(self, text) -> None:
        return None

    def close(self) -> None:
        return None


def check_xml(data: bytes, part: str, label: str) -> None:
    """Refuse a part with a DTD, entities or external references (XML bombs) before lxml reads it."""
    parser = XMLParser(target=_Nothing(), forbid_dtd=True, forbid_entities=True, forbid_external=True)
    try:
        for start in range(0, len(data), XML_CHUNK):
            parser.feed(data[start : start + XML_CHUNK])
        parser.close()
    except DefusedXmlException as exc:
        raise SourceError(
            f"{label} ditolak: bagian {part} memuat deklarasi DTD atau entitas XML (bom XML); "
            "dokumen Word yang wajar tidak pernah begitu."
        ) from exc
    except Exception as exc:  # expat's ParseError: the part is not well-formed XML
        raise SourceError(f"{label} rusak: bagian {part} bukan XML yang utuh.") from exc


def open_docx(data: bytes, label: str) -> Document:
    """The python-docx Document of checked bytes: zip limits, then every XML part, then the parse."""
    import zipfile

    try:
        entries = inspect(data, DOCX_LIMITS, label)
    except ArchiveError as exc:
        raise SourceError(str(exc)) from exc
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = {entry.filename for entry in entries}
        if "word/document.xml" not in names and "[Content_Types].xml" not in names:
            raise SourceError(f"{label} bukan dokumen Word: bagian word/document.xml tidak ada.")
        for entry in entries:
            if entry.filename.endswith((".xml", ".rels")):
                check_xml(archive.read(entry), entry.filename, label)
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on a broken package
        raise SourceError(
            f"{label} tidak dapat dibaca sebagai dokumen Word (.docx); buka dan simpan ulang di Word."
        ) from exc
