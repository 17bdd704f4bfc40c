"""`keputusan audit`: how complete each Peta Proses Bisnis is, cell by cell, with scores."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from rich.table import Table
from rich.text import Text

from ..atomic import TargetExists, TargetIsFolder, write_new
from ..audit import (
    SCORING_RULE,
    SECTIONS,
    AuditReport,
    Score,
    audit_all,
    audit_xlsx,
    percent_text,
    whole_percent,
)
from ..failures import describe_os_error
from .buat import workbooks_from
from .output import console, fail, say
from .registry import EXIT_FAILED, EXIT_INVALID, EXIT_OK, command


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "buku_kerja",
        nargs="+",
        type=Path,
        metavar="BUKU_KERJA",
        help="buku kerja .xlsx atau folder berisi buku kerja",
    )
    parser.add_argument(
        "--keluaran",
        type=Path,
        default=None,
        metavar="BERKAS.xlsx",
        help="tulis juga hasil audit (ringkasan, semua temuan, aturan penilaian) ke buku kerja Excel",
    )
    parser.add_argument("--timpa", action="store_true", help="timpa berkas --keluaran yang sudah ada")


@command(
    "audit",
    "memeriksa kelengkapan Peta Proses Bisnis menurut PermenPAN-RB 19/2018, sel demi sel, dengan nilai",
    "keputusan audit inputs/tempursari-2024.xlsx\n  keputusan audit inputs/ --keluaran audit-kecamatan.xlsx",
    _arguments,
)
def cmd_audit(args: argparse.Namespace) -> int:
    """Audit every workbook, print each report and, for several, one table; optionally write .xlsx."""
    try:
        workbooks = workbooks_from(args.buku_kerja)
    except OSError as exc:  # a folder that cannot be listed
        fail(describe_os_error(exc, exc.filename, "membaca folder"))
        return EXIT_FAILED
    output: Path | None = args.keluaran
    if not workbooks:
        fail("Tidak ada buku kerja .xlsx untuk diaudit.")
        return EXIT_FAILED
    if output is not None:
        refusal = _refusal(output, workbooks, args.timpa)
        if refusal:
            fail(refusal)
            return EXIT_FAILED
    reports = audit_all(workbooks)
    for report in reports:
        print_report(report)
    if len(reports) > 1:
        console.print(summary_table(reports))
    say(SCORING_RULE)
    if output is not None:
        try:
            write_new(output, audit_xlsx(reports), overwrite=args.timpa)
        except TargetExists:
            fail(f"{output} sudah ada; pakai --timpa untuk menimpanya.")
            return EXIT_FAILED
        except TargetIsFolder:
            fail(f"{output} adalah folder; tulis nama berkas .xlsx dengan --keluaran.")
            return EXIT_FAILED
        except OSError as exc:
            fail(describe_os_error(exc, output, "menulis"))
            return EXIT_FAILED
        say(f"Hasil audit ditulis ke {output}.")
    return EXIT_INVALID if any(not r.audited for r in reports) else EXIT_OK


def _refusal(output: Path, workbooks: Sequence[Path], overwrite: bool) -> str:
    """Why --keluaran cannot be written, or ""."""
    if output.suffix.lower() != ".xlsx":
        return f"Berkas keluaran {output.name} harus berakhiran .xlsx."
    if output.exists() and any(output.resolve() == w.resolve() for w in workbooks if w.exists()):
        return f"Berkas keluaran {output.name} adalah buku kerja yang diaudit; pilih nama lain."
    if output.exists() and not overwrite:
        return f"{output} sudah ada; pakai --timpa untuk menimpanya."
    return ""


def print_report(report: AuditReport) -> None:
    """One workbook: its findings by section, then its scores."""
    head = f"Audit {report.label}"
    if report.kecamatan:
        head += f": Kecamatan {report.kecamatan} tahun {report.year}"
    say(head)
    if not report.audited:
        for problem in report.problems:
            say(f"  GALAT {problem}")
        fail(f"{report.label}: {report.error}")
        return
    for section in SECTIONS:
        findings = report.findings_of(section.key)
        if findings:
            say(f"  {section.title}:")
            for finding in findings:
                say(f"    {finding}")
    table = Table(title=f"Nilai {report.label}", show_lines=False)
    for header in ("Bagian", "Terpenuhi", "Nilai"):
        table.add_column(header, overflow="fold")
    for section in SECTIONS:
        score = report.score(section.key)
        if score is None:
            continue
        table.add_row(Text(section.title), f"{score.passed} dari {score.total}", percent_text(score.percent))
    table.add_row(Text("Keseluruhan", style="bold"), "", Text(percent_text(report.overall), style="bold"))
    console.print(table)


def summary_table(reports: Sequence[AuditReport]) -> Table:
    """One row per workbook, one column per section (short headings), the overall score last."""
    table = Table(title="Ringkasan audit (-: tidak dinilai)", show_lines=False)
    table.add_column("Buku kerja", overflow="fold", min_width=12)
    for section in SECTIONS:
        table.add_column(section.short, justify="right")
    table.add_column("Nilai", justify="right")
    for report in reports:
        if not report.audited:
            cells = [Text("tidak sah", style="red")] + [Text("")] * len(SECTIONS)
        else:
            cells = [Text(_short(report.score(section.key))) for section in SECTIONS]
            cells.append(Text(whole_percent(report.overall), style="bold"))
        table.add_row(Text(Path(report.label).stem), *cells)
    return table


def _short(score: Score | None) -> str:
    return whole_percent(score.percent if score is not None else None)
