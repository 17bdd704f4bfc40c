"""Pictures placed through the image index: the same document as python-docx makes, hashed once each."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.parts.image import ImagePart
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage

from generator.docx_images import IndexedInlineImage
from tests.factories import write_png


def template(folder: Path) -> bytes:
    """A template placing a list of pictures, with one picture of its own already inside."""
    document = Document()
    document.add_paragraph("{% for picture in pictures %}{{ picture }}{% endfor %}")
    document.add_paragraph("{{ pictures[0] }} sekali lagi, {{ pictures[1] }} juga")
    document.add_picture(str(write_png(folder / "logo.png", 30, 30)))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pictures(folder: Path, count: int) -> list[Path]:
    """``count`` files, some of them the same picture under another name."""
    folder.mkdir(exist_ok=True)
    found = []
    for index in range(count):
        size = 10 + index % (count // 2)  # the second half repeats the first half's pictures
        found.append(write_png(folder / f"gambar-{index}.png", size, size))
    return found


def render(source: bytes, paths: list[Path], kind: type[InlineImage]) -> dict[str, bytes]:
    """The parts of the rendered document, by name."""
    document = DocxTemplate(io.BytesIO(source))
    placed = [kind(document, str(path), width=Mm(20)) for path in paths]
    document.render({"pictures": placed}, autoescape=True)
    out = io.BytesIO()
    document.save(out)
    with zipfile.ZipFile(out) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return template(tmp_path_factory.mktemp("templat"))


def test_the_indexed_document_is_the_one_python_docx_makes(source: bytes, tmp_path: Path) -> None:
    paths = pictures(tmp_path / "gambar", 40)
    plain = render(source, paths, InlineImage)
    indexed = render(source, paths, IndexedInlineImage)
    assert list(indexed) == list(plain)
    assert indexed == plain
    media = [name for name in indexed if name.startswith("word/media/")]
    assert len(media) == 1 + 20  # the template's own picture, and each distinct picture once


def test_each_image_part_is_hashed_once(
    source: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hashed: list[str] = []
    real = ImagePart.sha1

    def counted(part: ImagePart) -> str:
        hashed.append(str(part.partname))
        return real.fget(part)  # type: ignore[attr-defined]

    monkeypatch.setattr(ImagePart, "sha1", property(counted))
    render(source, pictures(tmp_path / "gambar", 200), IndexedInlineImage)
    assert len(hashed) == len(set(hashed)) <= 1  # only the template's own picture, once

    hashed.clear()
    render(source, pictures(tmp_path / "gambar", 40), InlineImage)
    assert len(hashed) > 200  # what the index saves: python-docx hashes every part on each insert
