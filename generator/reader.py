"""Read a workbook into raw cells keyed by the schema, noting missing sheets and columns."""

from __future__ import annotations

import difflib
import errno
import io
import os
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import ParseError

from lxml import etree
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet._reader import WorkSheetParser
from openpyxl.xml.constants import SHARED_STRINGS, SHEET_MAIN_NS

from . import archive, limits
from .bounded_read import ReadRefused, read_regular
from .problems import Problems, WorkbookError
from .schema import (
    FORM_FIRST_ROW,
    INSTRUCTIONS_SHEET,
    SHEETS,
    TABLE_FIRST_ROW,
    Column,
    Kind,
    Layout,
    Sheet,
)
from .sheet_pictures import PastedPicture, sheet_pictures

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
EXCEL_ROWS, EXCEL_COLUMNS = 1_048_576, 16_384  # the largest sheet Excel itself can hold
_FORMULA_TAG = f"{{{SHEET_MAIN_NS}}}f"
_ROW_TAG = f"{{{SHEET_MAIN_NS}}}row"
_SI_TAG, _T_TAG, _R_TAG = (f"{{{SHEET_MAIN_NS}}}{name}" for name in ("si", "t", "r"))
_DATA_TAG = f"{{{SHEET_MAIN_NS}}}sheetData"

XLSX_LIMITS = archive.Limits(
    max_entries=limits.ARCHIVE_ENTRIES.value,
    max_total=limits.ARCHIVE_UNPACKED.value,
    max_entry=max(limits.SHEET_XML.value, limits.SHARED_STRINGS_XML.value),
    max_ratio=float(limits.ZIP_RATIO.value),
    parts={
        "xl/worksheets/*.xml": limits.SHEET_XML.value,
        "xl/sharedStrings.xml": limits.SHARED_STRINGS_XML.value,
        "xl/styles.xml": limits.STYLES_XML.value,
        "xl/drawings/*.xml": limits.DRAWING_XML.value,
        "*.xml": limits.OTHER_XML.value,
        "*.rels": limits.OTHER_XML.value,
        "*.vml": limits.OTHER_XML.value,
    },
)
"""What an .xlsx may declare before openpyxl reads any of it (limits.py gives each number)."""


@dataclass(frozen=True)
class Cell:
    ref: str  # "C7"
    value: object
    uncached_formula: bool = False  # a formula whose result Excel never saved


@dataclass(frozen=True)
class Row:
    number: int
    cells: dict[str, Cell]  # column key -> cell; a column missing from the sheet is absent

    def value(self, key: str) -> object:
        cell = self.cells.get(key)
        return None if cell is None else cell.value


@dataclass
class RawSheet:
    sheet: Sheet
    title: str  # the name as found in the workbook
    rows: list[Row]  # a FORM sheet yields exactly one row
    pictures: list[PastedPicture] = field(default_factory=list)  # pasted on a sheet with a picture column


@dataclass
class RawWorkbook:
    path: Path
    sheets: dict[str, RawSheet] = field(default_factory=dict)
    problems: Problems = field(default_factory=Problems)


def normalize_name(text: object) -> str:
    """Header/sheet comparison key: case-, space- and asterisk-insensitive."""
    return " ".join(str(text or "").replace("\u00a0", " ").replace("*", " ").split()).casefold()


def closest(name: str, candidates: list[str]) -> str | None:
    by_key = {normalize_name(c): c for c in candidates}
    match = difflib.get_close_matches(normalize_name(name), list(by_key), n=1, cutoff=0.6)
    return by_key[match[0]] if match else None


def _suggest(name: str, candidates: list[str]) -> str:
    found = closest(name, candidates)
    return f' Mungkin maksudnya "{found}"?' if found else ""


def check_file(path: Path) -> bytes:
    """The workbook's bytes, read once and bounded; anything that is not an .xlsx gets one sentence."""
    return check_bytes(_read_bounded(path), path)


