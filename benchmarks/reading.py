"""Benchmark: the bounded reader against the reader it replaced, side by side in one run.

The earlier reader (openpyxl's read-only ``iter_rows``, which pads every row to the sheet's declared
dimension, and a second pass over every sheet when a formula is present) is kept here as the
baseline, built from the same openpyxl calls. Both read the two example workbooks and the synthetic
300-process workbook; time is the median of several reads, memory the peak resident size of a
fresh process that reads once.

Run with `.venv/bin/python benchmarks/reading.py [--repeat N]`.
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import openpyxl  # noqa: E402

from benchmarks.run import best_of  # noqa: E402
from benchmarks.synthetic import synthetic_rows  # noqa: E402
from generator.blank import write_blank  # noqa: E402
from generator.reader import SHEETS, normalize_name, read_workbook  # noqa: E402
from generator.validator import validate  # noqa: E402


def padded_grids(path: Path) -> dict[str, list[list[object]]]:
    """The earlier way: every schema sheet as padded rows, a second data-only pass for formulas."""
    wanted = {normalize_name(s.name) for s in SHEETS}
    book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        grids = {
            ws.title: [list(row) for row in ws.iter_rows(values_only=True)]
            for ws in book.worksheets
            if normalize_name(ws.title) in wanted
        }
    finally:
        book.close()
    formulas = any(isinstance(v, str) and v.startswith("=") for g in grids.values() for r in g for v in r)
    if formulas:
        values = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            for title in grids:
                grids[title] = [list(row) for row in values[title].iter_rows(values_only=True)]
        finally:
            values.close()
    return grids


CHILD = """
import resource, sys
sys.path.insert(0, {root!r})
from pathlib import Path
from benchmarks.reading import padded_grids
from generator.reader import read_workbook
import generator.validator
({func})(Path({path!r}))
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def peak_mb(func: str, path: Path) -> float:
    """Peak resident size of a fresh process that imports both readers and reads once, in MB (C
    allocations by lxml and expat included, which tracemalloc would not see)."""
    code = CHILD.format(root=str(ROOT), func=func, path=str(path))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(done.stdout.strip())


def workbooks(folder: Path) -> dict[str, Path]:
    large = folder / "sintetis-300-proses.xlsx"
    write_blank(large, synthetic_rows(99, processes=300))
    return {
        "sale-2020": ROOT / "inputs" / "sale-2020.xlsx",
        "tempursari-2024": ROOT / "inputs" / "tempursari-2024.xlsx",
        "sintetis 300 proses": large,
    }


def far_cell(folder: Path) -> Path:
    """A small workbook with one value in XFD1048576: the case the earlier reader could not survive."""
    path = folder / "xfd.xlsx"
    write_blank(path, synthetic_rows(1))
    book = openpyxl.load_workbook(path)
    book["Menimbang"]["XFD1048576"] = "jauh"
    book.save(path)
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        rows = []
        for name, path in workbooks(folder).items():
            size = path.stat().st_size // 1024
            before = best_of(lambda p=path: padded_grids(p), args.repeat)
            after = best_of(lambda p=path: read_workbook(p), args.repeat)
            checked = best_of(lambda p=path: validate(read_workbook(p)), args.repeat)
            memory = (peak_mb("padded_grids", path), peak_mb("read_workbook", path))
            rows.append((name, size, before, after, checked, *memory))
        far = far_cell(folder)
        far_time = best_of(lambda: read_workbook(far), args.repeat)
        far_memory = peak_mb("read_workbook", far)
    out = io.StringIO()
    out.write(
        f"{'buku kerja':<22}{'KB':>6}{'lama (s)':>11}{'baru (s)':>11}{'baru+validasi':>15}"
        f"{'MB lama':>9}{'MB baru':>9}\n"
    )
    for name, size, before, after, checked, memory_before, memory_after in rows:
        out.write(
            f"{name:<22}{size:>6}{before:>11.4f}{after:>11.4f}{checked:>15.4f}"
            f"{memory_before:>9.1f}{memory_after:>9.1f}\n"
        )
    out.write(
        f"{'XFD1048576 terisi':<22}{far.name and '':>6}{'(>1 GB)':>11}{far_time:>11.4f}{'':>15}"
        f"{'':>9}{far_memory:>9.1f}\n"
    )
    print(out.getvalue(), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
