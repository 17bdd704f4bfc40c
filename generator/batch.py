"""Generate many workbooks in parallel with progress and a summary; one bad workbook stops nothing else."""

from __future__ import annotations

import os
import traceback
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from .pipeline import Options, Result, generate
from .problems import Severity

EXIT_OK, EXIT_FAILED, EXIT_INVALID = 0, 1, 2


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
    workbooks: Sequence[Path], options: Options, jobs: int, progress: Progress | None = None
) -> list[Result]:
    """Results in the order of ``workbooks``; parallel over processes when more than one."""
    jobs = jobs or os.cpu_count() or 1
    task = progress.add_task("Membuat keputusan", total=len(workbooks)) if progress else None
    results: dict[int, Result] = {}
    if jobs == 1 or len(workbooks) == 1:
        for index, path in enumerate(workbooks):
            results[index] = safe_generate(path, options)
            if progress is not None and task is not None:
                progress.advance(task)
    else:
        with ProcessPoolExecutor(max_workers=min(jobs, len(workbooks))) as pool:
            futures = {pool.submit(safe_generate, p, options): i for i, p in enumerate(workbooks)}
            for future in as_completed(futures):
                index = futures[future]
                try:
                    results[index] = future.result()
                except Exception as exc:  # the worker process itself died
                    results[index] = Result(workbooks[index], error=f"Proses pekerja gagal: {exc}")
                if progress is not None and task is not None:
                    progress.advance(task)
    return [results[i] for i in range(len(workbooks))]


def run_batch(
    workbooks: Sequence[Path],
    options: Options,
    pdf: bool = False,
    jobs: int = 0,
    console: Console | None = None,
) -> int:
    """The `keputusan buat` command: generate, optionally convert to PDF, print a summary."""
    console = console or Console(stderr=True)
    missing = check_tools(options, pdf)
    if missing:
        console.print(f"[bold red]GALAT[/] {missing}")
        return EXIT_FAILED
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        results = run_all(workbooks, options, jobs, progress)
    pdf_errors: dict[Path, str] = {}
    if pdf:
        from .pdf import convert_to_pdf

        outputs = [r.output for r in results if r.ok and r.output is not None]
        pdf_errors = convert_to_pdf(outputs, Path(options.out_dir))
    for result in results:
        _print_problems(console, result)
    console.print(summary_table(results, pdf_errors))
    return exit_status(results, pdf_errors)


def _print_problems(console: Console, result: Result) -> None:
    name = result.workbook.name
    for problem in sorted(result.problems, key=lambda p: p.severity is Severity.WARNING):
        label = "[bold red]GALAT[/]" if problem.severity is Severity.ERROR else "[yellow]PERINGATAN[/]"
        console.print(f"{label} {name}: {problem}", soft_wrap=True)
    if result.error:
        console.print(f"[bold red]GAGAL[/] {name}: {result.error}", soft_wrap=True)


def summary_table(results: Sequence[Result], pdf_errors: dict[Path, str] | None = None) -> Table:
    table = Table(title="Ringkasan", show_lines=False)
    for header in ("Buku kerja", "Hasil", "Berkas", "Peringatan"):
        table.add_column(header, overflow="fold")
    for result in results:
        warnings = sum(p.severity is Severity.WARNING for p in result.problems)
        if not result.ok:
            status = "[red]gagal[/]"
        elif pdf_errors and result.output in pdf_errors:
            status = "[red]PDF gagal[/]"
        elif result.written:
            status = "[green]dibuat[/]"
        else:
            status = "tidak berubah"
        output = result.output.name if result.ok and result.output else "-"
        table.add_row(result.workbook.name, status, output, str(warnings))
    return table


def exit_status(results: Sequence[Result], pdf_errors: dict[Path, str] | None = None) -> int:
    """2 when a workbook is invalid, 1 for any other failure, 0 when all went well."""
    if any(p.severity is Severity.ERROR for r in results for p in r.problems):
        return EXIT_INVALID
    if any(not r.ok for r in results) or pdf_errors:
        return EXIT_FAILED
    return EXIT_OK
