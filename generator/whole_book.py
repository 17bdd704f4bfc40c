"""A workbook loaded whole by openpyxl, to be copied (``tahun-baru``), bounded before anything is built.

The reader streams the populated cells of the contract's sheets and never builds the workbook. A copy
must keep everything Excel saved (every sheet, also those outside the contract, styles, dropdowns,
pictures), so it uses openpyxl's full load, which builds a Python object for every cell, row and XML
element, and expands a merged range and a hyperlink's range cell by cell: a merge over A1:XFD1048576
in a sheet of a few bytes would be seventeen billion objects. ``open_whole`` first counts, streaming
and keeping nothing, what that load would build, and refuses a workbook past ``COPY_CELLS`` or
``COPY_ELEMENTS`` (generator/limits.py) with one sentence; only then does openpyxl run. Pictures are
bounded by Pillow's pixel limit, set in generator/picture.py.

The bytes are those the caller read once and validated (reader.check_file), never the path again.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from fnmatch import fnmatch
from pathlib import Path

import openpyxl
from lxml import etree
from openpyxl.utils.cell import range_boundaries
from openpyxl.workbook.workbook import Workbook

from . import limits
from .reader import worksheet_parts

_CHUNK = 1 << 16
_WORKSHEETS = "xl/worksheets/*.xml"
_AREA_TAGS = frozenset({"mergeCell", "hyperlink"})  # openpyxl makes one object per cell of their ``ref``


class WholeBookRefused(Exception):
    """The workbook cannot be loaded whole; the message is one Indonesian sentence."""


class _Over(Exception):
    """A count passed its limit while the part was being read."""

    def __init__(self, limit: limits.Limit) -> None:
        super().__init__(limit.what)
        self.limit = limit


class _Hostile(Exception):
    """A part declares a DTD (the start of every entity bomb); Excel never writes one."""


class _Counter:
    """lxml parser target: counts elements, and cells of a worksheet, as openpyxl would build them."""

    def __init__(self, cells: int, elements: int, worksheet: bool) -> None:
        self.cells, self.elements, self.worksheet = cells, elements, worksheet

    def doctype(self, *_: object) -> None:
        raise _Hostile()

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self.elements += 1
        if self.elements > limits.COPY_ELEMENTS.value:
            raise _Over(limits.COPY_ELEMENTS)
        if not self.worksheet:
            return
        local = tag.rpartition("}")[2]
        if local == "c":
            self.cells += 1
        elif local in _AREA_TAGS:
            self.cells += _area(attrib.get("ref", ""))
        if self.cells > limits.COPY_CELLS.value:
            raise _Over(limits.COPY_CELLS)

    def end(self, tag: str) -> None:
        return None

    def data(self, data: str) -> None:
        return None

    def close(self) -> None:
        return None


def _area(ref: str) -> int:
    """Cells in a range such as "A1:C3" (a single cell is one; what is not a range, one)."""
    try:
        first_column, first_row, last_column, last_row = range_boundaries(ref.split()[0])
    except (ValueError, TypeError, IndexError):
        return 1
    if None in (first_column, first_row, last_column, last_row):
        return limits.COPY_CELLS.value + 1  # a whole row or column ("A:A", "1:1"): past any bound
    return (abs(last_column - first_column) + 1) * (abs(last_row - first_row) + 1)


def _count(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, counter: _Counter) -> None:
    parser = etree.XMLParser(
        target=counter, resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        with archive.open(entry) as source:
            while chunk := source.read(_CHUNK):
                parser.feed(chunk)
        parser.close()
    except (_Over, _Hostile):
        raise
    except Exception:  # noqa: BLE001 - a damaged part: openpyxl's own load decides what it means
        return


def _sheet_title(data: bytes, path: Path, part: str) -> str:
    return next((title for title, entry in worksheet_parts(data, path) if entry == part), part)


def check_whole(data: bytes, path: Path) -> None:
    """Refuse, in one sentence, a workbook whose full load would build more than the limits allow."""
    counter = _Counter(0, 0, False)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for entry in archive.infolist():
            if not entry.filename.endswith((".xml", ".rels")):
                continue
            counter.worksheet = fnmatch(entry.filename, _WORKSHEETS)
            try:
                _count(archive, entry, counter)
            except _Hostile:
                raise WholeBookRefused(
                    f"Buku kerja {path.name} tidak disalin: bagian {entry.filename[:80]} memuat XML "
                    "berbahaya (DTD/entitas, misalnya bom XML) yang tidak pernah ditulis Excel."
                ) from None
            except _Over as over:
                where = (
                    f'lembar "{_sheet_title(data, path, entry.filename)}"'
                    if counter.worksheet
                    else f"bagian {entry.filename[:80]}"
                )
                raise WholeBookRefused(
                    f"Buku kerja {path.name} terlalu besar untuk disalin: melewati batas "
                    f"{over.limit.text} ({over.limit.what}) di {where}; hapus atau ringkas isinya "
                    "(misalnya sel gabungan yang meluas), lalu ulangi."
                ) from None


def open_whole(data: bytes, path: Path, *, data_only: bool = False) -> Workbook:
    """openpyxl's full load of the workbook ``data`` (the checked bytes of ``path``), within the limits;
    ``data_only``: each formula's value as Excel last computed it, instead of the formula."""
    check_whole(data, path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl's and Pillow's English notes
        try:
            return openpyxl.load_workbook(io.BytesIO(data), data_only=data_only)
        except Exception as exc:  # noqa: BLE001 - openpyxl and Pillow raise many types for damaged parts
            raise WholeBookRefused(
                f"Buku kerja {path.name} tidak dapat dibuka utuh untuk disalin: ada bagian (lembar di luar "
                "isian, gambar, bagan atau komentar) yang rusak atau terlalu besar; buka di Excel, simpan "
                "ulang sebagai .xlsx, lalu ulangi."
            ) from exc
