"""Decrees typed the way people type them in Word, built here with python-docx (never with our template).

One decree (Kecamatan Kaliori) is written in several typing styles: labels aligned with tabs or with
spaces, a layout of borderless tables (kop and signature included), Word's automatic numbering (labels
in numbering.xml), runs split mid-word with non-breaking spaces, and F4 or A4 paper. Every style must
give the same workbook, which EXPECTED describes sheet by sheet.
"""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from pathlib import Path

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Mm, Pt
from docx.text.paragraph import Paragraph

from tests.factories import write_png

STYLES = ("tab", "spasi", "tabel", "penomoran", "run")

GOVERNMENT = "PEMERINTAH KABUPATEN REMBANG"
KECAMATAN = "KECAMATAN KALIORI"
ADDRESS = "Jl. Raya Kaliori No. 12 Telp. (0295) 391 123 Kode Pos 59252 Kaliori"
EMAIL = "Email: kec.kaliori@rembangkab.go.id"
NUMBER = "061 /\u00a0\u00a0\u00a0\u00a0 /2023"
TITLE_LINES = ("PETA PROSES BISNIS KECAMATAN KALIORI", "KABUPATEN REMBANG")
OFFICE_LINE = "CAMAT KALIORI KABUPATEN REMBANG,"
MENIMBANG = (
    "bahwa dalam rangka pelaksanaan reformasi birokrasi perlu disusun Peta Proses Bisnis sebagai acuan "
    "penataan tata laksana di Kecamatan Kaliori;",
    "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan Keputusan Camat "
    "tentang Peta Proses Bisnis Kecamatan Kaliori Kabupaten Rembang;",
)
MENGINGAT = (
    "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 19 Tahun 2018 tentang "
    "Pedoman Penyusunan Peta Proses Bisnis Instansi Pemerintah;",
    "Peraturan Bupati Rembang Nomor 69 Tahun 2016 tentang Kedudukan, Susunan Organisasi, Tugas dan Fungsi "
    "Serta Tata Kerja Kecamatan di Kabupaten Rembang;",
)
MEMPERHATIKAN = "Surat Sekretaris Daerah Kabupaten Rembang Nomor 060/1100 tanggal 5 Desember 2022;"
DIKTUM = (
    ("Peta Proses Bisnis Kecamatan Kaliori sebagaimana tercantum dalam Lampiran Keputusan ini.", ()),
    (
        "Peta Proses Bisnis sebagaimana dimaksud dalam Diktum KESATU digunakan sebagai:",
        ("pedoman penyusunan standar operasional prosedur; dan", "bahan evaluasi tata laksana."),
    ),
    ("Keputusan ini mulai berlaku pada tanggal ditetapkan.", ()),
)
ORDINALS = ("KESATU", "KEDUA", "KETIGA")
PLACE, DATE_TEXT = "Kaliori", "2 Januari 2023"
SIGNER = (
    "CAMAT KALIORI,",
    "Drs. BUDI SANTOSO, M.Si",
    "Pembina Tingkat I (IV/b)",
    "NIP. 19700101 199503 1 002",
)
TEMBUSAN = ("Bupati Rembang (sebagai laporan);", "Sekretaris Daerah Kabupaten Rembang;", "Arsip.")
LAMPIRAN_TITLE = "PETA PROSES BISNIS KECAMATAN KALIORI"
SEJARAH = (
    "Kecamatan Kaliori dibentuk berdasarkan Peraturan Daerah Kabupaten Rembang Nomor 5 Tahun 2016 tentang "
    "Pembentukan dan Susunan Perangkat Daerah."
)
DASAR_HUKUM = (
    "Peraturan Daerah Kabupaten Rembang Nomor 5 Tahun 2016;",
    "Peraturan Bupati Rembang Nomor 69 Tahun 2016.",
)
SUSUNAN_INTRO = "Susunan organisasi Kecamatan Kaliori terdiri dari :"
UNITS = (  # (label depth, printed text)
    (0, "Camat;"),
    (0, "Sekretariat, terdiri dari :"),
    (1, "Sub Bagian Umum dan Kepegawaian;"),
    (1, "Sub Bagian Program dan Keuangan;"),
    (0, "Seksi Tata Pemerintahan;"),
    (0, "Kelompok Jabatan Fungsional."),
)
TUPOKSI = (
    (
        "Camat",
        ("Memimpin penyelenggaraan pemerintahan di wilayah kecamatan.",),
        ("Pengoordinasian kegiatan pemberdayaan masyarakat;", "Pembinaan penyelenggaraan pemerintahan desa."),
    ),
    ("Sekretaris Kecamatan", ("Menyiapkan bahan perumusan kebijakan dan pelayanan administrasi.",), ()),
)
INSTRUMENT = (
    ("1.", "Proses Perencanaan dan Pelaporan", "Manajemen", "P.1"),
    ("2.", "Proses Pelayanan Administrasi Terpadu", "Inti", "U.1"),
)
CASCADING_TITLE = "CASCADING KINERJA KECAMATAN KALIORI"
KINERJA = (
    ("MENINGKATKAN KUALITAS PELAYANAN PUBLIK", "Indeks Kepuasan Masyarakat"),
    ("Peningkatan Kualitas Pelayanan Kecamatan", "Persentase layanan sesuai SOP"),
)

