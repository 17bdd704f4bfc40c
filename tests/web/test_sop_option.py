"""The SOP option of Buat keputusan: `buat --sop`'s document among the downloads and in the zip."""

from __future__ import annotations

import io
import shutil
import zipfile

import pytest
from docx import Document
from pypdf import PdfReader

from generator.cli import main
from generator.pipeline import NO_STEPS
from tests.web.helpers import SALE, links, submit_and_wait, text_of

TEMPURSARI = SALE.parent / "tempursari-2024.xlsx"
needs_office = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftoppm") is None, reason="LibreOffice tidak terpasang"
)


def _link(page: str, key: str) -> str:
    return next(link for link in links(page) if link.endswith(f"/{key}"))


def test_the_form_offers_the_sop_option(shared_client):
    page = shared_client.get("/buat").text
    assert '<input id="sop" name="sop" type="checkbox" value="ya"' in page
    assert '<label for="sop">Juga dokumen SOP</label>' in page


def test_tempursari_gets_the_clis_sop_byte_for_byte(shared_client, tmp_path):
    _, page = submit_and_wait(shared_client, "/buat", [("buku_kerja", TEMPURSARI)], sop="ya")
    words = text_of(page)
    assert "Dokumen SOP: SOP-Tempursari-2024.docx." in words
    answer = shared_client.get(_link(page, "sop"))
    assert answer.status_code == 200
    assert "filename*=UTF-8''SOP-Tempursari-2024.docx" in answer.headers["content-disposition"]
    assert main(["buat", str(TEMPURSARI), "--sop", "-o", str(tmp_path)]) == 0
    assert answer.content == (tmp_path / "SOP-Tempursari-2024.docx").read_bytes()
    decree = shared_client.get(_link(page, "docx"))
    assert decree.content == (tmp_path / "Keputusan-Camat-Tempursari-2024.docx").read_bytes()
    sop = Document(io.BytesIO(answer.content))
    cells = {cell.text for table in sop.tables for row in table.rows for cell in row.cells}
    assert any("Penatausahaan Surat Masuk" in text for text in cells)


def test_without_the_option_no_sop(shared_client):
    _, page = submit_and_wait(shared_client, "/buat", [("buku_kerja", TEMPURSARI)])
    assert not [link for link in links(page) if link.endswith("/sop")]
    assert "Dokumen SOP" not in text_of(page) and NO_STEPS not in text_of(page)


def test_a_workbook_without_steps_says_the_warning_of_buat_sop(shared_client, tmp_path, capsys):
    _, page = submit_and_wait(shared_client, "/buat", [("buku_kerja", SALE)], sop="ya")
    words = text_of(page)
    assert "Sah, dengan 1 peringatan." in words
    assert f"Peringatan Langkah {NO_STEPS}" in words
    assert 'aria-label="Lembar Langkah"' in page
    assert not [link for link in links(page) if link.endswith("/sop")]
    assert main(["buat", str(SALE), "--sop", "-o", str(tmp_path)]) == 0
    assert f"Langkah: {NO_STEPS}" in capsys.readouterr().err


def test_the_zip_of_several_holds_the_sop_too(shared_client):
    url, page = submit_and_wait(
        shared_client, "/buat", [("buku_kerja", SALE), ("buku_kerja", TEMPURSARI)], sop="ya"
    )
    assert "Unduh semua keputusan (.zip, 2 keputusan, 1 SOP)" in text_of(page)
    answer = shared_client.get(url + "/semua.zip")
    names = zipfile.ZipFile(io.BytesIO(answer.content)).namelist()
    assert names == [
        "Keputusan-Camat-Sale-2020.docx",
        "Keputusan-Camat-Tempursari-2024.docx",
        "SOP-Tempursari-2024.docx",
    ]


@needs_office
def test_the_sop_gets_its_pdf_landscape_page_by_page(make_client):
    client = make_client(pdf=True)
    url, page = submit_and_wait(client, "/buat", [("buku_kerja", TEMPURSARI)], sop="ya")
    words = text_of(page)
    assert "Unduh SOP (PDF)" in words and "Unduh PDF" in words
    answer = client.get(_link(page, "sop_pdf"))
    assert "filename*=UTF-8''SOP-Tempursari-2024.pdf" in answer.headers["content-disposition"]
    reader = PdfReader(io.BytesIO(answer.content))
    assert len(reader.pages) >= 2
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "Penatausahaan Surat Masuk" in text
    landscape = [p for p in reader.pages if p.mediabox.width > p.mediabox.height]
    assert landscape, "halaman diagram alir SOP mendatar"
    names = zipfile.ZipFile(io.BytesIO(client.get(url + "/semua.zip").content)).namelist()
    assert names == [
        "Keputusan-Camat-Tempursari-2024.docx",
        "Keputusan-Camat-Tempursari-2024.pdf",
        "SOP-Tempursari-2024.docx",
        "SOP-Tempursari-2024.pdf",
    ]
