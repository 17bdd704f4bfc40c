"""The workspace's refusals as pages: the core's WorkspaceError by class, a login asked for, CSRF.

NotFound 404 (also for another kecamatan's items: an operator is never told they exist),
NotAllowed 403, RateLimited 429 with Retry-After, StorageError 503, any other refusal 400; each page
says the core's one Indonesian sentence. No session sends the browser to the login page, which
brings it back afterwards.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse, Response

from ..workspace.errors import NotAllowed, NotFound, RateLimited, StorageError, WorkspaceError
from .auth import CsrfRefused, LoginRequired, NoWorkspace, login_url
from .pages import error_page


def status_of(exc: WorkspaceError) -> int:
    if isinstance(exc, NotFound):
        return 404
    if isinstance(exc, NotAllowed):
        return 403
    if isinstance(exc, RateLimited):
        return 429
    if isinstance(exc, StorageError):
        return 503
    return 400


def workspace_errors(app: FastAPI) -> None:
    @app.exception_handler(WorkspaceError)
    async def refused(request: Request, exc: WorkspaceError) -> Response:
        response = error_page(request, status_of(exc), str(exc))
        if isinstance(exc, RateLimited):
            response.headers["retry-after"] = str(exc.retry_after)
        return response

    @app.exception_handler(LoginRequired)
    async def login_first(request: Request, exc: LoginRequired) -> Response:
        back = ""
        if request.method == "GET":
            back = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(login_url(request, exc.reason, back), status_code=303)

    @app.exception_handler(CsrfRefused)
    async def forged(request: Request, exc: CsrfRefused) -> Response:
        return error_page(request, 403, str(exc))

    @app.exception_handler(NoWorkspace)
    async def absent(request: Request, exc: NoWorkspace) -> Response:
        return error_page(request, 503, str(exc))
