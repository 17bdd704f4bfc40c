"""Next year's workbook from last year's: new year, empty number and date, everything else kept.

The decree's own texts (every text field of Keputusan, Diktum, Lampiran and SOP: Tentang, Judul Sampul,
the Lampiran's headings, a diktum's "Tahun Anggaran", an SOP's name and number) have "Tahun <old>"
moved to the new year where it is the decree's year, not a regulation's or a period's; a text that
still names the old year is listed for a person to check. An SOP's dates are the SOP's own history
(made, revised, effective) and stay as written: those in the old year are listed, since an SOP revised
for the new year needs a Tanggal Revisi. Every other sheet, pasted pictures included, is copied as it is,
but for formulas on the contract's sheets, which become the values Excel computed (and are listed).
"""

from __future__ import annotations

import io
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from openpyxl.cell.cell import Cell
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from . import atomic, schema
from . import formatting as fmt
from .cells import YEAR_RANGE
from .failures import describe_os_error
from .model import Decree
from .pipeline import load_decree
from .problems import Problems, WorkbookError
from .reader import check_file, normalize_name
from .schema import Kind, Layout, Sheet
from .whole_book import WholeBookRefused, open_whole

FORM_VALUE_COLUMN = 2  # FORM layout of schema.py: label in column A, value in column B
TARGET_SUFFIX = ".xlsx"
DECREE = schema.KEPUTUSAN
YEAR_TEXT_SHEETS: tuple[Sheet, ...] = (schema.KEPUTUSAN, schema.DIKTUM, schema.LAMPIRAN, schema.SOP)
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
    cell: str = ""  # "B4"

    @property
    def where(self) -> str:
        """ "Lampiran!B4 (Judul Lampiran)"."""
        return _where(self.sheet, self.cell, self.field)


@dataclass(frozen=True)
class NewYear:
    """What ``next_year_workbook`` wrote."""

    source: Path
    target: Path
    old_year: int
    new_year: int
    changes: tuple[TextChange, ...]
    to_check: tuple[str, ...] = ()  # "Sheet!B4 (Field)" of texts still naming the old year, left as written
    notes: tuple[str, ...] = ()  # kept values a person should look at for the new year (SOP dates, targets)


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
        computed = _formulas_to_values(book, data, source)
        changes, to_check = _update(book, old, year)
        _save_checked(book, target, overwrite, files_allowed)
    finally:
        book.close()
    notes = kept_for_checking(decree, year) + _computed_note(computed)
    return NewYear(source, target, old, year, changes, to_check, notes)


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


def _open(data: bytes, source: Path, data_only: bool = False) -> Workbook:
    """The whole workbook, styles, dropdowns, Petunjuk and sheets outside the contract included (not
    read-only), from the bytes already validated; refused in one sentence when past the copy limits."""
    try:
        return open_whole(data, source, data_only=data_only)
    except WholeBookRefused as exc:
        raise YearlyError(str(exc)) from exc


def _formulas_to_values(book: Workbook, data: bytes, source: Path) -> tuple[str, ...]:
    """Formulas on the contract's sheets replaced by the value Excel last computed for them.

    openpyxl saves a formula without its computed value, which the reader rightly refuses; the value
    is what the decree printed, so it is kept. Returns "Sheet!B4" of every cell replaced.
    """
    formulas = [
        (worksheet.title, cell.coordinate)
        for sheet in schema.SHEETS
        if (worksheet := _worksheet(book, sheet)) is not None
        # the cells openpyxl read, not ``iter_rows``, which makes every empty cell up to the last
        for _, cell in sorted(worksheet._cells.items())
        if cell.data_type == "f"
    ]
    if not formulas:
        return ()
    computed = _open(data, source, data_only=True)
    try:
        for title, ref in formulas:
            book[title][ref].value = computed[title][ref].value
    finally:
        computed.close()
    return tuple(f"{title}!{ref}" for title, ref in formulas)


