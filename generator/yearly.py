"""Next year's workbook from last year's: new year, empty number and date, everything else kept."""

from __future__ import annotations

import io
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from openpyxl.cell.cell import Cell
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from . import atomic, schema
from . import formatting as fmt
from .cells import YEAR_RANGE
from .failures import describe_os_error
from .pipeline import load_decree
from .problems import Problems, WorkbookError
from .reader import check_file, normalize_name
from .schema import Kind, Sheet
from .whole_book import WholeBookRefused, open_whole

FORM_VALUE_COLUMN = 2  # FORM layout of schema.py: label in column A, value in column B
TARGET_SUFFIX = ".xlsx"
DECREE = schema.KEPUTUSAN
YEAR_TEXT_SHEETS: tuple[Sheet, ...] = (schema.KEPUTUSAN, schema.LAMPIRAN)  # the decree's own headings
EMPTIED_FIELDS = ("number", "date")  # filled again when the new decree is registered and enacted

# "TAHUN 2020" / "Tahun Anggaran 2020"; not a period ("TAHUN 2020-2024", "2020 s.d. 2024").
_PERIOD_SEPARATOR = r"(?:[-\u2013\u2014/]|s\.?\s*d\.?|s/d|sampai(?:\s+dengan)?|hingga)"
_YEAR_PHRASE = r"\b(tahun(?:\s+anggaran)?\s+)({year})\b(?!\s*" + _PERIOD_SEPARATOR + r"\s*\d)"
# A regulation's number: "Nomor 5", "No. 060/1326". Right before "Tahun", the year is the regulation's;
# anywhere before, the year may belong to that regulation's title, so it is left for a person to check.
_REGULATION_NUMBER = r"\b(?:nomor|no)\b\.?\s*:?\s*[\w./-]+\s*,?\s*"
_REGULATION_BEFORE = re.compile(_REGULATION_NUMBER + "$", re.IGNORECASE)
_REGULATION_EARLIER = re.compile(_REGULATION_NUMBER + r"tahun\b", re.IGNORECASE)


class YearlyError(Exception):
    """Refusal in one Indonesian sentence; ``problems`` when a workbook itself is invalid."""

    def __init__(self, message: str, problems: Problems | None = None, invalid: bool = True):
        super().__init__(message)
        self.problems = problems
        self.invalid = invalid  # False: the input is fine but the command could not do it


@dataclass(frozen=True)
class TextChange:
    """One text whose decree year was replaced."""

    sheet: str
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class NewYear:
    """What ``next_year_workbook`` wrote."""

    source: Path
    target: Path
    old_year: int
    new_year: int
    changes: tuple[TextChange, ...]
    to_check: tuple[str, ...] = ()  # "Sheet/Field" of headings still naming the old year, left as written


def replace_decree_year(text: str, old: int, new: int) -> str:
    """Replace "Tahun <old>" by "Tahun <new>" where it is the decree's year, not a regulation's or period."""
    pattern = re.compile(_YEAR_PHRASE.format(year=old), re.IGNORECASE)

    def swap(match: re.Match[str]) -> str:
        before = text[: match.start()]
        if _REGULATION_BEFORE.search(before) or _REGULATION_EARLIER.search(before):
            return match.group(0)
        return f"{match.group(1)}{new}"

    return pattern.sub(swap, text)


def default_target(source: Path, kecamatan: str, year: int) -> Path:
    """ "<kecamatan>-<tahun>.xlsx" beside the source: lower-case, spaces and odd characters as dashes."""
    slug = re.sub(r"[^\w]+", "-", kecamatan.lower()).strip("-_") or "kecamatan"
    return Path(source).parent / f"{slug}-{year}{TARGET_SUFFIX}"


def next_year_workbook(
    source: Path,
    year: int,
    target: Path | None = None,
    overwrite: bool = False,
    *,
    files_allowed: bool = True,
) -> NewYear:
    """Write the workbook for ``year`` from ``source``; raises YearlyError rather than write a wrong one.

    ``files_allowed=False`` (an uploaded workbook) refuses a workbook whose cells name files.
    """
    source = Path(source)
    try:
        data = check_file(source)  # read once: what is validated is exactly what is copied
        decree, problems = load_decree(source, files_allowed=files_allowed, data=data)
    except WorkbookError as exc:
        raise YearlyError(str(exc)) from exc
    if decree is None:
        raise YearlyError(
            f"Buku kerja sumber {source.name} memuat {len(problems.errors)} galat; perbaiki dahulu "
            "(keputusan periksa) lalu buat buku kerja tahun baru.",
            problems,
        )
    old = decree.info.year
    low, high = YEAR_RANGE
    if not low <= year <= high:
        raise YearlyError(f"Tahun {year} di luar rentang {low}-{high}.")
    if year <= old:
        raise YearlyError(f"Tahun baru ({year}) harus lebih besar daripada tahun buku kerja sumber ({old}).")
    target = Path(target) if target is not None else default_target(source, decree.office.kecamatan, year)
    _check_target(source, target, overwrite)

    book = _open(data, source)
    try:
        changes, to_check = _update(book, old, year)
        _save_checked(book, target, overwrite, files_allowed)
    finally:
        book.close()
    return NewYear(source, target, old, year, changes, to_check)


