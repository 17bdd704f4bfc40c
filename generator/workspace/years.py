"""Opening a year: every kecamatan's last valid workbook of the year before is carried over with the
same core as `keputusan tahun-baru`, as a new version by "sistem", ready for its operator to revise."""

from __future__ import annotations

import shutil
import traceback
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..cells import YEAR_RANGE
from ..formatting import format_date
from ..yearly import YearlyError, default_target, next_year_workbook
from .access import active, require_admin
from .errors import Conflict, WorkspaceError
from .log import Action, record
from .models import Account, Kecamatan, Source, Version, Year, utcnow
from .storage import Files
from .versions import check_workbook, latest_version, store_version


@dataclass
class OpenedYear:
    """The year opened, the versions carried over, and why each other kecamatan was not."""

    year: Year
    carried: list[Version] = field(default_factory=list)
    not_carried: dict[str, str] = field(default_factory=dict)  # kecamatan name -> one sentence


def list_years(session: Session, account: Account) -> list[Year]:
    """The years opened, newest first; every active account may see them."""
    active(account)
    return list(session.scalars(select(Year).order_by(Year.year.desc())))


def open_year(session: Session, files: Files, account: Account, year: int, address: str = "") -> OpenedYear:
    """Open ``year`` for uploads and carry last year's workbooks over; one failure stops no other."""
    require_admin(account)
    low, high = YEAR_RANGE
    if not low <= year <= high:
        raise WorkspaceError(f"Tahun {year} di luar rentang {low}-{high}.")
    existing = session.get(Year, year)
    if existing is not None:
        raise Conflict(_already(existing))
    opened = Year(year=year, opened_by_id=account.id, opened_at=utcnow())
    session.add(opened)
    try:
        session.flush()
    except IntegrityError as exc:  # opened meanwhile by another admin
        session.rollback()
        raise Conflict(_already(session.get(Year, year))) from exc
    record(session, Action.YEAR_OPENED, f"Tahun {year} dibuka.", account=account, address=address)
    session.commit()

    result = OpenedYear(opened)
    previous = year - 1
    kecamatan = session.scalars(select(Kecamatan).where(Kecamatan.active.is_(True)).order_by(Kecamatan.name))
    for item in list(kecamatan):
        source = latest_version(session, item.id, previous, valid=True)
        if source is None:
            any_version = latest_version(session, item.id, previous)
            result.not_carried[item.name] = (
                f"Semua versi buku kerja tahun {previous} masih memuat galat; unggah buku kerja {year} "
                "sendiri."
                if any_version
                else f"Tidak ada buku kerja tahun {previous}; unggah buku kerja {year} sendiri."
            )
            continue
        try:
            result.carried.append(carry_over(session, files, item, source, year, address))
        except Exception as exc:  # one kecamatan's workbook must not keep the others from opening
            session.rollback()
            reason = str(exc) if isinstance(exc, YearlyError | WorkspaceError) else _crash(exc)
            result.not_carried[item.name] = reason
            record(
                session,
                Action.CARRY_FAILED,
                f"Versi {source.number} tahun {previous} Kecamatan {item.name} tidak dapat dibawa ke {year}: "
                f"{reason}",
                kecamatan_id=item.id,
                version_id=source.id,
                address=address,
            )
            session.commit()
    return result


def _already(existing: Year | None) -> str:
    if existing is None:
        return "Tahun itu sudah dibuka."
    who = f" oleh {existing.opened_by.label}" if existing.opened_by else ""
    return (
        f"Tahun {existing.year} sudah dibuka pada {format_date(existing.opened_at.astimezone().date())}{who}."
    )


def _crash(exc: Exception) -> str:
    detail = traceback.format_exception_only(type(exc), exc)[-1].strip()
    return f"Kesalahan tak terduga saat membawa buku kerja ({detail[:200]})."


def carry_over(
    session: Session, files: Files, kecamatan: Kecamatan, source: Version, year: int, address: str = ""
) -> Version:
    """``source``'s workbook for ``year`` (number and date emptied, year moved), stored as a version."""
    with files.scratch() as work:
        original = work / "sumber" / source.original_name
        original.parent.mkdir()
        shutil.copyfile(files.path(source.stored_name), original)
        target = work / "baru" / default_target(original, kecamatan.name, year).name
        made = next_year_workbook(original, year, target, files_allowed=False)
        data = made.target.read_bytes()
        name = made.target.name
    checked = check_workbook(files, data, name)
    notes = [
        f"Dibawa dari versi {source.number} tahun {source.year}; Nomor dan Tanggal Penetapan dikosongkan."
    ]
    notes += [f'{c.where}: "{c.old}" menjadi "{c.new}".' for c in made.changes]
    notes += [f"{where}: masih menyebut {source.year}; periksa sendiri." for where in made.to_check]
    notes += list(made.notes)
    return store_version(
        session,
        files,
        kecamatan,
        year,
        data,
        name,
        checked,
        account=None,
        source=Source.CARRIED,
        carried_from=source,
        note="\n".join(notes),
        address=address,
    )
