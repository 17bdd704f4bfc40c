"""`keputusan periksa`: every problem of a workbook, without writing anything."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..pipeline import load_decree
from ..problems import WorkbookError
from .output import err_console, fail, print_problems, say
from .registry import EXIT_INVALID, EXIT_OK, command


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("buku_kerja", type=Path, metavar="BUKU_KERJA", help="buku kerja .xlsx")


@command(
    "periksa",
    "memeriksa buku kerja tanpa membuat dokumen",
    "keputusan periksa inputs/sale-2020.xlsx",
    _arguments,
)
def cmd_periksa(args: argparse.Namespace) -> int:
    try:
        decree, problems = load_decree(args.buku_kerja)
    except WorkbookError as exc:
        fail(str(exc))
        return EXIT_INVALID
    print_problems(problems)
    if decree is None:
        err_console.print(
            f"{len(problems.errors)} galat, {len(problems.warnings)} peringatan: perbaiki galat lalu "
            "periksa lagi."
        )
        return EXIT_INVALID
    say(
        f"Buku kerja {args.buku_kerja.name} sah ({len(problems.warnings)} peringatan): "
        f"Keputusan Camat {decree.office.kecamatan} tahun {decree.info.year}."
    )
    return EXIT_OK
