"""`keputusan buat`: generate decrees with a progress bar and a summary table."""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from ..batch import MAX_JOBS, check_tools, jobs_problem, run_all
from ..failures import describe_os_error
from ..inputs import workbooks_in
from ..locks import FolderError, folder_lock
from ..pipeline import DEFAULT_INPUTS, DEFAULT_OUTPUTS, DEFAULT_TEMPLATE, Options, Result, template_problem
from ..problems import Severity
from .output import ERROR, FAILED, WARNING, err_console, labelled, plain, show_trace
from .registry import EXIT_FAILED, EXIT_INVALID, EXIT_OK, command


def jobs_argument(text: str) -> int:
    """-j N: a whole number 1..MAX_JOBS, refused in Indonesian otherwise (0 too: leave -j out)."""
    try:
        jobs = int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f'"{text}" bukan bilangan bulat; jumlah proses paralel harus 1 sampai {MAX_JOBS}.'
        ) from None
    problem = jobs_problem(jobs)
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return jobs


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "buku_kerja",
        nargs="*",
        type=Path,
        metavar="BUKU_KERJA",
        help=f"buku kerja .xlsx atau folder berisi buku kerja (bawaan: semua di {DEFAULT_INPUTS.name}/)",
    )
    parser.add_argument(
        "-o",
        "--keluaran",
        type=Path,
        default=DEFAULT_OUTPUTS,
        metavar="FOLDER",
        help=f"folder hasil (bawaan: {DEFAULT_OUTPUTS.name}/)",
    )
    parser.add_argument(
        "--templat",
        type=Path,
        default=DEFAULT_TEMPLATE,
        metavar="BERKAS.docx",
        help="templat Word sendiri (salinan templates/keputusan.docx)",
    )
    parser.add_argument(
        "--tanpa-gambar",
        action="store_true",
        help="jangan gambar diagram (tanpa Graphviz); keterangan gambar tetap dicetak",
    )
    parser.add_argument(
        "--pdf",
        action="store_true",
        help="buat juga PDF untuk tanda tangan elektronik (perlu LibreOffice)",
    )
    parser.add_argument(
        "--sop",
        action="store_true",
        help="tulis juga SOP-<Kecamatan>-<Tahun>.docx: identitas dan diagram alir SOP (PermenPAN-RB "
        "35/2012) setiap proses yang dijabarkan di lembar Langkah",
    )
    parser.add_argument(
        "--pdfa",
        action="store_true",
        help="buat PDF berformat arsip PDF/A-2b (untuk tanda tangan elektronik di e-office); "
        "sekaligus berarti --pdf",
    )
    parser.add_argument(
        "--timpa",
        action="store_true",
        help="timpa hasil lama walaupun sudah diubah orang sejak dibuat",
    )
    parser.add_argument(
        "-j",
        "--proses",
        type=jobs_argument,
        default=None,
        metavar="N",
        help=f"jumlah proses paralel, 1 sampai {MAX_JOBS} (bawaan: semua inti prosesor)",
    )


def workbooks_from(paths: Sequence[Path]) -> list[Path]:
    """Expand folders into their workbooks (inputs.workbooks_in: no lock, hidden or temporary files).

    Order is kept; a workbook named twice is taken once. Raises OSError for a folder that cannot be read.
    """
    found: dict[Path, Path] = {}
    for path in paths or [DEFAULT_INPUTS]:
        for workbook in workbooks_in(path) if path.is_dir() else [path]:
            found.setdefault(Path(os.path.abspath(workbook)), workbook)
    return list(found.values())


@command(
    "buat",
    "membuat Keputusan Camat (.docx) dari buku kerja",
    "keputusan buat inputs/sale-2020.xlsx -o outputs\n  keputusan buat inputs/ --pdf\n"
    "  keputusan buat inputs/tempursari-2024.xlsx --sop\n"
    "  keputusan buat inputs/senduro-2021.xlsx --pdfa",
    _arguments,
)
def cmd_buat(args: argparse.Namespace) -> int:
    try:
        workbooks = workbooks_from(args.buku_kerja)
    except OSError as exc:
        message = describe_os_error(exc, exc.filename, "membaca folder")
        err_console.print(labelled(ERROR, message), soft_wrap=True)
        return EXIT_FAILED
    if not workbooks:
        err_console.print("Tidak ada buku kerja .xlsx untuk diproses.")
        return EXIT_FAILED
    options = Options(
        out_dir=args.keluaran,
        template=args.templat,
        figures=not args.tanpa_gambar,
        force=args.timpa,
        sop=args.sop,
    )
    return run_batch(
        workbooks,
        options,
        pdf=args.pdf or args.pdfa,
        jobs=args.proses,
        console=err_console,
        pdfa=args.pdfa,
    )


