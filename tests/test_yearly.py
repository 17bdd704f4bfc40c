"""tahun-baru: next year's workbook from last year's, on workbooks built in the test."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.drawing.image import Image as SheetImage
from PIL import Image

from generator import formatting as fmt
from generator.cli import EXIT_FAILED, EXIT_INVALID, EXIT_OK, main
from generator.compare import compare, sections
from generator.pipeline import load_decree
from generator.yearly import default_target, next_year_workbook, replace_decree_year

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


# --- the sheets and fields added to the contract ---------------------------------------------------


def steps() -> list[dict[str, object]]:
    return [
        {"process": "P.1.1", "number": 1, "activity": "Menerima surat", "pelaksana": "U3", "kind": "Mulai"},
        {
            "process": "P.1.1",
            "number": 2,
            "activity": "Mencatat surat",
            "pelaksana": "U2",
            "kind": "Kegiatan",
        },
        {"process": "P.1.1", "number": 3, "activity": "Mengarsipkan", "pelaksana": "U3", "kind": "Selesai"},
    ]


@pytest.fixture
def contract(rows, make_workbook, tmp_path) -> Path:
    """A 2020 workbook using every newer sheet and field, with a logo pasted on the Kantor sheet."""
    rows["decree"][0].update(
        number="Nomor : 188 / / 427.95 / 2020", date="Mei 2020", cover_title="PROSES BISNIS\nTAHUN 2020"
    )
    rows["signer"][0].update(show_golongan=True, electronic=True)
    rows["kop"] = [{"text": "Jalan Blora No. 45 Telp. (0295) 391405"}, {"text": "SALE - 59265"}]
    rows["tata_naskah"] = [{"font": "Bookman Old Style", "margin_left": 25, "tte_anchor": "^"}]
    rows["lampiran"] = [{"title": "PETA PROSES BISNIS", "iku_title": "INDIKATOR KINERJA UTAMA TAHUN 2020"}]
    rows["diktum"][3]["text"] = "Biaya dibebankan pada DPA Kecamatan Sale Tahun Anggaran 2020."
    rows["diktum"].append({"number": 4, "text": "Berlaku sejak 1 Januari 2020."})
    rows["processes"][0]["kinerja"] = "K1"
    rows["indicators"] = [
        {"kinerja": "K1", "name": "Indeks Kepuasan", "formula": "Nilai survei", "target": "80"},
        {"kinerja": "K2", "name": "Persentase layanan", "formula": "a / b x 100%"},
    ]
    rows["steps"] = steps()
    rows["sop"] = [
        {
            "process": "P.1.1",
            "number": "800 / 12 / 427.95 / 2020",
            "name": "SOP Persuratan Tahun 2020",
            "made": dt.date(2019, 11, 4),
            "revised": dt.date(2020, 2, 3),
            "effective": dt.date(2020, 3, 1),
            "dasar_hukum": "Peraturan Bupati Rembang Nomor 3 Tahun 2020",
        }
    ]
    folder = tmp_path / "kontrak"
    folder.mkdir()
    book = openpyxl.load_workbook(make_workbook(rows))
    book["Kantor"].add_image(SheetImage(io.BytesIO(png())), "C11")
    book.save(folder / "sale-2020.xlsx")
    return folder / "sale-2020.xlsx"


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (60, 40), (10, 120, 200)).save(out, "PNG")
    return out.getvalue()


def test_newer_fields_get_the_new_year_and_the_rest_is_kept(contract, capsys):
    old = decree_of(contract)
    assert main(["tahun-baru", str(contract), "2021"]) == EXIT_OK
    new = decree_of(contract.parent / "sale-2021.xlsx")

    assert (new.info.number_label, new.info.number, new.info.date, new.info.drafted) == (
        "Nomor :",
        "",
        None,
        None,
    )
    assert new.info.cover_title == "PROSES BISNIS\nTAHUN 2021"
    assert new.lampiran.iku_title == "INDIKATOR KINERJA UTAMA TAHUN 2021"
    assert new.diktum[2].text == "Biaya dibebankan pada DPA Kecamatan Sale Tahun Anggaran 2021."
    assert new.diktum[3] == old.diktum[3]  # no "Tahun 2020": listed for a person instead
    sop = new.sop_of("P.1.1")
    assert sop.name == "SOP Persuratan Tahun 2021"
    assert dataclasses.replace(sop, name=old.sop_of("P.1.1").name) == old.sop_of(
        "P.1.1"
    )  # number, dates kept
    assert new.office.logo.data == old.office.logo.data and new.office.logo.source == old.office.logo.source
    for key in ("kop", "tata_naskah", "signer", "indicators", "steps", "office"):
        assert new.rows[key] == old.rows[key], key
    assert (new.steps, new.kinerja, new.office, new.tata_naskah) == (
        old.steps,
        old.kinerja,
        old.office,
        old.tata_naskah,
    )

    out = capsys.readouterr().out
    assert (
        'Keputusan!B11 (Judul Sampul): "PROSES BISNIS\nTAHUN 2020" menjadi "PROSES BISNIS\nTAHUN 2021"' in out
    )
    assert 'SOP!C2 (Nama SOP): "SOP Persuratan Tahun 2020" menjadi "SOP Persuratan Tahun 2021"' in out
    for where in ("Diktum!C6 (Isi)", "SOP!B2 (Nomor SOP)", "SOP!J2 (Dasar Hukum)"):
        assert f"{where}: masih menyebut 2020" in out
    assert "Tanggal SOP tahun 2020 dibiarkan apa adanya (SOP!E2, SOP!F2)" in out
    assert "1 target di lembar Indikator dibawa dari tahun 2020" in out


def test_pasted_picture_is_kept_byte_for_byte(contract):
    assert main(["tahun-baru", str(contract), "2021"]) == EXIT_OK
    with zipfile.ZipFile(contract) as before, zipfile.ZipFile(contract.parent / "sale-2021.xlsx") as after:
        media = [n for n in before.namelist() if n.startswith("xl/media/")]
        assert media and [before.read(n) for n in media] == [after.read(n) for n in media]
    old = openpyxl.load_workbook(contract)["Kantor"]._images[0].anchor._from
    new = openpyxl.load_workbook(contract.parent / "sale-2021.xlsx")["Kantor"]._images[0].anchor._from
    assert (new.col, new.row) == (old.col, old.row)


EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "inputs").glob("*.xlsx"))


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_next_year_is_valid_and_banding_lists_exactly_the_year_changes(example, tmp_path, capsys):
    old = decree_of(example)
    target = tmp_path / f"{example.stem}-baru.xlsx"
    made = next_year_workbook(example, old.info.year + 1, target)

    assert main(["periksa", str(target)]) == EXIT_OK
    new = decree_of(target)
    report = {s.title: s.lines for s in sections(compare(old, new))}

    info = old.rows["decree"][0]
    fixed = {f"Tahun berubah: {old.info.year} menjadi {new.info.year}"}
    if info["number"]:
        label = fmt.written_number_label(info["number"])
        fixed.add(f'Nomor berubah: "{info["number"]}" menjadi ' + (f'"{label}"' if label else "(kosong)"))
    if info["date"]:
        when = fmt.format_date(info["date"]) if isinstance(info["date"], dt.date) else str(info["date"])
        fixed.add(f'Tanggal Penetapan berubah: "{when}" menjadi (kosong)')
    assert fixed <= set(report["Keputusan"])
    told = [line for lines in report.values() for line in lines if line not in fixed]
    assert len(told) == len(made.changes)
    for change in made.changes:
        shown = f'"{" / ".join(change.old.splitlines())}" menjadi "{" / ".join(change.new.splitlines())}"'
        assert sum(shown in line for line in told) == 1, (shown, told)


def with_formula(path: Path, sheet: str, text: str, formula: str) -> Path:
    """The workbook with the cell holding ``text`` turned into ``formula`` whose computed value it is."""
    from generator.schema import SHEETS

    part = f"xl/worksheets/sheet{2 + [s.name for s in SHEETS].index(sheet)}.xml"
    staged = path.with_name("rumus-" + path.name)
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(staged, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == part:
                cell = re.search(
                    rb'<c r="(\w+)"( s="\d+")? t="inlineStr"><is><t>' + text.encode() + b"</t></is></c>", data
                )
                assert cell, text
                value = b'<c r="%s"%s t="str"><f>%s</f><v>%s</v></c>' % (
                    cell[1],
                    cell[2] or b"",
                    formula.encode(),
                    text.encode(),
                )
                data = data.replace(cell[0], value)
            dst.writestr(item, data)
    return staged


def test_formulas_are_carried_as_their_computed_values(rows, make_workbook, tmp_path, capsys):
    rows["lampiran"] = [{"title": "PETA PROSES BISNIS TAHUN 2020"}]
    rows["processes"][0]["description"] = "Proses umum kantor"
    path = make_workbook(rows)
    path = with_formula(
        path, "Lampiran", "PETA PROSES BISNIS TAHUN 2020", '"PETA PROSES BISNIS TAHUN "&amp;2020'
    )
    path = with_formula(path, "Proses", "Proses umum kantor", '"Proses umum "&amp;"kantor"')
    target = tmp_path / "sale-2021.xlsx"

    assert main(["tahun-baru", str(path), "2021", "-o", str(target)]) == EXIT_OK
    out = capsys.readouterr().out
    assert main(["periksa", str(target)]) == EXIT_OK
    new = decree_of(target)
    assert new.lampiran.title == "PETA PROSES BISNIS TAHUN 2021"
    assert new.processes[0].description == "Proses umum kantor"
    assert "Rumus di Lampiran!B2, Proses!G2 diganti hasil hitungannya" in out
