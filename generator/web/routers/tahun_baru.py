"""Tahun baru: last year's workbook in, next year's workbook out (same core as `keputusan tahun-baru`)."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from ...cells import YEAR_RANGE
from ..deps import CurrentVisit, KnownVisit
from ..pages import Nav, render
from ..submit import add_job, check, discarded_on_failure, one_job_page, receive, require, start
from ..uploads import UploadRefused, check_workbook

router = APIRouter()
NAV = Nav("tahun_baru_form", "Tahun baru", "tahun_baru")
KIND = "tahun_baru"


def parse_year(text: str) -> int:
    text = text.strip()
    low, high = YEAR_RANGE
    if not (len(text) == 4 and text.isdigit()) or not low <= int(text) <= high:
        raise UploadRefused(422, f'"{text}" bukan tahun empat angka antara {low} dan {high}, misalnya 2021.')
    return int(text)


@router.get("/tahun-baru", name="tahun_baru_form", response_class=HTMLResponse)
def form(request: Request) -> HTMLResponse:
    low, high = YEAR_RANGE
    return render(
        request,
        "tahun_baru.html",
        {
            "area": KIND,
            "title": "Buku kerja tahun baru",
            "low": low,
            "high": high,
            "suggested": dt.date.today().year + 1,
        },
    )


@router.post("/tahun-baru", name="tahun_baru_kirim")
async def submit(request: Request, visit: CurrentVisit) -> Response:
    submission, form = await receive(request, visit, KIND, {"buku_kerja": ".xlsx"})
    with discarded_on_failure(submission):
        year = parse_year(form.fields.get("tahun", ""))
        upload = require(form, "buku_kerja", "buku kerja tahun lalu (.xlsx)")[0]
        job = add_job(
            submission, visit, upload, "new_year", lambda job: (str(upload.path), year, str(job.results))
        )
        await check(job, check_workbook, upload.path)
        return start(request, visit, submission, "tahun_baru_hasil")


@router.get("/tahun-baru/{kiriman}", name="tahun_baru_hasil", response_class=HTMLResponse)
def result(request: Request, kiriman: str, visit: KnownVisit) -> HTMLResponse:
    return one_job_page(request, visit, kiriman, KIND, "tahun_baru_hasil.html", "Hasil tahun baru")
