"""The `keputusan` command: every subcommand with Indonesian help and an example."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from rich.console import Console

from .pipeline import DEFAULT_INPUTS, DEFAULT_OUTPUTS, DEFAULT_TEMPLATE, load_decree
from .problems import Problems, WorkbookError

EXIT_OK, EXIT_FAILED, EXIT_INVALID = 0, 1, 2

console = Console(stderr=False, highlight=False)
err_console = Console(stderr=True, highlight=False)


class Parser(argparse.ArgumentParser):
    """argparse speaking Bahasa Indonesia, including its error messages."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("add_help", False)
        kwargs.setdefault("formatter_class", Formatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumen"
        self._optionals.title = "pilihan"
        self.add_argument("-h", "--help", action="help", help="tampilkan bantuan ini lalu keluar")

    def error(self, message: str) -> None:  # type: ignore[override]
        message = (
            message.replace("the following arguments are required", "argumen berikut wajib diisi")
            .replace("unrecognized arguments", "argumen tidak dikenal")
            .replace("invalid choice", "pilihan tidak dikenal")
            .replace("expected one argument", "memerlukan satu nilai")
            .replace("argument ", "argumen ")
        )
        self.print_usage(sys.stderr)
        self.exit(EXIT_INVALID, f"{self.prog}: galat: {message}\n")


class Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:  # type: ignore[override]
        super().add_usage(usage, actions, groups, "Penggunaan: " if prefix is None else prefix)


Command = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, tuple[str, str, Callable[[argparse.ArgumentParser], None], Command]] = {}


def command(name: str, summary: str, example: str):
    """Register a subcommand; its help always ends with an example."""

    def register(func: Command) -> Command:
        def arguments(parser: argparse.ArgumentParser) -> None:
            setup = getattr(func, "arguments", None)
            if setup:
                setup(parser)

        COMMANDS[name] = (summary, example, arguments, func)
        return func

    return register


def print_problems(problems: Problems, source: str = "") -> None:
    """Errors first, then warnings, each with sheet!cell."""
    head = f"{source}: " if source else ""
    for problem in problems.errors:
        err_console.print(f"[bold red]GALAT[/] {head}{problem}", markup=True, soft_wrap=True)
    for problem in problems.warnings:
        err_console.print(f"[yellow]PERINGATAN[/] {head}{problem}", markup=True, soft_wrap=True)


# --- buat ------------------------------------------------------------------------------------------


def _buat_args(parser: argparse.ArgumentParser) -> None:
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
)
def cmd_buat(args: argparse.Namespace) -> int:
    from .batch import run_batch
    from .pipeline import Options

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


cmd_buat.arguments = _buat_args  # type: ignore[attr-defined]


# --- periksa ---------------------------------------------------------------------------------------


def _periksa_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("buku_kerja", type=Path, metavar="BUKU_KERJA", help="buku kerja .xlsx")


@command(
    "periksa",
    "memeriksa buku kerja tanpa membuat dokumen",
    "keputusan periksa inputs/sale-2020.xlsx",
)
def cmd_periksa(args: argparse.Namespace) -> int:
    try:
        decree, problems = load_decree(args.buku_kerja)
    except WorkbookError as exc:
        err_console.print(f"[bold red]GALAT[/] {exc}")
        return EXIT_INVALID
    print_problems(problems)
    if decree is None:
        err_console.print(
            f"{len(problems.errors)} galat, {len(problems.warnings)} peringatan: perbaiki galat lalu "
            "periksa lagi."
        )
        return EXIT_INVALID
    console.print(
        f"Buku kerja {args.buku_kerja.name} sah ({len(problems.warnings)} peringatan): "
        f"Keputusan Camat {decree.office.kecamatan} tahun {decree.info.year}."
    )
    return EXIT_OK


cmd_periksa.arguments = _periksa_args  # type: ignore[attr-defined]


# --- isian -----------------------------------------------------------------------------------------


def _isian_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("berkas", type=Path, metavar="BERKAS.xlsx", help="buku kerja kosong yang dibuat")
    parser.add_argument("--timpa", action="store_true", help="timpa berkas yang sudah ada")


@command("isian", "membuat buku kerja kosong untuk diisi staf", "keputusan isian isian-kosong.xlsx")
def cmd_isian(args: argparse.Namespace) -> int:
    from .blank import write_blank

    if args.berkas.exists() and not args.timpa:
        err_console.print(f"{args.berkas} sudah ada; pakai --timpa untuk menimpanya.")
        return EXIT_FAILED
    write_blank(args.berkas)
    console.print(f"Buku kerja kosong ditulis ke {args.berkas}.")
    return EXIT_OK


cmd_isian.arguments = _isian_args  # type: ignore[attr-defined]


# --- periksa-templat -------------------------------------------------------------------------------


def _periksa_templat_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("templat", type=Path, metavar="BERKAS.docx", help="templat Word yang diperiksa")


@command(
    "periksa-templat",
    "memeriksa templat Word sendiri (tag Jinja dan nama isian) sebelum dipakai",
    "keputusan periksa-templat templat-kabupaten.docx",
)
def cmd_periksa_templat(args: argparse.Namespace) -> int:
    from .template_check import check_template

    report = check_template(args.templat)
    for error in report.errors:
        err_console.print(f"[bold red]GALAT[/] {error}", soft_wrap=True)
    if report.unused:
        console.print(
            "Informasi: nilai yang disediakan tetapi tidak dipakai templat: " + ", ".join(report.unused)
        )
    if not report.ok:
        return EXIT_INVALID
    console.print(f"Templat {args.templat.name} dapat dipakai ({len(report.used)} nama isian).")
    return EXIT_OK


cmd_periksa_templat.arguments = _periksa_templat_args  # type: ignore[attr-defined]


# --- parser ----------------------------------------------------------------------------------------


def build_parser() -> Parser:
    from . import compare, yearly  # noqa: F401  (their commands register themselves)

    parser = Parser(
        prog="keputusan",
        description="Membuat Keputusan Camat tentang Peta Proses Bisnis (dengan Lampirannya) dari "
        "buku kerja Excel.",
        epilog="Bantuan tiap perintah: keputusan PERINTAH --help",
    )
    sub = parser.add_subparsers(dest="perintah", metavar="PERINTAH", title="perintah", parser_class=Parser)
    for name, (summary, example, arguments, func) in COMMANDS.items():
        child = sub.add_parser(
            name,
            help=summary,
            description=summary[0].upper() + summary[1:] + ".",
            epilog=f"Contoh:\n  {example}",
        )
        arguments(child)
        child.set_defaults(func=func)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return EXIT_INVALID
    try:
        return args.func(args)
    except KeyboardInterrupt:
        err_console.print("Dihentikan.")
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
