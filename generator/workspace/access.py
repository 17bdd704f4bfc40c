"""Who may do what, checked by every service itself: the pages only hide what the core refuses."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from .errors import NotAllowed, NotFound
from .models import Account, Kecamatan, Output, Version


def active(account: Account) -> Account:
    """The account, when it may still act (an account switched off mid-session may not)."""
    if not account.active:
        raise NotAllowed(f"Akun {account.username} tidak aktif; hubungi admin kabupaten.")
    return account


def require_admin(account: Account) -> Account:
    active(account)
    if not account.is_admin:
        raise NotAllowed("Hanya admin kabupaten yang boleh melakukan ini.")
    return account


def may_see(account: Account, kecamatan_id: int) -> bool:
    return account.active and (account.is_admin or account.kecamatan_id == kecamatan_id)


def kecamatan_for(session: Session, account: Account, kecamatan_id: int) -> Kecamatan:
    """The kecamatan, when the account may see it; another kecamatan is "not found", never "forbidden"."""
    active(account)
    kecamatan = session.get(Kecamatan, kecamatan_id)
    if kecamatan is None or not may_see(account, kecamatan.id):
        raise NotFound("Kecamatan itu tidak ditemukan.")
    return kecamatan


def version_for(session: Session, account: Account, version_id: int) -> Version:
    active(account)
    version = session.get(Version, version_id)
    if version is None or not may_see(account, version.kecamatan_id):
        raise NotFound("Versi buku kerja itu tidak ditemukan.")
    return version


def output_for(session: Session, account: Account, output_id: int) -> Output:
    active(account)
    output = session.get(Output, output_id)
    if output is None or not may_see(account, output.version.kecamatan_id):
        raise NotFound("Berkas keputusan itu tidak ditemukan.")
    return output


def list_kecamatan_for(session: Session, account: Account) -> list[Kecamatan]:
    """Every kecamatan for the admin; only its own for an operator."""
    active(account)
    query = select(Kecamatan).where(Kecamatan.active.is_(True)).order_by(Kecamatan.name)
    if not account.is_admin:
        query = query.where(Kecamatan.id == account.kecamatan_id)
    return list(session.scalars(query))
