"""The SOP AP document as Word builds it: per process an identity table, then its flowchart pages.

Layout of PermenPAN-RB 35/2012 (SOP Administrasi Pemerintahan) on landscape pages of the decree's
paper. The font and sizes are fixed here rather than in an editable template: the flowchart's exact
row heights are measured with them, and text in a row of exact height that no longer fits is cut off.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.image.image import Image as DocxImage
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.shape import CT_Inline
from docx.parts.image import ImagePart
from docx.shared import Emu, Mm, Pt
from docx.table import Table, _Cell, _Row

from ..formatting import format_date, format_nip
from ..model import Decree, Lane, Process, SopIdentity
from .draw import Tile
from .geometry import FONT_PT, HEADER_ROW_MM, MARGINS, TEXT_PAD_MM, TEXT_VPAD_MM, Columns
from .pages import Page

BLANK = "\u00a0" * 24  # a place to fill by hand, as in the decree
TEXT = "SOP Teks"
HEAD = "SOP Judul Kolom"
PICTURE = "SOP Gambar"
NOTHING = "-"
LOGO_MM = 20
SIGNATURE_LINES = 3
ITEM_INDENT_MM = 6
IDENTITY_ROW_MM = 8  # least height of a row of the identity's upper part
LIST_ROW_MM = 36  # least height of a row of its lists: the table fills most of the page
_UNUSED_PARTS = ("stylesWithEffects", "customXml", "thumbnail")
TWIPS_PER_MM = 1440 / 25.4
ROW_PROPERTIES = (  # the order of w:trPr's children in the WordprocessingML schema
    "w:cnfStyle",
    "w:divId",
    "w:gridBefore",
    "w:gridAfter",
    "w:wBefore",
    "w:wAfter",
    "w:cantSplit",
    "w:trHeight",
    "w:tblHeader",
    "w:tblCellSpacing",
    "w:jc",
    "w:hidden",
    "w:ins",
    "w:del",
    "w:trPrChange",
)


@dataclass(frozen=True)
class Flowchart:
    """One process's flowchart as it will be printed: its columns, lanes, pages and their pictures."""

    process: Process
    identity: SopIdentity
    lanes: tuple[Lane, ...]
    columns: Columns
    header_height: float
    pages: tuple[Page, ...]
    tiles: tuple[list[list[Tile]], ...]  # per page: [row][lane]


class Pictures:
    """The pictures of one document, each distinct picture stored once, as media/sop<n>.<ext>.

    python-docx compares every new picture with all pictures already stored (hashing each again) and
    numbers it by reading every id of the document: fine for a few pictures, slow for the hundreds of
    cells of a long flowchart. Here pictures are told apart by their bytes and ids are counted.
    """

    def __init__(self, document: DocumentObject) -> None:
        self.part = document.part
        self.known: dict[bytes, tuple[str, str, DocxImage]] = {}
        self.last_id = self.part.next_id

    def add(self, run, data: bytes, width_mm: float, height_mm: float | None = None) -> None:
        found = self.known.get(data)
        if found is None:
            image = DocxImage.from_blob(data)
            name = PackURI(f"/word/media/sop{len(self.known) + 1}.{image.ext}")
            r_id = self.part.relate_to(ImagePart.from_image(image, name), RT.IMAGE)
            found = self.known[data] = (r_id, image.filename, image)
        r_id, filename, image = found
        if height_mm is None:
            height_mm = width_mm * image.px_height / image.px_width
        self.last_id += 1
        inline = CT_Inline.new_pic_inline(self.last_id, r_id, filename, Emu(Mm(width_mm)), Emu(Mm(height_mm)))
        for side in ("distT", "distB", "distL", "distR"):  # LibreOffice otherwise keeps 0.13 inch beside it
            inline.set(side, "0")
        run._r.add_drawing(inline)


_STYLE_IDS: dict[str, str] = {TEXT: "SOPTeks", HEAD: "SOPJudulKolom", PICTURE: "SOPGambar"}


def _style(paragraph, name: str) -> None:
    """Set a paragraph's style by its id: python-docx's lookup by name reads every style each time."""
    paragraph._p.style = _STYLE_IDS[name]


