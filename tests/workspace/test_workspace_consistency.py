"""At start-up every row has its file and every file its row; a killed upload leaves nothing half."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import func, select

from generator.workspace.consistency import check_consistency
from generator.workspace.log import Action, entries
from generator.workspace.models import Version
from generator.workspace.space import start
from generator.workspace.storage import ORPHANS, SCRATCH, UPLOADS
from generator.workspace.versions import upload_version

PROJECT = Path(__file__).resolve().parents[2]


def test_a_file_without_its_row_is_moved_to_yatim_and_logged(session, ws, world):
    stray = ws.files.root / UPLOADS / f"{'a' * 64}.xlsx"
    stray.write_bytes(b"sisa unggahan")
    (ws.files.root / SCRATCH / "setengah.tmp").write_bytes(b"x")
    report = check_consistency(session, ws.files)
    assert report.ok and report.scratch_cleared == 1 and not stray.exists()
    [moved] = report.orphans
    assert moved.read_bytes() == b"sisa unggahan" and moved.is_relative_to(ws.files.root / ORPHANS)
    assert entries(session, limit=1)[0].action == Action.ORPHAN.value


def test_a_row_without_its_file_is_reported(session, ws, world, workbook_bytes):
    version = upload_version(
        session, ws.files, world.op_sale, world.sale.id, 2020, workbook_bytes(), "s.xlsx"
    )
    (ws.files.root / version.stored_name).unlink()
    report = check_consistency(session, ws.files)
    assert not report.ok
    assert report.missing == [
        f"Berkas versi 1 Kecamatan Sale tahun 2020 ({version.stored_name}) hilang dari folder data."
    ]
    assert entries(session, limit=1)[0].action == Action.MISSING.value


def test_a_damaged_file_is_reported_when_hashes_are_checked(session, ws, world, workbook_bytes):
    version = upload_version(
        session, ws.files, world.op_sale, world.sale.id, 2020, workbook_bytes(), "s.xlsx"
    )
    path = ws.files.root / version.stored_name
    data = bytearray(path.read_bytes())
    data[100] ^= 0xFF
    path.write_bytes(bytes(data))
    assert check_consistency(session, ws.files).ok  # same size: only the hash tells
    report = check_consistency(session, ws.files, verify_hashes=True)
    assert len(report.damaged) == 1 and "rusak" in report.damaged[0]


CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from argon2 import PasswordHasher
    from sqlalchemy import select
    from generator.workspace import faults, passwords
    from generator.workspace.config import Config
    from generator.workspace.models import Account
    from generator.workspace.space import Workspace
    from generator.workspace.versions import upload_version

    data_dir, url, point, workbook = sys.argv[1:5]
    with Workspace.open(Config(Path(data_dir), url)) as ws, ws.begin() as session:
        operator = session.scalar(select(Account).where(Account.username == "operator.sale"))
        faults.install(point, lambda: os.kill(os.getpid(), signal.SIGKILL))
        upload_version(session, ws.files, operator, operator.kecamatan_id, 2020, Path(workbook).read_bytes(),
                       "sale.xlsx")
        print("diterima", flush=True)
    """
)


@pytest.mark.parametrize(
    ("point", "row_kept"),
    [("berkas-ditulis", False), ("berkas-disimpan", False), ("baris-disimpan", True)],
)
def test_a_server_killed_mid_upload_loses_nothing_it_acknowledged(
    config, ws, world, workbook_bytes, tmp_path, point, row_kept
):
    workbook = tmp_path / "sale.xlsx"
    workbook.write_bytes(workbook_bytes())
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(config.data_dir), config.db_url, point, str(workbook)],
        env={**os.environ, "PYTHONPATH": str(PROJECT)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr[-2000:]
    assert "diterima" not in done.stdout  # killed before the caller was answered
    workspace, report = start(config)
    with workspace, workspace.begin() as session:
        rows = session.scalar(select(func.count()).select_from(Version))
        assert report.ok and rows == (1 if row_kept else 0)
        assert ws.files.stored_names() == set(session.scalars(select(Version.stored_name)))
        assert list((config.data_dir / SCRATCH).iterdir()) == []
        assert len(report.orphans) == (1 if point == "berkas-disimpan" else 0)
