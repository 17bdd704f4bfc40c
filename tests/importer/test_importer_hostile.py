"""Hostile documents, built in the test, imported under hard limits: one Indonesian sentence, a clean
exit and no workbook; and text from a document never becomes a spreadsheet formula."""

from __future__ import annotations

import io
import zipfile

import docx
import openpyxl
import pytest

from generator.importer import import_decree

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx_with(document_xml: bytes, *, compress: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A real .docx whose word/document.xml is replaced."""
    base = io.BytesIO()
    docx.Document().save(base)
    out = io.BytesIO()
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(out, "w", compress) as target:
        for info in source.infolist():
            data = document_xml if info.filename == "word/document.xml" else source.read(info)
            target.writestr(info.filename, data)
    return out.getvalue()


def _body(inner: str) -> bytes:
    head = '<?xml version="1.0" encoding="UTF-8"?>'
    return f"{head}<w:document {W}><w:body>{inner}</w:body></w:document>".encode()


def _paragraph(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE w:document ['
    '<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
    + f"]><w:document {W}><w:body><w:p><w:r><w:t>&i;</w:t></w:r></w:p></w:body></w:document>"
).encode()
EXTERNAL = (
    f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    f"<w:document {W}><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"
).encode()


def _nested_tables(depth: int) -> str:
    inner = _paragraph("dalam")
    for _ in range(depth):
        inner = f"<w:tbl><w:tr><w:tc>{inner}<w:p/></w:tc></w:tr></w:tbl>"
    return inner


CASES = {
    "bom-xml": (_docx_with(BILLION_LAUGHS), "bom XML"),
    "entitas-luar": (_docx_with(EXTERNAL), "bom XML"),
    "bom-zip": (_docx_with(_body(_paragraph("x") + "<w:p/>" * 4_000_000)), "ditolak"),
    "paragraf-terlalu-banyak": (
        _docx_with(_body(_paragraph("bahwa") * 40_000), compress=zipfile.ZIP_STORED),
        "lebih dari 30000 baris",
    ),
    "tabel-bertumpuk": (_docx_with(_body(_nested_tables(12))), "bertumpuk"),
    "xml-rusak": (_docx_with(b"<w:document><w:body><w:p>"), "rusak"),
    "bukan-zip": (b"Ini hanya teks biasa, bukan dokumen Word.", "bukan dokumen Word"),
    "zip-rusak": (b"PK\x03\x04" + b"\0" * 200, "rusak"),
    "terlalu-besar": (b"PK\x03\x04" + b"\0" * (21 << 20), "terlalu besar"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_document_is_refused_cleanly(case, tmp_path, limited):
    data, words = CASES[case]
    source = tmp_path / f"{case}.docx"
    source.write_bytes(data)
    target = tmp_path / "hasil.xlsx"
    outcome = limited(["impor", source, "-o", target])
    outcome.assert_clean(1)
    assert words in outcome.text
    assert not target.exists()


def test_old_doc_without_libreoffice_says_to_save_as_docx(tmp_path, limited):
    source = tmp_path / "lama.doc"
    source.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096)
    outcome = limited(["impor", source, "-o", tmp_path / "hasil.xlsx"], env={"PATH": "/nonexistent"})
    outcome.assert_clean(1)
    assert "simpan sebagai .docx" in outcome.text and ".doc" in outcome.text


def test_a_very_long_paragraph_is_bounded(tmp_path, limited):
    source = tmp_path / "panjang.docx"
    source.write_bytes(_docx_with(_body(_paragraph("Menimbang : a. bahwa " + "kata " * 200_000))))
    outcome = limited(["impor", source, "-o", tmp_path / "hasil.xlsx"])
    outcome.assert_clean(0, 2)
    book = openpyxl.load_workbook(tmp_path / "hasil.xlsx")
    assert all(len(str(c.value or "")) <= 32_767 for row in book["Menimbang"].iter_rows() for c in row)


FORMULAS = ('=HYPERLINK("http://contoh.invalid","klik")', "=1+1", "@SUM(A1)", "+cmd|' /C calc'!A0")


def test_text_that_looks_like_a_formula_stays_text():
    document = docx.Document()
    document.add_paragraph(FORMULAS[2])  # before the decree begins: unplaced, so it goes to the Petunjuk
    for text in ("KEPUTUSAN CAMAT SALE", "TENTANG", FORMULAS[0], "CAMAT SALE,"):
        document.add_paragraph(text)
    document.add_paragraph(f"Menimbang\t:\ta.\t{FORMULAS[1]}")
    document.add_paragraph(f"Mengingat\t:\t1.\t{FORMULAS[3]}")
    out = io.BytesIO()
    document.save(out)
    result = import_decree(out.getvalue())
    book = openpyxl.load_workbook(io.BytesIO(result.workbook))
    assert book["Keputusan"]["B4"].value == FORMULAS[0] and book["Keputusan"]["B4"].data_type == "s"
    assert book["Menimbang"]["A2"].value == FORMULAS[1] and book["Menimbang"]["A2"].data_type == "s"
    assert book["Mengingat"]["A2"].data_type == "s"
    with zipfile.ZipFile(io.BytesIO(result.workbook)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert not any(b"<f>" in archive.read(name) for name in sheets)
    petunjuk = [c.value for c in book["Petunjuk"]["A"] if c.value]
    assert any(FORMULAS[2] in text for text in petunjuk)


def test_long_lines_where_short_ones_belong_stay_linear(tmp_path, limited):
    """A kop, a signature and a unit list each given a line of megabytes: read in bounded time."""
    token, spaces = "x" * 4_000_000, " " * 4_000_000
    body = "".join(
        _paragraph(text)
        for text in (
            "PEMERINTAH KABUPATEN REMBANG",
            f"web web@{token}",
            "KEPUTUSAN CAMAT SALE",
            "TENTANG",
            "PETA",
            "CAMAT SALE,",
            "Menimbang : a. bahwa perlu;",
            "KESATU : Berlaku.",
            "Ditetapkan di Sale",
            "CAMAT SALE",
            "Drs. SUBHAN",
            f"Pembina{spaces}IV/b",
            "NIP. 19661124 199203 1 005",
            "LAMPIRAN : Keputusan Camat Sale",
            "SUSUNAN ORGANISASI",
            "Susunan organisasi terdiri dari :",
            f"a. Camat{spaces};",
        )
    )
    source = tmp_path / "panjang.docx"
    source.write_bytes(_docx_with(_body(body), compress=zipfile.ZIP_STORED))
    outcome = limited(["impor", source, "-o", tmp_path / "hasil.xlsx"])
    outcome.assert_clean(0, 2)
