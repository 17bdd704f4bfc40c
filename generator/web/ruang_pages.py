"""What every workspace page shares: its menu by role, the account, and starting a background job."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse

from ..workspace.models import Account
from .auth import get_workspace
from .deps import get_runner, get_settings
from .jobs import Job
from .pages import render
from .ruang_jobs import RuangJob, RuangJobs


@dataclass(frozen=True)
class Item:
    """One link of the workspace's own menu."""

    route: str
    label: str
    key: str
    params: tuple[tuple[str, object], ...] = ()


def menu(account: Account) -> list[Item]:
    if account.is_admin:
        return [
            Item("papan", "Papan status", "papan"),
            Item("kecamatan_daftar", "Kecamatan", "kecamatan"),
            Item("akun_daftar", "Akun", "akun"),
            Item("tahun_daftar", "Tahun", "tahun"),
            Item("catatan", "Catatan kegiatan", "catatan"),
            Item("sandi_form", "Kata sandi", "sandi"),
        ]
    return [
        Item(
            "kecamatan", f"Kecamatan {account.kecamatan.name}", "kecamatan", (("kid", account.kecamatan_id),)
        ),
        Item("catatan", "Catatan kegiatan", "catatan"),
        Item("sandi_form", "Kata sandi", "sandi"),
    ]


def render_ruang(
    request: Request,
    name: str,
    account: Account,
    section: str,
    context: dict[str, object] | None = None,
    status: int = 200,
) -> HTMLResponse:
    """A workspace page: the site's frame, the workspace menu with ``section`` marked, the account."""
    values: dict[str, object] = {
        "area": "ruang",
        "account": account,
        "menu": menu(account),
        "section": section,
    }
    values.update(context or {})
    return render(request, name, values, status=status)


def get_jobs(request: Request) -> RuangJobs:
    return request.app.state.ruang_jobs


def start_job(
    request: Request,
    account: Account,
    task: str,
    args: Callable[[Job, str, str], tuple],
    *,
    kind: str,
    title: str,
    back: str,
    key: tuple = (),
    seconds: float | None = None,
    prepared: tuple[str, object] | None = None,
) -> RuangJob:
    """Queue ``ruang_tugas.<task>``; ``args(job, data_dir, db_url)`` gives its arguments before the stage."""
    jobs = get_jobs(request)
    config = get_workspace(request).config
    ident, folder = prepared if prepared is not None else jobs.new_folder()
    return jobs.submit(
        get_runner(request),
        ident,
        folder,
        task,
        lambda job: args(job, str(config.data_dir), config.db_url),
        owner=account.id,
        kind=kind,
        title=title,
        back=back,
        key=key,
        seconds=seconds,
    )


def to_job(request: Request, entry: RuangJob) -> RedirectResponse:
    return RedirectResponse(request.url_for("pekerjaan", jid=entry.id).path, status_code=303)


def year_seconds(request: Request, kecamatan: int, per_kecamatan: float) -> float:
    """A whole year's job may run longer than one workbook's: the usual limit plus some per kecamatan."""
    return get_settings(request).job_seconds + per_kecamatan * max(1, kecamatan)
