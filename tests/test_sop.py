"""The SOP AP document: identity and flowchart tables as Word holds them, and pages as LibreOffice prints
them, with every symbol inside its row's box."""

from __future__ import annotations

import io
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm
from PIL import Image
from pypdf import PdfReader

from generator.model import Decree, SopIdentity, StepKind
from generator.pipeline import load_decree
from generator.sop import build_sop, flowcharts, sop_name
from generator.sop.draw import FILL
from generator.sop.geometry import HEADER_ROW_MM, MARGINS
from generator.sop.route import Shape, draw_page
from tests.conftest import TEMPURSARI
from tests.test_lintas import flow_decree, long_flow

needs_office = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftoppm") is None, reason="LibreOffice tidak terpasang"
)
T, P, D = Shape.TERMINATOR, Shape.PROCESS, Shape.DECISION


@pytest.fixture(scope="module")
def tempursari() -> Decree:
    decree, problems = load_decree(TEMPURSARI)
    assert decree is not None, [str(p) for p in problems.errors]
    return decree


@pytest.fixture(scope="module")
def document(tempursari: Decree):
    return Document(io.BytesIO(build_sop(tempursari)))


def _unique(row) -> list[str]:
    """A row's cell texts, a merged cell once."""
    seen, out = set(), []
    for cell in row.cells:
        if id(cell._tc) not in seen:
            seen.add(id(cell._tc))
            out.append(cell.text.strip())
    return out


def lane_pictures(table, first: int, lanes: int) -> list[list[bool]]:
    """[body row][lane]: whether the cell holds a picture."""
    return [
        [bool(row.cells[first + lane]._tc.xpath(".//pic:pic")) for lane in range(lanes)]
        for row in table.rows[2:]
    ]


def test_sop_name_follows_the_decree_name() -> None:
    assert sop_name("Tempursari", 2024) == "SOP-Tempursari-2024.docx"
    assert sop_name("Kota Baru", 2021) == "SOP-Kota-Baru-2021.docx"


def test_same_workbook_same_bytes(tempursari: Decree) -> None:
    again, _ = load_decree(TEMPURSARI)
    assert build_sop(tempursari) == build_sop(again)


def test_a_decree_without_steps_has_no_sop() -> None:
    with pytest.raises(ValueError, match="lembar Langkah kosong"):
        build_sop(replace(flow_decree(()), steps=()))


def test_landscape_pages_of_the_decree_paper(document) -> None:
    for section in document.sections:
        assert section.orientation is WD_ORIENT.LANDSCAPE
        assert abs(section.page_width - Mm(330)) < Mm(0.1) and abs(section.page_height - Mm(215)) < Mm(0.1)


def test_identity_table_of_the_first_process(document) -> None:
    rows = [_unique(row) for row in document.tables[0].rows]
    office = rows[0][0]
    assert office.split("\n") == [
        "PEMERINTAH KABUPATEN LUMAJANG",
        "KECAMATAN TEMPURSARI",
        "SUBBAG UMUM DAN KEPEGAWAIAN",  # the unit responsible for P.1, P.1.1's parent
    ]
    labels = [row[1] for row in rows[:6]]
    assert labels == [
        "Nomor SOP",
        "Tanggal Pembuatan",
        "Tanggal Revisi",
        "Tanggal Efektif",
        "Disahkan Oleh",
        "Nama SOP",
    ]
    assert rows[2][2] == "-" and rows[5][2] == "Proses Penatausahaan Surat Masuk"
    assert rows[4][2].startswith("CAMAT TEMPURSARI") and rows[4][2].endswith("NIP.")  # name left to fill
    law, qualification = rows[6]
    assert law.split("\n")[:2] == ["Dasar Hukum :", "1.\tUndang-Undang Nomor 43 Tahun 2009 tentang Kearsipan"]
    assert qualification.split("\n") == [
        "Kualifikasi Pelaksana :",
        "1.\tMemahami tata naskah dinas dan kearsipan",
        "2.\tMampu mengoperasikan komputer",
    ]
    assert [row[0].split("\n")[0] for row in rows[6:]] == ["Dasar Hukum :", "Keterkaitan :", "Peringatan :"]
    assert [row[1].split("\n")[0] for row in rows[6:]] == [
        "Kualifikasi Pelaksana :",
        "Peralatan/Perlengkapan :",
        "Pencatatan dan Pendataan :",
    ]


