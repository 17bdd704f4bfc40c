"""The reader: files that are not workbooks get one sentence; sheets and columns are found by name."""

from __future__ import annotations

import zipfile

import openpyxl
import pytest

from generator.pipeline import load_decree
from generator.problems import WorkbookError
from generator.reader import OLE_MAGIC, read_workbook

BOMB = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!DOCTYPE worksheet [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
"""


def refused(path) -> str:
    with pytest.raises(WorkbookError) as info:
        read_workbook(path)
    message = str(info.value)
    assert "\n" not in message and "Traceback" not in message
    return message


def test_old_xls_file(tmp_path):
    path = tmp_path / "lama.xls"
    path.write_bytes(OLE_MAGIC + b"\0" * 600)
    assert ".xls" in refused(path) and "simpan sebagai" in refused(path)


def test_password_protected_workbook(tmp_path):
    path = tmp_path / "rahasia.xlsx"
    path.write_bytes(OLE_MAGIC + b"\0" * 100 + "EncryptedPackage".encode("utf-16-le") + b"\0" * 100)
    assert "kata sandi" in refused(path)


def test_csv_file(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text("Kode;Nama\nP.1;Proses\n", encoding="utf-8")
    assert "CSV" in refused(path)


def test_corrupt_zip(tmp_path, rows, make_workbook):
    good = make_workbook(rows).read_bytes()
    path = tmp_path / "rusak.xlsx"
    path.write_bytes(good[: len(good) // 2])
    assert "rusak" in refused(path)


def test_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "arsip.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "bukan excel")
    assert "bukan buku kerja" in refused(path)


def test_missing_file(tmp_path):
    assert "tidak ditemukan" in refused(tmp_path / "tidak-ada.xlsx")


def test_xml_bomb_is_refused(tmp_path, rows, make_workbook):
    source = make_workbook(rows)
    path = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "xl/worksheets/sheet3.xml":
                data = BOMB.encode() + data.replace(b"<v>2020</v>", b"<v>&lol3;</v>")
            dst.writestr(item, data)
    message = refused(path)
    assert "XML berbahaya" in message


def test_missing_sheet_suggests_closest_name(rows, make_workbook):
    path = make_workbook(rows)
    book = openpyxl.load_workbook(path)
    book["Mengingat"].title = "Mengingatt"
    book.save(path)
    decree, problems = load_decree(path)
    assert decree is None
    assert [str(p) for p in problems.errors] == [
        'Mengingat: Lembar "Mengingat" tidak ada; lembar ini wajib. Mungkin maksudnya "Mengingatt"?'
    ]


def test_missing_column_suggests_closest_header(rows, make_workbook):
    path = make_workbook(rows)
    book = openpyxl.load_workbook(path)
    book["Proses"]["C1"] = "Kategory"
    book.save(path)
    _, problems = load_decree(path)
    errors = [str(p) for p in problems.errors]
    assert len(errors) == 1
    assert 'Kolom "Kategori" tidak ada' in errors[0] and 'Mungkin maksudnya "Kategory"?' in errors[0]


def test_columns_found_by_header_in_any_order(rows, make_workbook):
    path = make_workbook(rows)
    book = openpyxl.load_workbook(path)
    sheet = book["Proses"]
    sheet.insert_cols(1)
    sheet["A1"] = "Catatan Staf"
    book.save(path)
    decree, problems = load_decree(path)
    assert decree is not None and decree.processes[0].code == "P.1"
    assert any(p.where == "Proses!A1" for p in problems.warnings)


def test_headers_match_despite_case_and_spaces(rows, make_workbook):
    path = make_workbook(rows)
    book = openpyxl.load_workbook(path)
    book["Proses"]["B1"] = "  nama\u00a0 PROSES "
    book.save(path)
    decree, problems = load_decree(path)
    assert problems.errors == [] and decree.processes[0].name == "Proses Umum"


def _sheet_number(name: str) -> int:
    """Part number openpyxl gives a schema sheet: the Petunjuk sheet is 1, then the schema's order."""
    from generator.schema import SHEETS

    return 2 + [s.name for s in SHEETS].index(name)


def test_formula_with_cached_value_is_read(rows, make_workbook, tmp_path):
    """A formula saved by Excel keeps its result; the reader uses it."""
    path = make_workbook(rows)
    staged = tmp_path / "rumus.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(staged, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == f"xl/worksheets/sheet{_sheet_number('Keputusan')}.xml":  # B2: the year
                data = data.replace(
                    b'<c r="B2" s="6" t="n"><v>2020</v></c>', b'<c r="B2" s="6"><f>2019+1</f><v>2020</v></c>'
                )
                assert b"<f>2019+1</f>" in data
            dst.writestr(item, data)
    decree, problems = load_decree(staged)
    assert problems.errors == [] and decree.info.year == 2020
