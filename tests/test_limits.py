"""Every stated limit is a validation rule with its cell, tested with a bad workbook built here."""

from __future__ import annotations

import datetime as dt
import errno
import io
import os
import zipfile
from pathlib import Path

import openpyxl
import pytest
from PIL import Image

from generator import limits
from generator.pipeline import load_decree
from generator.problems import WorkbookError
from generator.reader import _os_sentence, read_workbook


def problems_of(path: Path, **options):
    decree, problems = load_decree(path, **options)
    return decree, [str(p) for p in problems.errors], [str(p) for p in problems.warnings]


def png(width: int = 50, height: int = 30) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (10, 120, 200)).save(out, "PNG")
    return out.getvalue()


def paste(path: Path, data: bytes, anchor: str) -> Path:
    from openpyxl.drawing.image import Image as SheetImage

    book = openpyxl.load_workbook(path)
    book["Kantor"].add_image(SheetImage(io.BytesIO(data)), anchor)
    book.save(path)
    return path


# ---------------------------------------------------------------------------- numbers that size things


@pytest.mark.parametrize("number", [0, 101, 1e20, -3])
def test_diktum_number_outside_its_range(rows, make_workbook, number):
    rows["diktum"][0]["number"] = number
    _, errors, _ = problems_of(make_workbook(rows))
    assert any(e.startswith("Diktum!A2:") and "1 sampai 100" in e for e in errors), errors


def test_urutan_beyond_its_limit(rows, make_workbook):
    rows["processes"][0]["order"] = limits.ORDER.value + 1
    _, errors, _ = problems_of(make_workbook(rows))
    assert [e.split(":")[0] for e in errors] == ["Proses!E2"]
    assert "0 sampai 100.000" in errors[0]


@pytest.mark.parametrize("date", [dt.date(1900, 1, 1), dt.date(2250, 1, 1), "3 Maret 2500"])
def test_enactment_date_outside_the_year_range(rows, make_workbook, date):
    rows["decree"][0]["date"] = date
    _, errors, _ = problems_of(make_workbook(rows))
    assert len(errors) == 1 and errors[0].startswith("Keputusan!B8:") and "di luar rentang" in errors[0]


# ---------------------------------------------------------------------------- sizes of what is read


def test_cell_longer_than_the_limit(rows, make_workbook):
    rows["mengingat"][0]["text"] = "x" * (limits.CELL_CHARS.value + 1)
    _, errors, _ = problems_of(make_workbook(rows))
    assert len(errors) == 1 and errors[0].startswith("Mengingat!A2:") and "10.000 karakter" in errors[0]


def test_cell_at_the_limit_is_accepted(rows, make_workbook):
    rows["mengingat"][0]["text"] = "x" * limits.CELL_CHARS.value
    decree, errors, _ = problems_of(make_workbook(rows))
    assert errors == [] and len(decree.mengingat[0]) == limits.CELL_CHARS.value


def test_drawn_sheets_have_tighter_row_limits(rows, make_workbook):
    count = limits.PROCESS_ROWS.value + 1
    rows["processes"] = [{"code": f"P.{i}", "name": f"Proses {i}", "category": "Utama"} for i in range(count)]
    rows["relations"] = []
    _, errors, _ = problems_of(make_workbook(rows))
    assert errors == [
        f"Proses!A{count + 1}: Lembar Proses memuat lebih dari {limits.PROCESS_ROWS.text} data; baris "
        f"{count + 1} dan seterusnya tidak dibaca. Hapus baris yang tidak perlu atau ringkas isinya."
    ]


def test_rows_within_the_limit_are_all_read(rows, make_workbook):
    rows["processes"] = [
        {"code": f"P.{i}", "name": f"Proses {i}", "category": "Utama"}
        for i in range(limits.PROCESS_ROWS.value)
    ]
    rows["relations"] = []
    decree, errors, _ = problems_of(make_workbook(rows))
    assert errors == [] and len(decree.processes) == limits.PROCESS_ROWS.value


def test_too_many_distinct_parties(rows, make_workbook):
    rows["relations"] = [{"process": "U.1", "party": f"Pihak {i}"} for i in range(limits.PARTIES.value + 1)]
    rows["relations"].insert(1, {"process": "U.1", "party": "pihak  0"})  # the same party, written again
    _, errors, _ = problems_of(make_workbook(rows))
    assert [e.split(":")[0] for e in errors] == [f"Relasi!B{limits.PARTIES.value + 3}"]
    assert "100 pihak berbeda" in errors[0]


def test_cells_right_of_the_column_limit_are_ignored_with_a_warning(rows, make_workbook):
    path = make_workbook(rows)
    book = openpyxl.load_workbook(path)
    book["Proses"]["BM2"] = "catatan jauh di kanan"
    book["Proses"]["XFD1048576"] = "jauh sekali"
    book.save(path)
    decree, errors, warnings = problems_of(path)
    assert errors == [] and decree is not None
    assert [w for w in warnings if "diabaikan" in w and w.startswith("Proses!BM2:")]


