"""The rendered Keputusan: every part's text in order, its styles, paper, figures and escaping."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile
from collections.abc import Sequence
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.shared import Cm
from docx.table import Table
from docx.text.paragraph import Paragraph
from docxtpl import DocxTemplate
from factories import (
    MENGINGAT,
    MENIMBANG,
    NUMBER,
    fake_images,
    narrative_decree,
    sale_decree,
    with_info,
    with_lampiran,
    with_signer,
    write_png,
)

from generator import figures
from generator.context import BLANK, DAY_BLANK, build_context, text_width_mm
from generator.model import Decree, Indicator, Paper, Picture, TataNaskah
from generator.narrative import build_narrative
from generator.render import Renderer, TemplateError
from generator.schema import TTE_FOOTER

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "templates" / "keputusan.docx"
SALE_WORKBOOK = ROOT / "inputs" / "sale-2020.xlsx"
TEMPURSARI_WORKBOOK = ROOT / "inputs" / "tempursari-2024.xlsx"
SIGNATURE = [
    "Ditetapkan di Sale",
    "pada tanggal 29 Mei 2020",
    "CAMAT SALE",
    "Drs. SUBHAN",
    "Pembina Tk.I",
    "NIP. 19661124 199203 1 005",
]


# ---------------------------------------------------------------------------- helpers


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer(TEMPLATE)


def render(renderer: Renderer, decree: Decree, images: dict | None = None) -> DocumentObject:
    return Document(io.BytesIO(renderer.render(decree, images or {})))


def blocks(doc: DocumentObject) -> list[Paragraph | Table]:
    """Body paragraphs and tables in document order."""
    found: list[Paragraph | Table] = []
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:p"):
            found.append(Paragraph(child, doc))
        elif child.tag == qn("w:tbl"):
            found.append(Table(child, doc))
    return found


def texts(doc: DocumentObject) -> list[str]:
    """Every non-empty paragraph text in order; a table row as "cell | cell".

    The signature block is laid out as a one-row table that keeps it on one page: its lines are listed
    as the paragraphs they are.
    """
    lines: list[str] = []
    for block in blocks(doc):
        if isinstance(block, Paragraph):
            if block.text.strip():
                lines.append(block.text)
        elif block.style is not None and block.style.name == "Tabel Tanda Tangan":
            lines.extend(p.text for cell in block.rows[0].cells for p in cell.paragraphs if p.text.strip())
        else:
            for row in block.rows:
                lines.append(" | ".join(cell.text for cell in row.cells))
    return lines


def signature_tables(doc: DocumentObject) -> list[Table]:
    return [b for b in blocks(doc) if isinstance(b, Table) and b.style.name == "Tabel Tanda Tangan"]


def paragraphs_by_style(doc: DocumentObject, style: str) -> list[str]:
    return [p.text for p in doc.paragraphs if p.style.name == style]


def assert_in_order(lines: Sequence[str], expected: Sequence[str]) -> None:
    """Each expected line appears, exactly, after the previous one."""
    position = 0
    for wanted in expected:
        try:
            position = lines.index(wanted, position) + 1
        except ValueError:
            context = "\n".join(lines[max(position - 3, 0) : position + 3])
            raise AssertionError(f"{wanted!r} not found after line {position}:\n{context}") from None


def style_value(doc: DocumentObject, style_name: str, attribute: str):
    """A paragraph-format value as the style or its bases define it."""
    style = doc.styles[style_name]
    while style is not None:
        value = getattr(style.paragraph_format, attribute)
        if value is not None:
            return value
        style = style.base_style
    return None


# ---------------------------------------------------------------------------- the decree


def test_kop_and_title_block_in_order(renderer):
    lines = texts(render(renderer, sale_decree()))
    assert_in_order(
        lines,
        [
            "PEMERINTAH KABUPATEN REMBANG",
            "KECAMATAN SALE",
            "Jl. Blora No.45 Km. 1 Sale- Rembang Telp. ( 0295) 005 391 405 Kode Pos 59265",
            f"KEPUTUSAN CAMAT SALE\nNOMOR {NUMBER}",
            "TENTANG",
            "PETA PROSES BISNIS KECAMATAN SALE\nKABUPATEN REMBANG",
            "CAMAT SALE KABUPATEN REMBANG,",
            f"Menimbang\t:\ta.\t{MENIMBANG[0]}",
        ],
    )
    assert "DENGAN RAHMAT TUHAN YANG MAHA ESA" not in lines


def test_blessing_printed_when_asked(renderer):
    lines = texts(render(renderer, with_info(sale_decree(), with_blessing=True)))
    assert_in_order(
        lines,
        ["TENTANG", "DENGAN RAHMAT TUHAN YANG MAHA ESA", "CAMAT SALE KABUPATEN REMBANG,"],
    )


def test_kop_has_the_rule_and_sizes_in_ratio(renderer):
    doc = render(renderer, sale_decree())
    sizes = [doc.styles[name].font.size.pt for name in ("Kop Pemda", "Kop Kecamatan", "Kop Alamat")]
    assert sizes[0] * 3 == sizes[1] * 2 and sizes[1] == sizes[2] * 3
    rule = doc.styles["Garis Kop"].element.pPr.find(qn("w:pBdr"))
    assert rule is not None and rule.find(qn("w:bottom")) is not None
    assert [p for p in doc.paragraphs if p.style.name == "Garis Kop"]


def test_menimbang_lettered_with_hanging_indent(renderer):
    doc = render(renderer, sale_decree())
    got = paragraphs_by_style(doc, "Butir Menimbang")
    assert got == [
        f"Menimbang\t:\ta.\t{MENIMBANG[0]}",
        f"\t\tb.\t{MENIMBANG[1]}",
        f"\t\tc.\t{MENIMBANG[2]}",
    ]
    left = style_value(doc, "Butir Menimbang", "left_indent")
    first = style_value(doc, "Butir Menimbang", "first_line_indent")
    assert left > 0 and first == -left  # wrapped lines align with the text
    stops = [t.position for t in doc.styles["Butir Menimbang"].paragraph_format.tab_stops]
    assert stops[-1] == left and stops == sorted(stops)


def test_mengingat_numbered_with_the_same_indent(renderer):
    doc = render(renderer, sale_decree())
    got = paragraphs_by_style(doc, "Butir Mengingat")
    assert got[0] == f"Mengingat\t:\t1.\t{MENGINGAT[0]}"
    assert got[1:] == [f"\t\t{i}.\t{t}" for i, t in enumerate(MENGINGAT[1:], start=2)]
    assert got[9].startswith("\t\t10.\t")
    assert style_value(doc, "Butir Mengingat", "left_indent") == style_value(
        doc, "Butir Menimbang", "left_indent"
    )


def test_diktum_with_ordinals_and_sub_items(renderer):
    lines = texts(render(renderer, sale_decree()))
    assert_in_order(
        lines,
        [
            "MEMUTUSKAN :",
            "Menetapkan\t:",
            "KESATU\t:\tPeta Proses Bisnis Kecamatan Sale Kabupaten Rembang sebagaimana tercantum "
            "dalam Lampiran Keputusan ini.",
            "KEDUA\t:\tPeta Proses Bisnis sebagaimana dimaksud dalam Diktum KESATU berguna untuk:",
            "a.\tpedoman melaksanakan kegiatan di Kecamatan Sale dalam menyusun program, kegiatan "
            "dan standar operasional prosedur; dan",
            "b.\tmampu melaksanakan tugas dan fungsi secara efektif dan efisien;",
            "KETIGA\t:\tKeputusan ini mulai berlaku pada tanggal ditetapkan.",
        ],
    )


def test_signature_block_on_the_right_with_grouped_nip(renderer):
    doc = render(renderer, sale_decree())
    lines = texts(doc)
    assert_in_order(lines, ["KETIGA\t:\tKeputusan ini mulai berlaku pada tanggal ditetapkan."])
    assert_in_order(lines, SIGNATURE + ["Tembusan :"] + SIGNATURE)  # decree, then Lampiran
    tables = signature_tables(doc)
    assert len(tables) == 2
    names = [p for t in tables for p in t.rows[0].cells[1].paragraphs if p.text == "Drs. SUBHAN"]
    assert len(names) == 2 and all(p.style.name == "Tanda Tangan Nama" for p in names)
    assert doc.styles["Tanda Tangan Nama"].font.bold
    assert doc.styles["Tanda Tangan Nama"].font.underline
    section = doc.sections[-1]
    text_width = section.page_width - section.left_margin - section.right_margin
    for table in tables:
        spacer = table.rows[0].cells[0]
        assert not spacer.text.strip() and spacer.width >= text_width * 0.45  # the block's left edge
        assert table.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None  # never split over pages


def test_pangkat_derived_from_golongan_when_empty(renderer):
    lines = texts(render(renderer, with_signer(sale_decree(), pangkat="", golongan="IV/b")))
    assert_in_order(lines, ["Drs. SUBHAN", "Pembina Tingkat I", "NIP. 19661124 199203 1 005"])


def test_missing_number_date_and_name_leave_blanks_to_fill(renderer):
    assert len(BLANK) >= 10 and not BLANK.strip()  # a visible stretch, never text
    decree = with_signer(with_info(sale_decree(), number="", date=None), name="", nip="")
    lines = texts(render(renderer, decree))
    heading = next(line for line in lines if line.startswith("KEPUTUSAN CAMAT SALE"))
    assert heading == f"KEPUTUSAN CAMAT SALE\nNOMOR {BLANK}"
    assert f"pada tanggal {BLANK}" in lines
    assert f"Nomor\t:\t{BLANK}" in lines and f"Tanggal\t:\t{BLANK}" in lines
    assert f"NIP. {BLANK}" in lines
    assert not any(re.search(r"NOMOR .*\d", line) for line in lines)


def test_tembusan_numbered_and_absent_when_empty(renderer):
    lines = texts(render(renderer, sale_decree()))
    assert_in_order(lines, ["Tembusan :", "1.\tBupati Rembang;", "2.\tSekretaris Daerah Kabupaten Rembang;"])
    assert "Tembusan :" not in texts(render(renderer, sale_decree(tembusan=())))


def test_cover_and_regulasi_pages_come_first(renderer):
    doc = render(renderer, sale_decree())
    lines = texts(doc)
    assert lines[:4] == [
        "PROSES BISNIS\nKECAMATAN SALE\nTAHUN 2020",
        "REGULASI",
        "Undang-undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
        "PERMENPAN Nomor 14 Tahun 2017 tentang Pedoman Penyusunan Survey Kepuasan Masyarakat",
    ]
    assert len(doc.sections) == 4  # cover, regulasi, decree, Lampiran


def test_without_cover_the_kop_opens_the_document(renderer):
    doc = render(renderer, with_info(sale_decree(), cover=False))
    lines = texts(doc)
    assert lines[0] == "PEMERINTAH KABUPATEN REMBANG"
    assert "REGULASI" not in lines
    assert len(doc.sections) == 2


def test_logo_sits_in_the_kop_table(renderer, tmp_path):
    data = write_png(tmp_path / "logo.png").read_bytes()
    office = dataclasses.replace(sale_decree().office, logo=Picture(data, "png", 40, 20, "logo.png"))
    doc = render(renderer, with_info(sale_decree(office=office), cover=False))
    kop = blocks(doc)[0]
    assert isinstance(kop, Table)
    assert kop.rows[0].cells[0]._element.xpath(".//pic:pic")
    assert [part.blob for part in doc.part.package.image_parts] == [data]  # the checked bytes, as held
    assert "KECAMATAN SALE" in kop.rows[0].cells[1].text


# ---------------------------------------------------------------------------- the Lampiran


def test_lampiran_header_and_sections_in_order(renderer):
    lines = texts(render(renderer, sale_decree()))
    assert_in_order(
        lines,
        [
            "LAMPIRAN\t:\tKeputusan Camat Sale\nKabupaten Rembang",
            f"Nomor\t:\t{NUMBER}",
            "Tanggal\t:\t29 Mei 2020",
            "PETA PROSES BISNIS KECAMATAN KABUPATEN REMBANG",
            "1. Sejarah Pembentukan",
            "2. Dasar Hukum",
            "3. SUSUNAN ORGANISASI",
            "BAGAN SUSUNAN ORGANISASI\nKECAMATAN DI KABUPATEN REMBANG",
            "Gambar 1. Bagan Susunan Organisasi Kecamatan Sale",
            "TUGAS POKOK KECAMATAN SALE KABUPATEN REMBANG",
            "TUGAS POKOK DAN FUNGSI",
            "ISI TABEL INSTRUMEN",
            "KETERIKATAN RPJMD KAB.REMBANG TAHUN 2016-2021 DENGAN RENSTRA KECAMATAN SALE",
            "RPJMD TAHUN 2016-2017 | RENSTRA KECAMATAN TAHUN 2016-2021",
            "Gambar 2. Keterkaitan RPJMD dengan Renstra Kecamatan Sale",
            "SKEMA PROSES BISNIS",
            "Gambar 3. Peta Proses Bisnis Kecamatan Sale",
            "PROSES BISNIS MANAJEMEN KECAMATAN SALE",
            "Gambar 4. Proses Bisnis Manajemen Kecamatan Sale",
            "PROSES BISNIS INTI KECAMATAN SALE",
            "Gambar 5. Proses Bisnis Inti Kecamatan Sale",
            "PROSES BISNIS PENDUKUNG KECAMATAN SALE",
            "Gambar 6. Proses Bisnis Pendukung Kecamatan Sale",
            "Cassanding Kinerja Kecamatan Sale",
            "Gambar 7. Cascading Kinerja Kecamatan Sale",
            "Ditetapkan di Sale",
        ],
    )


def test_lampiran_headings_use_heading_styles(renderer):
    doc = render(renderer, sale_decree())
    assert "PETA PROSES BISNIS KECAMATAN KABUPATEN REMBANG" in paragraphs_by_style(doc, "Heading 1")
    assert paragraphs_by_style(doc, "Heading 2")[:4] == [
        "1. Sejarah Pembentukan",
        "2. Dasar Hukum",
        "3. SUSUNAN ORGANISASI",
        "TUGAS POKOK DAN FUNGSI",
    ]
    assert paragraphs_by_style(doc, "Keterangan Gambar")[0].startswith("Gambar 1. ")


def test_lampiran_starts_on_a_new_section(renderer):
    doc = render(renderer, sale_decree())
    body = blocks(doc)
    header = next(
        i for i, b in enumerate(body) if isinstance(b, Paragraph) and b.text.startswith("LAMPIRAN\t:")
    )
    previous = body[header - 1]._element
    assert previous.find(qn("w:pPr")).find(qn("w:sectPr")) is not None


def test_empty_sections_are_left_out_and_numbers_close_up(renderer):
    decree = with_lampiran(sale_decree(), sejarah=(), tupoksi_intro=(), tupoksi_title="")
    decree = dataclasses.replace(decree, tupoksi=(), kinerja=())
    lines = texts(render(renderer, decree))
    assert not any("Sejarah Pembentukan" in line for line in lines)
    assert_in_order(lines, ["1. Dasar Hukum", "2. SUSUNAN ORGANISASI"])
    for gone in ("TUGAS POKOK DAN FUNGSI", "Cassanding Kinerja Kecamatan Sale"):
        assert gone not in lines
    assert not any(line.startswith("KETERIKATAN") for line in lines)
    assert not any(line.startswith("Indikator") for line in lines)


def test_instrument_table_and_organisation_can_be_turned_off(renderer):
    decree = with_lampiran(sale_decree(), instrument_table=False, organisation=False)
    doc = render(renderer, decree)
    lines = texts(doc)
    assert "ISI TABEL INSTRUMEN" not in lines
    assert not any("SUSUNAN ORGANISASI" in line for line in lines)
    assert not any(line.startswith("NO | PROSES") for line in lines)


def test_unit_list_letters_roots_and_children_numbers_grandchildren(renderer):
    doc = render(renderer, sale_decree())
    lettered = paragraphs_by_style(doc, "Butir Tingkat 1")
    assert lettered[:2] == [
        "a.\tPeraturan Daerah Kabupaten Rembang Nomor 5 Tahun 2016 tentang Pembentukan dan "
        "Susunan Perangkat Daerah;",
        "b.\tBerdasarkan Peraturan Bupati Rembang Nomor 69 Tahun 2016 adalah sebagai berikut :",
    ]
    assert_in_order(
        texts(doc),
        [
            "(1) Susunan organisasi Kecamatan terdiri dari :",
            "a.\tCamat;",
            "b.\tSekretariat, terdiri dari :",
            "1.\tSub Bagian Program dan Keuangan;",
            "2.\tSub Bagian Umum dan Kepegawaian;",
            "c.\tSeksi Tata Pemerintahan;",
            "g.\tKelurahan, terdiri dari :",
            "3.\tSeksi Ekonomi, Pembangunan dan Kesejahteraan Rakyat;",
            "h.\tKelompok Jabatan Fungsional",
        ],
    )


def test_tupoksi_per_unit_with_lettered_parts(renderer):
    lines = texts(render(renderer, sale_decree()))
    assert_in_order(
        lines,
        [
            "TUGAS POKOK DAN FUNGSI",
            "Kecamatan merupakan Perangkat Daerah sebagai pelaksana teknis kewilayahan yang "
            "dipimpin oleh Camat.",
            "1. Camat",
            "a. Tugas Pokok :",
            "Membantu Bupati dalam mengkoordinasikan penyelenggaraan pemerintahan, pelayanan "
            "publik dan pemberdayaan masyarakat desa dan kelurahan.",
            "b. Fungsi :",
            "1.\tPenyelenggaraan urusan Pemerintahan Umum;",
            "3.\tPengkoordinasian upaya penyelenggaraan ketentraman dan ketertiban umum;",
            "2. Sekretaris Kecamatan",
            "3. Kepala Sub Bagian Program dan Keuangan",
            "Tugas Pokok :",
        ],
    )


def test_instrument_table_rows(renderer):
    doc = render(renderer, sale_decree())
    table = next(b for b in blocks(doc) if isinstance(b, Table) and "NO" in b.rows[0].cells[0].text)
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows == [
        ["NO", "PROSES", "JENIS PROSES", "KODE SUB PROSES"],
        ["1", "2", "3", "4"],
        ["1.", "Program Perencanaan Evaluasi Kinerja Perangkat Daerah", "Utama", "L. 1"],
        ["2.", "Program Peningkatan Keterbukaan informasi Publik", "Pendukung", "L. 3"],
        [
            "3.",
            "Program Peningkatan Kinerja Pemerintahan, Pembangunan, Pembinaan Kemasyarakatan dan "
            "Ketenraman Masyarakat",
            "Pendukung",
            "PRG.3",
        ],
        [
            "4.",
            "Program Manajemen administrasi Pelayanan umum, Kepegawaian dan Keuangan Perangkat Daerah",
            "Manajemen",
            "L. 4",
        ],
    ]
    assert table.style.name == "Tabel Lampiran"
    header = table.rows[0]._tr.trPr
    assert header is not None and header.find(qn("w:tblHeader")) is not None


def test_cascading_boxes_as_text_in_cascade_order(renderer):
    doc = render(renderer, sale_decree())
    assert_in_order(
        texts(doc),
        [
            "Cassanding Kinerja Kecamatan Sale",
            "MENINGKATKAN TATA KELOLA PEMERINTAHAN YANG PROFESIONAL DAN AKUNTABEL",
            "Indikator : Indek Reformasi Birokrasi",
            "MENINGKATNYA KINERJA PELAYANAN PUBLIK",
            "Indikator : Indeks Kepuasan Masyarakat",
            "MENINGKATKAN KEPUASAN MASYARAKAT TERHADAP PELAYANAN DI KECAMATAN",
            "Indikator : Indek Kepuasan Masyarakat ( IKM )",
            "Peningkatan Kualitas Pelayanan Kecamatan",
            "Sarana Prasarana Administrasi Terpadu",  # K4 has no indicator line
            "Indikator : Jumlah sarana Prasarana Tercukupi",
        ],
    )
    assert doc.styles["Kinerja"].font.bold and doc.styles["Kinerja Indikator"].font.bold


def test_narrative_sections_follow_the_narrative(renderer):
    decree = narrative_decree()
    doc = render(renderer, decree)
    lines = texts(doc)
    narrative = build_narrative(decree, figures.labels(figures.plan_figures(decree)))
    expected = [
        text
        for section in narrative.flat
        for text in (section.heading, *section.before, *section.after)
        if text
    ]
    assert_in_order(lines, ["PETA PROSES BISNIS KECAMATAN SALE", *expected[:3]])
    assert_in_order(lines, expected)
    assert "A. PETA PROSES BISNIS KECAMATAN SALE" in paragraphs_by_style(doc, "Heading 2")
    assert_in_order(
        lines,
        [
            "A. PETA PROSES BISNIS KECAMATAN SALE",
            "Gambar 3.3. Peta Proses Bisnis Kecamatan Sale",
            "B. PETA RELASI KECAMATAN SALE",
            "Gambar 3.4. Peta Relasi Kecamatan Sale",
            "Gambar 3.5. PRG.1. Program Perencanaan Evaluasi Kinerja Perangkat Daerah",
        ],
    )
    assert "SKEMA PROSES BISNIS" not in lines


# ---------------------------------------------------------------------------- data safety


def test_markup_characters_and_jinja_in_data_come_out_literally(renderer):
    tricky = "bahwa A & B <c> berlaku {{ x }} dan {% if y %} serta ]]> akhir;"
    decree = sale_decree(menimbang=(tricky,))
    decree = with_info(decree, title="PETA & <PROSES> {{ title }}")
    lines = texts(render(renderer, decree))
    assert f"Menimbang\t:\ta.\t{tricky}" in lines
    assert "PETA & <PROSES> {{ title }}" in lines


# ---------------------------------------------------------------------------- figures


def test_figures_are_centred_images_within_the_text_width(renderer, tmp_path):
    decree = sale_decree()
    doc = render(renderer, decree, fake_images(decree, tmp_path))
    planned = figures.plan_figures(decree)
    assert len(doc.inline_shapes) == len(planned)
    section = doc.sections[-1]
    text_width = section.page_width - section.left_margin - section.right_margin
    for shape in doc.inline_shapes:
        assert 0 < shape.width <= text_width
    body = [b for b in blocks(doc) if isinstance(b, Paragraph)]
    pictures = [i for i, p in enumerate(body) if p._element.xpath(".//pic:pic")]
    captions = [body[i + 1].text for i in pictures]
    assert captions == [f"{f.label} {f.caption}" for f in planned]
    assert all(body[i].style.name == "Gambar" for i in pictures)
    assert doc.styles["Gambar"].paragraph_format.keep_with_next


def test_pictures_respect_margins_widened_in_word(tmp_path):
    template = Document(str(TEMPLATE))
    for section in template.sections:
        section.left_margin = section.right_margin = Cm(5)
    stream = io.BytesIO()
    template.save(stream)
    decree = with_info(sale_decree(), paper=Paper.A4)
    doc = render(Renderer(stream.getvalue()), decree, fake_images(decree, tmp_path))
    assert doc.inline_shapes
    assert all(shape.width.mm <= 210 - 100 for shape in doc.inline_shapes)


def test_a_tall_figure_is_narrowed_to_fit_the_page_height(renderer, tmp_path):
    decree = sale_decree()
    doc = render(renderer, decree, fake_images(decree, tmp_path, size_mm=(150, 600)))
    section = doc.sections[-1]
    text_height = section.page_height - section.top_margin - section.bottom_margin
    assert all(shape.height < text_height for shape in doc.inline_shapes)


def test_without_pictures_the_captions_remain(renderer):
    doc = render(renderer, sale_decree())
    assert len(doc.inline_shapes) == 0
    assert len(paragraphs_by_style(doc, "Keterangan Gambar")) == 7


# ---------------------------------------------------------------------------- paper and file


@pytest.mark.parametrize(("paper", "size"), [(Paper.F4, (215, 330)), (Paper.A4, (210, 297))])
def test_every_section_has_the_decree_paper(renderer, paper, size):
    doc = render(renderer, with_info(sale_decree(), paper=paper))
    for section in doc.sections:
        assert (round(section.page_width.mm), round(section.page_height.mm)) == size
        assert round(section.left_margin.cm, 2) == 3.0
        assert round(section.right_margin.cm, 2) == 2.0
        assert round(section.top_margin.cm, 2) == 2.0
        assert round(section.bottom_margin.cm, 2) == 2.5


def test_core_properties_come_from_the_decree(renderer):
    props = render(renderer, sale_decree()).core_properties
    assert props.author == "Kecamatan Sale Kabupaten Rembang"
    assert props.last_modified_by == props.author
    assert props.created.date().isoformat() == "2020-05-29" == props.modified.date().isoformat()
    assert props.revision == 1
    assert "PETA PROSES BISNIS KECAMATAN SALE" in props.title
    undated = render(renderer, with_info(sale_decree(), date=None)).core_properties
    assert undated.created.date().isoformat() == "2020-01-01"


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_one_renderer_renders_many_decrees_without_leaking(renderer, tmp_path):
    sale = sale_decree()
    images = fake_images(sale, tmp_path)
    first = _parts(renderer.render(sale, images))
    office = dataclasses.replace(sale.office, kecamatan="Kaliori")
    other = renderer.render(with_info(sale_decree(office=office), cover=False), {})
    again = _parts(renderer.render(sale, images))
    assert first == again  # same decree, same parts, byte for byte (pictures not accumulated)
    other_lines = texts(Document(io.BytesIO(other)))
    assert "KECAMATAN KALIORI" in other_lines and "KECAMATAN SALE" not in other_lines
    assert "PROSES BISNIS\nKECAMATAN SALE\nTAHUN 2020" not in other_lines
    assert not any(name.startswith("word/media/") for name in _parts(other))


def test_a_misspelt_template_name_is_reported_in_indonesian(tmp_path):
    template = Document()
    template.add_paragraph("Penanda tangan: {{ signer.nama }}")
    stream = io.BytesIO()
    template.save(stream)
    with pytest.raises(TemplateError) as caught:
        Renderer(stream.getvalue()).render(sale_decree(), {})
    message = str(caught.value)
    assert "tidak dapat diisi" in message and "'nama'" in message
    assert "Penanda tangan: {{ signer.nama }}" in message


def test_a_broken_tag_is_reported_with_its_paragraph():
    template = Document()
    template.add_paragraph("{% if has_cover %} tanpa penutup")
    stream = io.BytesIO()
    template.save(stream)
    with pytest.raises(TemplateError) as caught:
        Renderer(stream.getvalue()).render(sale_decree(), {})
    assert "tag Jinja salah tulis" in str(caught.value)


# ---------------------------------------------------------------------------- the template itself


def _template_xml() -> list[str]:
    with zipfile.ZipFile(TEMPLATE) as archive:
        return [
            archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if re.fullmatch(r"word/(document|footer\d*|header\d*)\.xml", name)
        ]


def test_every_tag_sits_in_one_run_with_spaces_inside():
    assert "{{ number }}" in _template_xml()[0]
    for xml in _template_xml():
        runs = re.findall(r"<w:r[ >].*?</w:r>", xml)
        for run in runs:
            text = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", run))
            for opener, closer in (("{{", "}}"), ("{%", "%}")):
                assert text.count(opener) == text.count(closer), run
        joined = " ".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml))
        tags = re.findall(r"\{\{.*?\}\}|\{%.*?%\}", joined)
        for tag in tags:
            assert re.fullmatch(r"\{\{ \S.*\S \}\}|\{%(p|tr)? \S.*\S %\}", tag), tag


def test_template_formatting_lives_in_styles():
    xml = _template_xml()[0]
    assert "<w:rPr>" not in xml  # no direct run formatting
    for ppr in re.findall(r"<w:pPr>(.*?)</w:pPr>", xml):
        children = set(re.findall(r"<w:(\w+)", ppr))
        assert children <= {"pStyle", "sectPr", "pgSz", "pgMar", "pgNumType", "cols", "docGrid",
                            "footerReference", "type"}, children  # fmt: skip
    doc = Document(str(TEMPLATE))
    normal = doc.styles["Normal"].font
    assert normal.name == "Arial" and normal.size.pt == 12
    for name in (
        "Kop Pemda",
        "Kop Kecamatan",
        "Kop Alamat",
        "Judul Keputusan",
        "Butir Menimbang",
        "Diktum",
        "Tanda Tangan",
        "Lampiran Kepala",
        "Keterangan Gambar",
        "Tabel Lampiran",
    ):
        assert name in [s.name for s in doc.styles]  # fmt: skip
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (215, 330)


def test_template_uses_only_names_the_context_provides(renderer):
    context = build_context(sale_decree(), {}, lambda path, width: "")
    missing = DocxTemplate(str(TEMPLATE)).get_undeclared_template_variables(context=context)
    assert missing == set()
    assert text_width_mm(Paper.F4) == 165 and text_width_mm(Paper.A4) == 160


# ---------------------------------------------------------------------------- LibreOffice


def _to_pdf(documents: dict[str, bytes], folder: Path) -> dict[str, Path]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) tidak terpasang")
    sources = []
    for name, data in documents.items():
        path = folder / f"{name}.docx"
        path.write_bytes(data)
        sources.append(str(path))
    profile = (folder / "profil").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(folder), *sources],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    return {name: folder / f"{name}.pdf" for name in documents}


def test_libreoffice_pages_have_the_paper_and_the_lampiran_starts_a_page(renderer, tmp_path):
    from pypdf import PdfReader

    decrees = {
        "f4": sale_decree(),
        "a4": with_info(sale_decree(), paper=Paper.A4, cover=False),
    }
    pdfs = _to_pdf({k: renderer.render(d, {}) for k, d in decrees.items()}, tmp_path)
    for name, size in (("f4", (215, 330)), ("a4", (210, 297))):
        reader = PdfReader(pdfs[name])
        for page in reader.pages:
            box = page.mediabox
            got = (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72))
            assert got == size
        pages = [page.extract_text() for page in reader.pages]
        decision = next(i for i, text in enumerate(pages) if "MEMUTUSKAN" in text)
        lampiran = next(i for i, text in enumerate(pages) if "LAMPIRAN" in text)
        assert lampiran > decision
        assert "MEMUTUSKAN" not in pages[lampiran]
        assert "Drs. SUBHAN" not in pages[lampiran].split("LAMPIRAN")[0]


# ---------------------------------------------------------------------------- real workbooks


@pytest.fixture(scope="module")
def sale_workbook_decree() -> Decree:
    from generator.pipeline import load_decree

    decree, problems = load_decree(SALE_WORKBOOK)
    assert decree is not None, [str(p) for p in problems.errors]
    return decree


def test_sale_workbook_reproduces_the_seed_text(renderer, sale_workbook_decree):
    lines = texts(render(renderer, sale_workbook_decree))
    assert_in_order(
        lines,
        [
            "PROSES BISNIS\nKECAMATAN SALE\nTAHUN 2020",
            "REGULASI",
            "PEMERINTAH KABUPATEN REMBANG",
            "KECAMATAN SALE",
            "TENTANG",
            "PETA PROSES BISNIS KECAMATAN SALE\nKABUPATEN REMBANG",
            "CAMAT SALE KABUPATEN REMBANG,",
        ],
    )
    heading = next(line for line in lines if line.startswith("KEPUTUSAN CAMAT SALE\nNOMOR 890 /"))
    assert heading.endswith("/2020") and len(heading) > len("KEPUTUSAN CAMAT SALE\nNOMOR 890 / /2020")
    menimbang = [line for line in lines if line.startswith(("Menimbang\t", "\t\tb.", "\t\tc."))]
    assert menimbang[0].startswith("Menimbang\t:\ta.\tbahwa berdasarkan Keputusan Bupati Rembang")
    assert_in_order(
        lines,
        [
            "\t\t12.\tKeputusan Bupati Rembang Nomor 060/1326/2020 tentang Peta Proses Bisnis di "
            "Lingkungan Pemerintah Kabupaten Rembang;",
            "MEMUTUSKAN :",
            "KETIGA\t:\tKeputusan ini mulai berlaku pada tanggal ditetapkan.",
            *SIGNATURE,
            "LAMPIRAN\t:\tKeputusan Camat Sale\nKabupaten Rembang",
            "Tanggal\t:\t29 Mei 2020",
            "PETA PROSES BISNIS KECAMATAN KABUPATEN REMBANG",
            "1. Sejarah Pembentukan",
            "a.\tCamat;",
            "h.\tKelompok Jabatan Fungsional",
            "1. Camat",
            "8. Kepala Seksi Ketentraman dan Ketertiban Umum",
            "ISI TABEL INSTRUMEN",
            "NO | PROSES | JENIS PROSES | KODE SUB PROSES",
            "1 | 2 | 3 | 4",
            "1. | Program Perencanaan Evaluasi Kinerja Perangkat Daerah | Utama | L. 1",
            "SKEMA PROSES BISNIS",
            "PROSES BISNIS INTI KECAMATAN SALE",
            "Cassanding Kinerja Kecamatan Sale",
            "Indikator : Indek Reformasi Birokrasi",
            "Indikator : Jumlah sarana Prasarana Tercukupi",
            *SIGNATURE,
        ],
    )


def test_tempursari_workbook_prints_the_narrative(renderer):
    from generator.pipeline import load_decree

    decree, problems = load_decree(TEMPURSARI_WORKBOOK)
    assert decree is not None, [str(p) for p in problems.errors]
    lines = texts(render(renderer, decree))
    assert_in_order(
        lines,
        [
            "KEPUTUSAN CAMAT TEMPURSARI\nNOMOR " + BLANK,
            "PETA PROSES BISNIS KECAMATAN TEMPURSARI",
            "A. PETA PROSES BISNIS KECAMATAN TEMPURSARI",
            "Gambar 3.1. Peta Proses Bisnis Kecamatan Tempursari",
            "B. PETA RELASI KECAMATAN TEMPURSARI",
            "Gambar 3.2. Peta Relasi Kecamatan Tempursari",
            "Gambar 3.3. P.1. Proses Umum dan Kepegawaian",
            "Gambar 3.4. P.1.1. Proses Persuratan",
            # deliberate addition (issue 11): the example now breaks three processes into steps, so the
            # narrative gains section D with a Peta Lintas Fungsi each, numbered on after 3.4
            "D. PETA LINTAS FUNGSI KECAMATAN TEMPURSARI",
            "P.1.1.1. PROSES PENATAUSAHAAN SURAT MASUK",
            "Gambar 3.5. Peta Lintas Fungsi P.1.1.1. Proses Penatausahaan Surat Masuk",
            "P.1.1.2. PROSES PENATAUSAHAAN SURAT KELUAR",
            "Gambar 3.6. Peta Lintas Fungsi P.1.1.2. Proses Penatausahaan Surat Keluar",
            "L.8. PROSES MENINDAKLANJUTI PERMOHONAN DAN PEMENUHAN DATA",
            "Gambar 3.7. Peta Lintas Fungsi L.8. Proses Menindaklanjuti Permohonan dan Pemenuhan Data",
        ],
    )
    assert lines.count("PETA PROSES BISNIS KECAMATAN TEMPURSARI") == 1


def test_pipeline_writes_the_sale_decree(tmp_path):
    from generator.pipeline import Options, generate

    result = generate(SALE_WORKBOOK, Options(out_dir=tmp_path, figures=False))
    assert result.ok and result.written, result.error
    doc = Document(str(result.output))
    assert "KECAMATAN SALE" in texts(doc)


# ---------------------------------------------------------------------------- other offices (issue 10)


def _office(decree: Decree, **changes: object) -> Decree:
    return dataclasses.replace(decree, office=dataclasses.replace(decree.office, **changes))


def test_kop_lines_print_as_written_each_in_the_smallest_kop_size(renderer, tmp_path):
    lines = (
        "Jalan Raya Senduro No. 97 Telp/Fax. (0334) 610463 email: kec@lumajangkab.go.id",
        "SENDURO - 67361",
    )
    decree = with_info(_office(sale_decree(), kop_lines=lines), cover=False)
    doc = render(renderer, decree)
    assert [p.text for p in doc.paragraphs if p.style.name == "Kop Alamat"] == list(lines)
    assert texts(doc)[:4] == ["PEMERINTAH KABUPATEN REMBANG", "KECAMATAN SALE", *lines]
    data = write_png(tmp_path / "logo.png").read_bytes()
    with_logo = _office(decree, logo=Picture(data, "png", 40, 20, "logo.png"))
    kop = blocks(render(renderer, with_logo))[0]
    assert isinstance(kop, Table)
    assert [p.text for p in kop.rows[0].cells[1].paragraphs] == [
        "PEMERINTAH KABUPATEN REMBANG",
        "KECAMATAN SALE",
        *lines,
    ]


def test_email_and_website_keep_their_own_line_without_a_kop_sheet(renderer):
    decree = _office(sale_decree(), email="kec.sale@rembangkab.go.id", website="sale.rembangkab.go.id")
    kop = paragraphs_by_style(render(renderer, decree), "Kop Alamat")
    assert kop == [
        "Jl. Blora No.45 Km. 1 Sale- Rembang Telp. ( 0295) 005 391 405 Kode Pos 59265",
        "Email: kec.sale@rembangkab.go.id  Laman: sale.rembangkab.go.id",
    ]


@pytest.mark.parametrize("label", ["NOMOR :", "Nomor :", "NOMOR"])
def test_number_label_as_written_and_the_lampiran_keeps_its_own_colon(renderer, label):
    lines = texts(
        render(renderer, with_info(sale_decree(), number="188 / / 427.95 / 2021", number_label=label))
    )
    assert f"KEPUTUSAN CAMAT SALE\n{label} 188 / / 427.95 / 2021" in lines
    assert "Nomor\t:\t188 / / 427.95 / 2021" in lines


def test_signer_lines_golongan_and_drafting_date(renderer):
    decree = with_signer(
        sale_decree(), position="a.n. CAMAT SALE\nSekretaris Kecamatan", pangkat="", show_golongan=True
    )
    decree = with_info(decree, date=None, drafted=dt.date(2021, 2, 1))
    lines = texts(render(renderer, decree))
    block = [
        "Ditetapkan di Sale",
        f"pada tanggal {DAY_BLANK}Februari 2021",
        "a.n. CAMAT SALE",
        "Sekretaris Kecamatan",
        "Drs. SUBHAN",
        "Pembina Tingkat I (IV/b)",
        "NIP. 19661124 199203 1 005",
    ]
    assert_in_order(lines, block + ["LAMPIRAN\t:\tKeputusan Camat Sale\nKabupaten Rembang"] + block)
    assert f"Tanggal\t:\t{DAY_BLANK}Februari 2021" in lines


def test_electronic_signature_block_and_footer_sentence(renderer):
    decree = with_signer(sale_decree(), electronic=True)
    decree = dataclasses.replace(decree, tata_naskah=TataNaskah(tte_anchor="^"))
    doc = render(renderer, decree)
    for table in signature_tables(doc):
        block = table.rows[0].cells[1]
        assert [p.text for p in block.paragraphs if p.text.strip()] == [
            "Ditetapkan di Sale",
            "pada tanggal 29 Mei 2020",
            "Ditandatangani secara elektronik oleh:",
            "CAMAT SALE",
            "Drs. SUBHAN",
            "Pembina Tk.I",
            "NIP. 19661124 199203 1 005",
        ]
        specimen = block.tables[0]
        assert specimen.style.name == "Tabel Spesimen" and specimen.rows[0].cells[0].text == "^"
        assert [p.style.name for p in block.paragraphs if p.text == "Drs. SUBHAN"] == [
            "Tanda Tangan Nama Elektronik"
        ]
    footers = [s.footer for s in doc.sections if not s.footer.is_linked_to_previous]
    assert footers and all(TTE_FOOTER in [p.text for p in f.paragraphs] for f in footers)
    wet = render(renderer, sale_decree())
    assert not any(TTE_FOOTER in p.text for s in wet.sections for p in s.footer.paragraphs)
    assert not any(t.rows[0].cells[1].tables for t in signature_tables(wet))


def test_tte_footer_text_comes_from_the_tata_naskah(renderer):
    sentence = "Dokumen ini ditandatangani secara elektronik & sah <tanpa> {{ cap }}."
    decree = dataclasses.replace(
        with_signer(sale_decree(), electronic=True), tata_naskah=TataNaskah(tte_footer=sentence)
    )
    doc = render(renderer, decree)
    assert any(p.text == sentence for s in doc.sections for p in s.footer.paragraphs)


def test_several_indicators_print_one_per_line_and_an_iku_table_when_formulas_are_given(renderer):
    kinerja = list(sale_decree().kinerja)
    kinerja[1] = dataclasses.replace(
        kinerja[1],
        indicators=(
            Indicator("Indeks Kepuasan Masyarakat", "Rata-rata unsur x 25", "Survei", "82"),
            Indicator("Persentase layanan tepat waktu", "Tepat waktu / seluruh x 100%", "Register"),
        ),
    )
    doc = render(renderer, sale_decree(kinerja=tuple(kinerja)))
    lines = texts(doc)
    assert_in_order(
        lines,
        [
            "MENINGKATNYA KINERJA PELAYANAN PUBLIK",
            "Indikator :\n1. Indeks Kepuasan Masyarakat (target 82)\n2. Persentase layanan tepat waktu",
            "INDIKATOR KINERJA UTAMA KECAMATAN SALE",
            "NO | SASARAN | INDIKATOR KINERJA | FORMULA | SUMBER DATA | TARGET",
            "1. | MENINGKATNYA KINERJA PELAYANAN PUBLIK | Indeks Kepuasan Masyarakat | "
            "Rata-rata unsur x 25 | Survei | 82",
            " |  | Persentase layanan tepat waktu | Tepat waktu / seluruh x 100% | Register | ",
            "Ditetapkan di Sale",
        ],
    )
    iku = next(b for b in blocks(doc) if isinstance(b, Table) and b.rows[0].cells[-1].text == "TARGET")
    assert iku.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_indicators_without_formula_print_no_iku_table(renderer):
    lines = texts(render(renderer, sale_decree()))
    assert not any(line.startswith("INDIKATOR KINERJA UTAMA") for line in lines)
    assert not any(line.startswith("NO | SASARAN") for line in lines)


def test_cover_title_and_properties_follow_the_subject(renderer):
    subject = "PENUNJUKAN PENGELOLA STANDAR OPERASIONAL PROSEDUR KECAMATAN SALE KABUPATEN REMBANG"
    decree = with_info(sale_decree(processes=(), relations=()), title=subject)
    doc = render(renderer, decree)
    cover = paragraphs_by_style(doc, "Sampul Judul")
    assert cover == [
        "PENUNJUKAN PENGELOLA STANDAR OPERASIONAL PROSEDUR KECAMATAN SALE\nKABUPATEN REMBANG\nTAHUN 2020"
    ]
    props = doc.core_properties
    assert props.subject == subject and "Proses Bisnis" not in props.keywords
    written = with_info(decree, cover_title="STANDAR OPERASIONAL PROSEDUR\nKECAMATAN SALE")
    assert paragraphs_by_style(render(renderer, written), "Sampul Judul") == [
        "STANDAR OPERASIONAL PROSEDUR\nKECAMATAN SALE"
    ]


def test_fixed_lampiran_headings_can_be_written_by_the_workbook(renderer):
    decree = with_lampiran(
        sale_decree(),
        tupoksi_heading="TUGAS DAN FUNGSI",
        instrument_heading="DAFTAR PROSES",
        skema_heading="PETA PROSES",
    )
    lines = texts(render(renderer, decree))
    assert_in_order(lines, ["TUGAS DAN FUNGSI", "DAFTAR PROSES", "PETA PROSES"])
    assert not {"TUGAS POKOK DAN FUNGSI", "ISI TABEL INSTRUMEN", "SKEMA PROSES BISNIS"} & set(lines)


def test_markup_in_the_new_fields_comes_out_literally(renderer):
    tricky = "Jl. A & B <c> {{ x }} {% if y %}"
    decree = _office(with_signer(sale_decree(), position=f"CAMAT {tricky}"), kop_lines=(tricky,))
    lines = texts(render(renderer, with_info(decree, number_label="NOMOR {{ n }} :")))
    assert tricky in lines and f"CAMAT {tricky}" in lines
    assert any(line.endswith(f"NOMOR {{{{ n }}}} : {NUMBER}") for line in lines)
