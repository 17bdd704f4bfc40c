"""Benchmark: per-stage times, a fresh-process decree, 100-workbook batches, memory, PDF, docxtpl floor.

Run with `make bench` (or `.venv/bin/python benchmarks/run.py [--quick]`); figures are printed as a
table and written to outputs/benchmark.json. Targets are those of the project's issue on annual runs.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import jinja2  # noqa: E402
from docxtpl import DocxTemplate  # noqa: E402

from benchmarks.synthetic import write_synthetic  # noqa: E402
from generator.batch import run_all  # noqa: E402
from generator.diagrams import render_diagrams  # noqa: E402
from generator.figures import plan_figures  # noqa: E402
from generator.pipeline import DEFAULT_TEMPLATE, Options, renderer_for  # noqa: E402
from generator.reader import read_workbook  # noqa: E402
from generator.validator import validate  # noqa: E402
from generator.writer import write_output  # noqa: E402

SALE = ROOT / "inputs" / "sale-2020.xlsx"


def best_of(func: Callable[[], object], repeat: int = 5) -> float:
    """Median wall time of ``repeat`` calls, in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def stage_times(workbook: Path, work: Path, repeat: int) -> dict[str, float]:
    """Each stage of one decree on its own (diagrams drawn into an empty cache each time)."""
    renderer = renderer_for(DEFAULT_TEMPLATE)
    raw = read_workbook(workbook)
    decree, _ = validate(raw)
    assert decree is not None
    figures = plan_figures(decree)
    counter = iter(range(10_000))

    def draw() -> dict:
        return render_diagrams(decree, figures, work / f"cache-{next(counter)}", pieces=True)

    images = draw()
    data = renderer.render(decree, images)
    raws = iter([read_workbook(workbook) for _ in range(repeat)])
    return {
        "baca": best_of(lambda: read_workbook(workbook), repeat),
        "validasi": best_of(lambda: validate(next(raws)), repeat),
        "gambar (tanpa cache)": best_of(draw, repeat),
        "gambar (dengan cache)": best_of(
            lambda: render_diagrams(decree, figures, work / "cache-0", pieces=True), repeat
        ),
        "konteks": best_of(lambda: renderer.context(decree, images), repeat),
        "render (termasuk konteks)": best_of(lambda: renderer.render(decree, images), repeat),
        "tulis": best_of(lambda: write_output(work / "tahap.docx", data, force=True), repeat),
    }


def docxtpl_floor(workbook: Path, repeat: int) -> tuple[float, float, float]:
    """Bare docxtpl rendering the same template with a prepared context, vs our pipeline sans diagrams
    with each part compiled once (the default) and compiled at every render (as docxtpl does)."""
    from generator.render import Renderer

    renderer = renderer_for(DEFAULT_TEMPLATE)
    uncached = Renderer(DEFAULT_TEMPLATE, compile_cache=False)
    decree, _ = validate(read_workbook(workbook))
    context = renderer.context(decree, {})
    source = DEFAULT_TEMPLATE.read_bytes()
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True)

    def bare() -> bytes:
        template = DocxTemplate(io.BytesIO(source))
        template.render(context, jinja_env=env, autoescape=True)
        out = io.BytesIO()
        template.save(out)
        return out.getvalue()

    def ours(with_renderer) -> Callable[[], bytes]:
        def run() -> bytes:
            found, _ = validate(read_workbook(workbook))
            return with_renderer.render(found, {})  # already the reproducible zip, written in one pass

        return run

    assert ours(renderer)() == ours(uncached)(), "cache kompilasi mengubah hasil"
    return best_of(bare, repeat), best_of(ours(renderer), repeat), best_of(ours(uncached), repeat)


def fresh_process(workbook: Path, work: Path) -> float:
    """`keputusan buat` in a new Python process, diagrams drawn into an empty cache."""
    command = [sys.executable, "-m", "generator", "buat", str(workbook), "-o", str(work / "segar"), "--timpa"]
    env = dict(os.environ, KEPUTUSAN_CACHE=str(work / f"cache-segar-{time.monotonic_ns()}"))
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT, env=env)
    return time.perf_counter() - start


def batch(workbooks: list[Path], work: Path, jobs: int, figures: bool, cache: Path | None = None) -> float:
    """Seconds for the whole batch; jobs=1 is pinned to one core (dot included), cold cache unless given."""
    cache = cache or work / f"cache-batch-{jobs}-{time.monotonic_ns()}"
    options = Options(out_dir=work / f"batch-{jobs}-{figures}", figures=figures, force=True, cache_dir=cache)
    cores = os.sched_getaffinity(0)
    if jobs == 1:
        os.sched_setaffinity(0, {min(cores)})
    try:
        start = time.perf_counter()
        results = run_all(workbooks, options, jobs)
        elapsed = time.perf_counter() - start
    finally:
        os.sched_setaffinity(0, cores)
    failed = [r.workbook.name for r in results if not r.ok]
    assert not failed, f"gagal: {failed}"
    return elapsed