def test_flowchart_table_rows_of_surat_masuk(document) -> None:
    table = document.tables[1]
    head, lanes_row, *body = [_unique(row) for row in table.rows]
    assert head == ["No", "Kegiatan", "Pelaksana", "Mutu Baku", "Keterangan"]
    assert lanes_row == [
        "No",
        "Kegiatan",
        "Subbag Umum dan Kepegawaian",
        "Sekretariat",
        "Camat",
        "Kelengkapan",
        "Waktu",
        "Output",
        "Keterangan",
    ]
    assert [row[0] for row in body] == ["1", "2", "3", "4", "5", "6", "7"]
    assert body[0][1].startswith("Menerima surat masuk dari pengirim")
    assert body[3][1] == "Membaca surat dan menentukan apakah surat perlu ditindaklanjuti"
    assert body[1][-4:] == ["Buku agenda surat masuk, lembar disposisi", "10 menit", "Surat tercatat", ""]


def test_header_rows_repeat_and_no_row_splits(document) -> None:
    for table in document.tables[1:2] + document.tables[3:4] + document.tables[5:6]:
        rows = table.rows
        assert all(row._tr.trPr.find(qn("w:tblHeader")) is not None for row in rows[:2])
        assert all(row._tr.trPr.find(qn("w:tblHeader")) is None for row in rows[2:])
        assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in rows)
        assert all(row.height_rule is not None and row.height_rule.name == "EXACTLY" for row in rows)


def test_symbols_and_their_lanes_of_each_process(tempursari: Decree) -> None:
    found = {}
    for chart in flowcharts(tempursari):
        lane_of = {lane.key: i for i, lane in enumerate(chart.lanes)}
        drawing = draw_page(chart.pages[0], lane_of, len(chart.lanes), chart.columns.lane)
        found[chart.process.code] = [(s.shape, s.lane) for s in drawing.symbols]
        assert len(chart.pages) == 1
    assert found == {
        "P.1.1.1": [(T, 0), (P, 0), (P, 1), (D, 2), (P, 2), (P, 1), (T, 0)],
        "P.1.1.2": [(T, 0), (P, 0), (D, 1), (P, 2), (P, 0), (T, 0)],
        "L.8": [(T, 0), (P, 1), (D, 2), (P, 2), (P, 2), (P, 3), (T, 0)],
    }


def test_decision_branches_are_labelled_where_they_leave(tempursari: Decree) -> None:
    chart = next(c for c in flowcharts(tempursari) if c.process.code == "P.1.1.2")
    lane_of = {lane.key: i for i, lane in enumerate(chart.lanes)}
    drawing = draw_page(chart.pages[0], lane_of, len(chart.lanes), chart.columns.lane)
    decision = drawing.symbols[2]
    labelled = {arrow.label: arrow for arrow in drawing.arrows if arrow.label}
    assert set(labelled) == {"Ya", "Tidak"}
    assert labelled["Ya"].points[0] == decision.port("right")  # on to step 4 in the next lane
    assert labelled["Tidak"].points[0] == decision.port("left")  # back to step 2
    back = labelled["Tidak"].points  # back up to step 2, entered from its side
    assert back[-1][1] == pytest.approx(drawing.symbols[1].cy)


def test_each_step_row_has_its_symbol_in_its_lane_cell(document, tempursari: Decree) -> None:
    chart = flowcharts(tempursari)[0]
    pictures = lane_pictures(document.tables[1], chart.columns.first_lane, len(chart.lanes))
    lane_of = {lane.key: i for i, lane in enumerate(chart.lanes)}
    for row, step in zip(pictures, tempursari.steps_of("P.1.1.1"), strict=True):
        assert row[lane_of[step.pelaksana]], step.number


