"""The workspace's web pages under test: an app with a workspace (SQLite or PostgreSQL), its accounts,
and one TestClient per person, each with its own cookies."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from fastapi import FastAPI
from fastapi.testclient import TestClient

from generator.workspace.accounts import create_account, create_kecamatan
from generator.workspace.models import Account, Role
from generator.workspace.space import Workspace
from tests.web.helpers import XLSX, text_of, wait_done

PASSWORD = "Kopi-Tubruk-Sore-9"


class Clock:
    """A clock a test moves forward (session expiry without waiting)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@dataclass(frozen=True)
class People:
    """Two kecamatan of one test ("Uji 3 A", "Uji 3 B") and their operators ("op3a", "op3b")."""

    a: int  # kecamatan ids
    b: int
    a_name: str
    b_name: str
    op_a: str  # user names
    op_b: str
    op_a_id: int
    op_b_id: int


@dataclass
class Ruang:
    app: FastAPI
    main: TestClient  # the one that runs the app's lifespan
    clock: Clock
    workspace: Workspace
    admin_id: int
    backend: str
    counter: itertools.count = field(default_factory=itertools.count)

    def new_people(self) -> People:
        n = next(self.counter)
        with self.workspace.begin() as db:
            admin = db.get(Account, self.admin_id)
            a = create_kecamatan(db, admin, f"Uji {n} A")
            b = create_kecamatan(db, admin, f"Uji {n} B")
            op_a = create_account(db, admin, f"op{n}a", PASSWORD, Role.OPERATOR, a.id, f"Operator {n} A")
            op_b = create_account(db, admin, f"op{n}b", PASSWORD, Role.OPERATOR, b.id)
            return People(a.id, b.id, a.name, b.name, op_a.username, op_b.username, op_a.id, op_b.id)

    def client(self) -> TestClient:
        """A new browser: no cookies yet (the app already runs, started by ``main``)."""
        return TestClient(self.app, raise_server_exceptions=False)

    def login(self, username: str, password: str = PASSWORD) -> TestClient:
        browser = self.client()
        answer = login(browser, username, password)
        assert answer.status_code == 303, text_of(answer.text)
        return browser


def form_token(page: str, action: str = "") -> str:
    """The CSRF token of the page's first form (of the form posting to ``action``, when given)."""
    if action:
        page = page[page.index(f'action="{action}"') :]
    found = re.search(r'name="csrf" value="([^"]*)"', page)
    assert found, "formulir tanpa token CSRF"
    return found.group(1)


def login(browser: TestClient, username: str, password: str, **extra: str):
    page = browser.get("/masuk")
    assert page.status_code == 200
    token = form_token(page.text, "/masuk")
    data = {"csrf": token, "nama_pengguna": username, "kata_sandi": password, **extra}
    return browser.post("/masuk", data=data, follow_redirects=False)


def post(browser: TestClient, url: str, data: dict[str, str] | None = None, token_from: str = "/sandi"):
    """A form post with the session's CSRF token (read from any page the account may open)."""
    token = form_token(browser.get(token_from).text)
    return browser.post(url, data={"csrf": token, **(data or {})}, follow_redirects=False)


def upload(browser: TestClient, kecamatan: int, year: int, name: str, data: bytes, token: str | None = None):
    if token is None:
        token = form_token(browser.get("/sandi").text)
    return browser.post(
        f"/ruang/kecamatan/{kecamatan}/{year}/unggah",
        data={"csrf": token},
        files={"buku_kerja": (name, data, XLSX)},
        follow_redirects=False,
    )


def finished(browser: TestClient, answer, seconds: float = 180) -> tuple[str, str]:
    """(job URL, its page once done) after a post that started a job."""
    assert answer.status_code == 303, text_of(answer.text)
    url = answer.headers["location"]
    assert url.startswith("/ruang/pekerjaan/"), url
    return url, wait_done(browser, url, seconds)
