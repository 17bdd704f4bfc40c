"""Writes the workbook of the contract in schema.py (blank or pre-filled), with a Petunjuk sheet."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from . import schema
from .atomic import write_new
from .schema import Column, Kind, Layout, Sheet

Record = Mapping[str, object]
Rows = Mapping[str, Sequence[Record]]

LAST_VALIDATED_ROW = 500  # dropdowns of table sheets cover rows TABLE_FIRST_ROW..this
PROMPT_LIMIT = 255  # Excel's limit for an input or error message
PROMPT_TITLE_LIMIT = 32  # Excel's limit for an input or error title
LIST_LIMIT = 255  # Excel's limit for an inline list formula
DATE_FORMAT = "dd/mm/yyyy"
TEXT_FORMAT = "@"
INSTRUCTIONS_WIDTH = 120
FORM_LABEL_WIDTH = 32
FORM_HELP_WIDTH = 70

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
REQUIRED_FILL = PatternFill("solid", fgColor="FCE4D6")
RECOMMENDED_FILL = PatternFill("solid", fgColor="FFF2CC")
HEADER_FONT = Font(bold=True)
REQUIRED_FONT = Font(bold=True, color="C00000")
RECOMMENDED_FONT = Font(bold=True, color="7F6000")
TITLE_FONT = Font(bold=True, size=14)
HEADING_FONT = Font(bold=True, size=12)
THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="center")
WRAP = Alignment(wrap_text=True, vertical="top")

FORM_HEADER_HELP = dict(
    zip(
        schema.FORM_HEADERS,
        (
            "Nama isian. Jangan diubah: program membaca isian menurut barisnya.",
            "Tulis nilai isian di kolom ini, pada baris isian yang bersangkutan.",
            "Penjelasan dan contoh pengisian. Tidak dibaca program.",
        ),
        strict=True,
    )
)

KIND_HELP = {
    Kind.TEXT: "teks bebas; dicetak persis seperti ditulis, termasuk ejaan, huruf besar dan tanda baca.",
    Kind.INTEGER: "bilangan bulat, misalnya 1, 2, 3.",
    Kind.YEAR: "tahun empat angka, misalnya 2020.",
    Kind.DATE: 'tanggal Excel (ketik misalnya 29/05/2020) atau teks seperti "29 Mei 2020".',
    Kind.NIP: "Nomor Induk Pegawai, 18 angka, boleh dengan spasi; sel sudah berformat teks agar "
    "Excel tidak membulatkan angkanya.",
    Kind.CHOICE: "pilih dari daftar tarik-turun pada sel. Excel memperingatkan bila diketik nilai lain; "
    "saat diperiksa hanya pilihan itu dan sinonim yang dikenal (misalnya Inti = Utama, Manajemen = "
    "Manajerial) yang diterima.",
    Kind.BOOL: "pilih Ya atau Tidak dari daftar tarik-turun; kosong berarti nilai bawaan.",
    Kind.PATH: "nama berkas gambar PNG/JPG yang terletak di folder buku kerja (misalnya logo.png); "
    "atau kosongkan sel dan tempelkan gambarnya langsung di lembar ini.",
}


def write_blank(
    path: Path, rows: Rows | None = None, *, source_note: str = "", overwrite: bool = True
) -> None:
    """Write the contract's workbook to ``path``; ``rows`` (sheet key -> records) pre-fills it.

    Written atomically; without ``overwrite`` an existing file is left alone (atomic.TargetExists).
    """
    data = rows or {}
    _check_rows(data)
    workbook = Workbook()
    _write_instructions(workbook.active, source_note)
    for sheet in schema.SHEETS:
        worksheet = workbook.create_sheet(sheet.name)
        records = data.get(sheet.key, ())
        if sheet.layout is Layout.FORM:
            _write_form(worksheet, sheet, records[0] if records else {})
        else:
            _write_table(worksheet, sheet, records)
    workbook.active = 0
    out = io.BytesIO()
    workbook.save(out)
    write_new(Path(path), out.getvalue(), overwrite=overwrite)


def _check_rows(rows: Rows) -> None:
    """Reject unknown sheets and columns, and form sheets given more than one record."""
    for key, records in rows.items():
        sheet = schema.SHEET_BY_KEY.get(key)
        if sheet is None:
            raise ValueError(f"unknown sheet key {key!r}")
        if sheet.layout is Layout.FORM and len(records) > 1:
            raise ValueError(f"form sheet {key!r} takes one record, got {len(records)}")
        known = {column.key for column in sheet.columns}
        for record in records:
            unknown = sorted(set(record) - known)
            if unknown:
                raise ValueError(f"unknown columns {unknown} for sheet {key!r}")


# --- Petunjuk ------------------------------------------------------------------------------------


def instruction_lines(source_note: str = "") -> list[tuple[str, str]]:
    """The Petunjuk as (style, text) lines; style is "title", "heading" or "body"."""
    lines: list[tuple[str, str]] = [
        ("title", "Petunjuk Pengisian Buku Kerja Keputusan Camat tentang Peta Proses Bisnis"),
        *_how_to_fill(),
        ("heading", "Isi setiap lembar"),
        *(("body", _sheet_line(sheet)) for sheet in schema.SHEETS),
        ("heading", "Jenis isian"),
        *(("body", f"{kind.value}: {KIND_HELP[kind]}") for kind in Kind),
        ("heading", "Kode yang menghubungkan lembar"),
        *(("body", text) for text in _link_lines()),
        ("heading", "Memeriksa dan membuat keputusan"),
        *(("body", text) for text in _command_lines()),
    ]
    if source_note.strip():
        notes = [line.strip() for line in source_note.strip().splitlines() if line.strip()]
        lines += [("heading", "Sumber data"), *(("body", line) for line in notes)]
    return lines


def _how_to_fill() -> list[tuple[str, str]]:
    label, value, help_ = schema.FORM_HEADERS
    return [
        ("heading", "Cara mengisi"),
        (
            "body",
            "Jangan mengubah nama lembar, judul kolom, atau urutan baris isian pada lembar "
            "formulir: program mengenali data dari nama dan letaknya.",
        ),
        (
            "body",
            f"Lembar formulir: tulis nilai pada kolom {value} (kolom B) di baris setiap "
            f"{label} (kolom A); kolom {help_} (kolom C) berisi penjelasan dan contoh.",
        ),
        (
            "body",
            "Lembar tabel: judul kolom di baris 1, satu data per baris mulai baris "
            f"{schema.TABLE_FIRST_ROW}; urutan baris adalah urutan cetak.",
        ),
        (
            "body",
            "Isian dan judul kolom yang WAJIB diisi bertulisan tebal merah dengan latar "
            "jingga muda. Yang DIANJURKAN bertulisan tebal coklat dengan latar kuning muda: boleh "
            "kosong, tetapi dokumen lalu mencetak tempat kosong untuk diisi kemudian. Yang lain "
            "bertulisan tebal hitam dengan latar biru muda dan boleh kosong; bagian yang kosong "
            "tidak dicetak.",
        ),
        ("body", "Klik sebuah judul kolom atau isian untuk membaca keterangannya."),
        ("body", "Teks dicetak persis seperti ditulis: periksa ejaan, huruf besar dan tanda baca."),
    ]


def _sheet_line(sheet: Sheet) -> str:
    needs = "wajib ada" if sheet.required else "tidak wajib"
    if sheet.min_rows:
        needs += f", minimal {sheet.min_rows} baris"
    return f"{sheet.name} ({sheet.layout.value}, {needs}): {sheet.help}"


def _link_lines() -> list[str]:
    unit, process, relation = schema.UNIT, schema.PROSES, schema.RELASI
    tupoksi, kinerja = schema.TUPOKSI, schema.KINERJA
    return [
        f"Setiap baris lembar {unit.name}, {process.name} dan {kinerja.name} diberi "
        f"{unit.column('code').header} yang unik dalam lembarnya (misalnya U1, P.1, K1).",
        f"Kolom {unit.column('parent').header} pada lembar {unit.name}, {process.name} dan "
        f"{kinerja.name} berisi {unit.column('code').header} baris atasannya pada lembar yang "
        "sama; kosong untuk tingkat teratas.",
        f"Kolom {tupoksi.column('unit').header} pada lembar {tupoksi.name} dan kolom "
        f"{process.column('unit').header} pada lembar {process.name} berisi "
        f"{unit.column('code').header} dari lembar {unit.name}.",
        f"Kolom {relation.column('process').header} pada lembar {relation.name} berisi "
        f"{process.column('code').header} dari lembar {process.name}.",
        f"Kolom {schema.INDIKATOR.column('kinerja').header} pada lembar {schema.INDIKATOR.name} berisi "
        f"{kinerja.column('code').header} dari lembar {kinerja.name}.",
        *_step_link_lines(),
        "Kode harus ditulis sama persis di lembar yang merujuknya.",
    ]


def _step_link_lines() -> list[str]:
    process, kinerja, steps, sop = schema.PROSES, schema.KINERJA, schema.LANGKAH, schema.SOP
    return [
        f"Kolom {process.column('kinerja').header} pada lembar {process.name} berisi "
        f"{kinerja.column('code').header} dari lembar {kinerja.name} (kinerja yang didukung proses itu).",
        f"Kolom {steps.column('process').header} pada lembar {steps.name} dan {sop.name} berisi "
        f"{process.column('code').header} proses terendah dari lembar {process.name}; kolom "
        f"{steps.column('pelaksana').header} berisi kode unit dari lembar {schema.UNIT.name} atau pihak "
        f"dari lembar {schema.RELASI.name}; kolom {steps.column('next').header}, "
        f"{steps.column('yes').header} dan {steps.column('no').header} berisi "
        f"{steps.column('number').header} langkah lain dari proses yang sama.",
    ]


def _command_lines() -> list[str]:
    return [
        "keputusan periksa nama-berkas.xlsx : memeriksa buku kerja dan menampilkan semua galat "
        "(harus diperbaiki) dan peringatan (boleh dibiarkan), masing-masing dengan nama lembar "
        "dan selnya.",
        "keputusan buat nama-berkas.xlsx : membuat dokumen Word (.docx) Keputusan Camat beserta "
        "Lampirannya dari buku kerja ini (bawaan: di folder outputs).",
        "keputusan buat nama-berkas.xlsx --sop : membuat juga dokumen SOP setiap proses yang langkahnya "
        "diisi di lembar Langkah.",
        "keputusan audit nama-berkas.xlsx : menilai kelengkapan Peta Proses Bisnis menurut pedoman dan "
        "menunjukkan sel yang masih perlu dilengkapi.",
        "Jalankan keputusan periksa lebih dahulu dan perbaiki semua galat sebelum keputusan buat.",
    ]


def _write_instructions(worksheet: Worksheet, source_note: str) -> None:
    worksheet.title = schema.INSTRUCTIONS_SHEET
    worksheet.column_dimensions["A"].width = INSTRUCTIONS_WIDTH
    fonts = {"title": TITLE_FONT, "heading": HEADING_FONT}
    row = 1
    for style, text in instruction_lines(source_note):
        if style == "heading":
            row += 1  # blank line before each heading
        cell = worksheet.cell(row, 1, text)
        if text.startswith("="):
            cell.data_type = "s"  # a note quoting a document is text, never a formula
        cell.alignment = WRAP
        if style in fonts:
            cell.font = fonts[style]
        row += 1


# --- Form and table sheets -----------------------------------------------------------------------


def _write_form(worksheet: Worksheet, sheet: Sheet, record: Record) -> None:
    for index, header in enumerate(schema.FORM_HEADERS, start=1):
        cell = worksheet.cell(1, index, header)
        _style_header(cell, None)
        _add_prompt(worksheet, cell.coordinate, header, FORM_HEADER_HELP[header])
    for index, column in enumerate(sheet.columns):
        _write_form_field(worksheet, schema.FORM_FIRST_ROW + index, column, record.get(column.key))
    widths = (FORM_LABEL_WIDTH, max(column.width for column in sheet.columns), FORM_HELP_WIDTH)
    for index, width in enumerate(widths, start=1):
        worksheet.column_dimensions[get_column_letter(index)].width = width
    worksheet.freeze_panes = "B2"


def _write_form_field(worksheet: Worksheet, row: int, column: Column, value: object) -> None:
    label = worksheet.cell(row, 1, column.header)
    _style_header(label, column)
    _add_prompt(worksheet, label.coordinate, column.header, column.help)
    cell = worksheet.cell(row, 2)
    _set_value(cell, column, value)
    cell.border = BORDER
    if column.allowed():
        _add_dropdown(worksheet, cell.coordinate, column, with_prompt=True)
    else:
        _add_prompt(worksheet, cell.coordinate, column.header, column.help)
    help_cell = worksheet.cell(row, 3, column.help)
    help_cell.alignment = WRAP


def _write_table(worksheet: Worksheet, sheet: Sheet, records: Sequence[Record]) -> None:
    for index, column in enumerate(sheet.columns, start=1):
        cell = worksheet.cell(1, index, column.header)
        _style_header(cell, column)
        _add_prompt(worksheet, cell.coordinate, column.header, column.help)
        letter = get_column_letter(index)
        worksheet.column_dimensions[letter].width = column.width
        if column.allowed():
            cells = f"{letter}{schema.TABLE_FIRST_ROW}:{letter}{LAST_VALIDATED_ROW}"
            _add_dropdown(worksheet, cells, column, with_prompt=False)
    for offset, record in enumerate(records):
        _write_table_row(worksheet, schema.TABLE_FIRST_ROW + offset, sheet, record)
    worksheet.freeze_panes = "A2"


def _write_table_row(worksheet: Worksheet, row: int, sheet: Sheet, record: Record) -> None:
    for index, column in enumerate(sheet.columns, start=1):
        cell = worksheet.cell(row, index)
        _set_value(cell, column, record.get(column.key))
        cell.alignment = WRAP
        cell.border = BORDER


def _set_value(cell: Cell, column: Column, value: object) -> None:
    """Write ``value`` as the reader expects it: Ya/Tidak, real dates, NIP as text."""
    if column.kind is Kind.NIP:
        cell.number_format = TEXT_FORMAT
    if value is None or value == "":
        if column.kind is Kind.DATE:
            cell.number_format = DATE_FORMAT
        return
    if isinstance(value, bool):
        value = "Ya" if value else "Tidak"
    elif column.kind is Kind.NIP:
        value = str(value)
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # text that merely starts with "=", never a formula
    if isinstance(value, dt.date):
        cell.number_format = DATE_FORMAT


def _style_header(cell: Cell, column: Column | None) -> None:
    """Header look: required and recommended columns stand out (the header text is the contract)."""
    cell.font, cell.fill = header_style(column)
    cell.border = BORDER
    cell.alignment = HEADER_ALIGNMENT


def header_style(column: Column | None) -> tuple[Font, PatternFill]:
    """Font and fill of a header: required, recommended or ordinary (also the form's row 1)."""
    if column is not None and column.required:
        return REQUIRED_FONT, REQUIRED_FILL
    if column is not None and column.recommended:
        return RECOMMENDED_FONT, RECOMMENDED_FILL
    return HEADER_FONT, HEADER_FILL


# --- Data validation -----------------------------------------------------------------------------


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def _add_prompt(worksheet: Worksheet, cells: str, title: str, text: str) -> None:
    """Input message shown when one of ``cells`` is selected."""
    validation = DataValidation(allow_blank=True)
    _set_prompt(validation, title, text)
    validation.add(cells)
    worksheet.add_data_validation(validation)


def _set_prompt(validation: DataValidation, title: str, text: str) -> None:
    validation.showInputMessage = True
    validation.promptTitle = _shorten(title, PROMPT_TITLE_LIMIT)
    validation.prompt = _shorten(text or title, PROMPT_LIMIT)


def _add_dropdown(worksheet: Worksheet, cells: str, column: Column, with_prompt: bool) -> None:
    """Dropdown of the column's allowed values; other values only warn (synonyms stay usable)."""
    validation = DataValidation(
        type="list",
        formula1=list_formula(column.allowed()),
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="warning",
        errorTitle=_shorten("Nilai tidak ada dalam daftar", PROMPT_TITLE_LIMIT),
        error=_shorten(
            f"{column.header}: pilih salah satu dari {', '.join(column.allowed())}.", PROMPT_LIMIT
        ),
    )
    if with_prompt:
        _set_prompt(validation, column.header, column.help)
    validation.add(cells)
    worksheet.add_data_validation(validation)


def list_formula(values: Sequence[str]) -> str:
    """Inline list formula of a dropdown: '"Ya,Tidak"'."""
    if any("," in value or '"' in value for value in values):
        raise ValueError(f"dropdown values cannot contain commas or quotes: {values}")
    formula = '"' + ",".join(values) + '"'
    if len(formula) > LIST_LIMIT:
        raise ValueError(f"dropdown list longer than {LIST_LIMIT} characters: {values}")
    return formula
