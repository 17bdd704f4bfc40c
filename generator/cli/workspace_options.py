"""The options every workspace command shares (`admin-baru`, `cadangan`, `pulihkan`, `layani`):
the data folder and the database URL, each also read from the environment."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..workspace.config import DATA_ENV, DB_URL_ENV, DEFAULT_DATA, Config


def add_workspace_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data",
        type=Path,
        default=None,
        metavar="FOLDER",
        help=f"folder data ruang kerja (bawaan: ${DATA_ENV}, atau {DEFAULT_DATA.name}/ di folder program)",
    )
    parser.add_argument(
        "--db",
        default=None,
        metavar="URL",
        help=f"basis data PostgreSQL, misalnya postgresql://pengguna@localhost/keputusan (bawaan: "
        f"${DB_URL_ENV}; kosong: SQLite di folder data)",
    )


def workspace_config(args: argparse.Namespace) -> Config:
    """Options given win over the environment, which wins over the defaults."""
    return Config.from_env(data_dir=args.data, db_url=args.db)