def pdf_batch(work: Path, count: int) -> float:
    from generator.pdf import convert_to_pdf, libreoffice_available

    if not libreoffice_available():
        return float("nan")
    documents = sorted((work / "batch-1-True").glob("*.docx"))[:count]
    start = time.perf_counter()
    errors = convert_to_pdf(documents, work / "pdf")
    assert not errors, errors
    return time.perf_counter() - start


def peak_memory_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def main() -> int:
    parser = argparse.ArgumentParser(description="Ukur kecepatan dan memori pembuatan keputusan.")
    parser.add_argument("--quick", action="store_true", help="20 buku kerja, bukan 100 (uji cepat)")
    args = parser.parse_args()
    count = 20 if args.quick else 100
    repeat = 3 if args.quick else 5
    cores = os.cpu_count() or 1
    figures: dict[str, object] = {"mesin": f"{cores} inti, Python {sys.version.split()[0]}"}
    with tempfile.TemporaryDirectory(prefix="keputusan-bench-") as temp:
        work = Path(temp)
        print(f"Menyiapkan {count} buku kerja sintetis ...", file=sys.stderr)
        workbooks = write_synthetic(work / "inputs", count)
        typical = workbooks[0]
        figures["tahap Sale (s)"] = stage_times(SALE, work, repeat)
        figures["tahap sintetis (s)"] = stage_times(typical, work, repeat)
        for label, workbook in (("Sale", SALE), ("sintetis", typical)):
            floor, ours, uncached = docxtpl_floor(workbook, repeat)
            figures[f"docxtpl saja, {label} (s)"] = floor
            figures[f"alur tanpa gambar, {label} (s)"] = ours
            figures[f"alur tanpa gambar, kompilasi tiap render, {label} (s)"] = uncached
            figures[f"rasio terhadap docxtpl, {label}"] = ours / floor
            figures[f"rasio terhadap docxtpl tanpa cache kompilasi, {label}"] = uncached / floor
        figures["satu keputusan proses baru (s)"] = statistics.median(
            fresh_process(SALE, work) for _ in range(3)
        )
        print("Batch satu inti ...", file=sys.stderr)
        one = batch(workbooks, work, 1, True)
        print("Batch semua inti ...", file=sys.stderr)
        many = batch(workbooks, work, cores, True)
        figures[f"batch {count} satu inti (s)"] = one
        figures[f"batch {count} {cores} inti (s)"] = many
        figures["percepatan"] = one / many
        warm = work / "cache-hangat"
        batch(workbooks, work, cores, True, warm)
        figures[f"batch {count} {cores} inti, gambar sudah di cache (s)"] = batch(
            workbooks, work, cores, True, warm
        )
        figures[f"batch {count} {cores} inti, tanpa gambar (s)"] = batch(workbooks, work, cores, False)
        own, children = peak_memory_mb()
        figures["memori puncak proses utama (MB)"] = own
        figures["memori puncak pekerja batch (MB)"] = children
        print("PDF ...", file=sys.stderr)
        figures["PDF 20 keputusan (s)"] = pdf_batch(work, 20)
        figures["memori puncak LibreOffice (MB)"] = peak_memory_mb()[1]
    report(figures, count, cores)
    out = ROOT / "outputs" / "benchmark.json"
    out.write_text(json.dumps(figures, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"\nDisimpan di {out.relative_to(ROOT)}")
    return 0


def report(figures: dict[str, object], count: int, cores: int) -> None:
    for key, value in figures.items():
        if isinstance(value, dict):
            print(f"{key}:")
            for stage, seconds in value.items():
                print(f"    {stage:<28} {seconds * 1000:8.1f} ms")
        elif isinstance(value, float):
            print(f"{key:<36} {value:8.2f}")
        else:
            print(f"{key:<36} {value}")
    sale = figures["tahap Sale (s)"]
    checks = [
        ("satu keputusan dengan gambar < 1 s (proses baru)", figures["satu keputusan proses baru (s)"] < 1),
        ("gambar satu keputusan <= ~1 s", sale["gambar (tanpa cache)"] <= 1.0),
        ("alur tanpa gambar <= 1,5x docxtpl (Sale)", figures["rasio terhadap docxtpl, Sale"] <= 1.5),
        ("alur tanpa gambar <= 1,5x docxtpl (sintetis)", figures["rasio terhadap docxtpl, sintetis"] <= 1.5),
        (f"batch {count} semua inti < 60 s", figures[f"batch {count} {cores} inti (s)"] < 60),
        ("percepatan >= 1,7x", figures["percepatan"] >= 1.7),
        (
            "memori puncak < 300 MB",
            max(figures["memori puncak proses utama (MB)"], figures["memori puncak pekerja batch (MB)"])
            < 300,
        ),
        ("PDF 20 keputusan < 40 s", figures["PDF 20 keputusan (s)"] < 40),
    ]
    print("\nTarget:")
    for label, met in checks:
        print(f"  [{'ya' if met else 'TIDAK'}] {label}")


if __name__ == "__main__":
    sys.exit(main())