def new_document(decree: Decree) -> DocumentObject:
    """An empty landscape document on the decree's paper, with the SOP's styles and a page footer."""
    document = Document()
    for rels in (document.part.rels, document.part.package.rels):
        for r_id, rel in list(rels.items()):
            if any(rel.reltype.endswith(name) for name in _UNUSED_PARTS):
                rels.pop(r_id)
    body = document.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        body.remove(paragraph)
    _styles(document)
    section = document.sections[0]
    width, height = decree.info.paper.size_mm
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(height), Mm(width)
    section.top_margin, section.bottom_margin = Mm(MARGINS.top), Mm(MARGINS.bottom)
    section.left_margin, section.right_margin = Mm(MARGINS.left), Mm(MARGINS.right)
    section.header_distance, section.footer_distance = Mm(7), Mm(7)
    _footer(section.footer.paragraphs[0], f"SOP {decree.kecamatan_title} Tahun {decree.info.year}")
    return document


def page_size_mm(decree: Decree) -> tuple[float, float]:
    """(width, height) of the text block of a landscape page."""
    width, height = decree.info.paper.size_mm
    return height - MARGINS.left - MARGINS.right, width - MARGINS.top - MARGINS.bottom


def _styles(document: DocumentObject) -> None:
    normal = document.styles["Normal"]
    _font(normal, FONT_PT)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    text = document.styles.add_style(TEXT, 1)
    text.base_style = normal
    text.paragraph_format.space_before = Mm(TEXT_VPAD_MM)  # not cell margins: a picture fills its cell
    text.paragraph_format.left_indent = Mm(TEXT_PAD_MM)
    text.paragraph_format.right_indent = Mm(TEXT_PAD_MM)
    head = document.styles.add_style(HEAD, 1)
    head.base_style = text
    head.font.bold = True
    head.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture = document.styles.add_style(PICTURE, 1)
    picture.base_style = normal
    _font(picture, 1)


def _font(style, size: float) -> None:
    style.font.name = "Arial"
    style.font.size = Pt(size)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), "Arial")


def _footer(paragraph, text: str) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    run = paragraph.add_run(f"{text} \u2014 halaman ")
    run.font.size = Pt(8)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    inner = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "16")
    properties.append(size)
    inner.append(properties)
    number = OxmlElement("w:t")
    number.text = "1"
    inner.append(number)
    field.append(inner)
    paragraph._p.append(field)


# ----------------------------------------------------------------------------------- table helpers


def _table(document: DocumentObject, widths_mm: Sequence[float], rows: int) -> Table:
    """A fixed-layout grid table with these column widths (in whole twips), centred."""
    twips = [round(w * TWIPS_PER_MM) for w in widths_mm]
    table = document.add_table(rows=rows, cols=len(twips))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # w:tblLayout fixed
    properties = table._tbl.tblPr
    width = properties.find(qn("w:tblW"))
    width.set(qn("w:type"), "dxa")
    width.set(qn("w:w"), str(sum(twips)))
    margins = OxmlElement("w:tblCellMar")
    for side in ("top", "left", "bottom", "right"):  # none: text is kept off the borders by its indents
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), "0")
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    properties.insert_element_before(
        margins, "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange"
    )
    for column, value in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), twips, strict=True):
        column.set(qn("w:w"), str(value))
    for row in table.rows:
        for cell, value in zip(row.cells, twips, strict=True):
            cell.width = value * 635  # EMU per twip
    return table


def _exact(row: _Row, height_mm: float, rule: WD_ROW_HEIGHT_RULE = WD_ROW_HEIGHT_RULE.EXACTLY) -> None:
    row.height_rule = rule
    row.height = round(height_mm * TWIPS_PER_MM) * 635


def _keep(row: _Row, header: bool = False) -> None:
    """The row never splits over two pages; a header row repeats on every page of its table."""
    properties = row._tr.get_or_add_trPr()
    properties.insert_element_before(OxmlElement("w:cantSplit"), *ROW_PROPERTIES[7:])
    if header:
        properties.insert_element_before(OxmlElement("w:tblHeader"), *ROW_PROPERTIES[9:])


