"""`keputusan admin-baru`, `cadangan` and `pulihkan` as an admin types them."""

from __future__ import annotations

import io
import json
import sys
import zipfile

import pytest
from sqlalchemy import select

from generator.cli import main
from generator.workspace import passwords
from generator.workspace.config import Config
from generator.workspace.models import Account
from generator.workspace.space import Workspace
from tests.hostile.conftest import run_limited
from tests.workspace.helpers import PASSWORD


def _accounts(data_dir) -> list[Account]:
    with Workspace.open(Config(data_dir)) as workspace, workspace.begin() as session:
        return list(session.scalars(select(Account)))


def _admin(monkeypatch, data_dir, password: str = PASSWORD, *extra: str) -> int:
    monkeypatch.setattr(sys, "stdin", io.StringIO(password + "\n"))
    return main(["admin-baru", "admin.ortala", "--sandi-stdin", "--data", str(data_dir), *extra])


def test_admin_baru_reads_the_password_from_stdin_and_stores_only_its_hash(monkeypatch, tmp_path, capsys):
    code = _admin(
        monkeypatch, tmp_path / "data", PASSWORD, "--nama", "Sri Lestari", "--kabupaten", "Kab. Rembang"
    )
    assert code == 0
    assert "Admin admin.ortala dibuat" in capsys.readouterr().out
    [admin] = _accounts(tmp_path / "data")
    assert (
        admin.is_admin
        and admin.full_name == "Sri Lestari"
        and passwords.verify(admin.password_hash, PASSWORD)
    )


def test_admin_baru_asks_twice_without_echo(monkeypatch, tmp_path, capsys):
    typed = iter([PASSWORD, PASSWORD])
    monkeypatch.setattr(sys, "stdin", type("Tty", (io.StringIO,), {"isatty": lambda self: True})())
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(typed))
    assert main(["admin-baru", "admin.ortala", "--data", str(tmp_path / "data")]) == 0
    assert [a.username for a in _accounts(tmp_path / "data")] == ["admin.ortala"]


def test_admin_baru_refuses_two_different_passwords(monkeypatch, tmp_path, capsys):
    typed = iter([PASSWORD, PASSWORD + "x"])
    monkeypatch.setattr(sys, "stdin", type("Tty", (io.StringIO,), {"isatty": lambda self: True})())
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(typed))
    assert main(["admin-baru", "admin.ortala", "--data", str(tmp_path / "data")]) == 2
    assert "tidak sama" in capsys.readouterr().err and not (tmp_path / "data").exists()


def test_admin_baru_without_a_terminal_says_to_use_sandi_stdin(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    assert main(["admin-baru", "admin.ortala", "--data", str(tmp_path / "data")]) == 2
    assert "--sandi-stdin" in capsys.readouterr().err


def test_admin_baru_refuses_a_weak_password_and_writes_nothing(monkeypatch, tmp_path, capsys):
    assert _admin(monkeypatch, tmp_path / "data", "rahasia123") == 2
    assert "mudah ditebak" in capsys.readouterr().err and not (tmp_path / "data").exists()


def test_admin_baru_reads_the_data_folder_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("KEPUTUSAN_DATA", str(tmp_path / "dari-env"))
    monkeypatch.setattr(sys, "stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["admin-baru", "admin.ortala", "--sandi-stdin"]) == 0
    assert [a.username for a in _accounts(tmp_path / "dari-env")] == ["admin.ortala"]


def test_admin_baru_refuses_a_name_already_taken(monkeypatch, tmp_path, capsys):
    assert _admin(monkeypatch, tmp_path / "data") == 0
    assert _admin(monkeypatch, tmp_path / "data") == 2
    assert "sudah dipakai" in capsys.readouterr().err


def test_cadangan_then_pulihkan_gives_back_the_workspace(monkeypatch, tmp_path, capsys):
    assert _admin(monkeypatch, tmp_path / "data") == 0
    assert main(["cadangan", str(tmp_path / "cadangan"), "--data", str(tmp_path / "data")]) == 0
    [made] = list((tmp_path / "cadangan").glob("keputusan-cadangan-*.zip"))
    assert f"Cadangan ditulis ke {made}" in capsys.readouterr().out
    assert main(["pulihkan", str(made), "--periksa-saja"]) == 0
    assert "utuh" in capsys.readouterr().out
    assert main(["pulihkan", str(made), "--data", str(tmp_path / "pulih")]) == 0
    assert "semua sidik cocok" in capsys.readouterr().out
    assert [a.username for a in _accounts(tmp_path / "pulih")] == ["admin.ortala"]
    assert main(["pulihkan", str(made), "--data", str(tmp_path / "pulih")]) == 2
    assert "tidak kosong" in capsys.readouterr().err


def test_cadangan_of_no_workspace_says_so(tmp_path, capsys):
    assert main(["cadangan", str(tmp_path / "c.zip"), "--data", str(tmp_path / "kosong")]) == 1
    assert "Belum ada ruang kerja" in capsys.readouterr().err and not (tmp_path / "kosong").exists()


def _zip(path, members: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def _manifest(files: list[dict]) -> bytes:
    return json.dumps(
        {
            "format": "keputusan-cadangan",
            "version": 1,
            "created_at": "2027-01-05T09:30:00+00:00",
            "database": {
                "kind": "sqlite",
                "file": "basis-data.sqlite3",
                "sha256": "0" * 64,
                "size": 1,
                "revision": "0001",
            },
            "rows": {},
            "files": files,
        }
    ).encode()


HOSTILE = {
    "bukan-zip": None,
    "jalur-keluar": {
        "manifest.json": _manifest([{"name": "../../../tmp/keluar.xlsx", "sha256": "0" * 64, "size": 1}]),
        "basis-data.sqlite3": b"x",
        "../../../tmp/keluar.xlsx": b"x",
    },
    "bagian-tak-disebut": {
        "manifest.json": _manifest([]),
        "basis-data.sqlite3": b"x",
        "lain.sh": b"rm -rf /",
    },
    "manifes-bukan-json": {"manifest.json": b"{bukan json", "basis-data.sqlite3": b"x"},
    "bom-manifes": {"manifest.json": b" " * (70 << 20)},
}


@pytest.mark.parametrize("case", list(HOSTILE))
def test_a_hostile_backup_gets_one_sentence_and_restores_nothing(case, tmp_path):
    source = tmp_path / f"{case}.zip"
    if HOSTILE[case] is None:
        source.write_bytes(b"bukan arsip sama sekali")
    else:
        _zip(source, HOSTILE[case])
    outcome = run_limited(["pulihkan", source, "--data", tmp_path / "data"], cwd=tmp_path)
    outcome.assert_clean(2)
    assert "GALAT" in outcome.stderr and len(outcome.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "data").exists() or not any((tmp_path / "data").rglob("*"))
