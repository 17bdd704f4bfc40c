"""Decrees of other offices typed by hand in Word, built here with python-docx (never with our template).

Each office prints its decree its own way (issue 10): a kop of four lines in a borderless table, the
number line as "Nomor : ...", a date with the day left blank, an acting or delegated signer on two lines,
golongan after the pangkat, an electronic signature with the BSrE sentence in the footer, tembusan and
titles broken with Shift+Enter, an IKU table, a typeface and margins of its own, no Lampiran at all.
``Typed`` writes one decree; each part can be written in such a way.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm, Mm, Pt
from docx.text.paragraph import Paragraph

MENIMBANG = (
    "bahwa dalam rangka pelaksanaan reformasi birokrasi perlu disusun Peta Proses Bisnis Kecamatan;",
    "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan Keputusan Camat;",
)
MENGINGAT = (
    "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;",
    "Peraturan Pemerintah Nomor 17 Tahun 2018 tentang Kecamatan;",
)
DIKTUM = (
    "Peta Proses Bisnis Kecamatan sebagaimana tercantum dalam Lampiran Keputusan ini.",
    "Keputusan ini mulai berlaku pada tanggal ditetapkan.",
)
BSRE = (
    "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang diterbitkan "
    "oleh Balai Besar Sertifikasi Elektronik (BSrE), Badan Siber dan Sandi Negara"
)


def no_borders(table) -> None:
    sides = ("top", "left", "bottom", "right", "insideH", "insideV")
    borders = "".join(f'<w:{side} w:val="nil"/>' for side in sides)
    table._tbl.tblPr.append(parse_xml(f"<w:tblBorders {nsdecls('w')}>{borders}</w:tblBorders>"))


def write_lines(paragraph: Paragraph, text: str) -> None:
    """Text into a paragraph, each "\\n" a soft line break (Shift+Enter)."""
    for position, line in enumerate(text.split("\n")):
        if position:
            paragraph.add_run().add_break()
        paragraph.add_run(line)


class Typed:
    """One decree typed in Word, part by part; ``build`` gives its bytes."""

    def __init__(self, *, paper_mm: tuple[int, int] = (215, 330), margins_mm=(30, 20, 20, 25)) -> None:
        self.doc = Document()
        section = self.doc.sections[0]
        section.page_width, section.page_height = Mm(paper_mm[0]), Mm(paper_mm[1])
        left, right, top, bottom = margins_mm
        section.left_margin, section.right_margin = Mm(left), Mm(right)
        section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)

    # --- primitives ---------------------------------------------------------------------------

    def para(self, text: str = "", *, center: bool = False, indent_cm: float = 0) -> Paragraph:
        """A paragraph; "\\n" in the text is a soft line break (Shift+Enter), "\\t" a tab."""
        paragraph = self.doc.add_paragraph()
        write_lines(paragraph, text)
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if indent_cm:
            paragraph.paragraph_format.left_indent = Cm(indent_cm)
        return paragraph

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def table(self, rows: Sequence[Sequence[str]], *, grid: bool = True):
        table = self.doc.add_table(rows=len(rows), cols=max(len(r) for r in rows))
        if grid:
            table.style = "Table Grid"
        else:
            no_borders(table)
        for r, cells in enumerate(rows):
            for c, text in enumerate(cells):
                table.cell(r, c).text = text
        return table

    def footer(self, text: str) -> None:
        self.doc.sections[0].footer.paragraphs[0].text = text

    # --- parts --------------------------------------------------------------------------------

    def kop(self, government: str, kecamatan: str, *lines: str, table: bool = False) -> None:
        """The kop: in the body, or in a borderless table beside the logo's (empty) cell."""
        texts = (government, kecamatan, *lines)
        if table:
            self.beside(texts)
        else:
            for text in texts:
                self.para(text, center=True)
        self.para("")

    def heading(self, kecamatan: str, number_line: str, title: str, office_line: str) -> None:
        self.para(f"KEPUTUSAN CAMAT {kecamatan}", center=True)
        self.para(number_line, center=True)
        self.para("TENTANG", center=True)
        self.para(title, center=True)
        self.para(office_line, center=True)

    def body(self, menimbang=MENIMBANG, mengingat=MENGINGAT, diktum=DIKTUM) -> None:
        for head, items, kind in (("Menimbang", menimbang, "letter"), ("Mengingat", mengingat, "number")):
            for index, text in enumerate(items):
                label = f"{chr(ord('a') + index)}." if kind == "letter" else f"{index + 1}."
                first = (head, ":") if index == 0 else ("", "")
                self.para(f"{first[0]}\t{first[1]}\t{label}\t{text}")
        self.para("MEMUTUSKAN :", center=True)
        self.para("Menetapkan\t:")
        for ordinal, text in zip(("KESATU", "KEDUA", "KETIGA"), diktum, strict=False):
            self.para(f"{ordinal}\t:\t{text}")

    def signature(self, place: str, date: str, *lines: str, table: bool = False) -> None:
        """Ditetapkan di, pada tanggal, then the jabatan ... NIP lines as given ("" for the space)."""
        texts = (f"Ditetapkan di {place}", f"pada tanggal {date}", *lines)
        if table:
            self.beside(texts)
            return
        for text in texts:
            self.para(text, indent_cm=9)

    def beside(self, texts: Sequence[str]) -> None:
        """Lines in the right cell of a borderless two-cell table (the left one for the logo, or empty)."""
        layout = self.doc.add_table(rows=1, cols=2)
        no_borders(layout)
        cell = layout.cell(0, 1)
        for index, text in enumerate(texts):
            write_lines(cell.paragraphs[0] if index == 0 else cell.add_paragraph(), text)

    def tembusan(self, *items: str) -> None:
        self.para("Tembusan :")
        for number, text in enumerate(items, start=1):
            self.para(f"{number}.\t{text}")

    def lampiran_header(self, kecamatan: str, number: str, date: str) -> None:
        self.page_break()
        for head, value in (
            ("LAMPIRAN", f"KEPUTUSAN CAMAT {kecamatan}"),
            ("NOMOR", number),
            ("TANGGAL", date),
        ):
            self.para(f"{head}\t:\t{value}", indent_cm=8)

    def typeface(self, font: str, size: int, *, direct: bool = False) -> None:
        """The office's typeface: on the Normal style, or selected over the text (direct formatting)."""
        if not direct:
            normal = self.doc.styles["Normal"].font
            normal.name, normal.size = font, Pt(size)
            return
        for paragraph in self.doc.paragraphs:
            for run in paragraph.runs:
                run.font.name, run.font.size = font, Pt(size)

    def build(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()
