"""A backup is one consistent copy of database and files; restoring it gives back the same rows and
files, after every hash is checked."""

from __future__ import annotations

import json
import zipfile

import pytest
from sqlalchemy import select

from generator.workspace import backup as backup_module
from generator.workspace.accounts import authenticate, create_kecamatan
from generator.workspace.backup import MANIFEST, backup, restore, verify_backup
from generator.workspace.config import Config
from generator.workspace.errors import BackupError
from generator.workspace.models import Account, Base, Output
from generator.workspace.outputs import generate_output
from generator.workspace.space import Workspace
from generator.workspace.versions import upload_version
from tests.workspace.helpers import ADDRESS, PASSWORD


def snapshot(config) -> tuple[dict[str, list[tuple]], dict[str, bytes]]:
    """Every row of every table, and every stored file, of a workspace."""
    with Workspace.open(config) as workspace, workspace.begin() as session:
        rows = {
            table.name: sorted(tuple(r) for r in session.execute(select(table)).all())
            for table in Base.metadata.sorted_tables
        }
        files = {name: workspace.files.path(name).read_bytes() for name in workspace.files.stored_names()}
    return rows, files


@pytest.fixture
def filled(session, ws, world, workbook_bytes):
    """Two versions, a decree, and a login: something in every table."""
    v1 = upload_version(session, ws.files, world.op_sale, world.sale.id, 2020, workbook_bytes(), "sale.xlsx")
    generate_output(session, ws.files, world.op_sale, v1.id)
    broken = workbook_bytes(change=lambda d: d["processes"][1].update(parent="P.9"))
    upload_version(session, ws.files, world.op_sale, world.sale.id, 2020, broken, "sale-2.xlsx")
    authenticate(session, "operator.sale", PASSWORD, ADDRESS)
    return ws


def test_a_restored_backup_has_the_same_rows_and_files(backend, config, filled, make_config, tmp_path):
    result = backup(filled, tmp_path / "cadangan.zip")
    assert result.problems == [] and result.files == 3 and result.database == backend
    before = snapshot(config)
    target = make_config(backend, "pulih", empty=True)
    restored = restore(target, tmp_path / "cadangan.zip")
    assert restored.consistency.ok and restored.files == 3 and restored.previous is None
    rows, files = snapshot(target)
    assert files == before[1]
    restore_log = rows["audit_log"][-1]
    rows["audit_log"] = rows["audit_log"][:-1]  # the restore logs itself
    assert rows == before[0] and restore_log[4] == "pulihkan"


def test_the_manifest_lists_every_file_with_its_hash(config, filled, tmp_path):
    backup(filled, tmp_path / "cadangan.zip")
    manifest = verify_backup(tmp_path / "cadangan.zip")
    with zipfile.ZipFile(tmp_path / "cadangan.zip") as archive:
        names = set(archive.namelist())
        assert json.loads(archive.read(MANIFEST)) == manifest
    assert names == {MANIFEST, manifest["database"]["file"], *(f["name"] for f in manifest["files"])}
    assert manifest["rows"]["version"] == 2 and manifest["rows"]["output"] == 1
    assert all(len(f["sha256"]) == 64 for f in manifest["files"])


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_backup_as_a_folder_restores_too(config, filled, make_config, tmp_path):
    backup(filled, tmp_path / "cadangan", as_folder=True)
    assert (tmp_path / "cadangan" / MANIFEST).is_file()
    restored = restore(make_config("sqlite", "pulih"), tmp_path / "cadangan")
    assert restored.consistency.ok and restored.files == 3


def test_a_file_stored_after_the_snapshot_is_not_in_the_backup(config, filled, tmp_path, monkeypatch):
    """The file list comes from the copied database, not from the folder at copy time."""
    real = backup_module._copy_files

    def upload_meanwhile(files, entries, staging):
        (files.root / "berkas" / "unggahan" / f"{'b' * 64}.xlsx").write_bytes(b"datang belakangan")
        return real(files, entries, staging)

    monkeypatch.setattr(backup_module, "_copy_files", upload_meanwhile)
    result = backup(filled, tmp_path / "cadangan.zip")
    assert f"berkas/unggahan/{'b' * 64}.xlsx" not in {f["name"] for f in verify_backup(result.path)["files"]}


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_missing_file_is_reported_in_the_backup(config, filled, session, tmp_path):
    output = session.scalars(select(Output)).one()
    filled.files.path(output.stored_name).unlink()
    result = backup(filled, tmp_path / "cadangan.zip")
    assert result.files == 2 and len(result.problems) == 1 and "hilang" in result.problems[0]


def test_restoring_into_a_folder_in_use_needs_timpa_and_keeps_the_old_content(
    backend, config, filled, make_config, tmp_path, workbook_bytes
):
    backup(filled, tmp_path / "cadangan.zip")
    before = snapshot(config)
    with filled.begin() as session:
        admin = session.scalar(select(Account).where(Account.username == "admin"))
        create_kecamatan(session, admin, "Kragan")
    changed = snapshot(config)
    with pytest.raises(BackupError, match="tidak kosong .*--timpa"):
        restore(config, tmp_path / "cadangan.zip")
    assert snapshot(config) == changed  # refused: nothing touched
    filled.close()
    restored = restore(config, tmp_path / "cadangan.zip", overwrite=True)
    assert restored.previous is not None and restored.previous.is_file()
    rows, files = snapshot(config)
    assert files == before[1] and rows["kecamatan"] == before[0]["kecamatan"]
    previous = verify_backup(restored.previous)
    assert previous["rows"]["kecamatan"] == 3  # the replaced content, Kragan included, is kept aside


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_tampered_backup_restores_nothing(config, filled, make_config, tmp_path):
    backup(filled, tmp_path / "cadangan.zip")
    manifest = verify_backup(tmp_path / "cadangan.zip")
    victim = manifest["files"][0]["name"]
    with (
        zipfile.ZipFile(tmp_path / "cadangan.zip") as source,
        zipfile.ZipFile(tmp_path / "palsu.zip", "w") as fake,
    ):
        for info in source.infolist():
            data = source.read(info.filename)
            fake.writestr(
                info.filename, data[:-1] + bytes([data[-1] ^ 1]) if info.filename == victim else data
            )
    target = make_config("sqlite", "pulih")
    with pytest.raises(BackupError, match="tidak sama dengan manifesnya"):
        restore(target, tmp_path / "palsu.zip")
    assert not target.data_dir.exists() or not any(target.data_dir.rglob("*"))


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_backup_of_sqlite_is_not_restored_into_postgresql(config, filled, tmp_path):
    backup(filled, tmp_path / "cadangan.zip")
    with pytest.raises(BackupError, match="berisi basis data sqlite"):
        restore(
            Config(tmp_path / "lain", "postgresql://x@/tidak_ada?host=/nonexistent"),
            tmp_path / "cadangan.zip",
        )


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_backup_is_never_written_over_a_file_or_inside_the_data_folder(config, filled, tmp_path):
    (tmp_path / "ada.zip").write_bytes(b"lama")
    with pytest.raises(BackupError, match="sudah ada"):
        backup(filled, tmp_path / "ada.zip")
    assert (tmp_path / "ada.zip").read_bytes() == b"lama"
    with pytest.raises(BackupError, match="di dalam folder data"):
        backup(filled, config.data_dir / "cadangan.zip")
