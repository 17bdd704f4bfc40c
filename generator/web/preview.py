"""PDF of a generated decree (the core's LibreOffice conversion) and PNG previews of chosen pages.

Previews are the first pages and the Lampiran's first page, rendered by poppler's pdftoppm; the
Lampiran is found in the text pdftotext extracts, page by page. Every program runs under a time limit.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from ..pdf import convert_to_pdf, libreoffice_available

POPPLER_SECONDS = 30
PREVIEW_WIDTH = 700  # pixels: sharp at the width the page shows it, small enough to send
_LAMPIRAN = re.compile(r"^\s*LAMPIRAN\b", re.MULTILINE)


def tools_available() -> bool:
    return libreoffice_available() and bool(shutil.which("pdftoppm")) and bool(shutil.which("pdftotext"))


@dataclass(frozen=True)
class Page:
    number: int  # 1-based page of the PDF
    label: str  # "Halaman 1", "Halaman 5 (awal Lampiran)"
    path: Path

    @property
    def key(self) -> str:
        return f"halaman-{self.number}"


@dataclass
class Made:
    pdf: Path | None = None
    pages: list[Page] = field(default_factory=list)
    error: str = ""


def page_texts(pdf: Path, timeout: float = POPPLER_SECONDS) -> list[str]:
    """The text of each page (pdftotext separates pages by form feeds)."""
    done = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        timeout=timeout,
        check=True,
    )
    pages = done.stdout.decode("utf-8", "replace").split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return pages


def lampiran_page(texts: list[str]) -> int | None:
    """1-based number of the first page that opens with the LAMPIRAN heading."""
    for number, text in enumerate(texts, start=1):
        if _LAMPIRAN.search(text):
            return number
    return None


def chosen_pages(count: int, first: int, lampiran: int | None) -> list[int]:
    """The first ``first`` pages before the Lampiran, then the Lampiran's first page."""
    end = min(first, count) if lampiran is None else min(first, lampiran - 1, count)
    pages = list(range(1, end + 1))
    if lampiran is not None and lampiran not in pages:
        pages.append(lampiran)
    return pages


def render_page(pdf: Path, number: int, target: Path, timeout: float = POPPLER_SECONDS) -> None:
    """One page as PNG, ``PREVIEW_WIDTH`` pixels wide."""
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-f",
            str(number),
            "-l",
            str(number),
            "-singlefile",
            "-scale-to-x",
            str(PREVIEW_WIDTH),
            "-scale-to-y",
            "-1",
            str(pdf),
            str(target.with_suffix("")),
        ],
        capture_output=True,
        timeout=timeout,
        check=True,
    )


def make_pdf(docx: Path, out_dir: Path, *, pdf_seconds: float, first_pages: int) -> Made:
    """The PDF beside the .docx and previews of its chosen pages; failures as Indonesian sentences."""
    errors = convert_to_pdf([docx], out_dir, timeout=pdf_seconds)
    if errors:
        return Made(error=errors[docx])
    pdf = out_dir / docx.with_suffix(".pdf").name
    made = Made(pdf=pdf)
    if first_pages <= 0:
        return made
    try:
        texts = page_texts(pdf)
        lampiran = lampiran_page(texts)
        for number in chosen_pages(len(texts), first_pages, lampiran):
            target = out_dir / f"halaman-{number}.png"
            render_page(pdf, number, target)
            label = f"Halaman {number}" + (" (awal Lampiran)" if number == lampiran else "")
            made.pages.append(Page(number, label, target))
    except (subprocess.SubprocessError, OSError):
        made.error = "Pratinjau halaman tidak dapat dibuat; PDF-nya tetap dapat diunduh."
    return made
