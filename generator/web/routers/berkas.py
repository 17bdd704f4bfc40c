"""Downloads of a visit's results: /berkas/<job>/<key>, only for the visit that made them."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from ..deps import KnownVisit, job_of
from ..downloads import send_file
from ..pages import error_page

router = APIRouter()
NAV = None
GONE = (
    "Berkas ini tidak ditemukan: mungkin sudah dihapus karena kunjungan Anda berakhir, atau tautannya "
    "milik pengunjung lain. Unggah buku kerjanya lagi."
)


@router.get("/berkas/{pekerjaan}/{kunci}", name="berkas")
def download(request: Request, pekerjaan: str, kunci: str, visit: KnownVisit) -> Response:
    job = job_of(visit, pekerjaan)
    found = job.downloads.get(kunci) if job is not None else None
    if found is None or not found.path.is_file():
        return error_page(request, 404, GONE)
    return send_file(found.path, found.name, inline=found.path.suffix == ".png")
