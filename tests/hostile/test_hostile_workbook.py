"""Hostile workbooks, each built in the test, through the CLI under hard limits (1 GB, 30 s).

Every case ends the way a user should see it: exit status 2, one Indonesian sentence naming what is
wrong (and where), no traceback, and nothing written.
"""

from __future__ import annotations

import os
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from workbooks import jpeg, paste_picture, png, replace_sheet, rewrite, sheet_part, streamed_entry

from generator import limits

GIB = 1 << 30
SHARED_999999 = b'<c r="A2" t="s"><v>999999</v></c>'  # a shared string the workbook does not have


def _nothing_written(folder: Path) -> None:
    assert not folder.exists() or list(folder.iterdir()) == []


def refused(limited, path: Path, *needles: str, tmp_path: Path):
    """``periksa`` and ``buat`` both refuse ``path`` cleanly with the same sentence; nothing is written."""
    checked = limited(["periksa", path])
    checked.assert_clean(2)
    out = tmp_path / "keluaran"
    built = limited(["buat", path, "-o", out, "--tanpa-gambar"])
    built.assert_clean(2)
    for needle in needles:
        assert needle in checked.text, checked.text
        assert needle in built.text, built.text
    _nothing_written(out)
    return checked


# ---------------------------------------------------------------------------- the logo file


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "kecamatan"
    path.mkdir()
    return path


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A real picture outside the workbook's folder, which must never be embedded."""
    path = tmp_path / "rahasia.png"
    path.write_bytes(png(color=(1, 2, 3)))
    return path


def with_logo(rows, folder: Path, logo: str) -> Path:
    from generator.blank import write_blank

    rows["office"][0]["logo"] = logo
    path = folder / "sale.xlsx"
    write_blank(path, rows)
    return path


def test_logo_with_an_absolute_path_is_refused(limited, rows, folder, outside, tmp_path):
    path = with_logo(rows, folder, str(outside))
    refused(limited, path, "Kantor!B11", "jalur mutlak", tmp_path=tmp_path)


def test_logo_above_the_workbook_folder_is_refused(limited, rows, folder, outside, tmp_path):
    path = with_logo(rows, folder, "../rahasia.png")
    refused(limited, path, "Kantor!B11", "di luar folder buku kerja", tmp_path=tmp_path)
    path = with_logo(rows, folder, "gambar\\..\\..\\rahasia.png")  # typed the Windows way
    refused(limited, path, "Kantor!B11", "di luar folder buku kerja", tmp_path=tmp_path)


def test_logo_through_a_symlink_is_refused(limited, rows, folder, outside, tmp_path):
    (folder / "logo.png").symlink_to(outside)
    refused(limited, with_logo(rows, folder, "logo.png"), "Kantor!B11", "tautan simbolik", tmp_path=tmp_path)
    (folder / "gambar").symlink_to(outside.parent)
    path = with_logo(rows, folder, "gambar/rahasia.png")
    refused(limited, path, "Kantor!B11", "tautan simbolik", tmp_path=tmp_path)


def test_logo_that_is_a_folder_or_a_pipe_is_refused(limited, rows, folder, tmp_path):
    (folder / "logo.png").mkdir()
    refused(limited, with_logo(rows, folder, "logo.png"), "Kantor!B11", "adalah folder", tmp_path=tmp_path)
    os.mkfifo(folder / "pipa.png")  # a reader that opened it would wait forever
    refused(
        limited, with_logo(rows, folder, "pipa.png"), "Kantor!B11", "bukan berkas biasa", tmp_path=tmp_path
    )


def test_text_renamed_png_is_refused_by_periksa(limited, rows, folder, tmp_path):
    (folder / "logo.png").write_text("ini bukan gambar\n", encoding="utf-8")
    path = with_logo(rows, folder, "logo.png")
    refused(limited, path, "Kantor!B11", "bukan gambar PNG atau JPEG", tmp_path=tmp_path)


def test_truncated_jpeg_is_refused_by_periksa(limited, rows, folder, tmp_path):
    data = jpeg()
    (folder / "logo.jpg").write_bytes(data[: len(data) // 2])
    path = with_logo(rows, folder, "logo.jpg")
    refused(limited, path, "Kantor!B11", "rusak atau terpotong", tmp_path=tmp_path)


def test_two_gib_png_is_refused_before_reading(limited, rows, folder, tmp_path):
    with (folder / "besar.png").open("wb") as handle:
        handle.write(png())
        handle.truncate(2 * GIB)  # sparse: costs no disk, but a reader would allocate 2 GiB
    path = with_logo(rows, folder, "besar.png")
    outcome = refused(
        limited, path, "Kantor!B11", f"lebih dari batas {limits.LOGO_BYTES.text}", tmp_path=tmp_path
    )
    assert outcome.seconds < 20


def test_picture_with_too_many_pixels_is_refused(limited, rows, folder, tmp_path):
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", 60_000, 60_000, 8, 2, 0, 0, 0)  # 3.6 gigapixels, RGB
    bomb = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 1000))
    (folder / "bom.png").write_bytes(bomb + chunk(b"IEND", b""))
    refused(limited, with_logo(rows, folder, "bom.png"), "Kantor!B11", "terlalu luas", tmp_path=tmp_path)


