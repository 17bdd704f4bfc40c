"""Build templates/keputusan.docx: a style-based docxtpl template of the Keputusan Camat and Lampiran.

Run ``python scripts/build_template.py`` after changing this file and commit both. The .docx is what a
kabupaten later edits in Word: every font, size, indent and tab stop lives in a named style, every
Jinja tag sits in one run of its own, and layout (paper, margins, page numbers) in the sections.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Cm, Mm, Pt
from docx.styles.style import BaseStyle, ParagraphStyle
from docx.table import Table, _Cell

from generator.writer import reproducible_zip

ROOT = Path(__file__).resolve().parent.parent

OUTPUT = ROOT / "templates" / "keputusan.docx"
TEMPLATE_DATE = dt.datetime(2020, 1, 1)  # fixed, so rebuilding gives the same bytes

FONT = "Arial"
BODY_SIZE = 12
KOP_SIZES = (16, 24, 8)  # pemda, kecamatan, alamat: the 2:3:1 ratio of a kop
PAGE_MM = (215, 330)  # F4; render.py sets the paper of each decree
MARGINS_CM = {"left": 3.0, "right": 2.0, "top": 2.0, "bottom": 2.5}
TEXT_WIDTH_CM = 16.0  # narrowest text width (A4); tables fit both papers
STEP = 0.75  # indent step of lists, cm

# Label columns of "Menimbang : a. text" and "KESATU : text" (cm from the left margin).
LABEL_COLON, LABEL_LETTER, LABEL_TEXT = 3.25, 3.75, 4.5
DIKTUM_COLON, DIKTUM_TEXT = 3.25, 3.75
SIGN_INDENT = 8.5  # signature block's left edge; render widens it for a long name (generator/layout.py)
QR_SIZE = 2.5  # cm: the marked space for the QR specimen of an electronic signature
COVER_DROP = 280  # points above the cover title: about the middle of an F4 or A4 page
LAMPIRAN_INDENT, LAMPIRAN_COLON, LAMPIRAN_TEXT = 7.5, 10.0, 10.5

KEEP_STYLES = {
    "Normal",
    "Default Paragraph Font",
    "Normal Table",
    "No List",
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "Heading 4",
    "Header",
    "Footer",
}

Run = str  # one run of text; "\t" is a tab, "\n" a line break

# Children of w:pPr in schema order (CT_PPr), for properties python-docx has no setter for.
PPR_ORDER = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
    "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
    "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
    "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip


# ---------------------------------------------------------------------------- styles


def _clear_styles(doc: DocumentObject) -> None:
    """Drop the default template's showcase styles so Word lists only what this document uses."""
    root = doc.styles.element
    for style in list(doc.styles):
        if style.name not in KEEP_STYLES:
            root.remove(style.element)
    for style in doc.styles:
        element = style.element
        for tag in ("w:link", "w:rsid", "w:pPr", "w:rPr"):
            for child in element.findall(qn(tag)):
                element.remove(child)


