"""`keputusan banding`: what changed between two workbooks, on screen and as .md or .xlsx."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from ..atomic import TargetExists, TargetIsFolder
from ..compare import OUTPUT_SUFFIXES, compare, describe, format_text, write_report
from ..failures import describe_os_error
from ..model import Decree
from ..pipeline import load_decree
from ..problems import WorkbookError
from .output import clean, console, fail, print_problems, say
from .registry import EXIT_FAILED, EXIT_INVALID, EXIT_OK, command


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("lama", type=Path, metavar="LAMA", help="buku kerja .xlsx yang lama")
    parser.add_argument("baru", type=Path, metavar="BARU", help="buku kerja .xlsx yang baru")
    parser.add_argument(
        "--keluaran",
        type=Path,
        default=None,
        metavar="BERKAS.md|BERKAS.xlsx",
        help="tulis juga perbandingan ke berkas Markdown (.md) atau Excel (.xlsx) untuk lampiran memo",
    )
    parser.add_argument("--timpa", action="store_true", help="timpa berkas --keluaran yang sudah ada")


def _load(path: Path) -> Decree | None:
    """The decree of one workbook, or None after printing why it cannot be compared."""
    try:
        decree, problems = load_decree(path)
    except WorkbookError as exc:
        fail(str(exc))
        return None
    if decree is None:
        print_problems(problems, source=path.name)
        fail(
            f"Buku kerja {path.name} memuat {len(problems.errors)} galat; perbaiki dahulu lalu "
            "bandingkan lagi."
        )
    return decree


@command(
    "banding",
    "membandingkan dua buku kerja dan menampilkan perubahannya per bagian",
    "keputusan banding inputs/sale-2020.xlsx inputs/sale-2021.xlsx\n"
    "  keputusan banding inputs/sale-2020.xlsx inputs/sale-2021.xlsx --keluaran perubahan.md --timpa",
    _arguments,
)
def cmd_banding(args: argparse.Namespace) -> int:
    """Print the changes and, with --keluaran, write them to a file."""
    output: Path | None = args.keluaran
    if output is not None:
        if output.suffix.lower() not in OUTPUT_SUFFIXES:
            fail(f"Berkas keluaran {output.name} harus berakhiran .md atau .xlsx.")
            return EXIT_INVALID
        if any(output.exists() and output.resolve() == p.resolve() for p in (args.lama, args.baru)):
            fail(f"Berkas keluaran {output.name} adalah buku kerja yang dibandingkan; pilih nama lain.")
            return EXIT_INVALID
        if output.is_dir():
            fail(str(TargetIsFolder(output)))
            return EXIT_INVALID
        if os.path.lexists(output) and not args.timpa:
            fail(str(TargetExists(output)))
            return EXIT_FAILED
    old, new = _load(args.lama), _load(args.baru)
    if old is None or new is None:
        return EXIT_INVALID
    comparison = compare(old, new)
    old_label, new_label = describe(args.lama.name, old), describe(args.baru.name, new)
    console.out(clean(format_text(comparison, old_label, new_label)), highlight=False, end="")
    if output is not None:
        try:
            write_report(output, comparison, old_label, new_label, overwrite=args.timpa)
        except (TargetExists, TargetIsFolder) as exc:
            fail(str(exc))
            return EXIT_FAILED
        except OSError as exc:
            fail(describe_os_error(exc, output, "menulis"))
            return EXIT_FAILED
        say(f"Perbandingan ditulis ke {output}.")
    return EXIT_OK