def test_good_logo_file_is_embedded_from_the_checked_bytes(limited, rows, folder, tmp_path):
    data = png()
    (folder / "logo.png").write_bytes(data)
    path = with_logo(rows, folder, "logo.png")
    out = tmp_path / "keluaran"
    limited(["buat", path, "-o", out, "--tanpa-gambar"]).assert_clean(0)
    document = Document(str(out / "Keputusan-Camat-Sale-2020.docx"))
    assert [part.blob for part in document.part.package.image_parts] == [data]


# ---------------------------------------------------------------------------- a pasted logo


def test_pasted_picture_is_the_logo(limited, rows, make_workbook, tmp_path):
    data = png(80, 80)
    path = paste_picture(make_workbook(rows), data)
    checked = limited(["periksa", path])
    checked.assert_clean(0)
    out = tmp_path / "keluaran"
    limited(["buat", path, "-o", out, "--tanpa-gambar"]).assert_clean(0)
    document = Document(str(out / "Keputusan-Camat-Sale-2020.docx"))
    kop = document.tables[0]
    assert kop.rows[0].cells[0]._element.xpath(".//pic:pic")
    assert [part.blob for part in document.part.package.image_parts] == [data]


def test_pasted_picture_and_logo_cell_say_which_wins(limited, rows, folder, tmp_path):
    (folder / "logo.png").write_bytes(png())
    path = paste_picture(with_logo(rows, folder, "logo.png"), png(30, 30))
    checked = limited(["periksa", path])
    checked.assert_clean(0)
    assert "PERINGATAN Kantor!B11" in checked.text and "yang dipakai berkas logo.png" in checked.text


def test_pasted_file_that_is_not_a_picture_is_refused(limited, rows, make_workbook, tmp_path):
    pasted = paste_picture(make_workbook(rows), png(), anchor="C11")
    path = rewrite(
        pasted,
        tmp_path / "palsu.xlsx",
        lambda name, data: b"<html>bukan gambar</html>" if name.startswith("xl/media/") else data,
    )
    refused(limited, path, "Kantor!C11", "bukan gambar PNG atau JPEG", tmp_path=tmp_path)


# ---------------------------------------------------------------------------- bounded reading


def test_one_value_in_the_last_cell_of_the_grid(limited, rows, make_workbook):
    """A 28 KB workbook with XFD1048576 filled: read in bounded memory, the far cell ignored."""
    path = make_workbook(rows)
    book = openpyxl.load_workbook(path)
    book["Menimbang"]["XFD1048576"] = "jauh"
    book.save(path)
    assert path.stat().st_size < 64_000
    checked = limited(["periksa", path], memory_mb=400)
    checked.assert_clean(0)
    assert "Menimbang!XFD1048576" in checked.text and "diabaikan" in checked.text


def test_huge_diktum_number(limited, rows, make_workbook, tmp_path):
    rows["diktum"][0]["number"] = 1e20
    checked = refused(limited, make_workbook(rows), "Diktum!A2", "1 sampai 100", tmp_path=tmp_path)
    assert checked.seconds < 20


def test_sheet_that_unpacks_to_a_gibibyte(limited, rows, make_workbook, tmp_path):
    source = make_workbook(rows)
    part = sheet_part(source, "Menimbang")
    row = b'<row><c t="inlineStr"><is><t>bahwa</t></is></c></row>'
    path = streamed_entry(
        tmp_path / "gib.xlsx",
        source,
        part,
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
        row * (1 << 14),
        GIB // (len(row) << 14),
        b"</sheetData></worksheet>",
    )
    assert path.stat().st_size < 10 * limits.MB
    refused(limited, path, "ditolak", part, tmp_path=tmp_path)