def _doc_defaults(doc: DocumentObject) -> None:
    """Arial 12, Indonesian proofing, single spacing, no paragraph gaps: the base of every style."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(rpr):
        rpr.remove(child)
    fonts = OxmlElement("w:rFonts")
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    rpr.append(fonts)
    for tag in ("w:sz", "w:szCs"):
        size = OxmlElement(tag)
        size.set(qn("w:val"), str(BODY_SIZE * 2))
        rpr.append(size)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "id-ID")
    lang.set(qn("w:eastAsia"), "id-ID")
    lang.set(qn("w:bidi"), "ar-SA")
    rpr.append(lang)
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    for child in list(ppr):
        ppr.remove(child)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    spacing.set(qn("w:lineRule"), "auto")
    ppr.append(spacing)


def _set_font(style: BaseStyle, size: float | None = None, bold: bool | None = None) -> None:
    """Size and weight of a style; the typeface only on Normal, so one change in Word moves all."""
    if style.name == "Normal":
        style.font.name = FONT
        fonts = style.element.rPr.find(qn("w:rFonts"))
        fonts.set(qn("w:eastAsia"), FONT)
        fonts.set(qn("w:cs"), FONT)
    if size is not None:
        style.font.size = Pt(size)
        size_cs = OxmlElement("w:szCs")
        size_cs.set(qn("w:val"), str(int(size * 2)))
        style.element.rPr.append(size_cs)
    if bold is not None:
        style.font.bold = bold


def _paragraph_style(
    doc: DocumentObject,
    name: str,
    *,
    base: str = "Normal",
    size: float | None = None,
    bold: bool | None = None,
    italic: bool | None = None,
    underline: bool | None = None,
    align: WD_ALIGN_PARAGRAPH | None = None,
    left: float | None = None,
    hanging: float | None = None,
    before: float | None = None,
    after: float | None = None,
    tabs: Sequence[float] = (),
    keep_next: bool | None = None,
    keep_lines: bool | None = None,
    outline: int | None = None,
    next_style: str | None = None,
) -> ParagraphStyle:
    """A named paragraph style (indents in cm, spacing in points); unset values are inherited."""
    styles = doc.styles
    if name in {s.name for s in styles}:
        style = styles[name]
    else:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles[base] if name != "Normal" else None
    style.quick_style = True
    _set_font(style, size, bold)
    if italic is not None:
        style.font.italic = italic
    if underline is not None:
        style.font.underline = underline
    fmt = style.paragraph_format
    if name == "Normal":
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        fmt.widow_control = True
    settings = {
        "alignment": align,
        "left_indent": None if left is None else Cm(left),
        "first_line_indent": None if hanging is None else Cm(-hanging),
        "space_before": None if before is None else Pt(before),
        "space_after": None if after is None else Pt(after),
        "keep_with_next": keep_next,
        "keep_together": keep_lines,
    }
    for attribute, value in settings.items():
        if value is not None:
            setattr(fmt, attribute, value)
    for position in tabs:
        fmt.tab_stops.add_tab_stop(Cm(position), WD_TAB_ALIGNMENT.LEFT)
    if outline is not None:
        level = OxmlElement("w:outlineLvl")
        level.set(qn("w:val"), str(outline))
        style.element.get_or_add_pPr().append(level)
    if next_style is not None:
        style.next_paragraph_style = styles[next_style]
    return style


def _no_hyphenation(style: ParagraphStyle) -> None:
    """Hyphenation off for the style, even where a Word installation turns automatic hyphenation on."""
    ppr = style.element.get_or_add_pPr()
    if ppr.find(qn("w:suppressAutoHyphens")) is None:
        tag_name = "w:suppressAutoHyphens"
        ppr.insert_element_before(OxmlElement(tag_name), *PPR_ORDER[PPR_ORDER.index(tag_name) + 1 :])


def _bottom_border(style: ParagraphStyle, kind: str, size: int, space: int = 1) -> None:
    """A rule under every paragraph of the style (kop line, Lampiran header)."""
    ppr = style.element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), kind)
    bottom.set(qn("w:sz"), str(size))
    bottom.set(qn("w:space"), str(space))
    bottom.set(qn("w:color"), "000000")
    borders.append(bottom)
    # w:pBdr comes before w:spacing/w:ind/w:jc in CT_PPr; keepNext/keepLines/widowControl precede it.
    anchor = None
    for tag in ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:spacing", "w:ind", "w:jc"):
        found = ppr.find(qn(tag))
        if found is not None:
            anchor = found
            break
    if anchor is None:
        ppr.append(borders)
    else:
        anchor.addprevious(borders)


def _table_style(
    doc: DocumentObject,
    name: str,
    borders: bool,
    *,
    line: str = "single",
    cell_margins: tuple[int, int, int, int] = (40, 100, 40, 100),
) -> None:
    """A table style: full grid (Lampiran tables, dashed for the QR space) or none (kop, signature)."""
    style = doc.styles.add_style(name, WD_STYLE_TYPE.TABLE)
    style.base_style = doc.styles["Normal Table"]
    style.quick_style = True
    tbl_pr = OxmlElement("w:tblPr")
    if borders:
        edges = OxmlElement("w:tblBorders")
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            border = OxmlElement(f"w:{edge}")
            border.set(qn("w:val"), line)
            border.set(qn("w:sz"), "6")
            border.set(qn("w:space"), "0")
            border.set(qn("w:color"), "000000")
            edges.append(border)
        tbl_pr.append(edges)
    margins = OxmlElement("w:tblCellMar")
    for edge, width in zip(("top", "left", "bottom", "right"), cell_margins, strict=True):
        margin = OxmlElement(f"w:{edge}")
        margin.set(qn("w:w"), str(width))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    tbl_pr.append(margins)
    style.element.append(tbl_pr)


def define_styles(doc: DocumentObject) -> None:
    """Every style the template uses, in the order Word lists them."""
    _clear_styles(doc)
    _doc_defaults(doc)
    center, justify = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY
    p = _paragraph_style
    p(doc, "Normal", size=BODY_SIZE, left=0, hanging=0, before=0, after=0)

    # cover
    p(doc, "Sampul Judul", size=28, bold=True, align=center, before=COVER_DROP, keep_lines=True)

    # kop (letterhead)
    pemda, kecamatan, alamat = KOP_SIZES
    p(doc, "Kop Pemda", size=pemda, bold=True, align=center)
    p(doc, "Kop Kecamatan", size=kecamatan, bold=True, align=center)
    p(doc, "Kop Alamat", size=alamat, bold=True, align=center)
    p(doc, "Kop Logo", align=center)
    rule = p(doc, "Garis Kop", size=2, after=12)
    _bottom_border(rule, "thickThinSmallGap", 24)

    # title block and body of the decree
    p(doc, "Judul Keputusan", bold=True, align=center, after=12, keep_next=True)
    p(doc, "Judul Tengah", align=center, after=12, keep_next=True)
    menimbang = p(
        doc,
        "Butir Menimbang",
        align=justify,
        left=LABEL_TEXT,
        hanging=LABEL_TEXT,
        after=6,
        tabs=(LABEL_COLON, LABEL_LETTER, LABEL_TEXT),
    )
    _no_hyphenation(menimbang)
    p(doc, "Butir Mengingat", base="Butir Menimbang")
    p(doc, "Memutuskan", align=center, before=12, after=12, keep_next=True)
    diktum = p(
        doc,
        "Diktum",
        align=justify,
        left=DIKTUM_TEXT,
        hanging=DIKTUM_TEXT,
        after=6,
        tabs=(DIKTUM_COLON, DIKTUM_TEXT),
    )
    _no_hyphenation(diktum)
    p(doc, "Menetapkan", base="Diktum", keep_next=True)  # never the last line of a page before KESATU
    p(
        doc,
        "Butir Diktum",
        align=justify,
        left=DIKTUM_TEXT + STEP,
        hanging=STEP,
        after=6,
        tabs=(DIKTUM_TEXT + STEP,),
    )

    # signature block: the right cell of a one-row table whose row never splits across pages
    # a spacer before the block: LibreOffice would merge a table right before it into the block's table
    p(doc, "Jarak Tanda Tangan", size=2, keep_next=True)
    p(doc, "Tanda Tangan", left=0)
    p(doc, "Tanda Tangan Awal", base="Tanda Tangan", before=18)
    p(doc, "Tanda Tangan Nama", base="Tanda Tangan", bold=True, underline=True, before=60)
    p(doc, "Tanda Tangan Akhir", base="Tanda Tangan")
    p(doc, "Tanda Tangan Elektronik", base="Tanda Tangan", before=6)
    p(doc, "Tanda Tangan Jabatan Elektronik", base="Tanda Tangan", after=4)
    p(doc, "Tanda Tangan Nama Elektronik", base="Tanda Tangan Nama", before=6)
    p(doc, "Spesimen TTE", base="Tanda Tangan", size=7, align=center)
    p(doc, "Tembusan Judul", before=24, keep_next=True)
    p(doc, "Butir Tembusan", left=STEP, hanging=STEP, tabs=(STEP,))

    # Lampiran
    p(
        doc,
        "Lampiran Kepala",
        left=LAMPIRAN_TEXT,
        hanging=LAMPIRAN_TEXT - LAMPIRAN_INDENT,
        tabs=(LAMPIRAN_COLON, LAMPIRAN_TEXT),
        keep_next=True,
    )
    header_end = p(doc, "Lampiran Kepala Akhir", base="Lampiran Kepala", after=18)
    _bottom_border(header_end, "single", 8, space=4)
    p(doc, "Isi", align=justify, after=6)
    p(
        doc,
        "Heading 1",
        bold=True,
        align=center,
        before=12,
        after=12,
        keep_next=True,
        keep_lines=True,
        outline=0,
        next_style="Isi",
    )
    p(
        doc,
        "Heading 2",
        bold=True,
        before=12,
        after=6,
        keep_next=True,
        keep_lines=True,
        outline=1,
        next_style="Isi",
    )
    p(
        doc,
        "Heading 3",
        bold=True,
        before=12,
        after=6,
        keep_next=True,
        keep_lines=True,
        outline=2,
        next_style="Normal",
    )
    p(
        doc,
        "Heading 4",
        bold=True,
        italic=False,
        left=STEP,
        before=6,
        after=6,
        keep_next=True,
        keep_lines=True,
        outline=3,
        next_style="Normal",
    )
    p(doc, "Isi Tingkat 1", base="Isi", left=STEP)
    p(doc, "Isi Tingkat 2", base="Isi", left=2 * STEP)
    p(doc, "Butir Tingkat 1", align=justify, left=2 * STEP, hanging=STEP, after=3, tabs=(2 * STEP,))
    p(doc, "Butir Tingkat 2", align=justify, left=3 * STEP, hanging=STEP, after=3, tabs=(3 * STEP,))
    p(doc, "Butir Narasi", align=justify, left=STEP, hanging=STEP, after=3, tabs=(STEP,))
    p(doc, "Judul Bagan", bold=True, align=center, before=12, after=6, keep_next=True)
    p(doc, "Gambar", align=center, before=6, after=3, keep_next=True)
    p(doc, "Keterangan Gambar", size=11, align=center, after=12)
    p(doc, "Tabel Kepala", size=11, bold=True, align=center, keep_next=True)
    p(doc, "Tabel Tengah", size=11, align=center)
    p(doc, "Tabel Isi", size=11)
    p(doc, "Tabel Rapat Kepala", base="Tabel Kepala", size=10)  # the six-column IKU table
    p(doc, "Tabel Rapat Tengah", base="Tabel Tengah", size=10)
    p(doc, "Tabel Rapat Isi", base="Tabel Isi", size=10)
    p(doc, "Kinerja", bold=True, before=6, keep_next=True)
    p(doc, "Kinerja Indikator", bold=True, after=6)
    p(doc, "Header", size=10)
    p(doc, "Footer", size=10, align=center)
    p(doc, "Kaki TTE", base="Footer", size=8, italic=True, before=3)
    _table_style(doc, "Tabel Lampiran", borders=True)
    _table_style(doc, "Tabel Polos", borders=False)
    _table_style(doc, "Tabel Tanda Tangan", borders=False, cell_margins=(0, 0, 0, 0))
    _table_style(doc, "Tabel Spesimen", borders=True, line="dashed", cell_margins=(0, 0, 0, 0))


# ---------------------------------------------------------------------------- content helpers


def add(container, style: str, *runs: Run) -> None:
    """A paragraph of the style; each string one run ("\\t" a tab run, "\\n" inside a break)."""
    paragraph = container.add_paragraph(style=style)
    for text in runs:
        if text == "\t":
            paragraph.add_run().add_tab()
            continue
        lines = text.split("\n")
        run = paragraph.add_run(lines[0])
        for line in lines[1:]:
            run.add_break()
            run.add_text(line)


def tag(container, statement: str) -> None:
    """A paragraph holding only a ``{%p ... %}`` tag; docxtpl removes it when rendering."""
    add(container, "Normal", f"{{%p {statement} %}}")


def add_if(container: DocumentObject | _Cell, style: str, name: str) -> None:
    """A paragraph printing ``name`` only when it has a value (absent, not empty, otherwise)."""
    tag(container, f"if {name}")
    add(container, style, f"{{{{ {name} }}}}")
    tag(container, "endif")


def figure(doc: DocumentObject, name: str) -> None:
    """A figure: the picture centred (when drawn) and its caption "Gambar 3.1. ..." under it."""
    add_if(doc, "Gambar", f"{name}.image")
    add(doc, "Keterangan Gambar", f"{{{{ {name}.text }}}}")
    tag(doc, f"for piece in {name}.continued")
    add(doc, "Gambar", "{{ piece.image }}")
    add(doc, "Keterangan Gambar", "{{ piece.text }}")
    tag(doc, "endfor")


def optional_figure(doc: DocumentObject, name: str) -> None:
    tag(doc, f"if {name}")
    figure(doc, name)
    tag(doc, "endif")


def _table(
    doc: DocumentObject | _Cell,
    widths_cm: Sequence[float],
    rows: int,
    style: str,
    align: WD_TABLE_ALIGNMENT = WD_TABLE_ALIGNMENT.CENTER,
) -> Table:
    """A fixed-layout table of the given column widths, centred unless told otherwise."""
    table = doc.add_table(rows=rows, cols=len(widths_cm))
    if isinstance(doc, _Cell):  # python-docx closes the cell with an empty paragraph; more content follows
        trailing = doc.paragraphs[-1]._p
        trailing.getparent().remove(trailing)
    table.style = doc.part.document.styles[style]
    table.alignment = align
    table.autofit = False
    width = table._tbl.tblPr.find(qn("w:tblW"))
    width.set(qn("w:type"), "dxa")
    width.set(qn("w:w"), str(round(sum(widths_cm) * 567)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)
    return table


def _fill(cell: _Cell, style: str, *runs: Run) -> None:
    """Put runs in a cell's first paragraph (a new cell already holds one empty paragraph)."""
    paragraph = cell.paragraphs[0]
    paragraph.style = style
    for text in runs:
        paragraph.add_run(text)


