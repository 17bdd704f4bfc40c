"""Where the workspace keeps its data: a data folder, and a database in it or at a PostgreSQL URL.

``KEPUTUSAN_DATA`` names the data folder and ``KEPUTUSAN_DB_URL`` the database; both faces
(`keputusan layani`, `admin-baru`, `cadangan`, `pulihkan`) read them, and their options win.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..pipeline import PROJECT_DIR
from .errors import StorageError

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

DATA_ENV = "KEPUTUSAN_DATA"
DB_URL_ENV = "KEPUTUSAN_DB_URL"
DEFAULT_DATA = PROJECT_DIR / "data"
SQLITE_NAME = "ruang-kerja.sqlite3"


@dataclass(frozen=True)
class Config:
    data_dir: Path
    db_url: str = ""  # empty: SQLite in the data folder

    @classmethod
    def from_env(
        cls,
        environ: Mapping[str, str] | None = None,
        data_dir: Path | None = None,
        db_url: str | None = None,
    ) -> Config:
        """Options given win over the environment, which wins over the defaults."""
        environ = os.environ if environ is None else environ
        folder = data_dir or (Path(environ[DATA_ENV]) if environ.get(DATA_ENV, "").strip() else DEFAULT_DATA)
        url = db_url if db_url is not None else environ.get(DB_URL_ENV, "")
        return cls(Path(folder).expanduser(), url.strip())

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / SQLITE_NAME

    @property
    def url(self) -> URL:
        """The SQLAlchemy URL; a plain ``postgresql://`` one is driven by psycopg 3."""
        from sqlalchemy.engine import URL, make_url
        from sqlalchemy.exc import ArgumentError

        if not self.db_url:
            return URL.create("sqlite+pysqlite", database=str(self.sqlite_path))
        try:
            url = make_url(self.db_url)
        except ArgumentError as exc:
            raise StorageError(
                f"Alamat basis data {DB_URL_ENV} tidak dapat dibaca; contoh yang benar: "
                "postgresql://pengguna:sandi@localhost/keputusan."
            ) from exc
        if url.get_backend_name() == "postgresql":
            return url.set(drivername="postgresql+psycopg")
        if url.get_backend_name() == "sqlite":
            return url
        raise StorageError(
            f"Basis data {url.get_backend_name()} tidak didukung; pakai PostgreSQL "
            "(postgresql://...) atau kosongkan untuk SQLite di folder data."
        )

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def sqlite_file(self) -> Path:
        """The SQLite database file (the default one, or the one a sqlite:/// URL names)."""
        return Path(self.url.database or self.sqlite_path)

    def describe(self) -> str:
        """The database for a person, password hidden."""
        if not self.db_url:
            return f"SQLite {self.sqlite_path}"
        return self.url.render_as_string(hide_password=True)
