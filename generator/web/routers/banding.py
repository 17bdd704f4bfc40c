"""Banding: two workbooks in, what changed by section out, as a page and as .md or .xlsx."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from ..deps import CurrentVisit, KnownVisit, get_runner, submission_of
from ..jobs import State
from ..pages import Nav, error_page, render
from ..present import scrub
from ..progress import view
from ..submit import add_job, discard, receive, require, start
from ..uploads import check_workbook

router = APIRouter()
NAV = Nav("banding_form", "Banding", "banding")
KIND = "banding"
GONE = "Hasil ini tidak ditemukan: mungkin sudah dihapus karena kunjungan Anda berakhir. Unggah lagi."


@router.get("/banding", name="banding_form", response_class=HTMLResponse)
def form(request: Request) -> HTMLResponse:
    return render(request, "banding.html", {"area": KIND, "title": "Banding dua buku kerja"})


@router.post("/banding", name="banding_kirim")
async def submit(request: Request, visit: CurrentVisit) -> Response:
    submission, form = await receive(request, visit, KIND, {"lama": ".xlsx", "baru": ".xlsx"})
    try:
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
    except BaseException:
        discard(submission)
        raise


@router.get("/banding/{kiriman}", name="banding_hasil", response_class=HTMLResponse)
def result(request: Request, kiriman: str, visit: KnownVisit) -> HTMLResponse:
    submission = submission_of(visit, kiriman, KIND)
    if submission is None:
        return error_page(request, 404, GONE)
    job = submission.jobs[0]
    state = view(job, get_runner(request))
    return render(
        request,
        "banding_hasil.html",
        {"area": KIND, "title": "Hasil banding", "job": job, "view": state, "waiting": state.waiting},
    )