def test_markup_in_the_workbook_is_printed_as_written(tempursari: Decree) -> None:
    odd = "{{ 7*7 }} <w:t>x</w:t> [bold]y[/bold] & =SUM(A1)"
    steps = tuple(replace(s, activity=odd) if s.number == 2 else s for s in tempursari.steps)
    sops = (replace(tempursari.sops[0], dasar_hukum=(odd,)), *tempursari.sops[1:])
    document = Document(io.BytesIO(build_sop(replace(tempursari, steps=steps, sops=sops))))
    assert _unique(document.tables[1].rows[3])[1] == odd
    assert document.tables[0].rows[6].cells[0].text.split("\n")[1] == f"1.\t{odd}"


def long_sop() -> Decree:
    decree = flow_decree(long_flow(30))
    identity = SopIdentity("Z.1", number="800/1/2024", dasar_hukum=("Peraturan A",))
    return replace(decree, sops=(identity,))


def test_a_long_flowchart_continues_over_pages_through_lettered_connectors() -> None:
    (chart,) = flowcharts(long_sop())
    assert len(chart.pages) >= 2
    first, second = chart.pages[0], chart.pages[1]
    out = [row.connector for row in first.rows if row.connector is not None]
    came = [row.connector for row in second.rows if row.connector is not None and row.connector.incoming]
    assert out and not out[0].incoming and first.rows[-1].connector is not None  # under the page's last step
    assert came and came[0].letter == out[0].letter and second.rows[0].connector is not None
    assert {s.number for page in chart.pages for s in (r.step for r in page.rows) if s} == set(range(1, 31))
    last = chart.pages[-1].rows
    over = [r.connector for r in last[: next(i for i, r in enumerate(last) if r.step)] if r.connector]
    back = [c for c in over if not c.incoming]  # the loop back to step 2 leaves over the last page's steps
    assert len(back) == 1
    under = [r.connector for r in first.rows[[r.step is not None for r in first.rows].index(False) :]]
    assert any(
        c is not None and c.incoming and c.letter == back[0].letter for c in under
    )  # and comes in under
    document = Document(io.BytesIO(build_sop(long_sop())))
    assert len(document.tables) == 1 + len(chart.pages)


# ------------------------------------------------------------------------------------------- on paper


def pdf_of(docx: bytes, folder: Path) -> Path:
    source = folder / "sop.docx"
    source.write_bytes(docx)
    profile = (folder / "profil").as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return folder / "sop.pdf"


def page_texts(pdf: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(str(pdf)).pages]


DPI = 150
PX = DPI / 25.4


def raster(pdf: Path, page: int, folder: Path) -> Image.Image:
    stem = folder / f"p{page}"
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            str(DPI),
            "-f",
            str(page),
            "-l",
            str(page),
            "-png",
            "-singlefile",
            str(pdf),
            str(stem),
        ],
        check=True,
        timeout=60,
    )
    return Image.open(f"{stem}.png").convert("RGB")


def _dark(pixel: tuple[int, int, int]) -> bool:
    return sum(pixel) < 3 * 110


def _runs(flags: list[bool]) -> list[float]:
    """Centres of the runs of True."""
    found, start = [], None
    for index, flag in enumerate([*flags, False]):
        if flag and start is None:
            start = index
        elif not flag and start is not None:
            found.append((start + index - 1) / 2)
            start = None
    return found


def grid(image: Image.Image, chart) -> tuple[list[float], list[float]]:
    """x of the table's vertical borders and y of its horizontal borders, as printed.

    A vertical border runs through the second header row (no arrow goes there) and down the body; a
    horizontal one crosses the No and Keterangan columns, where nothing else is drawn.
    """
    pixels = image.load()
    width, height = image.size
    top, left = int(MARGINS.top * PX) - 4, int(MARGINS.left * PX) - 4
    probe = left + round(4 + 1.5 * PX)  # inside the No column, left of its centred numbers
    y0 = next(y for y in range(top, height) if _dark(pixels[probe, y]))
    second = (HEADER_ROW_MM + 0.8) * PX, (HEADER_ROW_MM + chart.header_height - 0.8) * PX
    heads = [round(y0 + offset) for offset in second]
    body = [int(height * f) for f in (0.3, 0.35, 0.4, 0.45, 0.5)]
    dark_x = [
        all(_dark(pixels[x, y]) for y in heads) and sum(_dark(pixels[x, y]) for y in body) >= 4
        for x in range(left, width)
    ]
    verticals = [left + x for x in _runs(dark_x)]
    xs = [int((verticals[0] + verticals[1]) / 2), int((verticals[-2] + verticals[-1]) / 2)]
    dark_y = [all(_dark(pixels[x, y]) for x in xs) for y in range(top, height)]
    horizontals = [top + y for y in _runs(dark_y)]
    assert len(verticals) == len(chart.columns.widths) + 1, verticals
    return verticals, horizontals