def test_dense_sheet_at_the_size_limit_is_read_within_bounds(limited, rows, make_workbook, tmp_path):
    """The largest sheet the zip check lets through, full of real cells (most right of the column
    limit), ends cleanly within 1 GB and 30 s: its rows stop at the row limit, far cells are skipped."""
    import random

    from openpyxl.utils import get_column_letter

    rng = random.Random(8)
    letters = [get_column_letter(i) for i in range(1, 501)]
    head = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    body, number = [], 1
    size = 0
    while size < limits.SHEET_XML.value - 20_000:
        cells = "".join(f'<c r="{c}{number}"><v>{rng.randint(0, 10**9)}</v></c>' for c in letters)
        row = f'<row r="{number}">{cells}</row>'.encode()
        body.append(row)
        size += len(row)
        number += 1
    xml = head + b"".join(body) + b"</sheetData></worksheet>"
    source = make_workbook(rows)
    path = replace_sheet(source, tmp_path / "padat.xlsx", "Menimbang", lambda _: xml)
    outcome = limited(["periksa", path])
    outcome.assert_clean(2)
    assert "Menimbang!BM1" in outcome.text  # the far cells are named once, and ignored


def test_thirty_million_shared_strings(limited, rows, make_workbook, tmp_path):
    source = make_workbook(rows)
    ns = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    path = streamed_entry(
        tmp_path / "teks.xlsx",
        source,
        "xl/sharedStrings.xml",
        ns,
        b"<si><t>a</t></si>" * 1000,
        30_000,
        b"</sst>",
    )
    refused(limited, path, "ditolak", "sharedStrings", tmp_path=tmp_path)


def test_part_whose_declared_size_lies(limited, rows, make_workbook, tmp_path):
    """The zip says a sheet is 1,000 bytes; its data inflates to 16 MB: reading stops at the claim."""
    source = make_workbook(rows)
    part = sheet_part(source, "Menimbang")
    staged = rewrite(
        source, tmp_path / "asli.xlsx", lambda name, data: b"<x/>" * (4 << 20) if name == part else data
    )
    data = bytearray(staged.read_bytes())
    name = part.encode()
    start = 0
    while (found := data.find(name, start)) != -1:
        start = found + len(name)
        for signature, offset, size_at in ((b"PK\x03\x04", 30, 22), (b"PK\x01\x02", 46, 24)):
            head = found - offset
            if head >= 0 and data[head : head + 4] == signature:
                data[head + size_at : head + size_at + 4] = (1000).to_bytes(4, "little")
    path = tmp_path / "bohong.xlsx"
    path.write_bytes(bytes(data))
    assert zipfile.ZipFile(path).getinfo(part).file_size == 1000
    refused(limited, path, 'Lembar "Menimbang"', "rusak", tmp_path=tmp_path)


def test_too_many_entries(limited, rows, make_workbook, tmp_path):
    extra = [(f"xl/kosong/{i}.xml", b"<a/>") for i in range(limits.ARCHIVE_ENTRIES.value + 1)]
    path = rewrite(make_workbook(rows), tmp_path / "banyak.xlsx", lambda name, data: data, extra)
    refused(limited, path, "bagian, lebih dari batas", tmp_path=tmp_path)


def test_workbook_larger_than_the_limit(limited, tmp_path):
    path = tmp_path / "besar.xlsx"
    with path.open("wb") as handle:
        handle.write(b"PK\x03\x04")
        handle.truncate(limits.WORKBOOK_BYTES.value + 1)
    refused(limited, path, f"lebih dari batas {limits.WORKBOOK_BYTES.text}", tmp_path=tmp_path)


def test_unit_hierarchy_1500_deep(limited, rows, make_workbook, tmp_path):
    rows["units"] = [{"code": "U0", "name": "Camat"}] + [
        {"code": f"U{i}", "name": f"Unit {i}", "parent": f"U{i - 1}"} for i in range(1, 1500)
    ]
    rows["processes"][2]["unit"] = None
    rows["tupoksi"] = []
    outcome = refused(limited, make_workbook(rows), "Unit!C", "terlalu dalam", tmp_path=tmp_path)
    assert f"batasnya {limits.HIERARCHY_DEPTH.text}" in outcome.text


def test_too_many_rows(limited, rows, make_workbook, tmp_path):
    rows["mengingat"] = [{"text": f"Peraturan {i};"} for i in range(limits.ROWS_PER_SHEET.value + 5)]
    last = limits.ROWS_PER_SHEET.value + 2  # the header row, the rows within the limit, then this one
    refused(limited, make_workbook(rows), f"Mengingat!A{last}", "tidak dibaca", tmp_path=tmp_path)


def test_overlong_cell(limited, rows, make_workbook, tmp_path):
    rows["menimbang"][0]["text"] = "bahwa " + "x" * limits.CELL_CHARS.value
    refused(limited, make_workbook(rows), "Menimbang!A2", "per sel", tmp_path=tmp_path)


