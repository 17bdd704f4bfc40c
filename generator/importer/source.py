"""Open an untrusted Word file safely: size and zip limits first, XML without DTDs, old .doc converted.

Everything here runs before python-docx sees a byte, so a hostile file is refused with one Indonesian
sentence instead of costing the machine its memory. Nothing here fetches anything: python-docx never
follows a document's links or fields. LibreOffice, which converts an old .doc, does follow linked
pictures when it loads one (seen: a request to the picture's http address on every conversion), so it
runs cut off from the network: in a network namespace of its own when the system allows one
(``unshare -rn``), and always with a private profile whose proxy is a closed local port.
"""

from __future__ import annotations

import io
import os
import resource
import shutil
import signal
import subprocess
import tempfile
from functools import lru_cache
from pathlib import Path

import docx
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import XMLParser
from docx.document import Document

from ..archive import MB, ArchiveError, Limits, inspect
from ..bounded_read import ReadRefused, read_regular
from ..pdf import soffice_binary

MAX_FILE = 20 * MB  # a decree with its pictures is a few MB; anything this large is not one
DOCX_LIMITS = Limits(
    max_entries=1_000,
    max_total=96 * MB,
    max_entry=32 * MB,
    parts={"word/document.xml": 16 * MB, "*.xml": 8 * MB, "*.rels": 1 * MB},
)
CONVERT_SECONDS = 25  # processor time and wall time of one conversion; a real .doc takes a few seconds
CONVERT_MEMORY = 2048 * MB  # address space of LibreOffice, or less when this process has less
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .doc (and .xls) container
ZIP_MAGIC = b"PK\x03\x04"
XML_CHUNK = 1 << 16
NO_PROXY_PORT = 9  # "discard": nothing listens there, so a fetch fails at once
_INET = "/org.openoffice.Inet/Settings"
_PROFILE_SETTINGS = {
    "ooInetProxyType": "1",  # a manual proxy, for http, https and ftp alike
    **{f"ooInet{kind}ProxyName": "127.0.0.1" for kind in ("HTTP", "HTTPS", "FTP")},
    **{f"ooInet{kind}ProxyPort": str(NO_PROXY_PORT) for kind in ("HTTP", "HTTPS", "FTP")},
    "ooInetNoProxy": "",
}


class SourceError(Exception):
    """The file cannot be read as a decree; the message is one Indonesian sentence."""


def read_source(source: Path | bytes, label: str) -> bytes:
    """The file's bytes, refused when larger than a decree can be, a folder, a pipe or a device."""
    if isinstance(source, bytes | bytearray):
        data = bytes(source)
    else:
        try:
            data = read_regular(os.open(source, os.O_RDONLY | os.O_NONBLOCK), MAX_FILE)
        except ReadRefused as refused:
            if refused.reason == "folder":
                raise SourceError(f"{label} adalah folder, bukan dokumen Word.") from None
            if refused.reason == "special":
                raise SourceError(
                    f"{label} bukan berkas biasa (misalnya pipa atau perangkat); tidak dibaca."
                ) from None
            raise SourceError(_too_large(label)) from None
        except FileNotFoundError as exc:
            raise SourceError(f"{label} tidak ditemukan.") from exc
        except PermissionError as exc:
            raise SourceError(f"{label} tidak boleh dibaca (izin berkas ditolak).") from exc
        except OSError as exc:
            raise SourceError(f"{label} tidak dapat dibuka.") from exc
    if len(data) > MAX_FILE:
        raise SourceError(_too_large(label))
    return data


def _too_large(label: str) -> str:
    return f"{label} ditolak: lebih dari {MAX_FILE // MB} MB, terlalu besar untuk sebuah keputusan."


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


def _within(limit: int, kind: int) -> tuple[int, int]:
    """``limit`` for a child, never above what this process may itself use (setrlimit would fail)."""
    _, hard = resource.getrlimit(kind)
    value = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
    return value, value


def _limit_child() -> None:
    resource.setrlimit(resource.RLIMIT_CPU, _within(CONVERT_SECONDS, resource.RLIMIT_CPU))
    resource.setrlimit(resource.RLIMIT_AS, _within(CONVERT_MEMORY, resource.RLIMIT_AS))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


@lru_cache(maxsize=1)
def _offline_prefix() -> tuple[str, ...]:
    """``unshare -rn`` when this system lets an ordinary process have a network of its own (none)."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return ()
    try:
        done = subprocess.run(
            [unshare, "-rn", "true"], stdin=subprocess.DEVNULL, capture_output=True, timeout=10, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return ()
    return (unshare, "-rn") if done.returncode == 0 else ()


def _write_profile(profile: Path) -> None:
    """A fresh LibreOffice profile whose proxy is a closed local port, so no address is ever reached."""
    items = "".join(
        f'<item oor:path="{_INET}"><prop oor:name="{name}" oor:op="fuse"><value>{value}</value></prop></item>'
        for name, value in _PROFILE_SETTINGS.items()
    )
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"{items}</oor:items>",
        encoding="utf-8",
    )


def _convert_doc(binary: str, data: bytes, label: str) -> bytes:
    """One headless LibreOffice run, offline, with a private profile, bounded in time and memory; the
    whole process group is killed when the time is up (soffice starts soffice.bin as its child)."""
    with tempfile.TemporaryDirectory(prefix="keputusan-impor-") as work:
        folder = Path(work)
        source = folder / "keputusan.doc"
        source.write_bytes(data)
        _write_profile(folder / "profil")
        (folder / "tmp").mkdir()  # LibreOffice's own scratch files, removed with the rest even when killed
        command = [
            *_offline_prefix(),
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
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                preexec_fn=_limit_child,
                start_new_session=True,
                env={**os.environ, "TMPDIR": str(folder / "tmp")},
            )
        except OSError as exc:
            raise SourceError(
                f"{label} (.doc) tidak dapat diubah: LibreOffice tidak dapat dijalankan; simpan sendiri "
                "sebagai .docx lalu impor berkas itu."
            ) from exc
        try:
            process.wait(timeout=CONVERT_SECONDS)
        except subprocess.TimeoutExpired as exc:
            _end_group(process)
            raise SourceError(
                f"{label} (.doc) tidak selesai diubah menjadi .docx oleh LibreOffice dalam "
                f"{CONVERT_SECONDS} detik; simpan sendiri sebagai .docx lalu impor berkas itu."
            ) from exc
        except BaseException:  # Ctrl-C: LibreOffice must not outlive the program
            _end_group(process)
            raise
        produced = folder / "hasil" / "keputusan.docx"
        if not produced.is_file():
            raise SourceError(
                f"{label} (.doc) tidak dapat diubah menjadi .docx oleh LibreOffice; buka di Word, "
                "simpan sebagai .docx, lalu impor berkas itu."
            )
        return read_source(produced, label)


def _end_group(process: subprocess.Popen) -> None:
    """Kill the conversion's whole process group, its leader not yet reaped (soffice.bin, started
    by soffice, would outlive soffice alone)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()


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
