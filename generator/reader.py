"""Read a workbook into raw cells keyed by the schema, noting missing sheets and columns."""

from __future__ import annotations

import difflib
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

from .problems import Problems, WorkbookError
from .schema import (
    FORM_FIRST_ROW,
    INSTRUCTIONS_SHEET,
    SHEETS,
    TABLE_FIRST_ROW,
    Column,
    Layout,
    Sheet,
)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


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


def check_file(path: Path) -> None:
    """Refuse anything that is not an .xlsx with one clear Indonesian sentence."""
    if not path.exists():
        raise WorkbookError(f"Berkas {path} tidak ditemukan.")
    if path.is_dir():
        raise WorkbookError(f"{path} adalah folder, bukan berkas buku kerja .xlsx.")
    with path.open("rb") as handle:
        head = handle.read(8)
        rest = handle.read(1 << 20) if head == OLE_MAGIC else b""
    if head == OLE_MAGIC:
        if ENCRYPTED_STREAM in rest:
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
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile as exc:
        raise WorkbookError(f"Berkas {path.name} rusak (arsip tidak utuh) dan tidak dapat dibaca.") from exc
    if "xl/workbook.xml" not in names:
        raise WorkbookError(
            f"Berkas {path.name} bukan buku kerja Excel (.xlsx): isinya bukan lembar kerja Excel."
        )


def _load(path: Path, data_only: bool) -> openpyxl.Workbook:
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=data_only)
    except Exception as exc:  # openpyxl raises many types for damaged or hostile XML
        if _hostile(exc):
            raise WorkbookError(
                f"Berkas {path.name} ditolak: isinya memuat XML berbahaya (DTD/entitas, misalnya "
                "bom XML) yang tidak pernah ditulis Excel."
            ) from exc
        reason = type(exc).__name__
        raise WorkbookError(
            f"Berkas {path.name} tidak dapat dibaca sebagai buku kerja Excel ({reason}); "
            "buka di Excel, simpan ulang sebagai .xlsx, lalu coba lagi."
        ) from exc


def _hostile(exc: BaseException | None) -> bool:
    """True when defusedxml refused the XML somewhere in the exception chain."""
    while exc is not None:
        if type(exc).__module__.startswith("defusedxml"):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _grid(worksheet) -> list[list[object]]:
    """All cell values of a sheet as rows of raw values (formulas as their "=..." text)."""
    return [list(row) for row in worksheet.iter_rows(values_only=True)]


def read_workbook(path: Path) -> RawWorkbook:
    """Read every schema sheet; structural problems go to ``RawWorkbook.problems``."""
    path = Path(path)
    check_file(path)
    wanted = {normalize_name(s.name) for s in SHEETS}
    book = _load(path, data_only=False)
    try:
        all_titles = list(book.sheetnames)
        grids = {ws.title: _grid(ws) for ws in book.worksheets if normalize_name(ws.title) in wanted}
    finally:
        book.close()
    cached: dict[str, list[list[object]]] | None = None
    if any(_is_formula(v) for grid in grids.values() for row in grid for v in row):
        values_book = _load(path, data_only=True)
        try:
            cached = {title: _grid(values_book[title]) for title in grids}
        finally:
            values_book.close()

    raw = RawWorkbook(path)
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
        grid = _resolve_formulas(grids[title], cached.get(title) if cached else None)
        reader = _read_form if sheet.layout is Layout.FORM else _read_table
        raw.sheets[sheet.key] = RawSheet(sheet, title, reader(sheet, title, grid, raw.problems))
    for title in unknown_titles:
        found = closest(title, [s.name for s in SHEETS])
        if found and normalize_name(found) not in titles:
            continue  # already reported as the missing sheet it resembles
        raw.problems.warning(
            f'Lembar "{title}" tidak dikenal dan diabaikan.' + _suggest(title, [s.name for s in SHEETS]),
            sheet=title,
        )
    return raw


def _is_formula(value: object) -> bool:
    return isinstance(value, str) and value.startswith("=") and len(value) > 1


_UNCACHED = object()


def _resolve_formulas(grid: list[list[object]], cached: list[list[object]] | None) -> list[list[object]]:
    """Replace formulas by their saved results; a formula without one becomes a marker."""
    if cached is None:
        return grid
    resolved = []
    for r, row in enumerate(grid):
        out = []
        for c, value in enumerate(row):
            if _is_formula(value):
                saved = cached[r][c] if r < len(cached) and c < len(cached[r]) else None
                out.append(_UNCACHED if saved is None else saved)
            else:
                out.append(value)
        resolved.append(out)
    return resolved


def _cell(column_index: int, row_number: int, value: object) -> Cell:
    ref = f"{get_column_letter(column_index)}{row_number}"
    if value is _UNCACHED:
        return Cell(ref, None, uncached_formula=True)
    return Cell(ref, value)


def _read_form(sheet: Sheet, title: str, grid: list[list[object]], problems: Problems) -> list[Row]:
    """Fields are matched by their label in column A; the value stands in column B."""
    by_label: dict[str, int] = {}
    for index, row in enumerate(grid[FORM_FIRST_ROW - 1 :], start=FORM_FIRST_ROW):
        if row and normalize_name(row[0]):
            by_label.setdefault(normalize_name(row[0]), index)
    labels = [str(grid[i - 1][0]) for i in by_label.values()]
    cells: dict[str, Cell] = {}
    for column in sheet.columns:
        row_number = by_label.get(normalize_name(column.header))
        if row_number is None:
            _missing_field(sheet, title, column, labels, problems)
            continue
        row = grid[row_number - 1]
        cells[column.key] = _cell(2, row_number, row[1] if len(row) > 1 else None)
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


def _read_table(sheet: Sheet, title: str, grid: list[list[object]], problems: Problems) -> list[Row]:
    """Columns are matched by header text in row 1, in any order; empty rows are skipped."""
    header = grid[0] if grid else []
    positions: dict[str, int] = {}
    found_headers = [str(h) for h in header if normalize_name(h)]
    by_header = {normalize_name(c.header): c for c in sheet.columns}
    for index, text in enumerate(header, start=1):
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
    for number, values in enumerate(grid[TABLE_FIRST_ROW - 1 :], start=TABLE_FIRST_ROW):
        cells = {
            key: _cell(index, number, values[index - 1] if index <= len(values) else None)
            for key, index in positions.items()
        }
        if any(_filled(c) for c in cells.values()):
            rows.append(Row(number, cells))
    return rows


def _filled(cell: Cell) -> bool:
    if cell.uncached_formula:
        return True
    value = cell.value
    return value is not None and not (isinstance(value, str) and not value.strip("\u00a0 \t\r\n"))