def test_far_away_cell_costs_nothing(rows, make_workbook):
    """A value in XFD1048576 is one cell, not a grid of 16,384 x 1,048,576: the sheet stays sparse."""
    path = make_workbook(rows)
    book = openpyxl.load_workbook(path)
    book["Menimbang"]["A1048576"] = "bahwa terakhir;"
    book.save(path)
    raw = read_workbook(path)
    assert [row.number for row in raw.sheets["menimbang"].rows] == [2, 3, 1_048_576]


# ---------------------------------------------------------------------------- hierarchy depth


def chain(prefix: str, depth: int, make) -> list[dict[str, object]]:
    return [make(f"{prefix}{i}", f"{prefix}{i - 1}" if i > 1 else None) for i in range(1, depth + 1)]


def test_hierarchy_deeper_than_the_limit(rows, make_workbook):
    depth = limits.HIERARCHY_DEPTH.value + 1
    rows["processes"] = chain(
        "P", depth, lambda code, parent: {"code": code, "name": code, "category": "Utama", "parent": parent}
    )
    rows["relations"] = []
    _, errors, warnings = problems_of(make_workbook(rows))
    assert errors == [
        f"Proses!D{depth + 1}: Hierarki terlalu dalam: proses P{depth} berada di tingkat {depth} "
        f"(P1 -> P2 -> P3 -> ... -> P{depth - 1} -> P{depth}); batasnya {limits.HIERARCHY_DEPTH.text}. "
        f"Periksa kolom Induk. (ditemukan: 'P{depth - 1}')"
    ]


def test_hierarchy_at_the_limit_is_accepted(rows, make_workbook):
    depth = limits.HIERARCHY_DEPTH.value
    rows["units"] = chain("U", depth, lambda code, parent: {"code": code, "name": code, "parent": parent})
    decree, errors, _ = problems_of(make_workbook(rows))
    assert errors == [] and len(decree.units) == depth


def test_cycle_below_a_deep_chain_is_reported_once(rows, make_workbook):
    rows["units"] = chain("U", 5, lambda code, parent: {"code": code, "name": code, "parent": parent})
    rows["units"][0]["parent"] = "U3"  # U1 -> U3 -> U2 -> U1
    _, errors, _ = problems_of(make_workbook(rows))
    assert len(errors) == 1 and "Hierarki berputar: U1 -> U3 -> U2 -> U1" in errors[0]


# ---------------------------------------------------------------------------- what buat must be able to write


def test_long_kecamatan_name_is_cut_in_file_name_and_properties(rows, make_workbook):
    rows["office"][0]["kecamatan"] = "Sale " * 60
    decree, errors, warnings = problems_of(make_workbook(rows))
    assert errors == [] and decree is not None
    cells = [w.split(":")[0] for w in warnings]
    assert cells.count("Kantor!B3") == 2
    assert any("nama berkas" in w and f"Keputusan-Camat-{'Sale-' * 20}2020.docx" in w for w in warnings)
    assert any("properti dokumen Word Judul, Penulis, dan Kata Kunci" in w for w in warnings)


def test_long_subject_is_cut_in_properties(rows, make_workbook):
    rows["decree"][0]["title"] = "PETA PROSES BISNIS " * 20
    _, errors, warnings = problems_of(make_workbook(rows))
    assert errors == []
    assert [w.split(":")[0] for w in warnings] == ["Keputusan!B4"]
    assert "Judul dan Subjek" in warnings[0]


def test_kecamatan_without_latin_letters_gets_a_file_name(rows, make_workbook):
    rows["office"][0]["kecamatan"] = "ꦱꦭꦺ"  # Javanese script
    _, errors, warnings = problems_of(make_workbook(rows))
    assert errors == [] and any("Keputusan-Camat-2020.docx" in w for w in warnings)


def test_accents_are_dropped_from_the_file_name():
    from generator.writer import output_name

    assert output_name("Pécs Ngadirejo", 2021) == "Keputusan-Camat-Pecs-Ngadirejo-2021.docx"


# ---------------------------------------------------------------------------- the logo


def test_pasted_logo_is_used_by_uploads(rows, make_workbook):
    data = png()
    decree, errors, warnings = problems_of(paste(make_workbook(rows), data, "D11"), files_allowed=False)
    assert errors == [] and warnings == []
    assert decree.office.logo.data == data and decree.office.logo.format == "png"
    assert (decree.office.logo.width, decree.office.logo.height) == (50, 30)


