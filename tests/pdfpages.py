"""Decrees as LibreOffice prints them: one conversion for many documents, then text page by page."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

import pytest

from generator.pdf import convert_to_pdf

needs_office = pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftotext") is None,
    reason="LibreOffice atau poppler-utils tidak terpasang",
)


def to_pdfs(documents: dict[str, bytes], folder: Path, *, pdfa: bool = False) -> dict[str, Path]:
    """Write each .docx and convert them all in one LibreOffice run; name -> PDF path."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = []
    for name, data in documents.items():
        path = folder / f"{name}.docx"
        path.write_bytes(data)
        sources.append(path)
    errors = convert_to_pdf(sources, folder, pdfa=pdfa)
    assert errors == {}, errors
    return {name: folder / f"{name}.pdf" for name in documents}


def page_count(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M)[1])


def page_lines(pdf: Path) -> list[list[str]]:
    """Every page's text lines as set (pdftotext -layout), whitespace inside a line collapsed."""
    pages = []
    for number in range(1, page_count(pdf) + 1):
        text = subprocess.run(
            ["pdftotext", "-layout", "-f", str(number), "-l", str(number), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        pages.append([" ".join(line.split()) for line in text.splitlines() if line.strip()])
    return pages


def page_of(pages: list[list[str]], text: str, start: int = 0) -> int:
    """Index of the first page from ``start`` with a line containing ``text``; -1 if none."""
    for index in range(start, len(pages)):
        if any(text in line for line in pages[index]):
            return index
    return -1


def pages_with(pages: list[list[str]], text: str) -> list[int]:
    return [i for i, lines in enumerate(pages) if any(text in line for line in lines)]


@dataclass(frozen=True)
class Word:
    text: str
    x_min: float
    x_max: float


def word_lines(pdf: Path) -> list[list[list[Word]]]:
    """Per page, per text line, the words with their horizontal extent (pdftotext -bbox-layout)."""
    xhtml = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    root = ElementTree.fromstring(xhtml)
    ns = {"x": "http://www.w3.org/1999/xhtml"}
    pages = []
    for page in root.iterfind(".//x:page", ns):
        lines = []
        for line in page.iterfind(".//x:line", ns):
            words = [
                Word(w.text or "", float(w.get("xMin")), float(w.get("xMax")))
                for w in line.iterfind("x:word", ns)
            ]
            lines.append(words)
        pages.append(lines)
    return pages