def fill_box(image: Image.Image, box: tuple[float, float, float, float]) -> tuple[int, int, int, int] | None:
    """Bounding box of the symbol colours (pale blue, pale gold) inside a cell."""
    pixels = image.load()
    colours = [FILL[Shape.PROCESS][:3], FILL[Shape.DECISION][:3]]
    left, top, right, bottom = (round(v) for v in box)
    found = [
        (x, y)
        for y in range(top + 1, bottom - 1)
        for x in range(left + 1, right - 1)
        if any(all(abs(a - b) <= 6 for a, b in zip(pixels[x, y], c, strict=True)) for c in colours)
    ]
    if not found:
        return None
    return (
        min(x for x, _ in found),
        min(y for _, y in found),
        max(x for x, _ in found),
        max(y for _, y in found),
    )


def assert_symbols_in_their_rows(image: Image.Image, chart, page_number: int) -> None:
    page = chart.pages[page_number]
    first, lanes = chart.columns.first_lane, len(chart.lanes)
    verticals, horizontals = grid(image, chart)
    lane_of = {lane.key: i for i, lane in enumerate(chart.lanes)}
    # the table's top, the line under the merged header, the header's bottom, then one line per row;
    # only full-width lines count, and the first header line does not cross the merged cells' column
    body = horizontals[-(len(page.rows) + 1) :]
    for index, row in enumerate(page.rows):
        if row.step is None:
            continue
        lane = lane_of[row.step.pelaksana]
        cell = (verticals[first + lane], body[index], verticals[first + lane + 1], body[index + 1])
        found = fill_box(image, cell)
        assert found is not None, (chart.process.code, row.step.number)
        x1, y1, x2, y2 = found
        assert cell[0] < x1 and x2 < cell[2] and cell[1] < y1 and y2 < cell[3], (row.step.number, cell, found)
        centre, middle = (x1 + x2) / 2, (y1 + y2) / 2
        assert abs(centre - (cell[0] + cell[2]) / 2) < 1.0 * PX, (row.step.number, centre, cell)
        assert abs(middle - (cell[1] + cell[3]) / 2) < 1.0 * PX, (row.step.number, middle, cell)
    assert first + lanes < len(verticals)


@needs_office
def test_on_paper_symbols_sit_in_their_rows_and_headers_repeat(tempursari: Decree, tmp_path: Path) -> None:
    pdf = pdf_of(build_sop(tempursari), tmp_path)
    reader = PdfReader(str(pdf))
    assert len(reader.pages) == 6  # per process: identity, flowchart
    for page in reader.pages:
        assert page.mediabox.width > page.mediabox.height
    pages = page_texts(pdf)
    assert all("Nomor SOP" in pages[i] and "Dasar Hukum" in pages[i] for i in (0, 2, 4))
    assert all("Pelaksana" in pages[i] and "Mutu Baku" in pages[i] for i in (1, 3, 5))
    for number, chart in enumerate(flowcharts(tempursari)):
        assert_symbols_in_their_rows(raster(pdf, 2 + 2 * number, tmp_path), chart, 0)


@needs_office
def test_on_paper_a_long_flowchart_has_its_header_and_connectors_on_every_page(tmp_path: Path) -> None:
    subject = long_sop()
    (chart,) = flowcharts(subject)
    pdf = pdf_of(build_sop(subject), tmp_path)
    pages = page_texts(pdf)
    assert len(pages) == 1 + len(chart.pages)  # nothing spills: the program cut the pages
    for number, text in enumerate(pages[1:]):
        assert "Pelaksana" in text and "Mutu Baku" in text and "Kegiatan" in text
        steps = [r.step.number for r in chart.pages[number].rows if r.step]
        assert f"Kegiatan langkah {steps[0]}" in text and f"Kegiatan langkah {steps[-1]}" in text
    for number in range(len(chart.pages)):
        assert_symbols_in_their_rows(raster(pdf, 2 + number, tmp_path), chart, number)


