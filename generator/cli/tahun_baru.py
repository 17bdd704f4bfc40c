"""`keputusan tahun-baru`: next year's workbook from last year's."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..yearly import YearlyError, next_year_workbook
from .output import fail, print_problems, say
from .registry import EXIT_FAILED, EXIT_INVALID, EXIT_OK, command


def _year(text: str) -> int:
    if not text.strip().isdigit() or len(text.strip()) != 4:
        raise argparse.ArgumentTypeError(f'"{text}" bukan tahun empat angka, misalnya 2021.')
    return int(text)


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("buku_kerja", type=Path, metavar="BUKU_KERJA", help="buku kerja .xlsx tahun lalu")
    parser.add_argument("tahun", type=_year, metavar="TAHUN", help="tahun keputusan yang baru, misalnya 2021")
    parser.add_argument(
        "-o",
        "--keluaran",
        type=Path,
        default=None,
        metavar="BERKAS.xlsx",
        help="buku kerja baru (bawaan: <kecamatan>-<tahun>.xlsx di folder buku kerja sumber)",
    )
    parser.add_argument("--timpa", action="store_true", help="timpa buku kerja tujuan yang sudah ada")


@command(
    "tahun-baru",
    "membuat buku kerja tahun berikutnya dari buku kerja tahun lalu",
    "keputusan tahun-baru inputs/sale-2020.xlsx 2021\n"
    "  keputusan tahun-baru inputs/sale-2020.xlsx 2021 -o inputs/sale-2021-draf.xlsx --timpa",
    _arguments,
)
def cmd_tahun_baru(args: argparse.Namespace) -> int:
    """Write next year's workbook and say what changed."""
    try:
        result = next_year_workbook(args.buku_kerja, args.tahun, args.keluaran, overwrite=args.timpa)
    except YearlyError as exc:
        if exc.problems is not None:
            print_problems(exc.problems)
        fail(str(exc))
        return EXIT_INVALID if exc.invalid else EXIT_FAILED
    lines = [
        f"Buku kerja tahun {result.new_year} ditulis ke {result.target}.",
        f"Tahun {result.old_year} menjadi {result.new_year}; Nomor (labelnya tetap) dan Tanggal Penetapan "
        "dikosongkan untuk keputusan baru.",
        *(f'{c.where}: "{c.old}" menjadi "{c.new}"' for c in result.changes),
        *(
            f"{where}: masih menyebut {result.old_year} (tahun peraturan atau periode?); periksa sendiri."
            for where in result.to_check
        ),
        *result.notes,
        f"Isian lain disalin apa adanya; periksa teks yang masih menyebut tahun {result.old_year}, "
        f"lalu jalankan: keputusan periksa {result.target}",
    ]
    for line in lines:
        say(line)
    return EXIT_OK