def check_bytes(data: bytes, path: Path) -> bytes:
    """``data`` (the workbook ``path`` as read once) when it is an .xlsx within the archive limits."""
    if len(data) > limits.WORKBOOK_BYTES.value:
        raise WorkbookError(_too_big(path, len(data)))
    head = data[:8]
    if head == OLE_MAGIC:
        if ENCRYPTED_STREAM in data[: 1 << 20]:
            raise WorkbookError(
                f"Berkas {path.name} dilindungi kata sandi; buka di Excel, hapus kata sandinya "
                "(File > Info > Lindungi Buku Kerja), simpan, lalu coba lagi."
            )
        raise WorkbookError(
            f"Berkas {path.name} berformat Excel lama (.xls); buka di Excel lalu simpan sebagai "
            "Buku Kerja Excel (.xlsx)."
        )
    if head[:4] != ZIP_MAGIC:
        raise WorkbookError(
            f"Berkas {path.name} bukan buku kerja Excel (.xlsx); bila berupa CSV atau teks, buka di "
            "Excel lalu simpan sebagai .xlsx dengan lembar-lembar sesuai isian."
        )
    try:
        entries = archive.inspect(data, XLSX_LIMITS, f"Berkas {path.name}")
    except archive.ArchiveError as exc:
        raise WorkbookError(str(exc)) from exc
    if "xl/workbook.xml" not in {entry.filename for entry in entries}:
        raise WorkbookError(
            f"Berkas {path.name} bukan buku kerja Excel (.xlsx): isinya bukan lembar kerja Excel."
        )
    return data


def _read_bounded(path: Path) -> bytes:
    """At most ``WORKBOOK_BYTES`` of a regular file; OS failures as Indonesian sentences."""
    try:
        return read_regular(os.open(path, os.O_RDONLY | os.O_NONBLOCK), limits.WORKBOOK_BYTES.value)
    except ReadRefused as refused:
        if refused.reason == "folder":
            raise WorkbookError(f"{path} adalah folder, bukan berkas buku kerja .xlsx.") from None
        if refused.reason == "special":
            raise WorkbookError(
                f"{path} bukan berkas biasa (misalnya pipa atau perangkat); tidak dibaca."
            ) from None
        raise WorkbookError(_too_big(path, refused.size)) from None
    except OSError as exc:
        raise WorkbookError(_os_sentence(path, exc)) from exc


def _too_big(path: Path, size: int) -> str:
    return (
        f"Berkas {path.name} berukuran {size / limits.MB:.0f} MB, lebih dari batas "
        f"{limits.WORKBOOK_BYTES.text} untuk buku kerja; hapus gambar atau lembar yang tidak perlu."
    )


_OS_REASONS = {
    errno.ENOENT: "tidak ditemukan",
    errno.EACCES: "tidak dapat dibaca: tidak ada izin untuk membukanya",
    errno.EPERM: "tidak dapat dibaca: tidak ada izin untuk membukanya",
    errno.EISDIR: "adalah folder, bukan berkas buku kerja .xlsx",
    errno.ENOTDIR: "tidak ditemukan: salah satu bagian jalurnya bukan folder",
    errno.ENAMETOOLONG: "tidak dapat dibuka: namanya terlalu panjang",
    errno.ELOOP: "tidak dapat dibuka: tautan simboliknya berputar",
    errno.EIO: "tidak dapat dibaca: terjadi kesalahan baca pada disk",
}


def _os_sentence(path: Path, exc: OSError) -> str:
    """An operating-system failure to read the workbook, in Indonesian, never the English text."""
    reason = _OS_REASONS.get(exc.errno or 0, f"tidak dapat dibuka (galat sistem nomor {exc.errno})")
    return f"Berkas {path} {reason}."


@dataclass
class _Book:
    """What is needed to read the sheets, taken from the workbook's own parts (no sheet parsed)."""

    archive: zipfile.ZipFile
    titles: list[str]  # every sheet, in workbook order
    worksheets: list[tuple[str, str]]  # (title, zip entry) of each worksheet
    shared_strings: list[str]
    epoch: object
    date_formats: set[int]
    timedelta_formats: set[int]


