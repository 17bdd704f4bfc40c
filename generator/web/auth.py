"""Who is asking, on the workspace pages: the login session, the account behind it, CSRF, small forms.

Routes take ``Login`` (a dependency: the live session, or a redirect to the login page) and then open
``acting(request, login)``: one database session in the route's own thread and the account, loaded
again on every request, so an account switched off mid-session can do nothing more. Every refusal of
the core (``WorkspaceError``) becomes a page in ``workspace_errors``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated
from urllib.parse import parse_qsl, quote

from fastapi import Depends, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from ..workspace.access import require_admin
from ..workspace.accounts import get_account
from ..workspace.errors import NotAllowed
from ..workspace.models import Account
from ..workspace.space import Workspace
from .sessions import LOGIN_COOKIE, SESSION_COOKIE, LoginSession, Sessions
from .uploads import UploadRefused

FORM_LIMIT = 16 * 1024
CSRF_FIELD = "csrf"
ENDED = "Sesi Anda sudah berakhir karena terlalu lama tidak dipakai; silakan masuk kembali."
NEEDED = "Silakan masuk dahulu untuk membuka ruang kerja."
NO_WORKSPACE = "Ruang kerja tidak dijalankan pada server ini; jalankan server dengan keputusan layani."
CSRF_REFUSED = (
    "Formulir ini sudah kedaluwarsa atau tidak berasal dari halaman ini; muat ulang halamannya lalu kirim "
    "lagi."
)


class LoginRequired(Exception):
    """No live session: the visitor is sent to the login page, which says ``reason``."""

    def __init__(self, reason: str = "perlu") -> None:
        super().__init__(reason)
        self.reason = reason


class CsrfRefused(Exception):
    """A form post without this session's token (another site's, or a page from before a restart)."""


class NoWorkspace(Exception):
    """The app was made without a workspace (the public pages alone)."""


REASONS = {"perlu": NEEDED, "berakhir": ENDED}


def get_sessions(request: Request) -> Sessions:
    return request.app.state.sessions


def get_workspace(request: Request) -> Workspace:
    workspace = request.app.state.workspace
    if workspace is None:
        raise NoWorkspace(NO_WORKSPACE)
    return workspace


def current_login(request: Request) -> LoginSession | None:
    """The live session of the request (cached on it), None without one."""
    if not hasattr(request.state, "login"):
        session, expired = get_sessions(request).get(request.cookies.get(SESSION_COOKIE))
        request.state.login = session
        request.state.login_expired = expired
    return request.state.login


def require_login(request: Request) -> LoginSession:
    get_workspace(request)
    session = current_login(request)
    if session is None:
        raise LoginRequired("berakhir" if request.state.login_expired else "perlu")
    return session


Login = Annotated[LoginSession, Depends(require_login)]


@contextmanager
def acting(
    request: Request, login: LoginSession, *, admin: bool = False
) -> Iterator[tuple[Session, Account]]:
    """A database session and the session's account, checked active (and admin, when asked)."""
    workspace = get_workspace(request)
    with workspace.begin() as db:
        try:
            account = get_account(db, login.account_id)
        except NotAllowed as exc:
            get_sessions(request).end_account(login.account_id)
            raise LoginRequired("perlu") from exc
        if admin:
            require_admin(account)
        yield db, account


def address(request: Request) -> str:
    """The client's address as the log records it (the proxy's X-Forwarded-For, when trusted)."""
    return request.client.host if request.client else ""


def login_url(request: Request, reason: str, back: str = "") -> str:
    url = request.url_for("masuk_form").path + f"?alasan={quote(reason)}"
    return url + (f"&lanjut={quote(back, safe='/')}" if back else "")


def safe_next(request: Request, target: str) -> str:
    """Where to go after logging in: a path of this site only, never another host."""
    root = request.scope.get("root_path", "")
    home = request.url_for("ruang").path
    if not target.startswith("/") or target.startswith("//") or "\\" in target or len(target) > 500:
        return home
    if root and not target.startswith(root + "/"):
        return home
    return target


# --- forms --------------------------------------------------------------------------------------


async def small_form(request: Request, limit: int = FORM_LIMIT) -> dict[str, str]:
    """An urlencoded form of at most ``limit`` bytes (a login or an account form), read as it comes."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/x-www-form-urlencoded":
        if not kind and request.headers.get("content-length", "0") == "0":
            return {}  # an empty post: refused by its missing token, not by its type
        raise UploadRefused(400, "Kirim isian lewat formulir di halaman ini.")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise UploadRefused(413, "Isian formulir terlalu panjang.")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise UploadRefused(413, "Isian formulir terlalu panjang.")
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=40)
    except (UnicodeDecodeError, ValueError) as exc:
        raise UploadRefused(400, "Isian formulir tidak dapat dibaca; isi lagi lalu kirim.") from exc
    return dict(pairs)


def csrf_token(request: Request) -> str:
    """The token the session's forms carry ("" without a session)."""
    login = current_login(request)
    return get_sessions(request).csrf_token(login.token) if login is not None else ""


def check_csrf(request: Request, login: LoginSession, fields: dict[str, str]) -> None:
    if not get_sessions(request).csrf_valid(login.token, fields.get(CSRF_FIELD)):
        raise CsrfRefused(CSRF_REFUSED)


def check_login_csrf(request: Request, fields: dict[str, str]) -> None:
    """The login form's token, against the seed cookie the form came with."""
    if not get_sessions(request).csrf_valid(request.cookies.get(LOGIN_COOKIE), fields.get(CSRF_FIELD)):
        raise CsrfRefused(CSRF_REFUSED)


# --- cookies ------------------------------------------------------------------------------------


def _secure(request: Request) -> bool:
    """Secure cookies when the office says so, or the page came over https (also through a proxy
    uvicorn trusts, which sets the scheme from X-Forwarded-Proto)."""
    return bool(request.app.state.settings.secure_cookie or request.url.scheme == "https")


def _path(request: Request) -> str:
    return (request.scope.get("root_path") or "") + "/"


def set_cookie(request: Request, response: Response, name: str, value: str, *, strict: bool = False) -> None:
    response.set_cookie(
        name,
        value,
        path=_path(request),
        httponly=True,
        samesite="strict" if strict else "lax",
        secure=_secure(request),
    )


def clear_cookie(request: Request, response: Response, name: str) -> None:
    response.delete_cookie(name, path=_path(request), httponly=True, samesite="lax", secure=_secure(request))