def _check_target(source: Path, target: Path, overwrite: bool) -> None:
    if target.suffix.lower() != TARGET_SUFFIX:
        raise YearlyError(f"Berkas tujuan {target.name} harus berakhiran {TARGET_SUFFIX}.")
    if target.exists() and target.resolve() == source.resolve():
        raise YearlyError(
            f"Berkas tujuan sama dengan buku kerja sumber {source.name}; buku kerja sumber tidak "
            "pernah diubah. Pilih nama lain dengan -o."
        )
    if target.is_dir():
        raise YearlyError(f"{target} adalah folder; tulis nama berkas .xlsx dengan -o.")
    if os.path.lexists(target) and not overwrite:
        raise YearlyError(
            f"{target} sudah ada dan tidak ditimpa; pakai --timpa untuk menimpanya atau -o untuk nama lain.",
            invalid=False,
        )


def _open(data: bytes, source: Path) -> Workbook:
    """The whole workbook, styles, dropdowns, Petunjuk and sheets outside the contract included (not
    read-only), from the bytes already validated; refused in one sentence when past the copy limits."""
    try:
        return open_whole(data, source)
    except WholeBookRefused as exc:
        raise YearlyError(str(exc)) from exc


def _worksheet(book: Workbook, sheet: Sheet) -> Worksheet | None:
    """The sheet of the contract, found by name as the reader finds it."""
    return next(
        (ws for ws in book.worksheets if normalize_name(ws.title) == normalize_name(sheet.name)), None
    )


def _field_cells(worksheet: Worksheet, sheet: Sheet) -> dict[str, Cell]:
    """Column key -> value cell of a FORM sheet, rows found by their label as the reader finds them."""
    rows: dict[str, int] = {}
    # openpyxl's own store of the cells it read: ``worksheet.cell`` would create every empty cell up to
    # ``max_row``, a million of them when one filled cell sits in the sheet's last row
    filled = sorted(row for row, column in worksheet._cells if column == 1 and row >= schema.FORM_FIRST_ROW)
    for row in filled:
        label = normalize_name(worksheet.cell(row, 1).value)
        if label:
            rows.setdefault(label, row)
    cells: dict[str, Cell] = {}
    for column in sheet.columns:
        row_number = rows.get(normalize_name(column.header))
        if row_number is not None:
            cells[column.key] = worksheet.cell(row_number, FORM_VALUE_COLUMN)
    return cells


def _update(book: Workbook, old: int, new: int) -> tuple[tuple[TextChange, ...], tuple[str, ...]]:
    """Set the year, empty number and date, move the decree year in the decree's own headings.

    Returns the texts changed and the headings that still name the old year (for a person to check).
    """
    decree_sheet = _worksheet(book, DECREE)
    if decree_sheet is None:  # load_decree accepted the workbook, so this means it changed meanwhile
        raise YearlyError(f'Lembar "{DECREE.name}" tidak ditemukan di buku kerja sumber.')
    fields = _field_cells(decree_sheet, DECREE)
    fields["year"].value = new
    for key in EMPTIED_FIELDS:
        if key in fields:
            fields[key].value = _emptied(key, fields[key].value)
    changes: list[TextChange] = []
    to_check: list[str] = []
    for sheet in YEAR_TEXT_SHEETS:
        worksheet = _worksheet(book, sheet)
        if worksheet is None:
            continue
        cells = _field_cells(worksheet, sheet)
        for column in sheet.columns:
            cell = cells.get(column.key)
            if column.kind is not Kind.TEXT or cell is None or not isinstance(cell.value, str):
                continue
            if cell.value.startswith("="):
                continue  # a formula: its result follows the cells it reads
            replaced = replace_decree_year(cell.value, old, new)
            if replaced != cell.value:
                changes.append(TextChange(worksheet.title, column.header, cell.value, replaced))
                cell.value = replaced
            if re.search(rf"(?<!\d){old}(?!\d)", replaced):
                to_check.append(f"{worksheet.title}/{column.header}")
    return tuple(changes), tuple(to_check)


def _emptied(key: str, value: object) -> object:
    """A field filled at registration, emptied; a number keeps the label its office writes ("NOMOR :")."""
    if key == "number" and isinstance(value, str):
        return fmt.written_number_label(value) or None
    return None


def _save_checked(book: Workbook, target: Path, overwrite: bool, files_allowed: bool = True) -> None:
    """Save to a temporary file beside ``target``, check it reads as a valid decree, then move it there.

    The temporary file follows atomic.py's scheme, so a killed run's leftover is never taken for a
    workbook and is swept by the next write into that folder; without ``overwrite`` a file that
    appeared at ``target`` meanwhile is never replaced.
    """
    out = io.BytesIO()
    book.save(out)
    saved = out.getvalue()
    try:
        temp = atomic.write_temp(target, saved, _file_mode(target))
    except OSError as exc:
        raise YearlyError(describe_os_error(exc, target, "menulis"), invalid=False) from exc
    try:
        decree, problems = load_decree(target, files_allowed=files_allowed, data=saved)  # as written
        if decree is None:
            raise YearlyError(
                f"Buku kerja hasil memuat {len(problems.errors)} galat dan tidak ditulis.", problems
            )
        atomic.place(temp, target, overwrite=overwrite)
    except (atomic.TargetExists, atomic.TargetIsFolder, WorkbookError) as exc:
        raise YearlyError(str(exc), invalid=False) from exc
    except OSError as exc:
        raise YearlyError(describe_os_error(exc, target, "menulis"), invalid=False) from exc
    finally:
        temp.unlink(missing_ok=True)


def _file_mode(target: Path) -> int:
    """Permissions of the file being replaced, else the usual ones for a new file."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
