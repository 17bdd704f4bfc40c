"""`keputusan isian`: the blank workbook staff fill."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..blank import write_blank
from .output import fail, say
from .registry import EXIT_FAILED, EXIT_OK, command


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("berkas", type=Path, metavar="BERKAS.xlsx", help="buku kerja kosong yang dibuat")
    parser.add_argument("--timpa", action="store_true", help="timpa berkas yang sudah ada")


@command(
    "isian",
    "membuat buku kerja kosong untuk diisi staf",
    "keputusan isian isian-kosong.xlsx",
    _arguments,
)
def cmd_isian(args: argparse.Namespace) -> int:
    if args.berkas.exists() and not args.timpa:
        fail(f"{args.berkas} sudah ada; pakai --timpa untuk menimpanya.")
        return EXIT_FAILED
    write_blank(args.berkas)
    say(f"Buku kerja kosong ditulis ke {args.berkas}.")
    return EXIT_OK
