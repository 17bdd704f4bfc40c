"""`keputusan isian`: the blank workbook staff fill."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..atomic import TargetExists, TargetIsFolder
from ..blank import write_blank
from ..failures import describe_os_error
from .output import fail, say
from .registry import EXIT_FAILED, EXIT_OK, command


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("berkas", type=Path, metavar="BERKAS.xlsx", help="buku kerja kosong yang dibuat")
    parser.add_argument("--timpa", action="store_true", help="timpa berkas yang sudah ada")


@command(
    "isian",
    "membuat buku kerja kosong untuk diisi staf",
    "keputusan isian isian-kosong.xlsx\n  keputusan isian isian-kosong.xlsx --timpa",
    _arguments,
)
def cmd_isian(args: argparse.Namespace) -> int:
    try:
        write_blank(args.berkas, overwrite=args.timpa)
    except (TargetExists, TargetIsFolder) as exc:
        fail(str(exc))
        return EXIT_FAILED
    except OSError as exc:
        fail(describe_os_error(exc, args.berkas, "menulis"))
        return EXIT_FAILED
    say(f"Buku kerja kosong ditulis ke {args.berkas}.")
    return EXIT_OK
