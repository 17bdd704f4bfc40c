"""The migrations are the schema: they build exactly the models' tables, and upgrading keeps rows."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select, text

from generator.workspace.database import current_revision, head_revision, make_engine, upgrade
from generator.workspace.errors import StorageError
from generator.workspace.models import Base, Kecamatan
from generator.workspace.space import Workspace


@pytest.fixture
def config(backend, make_config):
    """An empty database: these tests run the migrations themselves."""
    return make_config(backend, empty=True)


def test_migrations_build_exactly_the_models_schema(config):
    engine = make_engine(config)
    try:
        upgrade(engine)
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
            tables = set(inspect(connection).get_table_names())
        assert tables == {t.name for t in Base.metadata.sorted_tables} | {"alembic_version"}
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_opening_a_new_data_folder_migrates_it(config):
    with Workspace.open(config) as workspace:
        assert current_revision(workspace.engine) == head_revision()
    assert not config.is_sqlite or config.sqlite_file.is_file()


def test_upgrading_a_database_of_the_first_migration_keeps_its_rows(config):
    engine = make_engine(config)
    try:
        upgrade(engine, "0001")
        with engine.begin() as connection:
            connection.execute(
                text("INSERT INTO kecamatan (name, key, active, created_at) VALUES (:n, :k, :a, :c)"),
                {"n": "Sale", "k": "sale", "a": True, "c": dt.datetime(2026, 1, 2, tzinfo=dt.UTC)},
            )
    finally:
        engine.dispose()
    with Workspace.open(config) as workspace, workspace.begin() as session:
        assert current_revision(workspace.engine) == head_revision()
        kept = session.scalars(select(Kecamatan)).all()
        assert [(k.name, k.key, k.created_at) for k in kept] == [
            ("Sale", "sale", dt.datetime(2026, 1, 2, tzinfo=dt.UTC))
        ]


def test_a_database_of_a_newer_program_is_refused_untouched(config):
    with Workspace.open(config) as workspace, workspace.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StorageError, match="versi program yang lebih baru"):
        Workspace.open(config)
    engine = make_engine(config)
    try:
        assert current_revision(engine) == "9999"
    finally:
        engine.dispose()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(make_config):
    with Workspace.open(make_config("sqlite")) as workspace, workspace.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