def _computed_note(cells: tuple[str, ...]) -> tuple[str, ...]:
    if not cells:
        return ()
    shown = ", ".join(cells[:10]) + (f" dan {len(cells) - 10} sel lain" if len(cells) > 10 else "")
    return (
        f"Rumus di {shown} diganti hasil hitungannya yang terakhir, karena rumus tidak dapat disalin "
        "beserta hasilnya; periksa nilainya.",
    )


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


def _where(sheet: str, cell: str, field: str) -> str:
    return f"{sheet}!{cell} ({field})" if cell else f"{sheet} ({field})"


def _update(book: Workbook, old: int, new: int) -> tuple[tuple[TextChange, ...], tuple[str, ...]]:
    """Set the year, empty number and date, move the decree year in the decree's own texts.

    Returns the texts changed and the texts that still name the old year (for a person to check).
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
        for column, cell in _text_cells(worksheet, sheet):
            if not isinstance(cell.value, str) or cell.value.startswith("="):
                continue  # a formula: its result follows the cells it reads
            replaced = replace_decree_year(cell.value, old, new)
            if replaced != cell.value:
                changes.append(
                    TextChange(worksheet.title, column.header, cell.value, replaced, cell.coordinate)
                )
                cell.value = replaced
            if re.search(rf"(?<!\d){old}(?!\d)", replaced):
                to_check.append(_where(worksheet.title, cell.coordinate, column.header))
    return tuple(changes), tuple(to_check)


def _text_cells(worksheet: Worksheet, sheet: Sheet) -> Iterator[tuple[schema.Column, Cell]]:
    """(column, cell) of every text value of the sheet: a form's fields, a table's data cells."""
    texts = [c for c in sheet.columns if c.kind is Kind.TEXT]
    if sheet.layout is Layout.FORM:
        cells = _field_cells(worksheet, sheet)
        yield from ((c, cells[c.key]) for c in texts if c.key in cells)
        return
    header = next(worksheet.iter_rows(min_row=1, max_row=1), ())
    positions: dict[str, int] = {}
    for index, cell in enumerate(header):
        positions.setdefault(normalize_name(cell.value), index)
    wanted = [
        (c, positions[normalize_name(c.header)]) for c in texts if normalize_name(c.header) in positions
    ]
    for row in worksheet.iter_rows(min_row=schema.TABLE_FIRST_ROW):
        yield from (
            (c, row[index]) for c, index in wanted if index < len(row) and isinstance(row[index], Cell)
        )


def kept_for_checking(decree: Decree, year: int) -> tuple[str, ...]:
    """Sentences about values carried over as they are that the new year may need changed."""
    old, titles = decree.info.year, decree.locations
    sop, indikator = (
        titles.title(schema.SOP.key, schema.SOP.name),
        titles.title(schema.INDIKATOR.key, schema.INDIKATOR.name),
    )
    dates = [c for c in schema.SOP.columns if c.kind is Kind.DATE]
    dated = [
        f"{sop}!{titles.cell(schema.SOP.key, identity.process, c.key)}"
        for identity in decree.sops
        for c in dates
        if (when := getattr(identity, c.key)) is not None and when.year == old
    ]
    notes = []
    if dated:
        notes.append(
            f"Tanggal SOP tahun {old} dibiarkan apa adanya ({', '.join(dated)}): SOP tetap berlaku sampai "
            f"direvisi; bila SOP direvisi untuk tahun {year}, isi Tanggal Revisi dan Tanggal Efektif baru."
        )
    targets = sum(1 for row in decree.rows.get(schema.INDIKATOR.key, ()) if row.get("target"))
    if targets:
        notes.append(
            f"{targets} target di lembar {indikator} dibawa dari tahun {old} apa adanya; sesuaikan dengan "
            f"target tahun {year} bila berbeda."
        )
    return tuple(notes)


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
        # as written; raises WorkbookError only if openpyxl wrote nonsense
        decree, problems = load_decree(target, files_allowed=files_allowed, data=saved)
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
