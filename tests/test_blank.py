"""Tests of the blank workbook writer, the schema's Markdown table and the example workbooks."""

from __future__ import annotations

import datetime as dt
import importlib.util
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import openpyxl
import pytest
from openpyxl.styles import Font
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from generator import blank, schema, schema_doc
from generator.schema import Column, Kind, Layout, Sheet

PROJECT = Path(__file__).resolve().parent.parent
SALE = PROJECT / "inputs" / "sale-2020.xlsx"
TEMPURSARI = PROJECT / "inputs" / "tempursari-2024.xlsx"
EXAMPLES = sorted((PROJECT / "inputs").glob("*.xlsx"))
FORMS = [s for s in schema.SHEETS if s.layout is Layout.FORM]
TABLES = [s for s in schema.SHEETS if s.layout is Layout.TABLE]


# --- helpers -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def empty(tmp_path_factory: pytest.TempPathFactory) -> Workbook:
    path = tmp_path_factory.mktemp("blank") / "kosong.xlsx"
    blank.write_blank(path)
    return openpyxl.load_workbook(path)


def validations_at(worksheet: Worksheet, coordinate: str) -> list[DataValidation]:
    return [dv for dv in worksheet.data_validations.dataValidation if coordinate in dv.sqref]


def dropdown_values(worksheet: Worksheet, coordinate: str) -> list[str] | None:
    lists = [dv for dv in validations_at(worksheet, coordinate) if dv.type == "list"]
    assert len(lists) <= 1, f"{worksheet.title}!{coordinate} has {len(lists)} dropdowns"
    return lists[0].formula1.strip('"').split(",") if lists else None


def prompt_at(worksheet: Worksheet, coordinate: str) -> str:
    prompts = [dv.prompt for dv in validations_at(worksheet, coordinate) if dv.showInputMessage]
    assert len(prompts) == 1, f"{worksheet.title}!{coordinate} has {len(prompts)} input messages"
    return prompts[0]


def color(font: Font) -> str | None:
    return font.color.rgb if font.color is not None else None


def form_row(sheet: Sheet, column: Column) -> int:
    return schema.FORM_FIRST_ROW + sheet.columns.index(column)


def header_cells(sheet: Sheet) -> Iterator[tuple[Column, str]]:
    """Each column with the cell that names it: row 1 of a table, column A of a form."""
    for index, column in enumerate(sheet.columns):
        if sheet.layout is Layout.FORM:
            yield column, f"A{form_row(sheet, column)}"
        else:
            yield column, f"{openpyxl.utils.get_column_letter(index + 1)}1"


def data_cells(sheet: Sheet, column: Column) -> list[str]:
    if sheet.layout is Layout.FORM:
        return [f"B{form_row(sheet, column)}"]
    letter = openpyxl.utils.get_column_letter(sheet.columns.index(column) + 1)
    return [f"{letter}{schema.TABLE_FIRST_ROW}", f"{letter}{blank.LAST_VALIDATED_ROW}"]


def form_values(worksheet: Worksheet) -> dict[str, object]:
    return {row[0].value: row[1].value for row in worksheet.iter_rows(min_row=schema.FORM_FIRST_ROW)}


def table_records(worksheet: Worksheet) -> list[dict[str, object]]:
    headers = [cell.value for cell in worksheet[1]]
    records = []
    for row in worksheet.iter_rows(min_row=schema.TABLE_FIRST_ROW, values_only=True):
        if any(value not in (None, "") for value in row):
            records.append(dict(zip(headers, row, strict=True)))
    return records


def petunjuk_text(workbook: Workbook) -> str:
    worksheet = workbook[schema.INSTRUCTIONS_SHEET]
    return "\n".join(str(row[0]) for row in worksheet.iter_rows(values_only=True) if row[0])


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_examples", PROJECT / "scripts" / "make_examples.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- blank workbook: structure -------------------------------------------------------------------


def test_petunjuk_first_then_every_schema_sheet_in_order(empty: Workbook) -> None:
    assert empty.sheetnames == [schema.INSTRUCTIONS_SHEET, *(s.name for s in schema.SHEETS)]


@pytest.mark.parametrize("sheet", TABLES, ids=lambda s: s.name)
def test_table_headers_are_exactly_the_schema_headers(empty: Workbook, sheet: Sheet) -> None:
    worksheet = empty[sheet.name]
    assert [cell.value for cell in worksheet[1]] == [c.header for c in sheet.columns]
    assert worksheet.max_row == 1  # nothing but the header in a blank workbook


