"""Generate many workbooks in parallel; one bad workbook stops nothing else.

The core of `keputusan buat` for both faces: the CLI shows progress with Rich, the web app with its
own page, both through the ``on_done`` callback.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from .pipeline import Options, Result, generate

OnDone = Callable[[Result], None]


def safe_generate(path: Path, options: Options) -> Result:
    """generate() that turns any crash into a failed Result, so a batch always finishes."""
    try:
        result = generate(path, options)
    except Exception as exc:  # a crash in one workbook must not stop the others
        detail = traceback.format_exception_only(type(exc), exc)[-1].strip()
        return Result(Path(path), error=f"Kesalahan tak terduga saat memproses: {detail}")
    result.decree = None  # not needed by the caller; keeps results cheap to send between processes
    return result


def check_tools(options: Options, pdf: bool) -> str:
    """An Indonesian sentence naming a missing tool, or "" when all needed tools are here."""
    if options.figures:
        from .diagrams import graphviz_available

        if not graphviz_available():
            return (
                "Graphviz belum terpasang: pasang dengan `sudo apt-get install graphviz` "
                "(atau jalankan `make run`), atau buat tanpa diagram dengan --tanpa-gambar."
            )
    if pdf:
        from .pdf import libreoffice_available

        if not libreoffice_available():
            return (
                "LibreOffice belum terpasang untuk membuat PDF: pasang dengan "
                "`sudo apt-get install libreoffice-writer-nogui`, atau jalankan tanpa --pdf."
            )
    return ""


def run_all(
    workbooks: Sequence[Path], options: Options, jobs: int = 0, on_done: OnDone | None = None
) -> list[Result]:
    """Results in the order of ``workbooks``; parallel over processes when more than one."""
    jobs = jobs or os.cpu_count() or 1
    results: dict[int, Result] = {}
    if jobs == 1 or len(workbooks) == 1:
        for index, path in enumerate(workbooks):
            results[index] = safe_generate(path, options)
            if on_done is not None:
                on_done(results[index])
    else:
        with ProcessPoolExecutor(max_workers=min(jobs, len(workbooks))) as pool:
            futures = {pool.submit(safe_generate, p, options): i for i, p in enumerate(workbooks)}
            for future in as_completed(futures):
                index = futures[future]
                try:
                    results[index] = future.result()
                except Exception as exc:  # the worker process itself died
                    results[index] = Result(workbooks[index], error=f"Proses pekerja gagal: {exc}")
                if on_done is not None:
                    on_done(results[index])
    return [results[i] for i in range(len(workbooks))]
