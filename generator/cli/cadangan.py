"""`keputusan cadangan`: one consistent backup of the workspace's database and files."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..workspace.errors import WorkspaceError
from .output import fail, say
from .registry import EXIT_FAILED, EXIT_OK, command
from .workspace_options import add_workspace_arguments, workspace_config

DEFAULT_FOLDER = Path("cadangan")


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "tujuan",
        nargs="?",
        type=Path,
        default=DEFAULT_FOLDER,
        metavar="TUJUAN",
        help=f"folder tempat cadangan ditulis, atau nama berkas .zip (bawaan: {DEFAULT_FOLDER}/)",
    )
    parser.add_argument(
        "--folder", action="store_true", help="tulis cadangan sebagai folder biasa, bukan satu berkas .zip"
    )
    add_workspace_arguments(parser)


def destination(target: Path, as_folder: bool) -> Path:
    """A .zip named by the person, or a new dated one inside the folder given."""
    from ..workspace.backup import default_name

    if target.suffix.lower() == ".zip" and not as_folder:
        return target
    return target / (default_name() + ("" if as_folder else ".zip"))


@command(
    "cadangan",
    "mencadangkan ruang kerja (basis data dan semua berkas, dengan manifes sidik) ke satu .zip",
    "keputusan cadangan\n  keputusan cadangan /media/cadangan --data /srv/keputusan\n"
    "  keputusan cadangan cadangan-senin.zip",
    _arguments,
)
def cmd_cadangan(args: argparse.Namespace) -> int:
    from ..workspace.backup import backup
    from ..workspace.space import Workspace

    try:
        config = workspace_config(args)
        if config.is_sqlite and not config.sqlite_file.exists():
            fail(f"Belum ada ruang kerja di {config.data_dir}; tidak ada yang dicadangkan.")
            return EXIT_FAILED
        with Workspace.open(config, migrate=False) as workspace:
            result = backup(workspace, destination(args.tujuan, args.folder), as_folder=args.folder)
    except WorkspaceError as exc:
        fail(str(exc))
        return EXIT_FAILED
    rows = sum(result.rows.values())
    say(
        f"Cadangan ditulis ke {result.path}: basis data {result.database} ({rows} baris), "
        f"{result.files} berkas, {result.size / (1 << 20):.1f} MB."
    )
    if result.problems:
        for problem in result.problems:
            fail(problem)
        fail(
            f"{len(result.problems)} berkas tidak ada di cadangan ini; pulihkan berkas itu dari "
            "cadangan lama."
        )
        return EXIT_FAILED
    say(f"Pulihkan dengan: keputusan pulihkan {result.path} --data FOLDER_KOSONG")
    return EXIT_OK
