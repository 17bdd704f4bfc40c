"""Templat: check a kabupaten's own Word template and use it for this visit's next decrees."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ...pipeline import DEFAULT_TEMPLATE
from ..deps import CurrentVisit, KnownVisit
from ..downloads import send_file
from ..jobs import Job
from ..pages import Nav, render
from ..storage import Visit
from ..submit import add_job, check, discarded_on_failure, one_job_page, receive, require, start
from ..uploads import check_document

router = APIRouter()
NAV = Nav("templat_form", "Templat", "templat")
KIND = "templat"


@router.get("/templat", name="templat_form", response_class=HTMLResponse)
def form(request: Request, visit: KnownVisit) -> HTMLResponse:
    name = visit.template_name if visit is not None and visit.template is not None else ""
    return render(request, "templat.html", {"area": KIND, "title": "Templat sendiri", "template_name": name})


@router.get("/templat/bawaan.docx", name="templat_bawaan")
def bundled(request: Request) -> Response:
    return send_file(DEFAULT_TEMPLATE, "templat-keputusan-camat.docx")


@router.post("/templat/bawaan", name="templat_pakai_bawaan")
def use_bundled(request: Request, visit: KnownVisit) -> Response:
    if visit is not None:
        visit.template, visit.template_name = None, ""
    return RedirectResponse(request.url_for("templat_form").path, status_code=303)


def _adopt(visit: Visit):
    """After a clean check, the visit's next decrees use this template."""

    def adopt(job: Job) -> None:
        if job.outcome is not None and job.outcome.ok:
            visit.template, visit.template_name = Path(job.args[0]), job.label

    return adopt


@router.post("/templat", name="templat_kirim")
async def submit(request: Request, visit: CurrentVisit) -> Response:
    submission, form = await receive(request, visit, KIND, {"templat": ".docx"})
    with discarded_on_failure(submission):
        upload = require(form, "templat", "templat Word (.docx)")[0]
        job = add_job(submission, visit, upload, "vet_template", lambda job: (str(upload.path),))
        job.then = _adopt(visit)
        await check(job, check_document, upload.path)
        return start(request, visit, submission, "templat_hasil")


@router.get("/templat/{kiriman}", name="templat_hasil", response_class=HTMLResponse)
def result(request: Request, kiriman: str, visit: KnownVisit) -> HTMLResponse:
    def in_use(job: Job) -> dict[str, object]:
        used = visit is not None and visit.template is not None and str(visit.template) == job.args[0]
        return {"in_use": used}

    return one_job_page(
        request, visit, kiriman, KIND, "templat_hasil.html", "Hasil pemeriksaan templat", in_use
    )
