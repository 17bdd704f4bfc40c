"""A Word template as an untrusted zip: bounded, free of XML bombs, and cut off from the outside.

Everything here runs before python-docx or docxtpl sees a byte of the template:

1. the file itself (missing, a folder, too large, not a zip, an old .doc, an Excel workbook);
2. ``archive.inspect`` with limits fit for a Word file (entries, sizes, compression ratio);
3. every XML part is parsed once with defusedxml, which refuses DTDs and entities (the "billion
   laughs"), and must be well-formed and not absurdly deep;
4. relationships with ``TargetMode="External"`` are removed, with the attributes or elements that
   point at them. Word and LibreOffice fetch such targets by themselves when a document is opened
   or printed: a remote attached template, a picture linked from a server, a linked OLE object or
   chart data, a file:// or \\\\server path (which leaks the reader's Windows credentials). Links in
   the text (``w:hyperlink`` to http, https or mailto) stay: they are fetched only when a person
   clicks, and a letterhead legitimately links the office's website and email. Any other scheme
   (file:, smb:, javascript:, ...) is removed like the rest;
5. field codes that fetch a file or an address (INCLUDEPICTURE, INCLUDETEXT, LINK, DDE, ... in the
   body, headers, footers and notes, simple or complex) and a mail merge's data source are unlinked
   (generator.field_codes): their last result stays, the instruction goes.

The result is the bytes docxtpl loads and the sentences that say what was removed.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

import defusedxml
from defusedxml.ElementTree import DefusedXMLParser
from lxml import etree

from . import field_codes
from .archive import MB, ArchiveError, Limits, inspect

MAX_FILE = 64 * MB
TEMPLATE_LIMITS = Limits(
    max_entries=1_000,
    max_total=160 * MB,
    max_entry=32 * MB,  # a picture of the letterhead may be large; XML parts are capped below
    max_ratio=100.0,
    ratio_from=1 * MB,
    parts={"*.rels": 1 * MB, "[[]Content_Types].xml": 1 * MB, "docProps/*": 1 * MB, "word/*.xml": 16 * MB},
)
MAX_DEPTH = 200  # nesting of XML elements; Word's own documents stay far below, lxml refuses 256

RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HYPERLINK = R_NS + "/hyperlink"
LINK_SCHEMES = ("http://", "https://", "mailto:")
_CONTAINERS = frozenset(
    {"attachedTemplate", "OLEObject", "externalData", "subDoc", "hlinkClick", "hlinkHover"}
)
"""Elements that mean nothing without their external target; other referring attributes are removed."""
_KINDS = {
    "attachedTemplate": "templat terlampir (attachedTemplate)",
    "image": "gambar tertaut",
    "oleObject": "objek OLE tertaut",
    "package": "objek tertaut",
    "hyperlink": "tautan",
    "subDocument": "subdokumen",
    "frame": "bingkai halaman web",
    "externalLinkPath": "data luar",
}
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f]")


class TemplateFileError(Exception):
    """The file cannot be used as a template; the message is one Indonesian sentence."""


@dataclass(frozen=True)
class TemplateFile:
    """The bytes to load, what was removed from them, and the links in the text that were kept."""

    data: bytes
    removed: tuple[str, ...] = ()
    links: tuple[str, ...] = ()


def read_template(source: Path | str | bytes, name: str) -> TemplateFile:
    """The template at ``source`` checked and cut off from the outside; TemplateFileError otherwise."""
    label = f"Templat {name}"
    data = source if isinstance(source, bytes) else _read(Path(source), label)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise TemplateFileError(
            f"{label} adalah dokumen Word lama (.doc); simpan ulang sebagai .docx di Word."
        )
    if not data.startswith(b"PK"):
        raise TemplateFileError(f"{label} bukan dokumen Word (.docx): isinya bukan arsip zip.")
    try:
        entries = inspect(data, TEMPLATE_LIMITS, label)
    except ArchiveError as exc:
        raise TemplateFileError(str(exc)) from exc
    names = {e.filename for e in entries}
    if "word/document.xml" not in names or "[Content_Types].xml" not in names:
        if "xl/workbook.xml" in names:
            raise TemplateFileError(f"{label} adalah buku kerja Excel, bukan templat Word (.docx).")
        raise TemplateFileError(f"{label} bukan dokumen Word (.docx): bagian word/document.xml tidak ada.")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {e.filename: _read_entry(archive, e, label) for e in entries if not e.is_dir()}
    _check_xml("[Content_Types].xml", parts["[Content_Types].xml"], label)
    xml_types = _xml_parts(parts["[Content_Types].xml"])
    for part, content in parts.items():
        if part.endswith((".xml", ".rels", ".vml")) or xml_types(part):
            _check_xml(part, content, label)
    changed, removed, links = _cut_external(parts, label)
    removed += _cut_fields(parts, changed, xml_types, label)
    if not changed:
        return TemplateFile(data, (), tuple(links))
    return TemplateFile(_rezip(data, changed), tuple(removed), tuple(links))


def _read(path: Path, label: str) -> bytes:
    try:
        if path.is_dir():
            raise TemplateFileError(f"{label} adalah folder, bukan berkas Word (.docx).")
        if not path.exists():
            raise TemplateFileError(f"{label} tidak ditemukan.")
        size = path.stat().st_size
        if size > MAX_FILE:
            raise TemplateFileError(
                f"{label} ditolak: berukuran {size // MB} MB, lebih dari batas {MAX_FILE // MB} MB."
            )
        return path.read_bytes()
    except PermissionError as exc:
        raise TemplateFileError(f"{label} tidak boleh dibaca (izin berkas ditolak).") from exc
    except OSError as exc:
        raise TemplateFileError(f"{label} tidak dapat dibaca dari disk.") from exc


def _read_entry(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, label: str) -> bytes:
    try:
        return archive.read(entry)
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        zlib.error,
        ValueError,
        EOFError,
        OSError,
        RuntimeError,
    ) as exc:
        # RuntimeError: an encrypted entry; the others: a damaged one (bad CRC, truncated data)
        raise TemplateFileError(
            f"{label} rusak: bagian {_short(entry.filename)} tidak dapat dibuka."
        ) from exc


def _xml_parts(content_types: bytes):
    """A test: does the package declare this part as XML (any name)? Pictures (SVG) are not parsed by
    python-docx or docxtpl, so they are not checked here."""
    root = etree.fromstring(content_types, _SAFE_PARSER)
    defaults, overrides = {}, {}
    for element in root:
        local = etree.QName(element).localname
        if local == "Default":
            defaults[element.get("Extension", "").lower()] = element.get("ContentType", "")
        elif local == "Override":
            overrides[element.get("PartName", "").lstrip("/")] = element.get("ContentType", "")

    def is_xml(part: str) -> bool:
        kind = overrides.get(part) or defaults.get(posixpath.splitext(part)[1].lstrip(".").lower(), "")
        return kind.endswith("xml") and not kind.startswith("image/")

    return is_xml


class _Depth:
    """A parser target that keeps nothing but the nesting depth."""

    def __init__(self) -> None:
        self.depth = self.deepest = 0

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _TooDeep()
        self.deepest = max(self.deepest, self.depth)

    def end(self, tag: str) -> None:
        self.depth -= 1

    def data(self, data: str) -> None:
        return None

    def close(self) -> None:
        return None


class _TooDeep(Exception):
    pass


def _check_xml(part: str, content: bytes, label: str) -> None:
    """Well-formed, no DTD or entity declarations, not deeper than MAX_DEPTH."""
    parser = DefusedXMLParser(target=_Depth(), forbid_dtd=True, forbid_entities=True, forbid_external=True)
    try:
        parser.feed(content)
        parser.close()
    except (
        defusedxml.DTDForbidden,
        defusedxml.EntitiesForbidden,
        defusedxml.ExternalReferenceForbidden,
    ) as exc:
        raise TemplateFileError(
            f"{label} ditolak: bagian {_short(part)} memuat deklarasi DTD atau entitas XML (bom XML); "
            "dokumen Word tidak pernah memakainya."
        ) from exc
    except _TooDeep as exc:
        raise TemplateFileError(
            f"{label} ditolak: bagian {_short(part)} bersarang lebih dari {MAX_DEPTH} tingkat."
        ) from exc
    except ElementTree.ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else 0
        raise TemplateFileError(
            f"{label} rusak: bagian {_short(part)} bukan XML yang utuh (baris {line})."
        ) from exc


def _source_part(rels_name: str) -> str | None:
    """``word/_rels/settings.xml.rels`` -> ``word/settings.xml``; the package's own rels -> None."""
    path = PurePosixPath(rels_name)
    if path.parent.name != "_rels" or not path.name.endswith(".rels"):
        return None
    owner = path.name[: -len(".rels")]
    folder = path.parent.parent
    return None if not owner else str(folder / owner) if str(folder) != "." else owner


