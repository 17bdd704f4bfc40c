"""The audit log: one row per thing done, written in the same transaction as the thing itself."""

from __future__ import annotations

from enum import Enum

from sqlalchemy import select
from sqlalchemy.orm import Session

from .access import active, kecamatan_for
from .models import SYSTEM, Account, AuditLog, utcnow


class Action(str, Enum):
    LOGIN = "masuk"
    LOGIN_FAILED = "masuk-gagal"
    ACCOUNT_CREATED = "akun-baru"
    ACCOUNT_CHANGED = "akun-diubah"
    PASSWORD_CHANGED = "sandi-diubah"
    KECAMATAN_CREATED = "kecamatan-baru"
    OFFICE_CHANGED = "kantor-diubah"
    UPLOAD = "unggah"
    CARRIED = "tahun-baru"
    CARRY_FAILED = "tahun-baru-gagal"
    GENERATED = "buat"
    YEAR_OPENED = "tahun-dibuka"
    ORPHAN = "berkas-yatim"
    MISSING = "berkas-hilang"
    DAMAGED = "berkas-rusak"
    RESTORED = "pulihkan"


def record(
    session: Session,
    action: Action,
    detail: str,
    *,
    account: Account | None = None,
    kecamatan_id: int | None = None,
    version_id: int | None = None,
    address: str = "",
) -> AuditLog:
    """Add a log row to the session; it is committed with the work it describes."""
    row = AuditLog(
        at=utcnow(),
        account_id=account.id if account is not None else None,
        actor=account.label if account is not None else SYSTEM,
        action=action.value,
        kecamatan_id=kecamatan_id,
        version_id=version_id,
        address=address[:64],
        detail=detail,
    )
    session.add(row)
    return row


def entries(session: Session, *, kecamatan_id: int | None = None, limit: int = 200) -> list[AuditLog]:
    """The newest log rows first, of one kecamatan or of all (no check: see ``log_for``)."""
    query = select(AuditLog).order_by(AuditLog.id.desc()).limit(limit)
    if kecamatan_id is not None:
        query = query.where(AuditLog.kecamatan_id == kecamatan_id)
    return list(session.scalars(query))


def log_for(
    session: Session, account: Account, *, kecamatan_id: int | None = None, limit: int = 200
) -> list[AuditLog]:
    """The log a page shows: all of it (or one kecamatan's) for the admin, only its own kecamatan's
    for an operator, whatever ``kecamatan_id`` asks for."""
    active(account)
    if not account.is_admin:
        kecamatan_id = account.kecamatan_id
    elif kecamatan_id is not None:
        kecamatan_for(session, account, kecamatan_id)
    return entries(session, kecamatan_id=kecamatan_id, limit=limit)
