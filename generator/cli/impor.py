"""`keputusan impor`: last year's decree, typed by hand in Word, into a workbook of the contract."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..atomic import TargetExists, TargetIsFolder, write_new
from ..failures import describe_os_error
from ..importer import ImportFailed, import_decree
from ..pipeline import load_decree
from ..problems import WorkbookError
from ..writer import atomic_write
from .output import fail, print_problems, say
from .registry import EXIT_FAILED, EXIT_INVALID, EXIT_OK, command


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "dokumen", type=Path, metavar="KEPUTUSAN.docx", help="keputusan camat dalam Word (.docx; .doc diubah "
        "lewat LibreOffice bila terpasang)"
    )  # fmt: skip
    parser.add_argument(
        "-o",
        "--keluaran",
        type=Path,
        default=None,
        metavar="BUKU_KERJA.xlsx",
        help="buku kerja yang ditulis (bawaan: nama dokumen dengan akhiran .xlsx, di folder dokumen)",
    )
    parser.add_argument("--timpa", action="store_true", help="timpa buku kerja yang sudah ada")


@command(
    "impor",
    "membuat buku kerja dari keputusan tahun lalu yang diketik di Word",
    "keputusan impor keputusan-2023.docx -o inputs/sale-2024.xlsx",
    _arguments,
)
def cmd_impor(args: argparse.Namespace) -> int:
    target: Path = args.keluaran or args.dokumen.with_suffix(".xlsx")
    if target.suffix.lower() != ".xlsx":
        fail(f"{target.name}: buku kerja harus berakhiran .xlsx.")
        return EXIT_FAILED
    if target.exists() and not args.timpa:
        fail(f"{target} sudah ada; pakai --timpa untuk menimpanya.")
        return EXIT_FAILED
    try:
        result = import_decree(args.dokumen, logo_stem=f"{target.stem}-lambang")
    except ImportFailed as exc:
        fail(str(exc))
        return EXIT_FAILED
    logo = target.parent / result.logo.name if result.logo else None
    if logo is not None and logo.exists() and not args.timpa and logo.read_bytes() != result.logo.data:
        fail(f"{logo} sudah ada dan berbeda dengan lambang di kop dokumen; pakai --timpa untuk menimpanya.")
        return EXIT_FAILED
    writing = logo or target
    try:
        if logo is not None:
            atomic_write(logo, result.logo.data)
        writing = target
        write_new(target, result.workbook, overwrite=args.timpa)  # never over a file made meanwhile
    except (TargetExists, TargetIsFolder) as exc:
        fail(str(exc))
        return EXIT_FAILED
    except OSError as exc:
        fail(describe_os_error(exc, writing))
        return EXIT_FAILED
    say(f"Buku kerja ditulis ke {target}.")
    if logo is not None:
        say(f"Lambang pada kop disimpan ke {logo} dan disebut di lembar Kantor.")
    if result.unplaced:
        say(f"{len(result.unplaced)} paragraf tidak ditempatkan (juga tercatat di lembar Petunjuk):")
        for item in result.unplaced:
            say(f"  {item}")
    else:
        say("Semua paragraf dokumen ditempatkan.")
    if result.warnings:
        say(f"{len(result.warnings)} isian diisi dengan dugaan (juga tercatat di lembar Petunjuk); periksa:")
        for warning in result.warnings:
            say(f"  {warning}")
    return _check(target)


def _check(target: Path) -> int:
    """What `keputusan periksa` would say about the new workbook."""
    try:
        decree, problems = load_decree(target)
    except WorkbookError as exc:
        fail(str(exc))
        return EXIT_FAILED
    if decree is None:
        print_problems(problems, target.name)
        fail(f"{len(problems.errors)} galat: lengkapi buku kerja, lalu jalankan keputusan periksa {target}.")
        return EXIT_INVALID
    say(f"Buku kerja sah menurut keputusan periksa; lanjutkan dengan: keputusan buat {target}")
    return EXIT_OK
