"""A Word document as a flat list of lines in reading order, the way a person sees it printed.

Whatever way the decree was typed, each printed line becomes a :class:`Line` of pieces: the parts of a
paragraph between tabs, or the cells of a borderless layout table (label | : | a. | text). Word's
automatic numbering is computed into the first piece, runs split by formatting are joined, soft line
breaks start a new line of the same paragraph, hidden text is dropped and "All Caps" is applied. Tables
that hold data (the instrument table, the RPJMD - Renstra table) stay tables.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from docx.document import Document
from docx.oxml.ns import qn

from .inherit import inherited
from .numbering import Numbering
from .style import PrintedStyle, first_section, printed_style

MAX_LINES = 30_000
MAX_TABLE_ROWS = 5_000
MAX_CELLS = 64
MAX_DEPTH = 4  # tables inside tables inside ...
MAX_LINE = 32_000  # characters of one line (an Excel cell holds 32,767)
TWIPS_PER_MM = 56.7

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
FALLBACK = f"{{{MC}}}Fallback"
CHOICE = f"{{{MC}}}Choice"
ALTERNATE = f"{{{MC}}}AlternateContent"
TEXTBOX = qn("w:txbxContent")
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
IMAGEDATA = "{urn:schemas-microsoft-com:vml}imagedata"
EMBED, RID = f"{{{R_NS}}}embed", f"{{{R_NS}}}id"
MAX_PICTURE = 5 * 1024 * 1024
INLINE_CONTAINERS = {
    qn(tag)
    for tag in (
        "w:hyperlink",
        "w:ins",
        "w:smartTag",
        "w:fldSimple",
        "w:customXml",
        "w:moveTo",
        "w:dir",
        "w:bdo",
    )
}
SKIPPED = {qn(tag) for tag in ("w:del", "w:moveFrom", "w:pPr", "w:rPr", "w:proofErr", "w:bookmarkStart")}


class TooLarge(Exception):
    """The document holds more than a decree ever does; the message is one Indonesian sentence."""


@dataclass(frozen=True)
class Line:
    """One printed line: its pieces (between tabs or table cells) and where it stands."""

    index: int  # position in the document's list of blocks
    paragraph: int  # 1-based paragraph number in reading order, for messages
    page: int
    pieces: tuple[str, ...]  # raw text of each piece, non-breaking spaces kept
    numbered: bool = False  # the first piece is a label computed from Word's numbering
    level: int = -1  # Word numbering level of the paragraph, -1 when not numbered
    indent: int = 0  # left indentation in twips (direct formatting)
    in_table: bool = False  # from a layout table
    continued: bool = False  # after a soft line break: the same paragraph goes on
    centered: bool = False
    images: tuple[str, ...] = ()  # pictures in this line, as "body:rId5" / "header:rId2"

    @property
    def raw(self) -> str:
        return "\t".join(self.pieces)

    @property
    def text(self) -> str:
        """Printed words with single spaces: tabs, cells and non-breaking spaces as spaces."""
        return " ".join(" ".join(self.pieces).replace("\u00a0", " ").split())

    @property
    def blank(self) -> bool:
        return not self.text


@dataclass(frozen=True)
class Table:
    """A table holding data: its rows of cell texts (each cell's paragraphs joined by spaces)."""

    index: int
    paragraph: int
    page: int
    rows: tuple[tuple[str, ...], ...]

    @property
    def text(self) -> str:
        return " ".join(" ".join(row) for row in self.rows)


Block = Line | Table


@dataclass
class Printed:
    """What the importer reads: the blocks, the paper of the first section, whether pages are known."""

    blocks: list[Block]
    paper_mm: tuple[float, float] | None
    pages_known: bool  # Word recorded where its pages broke; otherwise pages count explicit breaks
    header_lines: list[Line] = field(default_factory=list)  # first-page header: the kop when typed there
    parts: dict[str, object] = field(default_factory=dict)  # "body"/"header" -> the part its images live in
    footer_lines: list[Line] = field(default_factory=list)  # every footer's lines (the TTE sentence)
    style: PrintedStyle | None = None  # the typeface, body size and margins the document is printed in

    def picture(self, key: str) -> tuple[str, bytes] | None:
        """(content type, bytes) of a picture a line shows; None when missing or larger than a logo is."""
        name, _, rid = key.partition(":")
        part = self.parts.get(name)
        try:
            image = part.related_parts[rid]  # type: ignore[union-attr]
        except (AttributeError, KeyError):
            return None
        blob = getattr(image, "blob", b"")
        if not blob or len(blob) > MAX_PICTURE:
            return None
        return str(getattr(image, "content_type", "")), blob


DATA_HEADERS = (
    ("PROSES", "JENIS"),
    ("PROSES", "KODE"),
    ("RPJMD", "RENSTRA"),
    ("INDIKATOR", "FORMULA"),  # an IKU table: Indikator | Formula | Sumber Data | Target
    ("INDIKATOR", "SUMBER"),
    ("INDIKATOR", "TARGET"),
)


def _is_data_table(first_row: list[str]) -> bool:
    words = " ".join(first_row).upper()
    return any(all(word in words for word in header) for header in DATA_HEADERS) and len(first_row) >= 2


class _Styles:
    """Paragraph styles that print in capitals or centred, with their basedOn chain."""

    def __init__(self, document: Document) -> None:
        self.caps: set[str] = set()
        self.centered: set[str] = set()
        try:
            root = document.styles.element
        except (KeyError, AttributeError):
            return
        caps: dict[str, bool] = {}
        centered: dict[str, bool] = {}
        based: dict[str, str] = {}
        for style in root.findall(qn("w:style")):
            style_id = style.get(qn("w:styleId"), "")
            r_pr = style.find(qn("w:rPr"))
            flag = r_pr.find(qn("w:caps")) if r_pr is not None else None
            if flag is not None:
                caps[style_id] = flag.get(qn("w:val"), "true") not in ("0", "false")
            jc = style.find(f"{qn('w:pPr')}/{qn('w:jc')}")
            if jc is not None:
                centered[style_id] = jc.get(qn("w:val")) == "center"
            parent = style.find(qn("w:basedOn"))
            if parent is not None:
                based[style_id] = parent.get(qn("w:val"), "")
        for values, target in ((caps, self.caps), (centered, self.centered)):
            target.update(style_id for style_id, on in inherited(values, based).items() if on)


def _on(element, tag: str) -> bool | None:
    """A toggle property (w:caps, w:vanish) of rPr: True, False, or None when not set."""
    if element is None:
        return None
    flag = element.find(qn(tag))
    if flag is None:
        return None
    return flag.get(qn("w:val"), "true") not in ("0", "false", "off")


class _Reader:
    def __init__(self, document: Document, part_name: str = "body") -> None:
        self.document = document
        self.part_name = part_name
        self.numbering = Numbering(document)
        self.styles = _Styles(document)
        self.blocks: list[Block] = []
        self.paragraph = 0
        self.page = 1
        self.pages_known = document.element.body.find(f".//{qn('w:lastRenderedPageBreak')}") is not None
        self.lines = 0

    # --- bookkeeping ---------------------------------------------------------------------------

    def _count(self, amount: int = 1) -> None:
        self.lines += amount
        if self.lines > MAX_LINES:
            raise TooLarge(
                f"dokumen memuat lebih dari {MAX_LINES} baris, terlalu banyak untuk sebuah keputusan"
            )

    def _next_page(self) -> None:
        self.page += 1

    # --- the body ------------------------------------------------------------------------------

    def read_body(self) -> None:
        self._container(self.document.element.body, depth=0, sink=self.blocks)

    def _container(self, element, depth: int, sink: list) -> None:
        for child in element.iterchildren():
            tag = child.tag
            if tag == qn("w:p"):
                sink.extend(self._paragraph(child, in_table=depth > 0))
            elif tag == qn("w:tbl"):
                self._table(child, depth, sink)
            elif tag in (qn("w:sdt"), qn("w:customXml")):
                content = child.find(qn("w:sdtContent")) if tag == qn("w:sdt") else child
                if content is not None:
                    self._container(content, depth, sink)

    # --- paragraphs ----------------------------------------------------------------------------

    def _paragraph(self, p, in_table: bool) -> list[Line]:
        p_pr = p.find(qn("w:pPr"))
        style = ""
        if p_pr is not None:
            style_el = p_pr.find(qn("w:pStyle"))
            style = style_el.get(qn("w:val"), "") if style_el is not None else ""
            if _on(p_pr, "w:pageBreakBefore") and self.blocks and not self.pages_known:
                self._next_page()
        self.paragraph += 1
        number = self.paragraph
        start_page = self.page
        caps = style in self.styles.caps
        pieces: list[list[str]] = [[""]]  # lines -> pieces
        boxes: list[Line] = []
        images: list[str] = []

        def put(text: str) -> None:
            pieces[-1][-1] += text

        def walk(element, caps: bool) -> None:
            for child in element.iterchildren():
                tag = child.tag
                if tag == qn("w:r"):
                    r_pr = child.find(qn("w:rPr"))
                    if _on(r_pr, "w:vanish") or _on(r_pr, "w:specVanish"):
                        continue
                    run_caps = _on(r_pr, "w:caps")
                    content(child, caps if run_caps is None else run_caps)
                elif tag in INLINE_CONTAINERS:
                    walk(child, caps)
                elif tag == qn("w:sdt"):
                    inner = child.find(qn("w:sdtContent"))
                    if inner is not None:
                        walk(inner, caps)
                elif tag == ALTERNATE:
                    choice = child.find(CHOICE)
                    if choice is not None:
                        walk(choice, caps)

        def content(element, upper: bool) -> None:
            for child in element.iterchildren():
                tag = child.tag
                if tag == qn("w:t"):
                    put((child.text or "").upper() if upper else (child.text or ""))
                elif tag in (qn("w:tab"), qn("w:ptab")):
                    pieces[-1].append("")
                elif tag == qn("w:br"):
                    kind = child.get(qn("w:type"))
                    if kind == "page" and not self.pages_known:
                        self._next_page()
                    if kind != "column":
                        pieces.append([""])
                elif tag == qn("w:cr"):
                    pieces.append([""])
                elif tag == qn("w:noBreakHyphen"):
                    put("-")
                elif tag == qn("w:lastRenderedPageBreak"):
                    nonlocal start_page
                    written = any(any(piece.strip() for piece in line) for line in pieces)
                    if self.blocks or written:
                        self._next_page()
                    if not written:
                        start_page = self.page
                elif tag in (qn("w:drawing"), qn("w:pict"), qn("w:object")):
                    images.extend(
                        f"{self.part_name}:{rid}"
                        for node in child.iter(BLIP, IMAGEDATA)
                        if (rid := node.get(EMBED) or node.get(RID))
                    )
                    for box in child.iter(TEXTBOX):
                        if not any(a.tag == FALLBACK for a in box.iterancestors()):
                            for inner in box.findall(qn("w:p")):
                                boxes.extend(self._paragraph(inner, in_table=True))
                elif tag == ALTERNATE:
                    choice = child.find(CHOICE)
                    if choice is not None:
                        content(choice, upper)

        walk(p, caps)
        label = self.numbering.label(p)
        indent = 0
        section_break = False
        centered = style in self.styles.centered
        if p_pr is not None:
            ind = p_pr.find(qn("w:ind"))
            if ind is not None:
                raw_indent = ind.get(qn("w:left")) or ind.get(qn("w:start")) or "0"
                indent = int(raw_indent) if raw_indent.lstrip("-").isdigit() else 0
            jc = p_pr.find(qn("w:jc"))
            if jc is not None:
                centered = jc.get(qn("w:val")) == "center"
            if p_pr.find(qn("w:sectPr")) is not None and not self.pages_known:
                kind = p_pr.find(f"{qn('w:sectPr')}/{qn('w:type')}")
                if kind is None or kind.get(qn("w:val")) != "continuous":
                    section_break = True
        lines: list[Line] = []
        for position, line_pieces in enumerate(pieces):
            cut = [piece[:MAX_LINE] for piece in line_pieces]
            numbered = False
            if position == 0 and label is not None:
                cut = [label[0], *cut]
                numbered = True
            while len(cut) > 1 and not cut[-1].strip():
                cut.pop()
            self._count()
            lines.append(
                Line(
                    index=-1,
                    paragraph=number,
                    page=start_page if position == 0 else self.page,
                    pieces=tuple(cut),
                    numbered=numbered,
                    level=label[1] if label is not None else -1,
                    indent=indent,
                    in_table=in_table,
                    continued=position > 0,
                    centered=centered,
                    images=tuple(images) if position == 0 else (),
                )
            )
        if section_break:
            self._next_page()
        return boxes + lines

    # --- tables --------------------------------------------------------------------------------

    def _table(self, tbl, depth: int, sink: list) -> None:
        if depth >= MAX_DEPTH:
            raise TooLarge(f"dokumen memuat tabel bertumpuk lebih dari {MAX_DEPTH} tingkat")
        rows = tbl.findall(qn("w:tr"))
        if len(rows) > MAX_TABLE_ROWS:
            raise TooLarge(f"sebuah tabel memuat lebih dari {MAX_TABLE_ROWS} baris")
        start_paragraph, start_page = self.paragraph + 1, self.page
        cells_of_rows: list[list[list[Line]]] = []
        for tr in rows:
            cells = tr.findall(qn("w:tc"))
            for sdt in tr.findall(qn("w:sdt")):
                content = sdt.find(qn("w:sdtContent"))
                if content is not None:
                    cells.extend(content.findall(qn("w:tc")))
            if len(cells) > MAX_CELLS:
                raise TooLarge(f"sebuah baris tabel memuat lebih dari {MAX_CELLS} sel")
            row: list[list[Line]] = []
            for tc in cells:
                inner: list[Line] = []
                self._container(tc, depth + 1, inner)
                row.append([block for block in inner if isinstance(block, Line)])
            cells_of_rows.append(row)
        first = [" ".join(line.text for line in cell) for cell in cells_of_rows[0]] if cells_of_rows else []
        if _is_data_table(first):
            sink.append(
                Table(
                    index=-1,
                    paragraph=start_paragraph,
                    page=start_page,
                    rows=tuple(
                        tuple(" ".join(line.text for line in cell if not line.blank) for cell in row)
                        for row in cells_of_rows
                    ),
                )
            )
            return
        for row in cells_of_rows:
            sink.extend(_row_lines(row))


def _row_lines(row: list[list[Line]]) -> Iterator[Line]:
    """A layout row as printed lines, the row's pictures (a kop's logo cell) on its first line."""
    images = tuple(key for cell in row for line in cell for key in line.images)
    lines = list(_row_text_lines(row))
    if not lines and images:
        lines = [next(line for cell in row for line in cell)]  # a row holding only a picture
    for position, line in enumerate(lines):
        yield replace(line, images=images) if position == 0 else replace(line, images=())


def _row_text_lines(row: list[list[Line]]) -> Iterator[Line]:
    """Single-line cells side by side, a multi-line cell down the page.

    [Menimbang][:][a. first / b. second] reads as "Menimbang : a. first" then ": b. second" under it;
    when several cells run over several lines (a signature block beside a Tembusan), each cell is read
    top to bottom, left to right.
    """
    cells = [[line for line in cell if not line.blank] for cell in row]
    tall = [i for i, cell in enumerate(cells) if len(cell) > 1]
    if len(tall) > 1:
        for cell in cells:
            yield from cell
        return
    lead = tall[0] if tall else None
    if lead is None:
        present = [cell[0] for cell in cells if cell]
        if not present:
            return
        pieces = tuple(p for cell in cells for p in (cell[0].pieces if cell else ("",)))
        yield _merge(present[0], pieces, any(line.numbered for line in present))
        return
    before = tuple(p for cell in cells[:lead] for p in (cell[0].pieces if cell else ("",)))
    after = tuple(p for cell in cells[lead + 1 :] for p in (cell[0].pieces if cell else ("",)))
    for position, line in enumerate(cells[lead]):
        if position == 0:
            yield _merge(line, before + line.pieces + after, line.numbered)
        else:
            yield _merge(line, tuple("" for _ in before) + line.pieces, line.numbered)


def _merge(line: Line, pieces: tuple[str, ...], numbered: bool) -> Line:
    return replace(line, pieces=pieces, numbered=numbered, in_table=True)


def _paper(document: Document) -> tuple[float, float] | None:
    """Width and height in mm of the first section's page (the decree's own)."""
    section = first_section(document)
    size = section.find(qn("w:pgSz")) if section is not None else None
    if size is None:
        return None
    try:
        width, height = int(size.get(qn("w:w"), "0")), int(size.get(qn("w:h"), "0"))
    except ValueError:
        return None
    if not width or not height:
        return None
    return (min(width, height) / TWIPS_PER_MM, max(width, height) / TWIPS_PER_MM)


def _header_lines(document: Document, reader: _Reader) -> tuple[list[Line], object]:
    """Lines of the first section's first-page (or default) header, where a kop is often typed, and the
    header's part (its pictures are found through it)."""
    try:
        section = document.sections[0]
    except IndexError:
        return [], None
    header = section.first_page_header if section.different_first_page_header_footer else section.header
    try:
        if header.is_linked_to_previous:
            return [], None
        element, part = header._element, header.part
    except (AttributeError, KeyError, ValueError):
        return [], None
    lines: list[Block] = []
    reader._container(element, depth=0, sink=lines)
    return [replace(line, paragraph=0, page=1) for line in lines if isinstance(line, Line)], part


def _footer_lines(document: Document, reader: _Reader) -> list[Line]:
    """Lines of every footer of every section, each footer part read once (one reader: one line cap)."""
    lines: list[Block] = []
    seen: set[int] = set()
    for section in document.sections:
        for footer in (section.footer, section.first_page_footer, section.even_page_footer):
            try:
                if footer.is_linked_to_previous:
                    continue
                element = footer._element
            except (AttributeError, KeyError, ValueError):
                continue
            if id(element) in seen:
                continue
            seen.add(id(element))
            reader._container(element, depth=0, sink=lines)
    return [replace(line, page=1) for line in lines if isinstance(line, Line)]  # the footer's paragraphs


def read_document(document: Document) -> Printed:
    """The document's blocks in reading order, numbered 0.. by position."""
    reader = _Reader(document)
    header_reader = _Reader(document, "header")  # its own counters: the body's stay untouched
    header, header_part = _header_lines(document, header_reader)
    footer = _footer_lines(document, _Reader(document, "footer"))
    reader.read_body()
    blocks: list[Block] = []
    blocks = [replace(block, index=position) for position, block in enumerate(reader.blocks)]
    parts = {"body": document.part, "header": header_part}
    return Printed(
        blocks, _paper(document), reader.pages_known, header, parts, footer, printed_style(document)
    )