def _cant_split(row) -> None:
    """The row is never broken across two pages (Word and LibreOffice both honour w:cantSplit)."""
    row._tr.get_or_add_trPr().insert(0, OxmlElement("w:cantSplit"))


def _repeat_header(table: Table, count: int) -> None:
    """The first ``count`` rows repeat at the top of every page the table runs onto."""
    for row in table.rows[:count]:
        tr_pr = row._tr.get_or_add_trPr()
        header = OxmlElement("w:tblHeader")
        tr_pr.append(header)
        _cant_split(row)


def _exact_height(row, height_cm: float) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    height = OxmlElement("w:trHeight")
    height.set(qn("w:val"), str(round(height_cm * 567)))
    height.set(qn("w:hRule"), "exact")
    tr_pr.append(height)


# ---------------------------------------------------------------------------- sections


def _layout(section: Section) -> None:
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    section.left_margin = Cm(MARGINS_CM["left"])
    section.right_margin = Cm(MARGINS_CM["right"])
    section.top_margin = Cm(MARGINS_CM["top"])
    section.bottom_margin = Cm(MARGINS_CM["bottom"])
    section.header_distance = Cm(1.25)
    section.footer_distance = Cm(1.25)


def _sect_child(section: Section, tag_name: str, before: str, **attrs: str) -> None:
    """Set a child of w:sectPr (pgNumType) in schema order, before ``before``."""
    sect_pr = section._sectPr
    for old in sect_pr.findall(qn(tag_name)):
        sect_pr.remove(old)
    element = OxmlElement(tag_name)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), value)
    sect_pr.find(qn(before)).addprevious(element)