def test_several_pasted_pictures_prefer_the_one_on_the_logo_row(rows, make_workbook):
    path = paste(make_workbook(rows), png(10, 10), "E2")
    path = paste(path, png(20, 20), "C11")
    decree, errors, warnings = problems_of(path)
    assert errors == [] and decree.office.logo.width == 20
    assert warnings == [
        "Kantor!C11: Lembar Kantor memuat 2 gambar tempelan; yang dipakai sebagai logo adalah "
        "gambar tempelan di C11."
    ]


def test_pasted_picture_larger_than_the_limit(rows, make_workbook, tmp_path):
    pasted = paste(make_workbook(rows), png(), "C11")
    path = tmp_path / "besar.xlsx"
    with zipfile.ZipFile(pasted) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            big = item.filename.startswith("xl/media/")
            noise = b"\x89PNG" + os.urandom(limits.LOGO_BYTES.value)  # does not compress: no zip bomb
            dst.writestr(item.filename, noise if big else src.read(item))
    _, errors, _ = problems_of(path)
    assert len(errors) == 1 and errors[0].startswith("Kantor!C11:") and "lebih dari batas 5 MB" in errors[0]


def test_logo_in_a_subfolder_is_allowed(rows, tmp_path):
    from generator.blank import write_blank

    (tmp_path / "gambar").mkdir()
    (tmp_path / "gambar" / "lambang.png").write_bytes(png())
    rows["office"][0]["logo"] = "gambar/lambang.png"
    write_blank(tmp_path / "sale.xlsx", rows)
    decree, errors, _ = problems_of(tmp_path / "sale.xlsx")
    assert errors == [] and decree.office.logo.source == "gambar/lambang.png"


# ---------------------------------------------------------------------------- the reader's own failures


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.EACCES, "tidak ada izin"),
        (errno.ENOENT, "tidak ditemukan"),
        (errno.EISDIR, "adalah folder"),
        (errno.EIO, "kesalahan baca"),
        (errno.EXDEV, "galat sistem nomor"),
    ],
)
def test_os_errors_are_indonesian(code, words):
    sentence = _os_sentence(Path("/data/sale.xlsx"), OSError(code, "English text"))
    assert words in sentence and "English" not in sentence


def test_unreadable_workbook_is_refused_in_indonesian(tmp_path, rows, make_workbook, monkeypatch):
    """Permission denied (root ignores file modes, so the refusal is staged at the open call)."""
    path = make_workbook(rows)
    real_open = os.open

    def denied(name, *args, **kwargs):
        if Path(name) == path:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_open(name, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(WorkbookError, match="tidak ada izin"):
        read_workbook(path)


# ---------------------------------------------------------------------------- the step sheets


def _flow(count: int) -> list[dict[str, object]]:
    """A straight flow of ``count`` steps of P.1.1: Mulai, Kegiatan ..., Selesai."""
    kinds = ["Mulai", *["Kegiatan"] * (count - 2), "Selesai"]
    return [
        {"process": "P.1.1", "number": n, "activity": f"Langkah {n}", "pelaksana": "U3", "kind": kind}
        for n, kind in enumerate(kinds, start=1)
    ]


def test_a_process_with_more_steps_than_one_flowchart_holds(rows, make_workbook):
    rows["steps"] = _flow(limits.STEPS_PER_PROCESS.value + 1)
    _, errors, _ = problems_of(make_workbook(rows))
    beyond = limits.STEPS_PER_PROCESS.value + 2  # the row of the first step past the limit
    assert errors == [
        f"Langkah!B{beyond}: Proses P.1.1 punya {limits.STEPS_PER_PROCESS.value + 1} langkah, lebih dari "
        f"batas {limits.STEPS_PER_PROCESS.text}; pecah prosesnya menjadi beberapa subproses."
    ]


def test_steps_at_the_limit_are_accepted(rows, make_workbook):
    rows["steps"] = _flow(limits.STEPS_PER_PROCESS.value)
    decree, errors, _ = problems_of(make_workbook(rows))
    assert errors == [] and len(decree.steps) == limits.STEPS_PER_PROCESS.value


@pytest.mark.parametrize("column, cell", [("number", "B3"), ("next", "F3")])
def test_step_numbers_are_bounded(rows, make_workbook, column, cell):
    rows["steps"] = _flow(3)
    rows["steps"][1][column] = 10**12
    _, errors, _ = problems_of(make_workbook(rows))
    assert any(e.startswith(f"Langkah!{cell}:") and "1 sampai 999" in e for e in errors), errors


def test_kop_sheet_rows_are_bounded(rows, make_workbook):
    rows["kop"] = [{"text": f"Baris {i}"} for i in range(limits.KOP_ROWS.value + 1)]
    _, errors, _ = problems_of(make_workbook(rows))
    assert any(e.startswith("Kop!") and limits.KOP_ROWS.text in e for e in errors), errors
