"""Convert each cell to its column's type (schema.py), reporting every problem with sheet and cell."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from babel.numbers import format_decimal
from openpyxl.utils.datetime import from_excel
from openpyxl.utils.escape import unescape

from . import formatting as fmt
from . import limits
from .picture import SUFFIXES, PictureError, check_picture, read_confined
from .reader import Cell, RawWorkbook, closest
from .schema import SHEET_BY_KEY, Column, Kind, Layout

YEAR_RANGE = (limits.YEAR_FIRST.value, limits.YEAR_LAST.value)
TRUE_WORDS = {"ya", "y", "yes", "benar", "true", "1", "v", "✓"}
FALSE_WORDS = {"tidak", "t", "no", "n", "bukan", "salah", "false", "0", "-"}


@dataclass(frozen=True)
class Value:
    """A converted cell value with the cell it came from, for later cross-sheet messages."""

    value: object
    cell: Cell | None


Record = dict[str, Value]


class CellChecker:
    """Converts and checks one workbook, collecting every problem instead of stopping at the first."""

    def __init__(self, raw: RawWorkbook, *, files_allowed: bool = True) -> None:
        self.raw = raw
        self.problems = raw.problems
        self.base_dir = raw.path.parent
        self.files_allowed = files_allowed

    # --- per cell -------------------------------------------------------------------------------

    def title(self, key: str) -> str:
        sheet = self.raw.sheets.get(key)
        return sheet.title if sheet else SHEET_BY_KEY[key].name

    def records(self, key: str) -> list[Record]:
        raw_sheet = self.raw.sheets.get(key)
        if raw_sheet is None:
            return []
        sheet = raw_sheet.sheet
        records = [
            {c.key: self.convert(key, c, row.cells.get(c.key)) for c in sheet.columns}
            for row in raw_sheet.rows
        ]
        if sheet.layout is Layout.TABLE and len(records) < sheet.min_rows:
            self.problems.error(
                f"Lembar {raw_sheet.title} kosong; isi sedikitnya {sheet.min_rows} baris.",
                sheet=raw_sheet.title,
            )
        return records

    def form(self, key: str) -> Record:
        records = self.records(key)
        if records:
            return records[0]
        return {c.key: Value(c.default, None) for c in SHEET_BY_KEY[key].columns}

    def convert(self, key: str, column: Column, cell: Cell | None) -> Value:
        sheet = self.title(key)
        if cell is None:
            return Value(column.default, None)
        if cell.uncached_formula:
            self.problems.error(
                f'Sel "{column.header}" berisi rumus yang belum pernah dihitung; buka buku kerja di '
                "Excel, simpan ulang, atau ganti rumus dengan nilainya.",
                sheet=sheet,
                cell=cell.ref,
            )
            return Value(column.default, cell)
        value = cell.value
        if isinstance(value, str) and len(value) > limits.CELL_CHARS.value:
            self.problems.error(
                f'Sel "{column.header}" berisi {format_decimal(len(value), locale="id")} karakter, lebih '
                f"dari batas {limits.CELL_CHARS.text} per sel; pecah isinya menjadi beberapa baris.",
                sheet=sheet,
                cell=cell.ref,
            )
            return Value(column.default, cell)
        if isinstance(value, str):
            if "_x" in value:
                value = unescape(value)  # Excel stores control characters as _xHHHH_
            bad = fmt.invalid_xml_chars(value)
            if bad:
                self.problems.error(
                    f'Sel "{column.header}" berisi karakter yang tidak dapat disimpan Word '
                    f"({', '.join(bad)}); hapus karakter tersebut.",
                    sheet=sheet,
                    cell=cell.ref,
                )
                return Value(column.default, cell)
            value = self._text(value, column, sheet, cell)
            if value == "":
                value = None
        if value is None:
            if column.required:
                self.problems.error(f'"{column.header}" wajib diisi.', sheet=sheet, cell=cell.ref)
            elif column.recommended:
                self.problems.warning(
                    f'"{column.header}" belum diisi; dokumen mencetak tempat kosong untuk diisi kemudian.',
                    sheet=sheet,
                    cell=cell.ref,
                )
            return Value(column.default, cell)
        converter = CONVERTERS[column.kind]
        converted, expected = converter(self, value, column)
        if expected:
            self.problems.error(
                f'"{column.header}" tidak sah: {expected}', sheet=sheet, cell=cell.ref, value=value
            )
            return Value(column.default, cell)
        return Value(converted, cell)

    def _text(self, value: str, column: Column, sheet: str, cell: Cell) -> str:
        """Cell text tidied: line breaks kept where the column keeps lines, else folded with a warning."""
        if column.lines:
            return fmt.clean_lines(value)
        if len(value.strip().splitlines()) > 1:
            self.problems.warning(
                f'Ganti baris (Alt+Enter) di sel "{column.header}" dicetak sebagai spasi: isian ini '
                "dicetak sebagai satu baris.",
                sheet=sheet,
                cell=cell.ref,
            )
        return _verbatim(value) if column.verbatim else fmt.clean_text(value)

    def to_text(self, value: object, column: Column) -> tuple[object, str]:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, dt.datetime):
            return fmt.format_date(value.date()), ""
        return str(value), ""

    def to_integer(self, value: object, column: Column) -> tuple[object, str]:
        number = _as_int(value)
        low, high = column.bounds or (0, limits.ORDER.value)
        if number is None:
            return None, "diharapkan bilangan bulat, misalnya 1, 2, 3."
        if not low <= number <= high:
            return None, f"diharapkan bilangan bulat {low} sampai {format_decimal(high, locale='id')}."
        return number, ""

    def to_year(self, value: object, column: Column) -> tuple[object, str]:
        number = _as_int(value)
        if number is None:
            return None, "diharapkan tahun empat angka, misalnya 2020."
        low, high = YEAR_RANGE
        if not low <= number <= high:
            return None, f"tahun di luar rentang {low}-{high}."
        return number, ""

    def to_date(self, value: object, column: Column) -> tuple[object, str]:
        expected = (
            'diharapkan tanggal Excel, teks seperti "29 Mei 2020", atau bulan dan tahun saja '
            '("Februari 2021") bila harinya diisi saat penandatanganan.'
        )
        if isinstance(value, dt.datetime):
            found: dt.date | None = value.date()
        elif isinstance(value, dt.date):
            found = value
        elif isinstance(value, int | float) and 1 <= value < 100000:
            found = from_excel(value).date()
        else:
            found = fmt.parse_date_text(str(value)) or fmt.parse_month_year(str(value))
        if found is None:
            return None, expected
        low, high = YEAR_RANGE
        if not low <= found.year <= high:
            return None, f"tahun tanggal di luar rentang {low}-{high}."
        return found, ""

    def to_nip(self, value: object, column: Column) -> tuple[object, str]:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        nip = fmt.normalize_nip(str(value))
        if not (nip.isdigit() and len(nip) == 18):
            return None, (
                f"NIP harus 18 angka (ditemukan {len(nip)} karakter), misalnya "
                "19661124 199203 1 005; ketik NIP sebagai teks agar Excel tidak membulatkannya."
            )
        parts = fmt.parse_nip(nip)
        if parts is None or parts.birth_date is None:
            return None, "8 angka pertama NIP (tanggal lahir TTTTBBHH) bukan tanggal yang sah."
        if parts.tmt is None:
            return None, "angka ke-9 s.d. 14 NIP (TMT CPNS TTTTBB) bukan bulan yang sah."
        if parts.sex not in ("1", "2"):
            return None, "angka ke-15 NIP (jenis kelamin) harus 1 atau 2."
        return nip, ""

    def to_choice(self, value: object, column: Column) -> tuple[object, str]:
        text = str(value).strip()
        key = text.casefold()
        for choice in column.choices:
            if choice.casefold() == key:
                return choice, ""
        if key in column.synonyms:
            return column.synonyms[key], ""
        suggestion = closest(text, list(column.choices) + list(column.synonyms))
        hint = ""
        if suggestion:
            hint = f' Mungkin maksudnya "{column.synonyms.get(suggestion, suggestion)}"?'
        return None, f"diharapkan salah satu dari: {', '.join(column.choices)}.{hint}"

    def to_bool(self, value: object, column: Column) -> tuple[object, str]:
        if isinstance(value, bool):
            return value, ""
        key = str(value).strip().casefold()
        if key in TRUE_WORDS:
            return True, ""
        if key in FALSE_WORDS:
            return False, ""
        return None, "diharapkan Ya atau Tidak."

    def to_path(self, value: object, column: Column) -> tuple[object, str]:
        """A picture file beside the workbook, read once (bounded) and checked as a real PNG/JPEG."""
        if not self.files_allowed:
            return None, (
                "buku kerja yang diunggah tidak boleh menyebut berkas; tempelkan gambarnya di lembar "
                "ini atau kosongkan sel ini."
            )
        name = str(value)
        if Path(name.replace("\\", "/")).suffix.lower() not in SUFFIXES:
            return None, "diharapkan berkas gambar .png atau .jpg."
        try:
            picture = check_picture(read_confined(self.base_dir, name), f"berkas {name}", name)
        except PictureError as exc:
            return None, f"{exc}."
        return picture, ""


def _verbatim(value: str) -> str:
    """Ends stripped and line breaks joined, inner spaces kept as typed."""
    return " ".join(line.strip() for line in value.splitlines()).strip() if "\n" in value else value.strip()


def _as_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = str(value).strip().rstrip(".")
    return int(text) if text.isdigit() else None


CONVERTERS: dict[Kind, Callable[[CellChecker, object, Column], tuple[object, str]]] = {
    Kind.TEXT: CellChecker.to_text,
    Kind.INTEGER: CellChecker.to_integer,
    Kind.YEAR: CellChecker.to_year,
    Kind.DATE: CellChecker.to_date,
    Kind.NIP: CellChecker.to_nip,
    Kind.CHOICE: CellChecker.to_choice,
    Kind.BOOL: CellChecker.to_bool,
    Kind.PATH: CellChecker.to_path,
}


def value_of(record: Record, key: str) -> object:
    return record[key].value


def ref_of(record: Record, key: str) -> str:
    cell = record[key].cell
    return cell.ref if cell else ""


def texts(records: Iterable[Record]) -> tuple[str, ...]:
    return tuple(str(value_of(r, "text")) for r in records if value_of(r, "text"))