def _drop_sect_child(section: Section, tag_name: str) -> None:
    for old in section._sectPr.findall(qn(tag_name)):
        section._sectPr.remove(old)


def _page_number_footer(section: Section) -> None:
    """Footer with the page number as a PAGE field, centred (style Footer)."""
    section.footer.is_linked_to_previous = False
    paragraph = section.footer.paragraphs[0]
    paragraph.style = "Footer"
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        if kind:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), kind)
            run._r.append(field)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.add_text(text or "")


def _tte_footer(section: Section, keep_first: bool) -> None:
    """The TTE sentence under the footer's other lines, printed only for an electronically signed decree."""
    footer = section.footer
    footer.is_linked_to_previous = False
    first = footer.paragraphs[0]
    if not keep_first:
        first.style = "Footer"
    tag(footer, "if tte")
    add(footer, "Kaki TTE", "{{ tte_footer }}")
    tag(footer, "endif")


def new_section(doc: DocumentObject) -> Section:
    """End the current section at a page break; the new one starts with the same layout."""
    return doc.add_section(WD_SECTION.NEW_PAGE)


# ---------------------------------------------------------------------------- the document parts


def cover(doc: DocumentObject) -> None:
    """Optional cover page (title lowered by its style to the page's middle) and REGULASI page."""
    tag(doc, "if has_cover")
    add(doc, "Sampul Judul", "{{ cover_title }}")
    new_section(doc)
    tag(doc, "if has_regulasi")
    add(doc, "Heading 1", "REGULASI")
    tag(doc, "for item in regulasi")
    add(doc, "Isi", "{{ item }}")
    tag(doc, "endfor")
    new_section(doc)
    tag(doc, "endif")
    tag(doc, "endif")