@pytest.mark.parametrize(
    ("name", "edit", "needle"),
    [
        (
            "karakter kendali",
            lambda xml: xml.replace(b"bahwa satu;", b"bahwa \x01 satu;", 1),
            "XML tidak sah",
        ),
        ("terpotong", lambda xml: xml[: len(xml) // 2], "XML tidak sah"),
        (
            "teks bersama",
            lambda xml: re.sub(rb'<c r="A2"[^>]*>.*?</c>', SHARED_999999, xml, count=1),
            "teks bersama",
        ),
        ("baris di luar", lambda xml: xml.replace(b'<row r="2"', b'<row r="99999999999"', 1), "nomor baris"),
    ],
)
def test_malformed_sheet_xml_is_one_sentence_naming_the_sheet(
    limited, rows, make_workbook, tmp_path, name, edit, needle
):
    source = make_workbook(rows)
    path = replace_sheet(source, tmp_path / "rusak.xlsx", "Menimbang", edit)
    with zipfile.ZipFile(path) as archive:
        assert archive.read(sheet_part(source, "Menimbang")) != zipfile.ZipFile(source).read(
            sheet_part(source, "Menimbang")
        ), "the edit must change the sheet"
    outcome = refused(limited, path, 'Lembar "Menimbang"', needle, tmp_path=tmp_path)
    assert outcome.text.count("GALAT") == 1


# ------------------------------------------------------------ whatever periksa accepts, buat writes


def test_300_character_kecamatan_name_is_written(limited, rows, make_workbook, tmp_path):
    rows["office"][0]["kecamatan"] = "Sale " + "Panjang " * 37
    path = make_workbook(rows)
    checked = limited(["periksa", path])
    checked.assert_clean(0)
    assert "PERINGATAN Kantor!B3" in checked.text and "nama berkas" in checked.text
    assert "properti dokumen" in checked.text
    out = tmp_path / "keluaran"
    limited(["buat", path, "-o", out, "--tanpa-gambar"]).assert_clean(0)
    [written] = out.glob("*.docx")
    assert len(written.name.encode()) <= 255 - 20  # room for the stamp and temp names beside it
    props = Document(str(written)).core_properties
    assert all(
        len(text) <= limits.PROPERTY_CHARS.value for text in (props.title, props.subject, props.author)
    )


def test_date_beyond_the_year_range(limited, rows, make_workbook, tmp_path):
    import datetime as dt

    rows["decree"][0]["date"] = dt.date(2250, 1, 1)  # a zip cannot even hold that date
    refused(limited, make_workbook(rows), "Keputusan!B8", "di luar rentang", tmp_path=tmp_path)


def test_workbook_that_is_a_folder_or_missing(limited, tmp_path):
    (tmp_path / "folder.xlsx").mkdir()
    limited(["periksa", tmp_path / "folder.xlsx"]).assert_clean(2)
    assert "adalah folder" in limited(["periksa", tmp_path / "folder.xlsx"]).text
    missing = limited(["periksa", tmp_path / "tidak-ada.xlsx"])
    missing.assert_clean(2)
    assert "tidak ditemukan" in missing.text


def test_hierarchies_at_the_depth_limit_are_drawn(limited, rows, make_workbook, tmp_path):
    """Units, processes and kinerja each 20 levels deep go through buat with every diagram drawn:
    whatever recursion the drawing keeps is bounded by the limit periksa enforces."""
    depth = limits.HIERARCHY_DEPTH.value
    rows["units"] = [
        {"code": f"U{i}", "name": f"Unit {i}", "parent": f"U{i - 1}" if i > 1 else None}
        for i in range(1, depth + 1)
    ]
    rows["processes"] = [
        {
            "code": f"P.{i}",
            "name": f"Proses {i}",
            "category": "Utama",
            "parent": f"P.{i - 1}" if i > 1 else None,
        }
        for i in range(1, depth + 1)
    ]
    rows["relations"] = [{"process": "P.1", "party": "Desa"}]
    rows["tupoksi"] = [{"unit": "U1", "kind": "Tugas Pokok", "text": "Memimpin."}]
    levels = ("Tujuan", "Sasaran", "Program", "Kegiatan", "Sub Kegiatan")
    rows["kinerja"] = [
        {
            "code": f"K{i}",
            "source": "RPJMD" if i < 3 else "Renstra",
            "level": levels[min(i - 1, 4)],
            "text": f"Kinerja {i}",
            "parent": f"K{i - 1}" if i > 1 else None,
        }
        for i in range(1, depth + 1)
    ]
    out = tmp_path / "keluaran"
    cache = tmp_path / "cache"
    built = limited(["buat", make_workbook(rows), "-o", out], env={"KEPUTUSAN_CACHE": str(cache)})
    built.assert_clean(0)
    document = Document(str(out / "Keputusan-Camat-Sale-2020.docx"))
    assert len(document.part.package.image_parts) >= depth  # a map per process with children, and more
