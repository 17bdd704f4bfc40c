"""Layout steps done on the filled document: Tata Naskah, signature width, gaping lists, sections."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from factories import sale_decree, with_signer

from generator import layout, textmetrics
from generator.layout import _Font, line_stretches, signature_tables
from generator.model import LampiranText, TataNaskah
from generator.render import Renderer

TEMPLATE = Path(__file__).resolve().parent.parent / "templates" / "keputusan.docx"
ARIAL = _Font("Arial", 12, False)


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer(TEMPLATE)


def render(renderer: Renderer, decree) -> DocumentObject:
    return Document(io.BytesIO(renderer.render(decree, {})))


# ---------------------------------------------------------------------------- measuring


def test_text_width_comes_from_the_font_fontconfig_picks():
    regular = textmetrics.width_pt("SHOLAHUDDIN HADI SUCIPTO", "Arial", 12)
    assert 150 < regular < 230  # Liberation Sans has Arial's widths
    assert textmetrics.width_pt("SHOLAHUDDIN HADI SUCIPTO", "Arial", 12, bold=True) > regular
    assert textmetrics.width_pt("iiii", "Arial", 12) < textmetrics.width_pt("MMMM", "Arial", 12)
    assert textmetrics.width_pt("abc", "Arial", 24) == pytest.approx(
        2 * textmetrics.width_pt("abc", "Arial", 12)
    )


def test_without_fontconfig_an_average_width_stands_in(monkeypatch):
    monkeypatch.setattr(textmetrics.shutil, "which", lambda name: None)
    textmetrics.font_file.cache_clear()
    textmetrics._metrics.cache_clear()
    try:
        assert textmetrics.width_pt("abcd", "Arial", 10) == pytest.approx(4 * 0.55 * 10)
    finally:
        textmetrics.font_file.cache_clear()
        textmetrics._metrics.cache_clear()


def test_line_stretches_break_first_fit_and_skip_the_last_line():
    assert line_stretches("satu dua tiga", 500, ARIAL) == []  # one line: never justified
    space = textmetrics.width_pt(" ", "Arial", 12)
    words = "Pemerintah Kabupaten Rembang, Perangkat"
    width = textmetrics.width_pt(words, "Arial", 12) + 2  # "Perangkat" just fits, the next word not
    stretches = line_stretches(f"{words} Daerah", width, ARIAL)
    assert len(stretches) == 1 and stretches[0] == pytest.approx((space + 2 / 3) / space)
    gaping = line_stretches(
        "Undang-Undang Nomor 9 Pendayagunaan",
        textmetrics.width_pt("Undang-Undang Nomor 9 P", "Arial", 12),
        ARIAL,
    )
    assert gaping and gaping[0] > 1.3  # the long word goes to the next line, the gaps widen


# ---------------------------------------------------------------------------- signature width


def _block_width(table) -> int:
    return table.rows[0].cells[1].width


def test_a_short_name_keeps_the_block_where_the_template_puts_it(renderer):
    tables = signature_tables(render(renderer, sale_decree()))
    assert [round(_block_width(t) / 360000, 1) for t in tables] == [7.5, 7.5]  # cm, as in the template


def test_a_long_name_widens_the_block_leftwards_until_it_fits(renderer):
    name = "Dr. RADEN MUHAMMAD SYAIFUDDIN, S.STP., M.Si."
    doc = render(renderer, with_signer(sale_decree(), name=name))
    needed = textmetrics.width_pt(name, "Arial", 12, bold=True) * 12700
    section = doc.sections[-1]
    text_width = section.page_width - section.left_margin - section.right_margin
    for table in signature_tables(doc):
        spacer, block = table.rows[0].cells
        assert needed < block.width <= text_width
        assert spacer.width + block.width == pytest.approx(text_width, abs=2 * 12700)


# ---------------------------------------------------------------------------- justified lists


def _alignments(doc: DocumentObject, style: str) -> set:
    return {p.paragraph_format.alignment for p in doc.paragraphs if p.style.name == style}


def test_a_list_with_a_gaping_line_is_set_flush_left_whole(renderer):
    gaping = "bahwa berdasarkan Keputusan Bupati Rembang Nomor 060/1326/2020 tentang Peta Proses Bisnis"
    doc = render(renderer, sale_decree(menimbang=(gaping, "bahwa singkat;")))
    assert _alignments(doc, "Butir Menimbang") == {WD_ALIGN_PARAGRAPH.LEFT}


def test_a_list_whose_lines_fill_well_stays_justified(renderer):
    even = ("bahwa " + "satu dua tiga empat lima enam tujuh delapan sembilan sepuluh " * 4).strip() + ";"
    doc = render(renderer, sale_decree(menimbang=(even,)))
    assert _alignments(doc, "Butir Menimbang") == {None}  # the style's justified alignment
    assert doc.styles["Butir Menimbang"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    ppr = doc.styles["Butir Menimbang"].element.pPr
    assert ppr.find(qn("w:suppressAutoHyphens")) is not None  # hyphenation off


# ---------------------------------------------------------------------------- keeping and sections


def test_the_line_before_each_signature_keeps_with_it(renderer):
    doc = render(renderer, sale_decree())
    for table in signature_tables(doc):
        previous = table._tbl.getprevious()
        assert previous.tag == qn("w:p") and Paragraph(previous, doc).paragraph_format.keep_with_next
        before = previous.getprevious()
        if before.tag == qn("w:p"):
            assert (
                Paragraph(before, doc).text.strip() and Paragraph(before, doc).paragraph_format.keep_with_next
            )


def test_without_lampiran_the_decree_ends_in_its_own_section(renderer):
    decree = sale_decree(
        units=(), tupoksi=(), processes=(), relations=(), kinerja=(), lampiran=LampiranText()
    )
    decree = dataclasses.replace(decree, info=dataclasses.replace(decree.info, cover=False))
    doc = render(renderer, decree)
    assert len(doc.sections) == 1
    assert len(signature_tables(doc)) == 1
    final = doc.element.body[-1]
    assert final.tag == qn("w:sectPr") and final.find(qn("w:pgNumType")) is not None  # numbered from 1
    assert final.find(qn("w:footerReference")) is not None
    assert not any(p.text.startswith("LAMPIRAN") for p in doc.paragraphs)


# ---------------------------------------------------------------------------- Tata Naskah


def test_tata_naskah_font_size_and_margins_on_styles_and_sections(renderer):
    tata = TataNaskah(font="Bookman Old Style", font_size=13, margins_mm=(25, 15, None, 30))
    doc = render(renderer, dataclasses.replace(sale_decree(), tata_naskah=tata))
    normal = doc.styles["Normal"].font
    assert normal.name == "Bookman Old Style" and normal.size.pt == 13
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    fonts = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:rFonts')}")
    assert fonts.get(qn("w:ascii")) == fonts.get(qn("w:cs")) == "Bookman Old Style"
    assert doc.styles["Kop Kecamatan"].font.size.pt == 24  # the kop keeps its 2:3:1 sizes
    for section in doc.sections:
        assert [round(m.mm) for m in (section.left_margin, section.right_margin)] == [25, 15]
        assert round(section.top_margin.mm) == 20 and round(section.bottom_margin.mm) == 30


def test_empty_tata_naskah_leaves_the_template_as_it_is(renderer):
    doc = render(renderer, sale_decree())
    assert doc.styles["Normal"].font.name == "Arial" and doc.styles["Normal"].font.size.pt == 12
    assert round(doc.sections[-1].left_margin.mm) == 30


def test_side_margins_mix_the_tata_naskah_and_the_template():
    assert layout.side_margins_mm(TataNaskah(), 30, 20) == 50
    assert layout.side_margins_mm(TataNaskah(margins_mm=(25, None, 10, 10)), 30, 20) == 45