def test_decision_rows_are_gold_and_others_blue(tempursari: Decree) -> None:
    chart = flowcharts(tempursari)[0]
    lane_of = {lane.key: i for i, lane in enumerate(chart.lanes)}
    for row, tiles in zip(chart.pages[0].rows, chart.tiles[0], strict=True):
        picture = Image.open(io.BytesIO(tiles[lane_of[row.step.pelaksana]])).convert("RGB")
        colours = {colour for _, colour in picture.getcolors(1 << 16)}
        gold = FILL[Shape.DECISION][:3] in colours
        assert gold == (row.step.kind is StepKind.KEPUTUSAN)


# ------------------------------------------------------------------------------------------ the command


def test_buat_sop_writes_beside_the_decree_and_never_over_an_edited_file(tmp_path: Path, capsys) -> None:
    from generator.cli import EXIT_FAILED, EXIT_OK, main

    out = tmp_path / "hasil"
    command = ["buat", str(TEMPURSARI), "-o", str(out), "--sop", "--tanpa-gambar", "-j", "1"]
    assert main(command) == EXIT_OK
    sop = out / "SOP-Tempursari-2024.docx"
    assert sop.is_file() and (out / ".SOP-Tempursari-2024.docx.sha256").is_file()
    assert "SOP-Tempursari-2024.docx" in capsys.readouterr().err
    first = sop.read_bytes()
    assert main(command) == EXIT_OK and sop.read_bytes() == first
    assert "tidak berubah" in capsys.readouterr().err
    sop.write_bytes(first + b"diubah")
    assert main(command) == EXIT_FAILED
    assert "tidak ditimpa" in capsys.readouterr().err and sop.read_bytes().endswith(b"diubah")
    assert main([*command, "--timpa"]) == EXIT_OK and sop.read_bytes() == first


def test_buat_sop_without_steps_says_so_and_writes_no_sop(tmp_path: Path, capsys) -> None:
    from generator.cli import EXIT_OK, main
    from tests.conftest import SALE

    assert main(["buat", str(SALE), "-o", str(tmp_path), "--sop", "--tanpa-gambar", "-j", "1"]) == EXIT_OK
    assert "Belum ada proses yang dijabarkan ke dalam langkah" in capsys.readouterr().err
    assert not list(tmp_path.glob("SOP-*"))


TABLE_PROPERTIES = (
    "w:tblStyle w:tblpPr w:tblOverlap w:bidiVisual w:tblStyleRowBandSize w:tblStyleColBandSize w:tblW w:jc "
    "w:tblCellSpacing w:tblInd w:tblBorders w:shd w:tblLayout w:tblCellMar w:tblLook w:tblCaption "
    "w:tblDescription w:tblPrChange"
).split()
CELL_PROPERTIES = (
    "w:cnfStyle w:tcW w:gridSpan w:hMerge w:vMerge w:tcBorders w:shd w:noWrap w:tcMar w:textDirection "
    "w:tcFitText w:vAlign w:hideMark w:headers w:cellIns w:cellDel w:cellMerge w:tcPrChange"
).split()


def test_table_properties_follow_the_order_word_requires(document) -> None:
    """Word refuses a document whose properties come out of the schema's order (LibreOffice would not
    tell): every table, row and cell property list of the SOP is in that order, without repeats."""
    from generator.sop.document import ROW_PROPERTIES

    body = document.element.body
    for path, order in (
        ("//w:tblPr", TABLE_PROPERTIES),
        ("//w:trPr", ROW_PROPERTIES),
        ("//w:tcPr", CELL_PROPERTIES),
    ):
        rank = {qn(tag): index for index, tag in enumerate(order)}
        for properties in body.xpath(path):
            found = [rank[child.tag] for child in properties]
            assert found == sorted(set(found)) and len(found) == len(set(found)), [c.tag for c in properties]