def _kop_lines(container: DocumentObject | _Cell, first: bool) -> None:
    """Government and kecamatan lines, then every further kop line as written (address, contact, place)."""
    if first:
        _fill(container, "Kop Pemda", "{{ kop_government }}")
    else:
        add(container, "Kop Pemda", "{{ kop_government }}")
    add(container, "Kop Kecamatan", "{{ kop_kecamatan }}")
    tag(container, "for line in kop_lines")
    add(container, "Kop Alamat", "{{ line }}")
    tag(container, "endfor")


def kop(doc: DocumentObject) -> None:
    """Letterhead: with a logo a two-cell table (logo | lines), else the lines; then the rule."""
    tag(doc, "if logo")
    logo_width = 2.6
    table = _table(doc, (logo_width, TEXT_WIDTH_CM - logo_width), 1, "Tabel Polos")
    logo, text = table.rows[0].cells
    for cell in table.rows[0].cells:
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    _fill(logo, "Kop Logo", "{{ logo }}")
    _kop_lines(text, first=True)
    tag(doc, "else")
    _kop_lines(doc, first=False)
    tag(doc, "endif")
    add(doc, "Garis Kop", "")


def title_block(doc: DocumentObject) -> None:
    add(doc, "Judul Keputusan", "{{ decree_heading }}", "\n", "{{ number_line }}")
    add(doc, "Judul Tengah", "TENTANG")
    add(doc, "Judul Tengah", "{{ title }}")
    tag(doc, "if with_blessing")
    add(doc, "Judul Tengah", "DENGAN RAHMAT TUHAN YANG MAHA ESA")
    tag(doc, "endif")
    add(doc, "Judul Tengah", "{{ office_line }}")


def considerations(doc: DocumentObject) -> None:
    """Menimbang and Mengingat: label, colon, letter or number, text on one hanging indent."""
    for name, style in (("menimbang", "Butir Menimbang"), ("mengingat", "Butir Mengingat")):
        tag(doc, f"for item in {name}")
        add(
            doc,
            style,
            "{{ item.head }}",
            "\t",
            "{{ item.colon }}",
            "\t",
            "{{ item.label }}",
            "\t",
            "{{ item.text }}",
        )
        tag(doc, "endfor")


