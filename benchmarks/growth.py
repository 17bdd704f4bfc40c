"""How one decree's time and memory grow with its map: 50 / 300 / 1,000 / 3,000 processes.

Each size is one synthetic kecamatan (the same seed, more processes), run as `keputusan buat` would
be, in a fresh process: first into an empty picture cache (cold), then again with the cache warm,
which is the figure the targets name. Time is wall and CPU of that process and its `dot` children;
memory is the process's peak resident size.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.synthetic import synthetic_rows
from generator.blank import write_blank

SIZES = (50, 300, 1000, 3000)
CHILD = Path(__file__).resolve().parent / "child.py"


def run_child(arguments: list[str], cores: set[int] | None = None) -> dict[str, object]:
    """One child measurement: its JSON, plus the wall time of the whole process (start-up included)."""

    def pin() -> None:
        if cores:
            os.sched_setaffinity(0, cores)

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(CHILD), *arguments], capture_output=True, text=True, preexec_fn=pin
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"pengukuran gagal: {done.stderr.strip()[-2000:]}")
    found: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    found["proses_s"] = wall
    found["cpu_proses_s"] = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return found


def growth(work: Path, log: Callable[[str], None], sizes: tuple[int, ...] = SIZES) -> dict[str, object]:
    table: dict[str, object] = {}
    for size in sizes:
        workbook = work / f"tumbuh-{size}" / f"sintetis-{size}-2025.xlsx"
        workbook.parent.mkdir(parents=True, exist_ok=True)
        write_blank(workbook, synthetic_rows(7, size))
        cache, out = work / f"tumbuh-{size}" / "gambar", work / f"tumbuh-{size}" / "hasil"
        log(f"  {size} proses: cache kosong ...")
        cold = run_child(["decree", str(cache), str(out), str(workbook)])
        log(f"  {size} proses: cache hangat ...")
        warm = run_child(["decree", str(cache), str(out / "lagi"), str(workbook)])
        table[str(size)] = {
            "dingin, proses baru (s)": cold["proses_s"],
            "hangat, proses baru (s)": warm["proses_s"],
            "hangat, CPU (s)": warm["cpu_proses_s"],
            "hangat, tahap (s)": warm["tahap_s"],
            "memori puncak hangat (MB)": warm["memori_mb"],
            "memori puncak dingin (MB)": cold["memori_mb"],
        }
    return table
