"""The .docx zip is written once: python-docx's parts in its order, fixed dates, pictures stored."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import zipfile

import pytest
from docx import Document

from generator.docxzip import already_compressed, package_bytes
from generator.pipeline import Options, generate
from tests.conftest import SALE, TEMPURSARI
from tests.factories import write_png

WHEN = dt.date(2020, 5, 29)


@pytest.fixture
def document_with_picture(tmp_path):
    picture = write_png(tmp_path / "gambar.png")
    document = Document()
    document.add_paragraph("Keputusan Camat")
    document.add_picture(str(picture))
    return document


def test_same_parts_as_python_docx_writes_in_its_order(document_with_picture):
    ours = zipfile.ZipFile(io.BytesIO(package_bytes(document_with_picture, WHEN)))
    saved = io.BytesIO()
    document_with_picture.save(saved)
    theirs = zipfile.ZipFile(saved)
    assert ours.namelist() == theirs.namelist()
    for name in theirs.namelist():
        assert ours.read(name) == theirs.read(name), name


def test_pictures_stored_xml_deflated_dates_fixed(document_with_picture):
    archive = zipfile.ZipFile(io.BytesIO(package_bytes(document_with_picture, WHEN)))
    kinds = {info.filename: info.compress_type for info in archive.infolist()}
    media = [name for name in kinds if name.startswith("word/media/")]
    assert media and all(kinds[name] == zipfile.ZIP_STORED for name in media)
    assert kinds["word/document.xml"] == zipfile.ZIP_DEFLATED
    assert {info.date_time for info in archive.infolist()} == {(2020, 5, 29, 0, 0, 0)}


def test_same_document_same_bytes(document_with_picture):
    assert package_bytes(document_with_picture, WHEN) == package_bytes(document_with_picture, WHEN)


def test_compressed_formats_are_recognised_by_content(tmp_path):
    assert already_compressed(write_png(tmp_path / "x.png").read_bytes())
    assert already_compressed(b"\xff\xd8\xff\xe0 jpeg")
    assert not already_compressed(b"<?xml version='1.0'?>")


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz tidak terpasang")
@pytest.mark.parametrize("workbook", [SALE, TEMPURSARI], ids=["sale", "tempursari"])
def test_examples_with_figures_are_byte_reproducible_and_pictures_stored(workbook, tmp_path):
    first = generate(workbook, Options(out_dir=tmp_path / "a", cache_dir=tmp_path / "cache-a"))
    second = generate(workbook, Options(out_dir=tmp_path / "b", cache_dir=tmp_path / "cache-b"))
    assert first.ok and second.ok, (first.error, second.error)
    data = first.output.read_bytes()
    assert data == second.output.read_bytes()
    archive = zipfile.ZipFile(io.BytesIO(data))
    media = [i for i in archive.infolist() if i.filename.startswith("word/media/")]
    assert media, "the example should hold figures"
    assert all(i.compress_type == zipfile.ZIP_STORED and i.compress_size == i.file_size for i in media)