def _cut_external(parts: dict[str, bytes], label: str) -> tuple[dict[str, bytes], list[str], list[str]]:
    """(new content of changed parts, sentences for what was removed, links in the text kept)."""
    changed: dict[str, bytes] = {}
    removed: list[str] = []
    links: list[str] = []
    for rels_name in sorted(p for p in parts if p.endswith(".rels")):
        root = etree.fromstring(parts[rels_name], _SAFE_PARSER)
        dropped: set[str] = set()
        for rel in list(root):
            if rel.get("TargetMode") != "External":
                continue
            kind, target = rel.get("Type", ""), rel.get("Target", "")
            if kind == HYPERLINK and target.lower().startswith(LINK_SCHEMES):
                links.append(_short(target))
                continue
            root.remove(rel)
            dropped.add(rel.get("Id", ""))
            short_kind = _KINDS.get(posixpath.basename(kind), posixpath.basename(kind) or "hubungan")
            why = (
                "tautan dalam teks hanya boleh ke http, https atau mailto"
                if kind == HYPERLINK
                else "Word atau LibreOffice akan mengambilnya sendiri dari luar saat dokumen dibuka"
            )
            removed.append(
                f"{label}: {short_kind} ke «{_short(target)}» (di {rels_name}) dibuang dari keputusan; {why}."
            )
        if not dropped:
            continue
        changed[rels_name] = _serialise(root)
        owner = _source_part(rels_name)
        if owner in parts and owner is not None:
            changed[owner] = _unlink(parts[owner], dropped)
    return changed, removed, links


