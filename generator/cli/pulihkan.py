"""`keputusan pulihkan`: restore a backup made by `keputusan cadangan` into an empty data folder."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..workspace.errors import WorkspaceError
from .output import fail, say
from .registry import EXIT_FAILED, EXIT_INVALID, EXIT_OK, command
from .workspace_options import add_workspace_arguments, workspace_config


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("cadangan", type=Path, metavar="CADANGAN", help="berkas .zip atau folder cadangan")
    parser.add_argument(
        "--timpa",
        action="store_true",
        help="pulihkan walaupun folder data tidak kosong (isi lamanya dicadangkan dahulu di sampingnya)",
    )
    parser.add_argument(
        "--periksa-saja",
        action="store_true",
        help="hanya periksa cadangan terhadap manifesnya, tanpa memulihkan apa pun",
    )
    add_workspace_arguments(parser)


@command(
    "pulihkan",
    "memulihkan ruang kerja dari cadangan ke folder data yang kosong (setiap sidik berkas diperiksa)",
    "keputusan pulihkan cadangan/keputusan-cadangan-20270105-093000.zip --data /srv/keputusan\n"
    "  keputusan pulihkan cadangan-senin.zip --periksa-saja",
    _arguments,
)
def cmd_pulihkan(args: argparse.Namespace) -> int:
    from ..workspace.backup import restore, verify_backup

    try:
        if args.periksa_saja:
            manifest = verify_backup(args.cadangan)
            say(
                f"Cadangan {args.cadangan} utuh: basis data {manifest['database']['kind']}, "
                f"{len(manifest['files'])} berkas, dibuat {manifest['created_at']}."
            )
            return EXIT_OK
        result = restore(workspace_config(args), args.cadangan, overwrite=args.timpa)
    except WorkspaceError as exc:
        fail(str(exc))
        return EXIT_INVALID
    if result.previous is not None:
        say(f"Isi lama folder data dicadangkan dahulu ke {result.previous}.")
    say(
        f"Ruang kerja dipulihkan ke {result.data_dir}: basis data {result.database} "
        f"({sum(result.rows.values())} baris), {result.files} berkas, semua sidik cocok."
    )
    for sentence in result.consistency.sentences():
        fail(sentence)
    return EXIT_OK if result.consistency.ok else EXIT_FAILED
