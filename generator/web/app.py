"""The web app for kecamatan staff: ``create_app(settings)`` builds it, with storage and job runner
injected (tests hand in their own), the routers of ``routers.AREAS`` and Indonesian error pages."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from . import present
from .jobs import JobRunner, QueueFull
from .pages import HERE, error_page
from .routers import AREAS
from .security import HEADERS, SecurityHeaders
from .settings import Settings
from .storage import Storage, StorageFull
from .uploads import UploadRefused

log = logging.getLogger(__name__)

NOT_FOUND = "Halaman yang dicari tidak ada. Pilih salah satu menu di atas."
SERVER_ERROR = (
    "Terjadi kesalahan di server; kesalahannya dicatat untuk pengelola. Coba lagi, atau unggah ulang "
    "berkasnya."
)


def create_app(
    settings: Settings | None = None,
    *,
    storage: Storage | None = None,
    runner: JobRunner | None = None,
) -> FastAPI:
    """The app; storage and runner start with it and stop (deleting every visit's files) with it."""
    settings = Settings.from_env() if settings is None else settings
    storage = Storage(settings) if storage is None else storage  # an empty Storage is falsy (len 0)
    runner = JobRunner(settings) if runner is None else runner

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        storage.start()
        present.add_root(storage.root)
        storage.on_expire.append(lambda visit: runner.forget(visit.key))
        runner.start()
        try:
            yield
        finally:
            runner.close()
            storage.close()

    app = FastAPI(
        title="Keputusan Camat",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        lifespan=lifespan,
        root_path=settings.root_path,
    )
    app.state.settings = settings
    app.state.storage = storage
    app.state.runner = runner
    app.state.figures = _graphviz()
    app.state.nav = [area.NAV for area in AREAS if area.NAV is not None]
    for area in AREAS:
        app.include_router(area.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.add_middleware(SecurityHeaders, settings=settings)
    _error_pages(app)
    return app


def _graphviz() -> bool:
    from ..diagrams import graphviz_available

    return graphviz_available()


def _error_pages(app: FastAPI) -> None:
    @app.exception_handler(UploadRefused)
    async def refused(request: Request, exc: UploadRefused) -> Response:
        return error_page(request, exc.status, exc.message)

    @app.exception_handler(StorageFull)
    async def full(request: Request, exc: StorageFull) -> Response:
        return error_page(request, 503, str(exc))

    @app.exception_handler(QueueFull)
    async def busy(request: Request, exc: QueueFull) -> Response:
        return error_page(request, 503, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404:
            return error_page(request, 404, NOT_FOUND)
        if exc.status_code == 405:
            return error_page(request, 405, "Halaman ini tidak dapat dibuka dengan cara itu; pakai menunya.")
        return error_page(request, exc.status_code, "Permintaan ini tidak dapat diproses.")

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return error_page(request, 422, "Isian formulir tidak lengkap atau salah; isi lagi lalu kirim.")

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        log.exception("kesalahan tak terduga pada %s", request.url.path)
        response = error_page(request, 500, SERVER_ERROR)
        response.headers.update(HEADERS)  # this handler runs outside the middleware that adds them
        return response
