"""Akun and Kecamatan: the admin gives each kecamatan an operator, switches accounts off, resets
passwords, registers the kecamatan and names the office."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import func, select
from starlette.concurrency import run_in_threadpool

from ...workspace.access import list_kecamatan_for
from ...workspace.accounts import (
    create_account,
    create_kecamatan,
    list_accounts,
    office_name,
    reset_password,
    set_active,
    set_office,
)
from ...workspace.errors import NotFound, WorkspaceError
from ...workspace.models import Account, Role, Version
from ..auth import Login, acting, address, check_csrf, get_sessions, small_form
from ..ruang_pages import render_ruang
from .ruang import number

router = APIRouter()
NAV = None
MISMATCH = "Kedua kata sandi tidak sama; ketik ulang keduanya."


def _accounts_page(
    request: Request, db, account, *, message: str = "", notice: str = "", typed=None, status: int = 200
) -> HTMLResponse:
    return render_ruang(
        request,
        "ruang_akun.html",
        account,
        "akun",
        {
            "title": "Akun",
            "accounts": list_accounts(db, account),
            "kecamatan_list": list_kecamatan_for(db, account),
            "message": message,
            "notice": notice,
            "typed": typed or {},
        },
        status=status,
    )


@router.get("/ruang/akun", name="akun_daftar", response_class=HTMLResponse)
def accounts(request: Request, login: Login, dibuat: str = "") -> HTMLResponse:
    with acting(request, login, admin=True) as (db, account):
        notice = (
            f"Akun {dibuat[:64]} sudah dibuat; berikan nama pengguna dan kata sandinya kepada pemiliknya."
            if dibuat
            else ""
        )
        return _accounts_page(request, db, account, notice=notice)


@router.post("/ruang/akun", name="akun_buat")
async def create(request: Request, login: Login) -> Response:
    fields = await small_form(request)
    check_csrf(request, login, fields)
    return await run_in_threadpool(_create, request, login, fields)


def _create(request: Request, login, fields: dict[str, str]) -> Response:
    typed = {k: fields.get(k, "")[:200] for k in ("nama_pengguna", "nama", "peran", "kecamatan")}
    with acting(request, login, admin=True) as (db, admin):

        def again(message: str) -> HTMLResponse:
            return _accounts_page(request, db, admin, message=message, typed=typed, status=400)

        password, repeat = fields.get("kata_sandi", "")[:1000], fields.get("kata_sandi_ulang", "")[:1000]
        if password != repeat:
            return again(MISMATCH)
        role = Role.ADMIN if typed["peran"] == Role.ADMIN.value else Role.OPERATOR
        kecamatan_id = int(typed["kecamatan"]) if typed["kecamatan"].isdigit() else None
        try:
            made = create_account(
                db,
                admin,
                typed["nama_pengguna"],
                password,
                role,
                kecamatan_id if role is Role.OPERATOR else None,
                typed["nama"],
                address(request),
            )
        except WorkspaceError as exc:
            return again(str(exc))
        url = request.url_for("akun_daftar").path + f"?dibuat={made.username}"
        return RedirectResponse(url, status_code=303)


@router.get("/ruang/akun/{aid}", name="akun", response_class=HTMLResponse)
def account_page(request: Request, aid: str, login: Login, notice: str = "") -> HTMLResponse:
    with acting(request, login, admin=True) as (db, admin):
        return _account_page(request, db, admin, number(aid, "Akun"))


def _account_page(
    request: Request, db, admin, account_id: int, *, message: str = "", notice: str = "", status: int = 200
) -> HTMLResponse:
    target = db.get(Account, account_id)
    if target is None:
        raise NotFound("Akun itu tidak ditemukan.")
    return render_ruang(
        request,
        "ruang_akun_satu.html",
        admin,
        "akun",
        {"title": f"Akun {target.username}", "target": target, "message": message, "notice": notice},
        status=status,
    )


@router.post("/ruang/akun/{aid}/aktif", name="akun_aktif")
async def toggle(request: Request, aid: str, login: Login) -> Response:
    account_id = number(aid, "Akun")
    fields = await small_form(request)
    check_csrf(request, login, fields)
    return await run_in_threadpool(_toggle, request, login, account_id, fields.get("aktif") == "ya")


def _toggle(request: Request, login, account_id: int, on: bool) -> Response:
    with acting(request, login, admin=True) as (db, admin):
        try:
            changed = set_active(db, admin, account_id, on, address(request))
        except NotFound:
            raise
        except WorkspaceError as exc:
            return _account_page(request, db, admin, account_id, message=str(exc), status=400)
        if not on:
            get_sessions(request).end_account(changed.id)  # logged out at once, everywhere
        state = "diaktifkan kembali" if on else "dinonaktifkan; sesinya yang masih terbuka sudah diakhiri"
        return _account_page(request, db, admin, account_id, notice=f"Akun {changed.username} {state}.")


@router.post("/ruang/akun/{aid}/sandi", name="akun_sandi")
async def reset(request: Request, aid: str, login: Login) -> Response:
    account_id = number(aid, "Akun")
    fields = await small_form(request)
    check_csrf(request, login, fields)
    return await run_in_threadpool(_reset, request, login, account_id, fields)


def _reset(request: Request, login, account_id: int, fields: dict[str, str]) -> Response:
    password, repeat = fields.get("kata_sandi", "")[:1000], fields.get("kata_sandi_ulang", "")[:1000]
    with acting(request, login, admin=True) as (db, admin):
        if password != repeat:
            return _account_page(request, db, admin, account_id, message=MISMATCH, status=400)
        try:
            changed = reset_password(db, admin, account_id, password, address(request))
        except NotFound:
            raise
        except WorkspaceError as exc:
            return _account_page(request, db, admin, account_id, message=str(exc), status=400)
        keep = login if changed.id == admin.id else None
        get_sessions(request).end_account(changed.id, keep=keep)
        return _account_page(
            request,
            db,
            admin,
            account_id,
            notice=f"Kata sandi {changed.username} sudah diganti; berikan kata sandi baru itu kepada "
            "pemiliknya. Sesinya yang masih terbuka sudah diakhiri.",
        )


# --- kecamatan and the office --------------------------------------------------------------------


def _kecamatan_page(
    request: Request, db, admin, *, message: str = "", notice: str = "", typed: str = "", status: int = 200
) -> HTMLResponse:
    kecamatan = list_kecamatan_for(db, admin)
    operators = dict(
        db.execute(
            select(Account.kecamatan_id, func.count())
            .where(Account.role == Role.OPERATOR.value, Account.active.is_(True))
            .group_by(Account.kecamatan_id)
        ).all()
    )
    versions = dict(
        db.execute(select(Version.kecamatan_id, func.count()).group_by(Version.kecamatan_id)).all()
    )
    return render_ruang(
        request,
        "ruang_kecamatan_daftar.html",
        admin,
        "kecamatan",
        {
            "title": "Kecamatan",
            "kecamatan_list": kecamatan,
            "operators": operators,
            "versions": versions,
            "office": office_name(db),
            "message": message,
            "notice": notice,
            "typed": typed,
        },
        status=status,
    )


@router.get("/ruang/kecamatan", name="kecamatan_daftar", response_class=HTMLResponse)
def kecamatan_list(request: Request, login: Login) -> HTMLResponse:
    with acting(request, login, admin=True) as (db, admin):
        return _kecamatan_page(request, db, admin)


@router.post("/ruang/kecamatan", name="kecamatan_buat")
async def kecamatan_create(request: Request, login: Login) -> Response:
    fields = await small_form(request)
    check_csrf(request, login, fields)
    return await run_in_threadpool(_kecamatan_create, request, login, fields.get("nama", "")[:200])


def _kecamatan_create(request: Request, login, name: str) -> Response:
    with acting(request, login, admin=True) as (db, admin):
        try:
            made = create_kecamatan(db, admin, name, address(request))
        except WorkspaceError as exc:
            return _kecamatan_page(request, db, admin, message=str(exc), typed=name, status=400)
        return _kecamatan_page(request, db, admin, notice=f"Kecamatan {made.name} sudah didaftarkan.")


@router.post("/ruang/kantor", name="kantor")
async def office(request: Request, login: Login) -> Response:
    fields = await small_form(request)
    check_csrf(request, login, fields)
    return await run_in_threadpool(_office, request, login, fields.get("nama", "")[:200])


def _office(request: Request, login, name: str) -> Response:
    with acting(request, login, admin=True) as (db, admin):
        if not name.strip():
            return _kecamatan_page(request, db, admin, message="Nama kantor tidak boleh kosong.", status=400)
        set_office(db, admin, name, address(request))
        return _kecamatan_page(request, db, admin, notice="Nama kantor sudah disimpan.")