def decision(doc: DocumentObject) -> None:
    add(doc, "Memutuskan", "MEMUTUSKAN :")
    add(doc, "Menetapkan", "Menetapkan", "\t", ":")
    tag(doc, "for item in diktum")
    add(doc, "Diktum", "{{ item.ordinal }}", "\t", ":", "\t", "{{ item.text }}")
    tag(doc, "for point in item.butir")
    add(doc, "Butir Diktum", "{{ point.label }}", "\t", "{{ point.text }}")
    tag(doc, "endfor")
    tag(doc, "endfor")


def signature(doc: DocumentObject) -> None:
    """Ditetapkan di / pada tanggal / jabatan lines / space to sign / name / pangkat / NIP.

    The block is the right cell of a one-row table whose row may not split, so it always stands whole on
    one page; an electronic signature replaces the space to sign by its line and the QR specimen's place.
    """
    add(doc, "Jarak Tanda Tangan", "")
    table = _table(
        doc, (SIGN_INDENT, TEXT_WIDTH_CM - SIGN_INDENT), 1, "Tabel Tanda Tangan", WD_TABLE_ALIGNMENT.LEFT
    )
    _cant_split(table.rows[0])
    _fill(table.rows[0].cells[0], "Tanda Tangan", "")
    block = table.rows[0].cells[1]
    _fill(block, "Tanda Tangan Awal", "Ditetapkan di {{ place }}")
    add(block, "Tanda Tangan", "pada tanggal {{ date_text }}")
    tag(block, "if signer.electronic")
    add(block, "Tanda Tangan Elektronik", "Ditandatangani secara elektronik oleh:")
    tag(block, "endif")
    tag(block, "for line in signer.position_lines")
    tag(block, "if signer.electronic and loop.last")
    add(block, "Tanda Tangan Jabatan Elektronik", "{{ line }}")
    tag(block, "else")
    add(block, "Tanda Tangan", "{{ line }}")
    tag(block, "endif")
    tag(block, "endfor")
    tag(block, "if signer.electronic")
    specimen = _table(block, (QR_SIZE,), 1, "Tabel Spesimen", WD_TABLE_ALIGNMENT.LEFT)
    _exact_height(specimen.rows[0], QR_SIZE)
    specimen.rows[0].cells[0].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    _fill(specimen.rows[0].cells[0], "Spesimen TTE", "{{ tte_anchor }}")
    add(block, "Tanda Tangan Nama Elektronik", "{{ signer.name }}")
    tag(block, "else")
    add(block, "Tanda Tangan Nama", "{{ signer.name }}")
    tag(block, "endif")
    add_if(block, "Tanda Tangan", "signer.pangkat")
    tag(block, "if signer.nip")
    add(block, "Tanda Tangan Akhir", "NIP. {{ signer.nip }}")
    tag(block, "endif")


def copies(doc: DocumentObject) -> None:
    tag(doc, "if has_tembusan")
    add(doc, "Tembusan Judul", "Tembusan :")
    tag(doc, "for item in tembusan")
    add(doc, "Butir Tembusan", "{{ item.label }}", "\t", "{{ item.text }}")
    tag(doc, "endfor")
    tag(doc, "endif")


def lampiran_header(doc: DocumentObject) -> None:
    add(doc, "Lampiran Kepala", "LAMPIRAN", "\t", ":", "\t", "{{ lampiran_of }}")
    add(doc, "Lampiran Kepala", "Nomor", "\t", ":", "\t", "{{ number }}")
    add(doc, "Lampiran Kepala Akhir", "Tanggal", "\t", ":", "\t", "{{ date_text }}")
    add_if(doc, "Heading 1", "lampiran_title")


def _paragraphs(doc: DocumentObject, items: str, style: str) -> None:
    tag(doc, f"for text in {items}")
    add(doc, style, "{{ text }}")
    tag(doc, "endfor")


def _labelled(doc: DocumentObject, items: str, style: str) -> None:
    tag(doc, f"for point in {items}")
    add(doc, style, "{{ point.label }}", "\t", "{{ point.text }}")
    tag(doc, "endfor")


def profile(doc: DocumentObject) -> None:
    """1. Sejarah Pembentukan, 2. Dasar Hukum, 3. Susunan Organisasi (+ bagan)."""
    for key in ("sejarah", "dasar_hukum"):
        tag(doc, f"if has_{key}")
        add(doc, "Heading 2", f"{{{{ {key}_heading }}}}")
        _paragraphs(doc, key, "Isi Tingkat 1")
        tag(doc, "endif")
    tag(doc, "if has_susunan")
    add(doc, "Heading 2", "{{ susunan_heading }}")
    _labelled(doc, "dasar_susunan", "Butir Tingkat 1")
    add_if(doc, "Isi Tingkat 1", "susunan_intro")
    tag(doc, "for unit in units")
    add(doc, "Butir Tingkat 1", "{{ unit.label }}", "\t", "{{ unit.text }}")
    _labelled(doc, "unit.members", "Butir Tingkat 2")
    tag(doc, "endfor")
    add_if(doc, "Judul Bagan", "bagan_title")
    optional_figure(doc, "figure_organisasi")
    tag(doc, "endif")


