"""Tahun: the years opened, and the admin's "buka tahun baru" as a background job with progress."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from ...cells import YEAR_RANGE
from ...workspace.access import list_kecamatan_for
from ...workspace.years import list_years
from ..auth import Login, acting, address, check_csrf, small_form
from ..ruang_pages import get_jobs, render_ruang, start_job, to_job, year_seconds

router = APIRouter()
NAV = None
PER_KECAMATAN = 15.0  # seconds one kecamatan's workbook may take to be carried over (about 1.5 s)


def _page(
    request: Request, db, admin, *, message: str = "", typed: str = "", status: int = 200
) -> HTMLResponse:
    years = list_years(db, admin)
    newest = years[0].year if years else None
    suggested = newest + 1 if newest is not None else dt.date.today().year
    running = get_jobs(request).running("tahun")
    low, high = YEAR_RANGE
    return render_ruang(
        request,
        "ruang_tahun.html",
        admin,
        "tahun",
        {
            "title": "Tahun",
            "years": years,
            "suggested": typed or str(suggested),
            "kecamatan_count": len(list_kecamatan_for(db, admin)),
            "running": running,
            "message": message,
            "low": low,
            "high": high,
        },
        status=status,
    )


@router.get("/ruang/tahun", name="tahun_daftar", response_class=HTMLResponse)
def years_page(request: Request, login: Login) -> HTMLResponse:
    with acting(request, login, admin=True) as (db, admin):
        return _page(request, db, admin)


@router.post("/ruang/tahun", name="tahun_buka")
async def open_new_year(request: Request, login: Login) -> Response:
    fields = await small_form(request)
    check_csrf(request, login, fields)
    return await run_in_threadpool(_open, request, login, fields.get("tahun", "").strip()[:10])


def _open(request: Request, login, typed: str) -> Response:
    with acting(request, login, admin=True) as (db, admin):
        low, high = YEAR_RANGE
        if not (len(typed) == 4 and typed.isdigit()) or not low <= int(typed) <= high:
            message = f'"{typed}" bukan tahun empat angka antara {low} dan {high}, misalnya 2027.'
            return _page(request, db, admin, message=message, typed=typed, status=400)
        year = int(typed)
        if year in {y.year for y in list_years(db, admin)}:
            return _page(request, db, admin, message=f"Tahun {year} sudah dibuka.", typed=typed, status=400)
        running = get_jobs(request).running("tahun")
        if running is not None:
            return (
                to_job(request, running)
                if running.owner == admin.id
                else _page(
                    request,
                    db,
                    admin,
                    message="Admin lain sedang membuka tahun; tunggu sampai selesai.",
                    status=409,
                )
            )
        count = len(list_kecamatan_for(db, admin))
        entry = start_job(
            request,
            admin,
            "new_year",
            lambda job, data, db_url: (data, db_url, admin.id, year, address(request)),
            kind="tahun",
            title=f"Membuka tahun {year}",
            back=request.url_for("tahun_daftar").path,
            seconds=year_seconds(request, count, PER_KECAMATAN),
        )
        return to_job(request, entry)
