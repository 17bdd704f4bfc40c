"""Masuk, keluar, ganti kata sandi: the workspace's login, with the core's rate limit and argon2."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from ...workspace.accounts import authenticate, change_password
from ...workspace.errors import LoginRefused, RateLimited, WorkspaceError
from ..auth import (
    REASONS,
    Login,
    acting,
    address,
    check_csrf,
    check_login_csrf,
    clear_cookie,
    current_login,
    get_sessions,
    get_workspace,
    safe_next,
    set_cookie,
    small_form,
)
from ..pages import render
from ..ruang_pages import render_ruang
from ..sessions import LOGIN_COOKIE, SESSION_COOKIE, new_seed

router = APIRouter()
NAV = None
LOGGED_OUT = "Anda sudah keluar dari ruang kerja."
CHANGED = "Kata sandi Anda sudah diganti."
MISMATCH = "Kedua kata sandi baru tidak sama; ketik ulang keduanya."


def _form(
    request: Request,
    *,
    message: str = "",
    notice: str = "",
    username: str = "",
    back: str = "",
    status: int = 200,
) -> HTMLResponse:
    """The login form with a fresh CSRF seed in its own cookie (SameSite=Strict, HttpOnly)."""
    seed = new_seed()
    response = render(
        request,
        "masuk.html",
        {
            "area": "ruang",
            "title": "Masuk ke ruang kerja",
            "message": message,
            "notice": notice,
            "username": username,
            "back": back,
            "login_csrf": get_sessions(request).csrf_token(seed),
        },
        status=status,
    )
    set_cookie(request, response, LOGIN_COOKIE, seed, strict=True)
    return response


@router.get("/masuk", name="masuk_form", response_class=HTMLResponse)
def form(request: Request, alasan: str = "", lanjut: str = "") -> Response:
    get_workspace(request)
    notice = {**REASONS, "keluar": LOGGED_OUT}.get(alasan[:20], "")
    already = current_login(request)
    if already is not None:
        notice = f"Anda sudah masuk sebagai {already.username}; masuk lagi untuk berganti akun."
    return _form(request, notice=notice, back=lanjut[:500])


@router.post("/masuk", name="masuk")
async def login(request: Request) -> Response:
    get_workspace(request)
    fields = await small_form(request)
    check_login_csrf(request, fields)
    username, password = fields.get("nama_pengguna", "")[:200], fields.get("kata_sandi", "")[:1000]
    back = fields.get("lanjut", "")[:500]
    if not username.strip() or not password:
        return _form(
            request, message="Isi nama pengguna dan kata sandi.", username=username, back=back, status=400
        )
    try:
        account = await run_in_threadpool(_authenticate, request, username, password)
    except RateLimited as exc:
        response = _form(request, message=str(exc), username=username, back=back, status=429)
        response.headers["retry-after"] = str(exc.retry_after)
        return response
    except LoginRefused as exc:
        return _form(request, message=str(exc), username=username, back=back, status=401)
    sessions = get_sessions(request)
    old = current_login(request)
    if old is not None:
        sessions.end(old)  # a new session on every login: a token known before never gains an account
    session = sessions.create(account.id, account.username, account.is_admin)
    response = RedirectResponse(safe_next(request, back), status_code=303)
    set_cookie(request, response, SESSION_COOKIE, sessions.cookie_value(session))
    clear_cookie(request, response, LOGIN_COOKIE)
    return response


def _authenticate(request: Request, username: str, password: str):
    with get_workspace(request).begin() as db:
        return authenticate(db, username, password, address(request))


@router.post("/keluar", name="keluar")
async def logout(request: Request, login: Login) -> Response:
    fields = await small_form(request)
    check_csrf(request, login, fields)
    get_sessions(request).end(login)
    response = RedirectResponse(request.url_for("masuk_form").path + "?alasan=keluar", status_code=303)
    clear_cookie(request, response, SESSION_COOKIE)
    return response


@router.get("/sandi", name="sandi_form", response_class=HTMLResponse)
def password_form(request: Request, login: Login) -> HTMLResponse:
    with acting(request, login) as (_db, account):
        return _password_page(request, account)


def _password_page(request: Request, account, message: str = "", notice: str = "", status: int = 200):
    return render_ruang(
        request,
        "sandi.html",
        account,
        "sandi",
        {"title": "Ganti kata sandi", "message": message, "notice": notice},
        status=status,
    )


@router.post("/sandi", name="sandi")
async def password_change(request: Request, login: Login) -> Response:
    fields = await small_form(request)
    check_csrf(request, login, fields)
    return await run_in_threadpool(_change, request, login, fields)


def _change(request: Request, login, fields: dict[str, str]) -> Response:
    old, new, again = (fields.get(k, "")[:1000] for k in ("sandi_lama", "sandi_baru", "sandi_ulang"))
    with acting(request, login) as (db, account):
        if new != again:
            return _password_page(request, account, message=MISMATCH, status=400)
        try:
            change_password(db, account, old, new, address(request))
        except WorkspaceError as exc:
            return _password_page(request, account, message=str(exc), status=400)
        get_sessions(request).end_account(account.id, keep=login)  # other browsers must log in again
        return _password_page(request, account, notice=CHANGED)