@pytest.mark.parametrize("sheet", FORMS, ids=lambda s: s.name)
def test_form_has_label_value_help_per_field(empty: Workbook, sheet: Sheet) -> None:
    worksheet = empty[sheet.name]
    assert tuple(cell.value for cell in worksheet[1]) == schema.FORM_HEADERS
    rows = list(worksheet.iter_rows(min_row=schema.FORM_FIRST_ROW, values_only=True))
    assert [row[0] for row in rows] == [c.header for c in sheet.columns]
    assert [row[1] for row in rows] == [None] * len(sheet.columns)
    assert [row[2] or "" for row in rows] == [c.help for c in sheet.columns]


@pytest.mark.parametrize("sheet", schema.SHEETS, ids=lambda s: s.name)
def test_header_is_frozen(empty: Workbook, sheet: Sheet) -> None:
    expected = "B2" if sheet.layout is Layout.FORM else "A2"
    assert empty[sheet.name].freeze_panes == expected


@pytest.mark.parametrize("sheet", TABLES, ids=lambda s: s.name)
def test_table_column_widths_come_from_schema(empty: Workbook, sheet: Sheet) -> None:
    worksheet = empty[sheet.name]
    for index, column in enumerate(sheet.columns, start=1):
        letter = openpyxl.utils.get_column_letter(index)
        assert worksheet.column_dimensions[letter].width == column.width


@pytest.mark.parametrize("sheet", schema.SHEETS, ids=lambda s: s.name)
def test_headers_styled_and_required_marked_without_changing_text(empty: Workbook, sheet: Sheet) -> None:
    worksheet = empty[sheet.name]
    for column, coordinate in header_cells(sheet):
        cell = worksheet[coordinate]
        assert cell.value == column.header  # no "*" or other marks in the contract text
        assert cell.font.bold and cell.alignment.wrap_text and cell.border.bottom.style == "thin"
        font, fill = blank.header_style(column)
        assert cell.fill.fgColor.rgb == fill.fgColor.rgb
        assert color(cell.font) == color(font)
        if column.required:
            assert cell.fill.fgColor.rgb.endswith("FCE4D6") and cell.font.color.rgb.endswith("C00000")
        else:
            assert not cell.fill.fgColor.rgb.endswith("FCE4D6")


# --- blank workbook: data validation -------------------------------------------------------------


@pytest.mark.parametrize("sheet", schema.SHEETS, ids=lambda s: s.name)
def test_dropdown_on_every_choice_and_bool_column_only(empty: Workbook, sheet: Sheet) -> None:
    worksheet = empty[sheet.name]
    for column in sheet.columns:
        expected = list(column.allowed()) or None
        if column.kind in (Kind.CHOICE, Kind.BOOL):
            assert expected
        for coordinate in data_cells(sheet, column):
            assert dropdown_values(worksheet, coordinate) == expected, (column.header, coordinate)


@pytest.mark.parametrize("sheet", schema.SHEETS, ids=lambda s: s.name)
def test_input_message_on_every_header(empty: Workbook, sheet: Sheet) -> None:
    worksheet = empty[sheet.name]
    for column, coordinate in header_cells(sheet):
        assert prompt_at(worksheet, coordinate) == blank._shorten(column.help, blank.PROMPT_LIMIT)
        if sheet.layout is Layout.FORM:
            assert prompt_at(worksheet, f"B{form_row(sheet, column)}") == prompt_at(worksheet, coordinate)
    if sheet.layout is Layout.FORM:
        for index, header in enumerate(schema.FORM_HEADERS, start=1):
            coordinate = f"{openpyxl.utils.get_column_letter(index)}1"
            assert prompt_at(worksheet, coordinate) == blank.FORM_HEADER_HELP[header]


def test_messages_fit_excel_limits_and_cells_have_one_validation(empty: Workbook) -> None:
    for sheet in schema.SHEETS:
        worksheet = empty[sheet.name]
        seen: set[str] = set()
        for dv in worksheet.data_validations.dataValidation:
            assert len(dv.prompt or "") <= 255 and len(dv.promptTitle or "") <= 32
            assert len(dv.error or "") <= 255 and len(dv.errorTitle or "") <= 32
            cells = {cell for rng in dv.sqref.ranges for cell in rng.cells}
            assert not cells & seen, f"{sheet.name}: overlapping validations"
            seen |= cells


def test_long_help_is_shortened_for_excel() -> None:
    assert len(blank._shorten("x" * 300, blank.PROMPT_LIMIT)) == blank.PROMPT_LIMIT
    assert blank._shorten("pendek", blank.PROMPT_LIMIT) == "pendek"


