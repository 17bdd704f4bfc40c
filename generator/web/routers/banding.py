"""Banding: two workbooks in, what changed by section out, as a page and as .md or .xlsx."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from ..deps import CurrentVisit, KnownVisit
from ..jobs import State
from ..pages import Nav, render
from ..present import scrub
from ..submit import add_job, discarded_on_failure, one_job_page, receive, require, start
from ..uploads import check_workbook

router = APIRouter()
NAV = Nav("banding_form", "Banding", "banding")
KIND = "banding"


@router.get("/banding", name="banding_form", response_class=HTMLResponse)
def form(request: Request) -> HTMLResponse:
    return render(request, "banding.html", {"area": KIND, "title": "Banding dua buku kerja"})


@router.post("/banding", name="banding_kirim")
async def submit(request: Request, visit: CurrentVisit) -> Response:
    submission, form = await receive(request, visit, KIND, {"lama": ".xlsx", "baru": ".xlsx"})
    with discarded_on_failure(submission):
        old = require(form, "lama", "buku kerja lama (.xlsx)")[0]
        new = require(form, "baru", "buku kerja baru (.xlsx)")[0]
        job = add_job(
            submission,
            visit,
            old,
            "compare_workbooks",
            lambda job: (str(old.path), str(new.path), str(job.results)),
        )
        job.label = f"{old.name} dan {new.name}"
        checked = [await run_in_threadpool(check_workbook, upload.path) for upload in (old, new)]
        sentences = [sentence for sentence in checked if sentence]
        if sentences:
            job.state, job.error = State.REJECTED, " ".join(scrub(s) for s in sentences)
        return start(request, visit, submission, "banding_hasil")


@router.get("/banding/{kiriman}", name="banding_hasil", response_class=HTMLResponse)
def result(request: Request, kiriman: str, visit: KnownVisit) -> HTMLResponse:
    return one_job_page(request, visit, kiriman, KIND, "banding_hasil.html", "Hasil banding")