def _write(cell: _Cell, text: str, style: str = TEXT, *, bold: bool = False, center: bool = False) -> None:
    """Text into a cell's first paragraph; line breaks typed in the text kept."""
    paragraph = cell.paragraphs[0]
    _style(paragraph, style)
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    lines = text.split("\n")
    run = paragraph.add_run(lines[0])
    run.bold = bold or None
    for line in lines[1:]:
        run.add_break()
        run.add_text(line)


def _paragraph(cell: _Cell, text: str, *, bold: bool = False, center: bool = False, underline: bool = False):
    paragraph = cell.add_paragraph()
    _style(paragraph, TEXT)
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.bold = bold or None
    run.underline = underline or None
    return paragraph


def page_break(document: DocumentObject) -> None:
    """A tiny paragraph holding a page break: the next table starts at the top of a new page."""
    paragraph = document.add_paragraph()
    _style(paragraph, PICTURE)
    paragraph.add_run().add_break(WD_BREAK.PAGE)


# ------------------------------------------------------------------------------------ identity page


def identity(
    document: DocumentObject, pictures: Pictures, decree: Decree, chart: Flowchart, width: float
) -> None:
    """The identity table: the office and unit, number, dates, approval, name, then six lists."""
    sop, process = chart.identity, chart.process
    left, labels = width * 0.36, width * 0.20  # office block; labels (the lower halves meet under them)
    grid = (left, width / 2 - left, labels - (width / 2 - left), width - left - labels)
    table = _table(document, grid, 9)
    rows = table.rows
    office = rows[0].cells[0].merge(rows[5].cells[0])
    office.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    _office(office, pictures, decree, process)
    approver = sop.approver or decree.signer.position
    name = sop.approver_name if sop.approver else (sop.approver_name or decree.signer.name)
    nip = sop.approver_nip if sop.approver else (sop.approver_nip or decree.signer.nip)
    fields = (
        ("Nomor SOP", sop.number.strip() or BLANK),
        ("Tanggal Pembuatan", _date(sop.made)),
        ("Tanggal Revisi", format_date(sop.revised) if sop.revised else NOTHING),
        ("Tanggal Efektif", _date(sop.effective)),
        ("Disahkan Oleh", ""),
        ("Nama SOP", sop.name.strip() or process.name),
    )
    for index, (title, value) in enumerate(fields):
        row = rows[index]
        label_cell = row.cells[1].merge(row.cells[2])
        _write(label_cell, title, bold=True)
        value_cell = row.cells[3]
        if title == "Disahkan Oleh":
            _write(value_cell, approver, bold=True, center=True)
            for _ in range(SIGNATURE_LINES):
                _paragraph(value_cell, "")
            _paragraph(
                value_cell, name.strip() or BLANK, bold=True, center=True, underline=bool(name.strip())
            )
            _paragraph(value_cell, f"NIP. {format_nip(nip)}" if nip.strip() else f"NIP. {BLANK}", center=True)
        else:
            _write(value_cell, value, bold=title == "Nama SOP")
        _keep(row)
        _exact(row, IDENTITY_ROW_MM, WD_ROW_HEIGHT_RULE.AT_LEAST)
    lists = (
        (("Dasar Hukum", sop.dasar_hukum), ("Kualifikasi Pelaksana", sop.kualifikasi)),
        (("Keterkaitan", sop.keterkaitan), ("Peralatan/Perlengkapan", sop.peralatan)),
        (("Peringatan", sop.peringatan), ("Pencatatan dan Pendataan", sop.pencatatan)),
    )
    for offset, pair in enumerate(lists):
        row = rows[6 + offset]
        cells = (row.cells[0].merge(row.cells[1]), row.cells[2].merge(row.cells[3]))
        for cell, (title, items) in zip(cells, pair, strict=True):
            _write(cell, f"{title} :", bold=True)
            _items(cell, items)
        _keep(row)
        _exact(row, LIST_ROW_MM, WD_ROW_HEIGHT_RULE.AT_LEAST)


def _date(value: dt.date | None) -> str:
    return format_date(value) if value else BLANK


