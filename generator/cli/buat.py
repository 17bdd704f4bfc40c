"""`keputusan buat`: generate decrees with a progress bar and a summary table."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from ..batch import check_tools, run_all
from ..pipeline import DEFAULT_INPUTS, DEFAULT_OUTPUTS, DEFAULT_TEMPLATE, Options, Result, template_problem
from ..problems import Severity
from .output import ERROR, FAILED, WARNING, err_console
from .registry import EXIT_FAILED, EXIT_INVALID, EXIT_OK, command


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
        "--timpa",
        action="store_true",
        help="timpa hasil lama walaupun sudah diubah orang sejak dibuat",
    )
    parser.add_argument(
        "-j",
        "--proses",
        type=int,
        default=0,
        metavar="N",
        help="jumlah proses paralel (bawaan: semua inti prosesor)",
    )


def workbooks_from(paths: Sequence[Path]) -> list[Path]:
    """Expand folders into their .xlsx files (skipping Excel's ~$ lock files), keep order."""
    found: list[Path] = []
    for path in paths or [DEFAULT_INPUTS]:
        if path.is_dir():
            found.extend(sorted(p for p in path.glob("*.xlsx") if not p.name.startswith("~$")))
        else:
            found.append(path)
    return found


@command(
    "buat",
    "membuat Keputusan Camat (.docx) dari buku kerja",
    "keputusan buat inputs/sale-2020.xlsx -o outputs\n  keputusan buat inputs/ --pdf",
    _arguments,
)
def cmd_buat(args: argparse.Namespace) -> int:
    workbooks = workbooks_from(args.buku_kerja)
    if not workbooks:
        err_console.print("Tidak ada buku kerja .xlsx untuk diproses.")
        return EXIT_FAILED
    options = Options(
        out_dir=args.keluaran,
        template=args.templat,
        figures=not args.tanpa_gambar,
        force=args.timpa,
    )
    return run_batch(workbooks, options, pdf=args.pdf, jobs=args.proses, console=err_console)


def run_batch(
    workbooks: Sequence[Path],
    options: Options,
    pdf: bool = False,
    jobs: int = 0,
    console: Console | None = None,
) -> int:
    """Generate, optionally convert to PDF, print every problem and a summary."""
    console = console or err_console
    missing = check_tools(options, pdf) or template_problem(options.template)
    if missing:
        console.print(f"{ERROR} {escape(missing)}")
        return EXIT_FAILED
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
        pdf_errors = convert_to_pdf(outputs, Path(options.out_dir))
    for result in results:
        _print_problems(console, result)
    console.print(summary_table(results, pdf_errors))
    return exit_status(results, pdf_errors)


def _print_problems(console: Console, result: Result) -> None:
    name = result.workbook.name
    for problem in sorted(result.problems, key=lambda p: p.severity is Severity.WARNING):
        label = ERROR if problem.severity is Severity.ERROR else WARNING
        console.print(f"{label} {escape(f'{name}: {problem}')}", soft_wrap=True)
    if result.error:
        console.print(f"{FAILED} {escape(f'{name}: {result.error}')}", soft_wrap=True)


def summary_table(results: Sequence[Result], pdf_errors: dict[Path, str] | None = None) -> Table:
    table = Table(title="Ringkasan", show_lines=False)
    for header in ("Buku kerja", "Hasil", "Berkas", "Peringatan"):
        table.add_column(header, overflow="fold")
    for result in results:
        warnings = sum(p.severity is Severity.WARNING for p in result.problems)
        if not result.ok:
            status = Text("gagal", style="red")
        elif pdf_errors and result.output in pdf_errors:
            status = Text("PDF gagal", style="red")
        elif result.written:
            status = Text("dibuat", style="green")
        else:
            status = Text("tidak berubah")
        output = result.output.name if result.ok and result.output else "-"
        table.add_row(Text(result.workbook.name), status, Text(output), str(warnings))
    return table


def exit_status(results: Sequence[Result], pdf_errors: dict[Path, str] | None = None) -> int:
    """2 when a workbook is invalid, 1 for any other failure, 0 when all went well."""
    if any(p.severity is Severity.ERROR for r in results for p in r.problems):
        return EXIT_INVALID
    if any(not r.ok for r in results) or pdf_errors:
        return EXIT_FAILED
    return EXIT_OK
