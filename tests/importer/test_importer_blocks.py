"""The document as printed lines: what Word shows, whatever the XML looks like underneath."""

from __future__ import annotations

import io
import zipfile

import docx
import docx.shared
from docx.enum.text import WD_BREAK
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from generator.importer import import_decree
from generator.importer.blocks import Line, Table, read_document


def _read(document):
    out = io.BytesIO()
    document.save(out)
    return read_document(docx.Document(io.BytesIO(out.getvalue())))


def _texts(printed) -> list[str]:
    return [b.text for b in printed.blocks if isinstance(b, Line) and not b.blank]


def test_soft_breaks_split_lines_of_one_paragraph():
    document = docx.Document()
    paragraph = document.add_paragraph("KEPUTUSAN CAMAT SALE")
    paragraph.add_run().add_break()
    paragraph.add_run("NOMOR 890")
    lines = [b for b in _read(document).blocks if isinstance(b, Line)]
    assert [line.text for line in lines] == ["KEPUTUSAN CAMAT SALE", "NOMOR 890"]
    assert [line.paragraph for line in lines] == [1, 1] and [line.continued for line in lines] == [
        False,
        True,
    ]


def test_hidden_text_is_dropped_and_all_caps_applied():
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("tentang ")
    hidden = paragraph.add_run("rahasia ")
    hidden.font.hidden = True
    caps = paragraph.add_run("peta proses")
    caps.font.all_caps = True
    assert _texts(_read(document)) == ["tentang PETA PROSES"]


def test_deleted_text_and_field_codes_are_not_printed():
    document = docx.Document()
    paragraph = document.add_paragraph("Nomor ")
    paragraph._p.append(
        parse_xml(
            f'<w:del {nsdecls("w")} w:id="1" w:author="x"><w:r><w:delText>lama</w:delText></w:r></w:del>'
        )
    )
    paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>'))
    paragraph._p.append(parse_xml(f"<w:r {nsdecls('w')}><w:instrText> PAGE </w:instrText></w:r>"))
    paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>'))
    paragraph._p.append(parse_xml(f"<w:r {nsdecls('w')}><w:t>7</w:t></w:r>"))
    paragraph._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>'))
    assert _texts(_read(document)) == ["Nomor 7"]


def test_text_box_paragraphs_are_read_once():
    document = docx.Document()
    paragraph = document.add_paragraph()
    namespaces = (
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml"'
    )
    box = (
        f'<mc:AlternateContent {namespaces}><mc:Choice Requires="wps"><w:drawing>'
        "<wps:txbx><w:txbxContent><w:p><w:r><w:t>KECAMATAN SALE</w:t></w:r></w:p></w:txbxContent></wps:txbx>"
        "</w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent><w:p><w:r>"
        "<w:t>KECAMATAN SALE</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback>"
        "</mc:AlternateContent>"
    )
    run = parse_xml(f"<w:r {nsdecls('w')} {namespaces}>{box}</w:r>")
    paragraph._p.append(run)
    assert _texts(_read(document)) == ["KECAMATAN SALE"]


def test_pages_from_word_layout_or_from_breaks():
    document = docx.Document()
    document.add_paragraph("satu")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("dua")
    printed = _read(document)
    assert not printed.pages_known
    assert [(b.text, b.page) for b in printed.blocks if b.text] == [("satu", 1), ("dua", 2)]
    rendered = docx.Document()
    rendered.add_paragraph("satu")
    later = rendered.add_paragraph()
    later._p.append(parse_xml(f"<w:r {nsdecls('w')}><w:lastRenderedPageBreak/><w:t>tiga</w:t></w:r>"))
    printed = _read(rendered)
    assert printed.pages_known and [(b.text, b.page) for b in printed.blocks] == [("satu", 1), ("tiga", 2)]


def test_layout_rows_read_as_lines_and_data_tables_stay_tables():
    document = docx.Document()
    layout = document.add_table(rows=1, cols=3)
    layout.cell(0, 0).text = "Menimbang"
    layout.cell(0, 1).text = ":"
    cell = layout.cell(0, 2)
    cell.paragraphs[0].text = "a. bahwa satu;"
    cell.add_paragraph("b. bahwa dua;")
    inner = cell.add_table(rows=1, cols=2)  # a table inside the cell
    inner.cell(0, 0).text = "c."
    inner.cell(0, 1).text = "bahwa tiga;"
    data = document.add_table(rows=2, cols=3)
    for column, text in enumerate(("NO", "PROSES", "JENIS PROSES")):
        data.cell(0, column).text = text
    for column, text in enumerate(("1.", "Proses Umum", "Manajemen")):
        data.cell(1, column).text = text
    printed = _read(document)
    lines = [b for b in printed.blocks if isinstance(b, Line)]
    assert [line.raw for line in lines] == [
        "Menimbang\t:\ta. bahwa satu;",
        "\t\tb. bahwa dua;",
        "\t\tc.\tbahwa tiga;",
    ]
    tables = [b for b in printed.blocks if isinstance(b, Table)]
    assert tables[0].rows == (("NO", "PROSES", "JENIS PROSES"), ("1.", "Proses Umum", "Manajemen"))


