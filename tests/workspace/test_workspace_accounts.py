"""Accounts: made by the admin, passwords hashed with argon2, logins rate-limited and logged."""

from __future__ import annotations

import datetime as dt

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from generator.workspace import passwords
from generator.workspace.accounts import (
    LoginPolicy,
    authenticate,
    change_password,
    create_account,
    create_admin,
    create_kecamatan,
    get_account,
    reset_password,
    set_active,
)
from generator.workspace.errors import (
    Conflict,
    LoginRefused,
    NotAllowed,
    NotFound,
    RateLimited,
    WeakPassword,
    WorkspaceError,
)
from generator.workspace.log import Action, entries
from generator.workspace.models import Account, Role
from tests.workspace.helpers import ADDRESS, PASSWORD


def test_first_admin_is_stored_with_an_argon2_hash_never_the_password(session):
    admin = create_admin(session, "Admin.Ortala", PASSWORD, "Sri Lestari", "Kabupaten Rembang")
    stored = session.scalar(select(Account).where(Account.id == admin.id))
    assert stored.username == "admin.ortala" and stored.role == "admin" and stored.kecamatan_id is None
    assert stored.password_hash.startswith("$argon2id$") and PASSWORD not in stored.password_hash
    assert passwords.verify(stored.password_hash, PASSWORD)
    assert [e.action for e in entries(session)] == [Action.ACCOUNT_CREATED.value]


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("Pendek-1", "terlalu pendek"),
        ("aaaaaaaaaaaa", "5 karakter yang berbeda"),
        ("1234567890123", "tanpa huruf"),
        ("Password2026!", "kata umum"),
        ("R4h4s1a-2026", "kata umum"),
        ("admin.ortala-99", "nama pengguna"),
        (" Kopi-Tubruk-9", "spasi"),
        ("x" * 257, "terlalu panjang"),
    ],
)
def test_a_weak_password_is_refused_with_a_sentence(session, password, why):
    with pytest.raises(WeakPassword, match=why):
        create_admin(session, "admin.ortala", password)
    assert session.scalars(select(Account)).all() == []


def test_user_names_are_checked_and_unique(session, world):
    with pytest.raises(WorkspaceError, match="Nama pengguna harus"):
        create_account(session, world.admin, "a b", PASSWORD, Role.OPERATOR, world.sale.id)
    with pytest.raises(Conflict, match="sudah dipakai"):
        create_account(session, world.admin, "OPERATOR.SALE", PASSWORD, Role.OPERATOR, world.sale.id)


def test_an_operator_belongs_to_one_kecamatan_and_an_admin_to_none(session, world):
    with pytest.raises(NotFound):
        create_account(session, world.admin, "operator.x", PASSWORD, Role.OPERATOR, None)
    with pytest.raises(NotFound):
        create_account(session, world.admin, "operator.x", PASSWORD, Role.OPERATOR, 999)
    with pytest.raises(WorkspaceError, match="tidak terikat"):
        create_account(session, world.admin, "admin.dua", PASSWORD, Role.ADMIN, world.sale.id)
    second = create_account(session, world.admin, "admin.dua", PASSWORD, Role.ADMIN)
    assert second.is_admin and second.kecamatan_id is None


def test_only_the_admin_manages_accounts_and_kecamatan(session, world):
    with pytest.raises(NotAllowed):
        create_account(session, world.op_sale, "operator.x", PASSWORD, Role.OPERATOR, world.sale.id)
    with pytest.raises(NotAllowed):
        create_account(session, world.op_sale, "admin.x", PASSWORD, Role.ADMIN)
    with pytest.raises(NotAllowed):
        create_kecamatan(session, world.op_sale, "Kragan")
    with pytest.raises(NotAllowed):
        set_active(session, world.op_sale, world.op_pamotan.id, False)
    with pytest.raises(NotAllowed):
        reset_password(session, world.op_sale, world.op_pamotan.id, "Teh-Manis-Hangat-5")


def test_kecamatan_names_are_one_per_kecamatan_whatever_the_spelling(session, world):
    with pytest.raises(Conflict):
        create_kecamatan(session, world.admin, "  kecamatan   SALE ")


def test_login_with_the_right_password_is_logged_with_its_address(session, world):
    account = authenticate(session, "Operator.Sale", PASSWORD, ADDRESS)
    assert account.id == world.op_sale.id
    last = entries(session, limit=1)[0]
    assert (last.action, last.account_id, last.address) == (Action.LOGIN.value, account.id, ADDRESS)


