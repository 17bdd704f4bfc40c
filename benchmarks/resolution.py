"""Pictures at 200 dpi against 150 dpi, as printed: crops to look at, and what each costs.

    .venv/bin/python benchmarks/resolution.py [OUTDIR]    (default outputs/resolusi)

Draws one realistic synthetic decree at both resolutions (nothing else differs), converts each to
PDF with LibreOffice as `keputusan buat --pdf` does, and cuts the same piece of every page holding
a figure at three zooms: 96 ppi (a screen at 100%), 192 ppi (200%) and 600 ppi (a laser printer).
Put the pairs side by side and look; the README says what was seen and chosen.
"""

from __future__ import annotations

import resource
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ZOOMS = {"layar-100": 96, "layar-200": 192, "cetak-600": 600}
CROP_MM = (20.0, 25.0, 80.0, 50.0)  # left, top, width, height on the page: the top of the text block


def set_dpi(dpi: int) -> None:
    """Every module's copy of the print resolution (they import it by value)."""
    for name, module in list(sys.modules.items()):
        if name.startswith("generator.") and hasattr(module, "DPI"):
            module.DPI = dpi  # type: ignore[attr-defined]


def draw(workbook: Path, out: Path, dpi: int) -> tuple[Path, float]:
    """The decree at ``dpi`` into ``out``: its path and the CPU its `dot` processes took."""
    import generator.diagrams  # noqa: F401 - loads the modules whose DPI is set
    from generator.pipeline import Options, generate

    set_dpi(dpi)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = generate(workbook, Options(out_dir=out, force=True, cache_dir=out / "gambar"))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert result.ok and result.output is not None, result.error
    return result.output, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def figure_pages(pdf: Path) -> list[int]:
    listing = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True, check=True)
    pages = [int(line.split()[0]) for line in listing.stdout.splitlines()[2:] if " image " in line]
    return sorted(set(pages))


def crop(pdf: Path, page: int, ppi: int, target: Path) -> None:
    left, top, width, height = (round(mm / 25.4 * ppi) for mm in CROP_MM)
    subprocess.run(
        ["pdftoppm", "-f", str(page), "-l", str(page), "-r", str(ppi), "-x", str(left), "-y", str(top),
         "-W", str(width), "-H", str(height), "-png", "-singlefile", str(pdf), str(target)],
        check=True,
    )  # fmt: skip


def main() -> int:
    from benchmarks.synthetic import write_synthetic
    from generator.pdf import convert_to_pdf

    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "outputs" / "resolusi"
    (out / "potongan").mkdir(parents=True, exist_ok=True)
    workbook = write_synthetic(out / "buku", 2, large=False)[1]
    for dpi in (200, 150):
        document, cpu = draw(workbook, out / f"{dpi}dpi", dpi)
        errors = convert_to_pdf([document], out / f"{dpi}dpi")
        assert not errors, errors
        pdf = out / f"{dpi}dpi" / f"{document.stem}.pdf"
        pages = figure_pages(pdf)
        for page in pages:
            for zoom, ppi in ZOOMS.items():
                crop(pdf, page, ppi, out / "potongan" / f"hal{page:02d}-{zoom}-{dpi}dpi")
        print(f"{dpi} dpi: CPU dot {cpu:.2f} s, .docx {document.stat().st_size / 1024:.0f} KB, "
              f"PDF {pdf.stat().st_size / 1024:.0f} KB, {len(pages)} halaman bergambar")  # fmt: skip
    print(f"Potongan di {out / 'potongan'}: bandingkan pasangan ...-200dpi.png dan ...-150dpi.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
