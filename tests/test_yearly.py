"""tahun-baru: next year's workbook from last year's, on workbooks built in the test."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import openpyxl
import pytest

from generator.cli import EXIT_FAILED, EXIT_INVALID, EXIT_OK, main
from generator.pipeline import load_decree
from generator.yearly import default_target, replace_decree_year

TITLE_2020 = "PETA PROSES BISNIS KECAMATAN SALE KABUPATEN REMBANG TAHUN 2020"
REGULATION_2020 = "Peraturan Bupati Rembang Nomor 3 Tahun 2020 tentang Peta Proses Bisnis;"


@pytest.fixture
def source(rows, make_workbook, tmp_path) -> Path:
    """A valid 2020 workbook whose headings name the decree year and whose texts cite 2016/2020 rules."""
    decree = rows["decree"][0]
    decree["title"] = TITLE_2020
    decree["office_line"] = "CAMAT SALE KABUPATEN REMBANG TAHUN 2020,"
    rows["lampiran"] = [
        {
            "title": "LAMPIRAN PETA PROSES BISNIS TAHUN 2020",
            "tupoksi_title": "TUGAS POKOK KECAMATAN SALE TAHUN 2020",
            "keterkaitan_title": "KETERKAITAN RPJMD TAHUN 2016-2021 DENGAN RENSTRA TAHUN 2016 - 2021",
            "keterkaitan_renstra": "RENSTRA KECAMATAN TAHUN 2020-2024",
            "bagan_title": "BAGAN MENURUT PERATURAN BUPATI NOMOR 69 TAHUN 2020",
        }
    ]
    rows["mengingat"] = [
        {"text": "Peraturan Daerah Kabupaten Rembang Nomor 5 Tahun 2016 tentang Perangkat Daerah;"},
        {"text": REGULATION_2020},
    ]
    rows["texts"] = [
        {"section": "Sejarah Pembentukan", "text": "Dibentuk pada Tahun 2020 dengan " + REGULATION_2020}
    ]
    built = make_workbook(rows)
    folder = tmp_path / "kerja"
    folder.mkdir()
    return Path(shutil.move(built, folder / "sale-2020.xlsx"))


def decree_of(path: Path):
    decree, problems = load_decree(path)
    assert decree is not None, [str(p) for p in problems.errors]
    return decree


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PETA PROSES BISNIS KECAMATAN SALE TAHUN 2020", "PETA PROSES BISNIS KECAMATAN SALE TAHUN 2021"),
        ("Tahun Anggaran 2020", "Tahun Anggaran 2021"),
        ("Peraturan Daerah Nomor 5 Tahun 2016", "Peraturan Daerah Nomor 5 Tahun 2016"),
        ("Peraturan Bupati Nomor 3 Tahun 2020", "Peraturan Bupati Nomor 3 Tahun 2020"),
        ("KEPUTUSAN CAMAT NO. 060/12 TAHUN 2020", "KEPUTUSAN CAMAT NO. 060/12 TAHUN 2020"),
        (
            "PERUBAHAN ATAS NOMOR 3 TAHUN 2019 TENTANG RKPD TAHUN 2020",
            "PERUBAHAN ATAS NOMOR 3 TAHUN 2019 TENTANG RKPD TAHUN 2020",
        ),
        ("RENSTRA TAHUN 2020-2024", "RENSTRA TAHUN 2020-2024"),
        ("RENSTRA TAHUN 2020 s.d. 2024", "RENSTRA TAHUN 2020 s.d. 2024"),
        ("RPJMD TAHUN 2016-2020", "RPJMD TAHUN 2016-2020"),
        ("TAHUN 20201", "TAHUN 20201"),
        ("Nomor 890/1/2020", "Nomor 890/1/2020"),
    ],
)
def test_replace_decree_year(text, expected):
    assert replace_decree_year(text, 2020, 2021) == expected


def test_new_workbook_has_new_year_empty_number_and_date_and_everything_else_carried_over(source, capsys):
    before = source.read_bytes()
    old = decree_of(source)

    assert main(["tahun-baru", str(source), "2021"]) == EXIT_OK

    target = source.parent / "sale-2021.xlsx"
    new = decree_of(target)
    assert (new.info.year, new.info.number, new.info.date) == (2021, "", None)
    assert new.info.title == TITLE_2020.replace("2020", "2021")
    assert new.info.office_line == "CAMAT SALE KABUPATEN REMBANG TAHUN 2021,"
    assert new.lampiran.title == "LAMPIRAN PETA PROSES BISNIS TAHUN 2021"
    assert new.lampiran.tupoksi_title == "TUGAS POKOK KECAMATAN SALE TAHUN 2021"
    # regulation years and planning periods stay as written
    assert new.mengingat == old.mengingat
    assert REGULATION_2020 in new.mengingat
    assert new.lampiran.keterkaitan_renstra == "RENSTRA KECAMATAN TAHUN 2020-2024"
    assert new.lampiran.bagan_title == "BAGAN MENURUT PERATURAN BUPATI NOMOR 69 TAHUN 2020"
    assert new.lampiran.sejarah == old.lampiran.sejarah
    expected = dataclasses.replace(
        old,
        info=dataclasses.replace(
            old.info, year=2021, number="", date=None, title=new.info.title, office_line=new.info.office_line
        ),
        lampiran=dataclasses.replace(
            old.lampiran, title=new.lampiran.title, tupoksi_title=new.lampiran.tupoksi_title
        ),
    )
    assert new == expected
    assert source.read_bytes() == before
    out = capsys.readouterr().out
    assert "sale-2021.xlsx" in out and "Tentang" in out
    assert "Lampiran!B4 (Judul Bagan Organisasi): masih menyebut 2020" in out


def test_styles_dropdowns_and_instructions_survive(source):
    assert main(["tahun-baru", str(source), "2021"]) == EXIT_OK
    old = openpyxl.load_workbook(source)
    new = openpyxl.load_workbook(source.parent / "sale-2021.xlsx")
    assert new.sheetnames == old.sheetnames
    assert new["Petunjuk"]["A1"].value == old["Petunjuk"]["A1"].value
    for name in ("Keputusan", "Proses"):
        assert len(new[name].data_validations.dataValidation) == len(
            old[name].data_validations.dataValidation
        )
    assert new["Keputusan"]["A2"].fill.fgColor.rgb == old["Keputusan"]["A2"].fill.fgColor.rgb
    assert new["Keputusan"]["A2"].font.color.rgb == old["Keputusan"]["A2"].font.color.rgb


def test_existing_target_is_not_overwritten_without_timpa(source, capsys):
    target = source.parent / "sale-2021.xlsx"
    target.write_bytes(b"isian orang lain")

    assert main(["tahun-baru", str(source), "2021"]) == EXIT_FAILED
    assert target.read_bytes() == b"isian orang lain"
    assert "--timpa" in capsys.readouterr().err

    assert main(["tahun-baru", str(source), "2021", "--timpa"]) == EXIT_OK
    assert decree_of(target).info.year == 2021


def test_output_path_option(source, tmp_path):
    target = tmp_path / "lain" / "draf.xlsx"
    assert main(["tahun-baru", str(source), "2022", "-o", str(target)]) == EXIT_OK
    assert decree_of(target).info.year == 2022
    assert not (source.parent / "sale-2022.xlsx").exists()


def test_only_the_new_workbook_is_left_in_the_folder(source):
    assert main(["tahun-baru", str(source), "2021"]) == EXIT_OK
    assert sorted(p.name for p in source.parent.iterdir()) == ["sale-2020.xlsx", "sale-2021.xlsx"]


@pytest.mark.parametrize("year", ["2020", "2019"])
def test_year_not_after_source_year_is_refused(source, capsys, year):
    assert main(["tahun-baru", str(source), year]) == EXIT_INVALID
    assert "harus lebih besar" in capsys.readouterr().err
    assert sorted(p.name for p in source.parent.iterdir()) == ["sale-2020.xlsx"]


def test_year_that_is_not_a_year_is_refused(source, capsys):
    with pytest.raises(SystemExit) as info:
        main(["tahun-baru", str(source), "duaribu"])
    assert info.value.code == EXIT_INVALID
    assert "bukan tahun empat angka" in capsys.readouterr().err


def test_invalid_source_is_refused(rows, make_workbook, capsys):
    rows["decree"][0]["title"] = None
    path = make_workbook(rows)
    assert main(["tahun-baru", str(path), "2021"]) == EXIT_INVALID
    err = capsys.readouterr().err
    assert "Tentang" in err and "galat" in err
    assert not (path.parent / "sale-2021.xlsx").exists()


def test_target_equal_to_source_is_refused(source):
    before = source.read_bytes()
    assert main(["tahun-baru", str(source), "2021", "-o", str(source), "--timpa"]) == EXIT_INVALID
    assert source.read_bytes() == before


def test_default_target_follows_kecamatan_pattern(tmp_path):
    source = tmp_path / "a" / "buku.xlsx"
    assert default_target(source, "Pasar  Minggu", 2025) == tmp_path / "a" / "pasar-minggu-2025.xlsx"
    assert default_target(source, "Sale", 2021).name == "sale-2021.xlsx"
    assert default_target(source, "Kota Baru (Utara)", 2021).name == "kota-baru-utara-2021.xlsx"


def test_a_number_written_with_its_label_keeps_the_label_for_next_year(rows, make_workbook, tmp_path):
    rows["decree"][0]["number"] = "NOMOR : 188.4 / 07 / 427.80 / 2020"
    rows["decree"][0]["date"] = "Mei 2020"
    folder = tmp_path / "kerja"
    folder.mkdir()
    source = Path(shutil.move(make_workbook(rows), folder / "sale-2020.xlsx"))
    assert main(["tahun-baru", str(source), "2021"]) == EXIT_OK
    new, problems = load_decree(folder / "sale-2021.xlsx")
    info = new.info
    assert (info.number_label, info.number, info.date, info.drafted) == ("NOMOR :", "", None, None)
    assert "Keputusan!B3" in {p.where for p in problems.warnings}  # only the label: a blank to fill


def test_an_upload_naming_a_file_is_refused_with_its_cell(tmp_path, rows, make_workbook):
    """files_allowed=False (a workbook uploaded to the web page): the Logo may not name a server file."""
    from generator.yearly import YearlyError, next_year_workbook

    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    rows["office"][0]["logo"] = "logo.png"
    source = make_workbook(rows)
    with pytest.raises(YearlyError) as info:
        next_year_workbook(source, 2021, tmp_path / "baru.xlsx", files_allowed=False)
    assert [p.where for p in info.value.problems.errors] == ["Kantor!B11"]
    assert not (tmp_path / "baru.xlsx").exists()