def tupoksi(doc: DocumentObject) -> None:
    """TUGAS POKOK DAN FUNGSI: intro, then per unit "1. Camat", "a. Tugas Pokok :", "b. Fungsi :"."""
    tag(doc, "if has_tupoksi")
    add_if(doc, "Heading 1", "tupoksi_title")
    add(doc, "Heading 2", "{{ tupoksi_heading }}")
    _paragraphs(doc, "tupoksi_intro", "Isi")
    tag(doc, "for unit in tupoksi_units")
    add(doc, "Heading 3", "{{ unit.heading }}")
    tag(doc, "for part in unit.parts")
    add(doc, "Heading 4", "{{ part.heading }}")
    _paragraphs(doc, "part.paragraphs", "Isi Tingkat 2")
    _labelled(doc, "part.butir", "Butir Tingkat 2")
    tag(doc, "endfor")
    tag(doc, "endfor")
    tag(doc, "endif")


def instrument_table(doc: DocumentObject) -> None:
    """ISI TABEL INSTRUMEN: header, the "1 2 3 4" row, one row per top-level process."""
    tag(doc, "if has_instrument")
    add(doc, "Heading 1", "{{ instrument_heading }}")
    table = _table(doc, (1.3, 8.2, 3.0, 3.5), 5, "Tabel Lampiran")
    for cell, text in zip(
        table.rows[0].cells, ("NO", "PROSES", "JENIS PROSES", "KODE SUB PROSES"), strict=True
    ):
        _fill(cell, "Tabel Kepala", text)
    for number, cell in enumerate(table.rows[1].cells, start=1):
        _fill(cell, "Tabel Tengah", str(number))
    _fill(table.rows[2].cells[0], "Tabel Isi", "{%tr for row in instrument_rows %}")
    body = table.rows[3].cells
    _fill(body[0], "Tabel Tengah", "{{ row.number }}")
    _fill(body[1], "Tabel Isi", "{{ row.name }}")
    _fill(body[2], "Tabel Tengah", "{{ row.category }}")
    _fill(body[3], "Tabel Tengah", "{{ row.code }}")
    _fill(table.rows[4].cells[0], "Tabel Isi", "{%tr endfor %}")
    _cant_split(table.rows[3])
    for row in table.rows[:2]:
        for cell in row.cells:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    _repeat_header(table, 2)
    tag(doc, "endif")


def keterkaitan(doc: DocumentObject) -> None:
    """Keterkaitan RPJMD - Renstra: title, the two column headings, the figure."""
    tag(doc, "if has_keterkaitan")
    add(doc, "Judul Bagan", "{{ keterkaitan_title }}")
    tag(doc, "if has_keterkaitan_columns")
    half = TEXT_WIDTH_CM / 2
    table = _table(doc, (half, half), 1, "Tabel Polos")
    _fill(table.rows[0].cells[0], "Judul Bagan", "{{ keterkaitan_rpjmd }}")
    _fill(table.rows[0].cells[1], "Judul Bagan", "{{ keterkaitan_renstra }}")
    tag(doc, "endif")
    optional_figure(doc, "figure_keterkaitan")
    tag(doc, "endif")


def peta(doc: DocumentObject) -> None:
    """Peta Proses Bisnis: the narrative sections A, B, C ..., or the maps without prose."""
    tag(doc, "if has_peta")
    tag(doc, "if narrative")
    add_if(doc, "Heading 1", "peta_title")
    tag(doc, "for section in narrative_sections")
    tag(doc, "if section.heading")
    tag(doc, "if section.level == 1")
    add(doc, "Heading 2", "{{ section.heading }}")
    tag(doc, "elif section.level == 2")
    add(doc, "Heading 3", "{{ section.heading }}")
    tag(doc, "else")
    add(doc, "Heading 4", "{{ section.heading }}")
    tag(doc, "endif")
    tag(doc, "endif")
    _paragraphs(doc, "section.before", "Isi")
    optional_figure(doc, "section.figure")
    _paragraphs(doc, "section.after", "Isi")
    _labelled(doc, "section.butir", "Butir Narasi")
    tag(doc, "endfor")
    tag(doc, "else")
    add(doc, "Heading 1", "{{ skema_heading }}")
    optional_figure(doc, "figure_peta")
    tag(doc, "for category in category_maps")
    add(doc, "Heading 1", "{{ category.heading }}")
    optional_figure(doc, "category.figure")
    tag(doc, "endfor")
    tag(doc, "endif")
    tag(doc, "endif")