def test_kop_typed_in_the_page_header_is_read():
    document = docx.Document()
    header = document.sections[0].header
    header.paragraphs[0].text = "PEMERINTAH KOTA CONTOH"
    header.add_paragraph("KECAMATAN KOTA BARAT")
    header.add_paragraph("Jl. Merdeka No. 1 Telp. (0123) 456 789")
    for text in ("KEPUTUSAN CAMAT KOTA BARAT", "TENTANG", "PETA PROSES BISNIS", "CAMAT KOTA BARAT,"):
        document.add_paragraph(text)
    document.add_paragraph("Menimbang\t:\ta.\tbahwa Kecamatan Kota Barat perlu peta;")
    out = io.BytesIO()
    document.save(out)
    rows = import_decree(out.getvalue()).rows
    assert rows["office"][0]["government"] == "PEMERINTAH KOTA CONTOH"
    assert rows["office"][0]["kecamatan"] == "Kota Barat"
    assert rows["office"][0]["phone"] == "(0123) 456 789"


def test_a_kop_picture_that_is_not_png_or_jpeg_is_a_warning():
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run().add_picture(io.BytesIO(_png()), width=docx.shared.Cm(2))
    for text in ("PEMERINTAH KABUPATEN REMBANG", "KECAMATAN SALE", "KEPUTUSAN CAMAT SALE"):
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    data = out.getvalue()
    png = import_decree(data, logo_stem="sale-lambang")
    assert png.rows["office"][0]["logo"] == "sale-lambang.png" and png.logo.data == _png()
    emf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(emf, "w") as target:
        for info in source.infolist():
            blob = source.read(info)
            target.writestr(
                info, b"\x01\x00\x00\x00EMF-lambang" if info.filename.startswith("word/media/") else blob
            )
    result = import_decree(emf.getvalue(), logo_stem="sale-lambang")
    assert result.logo is None and "logo" not in result.rows["office"][0]
    assert "bukan gambar PNG atau JPG" in {w.where: w.reason for w in result.warnings}["Kantor!B11"]


def _png() -> bytes:
    from tests.importer.hand_typed import LOGO

    return LOGO


def test_signature_beside_tembusan_in_one_table_row():
    document = docx.Document()
    for text in ("KEPUTUSAN CAMAT SALE", "TENTANG", "PETA PROSES BISNIS", "CAMAT SALE,"):
        document.add_paragraph(text)
    document.add_paragraph("Menimbang\t:\ta.\tbahwa perlu;")
    document.add_paragraph("KESATU\t:\tBerlaku.")
    table = document.add_table(rows=1, cols=2)
    left, right = table.cell(0, 0), table.cell(0, 1)
    left.paragraphs[0].text = "Tembusan :"
    for text in ("1. Bupati Rembang;", "2. Arsip."):
        left.add_paragraph(text)
    right.paragraphs[0].text = "Ditetapkan di Sale"
    for text in ("pada tanggal 29 Mei 2020", "CAMAT SALE", "", "Drs. SUBHAN", "NIP. 19661124 199203 1 005"):
        right.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    result = import_decree(out.getvalue())
    assert [r["text"] for r in result.rows["tembusan"]] == ["Bupati Rembang;", "Arsip."]
    assert result.rows["signer"][0] == {
        "position": "CAMAT SALE",
        "name": "Drs. SUBHAN",
        "nip": "19661124 199203 1 005",
    }
    assert str(result.rows["decree"][0]["date"]) == "2020-05-29" and result.unplaced == ()


def test_a_name_printed_only_in_capitals_is_title_cased_with_a_warning():
    document = docx.Document()
    for text in ("PEMERINTAH KABUPATEN TULUNGAGUNG", "KECAMATAN NGUNUT", "KEPUTUSAN CAMAT NGUNUT", "TENTANG",
                 "PETA PROSES BISNIS", "CAMAT NGUNUT,", "Menimbang\t:\ta.\tbahwa perlu peta;"):  # fmt: skip
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    result = import_decree(out.getvalue())
    office = result.rows["office"][0]
    assert (office["kecamatan"], office["regency"]) == ("Ngunut", "Kabupaten Tulungagung")
    where = {w.where: w.reason for w in result.warnings}
    assert "huruf kapital" in where["Kantor!B3"] and "huruf kapital" in where["Kantor!B4"]