def _office(cell: _Cell, pictures: Pictures, decree: Decree, process: Process) -> None:
    """The left block: the logo, the government, the kecamatan and the process's responsible unit."""
    paragraph = cell.paragraphs[0]
    _style(paragraph, TEXT)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if decree.office.logo is not None:
        pictures.add(paragraph.add_run(), decree.office.logo.data, LOGO_MM)
        paragraph = cell.add_paragraph()
        _style(paragraph, TEXT)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(decree.office.government.strip().upper()).bold = True
    _paragraph(cell, f"KECAMATAN {decree.office.kecamatan.strip().upper()}", bold=True, center=True)
    unit = _unit_name(decree, process)
    if unit:
        _paragraph(cell, unit.upper(), bold=True, center=True)


def _unit_name(decree: Decree, process: Process) -> str:
    """The unit responsible for the process, or for its nearest ancestor that names one."""
    processes = {p.code: p for p in decree.processes}
    units = {u.code: u for u in decree.units}
    current: Process | None = process
    seen: set[str] = set()
    while current is not None and current.code not in seen:
        seen.add(current.code)
        if current.unit in units:
            return units[current.unit].name.strip()
        current = processes.get(current.parent) if current.parent else None
    return ""


def _items(cell: _Cell, items: Sequence[str]) -> None:
    if not items:
        _paragraph(cell, NOTHING)
        return
    for number, item in enumerate(items, start=1):
        paragraph = _paragraph(cell, f"{number}.\t{item}")
        paragraph.paragraph_format.left_indent = Mm(TEXT_PAD_MM + ITEM_INDENT_MM)
        paragraph.paragraph_format.first_line_indent = Mm(-ITEM_INDENT_MM)
        paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(TEXT_PAD_MM + ITEM_INDENT_MM))


# ---------------------------------------------------------------------------------- flowchart pages


def flowchart(document: DocumentObject, pictures: Pictures, chart: Flowchart) -> None:
    """Every page of one process's flowchart: a table per page, its two header rows on each."""
    for number, (page, tiles) in enumerate(zip(chart.pages, chart.tiles, strict=True)):
        if number:
            page_break(document)
        _flowchart_page(document, pictures, chart, page, tiles)


def _flowchart_page(
    document: DocumentObject, pictures: Pictures, chart: Flowchart, page: Page, tiles: list[list[Tile]]
) -> None:
    cols = chart.columns
    lanes = len(chart.lanes)
    first = cols.first_lane
    table = _table(document, cols.widths, 2 + len(page.rows))
    top, second = table.rows[0], table.rows[1]
    for cell_index, title in ((0, "No"), (1, "Kegiatan"), (first + lanes + 3, "Keterangan")):
        merged = top.cells[cell_index].merge(second.cells[cell_index])
        merged.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        _write(merged, title, HEAD)
    pelaksana = top.cells[first].merge(top.cells[first + lanes - 1]) if lanes > 1 else top.cells[first]
    _write(pelaksana, "Pelaksana", HEAD)
    mutu = top.cells[first + lanes].merge(top.cells[first + lanes + 2])
    _write(mutu, "Mutu Baku", HEAD)
    for offset, lane in enumerate(chart.lanes):
        cell = second.cells[first + offset]
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        _write(cell, lane.name, HEAD)
    for offset, title in enumerate(("Kelengkapan", "Waktu", "Output")):
        cell = second.cells[first + lanes + offset]
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        _write(cell, title, HEAD)
    _exact(top, HEADER_ROW_MM)
    _exact(second, chart.header_height)
    _keep(top, header=True)
    _keep(second, header=True)
    for index, row in enumerate(page.rows):
        table_row = table.rows[2 + index]
        _exact(table_row, row.height)
        _keep(table_row)
        cells = table_row.cells
        if row.step is not None:
            step = row.step
            _write(cells[0], str(step.number), center=True)
            _write(cells[1], step.activity)
            for offset, text in enumerate((step.kelengkapan, step.waktu, step.output, step.keterangan)):
                _write(cells[first + lanes + offset], text)
        for lane in range(lanes):
            cell = cells[first + lane]
            paragraph = cell.paragraphs[0]
            _style(paragraph, PICTURE)
            tile = tiles[index][lane]
            if tile is not None:
                pictures.add(paragraph.add_run(), tile, cols.lane, row.height)
