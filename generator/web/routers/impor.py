"""Impor: last year's decree typed in Word in, the workbook `keputusan impor` makes of it out."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from ...pdf import libreoffice_available
from ..deps import CurrentVisit, KnownVisit
from ..jobs import State
from ..pages import Nav, render
from ..present import scrub
from ..submit import add_job, discarded_on_failure, one_job_page, receive, require, start
from ..uploads import Upload, check_decree, content_suffix

router = APIRouter()
NAV = Nav("impor_form", "Impor", "impor")
KIND = "impor"
FIELD = "dokumen"


@router.get("/impor", name="impor_form", response_class=HTMLResponse)
def form(request: Request) -> HTMLResponse:
    return render(
        request,
        "impor.html",
        {"area": KIND, "title": "Impor keputusan lama", "doc_allowed": libreoffice_available()},
    )


@router.post("/impor", name="impor_kirim")
async def submit(request: Request, visit: CurrentVisit) -> Response:
    submission, form = await receive(request, visit, KIND, {FIELD: ".docx"})
    with discarded_on_failure(submission):
        upload = require(form, FIELD, "keputusan dalam Word (.docx)")[0]
        suffix = await run_in_threadpool(content_suffix, upload.path)
        if suffix:
            _name_by_content(upload, suffix)
        sentence = await run_in_threadpool(check_decree, upload.path, doc_allowed=libreoffice_available())
        job = add_job(
            submission, visit, upload, "import_document", lambda job: (str(upload.path), str(job.results))
        )
        if sentence:
            job.state, job.error = State.REJECTED, scrub(sentence)
        return start(request, visit, submission, "impor_hasil")


def _name_by_content(upload: Upload, suffix: str) -> None:
    """An old .doc (or a workbook sent by mistake) is named by what it is, so that messages and the
    workbook's Petunjuk name it as the visitor knows it."""
    target = upload.path.with_suffix(suffix)
    upload.path.rename(target)
    upload.path, upload.name = target, target.name


@router.get("/impor/{kiriman}", name="impor_hasil", response_class=HTMLResponse)
def result(request: Request, kiriman: str, visit: KnownVisit) -> HTMLResponse:
    return one_job_page(request, visit, kiriman, KIND, "impor_hasil.html", "Hasil impor")
