"""Accounts, kecamatan and the office: created by the admin (the first admin by `keputusan admin-baru`),
logins checked with argon2 and rate-limited per account and address."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from . import passwords
from .access import active, require_admin
from .errors import Conflict, LoginRefused, NotAllowed, NotFound, RateLimited, WorkspaceError
from .log import Action, record
from .models import Account, Kecamatan, LoginAttempt, Office, Role, utcnow

USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{2,63}")
WRONG = "Nama pengguna atau kata sandi salah."


@dataclass(frozen=True)
class LoginPolicy:
    """At most ``max_failures`` failed logins per account and address within ``window``."""

    max_failures: int = 5
    window: dt.timedelta = dt.timedelta(minutes=15)
    keep: dt.timedelta = dt.timedelta(days=1)  # attempts older than this are forgotten


LOGIN_POLICY = LoginPolicy()


def fold(username: str) -> str:
    return username.strip().casefold()


def _checked_username(username: str) -> str:
    name = fold(username)
    if not USERNAME.fullmatch(name):
        raise WorkspaceError(
            "Nama pengguna harus 3-64 karakter: huruf kecil, angka, titik, garis bawah atau tanda "
            "hubung, diawali huruf atau angka (misalnya operator.sale)."
        )
    return name


def _clean(text: str, limit: int) -> str:
    """A name as typed, with control characters and runs of spaces removed, cut to the column's size."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())[:limit]


def _add_account(session: Session, account: Account) -> Account:
    session.add(account)
    try:
        session.flush()
    except IntegrityError as exc:
        session.rollback()
        raise Conflict(f"Nama pengguna {account.username} sudah dipakai; pilih nama lain.") from exc
    return account


def create_admin(
    session: Session, username: str, password: str, full_name: str = "", office: str = ""
) -> Account:
    """An admin account made from the server's command line (the first one, or one more)."""
    name = _checked_username(username)
    passwords.check_strength(password, name)
    if office.strip():
        _set_office(session, office)
    account = _add_account(
        session,
        Account(
            username=name,
            full_name=_clean(full_name, 200),
            role=Role.ADMIN.value,
            password_hash=passwords.hash_password(password),
        ),
    )
    record(
        session, Action.ACCOUNT_CREATED, f"Admin {account.label} dibuat dari baris perintah.", account=account
    )
    session.commit()
    return account


def create_account(
    session: Session,
    admin: Account,
    username: str,
    password: str,
    role: Role,
    kecamatan_id: int | None = None,
    full_name: str = "",
    address: str = "",
) -> Account:
    """An account the admin gives out: an operator belongs to exactly one kecamatan, an admin to none."""
    require_admin(admin)
    name = _checked_username(username)
    passwords.check_strength(password, name)
    role = Role(role)
    kecamatan = None
    if role is Role.OPERATOR:
        kecamatan = session.get(Kecamatan, kecamatan_id) if kecamatan_id is not None else None
        if kecamatan is None:
            raise NotFound("Akun operator harus untuk satu kecamatan yang terdaftar.")
    elif kecamatan_id is not None:
        raise WorkspaceError("Akun admin kabupaten tidak terikat pada satu kecamatan.")
    account = _add_account(
        session,
        Account(
            username=name,
            full_name=_clean(full_name, 200),
            role=role.value,
            kecamatan_id=kecamatan.id if kecamatan else None,
            password_hash=passwords.hash_password(password),
        ),
    )
    where = f" Kecamatan {kecamatan.name}" if kecamatan else " kabupaten"
    record(
        session,
        Action.ACCOUNT_CREATED,
        f"Akun {role.value} {account.label} untuk{where} dibuat.",
        account=admin,
        kecamatan_id=account.kecamatan_id,
        address=address,
    )
    session.commit()
    return account


def create_kecamatan(session: Session, admin: Account, name: str, address: str = "") -> Kecamatan:
    """A kecamatan of the kabupaten, named as its workbook's Kantor sheet names it ("Sale")."""
    require_admin(admin)
    clean = _clean(name, 120)
    if not clean:
        raise WorkspaceError("Nama kecamatan tidak boleh kosong.")
    kecamatan = Kecamatan(name=clean, key=kecamatan_key(clean))
    session.add(kecamatan)
    try:
        session.flush()
    except IntegrityError as exc:
        session.rollback()
        raise Conflict(f"Kecamatan {clean} sudah terdaftar.") from exc
    record(
        session,
        Action.KECAMATAN_CREATED,
        f"Kecamatan {clean} didaftarkan.",
        account=admin,
        kecamatan_id=kecamatan.id,
        address=address,
    )
    session.commit()
    return kecamatan


def kecamatan_key(name: str) -> str:
    """ "Kecamatan  Sale" and "sale" are the same kecamatan."""
    folded = " ".join(name.split()).casefold()
    return folded.removeprefix("kecamatan ").strip()


def office_name(session: Session) -> str:
    office = session.get(Office, 1)
    return office.name if office else ""


def _set_office(session: Session, name: str) -> Office:
    office = session.get(Office, 1) or Office(id=1, name="")
    office.name = _clean(name, 200)
    office.updated_at = utcnow()
    session.add(office)
    return office


def set_office(session: Session, admin: Account, name: str, address: str = "") -> Office:
    """The kabupaten's name, printed on the pages and in the year's zip ("Kabupaten Rembang")."""
    require_admin(admin)
    office = _set_office(session, name)
    record(
        session, Action.OFFICE_CHANGED, f"Nama kantor menjadi {office.name}.", account=admin, address=address
    )
    session.commit()
    return office