def test_list_formula_rejects_what_excel_cannot_hold() -> None:
    assert blank.list_formula(("Ya", "Tidak")) == '"Ya,Tidak"'
    with pytest.raises(ValueError):
        blank.list_formula(("a,b",))
    with pytest.raises(ValueError):
        blank.list_formula(tuple(f"pilihan {i}" for i in range(40)))


# --- blank workbook: Petunjuk and pre-filled rows ------------------------------------------------


def test_petunjuk_explains_sheets_kinds_codes_and_commands(empty: Workbook) -> None:
    text = petunjuk_text(empty)
    for sheet in schema.SHEETS:
        assert f"{sheet.name} (" in text and sheet.help in text
    for kind in Kind:
        assert f"{kind.value}: " in text
    for phrase in ("Induk", "Unit", "Kode Proses", "keputusan periksa", "keputusan buat", "WAJIB"):
        assert phrase in text
    assert "Sumber data" not in text


def test_source_note_is_added_to_petunjuk(tmp_path: Path) -> None:
    path = tmp_path / "catatan.xlsx"
    blank.write_blank(path, source_note="Data dari dokumen X; tahun tidak disebut.")
    text = petunjuk_text(openpyxl.load_workbook(path))
    assert "Sumber data\nData dari dokumen X; tahun tidak disebut." in text


def test_rows_fill_form_and_table_with_typed_values(tmp_path: Path) -> None:
    path = tmp_path / "isi.xlsx"
    rows = {
        "decree": [{"year": 2020, "date": dt.date(2020, 5, 29), "cover": False, "paper": "A4"}],
        "signer": [{"nip": 196611241992031005, "name": "=Drs. SUBHAN"}],
        "units": [
            {"code": "U1", "name": "Camat"},
            {"code": "U2", "name": "Sekretariat", "parent": "U1", "functional": True},
        ],
    }
    blank.write_blank(path, rows)
    workbook = openpyxl.load_workbook(path)
    decree = workbook["Keputusan"]
    date_cell = decree[f"B{form_row(schema.KEPUTUSAN, schema.KEPUTUSAN.column('date'))}"]
    assert date_cell.value == dt.datetime(2020, 5, 29) and date_cell.number_format == blank.DATE_FORMAT
    assert form_values(decree)["Tahun"] == 2020
    assert form_values(decree)["Halaman Sampul"] == "Tidak"
    assert form_values(decree)["Ukuran Kertas"] == "A4"
    signer = workbook["Penandatangan"]
    nip = signer[f"B{form_row(schema.PENANDATANGAN, schema.PENANDATANGAN.column('nip'))}"]
    assert nip.value == "196611241992031005" and nip.number_format == "@"
    assert form_values(signer)["Nama"] == "=Drs. SUBHAN"  # text, not a formula
    units = table_records(workbook["Unit"])
    assert [(u["Kode"], u["Induk"], u["Jabatan Fungsional"]) for u in units] == [
        ("U1", None, None),
        ("U2", "U1", "Ya"),
    ]


@pytest.mark.parametrize(
    "rows",
    [
        {"kantor": [{}]},
        {"units": [{"kode": "U1"}]},
        {"decree": [{"year": 2020}, {"year": 2021}]},
    ],
    ids=["unknown sheet", "unknown column", "two form records"],
)
def test_wrong_rows_are_rejected(tmp_path: Path, rows: dict[str, list[dict[str, object]]]) -> None:
    with pytest.raises(ValueError):
        blank.write_blank(tmp_path / "salah.xlsx", rows)


# --- schema_doc ----------------------------------------------------------------------------------


def test_markdown_mentions_every_sheet_and_column() -> None:
    text = schema_doc.markdown_table()
    for sheet in schema.SHEETS:
        assert f"### {sheet.name}\n\n{sheet.help}\n" in text
        for column in sheet.columns:
            need = "Ya" if column.required else ("Dianjurkan" if column.recommended else "")
            row = f"| {column.header} | {column.kind.value} | {need} | {', '.join(column.allowed())} |"
            assert row in text, row
    assert text.count("| Kolom | Jenis | Wajib | Pilihan | Keterangan |") == len(schema.SHEETS)


def test_markdown_keeps_pipes_and_newlines_inside_cells(monkeypatch: pytest.MonkeyPatch) -> None:
    odd = Sheet("odd", "Aneh", Layout.TABLE, (Column("a", "A|B", help="baris satu\nbaris | dua"),), "x")
    monkeypatch.setattr(schema, "SHEETS", (odd,))
    row = next(line for line in schema_doc.markdown_table().splitlines() if line.startswith("| A"))
    assert row == "| A\\|B | teks |  |  | baris satu baris \\| dua |"


# --- example workbooks ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sale() -> Workbook:
    return openpyxl.load_workbook(SALE)


