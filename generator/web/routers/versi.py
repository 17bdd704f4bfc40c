"""One version of a kecamatan's workbook: its problems and audit score, its file, its decree and PDF."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from ...workspace.outputs import outputs_of
from ...workspace.versions import get_version, list_versions, output_file, version_file
from ..auth import Login, acting, address, check_csrf, get_workspace, small_form
from ..deps import get_runner
from ..downloads import send_file
from ..ruang_pages import get_jobs, render_ruang, start_job, to_job
from ..ruang_tugas import problems_of
from .ruang import number

router = APIRouter()
NAV = None


@router.get("/ruang/versi/{vid}", name="versi", response_class=HTMLResponse)
def version_page(request: Request, vid: str, login: Login) -> HTMLResponse:
    with acting(request, login) as (db, account):
        version = get_version(db, account, number(vid, "Versi buku kerja"))
        siblings = list_versions(db, account, version.kecamatan_id)
        earlier = [v for v in siblings if (v.year, v.number) < (version.year, version.number)]
        return render_ruang(
            request,
            "ruang_versi.html",
            account,
            "kecamatan",
            {
                "title": f"Versi {version.number} Kecamatan {version.kecamatan.name} tahun {version.year}",
                "version": version,
                "problems": problems_of(version.problems),
                "outputs": outputs_of(db, version),
                "previous": earlier[0] if earlier else None,
                "carried_from": get_version(db, account, version.carried_from_id)
                if version.carried_from_id
                else None,
                "office": get_runner(request).office_enabled,
            },
        )


@router.get("/ruang/versi/{vid}/buku-kerja", name="versi_berkas")
def workbook(request: Request, vid: str, login: Login) -> Response:
    with acting(request, login) as (db, account):
        version, path = version_file(
            db, get_workspace(request).files, account, number(vid, "Versi buku kerja")
        )
        return send_file(path, version.original_name)


@router.post("/ruang/versi/{vid}/buat", name="versi_buat")
async def make(request: Request, vid: str, login: Login) -> Response:
    """The version's decree (and its PDF, when LibreOffice is there), made by a worker and kept."""
    version_id = number(vid, "Versi buku kerja")
    fields = await small_form(request)
    check_csrf(request, login, fields)
    return await run_in_threadpool(_make, request, login, version_id)


def _make(request: Request, login, version_id: int) -> Response:
    with acting(request, login) as (db, account):
        version = get_version(db, account, version_id)
        pdf = get_runner(request).office_enabled
        found = get_jobs(request).reusable(account.id, ("buat", version.id))
        if found is None:
            found = start_job(
                request,
                account,
                "generate",
                lambda job, data, db_url: (data, db_url, account.id, version.id, pdf, address(request)),
                kind="buat",
                title=f"Keputusan dari versi {version.number} Kecamatan {version.kecamatan.name} tahun "
                f"{version.year}",
                back=request.url_for("versi", vid=version.id).path,
                key=("buat", version.id),
                seconds=None,
            )
        return to_job(request, found)


@router.get("/ruang/keputusan/{oid}", name="keputusan_berkas")
def decree_file(request: Request, oid: str, login: Login) -> Response:
    with acting(request, login) as (db, account):
        output, path = output_file(db, get_workspace(request).files, account, number(oid, "Berkas keputusan"))
        return send_file(path, output.file_name)
