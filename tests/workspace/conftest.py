"""Workspace fixtures: the same tests on SQLite and, when it is installed, on a private PostgreSQL
(the server and ``make_config`` are in tests/postgres.py, shared with the web's workspace tests)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from generator.blank import write_blank
from generator.workspace import passwords
from generator.workspace.accounts import create_account, create_admin, create_kecamatan
from generator.workspace.config import Config
from generator.workspace.models import Account, Kecamatan, Role
from generator.workspace.space import Workspace
from generator.workspace.years import open_year
from tests.postgres import BACKENDS
from tests.workspace.helpers import PASSWORD


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def config(backend: str, make_config: Callable[[str, str], Config]) -> Config:
    return make_config(backend, "data")


@pytest.fixture
def ws(config: Config) -> Iterator[Workspace]:
    with Workspace.open(config) as workspace:
        yield workspace


@pytest.fixture
def session(ws: Workspace):
    with ws.begin() as session:
        yield session


@pytest.fixture(autouse=True)
def quick_hashes(monkeypatch: pytest.MonkeyPatch) -> PasswordHasher:
    """Argon2 at its lowest cost: the tests check the rules, not the hash's strength."""
    cheap = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    monkeypatch.setattr(passwords, "hasher", cheap)
    return cheap


@dataclass
class World:
    """An admin, two kecamatan with an operator each, and the year 2020 open."""

    admin: Account
    sale: Kecamatan
    pamotan: Kecamatan
    op_sale: Account
    op_pamotan: Account


@pytest.fixture
def world(session, ws: Workspace) -> World:
    admin = create_admin(session, "admin", PASSWORD, "Sri Lestari", "Kabupaten Rembang")
    sale = create_kecamatan(session, admin, "Sale")
    pamotan = create_kecamatan(session, admin, "Pamotan")
    op_sale = create_account(session, admin, "operator.sale", PASSWORD, Role.OPERATOR, sale.id, "Budi")
    op_pamotan = create_account(session, admin, "operator.pamotan", PASSWORD, Role.OPERATOR, pamotan.id)
    open_year(session, ws.files, admin, 2020)
    return World(admin, sale, pamotan, op_sale, op_pamotan)


@pytest.fixture
def workbook_bytes(rows, tmp_path: Path) -> Callable[..., bytes]:
    """``workbook_bytes(kecamatan="Sale", change=None)``: a small valid workbook of that kecamatan."""
    counter = itertools.count()

    def make(kecamatan: str = "Sale", change: Callable[[dict], None] | None = None) -> bytes:
        data = {k: [dict(r) for r in v] for k, v in rows.items()}
        data["office"][0]["kecamatan"] = kecamatan
        if change is not None:
            change(data)
        path = tmp_path / f"unggah-{next(counter)}.xlsx"
        write_blank(path, data)
        return path.read_bytes()

    return make
