"""One test per validation rule, each with a bad workbook built in the test."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from generator.model import Category, PartyKind
from generator.pipeline import load_decree


def problems_of(path):
    decree, problems = load_decree(path)
    return decree, [str(p) for p in problems.errors], [str(p) for p in problems.warnings]


def test_minimal_workbook_is_valid(rows, make_workbook):
    decree, errors, warnings = problems_of(make_workbook(rows))
    assert errors == []
    assert decree is not None
    assert decree.info.date == dt.date(2020, 5, 29)
    assert decree.signer.nip == "196611241992031005"
    assert [d.items for d in decree.diktum] == [(), ("pedoman;",), ()]
    assert decree.relations[0].kind is PartyKind.EKSTERNAL


def test_required_cell_empty(rows, make_workbook):
    rows["decree"][0]["title"] = None
    decree, errors, _ = problems_of(make_workbook(rows))
    assert decree is None
    assert errors == ['Keputusan!B4: "Tentang" wajib diisi.']


def test_value_not_in_allowed_list_names_cell_value_and_choices(rows, make_workbook):
    rows["processes"][2]["category"] = "Intii"
    _, errors, _ = problems_of(make_workbook(rows))
    assert len(errors) == 1
    assert errors[0].startswith("Proses!C4:")
    assert "Manajerial, Utama, Pendukung, Lainnya" in errors[0]
    assert "'Intii'" in errors[0]


@pytest.mark.parametrize(
    ("written", "category"),
    [("Inti", Category.UTAMA), ("manajemen", Category.MANAJERIAL), ("UTAMA", Category.UTAMA)],
)
def test_category_synonyms_accepted(rows, make_workbook, written, category):
    rows["processes"][2]["category"] = written
    decree, errors, _ = problems_of(make_workbook(rows))
    assert errors == []
    assert decree.processes[2].category is category


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("29 Mei 2020", dt.date(2020, 5, 29)),
        ("29/05/2020", dt.date(2020, 5, 29)),
        (dt.datetime(2020, 5, 29), dt.date(2020, 5, 29)),
    ],
)
def test_dates_as_excel_dates_or_indonesian_text(rows, make_workbook, written, expected):
    rows["decree"][0]["date"] = written
    decree, errors, _ = problems_of(make_workbook(rows))
    assert errors == []
    assert decree.info.date == expected


def test_impossible_date_is_an_error(rows, make_workbook):
    rows["decree"][0]["date"] = "31 Februari 2020"
    _, errors, _ = problems_of(make_workbook(rows))
    assert len(errors) == 1 and errors[0].startswith("Keputusan!B8:")
    assert "29 Mei 2020" in errors[0]


@pytest.mark.parametrize("year", [1890, 2200])
def test_year_out_of_range(rows, make_workbook, year):
    rows["decree"][0]["year"] = year
    _, errors, _ = problems_of(make_workbook(rows))
    assert len(errors) == 1 and errors[0].startswith("Keputusan!B2:")
    assert "rentang" in errors[0]


def test_year_typed_as_text_is_accepted(rows, make_workbook):
    rows["decree"][0]["year"] = " 2020 "
    decree, errors, _ = problems_of(make_workbook(rows))
    assert errors == [] and decree.info.year == 2020


@pytest.mark.parametrize(
    ("nip", "expected"),
    [
        ("1966112419920310", "18 angka"),
        ("196613241992031005", "tanggal lahir"),
        ("196611241992131005", "TMT"),
        ("196611241992033005", "jenis kelamin"),
    ],
)
def test_bad_nip(rows, make_workbook, nip, expected):
    rows["signer"][0]["nip"] = nip
    _, errors, _ = problems_of(make_workbook(rows))
    assert len(errors) == 1 and errors[0].startswith("Penandatangan!B6:")
    assert expected in errors[0]


def test_duplicate_code_names_both_cells(rows, make_workbook):
    rows["units"][2]["code"] = "u2"
    _, errors, _ = problems_of(make_workbook(rows))
    assert errors[0].startswith("Unit!A4:")
    assert "Unit!A3" in errors[0]


def test_parent_that_does_not_exist(rows, make_workbook):
    rows["processes"][1]["parent"] = "P.9"
    _, errors, _ = problems_of(make_workbook(rows))
    assert any(e.startswith("Proses!D3:") and "P.9" in e for e in errors)


def test_cycle_in_hierarchy(rows, make_workbook):
    rows["units"][0]["parent"] = "U3"
    _, errors, _ = problems_of(make_workbook(rows))
    assert len(errors) == 1
    assert "berputar" in errors[0]
    assert "U1" in errors[0] and "U2" in errors[0] and "U3" in errors[0]


def test_unknown_unit_and_unknown_process(rows, make_workbook):
    rows["tupoksi"][0]["unit"] = "U9"
    rows["relations"][0]["process"] = "X.1"
    _, errors, _ = problems_of(make_workbook(rows))
    assert any(e.startswith("Tupoksi!A2:") and "U9" in e for e in errors)
    assert any(e.startswith("Relasi!A2:") and "X.1" in e for e in errors)


def test_subprocess_category_must_match_parent(rows, make_workbook):
    rows["processes"][1]["category"] = "Utama"
    _, errors, _ = problems_of(make_workbook(rows))
    assert len(errors) == 1 and errors[0].startswith("Proses!C3:")


def test_code_contradicting_parent_is_a_warning(rows, make_workbook):
    rows["processes"][1]["code"] = "Q.7"
    decree, errors, warnings = problems_of(make_workbook(rows))
    assert errors == [] and decree is not None
    assert any(w.startswith("Proses!A3:") and "P.1" in w for w in warnings)


def test_code_written_without_dots_fits_parent(rows, make_workbook):
    rows["processes"][1]["code"] = "P1.1"
    _, errors, warnings = problems_of(make_workbook(rows))
    assert errors == [] and not any("Proses!A3" in w for w in warnings)


def test_characters_word_cannot_store(rows, make_workbook):
    rows["menimbang"][0]["text"] = "bahwa_x0007_ satu;"  # how Excel stores a BEL character
    _, errors, _ = problems_of(make_workbook(rows))
    assert len(errors) == 1 and errors[0].startswith("Menimbang!A2:")
    assert "U+0007" in errors[0]


def test_whitespace_and_nbsp_normalised(rows, make_workbook):
    rows["menimbang"][0]["text"] = "  bahwa\u00a0\u00a0satu \n lagi;  "
    decree, errors, _ = problems_of(make_workbook(rows))
    assert errors == []
    assert decree.menimbang[0] == "bahwa satu lagi;"


def test_formula_without_cached_value(rows, make_workbook):
    path = make_workbook(rows)
    book = openpyxl.load_workbook(path)
    book["Mengingat"]["A3"] = "=CONCAT(A2)"  # openpyxl saves formulas without a cached result
    book.save(path)
    _, errors, _ = problems_of(path)
    assert len(errors) == 1 and errors[0].startswith("Mengingat!A3:")
    assert "rumus" in errors[0]


def test_pangkat_disagreeing_with_golongan_is_a_warning(rows, make_workbook):
    rows["signer"][0]["pangkat"] = "Penata"
    decree, errors, warnings = problems_of(make_workbook(rows))
    assert errors == [] and decree is not None
    assert any(w.startswith("Penandatangan!B4:") and "Pembina Tingkat I" in w for w in warnings)


def test_pangkat_abbreviation_agrees_with_golongan(rows, make_workbook):
    _, _, warnings = problems_of(make_workbook(rows))
    assert not any("Pangkat" in w for w in warnings)


def test_unknown_golongan(rows, make_workbook):
    rows["signer"][0]["golongan"] = "VI/z"
    _, errors, _ = problems_of(make_workbook(rows))
    assert len(errors) == 1 and errors[0].startswith("Penandatangan!B5:")


def test_diktum_item_without_its_diktum_and_gap(rows, make_workbook):
    rows["diktum"].append({"number": 5, "item": "a", "text": "yatim;"})
    _, errors, _ = problems_of(make_workbook(rows))
    assert any("Diktum 5" in e and e.startswith("Diktum!B6:") for e in errors)


def test_diktum_numbers_must_run_from_one(rows, make_workbook):
    rows["diktum"][3]["number"] = 4
    _, errors, _ = problems_of(make_workbook(rows))
    assert any("nomor 3" in e for e in errors)


def test_missing_signer_name_number_and_date_are_warnings(rows, make_workbook):
    rows["signer"][0]["name"] = None
    rows["decree"][0]["number"] = None
    rows["decree"][0]["date"] = None
    decree, errors, warnings = problems_of(make_workbook(rows))
    assert errors == [] and decree is not None
    assert {w.split(":")[0] for w in warnings} >= {"Penandatangan!B3", "Keputusan!B3", "Keputusan!B8"}
    assert decree.info.date is None and decree.signer.name == ""


def test_logo_file_must_exist(rows, make_workbook):
    rows["office"][0]["logo"] = "tidak-ada.png"
    _, errors, _ = problems_of(make_workbook(rows))
    assert len(errors) == 1 and errors[0].startswith("Kantor!B11:")


def test_every_problem_is_reported_in_one_run(rows, make_workbook):
    rows["decree"][0]["title"] = None
    rows["signer"][0]["nip"] = "123"
    rows["processes"][0]["category"] = "Entah"
    rows["units"][1]["parent"] = "U7"
    _, errors, _ = problems_of(make_workbook(rows))
    cells = {e.split(":")[0] for e in errors}
    assert cells == {"Keputusan!B4", "Penandatangan!B6", "Proses!C2", "Unit!C3"}


def test_empty_required_table_sheet(rows, make_workbook):
    rows["mengingat"] = []
    _, errors, _ = problems_of(make_workbook(rows))
    assert any("Mengingat" in e and "kosong" in e for e in errors)


def test_decree_number_keeps_its_blanks(rows, make_workbook):
    rows["decree"][0]["number"] = " 890 /\u00a0\u00a0\u00a0   /2020 "
    decree, errors, _ = problems_of(make_workbook(rows))
    assert errors == [] and decree.info.number == "890 /\u00a0\u00a0\u00a0   /2020"


def test_category_keeps_the_label_as_written(rows, make_workbook):
    rows["processes"][2]["category"] = "Inti"
    decree, _, _ = problems_of(make_workbook(rows))
    assert decree.processes[2].category is Category.UTAMA
    assert decree.processes[2].category_label == "Inti"


def test_uploads_may_not_name_files(rows, make_workbook, tmp_path):
    """files_allowed=False (web uploads): a Logo naming a file is an error with its cell."""
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    rows["office"][0]["logo"] = "logo.png"
    path = make_workbook(rows)
    decree, problems = load_decree(path, files_allowed=False)
    assert decree is None
    assert [p.where for p in problems.errors] == ["Kantor!B11"]
    assert "tidak boleh menyebut berkas" in problems.errors[0].message
