"""Beranda: what the tool does, the blank workbook, the bundled examples, the way to the other pages."""

from __future__ import annotations

import tempfile
from functools import lru_cache
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from ...blank import write_blank
from ...pipeline import DEFAULT_INPUTS
from ..deps import get_runner, get_storage
from ..downloads import send_bytes, send_file
from ..pages import Nav, error_page, render

router = APIRouter()
NAV = Nav("beranda", "Beranda", "beranda")
BLANK_NAME = "isian-keputusan-camat.xlsx"


def examples() -> dict[str, Path]:
    """The bundled example workbooks by file name (the only names /contoh/ serves)."""
    return {p.name: p for p in sorted(DEFAULT_INPUTS.glob("*.xlsx")) if not p.name.startswith("~$")}


@lru_cache(maxsize=1)
def blank_bytes() -> bytes:
    """The blank workbook of `keputusan isian`, made once per server."""
    with tempfile.TemporaryDirectory(prefix="keputusan-isian-") as folder:
        path = Path(folder) / BLANK_NAME
        write_blank(path)
        return path.read_bytes()


@router.get("/", name="beranda", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    return render(request, "beranda.html", {"area": "beranda", "examples": list(examples())})


@router.get("/isian.xlsx", name="isian")
def blank(request: Request) -> Response:
    return send_bytes(blank_bytes(), BLANK_NAME)


@router.get("/contoh/{nama}", name="contoh")
def example(request: Request, nama: str) -> Response:
    path = examples().get(nama)
    if path is None:
        return error_page(request, 404, "Contoh buku kerja itu tidak ada.")
    return send_file(path, nama)


@router.get("/sehat", name="sehat")
def health(request: Request) -> JSONResponse:
    """For a monitor or the reverse proxy: the server answers, with its queue lengths."""
    runner = get_runner(request)
    return JSONResponse({"status": "baik", "kunjungan": len(get_storage(request)), **runner.counts()})
