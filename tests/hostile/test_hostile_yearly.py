"""`tahun-baru` copies the whole workbook: hostile content anywhere in it (also in sheets outside the
contract, which `periksa` never reads) is refused in one sentence, under hard limits, with nothing
written; the bytes copied are exactly the bytes validated, read once."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from faults import COMMAND
from workbooks import LAUGHS, paste_picture, png, replace_sheet, rewrite

from generator import limits
from generator.pipeline import load_decree

NOTES = "Catatan"  # a sheet staff add for themselves; not part of the contract


def with_notes(make_workbook, rows, text: str = "Catatan rapat 2020") -> Path:
    """A valid workbook with a sheet of the staff's own notes."""
    path = make_workbook(rows)
    book = openpyxl.load_workbook(path)
    book.create_sheet(NOTES)["A1"] = text
    book.save(path)
    return path


def in_sheet(path: Path, title: str, after_data: bytes = b"", data: bytes | None = None) -> Path:
    """``path`` with ``after_data`` put after the sheet's data (or its data replaced by ``data``)."""

    def edit(xml: bytes) -> bytes:
        start, end = xml.index(b"<sheetData"), xml.index(b"</sheetData>") + len(b"</sheetData>")
        body = xml[start:end] if data is None else b"<sheetData>" + data + b"</sheetData>"
        return xml[:start] + body + after_data + xml[end:]

    return replace_sheet(path, path.with_name("hostile.xlsx"), title, edit)


def refused_copy(limited, source: Path, *needles: str):
    """`tahun-baru` refuses ``source`` with one sentence and writes nothing; `periksa` still accepts it."""
    before = sorted(p.name for p in source.parent.iterdir())
    outcome = limited(["tahun-baru", source, "2021"])
    outcome.assert_clean(2)
    for needle in needles:
        assert needle in outcome.stderr, outcome.text
    assert sorted(p.name for p in source.parent.iterdir()) == before  # no copy, no temporary file
    limited(["periksa", source]).assert_clean(0)  # the contract's sheets are fine
    return outcome


def test_a_small_notes_sheet_is_copied_with_the_rest(limited, rows, make_workbook):
    source = with_notes(make_workbook, rows)
    outcome = limited(["tahun-baru", source, "2021"])
    outcome.assert_clean(0)
    book = openpyxl.load_workbook(source.parent / "sale-2021.xlsx")
    assert book[NOTES]["A1"].value == "Catatan rapat 2020"


def test_a_merged_range_over_the_whole_notes_sheet_is_refused(limited, rows, make_workbook):
    # a few bytes that openpyxl's full load would turn into 17 billion merged cells
    merge = b'<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'
    source = in_sheet(with_notes(make_workbook, rows), NOTES, merge)
    assert source.stat().st_size < 50_000
    refused_copy(limited, source, f'lembar "{NOTES}"', limits.COPY_CELLS.text, "terlalu besar untuk disalin")


def test_a_hyperlink_over_a_whole_contract_sheet_is_refused(limited, rows, make_workbook):
    link = b'<hyperlinks><hyperlink ref="A1:XFD1048576" location="Kantor!A1" display="x"/></hyperlinks>'
    source = in_sheet(make_workbook(rows), "Keputusan", link)
    refused_copy(limited, source, 'lembar "Keputusan"', limits.COPY_CELLS.text)


def test_a_notes_sheet_of_many_cells_is_refused(limited, rows, make_workbook):
    count = limits.COPY_CELLS.value + 10
    cells = b"".join(
        b'<row r="%d">' % row
        + b"".join(
            b'<c r="%s%d"><v>1</v></c>' % (c, row)
            for c in (b"A", b"B", b"C", b"D", b"E", b"F", b"G", b"H", b"I", b"J")
        )
        + b"</row>"
        for row in range(1, count // 10 + 2)
    )
    source = in_sheet(with_notes(make_workbook, rows), NOTES, data=cells)
    assert source.stat().st_size < limits.WORKBOOK_BYTES.value
    refused_copy(limited, source, f'lembar "{NOTES}"', limits.COPY_CELLS.text)


def test_an_entity_bomb_in_the_notes_sheet_is_refused(limited, rows, make_workbook):
    source = with_notes(make_workbook, rows)
    part = next(n for n in zipfile.ZipFile(source).namelist() if n.endswith("sheet22.xml"))
    hostile = rewrite(source, source.with_name("bom.xlsx"), lambda n, d: LAUGHS if n == part else d)
    refused_copy(limited, hostile, "XML berbahaya", part)


def test_a_picture_too_large_in_the_notes_sheet_is_refused(limited, rows, make_workbook):
    source = paste_picture(with_notes(make_workbook, rows), png(), "B2", sheet=NOTES)
    media = [n for n in zipfile.ZipFile(source).namelist() if n.startswith("xl/media/")]
    assert len(media) == 1
    huge = png(8_000, 8_000)  # 64 million pixels, over Pillow's bound of twice the logo's
    hostile = rewrite(source, source.with_name("gambar.xlsx"), lambda n, d: huge if n == media[0] else d)
    refused_copy(limited, hostile, "tidak dapat dibuka utuh untuk disalin")


def test_the_workbook_swapped_after_validation_is_never_copied(limited, rows, make_workbook, tmp_path):
    """The bytes copied are the bytes validated: a file put in the source's place once it was read
    (another kecamatan's, with a merge bomb) changes nothing."""
    source = make_workbook(rows)
    other = dict(rows, office=[dict(rows["office"][0], kecamatan="Tukar")])
    swapped = in_sheet(
        with_notes(make_workbook, other), NOTES, b'<mergeCells><mergeCell ref="A1:XFD1048576"/></mergeCells>'
    )
    target = tmp_path / "baru.xlsx"
    env = {"FAULT_SWAP": str(swapped), "FAULT_SWAP_PATH": str(source)}
    outcome = limited(["tahun-baru", source, "2021", "-o", target], env=env, command=COMMAND)
    outcome.assert_clean(0)
    assert source.read_bytes() == swapped.read_bytes()  # the swap did happen, right after the read
    assert NOTES not in openpyxl.load_workbook(target).sheetnames
    decree, _ = load_decree(target)
    assert decree is not None and decree.office.kecamatan == "Sale" and decree.info.year == 2021


@pytest.mark.parametrize("kind", ["folder", "fifo", "dangling link"])
def test_a_source_that_is_not_a_file_is_one_sentence(limited, tmp_path, kind):
    source = tmp_path / "sale-2020.xlsx"
    if kind == "folder":
        source.mkdir()
    elif kind == "fifo":
        import os

        os.mkfifo(source)
    else:
        source.symlink_to(tmp_path / "tidak-ada.xlsx")
    outcome = limited(["tahun-baru", source, "2021"])
    outcome.assert_clean(2)
    assert str(source) in outcome.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sale-2020.xlsx"]


def test_a_cell_in_the_last_row_of_a_form_sheet_is_copied_without_padding(limited, rows, make_workbook):
    """One filled cell at C1048576 of the Keputusan sheet: the copy holds it, and no million empty cells."""
    source = make_workbook(rows)
    book = openpyxl.load_workbook(source)
    book["Keputusan"]["C1048576"] = "jauh di bawah"
    book.save(source)
    outcome = limited(["tahun-baru", source, "2021"])
    outcome.assert_clean(0)
    target = source.parent / "sale-2021.xlsx"
    assert target.stat().st_size < 2 * source.stat().st_size
    assert openpyxl.load_workbook(target)["Keputusan"]["C1048576"].value == "jauh di bawah"
