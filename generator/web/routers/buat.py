"""Buat keputusan: upload one or many workbooks, see each one's problems, download .docx, PDF, zip."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from ..deps import CurrentVisit, KnownVisit, get_runner, submission_of
from ..downloads import send_bytes
from ..jobs import Submission
from ..pages import Nav, error_page, render
from ..storage import Visit
from ..submit import GONE, add_job, check, discarded_on_failure, receive, require, start, submission_views
from ..uploads import check_workbook

router = APIRouter()
NAV = Nav("buat_form", "Buat keputusan", "buat")
KIND = "buat"
FIELD = "buku_kerja"
SOP_FIELD = "sop"  # a checkbox: "ya" asks for the SOP document too, as `buat --sop`
ZIPPED = ("docx", "pdf", "sop", "sop_pdf")


def template_of(visit: Visit | None) -> str:
    """The name of the template this visit's decrees use ("" for the bundled one)."""
    return visit.template_name if visit is not None and visit.template is not None else ""


@router.get("/buat", name="buat_form", response_class=HTMLResponse)
def form(request: Request, visit: KnownVisit) -> HTMLResponse:
    return render(
        request, "buat.html", {"area": KIND, "title": "Buat keputusan", "template_name": template_of(visit)}
    )


@router.post("/buat", name="buat_kirim")
async def submit(request: Request, visit: CurrentVisit) -> Response:
    submission, form = await receive(request, visit, KIND, {FIELD: ".xlsx"})
    with discarded_on_failure(submission):
        template = str(visit.template) if visit.template is not None else None
        figures = request.app.state.figures
        sop = form.fields.get(SOP_FIELD) == "ya"
        for upload in require(form, FIELD, "buku kerja .xlsx"):
            job = add_job(
                submission,
                visit,
                upload,
                "make_decree",
                lambda job, upload=upload: (str(upload.path), str(job.results), template, figures, sop),
            )
            await check(job, check_workbook, upload.path)
        return start(request, visit, submission, "buat_hasil")


@router.get("/buat/{kiriman}", name="buat_hasil", response_class=HTMLResponse)
def result(request: Request, kiriman: str, visit: KnownVisit) -> HTMLResponse:
    found = submission_views(request, visit, kiriman, KIND)
    if found is None:
        return error_page(request, 404, GONE)
    submission, views = found
    ready = [job for job in submission.jobs if "docx" in job.downloads]
    sops = sum("sop" in job.downloads for job in ready)
    return render(
        request,
        "buat_hasil.html",
        {
            "area": KIND,
            "title": "Hasil buat keputusan",
            "submission": submission,
            "views": views,
            "ready": ready,
            "sops": sops,
            "waiting": any(v.waiting for v in views.values()),
            "template_name": template_of(visit),
            "figures": request.app.state.figures,
            "office": get_runner(request).office_enabled,
        },
    )


@router.get("/buat/{kiriman}/semua.zip", name="buat_zip")
def everything(request: Request, kiriman: str, visit: KnownVisit) -> Response:
    """Every decree of the submission (.docx and, when made, .pdf; the SOP documents too) in one zip."""
    submission = submission_of(visit, kiriman, KIND)
    if submission is None:
        return error_page(request, 404, GONE)
    data = zip_of(submission)
    if data is None:
        return error_page(request, 404, "Belum ada keputusan yang jadi dalam unggahan ini.")
    return send_bytes(data, "Keputusan-Camat-semua.zip")


def zip_of(submission: Submission) -> bytes | None:
    out = io.BytesIO()
    names: set[str] = set()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for job in submission.jobs:
            for key in ZIPPED:
                found = job.downloads.get(key)
                if found is None or not found.path.is_file():
                    continue
                archive.write(found.path, _unique(found.name, names))
    return out.getvalue() if names else None


def _unique(name: str, taken: set[str]) -> str:
    """``name``, or "name-2.ext" when two uploads make the same decree."""
    stem, suffix = Path(name).stem, Path(name).suffix
    candidate, number = name, 1
    while candidate in taken:
        number += 1
        candidate = f"{stem}-{number}{suffix}"
    taken.add(candidate)
    return candidate
