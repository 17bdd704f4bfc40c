"""Decrees typed by hand in each usual way give the same workbook, sheet by sheet.

The Word files are built in the test (tests/importer/hand_typed.py) with python-docx: labels aligned
with tabs or spaces, borderless tables (kop and signature too), Word's automatic numbering, runs split
mid-word with non-breaking spaces, on F4 or A4 paper.
"""

from __future__ import annotations

import io

import openpyxl
import pytest

from generator import schema
from generator.importer import import_decree
from generator.pipeline import Options, generate, load_decree
from tests.importer.hand_typed import EXPECTED, MENGINGAT, MENIMBANG, STYLES, UNPLACED_WORDS, build


def sheets(workbook: bytes) -> dict[str, object]:
    """What a person sees in the workbook: form sheets as {isian: nilai}, table sheets as rows."""
    book = openpyxl.load_workbook(io.BytesIO(workbook))
    found: dict[str, object] = {}
    for sheet in schema.SHEETS:
        worksheet = book[sheet.name]
        if sheet.layout is schema.Layout.FORM:
            found[sheet.name] = {
                row[0].value: row[1].value for row in worksheet.iter_rows(min_row=schema.FORM_FIRST_ROW)
            }
        else:
            headers = [c.value for c in worksheet[1]]
            found[sheet.name] = [
                dict(zip(headers, (c.value for c in row), strict=False))
                for row in worksheet.iter_rows(min_row=schema.TABLE_FIRST_ROW)
                if any(c.value is not None for c in row)
            ]
    return found


@pytest.fixture(scope="module")
def imported():
    return {style: import_decree(build(style), name=f"kaliori-{style}.docx") for style in STYLES}


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("sheet", sorted(EXPECTED))
def test_each_sheet_holds_what_the_document_says(imported, style, sheet):
    found = sheets(imported[style].workbook)[sheet]
    expected = EXPECTED[sheet]
    if isinstance(expected, dict):
        assert {key: found[key] for key in expected} == expected
    else:
        assert [{key: row.get(key) for key in expected[0]} for row in found] == expected


@pytest.mark.parametrize("style", STYLES)
def test_what_has_no_place_is_listed_with_its_page(imported, style):
    result = imported[style]
    assert [u.words.strip("«»").split()[0] for u in result.unplaced] == list(UNPLACED_WORDS)
    assert result.unplaced[0].page == 1
    petunjuk = [
        c.value for c in openpyxl.load_workbook(io.BytesIO(result.workbook))["Petunjuk"]["A"] if c.value
    ]
    assert any("Memperhatikan" in text and "Tidak ditempatkan" in text for text in petunjuk)


@pytest.mark.parametrize("style", STYLES)
def test_guesses_are_warnings_with_their_cells(imported, style):
    where = {w.where: w.reason for w in imported[style].warnings}
    assert "induk" in where["Unit!C3"] and "Camat" in where["Unit!C3"]  # Sekretariat beside Camat
    assert "Sekretaris Kecamatan" in where["Unit!D3"]  # matched to Sekretariat by likeness
    assert "diduga" in where["Kinerja!C2"]


@pytest.mark.parametrize("paper", ["F4", "A4"])
def test_paper_goes_to_ukuran_kertas(paper):
    result = import_decree(build("tab", paper))
    assert sheets(result.workbook)["Keputusan"]["Ukuran Kertas"] == paper


@pytest.mark.parametrize("style", STYLES)
def test_result_passes_periksa_and_rebuilds_the_clauses(imported, style, tmp_path):
    path = tmp_path / "kaliori.xlsx"
    path.write_bytes(imported[style].workbook)
    decree, problems = load_decree(path)
    assert decree is not None, [str(p) for p in problems.errors]
    again = generate(path, Options(out_dir=tmp_path / "hasil", figures=False))
    assert again.ok, again.error
    assert again.decree.menimbang == MENIMBANG
    assert again.decree.mengingat == MENGINGAT
    assert [(d.number, d.text, d.items) for d in again.decree.diktum] == [
        (1, EXPECTED["Diktum"][0]["Isi"], ()),
        (2, EXPECTED["Diktum"][1]["Isi"], (EXPECTED["Diktum"][2]["Isi"], EXPECTED["Diktum"][3]["Isi"])),
        (3, EXPECTED["Diktum"][4]["Isi"], ()),
    ]
