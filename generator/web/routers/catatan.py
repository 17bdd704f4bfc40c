"""Catatan kegiatan: who did what, when (the admin sees all of it, an operator its own kecamatan's)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ...workspace.access import kecamatan_for, list_kecamatan_for
from ...workspace.log import log_for
from ..auth import Login, acting
from ..ruang_pages import render_ruang
from .ruang import number

router = APIRouter()
NAV = None
SHOWN = 300


@router.get("/ruang/catatan", name="catatan", response_class=HTMLResponse)
def audit_log(request: Request, login: Login, kecamatan: str = "") -> HTMLResponse:
    with acting(request, login) as (db, account):
        chosen = number(kecamatan, "Kecamatan") if kecamatan else None
        if chosen is not None:
            kecamatan_for(db, account, chosen)  # another kecamatan's log: not found, as any id of it
        rows = log_for(db, account, kecamatan_id=chosen, limit=SHOWN)
        places = {k.id: k.name for k in list_kecamatan_for(db, account)}
        return render_ruang(
            request,
            "ruang_catatan.html",
            account,
            "catatan",
            {"title": "Catatan kegiatan", "rows": rows, "places": places, "chosen": chosen, "shown": SHOWN},
        )
