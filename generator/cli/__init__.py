"""The `keputusan` command: a thin face over the pipeline, one module per command.

Every command registers itself with :func:`command` (``registry.py``); its help is in Indonesian and
always ends with an example. Modules here only parse arguments, call the core and print.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from ..failures import describe_crash, describe_os_error, trace_text

# Importing a command module registers its command; the order here is the order in --help.
from . import (  # noqa: E402, F401, I001
    admin_baru,
    audit,
    banding,
    buat,
    cadangan,
    impor,
    isian,
    layani,
    periksa,
    pulihkan,
    tahun_baru,
    templat,
)
from .output import err_console, fail, show_trace
from .registry import COMMANDS, EXIT_FAILED, EXIT_INVALID, EXIT_OK, Parser, command

__all__ = ["COMMANDS", "EXIT_FAILED", "EXIT_INVALID", "EXIT_OK", "build_parser", "command", "main"]


def build_parser() -> Parser:
    parser = Parser(
        prog="keputusan",
        description="Membuat Keputusan Camat tentang Peta Proses Bisnis (dengan Lampirannya) dari "
        "buku kerja Excel.",
        epilog="Bantuan tiap perintah: keputusan PERINTAH --help",
    )
    sub = parser.add_subparsers(dest="perintah", metavar="PERINTAH", title="perintah", parser_class=Parser)
    for name, spec in COMMANDS.items():
        child = sub.add_parser(
            name,
            help=spec.summary,
            description=spec.summary[0].upper() + spec.summary[1:] + ".",
            epilog=f"Contoh:\n  {spec.example}",
        )
        spec.arguments(child)
        child.set_defaults(func=spec.run)
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
    except OSError as exc:  # the system refused (no room, no permission, ...): one sentence
        fail(describe_os_error(exc, None, "memakai"))
        show_trace(trace_text(exc))
        return EXIT_FAILED
    except Exception as exc:  # a bug: say so, and how to report it, never the English text
        fail(describe_crash(exc, f"perintah {args.perintah}"))
        show_trace(trace_text(exc))
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
