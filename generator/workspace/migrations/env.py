"""Alembic's entry: migrations run on the connection the workspace hands over (see database.upgrade)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from generator.workspace.models import Base

target_metadata = Base.metadata


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_engine(context.config.get_main_option("sqlalchemy.url"))
    with engine.begin() as connection:
        _run(connection)


if context.is_offline_mode():
    raise SystemExit("Migrasi ruang kerja hanya dijalankan pada basis data yang tersambung.")
run_migrations_online()