def _load(data: bytes, path: Path) -> _Book:
    """Sheet list, shared strings and date styles, read with openpyxl's own part readers.

    openpyxl's ``load_workbook`` also opens every sheet to look for its declared dimension (the whole
    sheet when there is none); this reads nothing of a sheet until the sheet itself is wanted."""
    try:
        reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=True)
        reader.read_manifest()
        strings = reader.package.find(SHARED_STRINGS)
        shared = _shared_strings(reader.archive, strings.PartName[1:]) if strings is not None else []
        reader.read_workbook()
        apply_stylesheet(reader.archive, reader.wb)
        titles, worksheets = [], []
        for sheet, rel in reader.parser.find_sheets():
            if rel.target not in reader.valid_files:
                continue
            titles.append(sheet.name)
            if "chartsheet" not in rel.Type:
                worksheets.append((sheet.name, rel.target))
    except Exception as exc:  # openpyxl raises many types for damaged or hostile XML
        if _hostile(exc):
            raise WorkbookError(
                f"Berkas {path.name} ditolak: isinya memuat XML berbahaya (DTD/entitas, misalnya "
                "bom XML) yang tidak pernah ditulis Excel."
            ) from exc
        raise WorkbookError(
            f"Berkas {path.name} rusak: susunan buku kerjanya (daftar lembar, gaya sel atau teks "
            "bersama) tidak dapat dibaca; buka di Excel, simpan ulang sebagai .xlsx, lalu coba lagi."
        ) from exc
    wb = reader.wb
    return _Book(
        reader.archive, titles, worksheets, shared, wb.epoch, wb._date_formats, wb._timedelta_formats
    )


def worksheet_parts(data: bytes, path: Path) -> list[tuple[str, str]]:
    """(title, zip entry) of every worksheet of checked workbook bytes, found as the reader finds them."""
    book = _load(data, path)
    book.archive.close()
    return book.worksheets


