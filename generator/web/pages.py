"""Server-side pages: one Jinja environment (autoescape on, strict names), the navigation, helpers.

Every page extends ``base.html``, whose navigation is built from ``Nav`` entries that the routers
register (an area added later, such as Impor or Audit, brings its own entry).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse
from starlette.templating import Jinja2Templates

from . import present

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Nav:
    """One link of the navigation: the route's name and its label."""

    route: str
    label: str
    area: str  # pages of the area mark the link as current


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["bersih"] = present.scrub
    env.filters["nilai"] = present.shown_value
    env.filters["angka"] = lambda n: f"{n:,}".replace(",", ".")
    env.globals["retention_text"] = lambda settings: duration(settings.retention_minutes)
    env.globals["by_sheet"] = present.by_sheet
    env.globals["counts"] = present.counts
    return env


def duration(minutes: float) -> str:
    """60 -> "1 jam", 90 -> "1 jam 30 menit", 5 -> "5 menit"."""
    total = max(1, round(minutes))
    hours, rest = divmod(total, 60)
    parts = ([f"{hours} jam"] if hours else []) + ([f"{rest} menit"] if rest else [])
    return " ".join(parts)


templates = Jinja2Templates(env=_environment())


def render(
    request: Request, name: str, context: dict[str, object] | None = None, status: int = 200
) -> HTMLResponse:
    """The page ``name`` with the shared context: navigation, settings, a link maker."""
    app = request.app

    def href(route: str, **params: object) -> str:
        return request.url_for(route, **{k: str(v) for k, v in params.items()}).path

    values: dict[str, object] = {
        "nav": app.state.nav,
        "area": "",
        "settings": app.state.settings,
        "href": href,
        "static": lambda path: href("static", path=path),
        "title": "",
        "waiting": False,
    }
    values.update(context or {})
    return templates.TemplateResponse(request, name, values, status_code=status)


def error_page(request: Request, status: int, message: str, title: str = "") -> HTMLResponse:
    """One Indonesian sentence on a page of its own, with the navigation to go on."""
    titles = {
        400: "Permintaan tidak dapat diproses",
        404: "Tidak ditemukan",
        405: "Cara membuka halaman ini salah",
        413: "Berkas terlalu besar",
        415: "Jenis berkas salah",
        422: "Isian formulir salah",
        500: "Terjadi kesalahan",
        503: "Server sedang sibuk",
    }
    return render(
        request,
        "galat.html",
        {"title": title or titles.get(status, "Terjadi kesalahan"), "message": message, "status": status},
        status=status,
    )
