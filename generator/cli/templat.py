"""`keputusan periksa-templat`: vet a kabupaten's own Word template before use."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..template_check import check_template
from .output import WARNING, err_console, fail, say
from .registry import EXIT_INVALID, EXIT_OK, command


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("templat", type=Path, metavar="BERKAS.docx", help="templat Word yang diperiksa")


@command(
    "periksa-templat",
    "memeriksa templat Word sendiri (isi arsip, tag Jinja, nama isian, hubungan luar) sebelum dipakai",
    "keputusan periksa-templat templat-kabupaten.docx",
    _arguments,
)
def cmd_periksa_templat(args: argparse.Namespace) -> int:
    report = check_template(args.templat)
    for error in report.errors:
        fail(error)
    for removed in report.removed:
        err_console.print(WARNING, end=" ")
        say(removed, stderr=True)
    if report.links:
        say("Informasi: tautan dalam teks dibiarkan (hanya dibuka bila diklik): " + ", ".join(report.links))
    if report.unused:
        say("Informasi: nilai yang disediakan tetapi tidak dipakai templat: " + ", ".join(report.unused))
    if not report.ok:
        return EXIT_INVALID
    say(f"Templat {args.templat.name} dapat dipakai ({len(report.used)} nama isian).")
    return EXIT_OK
