"""What a user holds after `keputusan buat`: figures placed in the page, PDFs, pages a person sees."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Mm
from pypdf import PdfReader

from generator.cli import EXIT_FAILED, EXIT_OK, main
from generator.figures import plan_figures
from generator.pipeline import Options, generate, load_decree
from tests.conftest import SALE, TEMPURSARI

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz tidak terpasang")
needs_office = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftoppm") is None, reason="LibreOffice tidak terpasang"
)


def inline_images(path: Path) -> list:
    return Document(str(path)).inline_shapes._inline_lst  # type: ignore[attr-defined]


@needs_dot
@pytest.mark.parametrize("workbook", [SALE, TEMPURSARI], ids=["sale", "tempursari"])
def test_every_planned_figure_is_an_image_inside_the_text_width(tmp_path, workbook):
    decree, _ = load_decree(workbook)
    result = generate(workbook, Options(out_dir=tmp_path, cache_dir=tmp_path / "cache"))
    assert result.ok, result.error
    document = Document(str(result.output))
    shapes = list(document.inline_shapes)
    continued = [p for p in document.paragraphs if p.text.endswith("(lanjutan)")]
    # every planned figure, and each piece continuing one: Tempursari's last Peta Lintas Fungsi goes on
    # to the page of the signature, which it leaves room for (generator/closing.py)
    assert len(continued) == (workbook == TEMPURSARI)
    assert len(shapes) == len(plan_figures(decree)) + len(continued) > 0
    section = document.sections[-1]
    text_width = section.page_width - section.left_margin - section.right_margin
    assert abs(text_width - Mm(165)) < Mm(0.5)
    for shape in shapes:
        assert 0 < shape.width <= text_width


def test_missing_graphviz_stops_before_writing(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("generator.diagrams.graphviz_available", lambda: False)
    out = tmp_path / "hasil"
    assert main(["buat", str(SALE), "-o", str(out)]) == EXIT_FAILED
    assert not out.exists()
    err = capsys.readouterr().err
    assert "Graphviz belum terpasang" in err and "--tanpa-gambar" in err


def test_missing_libreoffice_for_pdf_is_one_sentence(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("generator.pdf.libreoffice_available", lambda: False)
    assert main(["buat", str(SALE), "-o", str(tmp_path), "--pdf", "--tanpa-gambar"]) == EXIT_FAILED
    assert "LibreOffice belum terpasang" in capsys.readouterr().err


@needs_office
def test_pdf_for_a_batch_with_one_libreoffice_run(tmp_path, monkeypatch):
    calls = []
    real_run = subprocess.run

    def counting_run(command, *args, **kwargs):
        if "--convert-to" in command:
            calls.append(command)
        return real_run(command, *args, **kwargs)

    monkeypatch.setattr(subprocess, "run", counting_run)
    assert (
        main(["buat", str(SALE), str(TEMPURSARI), "-o", str(tmp_path), "--pdf", "--tanpa-gambar"]) == EXIT_OK
    )
    assert len(calls) == 1
    assert any(part.startswith("-env:UserInstallation=file://") for part in calls[0])
    for name in ("Keputusan-Camat-Sale-2020.pdf", "Keputusan-Camat-Tempursari-2024.pdf"):
        reader = PdfReader(str(tmp_path / name))
        box = reader.pages[0].mediabox
        assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (215, 330)


@needs_office
@needs_dot
def test_rendered_pages_show_the_figures(tmp_path):
    """The decree as a person sees it: LibreOffice -> PDF -> PNG pages, figures among them."""
    result = generate(TEMPURSARI, Options(out_dir=tmp_path, cache_dir=tmp_path / "cache"))
    assert result.ok
    from generator.pdf import convert_to_pdf

    assert convert_to_pdf([result.output], tmp_path / "pdf") == {}
    pdf = tmp_path / "pdf" / "Keputusan-Camat-Tempursari-2024.pdf"
    pages = len(PdfReader(str(pdf)).pages)
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "halaman")], check=True)
    pngs = sorted(tmp_path.glob("halaman*.png"))
    assert len(pngs) == pages >= 4
    texts = [page.extract_text() for page in PdfReader(str(pdf)).pages]
    figure_pages = [i for i, text in enumerate(texts) if "Gambar 3.1." in text]
    assert figure_pages, "keterangan Gambar 3.1. tidak tampil di halaman mana pun"


@needs_dot
def test_large_figures_continue_on_further_pictures(tmp_path):
    """A figure too big to print readably on one page goes on in pieces captioned "(lanjutan)"."""
    from benchmarks.synthetic import synthetic_rows
    from generator.blank import write_blank

    workbook = tmp_path / "besar-2025.xlsx"
    write_blank(workbook, synthetic_rows(0))
    decree, _ = load_decree(workbook)
    result = generate(workbook, Options(out_dir=tmp_path / "hasil", cache_dir=tmp_path / "cache"))
    assert result.ok, result.error
    document = Document(str(result.output))
    captions = [p.text for p in document.paragraphs if p.style.name == "Keterangan Gambar"]
    continued = [c for c in captions if c.endswith("(lanjutan)")]
    assert continued, "tidak ada gambar lanjutan untuk data sebesar ini"
    assert len(document.inline_shapes) == len(plan_figures(decree)) + len(continued)
    section = document.sections[-1]
    text_width = section.page_width - section.left_margin - section.right_margin
    assert all(0 < shape.width <= text_width for shape in document.inline_shapes)
