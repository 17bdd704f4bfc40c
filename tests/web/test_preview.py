"""PDFs through one LibreOffice for several decrees, and the pages chosen for the preview."""

from __future__ import annotations

import re
import shutil

import pytest
from pypdf import PdfReader

from generator.pipeline import Options, generate
from generator.web.preview import (
    chosen_pages,
    lampiran_page,
    make_pdfs,
    make_previews,
    runs,
    tools_available,
)
from tests.web.helpers import SALE


@pytest.mark.parametrize(
    ("count", "first", "lampiran", "expected"),
    [
        (13, 3, 5, [1, 2, 3, 5]),  # Sale: cover, regulations, decree ... Lampiran on page 5
        (9, 3, 3, [1, 2, 3]),  # the Lampiran among the first pages is shown once
        (2, 3, None, [1, 2]),
        (13, 0, 5, [5]),
    ],
)
def test_preview_shows_the_first_pages_and_the_lampiran(count, first, lampiran, expected):
    assert chosen_pages(count, first, lampiran) == expected


def test_consecutive_pages_render_in_one_run():
    assert runs([1, 2, 3, 5]) == [(1, 3), (5, 5)] and runs([4]) == [(4, 4)] and runs([]) == []


def test_lampiran_found_by_its_heading_not_by_a_mention():
    pages = ["KEPUTUSAN ... sebagaimana tercantum dalam Lampiran", "      LAMPIRAN : Keputusan Camat Sale"]
    assert lampiran_page(pages) == 2
    assert lampiran_page(["tanpa lampiran"]) is None


@pytest.mark.skipif(not tools_available(), reason="LibreOffice/poppler tidak terpasang")
def test_one_libreoffice_run_for_several_and_a_bad_document_fails_alone(tmp_path):
    result = generate(SALE, Options(out_dir=tmp_path / "a", figures=False))
    twin = tmp_path / "b" / result.output.name  # the same name in another visit's folder
    twin.parent.mkdir()
    shutil.copyfile(result.output, twin)
    bad = tmp_path / "c" / "rusak.docx"
    bad.parent.mkdir()
    bad.write_bytes(b"PK\x03\x04 bukan dokumen")
    pdfs = make_pdfs([result.output, bad, twin], pdf_seconds=120)
    assert isinstance(pdfs[1], str) and "LibreOffice" in pdfs[1]
    for pdf, folder in ((pdfs[0], "a"), (pdfs[2], "b")):
        reader = PdfReader(str(pdf))
        assert pdf.parent.name == folder and len(reader.pages) > 5
        metadata = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
        assert re.search(r"pdfaid:part(>|=\")2", metadata)  # PDF/A-2b, as e-office signing wants
        made = make_previews(pdf, 2)
        assert [page.number for page in made.pages] == [1, 2, 5]
        assert all(page.path.stat().st_size > 1000 for page in made.pages)
