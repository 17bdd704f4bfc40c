"""A batch's pictures are the same in any order and worker count, each what a fresh `dot` draws alone.

The benchmark's synthetic batch is drawn twice, in opposite orders, with two workers and with one,
each into an empty cache; every picture must be byte-identical between the runs and to `dot -Tpng:cairo`
run on its source alone. `make test` runs a representative part of the batch (BATCH_IN_TESTS
workbooks: typical ones and the 300-process one); `make bench` runs all 100 (KEPUTUSAN_UJI_BATCH=100).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from benchmarks.synthetic import write_synthetic
from generator.batch import run_all
from generator.diagrams import cache_name, chosen_sources
from generator.figures import plan_figures
from generator.pipeline import Options, load_decree

BATCH_IN_TESTS = 10
COUNT = int(os.environ.get("KEPUTUSAN_UJI_BATCH", BATCH_IN_TESTS))

pytestmark = [
    pytest.mark.lambat,
    pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz (dot) tidak terpasang"),
]


def fresh_png(source: str) -> bytes:
    done = subprocess.run(["dot", "-Tpng:cairo"], input=source.encode(), capture_output=True, check=True)
    return done.stdout


def files(folder: Path, pattern: str) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.glob(pattern))}


def test_a_batch_draws_the_same_pictures_in_any_order_and_worker_count(tmp_path: Path) -> None:
    workbooks = write_synthetic(tmp_path / "buku", COUNT)  # the last has 300 processes
    runs = {}
    for name, order, jobs in (("a", workbooks, 2), ("b", workbooks[::-1], 1)):
        out, cache = tmp_path / f"hasil-{name}", tmp_path / f"gambar-{name}"
        options = Options(out_dir=out, force=True, cache_dir=cache)
        results = run_all(order, options, jobs)
        assert all(result.ok for result in results), [result.error for result in results if not result.ok]
        runs[name] = options
    first, second = runs["a"], runs["b"]
    assert first.cache_dir is not None and second.cache_dir is not None
    pictures = files(first.cache_dir, "*.png")
    assert pictures == files(second.cache_dir, "*.png")
    assert files(first.out_dir, "*.docx") == files(second.out_dir, "*.docx")
    assert len(files(first.out_dir, "*.docx")) == COUNT

    sources: dict[str, str] = {}
    for workbook in workbooks:
        decree, problems = load_decree(workbook)
        assert decree is not None, problems
        for pieces in chosen_sources(decree, plan_figures(decree), pieces=True).values():
            sources.update((cache_name(source), source) for source in pieces)
    assert set(sources) == set(pictures)  # each picture in the cache is one the choice makes
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        fresh = dict(zip(sources, pool.map(fresh_png, sources.values()), strict=True))
    different = sorted(name for name, data in pictures.items() if fresh[name] != data)
    assert different == [], f"{len(different)} dari {len(pictures)} gambar berbeda dari dot yang baru"
