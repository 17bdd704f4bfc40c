"""Web fixtures: the app under FastAPI's TestClient, started with its worker processes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient

from generator.blank import write_blank
from generator.web.app import create_app
from generator.web.sessions import Sessions
from generator.workspace import passwords
from generator.workspace.accounts import create_admin
from generator.workspace.config import Config
from generator.workspace.space import start
from generator.workspace.years import open_year
from tests.postgres import BACKENDS, _databases
from tests.web.helpers import base_settings
from tests.web.ruang import PASSWORD, Clock, People, Ruang


@pytest.fixture
def make_client(tmp_path: Path) -> Iterator[Callable[..., TestClient]]:
    """``make_client(**settings)``: a started app (workers running) closed at the test's end."""
    with ExitStack() as stack:
        counter = iter(range(100))

        def make(**changes: object) -> TestClient:
            settings = base_settings(tmp_path / f"data-{next(counter)}", **changes)
            return stack.enter_context(TestClient(create_app(settings), raise_server_exceptions=False))

        yield make


@pytest.fixture(scope="module")
def shared_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """One app for the tests of a module that need no special settings."""
    folder = tmp_path_factory.mktemp("web-data")
    with TestClient(create_app(base_settings(folder)), raise_server_exceptions=False) as client:
        yield client


@pytest.fixture(scope="module", params=BACKENDS)
def ruang(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ruang]:
    """One app with a workspace per module and backend (SQLite, then PostgreSQL): an admin and the
    year 2020 open; each test makes its own kecamatan and operators (``people``), so no test sees
    another's logins, rate limits or passwords. Argon2 at its lowest cost: the tests check the rules."""
    folder = tmp_path_factory.mktemp("ruang")
    if request.param == "sqlite":
        config = Config(folder / "data")
    else:
        server = request.getfixturevalue("pg_server")
        template = request.getfixturevalue("pg_template")
        database = f"uji_web_{next(_databases)}"
        server.admin_sql(f'CREATE DATABASE "{database}" TEMPLATE "{template}"')
        config = Config(folder / "data", server.url(database))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(passwords, "hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
        workspace, _ = start(config)
        with workspace.begin() as db:
            admin = create_admin(db, "admin", PASSWORD, "Sri Lestari", "Kabupaten Rembang")
            open_year(db, workspace.files, admin, 2020)
            admin_id = admin.id
        clock = Clock()
        settings = base_settings(folder / "web")
        sessions = Sessions(settings.session_idle_minutes * 60, settings.session_hours * 3600, clock=clock)
        app = create_app(settings, workspace=workspace, sessions=sessions)
        with TestClient(app, raise_server_exceptions=False) as main:
            yield Ruang(app, main, clock, workspace, admin_id, request.param)


@pytest.fixture
def people(ruang: Ruang) -> People:
    """Two new kecamatan of this test, each with its operator."""
    return ruang.new_people()


@pytest.fixture
def workbook_bytes(rows, tmp_path: Path) -> Callable[..., bytes]:
    """``workbook_bytes(kecamatan, change=None)``: a small valid workbook of that kecamatan (2020)."""
    counter = iter(range(1000))

    def make(kecamatan: str, change: Callable[[dict], None] | None = None) -> bytes:
        data = {k: [dict(r) for r in v] for k, v in rows.items()}
        data["office"][0]["kecamatan"] = kecamatan
        if change is not None:
            change(data)
        path = tmp_path / f"unggah-{next(counter)}.xlsx"
        write_blank(path, data)
        return path.read_bytes()

    return make
