"""Papan status: the admin's board of a year, one row per kecamatan, and the year's decrees as a zip."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from ...workspace.accounts import office_name
from ...workspace.board import board
from ...workspace.errors import NotFound
from ...workspace.years import list_years
from ..auth import Login, acting, check_csrf, small_form
from ..deps import get_runner
from ..ruang_pages import get_jobs, render_ruang, start_job, to_job, year_seconds
from ..ruang_present import COLUMN_KEYS, COLUMNS, sort_rows

router = APIRouter()
NAV = None
PER_KECAMATAN = 30.0  # seconds a decree (and its PDF) may take in the zip job


@router.get("/ruang/papan", name="papan", response_class=HTMLResponse)
def status_board(
    request: Request, login: Login, tahun: str = "", urut: str = "kecamatan", arah: str = "naik"
):
    with acting(request, login, admin=True) as (db, account):
        years = [y.year for y in list_years(db, account)]
        chosen = int(tahun) if tahun.isdigit() and int(tahun) in years else (years[0] if years else None)
        key = urut if urut in COLUMN_KEYS else "kecamatan"
        descending = arah == "turun"
        rows = sort_rows(board(db, account, chosen), key, descending) if chosen is not None else []
        return render_ruang(
            request,
            "ruang_papan.html",
            account,
            "papan",
            {
                "title": f"Papan status tahun {chosen}" if chosen else "Papan status",
                "office": office_name(db),
                "years": years,
                "chosen": chosen,
                "rows": rows,
                "columns": COLUMNS,
                "sort_key": key,
                "descending": descending,
                "submitted": sum(1 for r in rows if r.submitted),
                "valid": sum(1 for r in rows if r.decree_version is not None),
                "office_enabled": get_runner(request).office_enabled,
            },
        )


@router.post("/ruang/papan/{tahun}/zip", name="papan_zip")
async def year_zip(request: Request, tahun: str, login: Login) -> Response:
    """Every kecamatan's decree of the year in one zip, built by a worker with its progress shown."""
    if not tahun.isdigit() or len(tahun) != 4:
        raise NotFound("Tahun itu tidak ditemukan.")
    fields = await small_form(request)
    check_csrf(request, login, fields)
    return await run_in_threadpool(_zip, request, login, int(tahun), fields.get("pdf") == "ya")


def _zip(request: Request, login, year: int, pdf: bool) -> Response:
    with acting(request, login, admin=True) as (db, account):
        if year not in {y.year for y in list_years(db, account)}:
            raise NotFound(f"Tahun {year} belum dibuka.")
        rows = board(db, account, year)
        pdf = pdf and get_runner(request).office_enabled
        entry = start_job(
            request,
            account,
            "year_zip",
            lambda job, data, db_url: (data, db_url, account.id, year, str(job.results), pdf),
            kind="zip",
            title=f"Semua keputusan tahun {year} dalam satu .zip" + (" (dengan PDF)" if pdf else ""),
            back=request.url_for("papan").path + f"?tahun={year}",
            seconds=year_seconds(request, len(rows), PER_KECAMATAN * (2 if pdf else 1)),
        )
        get_jobs(request).sweep()
        return to_job(request, entry)