PAPERS = {"F4": (Mm(215), Mm(330)), "A4": (Mm(210), Mm(297))}


def _logo() -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        return write_png(Path(folder) / "lambang.png", 60, 60).read_bytes()


LOGO = _logo()


# --- the workbook every style must give --------------------------------------------------------------

EXPECTED = {
    "Kantor": {
        "Pemerintah Daerah": GOVERNMENT,
        "Nama Kecamatan": "Kaliori",
        "Kabupaten/Kota": "Kabupaten Rembang",
        "Alamat": "Jl. Raya Kaliori No. 12",
        "Telepon": "(0295) 391 123",
        "Kode Pos": "59252",
        "Email": "kec.kaliori@rembangkab.go.id",
        "Tempat pada Kop": "Kaliori",
    },
    "Keputusan": {
        "Tahun": 2023,
        "Nomor": f"NOMOR : {NUMBER}",  # the label as the office writes it
        "Tentang": " ".join(TITLE_LINES),
        "Baris Jabatan": OFFICE_LINE,
        "Dengan Rahmat Tuhan": "Ya",
        "Tempat Penetapan": PLACE,
        "Tanggal Penetapan": dt.datetime(2023, 1, 2),
        "Halaman Sampul": "Tidak",
    },
    "Penandatangan": {
        "Jabatan": "CAMAT KALIORI,",
        "Nama": "Drs. BUDI SANTOSO, M.Si",
        "Pangkat": "Pembina Tingkat I",
        "Golongan": "IV/b",
        "NIP": "19700101 199503 1 002",
        "Golongan Dicetak": "Ya",  # "(IV/b)" printed after the pangkat
        "Tanda Tangan Elektronik": None,
    },
    "Tata Naskah": {  # python-docx's Cambria is no Huruf choice: empty, with a warning
        "Huruf": None,
        "Ukuran Huruf": 11,
        "Margin Kiri (mm)": 30,
        "Margin Kanan (mm)": 20,
        "Margin Atas (mm)": 25,  # Word's 2.54 cm
        "Margin Bawah (mm)": 25,
    },
    "Menimbang": [{"Isi": text} for text in MENIMBANG],
    "Mengingat": [{"Isi": text} for text in MENGINGAT],
    "Diktum": [
        {"Diktum": 1, "Butir": None, "Isi": DIKTUM[0][0]},
        {"Diktum": 2, "Butir": None, "Isi": DIKTUM[1][0]},
        {"Diktum": 2, "Butir": "a", "Isi": DIKTUM[1][1][0]},
        {"Diktum": 2, "Butir": "b", "Isi": DIKTUM[1][1][1]},
        {"Diktum": 3, "Butir": None, "Isi": DIKTUM[2][0]},
    ],
    "Tembusan": [{"Isi": text} for text in TEMBUSAN],
    "Lampiran": {
        "Susunan Organisasi": "Ya",
        "Pengantar Susunan Organisasi": SUSUNAN_INTRO,
        "Tabel Instrumen": "Ya",
        "Judul Cascading Kinerja": CASCADING_TITLE,
        "Judul Lampiran": LAMPIRAN_TITLE,
    },
    "Uraian": [
        {"Bagian": "Sejarah Pembentukan", "Isi": SEJARAH},
        *({"Bagian": "Dasar Hukum", "Isi": text} for text in DASAR_HUKUM),
    ],
    "Unit": [
        {"Kode": "U1", "Nama Unit": "Camat", "Induk": None, "Jabatan Pimpinan": "Camat"},
        {"Kode": "U2", "Nama Unit": "Sekretariat", "Induk": "U1", "Jabatan Pimpinan": "Sekretaris Kecamatan"},
        {
            "Kode": "U3",
            "Nama Unit": "Sub Bagian Umum dan Kepegawaian",
            "Induk": "U2",
            "Jabatan Pimpinan": None,
        },
        {
            "Kode": "U4",
            "Nama Unit": "Sub Bagian Program dan Keuangan",
            "Induk": "U2",
            "Jabatan Pimpinan": None,
        },
        {"Kode": "U5", "Nama Unit": "Seksi Tata Pemerintahan", "Induk": "U1", "Jabatan Pimpinan": None},
        {"Kode": "U6", "Nama Unit": "Kelompok Jabatan Fungsional", "Induk": "U1", "Jabatan Pimpinan": None},
    ],
    "Tupoksi": [
        {"Unit": "U1", "Jenis": "Tugas Pokok", "Isi": TUPOKSI[0][1][0]},
        {"Unit": "U1", "Jenis": "Fungsi", "Isi": TUPOKSI[0][2][0]},
        {"Unit": "U1", "Jenis": "Fungsi", "Isi": TUPOKSI[0][2][1]},
        {"Unit": "U2", "Jenis": "Tugas Pokok", "Isi": TUPOKSI[1][1][0]},
    ],
    "Proses": [
        {"Nama Proses": "Proses Perencanaan dan Pelaporan", "Kategori": "Manajemen", "Induk": None},
        {"Nama Proses": "Proses Pelayanan Administrasi Terpadu", "Kategori": "Inti", "Induk": None},
    ],
    "Kinerja": [
        {"Uraian": KINERJA[0][0], "Indikator": KINERJA[0][1]},
        {"Uraian": KINERJA[1][0], "Indikator": KINERJA[1][1]},
    ],
}
UNPLACED_WORDS = ("Memperhatikan",)  # the workbook has no Memperhatikan: it must be listed, not lost


