"""Hostile input aimed at what the importer learned for issue 10 (footers, styles, indicators, the IKU
table, kop lines), built in the test and imported under hard limits (1 GB, 30 s CPU): one Indonesian
sentence or a bounded workbook, a clean exit, never a traceback."""

from __future__ import annotations

import io
import zipfile

import docx
import openpyxl

from tests.importer.test_importer_hostile import _body, _docx_with, _paragraph

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _with_parts(document: bytes, replaced: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(document)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            target.writestr(info.filename, replaced.get(info.filename, source.read(info)))
    return out.getvalue()


def _with_footer() -> bytes:
    document = docx.Document()
    document.add_paragraph("KEPUTUSAN CAMAT SALE")
    document.sections[0].footer.paragraphs[0].text = "kaki"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_footer_of_more_lines_than_a_decree_has_is_refused(tmp_path, limited):
    footer = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:ftr xmlns:w="{W_NS}">' + "<w:p/>" * 40_000 + "</w:ftr>"
    )
    source = tmp_path / "kaki.docx"
    source.write_bytes(_with_parts(_with_footer(), {"word/footer1.xml": footer.encode()}))
    target = tmp_path / "hasil.xlsx"
    outcome = limited(["impor", source, "-o", target])
    outcome.assert_clean(1)
    assert "lebih dari 30000 baris" in outcome.text
    assert not target.exists()


def test_styles_that_point_at_each_other_and_runs_by_the_hundred_thousand_are_bounded(tmp_path, limited):
    styles = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="{W_NS}">'
        + "".join(
            f'<w:style w:type="paragraph" w:styleId="s{i}"><w:basedOn w:val="s{(i + 1) % 5000}"/></w:style>'
            for i in range(5000)
        )
        + "</w:styles>"
    )
    runs = "".join(
        f'<w:r><w:rPr><w:rStyle w:val="s{i % 5000}"/></w:rPr><w:t>a</w:t></w:r>' for i in range(150_000)
    )
    body = _docx_with(
        _body(f'<w:p><w:pPr><w:pStyle w:val="s1"/></w:pPr>{runs}</w:p>'), compress=zipfile.ZIP_STORED
    )
    source = tmp_path / "gaya.docx"
    source.write_bytes(_with_parts(body, {"word/styles.xml": styles.encode()}))
    outcome = limited(["impor", source, "-o", tmp_path / "hasil.xlsx"])
    outcome.assert_clean(0, 2)


def test_indicator_lines_iku_rows_and_kop_lines_of_hostile_length_stay_linear(tmp_path, limited):
    """Brackets where a target is looked for, an IKU table of thousands of long rows, kop lines of
    megabytes: read in bounded time, every cell within what Excel holds."""
    brackets = "(" * 1_500 + "target " + ")" * 1_500
    cell = f"<w:tc><w:p><w:r><w:t>{'x ' * 500}</w:t></w:r></w:p></w:tc>"
    header = "".join(
        f"<w:tc><w:p><w:r><w:t>{word}</w:t></w:r></w:p></w:tc>" for word in ("Indikator", "Formula", "Target")
    )
    table = f"<w:tbl><w:tr>{header}</w:tr>" + f"<w:tr>{cell * 3}</w:tr>" * 2_000 + "</w:tbl>"
    texts = (
        "PEMERINTAH KABUPATEN REMBANG",
        "KECAMATAN SALE",
        "Jl. " + "x" * 1_000_000,
        "SALE " + "- " * 500_000,
        "KEPUTUSAN CAMAT SALE",
        "NOMOR : " + "/ " * 500_000,
        "TENTANG",
        "PETA",
        "CAMAT SALE,",
        "Menimbang : a. bahwa perlu;",
        "KESATU : Berlaku.",
        "Ditetapkan di Sale",
        "pada tanggal " + "." * 500_000 + " Februari 2021",
        "Ditandatangani secara elektronik oleh:",
        "CAMAT SALE",
        "^" * 500_000,
        "Drs. SUBHAN",
        "LAMPIRAN : Keputusan Camat Sale",
        "CASCADING KINERJA KECAMATAN SALE",
        "Meningkatnya pelayanan",
        "Indikator :",
    )
    body = "".join(_paragraph(text) for text in texts)
    body += "".join(_paragraph(f"{n}. Indikator {brackets}") for n in range(1, 1_000))
    source = tmp_path / "indikator.docx"
    source.write_bytes(_docx_with(_body(body + table), compress=zipfile.ZIP_STORED))
    outcome = limited(["impor", source, "-o", tmp_path / "hasil.xlsx"])
    outcome.assert_clean(0, 2)
    book = openpyxl.load_workbook(tmp_path / "hasil.xlsx")
    for sheet in ("Kop", "Kantor", "Keputusan", "Indikator", "Kinerja"):
        assert all(len(str(c.value or "")) <= 32_767 for row in book[sheet].iter_rows() for c in row)