@pytest.mark.parametrize("username", ["operator.sale", "tidak.ada"])
def test_a_wrong_password_or_unknown_name_gets_the_same_sentence(session, world, username):
    with pytest.raises(LoginRefused) as refused:
        authenticate(session, username, "Salah-Sandi-123", ADDRESS)
    assert str(refused.value) == "Nama pengguna atau kata sandi salah."
    assert entries(session, limit=1)[0].action == Action.LOGIN_FAILED.value


def test_too_many_failures_lock_the_account_from_that_address_only_until_the_window_passes(session, world):
    policy = LoginPolicy(max_failures=3, window=dt.timedelta(minutes=15))
    start = dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.UTC)
    for minute in range(3):
        with pytest.raises(LoginRefused):
            authenticate(
                session, "operator.sale", "Salah-Sandi-123", ADDRESS, policy=policy,
                now=start + dt.timedelta(minutes=minute),
            )  # fmt: skip
    with pytest.raises(RateLimited, match="coba lagi dalam 13 menit") as locked:
        authenticate(
            session, "operator.sale", PASSWORD, ADDRESS, policy=policy, now=start + dt.timedelta(minutes=2)
        )
    assert 12 * 60 < locked.value.retry_after <= 13 * 60
    other_address = authenticate(
        session, "operator.sale", PASSWORD, "198.51.100.7", policy=policy, now=start + dt.timedelta(minutes=3)
    )
    assert other_address.id == world.op_sale.id
    later = authenticate(
        session, "operator.sale", PASSWORD, ADDRESS, policy=policy, now=start + dt.timedelta(minutes=16)
    )
    assert later.id == world.op_sale.id


def test_a_success_forgives_earlier_failures(session, world):
    policy = LoginPolicy(max_failures=2)
    now = dt.datetime(2026, 3, 1, 8, 0, tzinfo=dt.UTC)
    for step in range(3):  # fail, succeed, fail: never two failures in a row
        moment = now + dt.timedelta(seconds=step)
        if step == 1:
            authenticate(session, "operator.sale", PASSWORD, ADDRESS, policy=policy, now=moment)
        else:
            with pytest.raises(LoginRefused) as refused:
                authenticate(session, "operator.sale", "Salah-Sandi-123", ADDRESS, policy=policy, now=moment)
            assert not isinstance(refused.value, RateLimited)


def test_a_hash_made_with_weaker_settings_is_renewed_at_login(session, world, monkeypatch):
    stronger = PasswordHasher(time_cost=2, memory_cost=16, parallelism=1)
    monkeypatch.setattr(passwords, "hasher", stronger)
    before = world.op_sale.password_hash
    assert "t=1" in before
    authenticate(session, "operator.sale", PASSWORD, ADDRESS)
    after = session.get(Account, world.op_sale.id).password_hash
    assert after != before and "t=2" in after and passwords.verify(after, PASSWORD)


def test_an_inactive_account_cannot_log_in_or_act(session, world):
    set_active(session, world.admin, world.op_sale.id, False)
    with pytest.raises(LoginRefused, match="tidak aktif"):
        authenticate(session, "operator.sale", PASSWORD, ADDRESS)
    with pytest.raises(NotAllowed, match="tidak aktif"):
        get_account(session, world.op_sale.id)
    with pytest.raises(NotAllowed):
        set_active(session, world.admin, world.admin.id, False)


def test_changing_a_password_needs_the_old_one(session, world):
    with pytest.raises(LoginRefused, match="lama salah"):
        change_password(session, world.op_sale, "Salah-Sandi-123", "Teh-Manis-Hangat-5")
    with pytest.raises(WeakPassword):
        change_password(session, world.op_sale, PASSWORD, "pendek")
    change_password(session, world.op_sale, PASSWORD, "Teh-Manis-Hangat-5")
    assert authenticate(session, "operator.sale", "Teh-Manis-Hangat-5", ADDRESS).id == world.op_sale.id
    with pytest.raises(LoginRefused):
        authenticate(session, "operator.sale", PASSWORD, ADDRESS)


def test_the_admin_resets_a_forgotten_password(session, world):
    reset_password(session, world.admin, world.op_pamotan.id, "Teh-Manis-Hangat-5")
    assert authenticate(session, "operator.pamotan", "Teh-Manis-Hangat-5", ADDRESS).id == world.op_pamotan.id
    assert entries(session, limit=2)[1].action == Action.PASSWORD_CHANGED.value