@pytest.fixture(scope="module")
def tempursari() -> Workbook:
    return openpyxl.load_workbook(TEMPURSARI)


def test_sale_office_decree_and_signer(sale: Workbook) -> None:
    office = form_values(sale["Kantor"])
    assert office["Pemerintah Daerah"] == "PEMERINTAH KABUPATEN REMBANG"
    assert (office["Nama Kecamatan"], office["Kabupaten/Kota"]) == ("Sale", "Kabupaten Rembang")
    assert office["Alamat"].startswith("Jl. Blora No.45 Km. 1")
    assert office["Telepon"] == "Telp ( 0295) 005 391 405"
    assert office["Tempat pada Kop"] == "Sale- Rembang"
    decree = form_values(sale["Keputusan"])
    assert decree["Tahun"] == 2020 and decree["Tanggal Penetapan"] == dt.datetime(2020, 5, 29)
    assert decree["Nomor"].replace("\u00a0", " ") == "890 /        /2020"
    assert decree["Tentang"] == "PETA PROSES BISNIS KECAMATAN SALE KABUPATEN REMBANG"
    assert decree["Baris Jabatan"] == "CAMAT SALE KABUPATEN REMBANG,"
    assert (decree["Ukuran Kertas"], decree["Halaman Sampul"]) == ("F4", "Ya")
    signer = form_values(sale["Penandatangan"])
    assert signer["Nama"] == "Drs. SUBHAN" and signer["Pangkat"] == "Pembina Tk.I"
    assert signer["Golongan"] == "IV/b" and signer["NIP"].replace(" ", "") == "196611241992031005"


def test_sale_decree_body(sale: Workbook) -> None:
    menimbang = [r["Isi"] for r in table_records(sale["Menimbang"])]
    assert len(menimbang) == 3 and menimbang[1].startswith("Bahwa Peta Proses Bisnis")
    mengingat = [r["Isi"] for r in table_records(sale["Mengingat"])]
    assert len(mengingat) == 12
    assert mengingat[0].startswith("Undang-Undang Nomor 13 Tahun 1950")
    assert mengingat[11].startswith("Keputusan Bupati Rembang Nomor 060/1326/2020")
    diktum = [(r["Diktum"], r["Butir"]) for r in table_records(sale["Diktum"])]
    assert diktum == [(1, None), (2, None), (2, "a"), (2, "b"), (3, None)]
    assert table_records(sale["Tembusan"]) == []
    assert len(table_records(sale["Regulasi"])) == 3


def test_sale_lampiran_keeps_the_seed_spelling(sale: Workbook) -> None:
    lampiran = form_values(sale["Lampiran"])
    assert lampiran["Judul Lampiran"] == "PETA PROSES BISNIS KECAMATAN KABUPATEN REMBANG"
    assert lampiran["Judul Keterkaitan"] == (
        "KETERIKATAN RPJMD KAB.REMBANG TAHUN 2016-2021 DENGAN RENSTRA KECAMATAN SALE TAHUN 2016 - 2021"
    )
    assert lampiran["Judul Kolom RPJMD"] == "RPJMD TAHUN 2016-2017"
    assert lampiran["Judul Cascading Kinerja"] == "Cassanding Kinerja Kecamatan Sale"
    assert (lampiran["Narasi Peta Proses"], lampiran["Tabel Instrumen"]) == ("Tidak", "Ya")
    sections = [r["Bagian"] for r in table_records(sale["Uraian"])]
    assert sections.count("Dasar Susunan Organisasi") == 2 and "Sejarah Pembentukan" in sections


def test_sale_units_and_tupoksi(sale: Workbook) -> None:
    units = table_records(sale["Unit"])
    assert len(units) == 13
    (camat,) = [u for u in units if not u["Induk"]]
    assert camat["Nama Unit"] == "Camat"
    assert len([u for u in units if u["Induk"] == camat["Kode"]]) == 7
    assert "Seksi Pemerintahan, Kentraman dan Ketertiban" in [u["Nama Unit"] for u in units]
    assert [u["Nama Unit"] for u in units if u["Jabatan Fungsional"] == "Ya"] == [
        "Kelompok Jabatan Fungsional"
    ]
    tupoksi = table_records(sale["Tupoksi"])
    assert [r["Jenis"] for r in tupoksi].count("Tugas Pokok") == 8
    assert [r["Jenis"] for r in tupoksi].count("Fungsi") == 18
    with_duties = {r["Unit"] for r in tupoksi}
    assert all(u["Jabatan Pimpinan"] for u in units if u["Kode"] in with_duties)


