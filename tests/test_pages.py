"""Pages that hold together, checked on the PDF LibreOffice prints, page by page.

Decrees are built to provoke each split: Mengingat lists of growing length push the signature block,
then "Menetapkan", across a page boundary; a growing Lampiran pushes its closing signature over; long
tables run onto further pages. Each sweep must really cross a boundary (else it proves nothing), and
on every length the parts that belong together stay on one page.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
from pathlib import Path

import pytest
from factories import MENGINGAT, sale_decree, with_info, with_signer
from pdfpages import needs_office, page_lines, page_of, pages_with, to_pdfs, word_lines

from generator.layout import STRETCH_LIMIT
from generator.model import Category, Decree, Indicator, Kinerja, KinerjaSource, LampiranText, Process
from generator.render import Renderer
from generator.textmetrics import width_pt

TEMPLATE = Path(__file__).resolve().parent.parent / "templates" / "keputusan.docx"
SIGNATURE = (
    "Ditetapkan di Sale",
    "pada tanggal 29 Mei 2020",
    "CAMAT SALE",
    "Drs. SUBHAN",
    "NIP. 19661124 199203 1 005",
)
SHORT_RULE = "Peraturan Bupati Rembang Nomor {} Tahun 2020;"
MEDIUM_RULE = "Peraturan Bupati Rembang Nomor {} Tahun 2020 tentang Contoh Aturan Pendek;"

SIGNATURE_SWEEP = range(8, 18)  # extra Mengingat items after the ten of the factory
MENETAPKAN_SWEEP = range(13, 22)  # one-line Mengingat items only
LAMPIRAN_SWEEP = range(20, 30)  # one-line paragraphs of Sejarah Pembentukan
LONG_NAME = "Dr. RADEN MUHAMMAD SYAIFUDDIN, S.STP., M.Si."  # 45 characters


def _small(**changes: object) -> Decree:
    """Sale without cover, tembusan and Lampiran figures: a decree of a few pages."""
    decree = sale_decree(
        tembusan=(),
        units=(),
        tupoksi=(),
        processes=(),
        relations=(),
        kinerja=(),
        lampiran=LampiranText(sejarah=("Kantor Kecamatan Sale dibentuk.",)),
    )
    return with_info(dataclasses.replace(decree, **changes), cover=False)


def _long_tables() -> Decree:
    """Seventy top-level processes and thirty IKU rows: both tables run over several pages."""
    processes = tuple(
        Process(f"P.{i}", f"Proses Contoh Nomor {i} dengan Nama Yang Cukup Panjang", Category.UTAMA, order=i)
        for i in range(1, 71)
    )
    indicators = tuple(
        Indicator(
            f"Indikator ke-{i}", f"Rumus-{i:02d} / sasaran x 100%", "Laporan seksi", "90 %"
        )
        for i in range(1, 31)
    )
    kinerja = (
        Kinerja("K1", KinerjaSource.RENSTRA, "Sasaran", "Meningkatnya pelayanan", indicators=indicators),
    )
    return _small(processes=processes, kinerja=kinerja, lampiran=LampiranText(narrative=False))


@dataclasses.dataclass(frozen=True)
class Printed:
    pdf: Path
    pages: list[list[str]]


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[str, Printed]:
    """Every provoking decree through one LibreOffice run."""
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice atau poppler-utils tidak terpasang")
    documents: dict[str, Decree] = {}
    for n in SIGNATURE_SWEEP:
        extra = tuple(MEDIUM_RULE.format(i) for i in range(1, n + 1))
        documents[f"tanda-tangan-{n}"] = _small(mengingat=MENGINGAT + extra)
    for k in MENETAPKAN_SWEEP:
        documents[f"menetapkan-{k}"] = _small(mengingat=tuple(SHORT_RULE.format(i) for i in range(1, k + 1)))
    for j in LAMPIRAN_SWEEP:
        sejarah = tuple(f"Paragraf sejarah nomor {i}." for i in range(1, j + 1))
        documents[f"lampiran-{j}"] = _small(lampiran=LampiranText(sejarah=sejarah))
    documents["tabel"] = _long_tables()
    documents["nama-panjang"] = with_signer(_small(), name=LONG_NAME, position="Plt. CAMAT SALE")
    renderer = Renderer(TEMPLATE)
    pdfs = to_pdfs(
        {name: renderer.render(decree, {}) for name, decree in documents.items()},
        tmp_path_factory.mktemp("halaman"),
    )
    return {name: Printed(pdf, page_lines(pdf)) for name, pdf in pdfs.items()}


@pytest.fixture(scope="module")
def pages(printed) -> dict[str, list[list[str]]]:
    return {name: p.pages for name, p in printed.items()}


def _page_of_line(lines: list[list[str]], text: str) -> int:
    """Index of the first page with a line that is exactly ``text``; -1 if none."""
    return next((i for i, page in enumerate(lines) if text in page), -1)


def _crosses(pages: dict, names: list[str], text: str) -> bool:
    """Whether ``text`` sits on different pages for different lengths: the sweep met a boundary."""
    return len({page_of(pages[name], text) for name in names}) > 1


@needs_office
def test_signature_block_never_splits_when_pushed_over_a_page(pages):
    names = [f"tanda-tangan-{n}" for n in SIGNATURE_SWEEP]
    assert _crosses(pages, names, "Ditetapkan di Sale"), (
        "tidak ada panjang yang mendorong blok ke halaman lain"
    )
    for name in names:
        where = {line: _page_of_line(pages[name], line) for line in SIGNATURE}
        assert len(set(where.values())) == 1 and -1 not in where.values(), (name, where)
        page = pages[name][where["Ditetapkan di Sale"]]
        assert any("KETIGA" in line or "berlaku pada tanggal ditetapkan" in line for line in page), name


@needs_office
def test_menetapkan_stays_with_kesatu(pages):
    names = [f"menetapkan-{k}" for k in MENETAPKAN_SWEEP]
    assert _crosses(pages, names, "Menetapkan"), "tidak ada panjang yang mendorong Menetapkan ke halaman lain"
    for name in names:
        lines = pages[name]
        assert page_of(lines, "Menetapkan") == page_of(lines, "KESATU") == page_of(lines, "MEMUTUSKAN"), name


@needs_office
def test_lampiran_signature_never_stands_alone(pages):
    names = [f"lampiran-{j}" for j in LAMPIRAN_SWEEP]
    last_signature = {name: pages_with(pages[name], "Ditetapkan di Sale")[-1] for name in names}
    assert len(set(last_signature.values())) > 1, "tidak ada panjang yang mendorong tanda tangan Lampiran"
    for name in names:
        page = pages[name][last_signature[name]]
        assert any(line.startswith("Paragraf sejarah nomor") for line in page), (name, page)
        assert page_of(pages[name], "NIP. 19661124", last_signature[name]) == last_signature[name]


@needs_office
def test_table_headers_repeat_on_every_page(pages):
    lines = pages["tabel"]
    instrument = [i for i, page in enumerate(lines) if any("Proses Contoh Nomor" in line for line in page)]
    assert len(instrument) >= 2
    for index in instrument:
        assert any("KODE SUB" in line for line in lines[index]), index
    iku = [i for i, page in enumerate(lines) if any("Rumus-" in line for line in page)]
    assert len(iku) >= 2
    for index in iku:
        assert any("FORMULA" in line for line in lines[index]), index
    # each heading on the page of its table's first row
    assert page_of(lines, "ISI TABEL INSTRUMEN") == page_of(lines, "Proses Contoh Nomor 1 ") == instrument[0]
    assert page_of(lines, "INDIKATOR KINERJA UTAMA") == page_of(lines, "Rumus-01 ") == iku[0]


@needs_office
def test_a_long_name_prints_on_one_line(pages):
    lines = pages["nama-panjang"]
    assert len(pages_with(lines, LONG_NAME)) == 2  # decree and Lampiran, each on one line
    for index in pages_with(lines, "Plt. CAMAT SALE"):
        assert page_of(lines, "NIP. 19661124", index) == index


def justified_gaps(pdf: Path) -> list[float]:
    """Gaps between words of the Menimbang, Mengingat and Diktum text, the labels before it left out."""
    gaps: list[float] = []
    started = False
    for page in word_lines(pdf):
        for line in page:
            text = " ".join(w.text for w in line)
            started = started or text.startswith("Menimbang")
            if not started:
                continue
            if text.startswith(("Ditetapkan", "LAMPIRAN")):
                return gaps
            words = list(line)
            while words and LABEL.fullmatch(words[0].text):
                words.pop(0)
            gaps.extend(right.x_min - left.x_max for left, right in zip(words, words[1:], strict=False))
    return gaps


LABEL = re.compile(r"Menimbang|Mengingat|Menetapkan|KE[A-Z]+|:|\d+\.|[a-z]{1,2}\.")


@needs_office
def test_justified_lists_show_no_stretched_gaps(printed):
    space = width_pt(" ", "Arial", 12)
    limit = STRETCH_LIMIT * space + 1.5  # rounding of positions in the PDF
    for name in ("tanda-tangan-8", "menetapkan-13", "nama-panjang"):
        gaps = justified_gaps(printed[name].pdf)
        assert len(gaps) > 100, name
        assert max(gaps) <= limit, (name, max(gaps), limit)