def cascading(doc: DocumentObject) -> None:
    """Cascading Kinerja: title as written, the figure, then every box as text in cascade order."""
    tag(doc, "if has_cascading")
    add(doc, "Heading 1", "{{ cascading_title }}")
    optional_figure(doc, "figure_cascading")
    tag(doc, "for box in kinerja")
    add(doc, "Kinerja", "{{ box.text }}")
    add_if(doc, "Kinerja Indikator", "box.indicator")
    tag(doc, "endfor")
    tag(doc, "endif")


IKU_COLUMNS = (  # (heading, row key, width cm, paragraph style of the body cell)
    ("NO", "number", 0.9, "Tabel Rapat Tengah"),
    ("{{ iku_level }}", "kinerja", 3.3, "Tabel Rapat Isi"),
    ("INDIKATOR KINERJA", "indicator", 3.7, "Tabel Rapat Isi"),
    ("FORMULA", "formula", 3.4, "Tabel Rapat Isi"),
    ("SUMBER DATA", "source", 2.7, "Tabel Rapat Isi"),
    ("TARGET", "target", 2.0, "Tabel Rapat Tengah"),
)


def _iku_table(doc: DocumentObject, columns: Sequence[tuple[str, str, float, str]]) -> None:
    """Header repeated on every page, then one row per indicator (its box named on the first only)."""
    widths = [width for _, _, width, _ in columns]
    spare = TEXT_WIDTH_CM - sum(widths)
    widths[3] += spare  # the formula column takes the width a left-out column frees
    table = _table(doc, widths, 4, "Tabel Lampiran")
    for cell, (heading, _, _, _) in zip(table.rows[0].cells, columns, strict=True):
        _fill(cell, "Tabel Rapat Kepala", heading)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    _fill(table.rows[1].cells[0], "Tabel Isi", "{%tr for row in iku_rows %}")
    for cell, (_, key, _, style) in zip(table.rows[2].cells, columns, strict=True):
        _fill(cell, style, f"{{{{ row.{key} }}}}")
    _fill(table.rows[3].cells[0], "Tabel Isi", "{%tr endfor %}")
    _cant_split(table.rows[2])
    _repeat_header(table, 1)


def iku(doc: DocumentObject) -> None:
    """Indikator Kinerja Utama: each indicator with its formula and sumber data (and target if any)."""
    tag(doc, "if has_iku")
    add(doc, "Heading 1", "{{ iku_title }}")
    tag(doc, "if iku_has_target")
    _iku_table(doc, IKU_COLUMNS)
    tag(doc, "else")
    _iku_table(doc, IKU_COLUMNS[:-1])
    tag(doc, "endif")
    tag(doc, "endif")


# ---------------------------------------------------------------------------- build

_UNUSED_PARTS = ("stylesWithEffects", "customXml", "thumbnail")


def _drop_unused_parts(doc: DocumentObject) -> None:
    """Remove the default template's Word 2010 style copy, custom XML and thumbnail picture."""
    for rels in (doc.part.rels, doc.part.package.rels):
        for r_id, rel in list(rels.items()):
            if any(rel.reltype.endswith(name) for name in _UNUSED_PARTS):
                rels.pop(r_id)


def build() -> DocumentObject:
    doc = Document()
    _drop_unused_parts(doc)
    define_styles(doc)
    body = doc.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        body.remove(paragraph)
    _layout(doc.sections[0])
    _tte_footer(doc.sections[0], keep_first=False)

    cover(doc)
    kop(doc)
    title_block(doc)
    considerations(doc)
    decision(doc)
    signature(doc)
    copies(doc)
    decree = doc.sections[-1]
    _page_number_footer(decree)
    _tte_footer(decree, keep_first=True)
    _sect_child(decree, "w:pgNumType", "w:cols", start="1")
    new_section(doc)
    _drop_sect_child(doc.sections[-1], "w:pgNumType")

    tag(doc, "if has_lampiran")  # without Lampiran data the empty last section is dropped at render
    lampiran_header(doc)
    profile(doc)
    tupoksi(doc)
    instrument_table(doc)
    keterkaitan(doc)
    peta(doc)
    cascading(doc)
    iku(doc)
    signature(doc)
    tag(doc, "endif")

    props = doc.core_properties
    props.title = "Templat Keputusan Camat"
    props.author = ""
    props.last_modified_by = ""
    props.comments = "Dibuat oleh scripts/build_template.py; diisi oleh generator (docxtpl)."
    props.language = "id-ID"
    props.revision = 1
    props.created = props.modified = TEMPLATE_DATE
    return doc


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Bangun templat templates/keputusan.docx.")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="berkas keluaran")
    args = parser.parse_args(argv)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    stream = io.BytesIO()
    build().save(stream)
    args.output.write_bytes(reproducible_zip(stream.getvalue(), TEMPLATE_DATE.date()))
    print(f"templat ditulis: {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
