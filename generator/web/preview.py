"""PDF of a generated decree (the core's LibreOffice conversion) and PNG previews of chosen pages.

Previews are the first pages and the Lampiran's first page, rendered by poppler's pdftoppm; the
Lampiran is found in the text pdftotext extracts, page by page. Every program runs under a time limit.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
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


def runs(numbers: list[int]) -> list[tuple[int, int]]:
    """[1, 2, 3, 5] -> [(1, 3), (5, 5)]: one pdftoppm run per stretch of consecutive pages."""
    found: list[tuple[int, int]] = []
    for number in sorted(set(numbers)):
        if found and number == found[-1][1] + 1:
            found[-1] = (found[-1][0], number)
        else:
            found.append((number, number))
    return found


def render_pages(
    pdf: Path, numbers: list[int], out_dir: Path, timeout: float = POPPLER_SECONDS
) -> dict[int, Path]:
    """Pages as PNG ``PREVIEW_WIDTH`` pixels wide: page number -> out_dir/halaman-N.png."""
    made: dict[int, Path] = {}
    with tempfile.TemporaryDirectory(prefix="keputusan-pratinjau-", dir=out_dir) as folder:
        for first, last in runs(numbers):
            subprocess.run(
                [
                    "pdftoppm",
                    "-png",
                    "-f",
                    str(first),
                    "-l",
                    str(last),
                    "-scale-to-x",
                    str(PREVIEW_WIDTH),
                    "-scale-to-y",
                    "-1",
                    str(pdf),
                    str(Path(folder) / "h"),
                ],
                capture_output=True,
                timeout=timeout,
                check=True,
            )
        for produced in Path(folder).glob("h-*.png"):  # poppler pads the number: h-05.png
            number = int(produced.stem.rsplit("-", 1)[1])
            target = out_dir / f"halaman-{number}.png"
            os.replace(produced, target)
            made[number] = target
    return made


def make_pdfs(docs: list[Path], *, pdf_seconds: float) -> list[Path | str]:
    """For each .docx, its PDF beside it or the Indonesian sentence why not.

    One LibreOffice run converts them all (its start-up is most of the cost); when that run fails for
    any of them (a document LibreOffice chokes on, or the time limit), those are tried one by one so a
    bad document fails alone.
    """
    pdfs = _convert(docs, pdf_seconds)
    if len(docs) > 1:
        for index, found in enumerate(pdfs):
            if isinstance(found, str):
                pdfs[index] = _convert([docs[index]], pdf_seconds)[0]
    return pdfs


def _convert(docs: list[Path], pdf_seconds: float) -> list[Path | str]:
    """Each document's PDF (beside it) or the sentence why not; documents may share a name."""
    with tempfile.TemporaryDirectory(prefix="keputusan-pdf-antre-") as folder:
        work = Path(folder)
        staged = []
        for index, docx in enumerate(docs):
            copy = work / f"dokumen-{index}.docx"  # unique names: LibreOffice writes by name
            shutil.copyfile(docx, copy)
            staged.append(copy)
        # PDF/A-2b: the archive format e-office systems take for an electronic signature (TTE)
        errors = convert_to_pdf(staged, work / "pdf", pdfa=True, timeout=pdf_seconds * len(docs))
        found: list[Path | str] = []
        for docx, copy in zip(docs, staged, strict=True):
            if copy in errors:
                found.append(errors[copy])
                continue
            pdf = docx.with_suffix(".pdf")
            os.replace(work / "pdf" / copy.with_suffix(".pdf").name, pdf)
            found.append(pdf)
        return found


def make_previews(pdf: Path, first_pages: int) -> Made:
    """PNGs of the PDF's first pages and the Lampiran's first page, beside it."""
    made = Made(pdf=pdf)
    out_dir = pdf.parent
    if first_pages <= 0:
        return made
    try:
        texts = page_texts(pdf)
        lampiran = lampiran_page(texts)
        chosen = chosen_pages(len(texts), first_pages, lampiran)
        images = render_pages(pdf, chosen, out_dir)
        for number in chosen:
            label = f"Halaman {number}" + (" (awal Lampiran)" if number == lampiran else "")
            made.pages.append(Page(number, label, images[number]))
    except (subprocess.SubprocessError, OSError):
        made.error = "Pratinjau halaman tidak dapat dibuat; PDF-nya tetap dapat diunduh."
    return made
