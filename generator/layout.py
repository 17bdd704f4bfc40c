"""Page layout of a filled decree: what the template's styles cannot know until the text is in.

Each step works on the python-docx document docxtpl produced, after rendering:

- ``apply_tata_naskah``: the kabupaten's typeface, body size and margins put on the template's styles and
  sections (the template itself stays untouched, so a kabupaten need not edit it);
- ``drop_empty_last_section``: a decree without Lampiran ends with its own section, not an empty page;
- ``fit_signatures``: a signature block whose longest line (a long name with degrees) would wrap is
  widened leftwards until it fits;
- ``keep_signatures_with_text``: the line before a signature block keeps with it, so the block never
  stands alone on an otherwise empty page;
- ``ease_justified``: a justified Menimbang, Mengingat or Diktum list with a line that would show
  stretched gaps (a few words spread over the whole line) is set flush left instead, the whole list.

Only paragraph and table properties both Word and LibreOffice honour are used.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt
from docx.styles.style import BaseStyle
from docx.table import Table
from docx.text.paragraph import Paragraph

from .model import Decree, TataNaskah
from .textmetrics import SPACE, width_pt

SIGNATURE_TABLE = "Tabel Tanda Tangan"
JUSTIFIED_ITEMS = {  # paragraph style -> the list it belongs to
    "Butir Menimbang": "menimbang",
    "Butir Mengingat": "mengingat",
    "Diktum": "diktum",
    "Butir Diktum": "diktum",
}
STRETCH_LIMIT = 3.0  # a justified gap wider than this many spaces reads as a hole in the line
FIT_ALLOWANCE = 1.04  # Word and LibreOffice round widths differently; keep a little room
EMU_PER_PT = 12700
DEFAULT_SIZE_PT = 10.0  # Word's size when no style or default says otherwise
DEFAULT_FONT = "Times New Roman"


def finish_layout(document: DocumentObject, decree: Decree) -> None:
    """Every layout step, in the order they depend on each other (fonts before measuring)."""
    apply_tata_naskah(document, decree.tata_naskah)
    drop_empty_last_section(document)
    signatures = signature_tables(document)
    fit_signatures(document, signatures)
    keep_signatures_with_text(signatures)
    ease_justified(document)


# ---------------------------------------------------------------------------- Tata Naskah


def apply_tata_naskah(document: DocumentObject, tata: TataNaskah) -> None:
    """Typeface on every style and the document defaults, body size on Normal, margins on every section."""
    if tata.font.strip():
        _set_typeface(document, tata.font.strip())
    if tata.font_size:
        _set_body_size(document, tata.font_size)
    left, right, top, bottom = tata.margins_mm
    for section in document.sections:
        for attribute, value in (
            ("left_margin", left),
            ("right_margin", right),
            ("top_margin", top),
            ("bottom_margin", bottom),
        ):
            if value is not None:
                setattr(section, attribute, Mm(value))


def side_margins_mm(tata: TataNaskah, template_left_mm: float, template_right_mm: float) -> float:
    """Left plus right margin of the printed pages: the Tata Naskah's where given, else the template's."""
    left, right = tata.margins_mm[0], tata.margins_mm[1]
    return (template_left_mm if left is None else left) + (template_right_mm if right is None else right)


def _fonts_elements(document: DocumentObject) -> Iterator:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        yield from defaults.iter(qn("w:rFonts"))
    for style in document.styles.element.iterchildren(qn("w:style")):
        yield from style.iter(qn("w:rFonts"))


def _set_typeface(document: DocumentObject, font: str) -> None:
    found = False
    for fonts in _fonts_elements(document):
        found = True
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)
        for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attribute), font)
    if not found:
        document.styles["Normal"].font.name = font


def _set_body_size(document: DocumentObject, size: int) -> None:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")) if defaults is not None else None
    if rpr is not None:
        for tag in ("w:sz", "w:szCs"):
            element = rpr.find(qn(tag))
            if element is None:
                element = OxmlElement(tag)
                rpr.append(element)
            element.set(qn("w:val"), str(size * 2))
    normal = document.styles["Normal"]
    normal.font.size = Pt(size)
    size_cs = normal.element.rPr.find(qn("w:szCs"))
    if size_cs is not None:
        size_cs.set(qn("w:val"), str(size * 2))


# ---------------------------------------------------------------------------- sections


def drop_empty_last_section(document: DocumentObject) -> None:
    """When nothing follows the last section break, that break's section becomes the document's last."""
    body = document.element.body
    blocks = [child for child in body.iterchildren() if child.tag != qn("w:sectPr")]
    if not blocks or blocks[-1].tag != qn("w:p"):
        return
    last = blocks[-1]
    ppr = last.find(qn("w:pPr"))
    inner = ppr.find(qn("w:sectPr")) if ppr is not None else None
    final = body.find(qn("w:sectPr"))
    if inner is None or final is None:
        return
    body.replace(final, inner)
    if not last.findall(qn("w:r")):
        body.remove(last)


# ---------------------------------------------------------------------------- fonts of paragraphs


@dataclass(frozen=True)
class _Font:
    family: str
    size_pt: float
    bold: bool


def _chain(style: BaseStyle | None) -> Iterator[BaseStyle]:
    while style is not None:
        yield style
        style = style.base_style


def _defaults(document: DocumentObject) -> tuple[str, float]:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    family, size = DEFAULT_FONT, DEFAULT_SIZE_PT
    rpr = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    if rpr is not None:
        fonts = rpr.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
        if fonts is not None and fonts.get(qn("w:ascii")):
            family = fonts.get(qn("w:ascii"))
        sz = rpr.find(f"{qn('w:rPr')}/{qn('w:sz')}")
        if sz is not None:
            size = int(sz.get(qn("w:val"))) / 2
    return family, size


def _font_of(document: DocumentObject, paragraph: Paragraph) -> _Font:
    family, size = _defaults(document)
    chain = list(_chain(paragraph.style))
    family = next((s.font.name for s in chain if s.font.name), family)
    size = next((s.font.size.pt for s in chain if s.font.size is not None), size)
    bold = next((s.font.bold for s in chain if s.font.bold is not None), False)
    return _Font(family, size, bold)


def _style_value(paragraph: Paragraph, attribute: str) -> Emu | None:
    direct = getattr(paragraph.paragraph_format, attribute)
    if direct is not None:
        return direct
    values = (getattr(s.paragraph_format, attribute) for s in _chain(paragraph.style))
    return next((value for value in values if value is not None), None)


def _text_width_pt(document: DocumentObject) -> float:
    section = document.sections[-1]
    return (section.page_width - section.left_margin - section.right_margin) / EMU_PER_PT


def _line_width(text: str, font: _Font) -> float:
    return width_pt(text, font.family, font.size_pt, font.bold)


# ---------------------------------------------------------------------------- signatures


def signature_tables(document: DocumentObject) -> list[Table]:
    """The signature blocks: one-row tables of the signature style, spacer cell then the block."""
    ids = {s.style_id for s in document.styles if s.name == SIGNATURE_TABLE}
    found = []
    for element in document.element.body.iterchildren(qn("w:tbl")):
        style = element.find(f"{qn('w:tblPr')}/{qn('w:tblStyle')}")
        if style is not None and style.get(qn("w:val")) in ids:
            table = Table(element, document)
            if len(table.rows) == 1 and len(table.columns) == 2:
                found.append(table)
    return found


def fit_signatures(document: DocumentObject, tables: list[Table] | None = None) -> None:
    """Widen each signature block leftwards until its longest line fits unbroken (up to the full width)."""
    full = _text_width_pt(document)
    for table in signature_tables(document) if tables is None else tables:
        spacer, block = table.rows[0].cells
        current = (block.width or 0) / EMU_PER_PT
        lines = [
            (line, _font_of(document, p))
            for p in block.paragraphs
            for line in p.text.split("\n")
            if line.strip()
        ]
        needed = max((_line_width(text, font) for text, font in lines), default=0) * FIT_ALLOWANCE
        width = min(max(current, needed), full)
        if width <= current and (spacer.width or 0) / EMU_PER_PT + current <= full:
            continue
        _set_widths(table, (max(full - width, 0), width))


def _set_widths(table: Table, widths_pt: tuple[float, float]) -> None:
    emus = [Emu(round(w * EMU_PER_PT)) for w in widths_pt]
    for column, width in zip(table.columns, emus, strict=True):
        column.width = width
    for cell, width in zip(table.rows[0].cells, emus, strict=True):
        cell.width = width
    total = table._tbl.tblPr.find(qn("w:tblW"))
    if total is not None:
        total.set(qn("w:type"), "dxa")
        total.set(qn("w:w"), str(round(sum(widths_pt) * 20)))


def keep_signatures_with_text(tables: list[Table]) -> None:
    """The paragraph before each signature block (and empty ones between) keeps with the block."""
    for table in tables:
        previous = table._tbl.getprevious()
        while previous is not None:
            if previous.tag == qn("w:p"):
                paragraph = Paragraph(previous, table._parent)
                paragraph.paragraph_format.keep_with_next = True
                if paragraph.text.strip():
                    break
            elif previous.tag == qn("w:tbl"):
                for last in previous.findall(f"{qn('w:tr')}")[-1:]:
                    for p in last.iter(qn("w:p")):
                        Paragraph(p, table._parent).paragraph_format.keep_with_next = True
                break
            previous = previous.getprevious()


# ---------------------------------------------------------------------------- justified items


def _pieces(text: str) -> list[tuple[str, bool]]:
    """(piece, space before) where a line may break: at spaces and after a hyphen inside a word."""
    pieces: list[tuple[str, bool]] = []
    for word in text.split(SPACE):
        if not word:
            continue
        parts = word.split("-")
        for index, part in enumerate(parts):
            piece = part + ("-" if index < len(parts) - 1 else "")
            if piece:
                pieces.append((piece, index == 0))
    return pieces


def line_stretches(text: str, width_pt_: float, font: _Font) -> list[float]:
    """How many times its natural width each gap of each full line becomes when the text is justified.

    Lines are broken first-fit, as Word and LibreOffice both do; the last line is not justified.
    """
    space = _line_width(SPACE, font)
    lines: list[list[tuple[str, bool]]] = [[]]
    used = 0.0
    for piece, spaced in _pieces(text):
        extra = _line_width(piece, font) + (space if spaced and lines[-1] else 0)
        if lines[-1] and used + extra > width_pt_:
            lines.append([(piece, spaced)])
            used = _line_width(piece, font)
        else:
            lines[-1].append((piece, spaced))
            used += extra
    stretches = []
    for line in lines[:-1]:
        gaps = sum(1 for index, (_, spaced) in enumerate(line) if spaced and index > 0)
        if gaps == 0:
            continue
        natural = sum(_line_width(p, font) for p, _ in line) + gaps * space
        stretches.append((space + (width_pt_ - natural) / gaps) / space)
    return stretches


def ease_justified(document: DocumentObject) -> None:
    """A justified list (Menimbang, Mengingat, the Diktum) with a gaping line is set flush left, whole.

    Word and LibreOffice can only align whole paragraphs; a whole list keeps one alignment, so it reads
    as intended rather than as a mistake in some items.
    """
    full = _text_width_pt(document)
    styles = {s.style_id: s for s in document.styles if s.name in JUSTIFIED_ITEMS}
    lists: dict[str, list[Paragraph]] = {}
    for element in document.element.body.iterchildren(qn("w:p")):
        style_id = element.style
        if style_id in styles:
            lists.setdefault(JUSTIFIED_ITEMS[styles[style_id].name], []).append(Paragraph(element, document))
    measure = _ItemMeasure(document, full)
    for paragraphs in lists.values():
        if any(measure.gapes(paragraph) for paragraph in paragraphs):
            for paragraph in paragraphs:
                paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT


class _ItemMeasure:
    """Font, width and alignment of each item style, looked up once per style."""

    def __init__(self, document: DocumentObject, full_pt: float) -> None:
        self._document = document
        self._full = full_pt
        self._by_style: dict[str, tuple[_Font, float, bool]] = {}

    def _style(self, paragraph: Paragraph) -> tuple[_Font, float, bool]:
        key = paragraph._p.style or ""
        if key not in self._by_style:
            indent = _style_value(paragraph, "left_indent") or 0
            right = _style_value(paragraph, "right_indent") or 0
            justified = _style_value(paragraph, "alignment") == WD_ALIGN_PARAGRAPH.JUSTIFY
            width = self._full - (indent + right) / EMU_PER_PT
            self._by_style[key] = (_font_of(self._document, paragraph), width, justified)
        return self._by_style[key]

    def gapes(self, paragraph: Paragraph) -> bool:
        font, width, justified = self._style(paragraph)
        if not justified or paragraph.paragraph_format.alignment is not None:
            return False
        text = paragraph.text.split("\t")[-1]
        return any(stretch > STRETCH_LIMIT for stretch in line_stretches(text, width, font))