def run_batch(
    workbooks: Sequence[Path],
    options: Options,
    pdf: bool = False,
    jobs: int | None = None,
    console: Console | None = None,
    pdfa: bool = False,
) -> int:
    """Generate, optionally convert to PDF (PDF/A-2b with ``pdfa``), print every problem and a summary.

    The output folder stays locked from the first workbook to the last PDF, so a second run on the
    same folder waits (KEPUTUSAN_TUNGGU seconds) and then stops with one sentence.
    """
    console = console or err_console
    missing = check_tools(options, pdf) or template_problem(options.template)
    if missing:
        console.print(labelled(ERROR, missing), soft_wrap=True)
        return EXIT_FAILED

    def waiting(text: str) -> None:
        console.print(plain(text), soft_wrap=True)

    try:
        with folder_lock(Path(options.out_dir), on_wait=waiting):
            results, pdf_errors = _generate(workbooks, options, pdf, jobs, console, pdfa)
    except FolderError as exc:
        console.print(labelled(ERROR, str(exc)), soft_wrap=True)
        return EXIT_FAILED
    for result in results:
        _print_problems(console, result)
    for document, error in pdf_errors.items():
        console.print(labelled(FAILED, f"{document.with_suffix('.pdf').name}: {error}"), soft_wrap=True)
    console.print(summary_table(results, pdf_errors))
    return exit_status(results, pdf_errors)


def _generate(
    workbooks: Sequence[Path],
    options: Options,
    pdf: bool,
    jobs: int | None,
    console: Console,
    pdfa: bool = False,
) -> tuple[list[Result], dict[Path, str]]:
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("Membuat keputusan", total=len(workbooks))
        results = run_all(workbooks, options, jobs, on_done=lambda _: progress.advance(task))
    pdf_errors: dict[Path, str] = {}
    if pdf:
        from ..pdf import convert_to_pdf

        outputs = [r.output for r in results if r.ok and r.output is not None]
        outputs += [r.sop_output for r in results if r.ok and r.sop_output is not None]
        pdf_errors = convert_to_pdf(outputs, Path(options.out_dir), force=options.force, pdfa=pdfa)
    return results, pdf_errors


def _print_problems(console: Console, result: Result) -> None:
    name = result.workbook.name
    for problem in sorted(result.problems, key=lambda p: p.severity is Severity.WARNING):
        label = ERROR if problem.severity is Severity.ERROR else WARNING
        console.print(labelled(label, f"{name}: {problem}"), soft_wrap=True)
    if result.error:
        console.print(labelled(FAILED, f"{name}: {result.error}"), soft_wrap=True)
        show_trace(result.trace)


def summary_table(results: Sequence[Result], pdf_errors: dict[Path, str] | None = None) -> Table:
    table = Table(title="Ringkasan", show_lines=False)
    for header in ("Buku kerja", "Hasil", "Berkas", "Peringatan"):
        table.add_column(header, overflow="fold")
    for result in results:
        warnings = sum(p.severity is Severity.WARNING for p in result.problems)
        if not result.ok:
            status = Text("gagal", style="red")
        elif pdf_errors and (result.output in pdf_errors or result.sop_output in pdf_errors):
            status = Text("PDF gagal", style="red")
        elif result.written or result.sop_written:
            status = Text("dibuat", style="green")
        else:
            status = Text("tidak berubah")
        output = result.output.name if result.ok and result.output else "-"
        if result.ok and result.sop_output is not None:
            output += f"\n{result.sop_output.name}"
        table.add_row(plain(result.workbook.name), status, plain(output), str(warnings))
    return table


def exit_status(results: Sequence[Result], pdf_errors: dict[Path, str] | None = None) -> int:
    """2 when a workbook is invalid, 1 for any other failure, 0 when all went well."""
    if any(r.unreadable for r in results) or any(
        p.severity is Severity.ERROR for r in results for p in r.problems
    ):
        return EXIT_INVALID
    if any(not r.ok for r in results) or pdf_errors:
        return EXIT_FAILED
    return EXIT_OK
