"""Pictures pasted onto a sheet (the Kantor logo), found through the sheet's drawing part.

An .xlsx keeps a pasted picture as ``xl/media/imageN.png``, placed by ``xl/drawings/drawingN.xml``,
which the sheet names in its relationships. Only these small parts are read, with defusedxml, after
``archive.inspect`` has bounded their sizes; a picture's bytes are read only when within the logo limit.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass
from xml.etree.ElementTree import Element

from defusedxml.ElementTree import fromstring
from openpyxl.utils import get_column_letter

from . import limits
from .problems import Problems

_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_XDR = "{http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_DRAWING_TYPE = "/drawing"
_ANCHORS = (f"{_XDR}twoCellAnchor", f"{_XDR}oneCellAnchor", f"{_XDR}absoluteAnchor")


@dataclass(frozen=True)
class PastedPicture:
    """One picture placed on a sheet; ``data`` is empty when it is larger than the logo limit."""

    anchor: str  # top-left cell, "C11"; "" for a picture placed by position only
    part: str  # "xl/media/image1.png"
    size: int  # bytes, as the archive declares
    data: bytes = b""

    @property
    def place(self) -> str:
        """ "gambar tempelan di C11", for messages."""
        return f"gambar tempelan di {self.anchor}" if self.anchor else "gambar tempelan"

    @property
    def position(self) -> tuple[int, int]:
        """(row, column) of the anchor for ordering; pictures without one come last."""
        if not self.anchor:
            return (1 << 30, 0)
        letters = "".join(c for c in self.anchor if c.isalpha())
        column = 0
        for letter in letters:
            column = column * 26 + ord(letter) - 64
        return (int(self.anchor[len(letters) :]), column)


class _Unreadable(Exception):
    """A drawing or relationship part that is not well-formed XML of the expected shape."""


def sheet_pictures(workbook: bytes, sheet_part: str, title: str, problems: Problems) -> list[PastedPicture]:
    """Pictures pasted on the sheet stored at ``sheet_part``, top to bottom, left to right."""
    try:
        with zipfile.ZipFile(io.BytesIO(workbook)) as archive:
            found: list[PastedPicture] = []
            for drawing in _targets(archive, sheet_part.lstrip("/"), _DRAWING_TYPE):
                found.extend(_pictures(archive, drawing))
    except (_Unreadable, zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
        problems.warning(
            f"Gambar tempelan pada lembar {title} tidak dapat dibaca dan diabaikan ({exc or 'rusak'}).",
            sheet=title,
        )
        return []
    return sorted(found, key=lambda p: p.position)


def _rels_part(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def _xml(archive: zipfile.ZipFile, part: str, limit: limits.Limit) -> Element | None:
    """A small part, parsed with defusedxml; None when the archive has no such part."""
    try:
        info = archive.getinfo(part)
    except KeyError:
        return None
    if info.file_size > limit.value:
        raise _Unreadable(f"bagian {part} lebih dari {limit.text}")
    try:
        return fromstring(archive.read(info))
    except Exception as exc:  # noqa: BLE001 - ParseError or a defusedxml refusal: unreadable either way
        raise _Unreadable(f"XML bagian {part} tidak sah") from exc


def _relationships(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type, target part) of an internal relationship of ``part``."""
    root = _xml(archive, _rels_part(part), limits.OTHER_XML)
    if root is None:
        return {}
    folder = posixpath.dirname(part)
    found: dict[str, tuple[str, str]] = {}
    for rel in root.iter(_REL):
        target = rel.get("Target") or ""
        if rel.get("TargetMode") == "External" or not target:
            continue  # a link to outside the workbook is never followed
        resolved = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        found[rel.get("Id") or ""] = (rel.get("Type") or "", posixpath.normpath(resolved))
    return found


def _targets(archive: zipfile.ZipFile, part: str, kind: str) -> list[str]:
    return [target for rel_type, target in _relationships(archive, part).values() if rel_type.endswith(kind)]


def _pictures(archive: zipfile.ZipFile, drawing: str) -> list[PastedPicture]:
    root = _xml(archive, drawing, limits.DRAWING_XML)
    if root is None:
        return []
    rels = _relationships(archive, drawing)
    found = []
    for anchor in root:
        if anchor.tag not in _ANCHORS:
            continue
        for blip in anchor.iter(f"{_A}blip"):
            media = rels.get(blip.get(f"{_R}embed") or "")
            if media is None:
                continue
            found.append(_picture(archive, media[1], _anchor_cell(anchor)))
    return found


def _anchor_cell(anchor: Element) -> str:
    start = anchor.find(f"{_XDR}from")
    if start is None:
        return ""
    try:
        column = int(start.findtext(f"{_XDR}col") or "")
        row = int(start.findtext(f"{_XDR}row") or "")
    except ValueError:
        return ""
    if not (0 <= column < 16_384 and 0 <= row < 1_048_576):
        return ""
    return f"{get_column_letter(column + 1)}{row + 1}"


def _picture(archive: zipfile.ZipFile, part: str, anchor: str) -> PastedPicture:
    try:
        info = archive.getinfo(part)
    except KeyError:
        raise _Unreadable(f"bagian gambar {part} tidak ada") from None
    if info.file_size > limits.LOGO_BYTES.value:
        return PastedPicture(anchor, part, info.file_size)
    return PastedPicture(anchor, part, info.file_size, archive.read(info))
