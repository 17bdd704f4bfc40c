"""Audit: one or several workbooks in, `keputusan audit`'s findings and scores out, and its .xlsx."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from ...audit import SCORING_RULE, SECTIONS, AuditReport, audit_xlsx, percent_text, whole_percent
from ...writer import name_words
from ..deps import CurrentVisit, KnownVisit, submission_of
from ..downloads import send_bytes
from ..jobs import FINISHED, Job
from ..pages import Nav, error_page, render
from ..submit import GONE, add_job, check, discarded_on_failure, receive, require, start, submission_views
from ..uploads import check_workbook

router = APIRouter()
NAV = Nav("audit_form", "Audit", "audit")
KIND = "audit"
FIELD = "buku_kerja"
NOT_YET = "Audit belum selesai untuk semua buku kerja dalam unggahan ini; tunggu sebentar lalu unduh lagi."


@router.get("/audit", name="audit_form", response_class=HTMLResponse)
def form(request: Request) -> HTMLResponse:
    context = {"area": KIND, "title": "Audit kelengkapan", "sections": SECTIONS, "scoring_rule": SCORING_RULE}
    return render(request, "audit.html", context)


@router.post("/audit", name="audit_kirim")
async def submit(request: Request, visit: CurrentVisit) -> Response:
    submission, form = await receive(request, visit, KIND, {FIELD: ".xlsx"})
    with discarded_on_failure(submission):
        for upload in require(form, FIELD, "buku kerja .xlsx"):
            job = add_job(
                submission, visit, upload, "audit_workbook", lambda job, upload=upload: (str(upload.path),)
            )
            await check(job, check_workbook, upload.path)
        return start(request, visit, submission, "audit_hasil")


def report_of(job: Job) -> AuditReport | None:
    """The job's audit; for a file refused or a job that failed, a report saying why (as the CLI
    reports a workbook it cannot read), so that the table and the .xlsx hold every upload."""
    outcome = job.outcome
    found = getattr(outcome, "report", None)
    if found is not None:
        return found
    if job.state not in FINISHED:
        return None
    return AuditReport(job.label, error=job.error or (outcome.error if outcome is not None else ""))


@router.get("/audit/{kiriman}", name="audit_hasil", response_class=HTMLResponse)
def result(request: Request, kiriman: str, visit: KnownVisit) -> HTMLResponse:
    found = submission_views(request, visit, kiriman, KIND)
    if found is None:
        return error_page(request, 404, GONE)
    submission, views = found
    return render(
        request,
        "audit_hasil.html",
        {
            "area": KIND,
            "title": "Hasil audit",
            "submission": submission,
            "views": views,
            "reports": {job.id: report_of(job) for job in submission.jobs},
            "sections": SECTIONS,
            "scoring_rule": SCORING_RULE,
            "percent": percent_text,
            "whole": whole_percent,
            "waiting": not submission.finished,
        },
    )


@router.get("/audit/{kiriman}/audit.xlsx", name="audit_xlsx")
async def spreadsheet(request: Request, kiriman: str, visit: KnownVisit) -> Response:
    """Every workbook's audit in one .xlsx, as `keputusan audit ... --keluaran` writes it."""
    submission = submission_of(visit, kiriman, KIND)
    if submission is None:
        return error_page(request, 404, GONE)
    if not submission.finished:
        return error_page(request, 409, NOT_YET, "Audit belum selesai")
    reports = [report_of(job) for job in submission.jobs]
    data = await run_in_threadpool(audit_xlsx, reports)
    return send_bytes(data, xlsx_name(reports))


def xlsx_name(reports: list[AuditReport | None]) -> str:
    """ "Audit-Sale-2020.xlsx" for one workbook (named like its decree), "Audit-semua.xlsx" for several."""
    only = reports[0] if len(reports) == 1 else None
    if only is None or not only.kecamatan:
        return "Audit-semua.xlsx" if len(reports) > 1 else "Audit.xlsx"
    words = name_words(only.kecamatan)
    return f"Audit-{words}-{only.year}.xlsx" if words else f"Audit-{only.year}.xlsx"