def _cut_fields(
    parts: dict[str, bytes],
    changed: dict[str, bytes],
    is_xml,
    label: str,  # noqa: ANN001
) -> list[str]:
    """Unlink every field that fetches a file or an address (generator.field_codes), in every XML part
    (body, headers, footers, footnotes, endnotes, comments, glossary); ``changed`` gets the new content.
    Sentences for what was removed."""
    removed: list[str] = []
    for part in sorted(parts):
        if part.endswith(".rels") or part == "[Content_Types].xml":
            continue
        content = changed.get(part, parts[part])
        if not (part.endswith(".xml") or is_xml(part)) or not field_codes.may_hold_fields(content):
            continue
        root = etree.fromstring(content, _SAFE_PARSER)
        try:
            fields = field_codes.remove_fetching(root)
        except field_codes.FieldNesting:
            raise TemplateFileError(
                f"{label} ditolak: bagian {_short(part)} memuat kode field bersarang lebih dari "
                f"{field_codes.MAX_NESTING} tingkat."
            ) from None
        if fields:
            changed[part] = _serialise(root)
            removed += [_field_sentence(found, part, label) for found in fields]
    return removed


def _field_sentence(found: field_codes.Field, part: str, label: str) -> str:
    if found.keyword == "MAILMERGE":
        return (
            f"{label}: penggabungan surat (mail merge) ke sumber data luar (di {part}) dibuang dari "
            "keputusan; Word membukanya sendiri saat dokumen dibuka."
        )
    why = (
        "perintahnya ditulis tag Jinja sehingga tidak dapat diperiksa sebelum diisi"
        if found.keyword == "{{ ... }}"
        else "Word atau LibreOffice akan mengambil sendiri berkas atau alamatnya saat dokumen dibuka "
        "atau dicetak"
    )
    return (
        f"{label}: {_short(found.describe(), 120)} (di {part}) dibuang dari keputusan, karena {why}; "
        "hasil terakhirnya tetap tercetak."
    )


_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _unlink(content: bytes, ids: set[str]) -> bytes:
    """The part without any reference to the removed relationships."""
    root = etree.fromstring(content, _SAFE_PARSER)
    for element in list(root.iter()):
        refs = [k for k, v in element.attrib.items() if k.startswith("{" + R_NS + "}") and v in ids]
        if not refs:
            continue
        local = etree.QName(element).localname
        parent = element.getparent()
        if local in _CONTAINERS and parent is not None:
            parent.remove(element)
        else:
            for key in refs:
                del element.attrib[key]
    return _serialise(root)


def _serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _rezip(data: bytes, changed: dict[str, bytes]) -> bytes:
    """The same archive, entry by entry in the same order, with the changed parts replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for entry in src.infolist():
            dst.writestr(entry, changed.get(entry.filename, src.read(entry)), zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _short(text: str, limit: int = 80) -> str:
    """Text from the file, for a message: control characters removed and cut short."""
    text = _UNPRINTABLE.sub("", text)
    return text if len(text) <= limit else text[: limit - 3] + "..."