def test_sale_instrument_table_and_cascade(sale: Workbook) -> None:
    processes = table_records(sale["Proses"])
    assert [p["Kode Sub Proses"] for p in processes] == ["L. 1", "L. 3", "L. 3", "L. 4"]
    assert [p["Kategori"] for p in processes] == ["Utama", "Pendukung", "Pendukung", "Manajemen"]
    assert len({p["Kode"] for p in processes}) == 4
    kinerja = table_records(sale["Kinerja"])
    assert [(k["Dokumen"], k["Tingkat"]) for k in kinerja] == [
        ("RPJMD", "Tujuan"),
        ("RPJMD", "Sasaran"),
        ("Renstra", "Tujuan"),
        ("Renstra", "Program"),
        ("Renstra", "Kegiatan"),
    ]
    assert [k["Induk"] for k in kinerja] == [None, *(k["Kode"] for k in kinerja[:-1])]
    assert kinerja[2]["Indikator"] == "Indek Kepuasan Masyarakat ( IKM )"


def test_tempursari_decree_leaves_unknown_facts_empty(tempursari: Workbook) -> None:
    decree = form_values(tempursari["Keputusan"])
    assert decree["Tahun"] == 2024 and decree["Nomor"] is None and decree["Tanggal Penetapan"] is None
    assert decree["Halaman Sampul"] == "Tidak"
    signer = form_values(tempursari["Penandatangan"])
    assert signer["Jabatan"] == "CAMAT TEMPURSARI" and signer["Nama"] is None
    assert len(table_records(tempursari["Mengingat"])) == 5
    note = petunjuk_text(tempursari).split("Sumber data\n", 1)[1]
    assert "2024" in note and "Sale" in note


def test_tempursari_processes(tempursari: Workbook) -> None:
    processes = table_records(tempursari["Proses"])
    codes = [p["Kode"] for p in processes]
    assert len(processes) == 20 and len(set(codes)) == 20
    assert len([p for p in processes if not p["Induk"]]) == 15
    assert [p["Kode"] for p in processes if p["Induk"] == "P.1"] == ["P.1.1", "P.1.2", "P.1.3"]
    assert [p["Kode"] for p in processes if p["Induk"] == "P.1.1"] == ["P.1.1.1", "P.1.1.2"]
    assert all(p["Induk"] in codes for p in processes if p["Induk"])
    by_code = {p["Kode"]: p for p in processes}
    assert by_code["U.1"]["Keluaran"] == "Indeks Kepuasan Masyarakat"
    assert by_code["L.4"]["Nama Proses"] == "Proses Narasumber Pembinaan dan Sosialisasi"
    assert by_code["P.1"]["Uraian"].startswith("Proses Umum dan Kepegawaian merupakan Proses")


def test_tempursari_relations(tempursari: Workbook) -> None:
    processes = {p["Kode"]: p for p in table_records(tempursari["Proses"])}
    relations = table_records(tempursari["Relasi"])
    assert all(r["Kode Proses"] in processes for r in relations)
    lainnya = [r for r in relations if processes[r["Kode Proses"]]["Kategori"] == "Lainnya"]
    assert len(lainnya) == 24 and {r["Jenis Pihak"] for r in lainnya} == {"Eksternal"}
    internal = [(r["Kode Proses"], r["Pihak"]) for r in relations if r["Jenis Pihak"] == "Internal"]
    assert ("P.3", "Subbag Keuangan") in internal and len(internal) == 6
    assert [r["Pihak"] for r in relations if r["Kode Proses"] == "L.4"] == ["Narasumber Lingkup Kota"]
    units = {u["Nama Unit"] for u in table_records(tempursari["Unit"])}
    assert {party for _, party in internal} <= units


def test_every_example_in_inputs_is_built_by_the_script(tmp_path: Path) -> None:
    assert sorted(p.name for p in load_script().build(tmp_path)) == [p.name for p in EXAMPLES]
    assert len(EXAMPLES) >= 5


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_examples_are_up_to_date_with_the_script(path: Path, tmp_path: Path) -> None:
    fresh = {p.name: p for p in load_script().build(tmp_path)}
    committed, built = openpyxl.load_workbook(path), openpyxl.load_workbook(fresh[path.name])
    assert committed.sheetnames == built.sheetnames
    for name in committed.sheetnames:
        values = list(committed[name].iter_rows(values_only=True))
        assert values == list(built[name].iter_rows(values_only=True)), name


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_examples_pass_the_validator(path: Path) -> None:
    from generator.pipeline import load_decree

    decree, problems = load_decree(path)
    assert decree is not None, [str(p) for p in problems.errors]
    assert not problems.errors
