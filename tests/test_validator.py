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


# --- decrees of other offices (issue 10) --------------------------------------------------------


def test_line_break_folded_into_a_space_is_a_warning_with_its_cell(rows, make_workbook):
    rows["menimbang"][1]["text"] = "bahwa dua\nbaris;"
    decree, errors, warnings = problems_of(make_workbook(rows))
    assert errors == [] and decree.menimbang[1] == "bahwa dua baris;"
    assert [w for w in warnings if w.startswith("Menimbang!A3:")] == [
        'Menimbang!A3: Ganti baris (Alt+Enter) di sel "Isi" dicetak sebagai spasi: isian ini dicetak '
        "sebagai satu baris."
    ]


def test_line_breaks_kept_in_jabatan_tembusan_and_kop(rows, make_workbook):
    rows["signer"][0]["position"] = "a.n. CAMAT SALE \n  Sekretaris Kecamatan\n\n"
    rows["tembusan"] = [{"text": "Bupati Rembang\n(sebagai laporan);"}]
    rows["kop"] = [{"text": "Jl. Blora No.45\nSALE 59265"}, {"text": "Laman: sale.rembangkab.go.id"}]
    rows["office"][0]["address"] = None
    decree, errors, warnings = problems_of(make_workbook(rows))
    assert errors == [] and warnings == []
    assert decree.signer.position_lines == ("a.n. CAMAT SALE", "Sekretaris Kecamatan")
    assert decree.tembusan == ("Bupati Rembang\n(sebagai laporan);",)
    assert decree.office.kop_lines == ("Jl. Blora No.45", "SALE 59265", "Laman: sale.rembangkab.go.id")


def test_kop_sheet_replaces_the_address_fields_with_a_warning(rows, make_workbook):
    rows["kop"] = [{"text": "Jalan Raya Senduro No. 97"}]
    rows["office"][0]["phone"] = "(0334) 610463"
    decree, errors, warnings = problems_of(make_workbook(rows))
    assert errors == [] and decree.office.kop_lines == ("Jalan Raya Senduro No. 97",)
    assert warnings == [
        "Kantor!B5: Alamat dan Telepon tidak dicetak pada kop karena lembar Kop berisi baris kop sendiri; "
        "tulis isinya di lembar itu bila perlu dicetak."
    ]


@pytest.mark.parametrize(
    ("written", "label", "number"),
    [
        ("NOMOR : 067.2 / 932 / 2015", "NOMOR :", "067.2 / 932 / 2015"),
        ("Nomor : 188 / / 427.95 / 2021", "Nomor :", "188 / / 427.95 / 2021"),
        ("890 /   /2020", "NOMOR", "890 /   /2020"),
        (": 12/2021", "NOMOR :", "12/2021"),
    ],
)
def test_number_label_is_taken_from_the_cell(rows, make_workbook, written, label, number):
    rows["decree"][0]["number"] = written
    decree, errors, warnings = problems_of(make_workbook(rows))
    assert errors == [] and warnings == []
    assert (decree.info.number_label, decree.info.number) == (label, number)


def test_number_with_only_its_label_is_a_warning(rows, make_workbook):
    rows["decree"][0]["number"] = "Nomor :"
    decree, errors, warnings = problems_of(make_workbook(rows))
    assert errors == [] and (decree.info.number_label, decree.info.number) == ("Nomor :", "")
    assert warnings == [
        'Keputusan!B3: "Nomor" hanya berisi label "Nomor :"; dokumen mencetak tempat kosong untuk nomornya.'
    ]


@pytest.mark.parametrize("written", ["Februari 2021", "Peb 2021", "..... Februari 2021"])
def test_month_and_year_only_is_a_drafting_date_with_a_warning(rows, make_workbook, written):
    rows["decree"][0]["date"] = written
    rows["decree"][0]["year"] = 2021
    decree, errors, warnings = problems_of(make_workbook(rows))
    assert errors == [] and decree.info.date is None and decree.info.drafted == dt.date(2021, 2, 1)
    assert warnings == [
        'Keputusan!B8: Tanggal Penetapan hanya bulan dan tahun ("Februari 2021"): dokumen mencetak tempat '
        "kosong untuk tanggalnya, diisi saat penandatanganan."
    ]