def admin_count(session: Session) -> int:
    """How many active admins there are (none: the server tells its operator to run admin-baru)."""
    query = select(func.count()).select_from(Account).where(Account.role == Role.ADMIN.value, Account.active)
    return session.scalar(query) or 0


def list_accounts(session: Session, admin: Account) -> list[Account]:
    require_admin(admin)
    return list(session.scalars(select(Account).order_by(Account.role, Account.username)))


def get_account(session: Session, account_id: int) -> Account:
    """The account a login session names; refused when it no longer exists or was switched off."""
    account = session.get(Account, account_id)
    if account is None:
        raise NotAllowed("Akun ini tidak ada lagi; silakan masuk kembali.")
    return active(account)


def _managed(session: Session, admin: Account, account_id: int) -> Account:
    """An account the admin is about to change."""
    require_admin(admin)
    account = session.get(Account, account_id)
    if account is None:
        raise NotFound("Akun itu tidak ditemukan.")
    return account


def set_active(
    session: Session, admin: Account, account_id: int, is_active: bool, address: str = ""
) -> Account:
    """Switch an account off (it can no longer log in or act) or on again; never the admin's own."""
    account = _managed(session, admin, account_id)
    if account.id == admin.id and not is_active:
        raise NotAllowed("Admin tidak dapat menonaktifkan akunnya sendiri.")
    account.active = is_active
    state = "diaktifkan" if is_active else "dinonaktifkan"
    record(
        session,
        Action.ACCOUNT_CHANGED,
        f"Akun {account.label} {state}.",
        account=admin,
        kecamatan_id=account.kecamatan_id,
        address=address,
    )
    session.commit()
    return account


def reset_password(
    session: Session, admin: Account, account_id: int, new_password: str, address: str = ""
) -> Account:
    """The admin sets a new password for someone who forgot theirs."""
    account = _managed(session, admin, account_id)
    _set_password(account, new_password)
    record(
        session,
        Action.PASSWORD_CHANGED,
        f"Kata sandi {account.label} diganti oleh admin.",
        account=admin,
        kecamatan_id=account.kecamatan_id,
        address=address,
    )
    session.commit()
    return account


def change_password(
    session: Session, account: Account, old_password: str, new_password: str, address: str = ""
) -> Account:
    """The account's owner changes its password, giving the old one."""
    active(account)
    if not passwords.verify(account.password_hash, old_password):
        raise LoginRefused("Kata sandi lama salah; kata sandi tidak diganti.")
    if old_password == new_password:
        raise WorkspaceError("Kata sandi baru harus berbeda dari yang lama.")
    _set_password(account, new_password)
    record(
        session,
        Action.PASSWORD_CHANGED,
        f"{account.label} mengganti kata sandinya.",
        account=account,
        kecamatan_id=account.kecamatan_id,
        address=address,
    )
    session.commit()
    return account


def _set_password(account: Account, password: str) -> None:
    passwords.check_strength(password, account.username)
    account.password_hash = passwords.hash_password(password)
    account.password_changed_at = utcnow()


def authenticate(
    session: Session,
    username: str,
    password: str,
    address: str,
    *,
    policy: LoginPolicy = LOGIN_POLICY,
    now: dt.datetime | None = None,
) -> Account:
    """The account whose password this is; refused with one sentence, and after too many failures
    for this account from this address, refused even with the right password until the window passes."""
    now = now or utcnow()
    name, address = fold(username)[:64], address[:64]
    session.execute(delete(LoginAttempt).where(LoginAttempt.at < now - policy.keep))
    wait = _locked_for(session, name, address, policy, now)
    if wait:
        session.commit()
        minutes = max(1, math.ceil(wait / 60))
        raise RateLimited(
            f"Terlalu banyak percobaan masuk yang gagal untuk akun ini dari alamat ini; coba lagi "
            f"dalam {minutes} menit.",
            retry_after=wait,
        )
    account = session.scalar(select(Account).where(Account.username == name))
    if account is None:
        passwords.verify_nobody(password)
    if account is None or not passwords.verify(account.password_hash, password):
        session.add(LoginAttempt(username=name, address=address, at=now, success=False))
        record(
            session,
            Action.LOGIN_FAILED,
            f"Percobaan masuk gagal sebagai {name}.",
            account=account,
            kecamatan_id=account.kecamatan_id if account else None,
            address=address,
        )
        session.commit()
        raise LoginRefused(WRONG)
    if not account.active:
        session.commit()
        raise LoginRefused("Akun ini tidak aktif; hubungi admin kabupaten.")
    if passwords.needs_rehash(account.password_hash):
        account.password_hash = passwords.hash_password(password)
    session.add(LoginAttempt(username=name, address=address, at=now, success=True))
    record(
        session,
        Action.LOGIN,
        f"{account.label} masuk.",
        account=account,
        kecamatan_id=account.kecamatan_id,
        address=address,
    )
    session.commit()
    return account


def _locked_for(session: Session, name: str, address: str, policy: LoginPolicy, now: dt.datetime) -> int:
    """Seconds until the next try is allowed; 0 when not locked. Failures before a success do not count."""
    since = now - policy.window
    mine = (LoginAttempt.username == name, LoginAttempt.address == address, LoginAttempt.at >= since)
    last_success = session.scalar(
        select(func.max(LoginAttempt.at)).where(*mine, LoginAttempt.success.is_(True))
    )
    failures = select(LoginAttempt.at).where(*mine, LoginAttempt.success.is_(False))
    if last_success is not None:
        failures = failures.where(LoginAttempt.at > last_success)
    times = sorted(session.scalars(failures))
    if len(times) < policy.max_failures:
        return 0
    unlock = times[-policy.max_failures] + policy.window
    return max(1, math.ceil((unlock - now).total_seconds()))
