"""A private PostgreSQL for the tests that run on it too (the workspace's and its web pages').

The server is started once per test session from Debian's binaries: initdb in a temp folder,
listening only on a unix socket in that folder (no TCP port is opened), run as the ``postgres`` user
when the tests run as root, stopped and removed at the end. Each test gets a new database on it.
Loaded for every test as a plugin (``pytest_plugins`` in tests/conftest.py).
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.workspace.config import Config

PG_ROOT = Path("/usr/lib/postgresql")
BACKENDS = ["sqlite", "postgresql"]


def pg_binaries() -> Path | None:
    found = sorted(
        (p.parent for p in PG_ROOT.glob("*/bin/initdb") if p.parent.parent.name.isdigit()),
        key=lambda p: int(p.parent.name),
    )
    if found:
        return found[-1]
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


@dataclass(frozen=True)
class PgServer:
    socket_dir: Path
    port: int
    user: str = "postgres"

    def url(self, database: str) -> str:
        return f"postgresql://{self.user}@/{database}?host={self.socket_dir}&port={self.port}"

    def admin_sql(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(self.url("postgres"), autocommit=True) as connection:
            connection.execute(statement)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    binaries = pg_binaries()
    if binaries is None:
        pytest.skip("PostgreSQL tidak terpasang (scripts/install-system.sh postgresql memasangnya)")
    # /tmp, not $TMPDIR: the postgres user must be able to reach the folder
    root = Path(tempfile.mkdtemp(prefix="keputusan-pg-", dir="/tmp" if os.geteuid() == 0 else None))
    as_user: list[str] = []
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(root, owner.pw_uid, owner.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    data, log = root / "data", root / "server.log"
    port = 54000 + os.getpid() % 1000

    def run(*command: str) -> None:
        done = subprocess.run([*as_user, *command], capture_output=True, text=True, timeout=120)
        if done.returncode != 0:
            log_text = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{command[0]} gagal: {done.stderr[-2000:]}\n{log_text}")

    run(str(binaries / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync")
    options = f"-k {root} -p {port} -c listen_addresses='' -c fsync=off -c full_page_writes=off"
    run(str(binaries / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(log), "-w", "start")
    try:
        yield PgServer(root, port)
    finally:
        run(str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)


_databases = itertools.count()
TEMPLATE = "uji_templat"


@pytest.fixture(scope="session")
def pg_template(pg_server: PgServer) -> str:
    """A database migrated to head once, copied for each test (faster than migrating each time)."""
    from generator.workspace.database import make_engine, upgrade

    pg_server.admin_sql(f'CREATE DATABASE "{TEMPLATE}"')
    engine = make_engine(Config(Path(tempfile.gettempdir()), pg_server.url(TEMPLATE)))
    try:
        upgrade(engine)
    finally:
        engine.dispose()
    return TEMPLATE


@pytest.fixture
def make_config(request: pytest.FixtureRequest, tmp_path: Path) -> Callable[..., Config]:
    """``make_config(backend, name, empty=False)``: a new data folder and, on PostgreSQL, a new
    database (migrated already unless ``empty``; the server and its databases go at the session's end)."""

    def make(backend: str, name: str = "data", *, empty: bool = False) -> Config:
        if backend == "sqlite":
            return Config(tmp_path / name)
        server: PgServer = request.getfixturevalue("pg_server")
        database = f"uji_{next(_databases)}"
        template = "template0" if empty else request.getfixturevalue("pg_template")
        server.admin_sql(f'CREATE DATABASE "{database}" TEMPLATE "{template}"')
        return Config(tmp_path / name, server.url(database))

    return make