def _iterparse(source, tags: tuple[str, ...]):  # noqa: ANN001, ANN202
    """lxml's streaming parser, safe for untrusted XML: no entities resolved, no network, no DTD,
    libxml2's own size and depth guards kept; only ``tags`` reach Python."""
    return etree.iterparse(
        source,
        events=("end",),
        tag=tags,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


class _Hostile(Exception):
    """A part declares a DTD, which Excel never writes (the start of every entity bomb)."""


def _refuse_dtd(element) -> None:  # noqa: ANN001
    if element.getroottree().docinfo.doctype:
        raise _Hostile("DTD")


def _free(element) -> None:  # noqa: ANN001
    """Drop a parsed element and the siblings before it, so a long part never accumulates."""
    element.clear()
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def _shared_strings(archive: zipfile.ZipFile, part: str) -> list[str]:
    """The shared string table as openpyxl reads it (plain text, phonetic runs left out)."""
    strings: list[str] = []
    with archive.open(part) as source:
        for number, (_, item) in enumerate(_iterparse(source, (_SI_TAG,))):
            if number == 0:
                _refuse_dtd(item)
            pieces = [node.text or "" for node in item if node.tag == _T_TAG]
            pieces += [node.findtext(_T_TAG) or "" for node in item if node.tag == _R_TAG]
            strings.append("".join(pieces).replace("x005F_", ""))
            _free(item)
    return strings


def _hostile(exc: BaseException | None) -> bool:
    """True when defusedxml, libxml2's entity guard or our own DTD check refused the XML somewhere in
    the exception chain."""
    while exc is not None:
        if isinstance(exc, _Hostile) or type(exc).__module__.startswith("defusedxml"):
            return True
        if isinstance(exc, etree.XMLSyntaxError) and "entity" in str(exc).lower():
            return True  # "Maximum entity amplification factor exceeded", an undeclared entity
        exc = exc.__cause__ or exc.__context__
    return False


_UNCACHED = object()
"""A formula whose result Excel never saved."""

Grid = dict[int, dict[int, object]]
"""Populated cells only: row number -> column number -> value (never padded to a dimension)."""


_BEYOND = object()
"""A filled cell right of the column limit: noted, never converted."""


class _Parser(WorkSheetParser):
    """openpyxl's own sheet parser, reading saved formula results and marking formulas without one.

    Empty cells (style only) and cells right of the column limit are passed over before openpyxl
    converts anything, so neither can make a sheet within its size limit slow to read."""

    def parse_cell(self, element):  # noqa: ANN001, ANN201 - openpyxl's signature
        ref = element.get("r")
        if ref is not None:
            column = _column_index(ref.rstrip("0123456789"))
            if len(element) == 0 or column > limits.COLUMNS.value:
                self.col_counter = column
                value = None if len(element) == 0 else _BEYOND
                return {"row": self.row_counter, "column": column, "value": value}
        elif len(element) == 0:
            self.col_counter += 1
            return {"row": self.row_counter, "column": self.col_counter, "value": None}
        cell = super().parse_cell(element)
        if cell["value"] is None and element.find(_FORMULA_TAG) is not None:
            cell["value"] = _UNCACHED
        return cell


def _column_index(letters: str) -> int:
    try:
        return column_index_from_string(letters)
    except ValueError:
        raise _Malformed(f'alamat sel "{letters[:10]}" tidak sah') from None


class _Sheet:
    """Reads one sheet's populated cells within the row and column limits."""

    def __init__(self, book: _Book, title: str, part: str, sheet: Sheet, problems: Problems) -> None:
        self.book, self.title, self.part, self.problems = book, title, part, problems
        self.limit = sheet.max_rows
        self.beyond: str = ""  # the first populated cell right of the column limit

    def grid(self, path: Path) -> Grid:
        try:
            with self.book.archive.open(self.part) as source:
                return self._cells(source)
        except WorkbookError:
            raise
        except Exception as exc:  # noqa: BLE001 - any damage in the sheet's XML is one sentence
            raise WorkbookError(self._damaged(path, exc)) from exc

    def _cells(self, source) -> Grid:  # noqa: ANN001
        parser = _Parser(
            source,
            self.book.shared_strings,
            data_only=True,
            epoch=self.book.epoch,
            date_formats=self.book.date_formats,
            timedelta_formats=self.book.timedelta_formats,
        )
        grid: Grid = {}
        for number, cells in _rows(parser, source):
            if not 1 <= number <= EXCEL_ROWS:
                raise _Malformed(f"nomor baris {number} di luar batas Excel")
            values = self._values(number, cells)
            if not values:
                continue
            if number not in grid and len(grid) > self.limit.value:  # the header row comes on top
                self.problems.error(
                    f"Lembar {self.title} memuat lebih dari {self.limit.text} data; baris {number} dan "
                    "seterusnya tidak dibaca. Hapus baris yang tidak perlu atau ringkas isinya.",
                    sheet=self.title,
                    cell=f"A{number}",
                )
                break
            grid.setdefault(number, {}).update(values)
        if self.beyond:
            self.problems.warning(
                f"Sel terisi di kanan kolom {get_column_letter(limits.COLUMNS.value)} diabaikan "
                f"(mulai {self.beyond}); hanya {limits.COLUMNS.text} pertama yang dibaca.",
                sheet=self.title,
                cell=self.beyond,
            )
        return grid

    def _values(self, number: int, cells: list[dict]) -> dict[int, object]:
        values: dict[int, object] = {}
        for cell in cells:
            value, column = cell["value"], cell["column"]
            if value is None:
                continue
            if not 1 <= column <= EXCEL_COLUMNS:
                raise _Malformed(f"kolom nomor {column} di luar batas Excel")
            if column > limits.COLUMNS.value:
                self.beyond = self.beyond or f"{get_column_letter(column)}{number}"
                continue
            values[column] = value
        return values

    def _damaged(self, path: Path, exc: Exception) -> str:
        if _hostile(exc):
            return (
                f'Lembar "{self.title}" di berkas {path.name} ditolak: isinya memuat XML berbahaya '
                "(DTD/entitas) yang tidak pernah ditulis Excel."
            )
        return (
            f'Lembar "{self.title}" di berkas {path.name} rusak dan tidak dapat dibaca '
            f"({_damage(exc)}); buka di Excel, simpan ulang sebagai .xlsx, lalu coba lagi."
        )


def _rows(parser: _Parser, source) -> Iterator[tuple[int, list[dict]]]:  # noqa: ANN001
    """(row number, cells) of the sheet's data, in file order; parsing stops where the data ends, so
    what follows it (validations, formatting, drawings) is never parsed, and every row is freed."""
    for number, (_, element) in enumerate(_iterparse(source, (_ROW_TAG, _DATA_TAG))):
        if number == 0:
            _refuse_dtd(element)
        if element.tag == _DATA_TAG:
            return
        yield parser.parse_row(element)
        parser.row_dimensions.clear()  # row heights are not needed; never let them pile up
        _free(element)


class _Malformed(Exception):
    """Sheet XML that parses but cannot be what Excel wrote (a row or column outside the grid)."""


def _damage(exc: Exception) -> str:
    """What is wrong with a sheet's XML, in Indonesian."""
    if isinstance(exc, _Malformed):
        return str(exc)
    if isinstance(exc, ParseError | etree.XMLSyntaxError):
        line, column = getattr(exc, "position", None) or (0, 0)
        return f"XML tidak sah pada baris {line} kolom {column}, misalnya karakter kendali atau tag terpotong"
    if isinstance(exc, IndexError):
        return "sebuah sel merujuk teks bersama yang tidak ada"
    if isinstance(exc, zipfile.BadZipFile | EOFError | zlib.error):
        return "bagian arsipnya terpotong"
    return "isi selnya tidak sesuai format Excel"


def read_workbook(path: Path, data: bytes | None = None) -> RawWorkbook:
    """Read every schema sheet; structural problems go to ``RawWorkbook.problems``.

    ``data``: the bytes of ``path`` already read (``check_file``), so a caller that goes on to use them
    validates exactly what it uses; ``path`` then only names the file and locates its folder."""
    path = Path(path)
    data = check_file(path) if data is None else check_bytes(data, path)
    wanted = {normalize_name(s.name) for s in SHEETS}
    raw = RawWorkbook(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl's English notes on unsupported extensions
        book = _load(data, path)
        try:
            all_titles = book.titles
            by_name = {normalize_name(s.name): s for s in SHEETS}
            sheets = [(title, part) for title, part in book.worksheets if normalize_name(title) in wanted]
            grids = {
                title: _Sheet(book, title, part, by_name[normalize_name(title)], raw.problems).grid(path)
                for title, part in sheets
            }
            parts = dict(sheets)
        finally:
            book.archive.close()

    titles = {normalize_name(t): t for t in grids}
    known = wanted | {normalize_name(INSTRUCTIONS_SHEET)}
    unknown_titles = [t for t in all_titles if normalize_name(t) not in known]
    for sheet in SHEETS:
        title = titles.get(normalize_name(sheet.name))
        if title is None:
            if sheet.required:
                raw.problems.error(
                    f'Lembar "{sheet.name}" tidak ada; lembar ini wajib.'
                    + _suggest(sheet.name, unknown_titles),
                    sheet=sheet.name,
                )
            continue
        reader = _read_form if sheet.layout is Layout.FORM else _read_table
        raw.sheets[sheet.key] = RawSheet(sheet, title, reader(sheet, title, grids[title], raw.problems))
        if any(column.kind is Kind.PATH for column in sheet.columns):
            raw.sheets[sheet.key].pictures = sheet_pictures(data, parts[title], title, raw.problems)
    for title in unknown_titles:
        found = closest(title, [s.name for s in SHEETS])
        if found and normalize_name(found) not in titles:
            continue  # already reported as the missing sheet it resembles
        raw.problems.warning(
            f'Lembar "{title}" tidak dikenal dan diabaikan.' + _suggest(title, [s.name for s in SHEETS]),
            sheet=title,
        )
    return raw


def _cell(column_index: int, row_number: int, value: object) -> Cell:
    ref = f"{get_column_letter(column_index)}{row_number}"
    if value is _UNCACHED:
        return Cell(ref, None, uncached_formula=True)
    return Cell(ref, value)


def _read_form(sheet: Sheet, title: str, grid: Grid, problems: Problems) -> list[Row]:
    """Fields are matched by their label in column A; the value stands in column B."""
    by_label: dict[str, int] = {}
    for number in sorted(n for n in grid if n >= FORM_FIRST_ROW):
        if normalize_name(grid[number].get(1)):
            by_label.setdefault(normalize_name(grid[number].get(1)), number)
    labels = [str(grid[n][1]) for n in by_label.values()]
    cells: dict[str, Cell] = {}
    for column in sheet.columns:
        row_number = by_label.get(normalize_name(column.header))
        if row_number is None:
            _missing_field(sheet, title, column, labels, problems)
            continue
        cells[column.key] = _cell(2, row_number, grid[row_number].get(2))
    known = {normalize_name(c.header) for c in sheet.columns}
    for label in labels:
        if normalize_name(label) not in known:
            problems.warning(
                f'Isian "{label}" tidak dikenal dan diabaikan.'
                + _suggest(label, [c.header for c in sheet.columns]),
                sheet=title,
                cell=f"A{by_label[normalize_name(label)]}",
            )
    return [Row(FORM_FIRST_ROW, cells)]


def _missing_field(sheet: Sheet, title: str, column: Column, found: list[str], problems: Problems) -> None:
    if column.may_be_absent:
        return  # a workbook made before this field existed: its default, without a warning
    where = "isian" if sheet.layout is Layout.FORM else "kolom"
    message = f'{where.capitalize()} "{column.header}" tidak ada' + (
        "; " + where + " ini wajib." if column.required else "; dianggap kosong."
    )
    message += _suggest(column.header, found)
    if column.required:
        problems.error(message, sheet=title)
    else:
        problems.warning(message, sheet=title)


def _read_table(sheet: Sheet, title: str, grid: Grid, problems: Problems) -> list[Row]:
    """Columns are matched by header text in row 1, in any order; empty rows are skipped."""
    header = grid.get(1, {})
    positions: dict[str, int] = {}
    found_headers = [str(header[i]) for i in sorted(header) if normalize_name(header[i])]
    by_header = {normalize_name(c.header): c for c in sheet.columns}
    for index in sorted(header):
        text = header[index]
        column = by_header.get(normalize_name(text))
        if column is not None:
            positions.setdefault(column.key, index)
        elif normalize_name(text):
            problems.warning(
                f'Kolom "{text}" tidak dikenal dan diabaikan.'
                + _suggest(str(text), [c.header for c in sheet.columns]),
                sheet=title,
                cell=f"{get_column_letter(index)}1",
            )
    for column in sheet.columns:
        if column.key not in positions:
            _missing_field(sheet, title, column, found_headers, problems)
    rows: list[Row] = []
    for number in sorted(n for n in grid if n >= TABLE_FIRST_ROW):
        values = grid[number]
        cells = {key: _cell(index, number, values.get(index)) for key, index in positions.items()}
        if any(_filled(c) for c in cells.values()):
            rows.append(Row(number, cells))
    return rows


def _filled(cell: Cell) -> bool:
    if cell.uncached_formula:
        return True
    value = cell.value
    return value is not None and not (isinstance(value, str) and not value.strip("\u00a0 \t\r\n"))
