"""What the benchmark measures in a process of its own, printed as one JSON line on stdout.

    python benchmarks/child.py batch JOBS CACHE OUT WORKBOOK...   run_all over the workbooks
    python benchmarks/child.py serial CACHE OUT WORKBOOK...       one after another, as one worker does
    python benchmarks/child.py decree CACHE OUT WORKBOOK          one decree, with the stage times

A fresh process per measurement: nothing cached in memory from an earlier one, the CPU affinity the
parent gave it (inherited by workers and `dot`), and its own peak memory (ru_maxrss).

The growth table goes past the 300 rows a Proses sheet may hold (generator/limits.py): that limit
bounds what a user may submit, the benchmark measures how the program scales, so here it is lifted.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dataclasses import replace  # noqa: E402

from generator import limits  # noqa: E402

limits.PROCESS_ROWS = replace(limits.PROCESS_ROWS, value=10_000)  # before the schema reads it

from generator.batch import run_all  # noqa: E402
from generator.pipeline import Options, generate  # noqa: E402


def usage() -> dict[str, float]:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "cpu_s": own.ru_utime + own.ru_stime,
        "cpu_anak_s": children.ru_utime + children.ru_stime,
        "memori_mb": own.ru_maxrss / 1024,
        "memori_anak_mb": children.ru_maxrss / 1024,
    }


def main(argv: list[str]) -> dict[str, object]:
    kind, *rest = argv
    if kind == "batch":
        jobs, cache, out, *workbooks = rest
        options = Options(out_dir=Path(out), force=True, cache_dir=Path(cache), figures=cache != "-")
        start = time.perf_counter()
        results = run_all([Path(w) for w in workbooks], options, int(jobs))
        found: dict[str, object] = {"waktu_s": time.perf_counter() - start}
        failed = [r.error for r in results if not r.ok]
    else:
        cache, out, *workbooks = rest
        options = Options(out_dir=Path(out), force=True, cache_dir=Path(cache))
        start = time.perf_counter()
        results = [generate(Path(w), options) for w in workbooks]
        found = {"waktu_s": time.perf_counter() - start, "tahap_s": results[-1].timings}
        failed = [r.error or str(r.problems) for r in results if not r.ok]
    if failed:
        raise SystemExit(f"gagal: {failed[:3]}")
    return found | usage()


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1:])))
