"""Ruang kerja: a kecamatan's page (its years, versions, upload, comparison) and the background jobs.

An operator reaches only its own kecamatan: every id in a URL goes through the core's ``access``
functions, which answer "not found" for anyone else's, and the worker checks again.
"""

from __future__ import annotations

import shutil

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from ...workspace.access import kecamatan_for, version_for
from ...workspace.errors import NotFound, UploadRefused
from ...workspace.models import Year
from ...workspace.outputs import outputs_of
from ...workspace.versions import list_versions
from ...workspace.years import list_years
from ..auth import Login, acting, address, check_csrf
from ..deps import get_runner, get_settings
from ..downloads import send_file
from ..pages import Nav
from ..present import scrub
from ..progress import view
from ..ruang_jobs import progress_fraction, progress_words
from ..ruang_pages import get_jobs, render_ruang, start_job, to_job
from ..uploads import check_workbook, read_form

router = APIRouter()
NAV = Nav("ruang", "Ruang kerja", "ruang")
FIELD = "buku_kerja"
GONE = (
    "Pekerjaan itu tidak ditemukan: mungkin sudah lama selesai, server dimulai ulang, atau milik akun lain."
)


def number(text: str, what: str) -> int:
    """An id from a URL; anything but a plain number is "not found", like an id of someone else's."""
    if not text.isdigit() or len(text) > 12:
        raise NotFound(f"{what} itu tidak ditemukan.")
    return int(text)


@router.get("/ruang", name="ruang")
def home(request: Request, login: Login) -> Response:
    """The admin's board, or the operator's own kecamatan."""
    with acting(request, login) as (_db, account):
        if account.is_admin:
            return RedirectResponse(request.url_for("papan").path, status_code=303)
        return RedirectResponse(request.url_for("kecamatan", kid=account.kecamatan_id).path, status_code=303)


@router.get("/ruang/kecamatan/{kid}", name="kecamatan", response_class=HTMLResponse)
def kecamatan_page(request: Request, kid: str, login: Login, tahun: str = "") -> HTMLResponse:
    with acting(request, login) as (db, account):
        kecamatan = kecamatan_for(db, account, number(kid, "Kecamatan"))
        years = [y.year for y in list_years(db, account)]
        chosen = int(tahun) if tahun.isdigit() and int(tahun) in years else (years[0] if years else None)
        versions = list_versions(db, account, kecamatan.id)
        outputs = {v.id: outputs_of(db, v) for v in versions if v.year == chosen}
        return render_ruang(
            request,
            "ruang_kecamatan.html",
            account,
            "kecamatan",
            {
                "title": f"Kecamatan {kecamatan.name}",
                "kecamatan": kecamatan,
                "years": years,
                "chosen": chosen,
                "versions": [v for v in versions if v.year == chosen],
                "all_versions": versions,
                "outputs": outputs,
            },
        )


@router.post("/ruang/kecamatan/{kid}/{tahun}/unggah", name="unggah")
async def upload(request: Request, kid: str, tahun: str, login: Login) -> Response:
    """A new version of the kecamatan's workbook for the year; checked in a worker, never overwriting."""
    kecamatan_id, year = number(kid, "Kecamatan"), number(tahun, "Tahun")
    account = await run_in_threadpool(_may_upload, request, login, kecamatan_id, year)
    settings = get_settings(request)
    jobs = get_jobs(request)
    ident, folder = jobs.new_folder()
    try:
        form = await read_form(request, folder, {FIELD: ".xlsx"}, max_file=settings.upload_bytes, max_files=1)
        check_csrf(request, login, form.fields)
        uploads = form.named(FIELD)
        if not uploads:
            raise UploadRefused("Pilih buku kerja .xlsx lebih dahulu, lalu kirim.")
        chosen = uploads[0]
        sentence = await run_in_threadpool(check_workbook, chosen.path)
        if sentence:
            raise UploadRefused(scrub(sentence) + " Tidak ada yang disimpan.")
        entry = start_job(
            request,
            account,
            "upload",
            lambda job, data, db: (
                data,
                db,
                account.id,
                kecamatan_id,
                year,
                str(chosen.path),
                chosen.name,
                address(request),
                settings.upload_bytes,
            ),
            kind="unggah",
            title=f"Unggah {chosen.name} untuk tahun {year}",
            back=request.url_for("kecamatan", kid=kecamatan_id).path + f"?tahun={year}",
            prepared=(ident, folder),
        )
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return to_job(request, entry)


def _may_upload(request: Request, login, kecamatan_id: int, year: int):
    """Refuse before the body is read: another kecamatan (not found) or a year not opened."""
    with acting(request, login) as (db, account):
        kecamatan_for(db, account, kecamatan_id)
        if db.get(Year, year) is None:
            raise UploadRefused(
                f"Tahun {year} belum dibuka oleh admin kabupaten; unggahan belum dapat diterima."
            )
        return account


# --- comparison ----------------------------------------------------------------------------------


@router.get("/ruang/banding", name="banding_versi")
def compare(request: Request, login: Login, lama: str = "", baru: str = "") -> Response:
    """Two versions the account may see, compared by a worker (the same pair reuses its result)."""
    old_id, new_id = number(lama, "Versi buku kerja"), number(baru, "Versi buku kerja")
    with acting(request, login) as (db, account):
        old, new = version_for(db, account, old_id), version_for(db, account, new_id)
        found = get_jobs(request).reusable(account.id, ("banding", old.id, new.id))
        if found is None:
            found = start_job(
                request,
                account,
                "compare",
                lambda job, data, db_url: (data, db_url, account.id, old.id, new.id, str(job.results)),
                kind="banding",
                title=f"Banding versi {old.number} ({old.year}) dan versi {new.number} ({new.year}) "
                f"Kecamatan {new.kecamatan.name}",
                back=request.url_for("kecamatan", kid=new.kecamatan_id).path + f"?tahun={new.year}",
                key=("banding", old.id, new.id),
            )
        return to_job(request, found)


# --- jobs ----------------------------------------------------------------------------------------


@router.get("/ruang/pekerjaan/{jid}", name="pekerjaan", response_class=HTMLResponse)
def job_page(request: Request, jid: str, login: Login) -> HTMLResponse:
    with acting(request, login) as (_db, account):
        entry = get_jobs(request).get(jid, account.id)
        if entry is None:
            raise NotFound(GONE)
        job = entry.job
        state = view(job, get_runner(request))
        return render_ruang(
            request,
            "ruang_pekerjaan.html",
            account,
            entry.kind,
            {
                "title": entry.title,
                "entry": entry,
                "job": job,
                "view": state,
                "waiting": state.waiting,
                "progress": progress_words(job.stage) if job.stage else "",
                "fraction": progress_fraction(job.stage) if job.stage else None,
            },
        )


@router.get("/ruang/pekerjaan/{jid}/{kunci}", name="pekerjaan_berkas")
def job_file(request: Request, jid: str, kunci: str, login: Login) -> Response:
    with acting(request, login) as (_db, account):
        entry = get_jobs(request).get(jid, account.id)
        found = entry.job.downloads.get(kunci) if entry is not None else None
        if found is None or not found.path.is_file():
            raise NotFound(GONE)
        return send_file(found.path, found.name)
