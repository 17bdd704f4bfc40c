"""tahun-baru over the whole contract: the newer sheets and fields, pasted pictures, formulas, examples."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.drawing.image import Image as SheetImage
from PIL import Image

from generator import formatting as fmt
from generator.cli import EXIT_OK, main
from generator.compare import compare, sections
from generator.schema import SHEETS
from generator.yearly import next_year_workbook
from tests.test_yearly import decree_of


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
    fixed = {f'Tahun berubah: "{old.info.year}" menjadi "{new.info.year}"'}
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