def test_drafting_date_in_another_year_is_warned_about_too(rows, make_workbook):
    rows["decree"][0]["date"] = "Desember 2019"
    _, errors, warnings = problems_of(make_workbook(rows))
    assert errors == []
    expected = "Keputusan!B8: Tanggal penetapan (Desember 2019) tidak jatuh pada tahun keputusan 2020."
    assert expected in warnings


def test_tata_naskah_values_out_of_range(rows, make_workbook):
    rows["tata_naskah"] = [{"font": "bookman", "font_size": 20, "margin_left": 2, "margin_bottom": 25}]
    decree, errors, _ = problems_of(make_workbook(rows))
    assert decree is None
    assert errors == [
        "Tata Naskah!B3: \"Ukuran Huruf\" tidak sah: diharapkan 10 sampai 14. (ditemukan: 20)",
        "Tata Naskah!B4: \"Margin Kiri (mm)\" tidak sah: diharapkan 5 sampai 80. (ditemukan: 2)",
    ]


def test_tata_naskah_font_choice_and_margins_reach_the_model(rows, make_workbook):
    rows["tata_naskah"] = [{"font": "bookman", "font_size": 11, "margin_left": 25, "margin_top": 15}]
    decree, errors, _ = problems_of(make_workbook(rows))
    assert errors == []
    tata = decree.tata_naskah
    assert (tata.font, tata.font_size, tata.margins_mm) == ("Bookman Old Style", 11, (25, None, 15, None))


def test_indicator_of_an_unknown_kinerja_code(rows, make_workbook):
    rows["indicators"] = [{"kinerja": "K9", "name": "Indeks"}]
    _, errors, _ = problems_of(make_workbook(rows))
    assert errors == [
        'Indikator!A2: "Kode Kinerja" merujuk kode "K9" yang tidak ada di lembar Kinerja. '
        "(ditemukan: 'K9')"
    ]


def test_several_indicators_follow_the_kinerja_cell(rows, make_workbook):
    rows["indicators"] = [
        {"kinerja": "k1", "name": "Persentase A", "formula": "A / B x 100%", "source": "Laporan",
         "target": "90 %"},  # fmt: skip
        {"kinerja": "K1", "name": "Indeks", "formula": "Rata-rata unsur x 25"},
    ]
    decree, errors, _ = problems_of(make_workbook(rows))
    assert errors == []
    measures = decree.kinerja[0].measures
    assert [(m.name, m.formula) for m in measures] == [
        ("Indeks", "Rata-rata unsur x 25"),  # the Kinerja cell's own indicator, with its details
        ("Persentase A", "A / B x 100%"),
    ]
    assert measures[1].source == "Laporan" and measures[1].target == "90 %"
    assert decree.kinerja[1].measures == ()


def test_diktum_naming_a_lampiran_that_has_no_data_is_a_warning(rows, make_workbook):
    for key in ("units", "tupoksi", "processes", "relations", "kinerja"):
        rows[key] = []
    rows["diktum"][0]["text"] = "Peta Proses Bisnis sebagaimana tercantum dalam Lampiran Keputusan ini."
    decree, errors, warnings = problems_of(make_workbook(rows))
    assert errors == [] and not decree.has_lampiran
    assert warnings == [
        "Diktum!C2: Diktum menyebut Lampiran, tetapi buku kerja tidak berisi data Lampiran (Uraian, Unit, "
        "Tupoksi, Proses atau Kinerja); keputusan dicetak tanpa Lampiran."
    ]


def test_fields_added_later_may_be_absent_without_a_warning(rows, make_workbook):
    path = make_workbook(rows)
    book = openpyxl.load_workbook(path)
    for name, label in (("Penandatangan", "Tanda Tangan Elektronik"), ("Keputusan", "Judul Sampul")):
        sheet = book[name]
        row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == label)
        sheet.delete_rows(row)
    book.save(path)
    decree, errors, warnings = problems_of(path)
    assert errors == [] and warnings == []
    assert decree.signer.electronic is False and decree.info.cover_title == ""