# --- building blocks ------------------------------------------------------------------------------


def _spaced(*parts: str) -> str:
    """Labels aligned with spaces, as typed on a typewriter-trained hand."""
    widths = (14, 3, 4)
    out = ""
    for index, part in enumerate(parts):
        width = widths[index] if index < len(widths) else 0
        out += part.ljust(width) if index < len(parts) - 1 else part
    return out


def _no_borders(table) -> None:
    borders = parse_xml(
        f"<w:tblBorders {nsdecls('w')}>"
        + "".join(
            f'<w:{side} w:val="nil"/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV")
        )
        + "</w:tblBorders>"
    )
    table._tbl.tblPr.append(borders)


def _grid(table) -> None:
    table.style = "Table Grid"


class Writer:
    """Writes the decree in one typing style."""

    def __init__(self, style: str, paper: str) -> None:
        self.style = style
        self.doc: DocumentObject = Document()
        width, height = PAPERS[paper]
        section = self.doc.sections[0]
        section.page_width, section.page_height = width, height
        section.left_margin, section.right_margin = Cm(3), Cm(2)
        self.numbering = _Numbering(self.doc)

    # --- primitives ---------------------------------------------------------------------------

    def para(self, text: str = "", *, center: bool = False, bold: bool = False) -> Paragraph:
        paragraph = self.doc.add_paragraph()
        self.runs(paragraph, text, bold=bold)
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        return paragraph

    def runs(self, paragraph: Paragraph, text: str, bold: bool = False) -> None:
        """Text as runs: in the "run" style each word is cut mid-word into runs of other formatting."""
        if self.style != "run":
            for position, line in enumerate(text.split("\n")):
                if position:
                    paragraph.add_run().add_break()
                for piece_index, piece in enumerate(line.split("\t")):
                    run = paragraph.add_run(("\t" if piece_index else "") + piece)
                    run.bold = bold
            return
        for position, line in enumerate(text.split("\n")):
            if position:
                paragraph.add_run().add_break()
            for piece_index, piece in enumerate(line.split("\t")):
                if piece_index:
                    paragraph.add_run("\t")
                words = piece.split(" ")
                for index, word in enumerate(words):
                    cut = max(1, len(word) // 2)
                    first = paragraph.add_run(word[:cut])
                    first.bold = bold or index % 2 == 0
                    second = paragraph.add_run(word[cut:])
                    second.italic = index % 3 == 0
                    second.font.size = Pt(12)
                    if index < len(words) - 1:
                        paragraph.add_run("\u00a0" if index % 4 == 1 else " ")

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    # --- parts --------------------------------------------------------------------------------

    def kop(self) -> None:
        lines = (GOVERNMENT, KECAMATAN, ADDRESS, EMAIL)
        if self.style == "tabel":
            table = self.doc.add_table(rows=1, cols=2)
            _no_borders(table)
            table.cell(0, 0).paragraphs[0].add_run().add_picture(io.BytesIO(LOGO), width=Cm(2))
            cell = table.cell(0, 1)
            cell.paragraphs[0].text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
        else:
            self.para(center=True).add_run().add_picture(io.BytesIO(LOGO), width=Cm(2))
            for line in lines:
                self.para(line, center=True, bold=line.isupper())
        self.para("")

    def heading(self) -> None:
        self.para(f"KEPUTUSAN CAMAT KALIORI\nNOMOR : {NUMBER}", center=True, bold=True)
        self.para("TENTANG", center=True)
        self.para("\n".join(TITLE_LINES), center=True)
        self.para("")
        self.para("DENGAN RAHMAT TUHAN YANG MAHA ESA", center=True)
        self.para("")
        self.para(OFFICE_LINE, center=True)

    def clause(self, head: str, items: tuple[str, ...], kind: str) -> None:
        labels = [f"{chr(ord('a') + i)}." if kind == "letter" else f"{i + 1}." for i in range(len(items))]
        if self.style == "tabel":
            table = self.doc.add_table(rows=len(items), cols=4)
            _no_borders(table)
            for row, (label, text) in enumerate(zip(labels, items, strict=True)):
                cells = table.rows[row].cells
                cells[0].text, cells[1].text = (head, ":") if row == 0 else ("", "")
                cells[2].text, cells[3].text = label, text
            return
        if self.style == "penomoran":
            self.para(f"{head}\t:")
            list_id = self.numbering.new("lowerLetter" if kind == "letter" else "decimal")
            for position, text in enumerate(items):
                if kind == "number" and position == 2:  # the list goes on in a second instance: "3."
                    list_id = self.numbering.instance_of(list_id)
                paragraph = self.para(text)
                self.numbering.apply(paragraph, list_id)
            return
        for index, (label, text) in enumerate(zip(labels, items, strict=True)):
            first = head if index == 0 else ""
            colon = ":" if index == 0 else ""
            if self.style == "spasi":
                if index == 0 and len(text) > 60:  # Enter at the line's end, the rest aligned with spaces
                    cut = text.rfind(" ", 0, 60)
                    self.para(_spaced(first, colon, label, text[:cut]))
                    self.para(" " * 21 + text[cut + 1 :])
                else:
                    self.para(_spaced(first, colon, label, text))
            else:
                paragraph = self.para(f"{first}\t{colon}\t{label}\t{text}")
                paragraph.paragraph_format.left_indent = Cm(4)
                paragraph.paragraph_format.first_line_indent = Cm(-4)

    def memperhatikan(self) -> None:
        if self.style == "tabel":
            table = self.doc.add_table(rows=1, cols=3)
            _no_borders(table)
            for cell, text in zip(table.rows[0].cells, ("Memperhatikan", ":", MEMPERHATIKAN), strict=True):
                cell.text = text
        elif self.style == "spasi":
            self.para(_spaced("Memperhatikan", ":", MEMPERHATIKAN))
        else:
            self.para(f"Memperhatikan\t:\t{MEMPERHATIKAN}")

    def diktum(self) -> None:
        self.para("M E M U T U S K A N :", center=True)
        self.para("Menetapkan\t:\tKEPUTUSAN CAMAT KALIORI TENTANG PETA PROSES BISNIS KECAMATAN KALIORI.")
        if self.style == "tabel":
            rows = sum(1 + len(items) for _, items in DIKTUM)
            table = self.doc.add_table(rows=rows, cols=4)
            _no_borders(table)
            row = 0
            for ordinal, (text, items) in zip(ORDINALS, DIKTUM, strict=True):
                cells = table.rows[row].cells
                cells[0].text, cells[1].text, cells[2].text = ordinal, ":", text
                row += 1
                for index, item in enumerate(items):
                    cells = table.rows[row].cells
                    cells[2].text, cells[3].text = f"{chr(ord('a') + index)}.", item
                    row += 1
            return
        letters = self.numbering.new("lowerLetter") if self.style == "penomoran" else None
        for ordinal, (text, items) in zip(ORDINALS, DIKTUM, strict=True):
            if self.style == "spasi":
                self.para(_spaced(ordinal, ":", text))
            else:
                self.para(f"{ordinal}\t:\t{text}")
            for index, item in enumerate(items):
                if letters is not None:
                    self.numbering.apply(self.para(item), letters)
                elif self.style == "spasi":
                    self.para(" " * 18 + f"{chr(ord('a') + index)}.  {item}")
                else:
                    self.para(f"\t\t{chr(ord('a') + index)}.\t{item}")

    def signature(self) -> None:
        lines = (f"Ditetapkan di {PLACE}", f"pada tanggal {DATE_TEXT}", SIGNER[0], "", "", *SIGNER[1:])
        if self.style == "tabel":
            table = self.doc.add_table(rows=1, cols=2)
            _no_borders(table)
            cell = table.cell(0, 1)
            cell.paragraphs[0].text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
            return
        for line in lines:
            paragraph = self.para(line)
            paragraph.paragraph_format.left_indent = Cm(9)

    def tembusan(self) -> None:
        self.para("Tembusan : Yth.")
        numbers = self.numbering.new("decimal") if self.style == "penomoran" else None
        for index, text in enumerate(TEMBUSAN, start=1):
            if numbers is not None:
                self.numbering.apply(self.para(text), numbers)
            else:
                self.para(f"{index}. {text}")

    def lampiran_header(self) -> None:
        if self.style == "tabel":
            table = self.doc.add_table(rows=3, cols=3)
            _no_borders(table)
            for row, (head, value) in enumerate(
                (("LAMPIRAN", "KEPUTUSAN CAMAT KALIORI"), ("NOMOR", NUMBER), ("TANGGAL", DATE_TEXT))
            ):
                cells = table.rows[row].cells
                cells[0].text, cells[1].text, cells[2].text = head, ":", value
        else:
            for head, value in (
                ("LAMPIRAN", "KEPUTUSAN CAMAT KALIORI"),
                ("NOMOR", NUMBER),
                ("TANGGAL", DATE_TEXT),
            ):
                paragraph = self.para(f"{head}\t:\t{value}")
                paragraph.paragraph_format.left_indent = Cm(8)
        self.para("")
        self.para(LAMPIRAN_TITLE, center=True, bold=True)

    def lampiran_body(self) -> None:
        self.para("I. SEJARAH PEMBENTUKAN", bold=True)
        self.para(SEJARAH)
        self.para("II. DASAR HUKUM", bold=True)
        numbers = self.numbering.new("decimal") if self.style == "penomoran" else None
        for index, text in enumerate(DASAR_HUKUM, start=1):
            if numbers is not None:
                self.numbering.apply(self.para(text), numbers)
            else:
                self.para(f"{index}.\t{text}")
        self.para("III. SUSUNAN ORGANISASI", bold=True)
        self.para(SUSUNAN_INTRO)
        multi = self.numbering.new("lowerLetter", "decimal") if self.style == "penomoran" else None
        counters = [0, 0]
        for depth, text in UNITS:
            counters[depth] += 1
            if depth == 0:
                counters[1] = 0
            if multi is not None:
                self.numbering.apply(self.para(text), multi, level=depth)
            else:
                label = f"{chr(ord('a') + counters[0] - 1)}." if depth == 0 else f"{counters[1]}."
                paragraph = self.para(f"{label}\t{text}")
                paragraph.paragraph_format.left_indent = Cm(1 + depth)
        self.para("IV. TUGAS POKOK DAN FUNGSI", bold=True)
        for number, (name, tugas, fungsi) in enumerate(TUPOKSI, start=1):
            self.para(f"{number}. {name}")
            parts = [("Tugas Pokok :", tugas, False), ("Fungsi :", fungsi, True)]
            parts = [p for p in parts if p[1]]
            for letter, (title, texts, numbered) in enumerate(parts):
                self.para(f"{chr(ord('a') + letter)}. {title}" if len(parts) > 1 else title)
                restart = self.numbering.new("decimal") if self.style == "penomoran" and numbered else None
                for index, text in enumerate(texts, start=1):
                    if restart is not None:
                        self.numbering.apply(self.para(text), restart)
                    else:
                        self.para(f"{index}.\t{text}" if numbered else text)
        self.para("ISI TABEL INSTRUMEN", center=True, bold=True)
        table = self.doc.add_table(rows=1 + len(INSTRUMENT), cols=4)
        _grid(table)
        for cell, text in zip(
            table.rows[0].cells, ("NO", "PROSES", "JENIS PROSES", "KODE SUB PROSES"), strict=True
        ):
            cell.text = text
        for row, values in enumerate(INSTRUMENT, start=1):
            for cell, text in zip(table.rows[row].cells, values, strict=True):
                cell.text = text
        self.para("")
        self.para(CASCADING_TITLE, center=True, bold=True)
        for text, indicator in KINERJA:
            self.para(text, center=True)
            self.para(f"Indikator : {indicator}", center=True)

    # --- the document -------------------------------------------------------------------------

    def build(self) -> bytes:
        self.kop()
        self.heading()
        self.clause("Menimbang", MENIMBANG, "letter")
        self.clause("Mengingat", MENGINGAT, "number")
        self.memperhatikan()
        self.diktum()
        self.signature()
        self.tembusan()
        self.page_break()
        self.lampiran_header()
        self.lampiran_body()
        self.signature()
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()


class _Numbering:
    """Adds abstract lists and their instances to numbering.xml, as Word's numbering button does."""

    def __init__(self, doc: DocumentObject) -> None:
        self.root = doc.part.numbering_part.element
        self.next_id = 100

    def new(self, *formats: str, start: int = 1) -> str:
        self.next_id += 1
        abstract_id = str(self.next_id)
        levels = "".join(
            f'<w:lvl w:ilvl="{level}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="%{level + 1}."/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{720 * (level + 1)}" w:hanging="360"/></w:pPr></w:lvl>'
            for level, fmt in enumerate(formats)
        )
        abstract = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">{levels}</w:abstractNum>'
        )
        first_num = self.root.find(qn("w:num"))
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            self.root.append(abstract)
        return self._instance(abstract_id)

    def _instance(self, abstract_id: str) -> str:
        self.next_id += 1
        num_id = str(self.next_id)
        self.root.append(
            parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/></w:num>'
            )
        )
        self.abstract_of = getattr(self, "abstract_of", {})
        self.abstract_of[num_id] = abstract_id
        return num_id

    def instance_of(self, num_id: str) -> str:
        """A second numbering instance of the same list: Word continues its count."""
        return self._instance(self.abstract_of[num_id])

    def apply(self, paragraph: Paragraph, num_id: str, level: int = 0) -> None:
        p_pr = paragraph._p.get_or_add_pPr()
        p_pr.append(
            parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'
            )
        )


def build(style: str, paper: str = "F4") -> bytes:
    """The Kaliori decree typed in ``style`` on ``paper``."""
    return Writer(style, paper).build()


__all__ = ["EXPECTED", "STYLES", "UNPLACED_WORDS", "WD_SECTION", "build"]
