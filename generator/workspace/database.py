"""The database engine and its schema, brought to the newest migration whenever the workspace opens."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from .config import Config
from .errors import StorageError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_MS = 30_000


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """WAL (readers never wait for the writer), foreign keys enforced, a full fsync at each commit."""
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_MS}")
    finally:
        cursor.close()


def make_engine(config: Config) -> Engine:
    url = config.url
    if url.get_backend_name() == "sqlite":
        Path(config.sqlite_file).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": BUSY_MS / 1000})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def alembic_config() -> AlembicConfig:
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run the migrations up to ``revision`` in one transaction; a database of a newer program is refused."""
    script = ScriptDirectory.from_config(alembic_config())
    try:
        found = current_revision(engine)
    except OperationalError as exc:
        raise StorageError(_unreachable(engine, exc)) from exc
    if found is not None and found not in {s.revision for s in script.walk_revisions()}:
        raise StorageError(
            f"Basis data dibuat oleh versi program yang lebih baru (revisi {found}); perbarui program "
            "ini dahulu, basis datanya tidak diubah."
        )
    config = alembic_config()
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    except SQLAlchemyError as exc:
        raise StorageError(
            f"Basis data tidak dapat diperbarui ke skema terbaru ({type(exc).__name__}); tidak ada yang "
            "diubah. Periksa basis datanya, atau pulihkan cadangan terakhir."
        ) from exc


def _unreachable(engine: Engine, exc: OperationalError) -> str:
    where = engine.url.render_as_string(hide_password=True)
    reason = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
    return f"Basis data {where} tidak dapat dibuka ({reason}); periksa alamat dan izinnya."
