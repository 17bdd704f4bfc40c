"""Uploads: checked by the core, kept as versions (file under its hash and a row), never overwritten."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import func, select

from generator.workspace import faults, versions
from generator.workspace.errors import Conflict, UploadRefused
from generator.workspace.log import Action, entries
from generator.workspace.models import Version
from generator.workspace.storage import UPLOADS
from generator.workspace.versions import display_name, list_versions, upload_version, version_file
from generator.workspace.years import open_year


def _count(session) -> int:
    return session.scalar(select(func.count()).select_from(Version))


def test_a_valid_upload_is_stored_under_its_hash_with_its_validation(session, ws, world, workbook_bytes):
    data = workbook_bytes()
    version = upload_version(
        session, ws.files, world.op_sale, world.sale.id, 2020, data, "C:\\Dokumen\\sale.xlsx"
    )
    sha = hashlib.sha256(data).hexdigest()
    assert (version.number, version.errors, version.sha256, version.size) == (1, 0, sha, len(data))
    assert version.original_name == "sale.xlsx" and version.uploader == "operator.sale (Budi)"
    assert version.stored_name == f"{UPLOADS}/{sha}.xlsx"
    assert (ws.files.root / version.stored_name).read_bytes() == data
    row, path = version_file(session, ws.files, world.op_sale, version.id)
    assert path.read_bytes() == data
    logged = entries(session, limit=1)[0]
    assert (logged.action, logged.version_id, logged.account_id) == (
        Action.UPLOAD.value,
        version.id,
        world.op_sale.id,
    )


def test_a_workbook_with_errors_is_kept_with_every_problem_and_its_cell(session, ws, world, workbook_bytes):
    def break_it(data):
        data["processes"][1]["parent"] = "P.9"  # a parent that does not exist
        data["decree"][0]["number"] = None  # only a warning: the number is filled in at registration

    version = upload_version(
        session, ws.files, world.op_sale, world.sale.id, 2020, workbook_bytes(change=break_it), "x.xlsx"
    )
    assert version.errors >= 1 and version.warnings >= 1 and not version.valid
    first = version.problems[0]
    assert first["severity"] == "galat" and first["sheet"] == "Proses" and first["cell"]
    assert "P.9" in first["text"] and first["text"].startswith(f"Proses!{first['cell']}")
    assert [p["severity"] for p in version.problems] == sorted(p["severity"] for p in version.problems)


def test_a_cell_naming_a_file_on_the_server_is_an_error_not_a_read(
    session, ws, world, workbook_bytes, tmp_path
):
    secret = tmp_path / "rahasia.png"
    secret.write_bytes(b"\x89PNG\r\n\x1a\n")
    version = upload_version(
        session, ws.files, world.op_sale, world.sale.id, 2020,
        workbook_bytes(change=lambda d: d["office"][0].update(logo=str(secret))), "x.xlsx",
    )  # fmt: skip
    assert version.errors == 1 and version.problems[0]["sheet"] == "Kantor"


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"", "kosong"),
        (b"Kecamatan;Sale\n", "bukan buku kerja Excel"),
        (b"PK\x03\x04" + b"\x00" * 40, "rusak"),
    ],
)
def test_a_file_that_is_no_workbook_is_refused_and_nothing_stored(session, ws, world, data, why):
    with pytest.raises(UploadRefused, match=why):
        upload_version(session, ws.files, world.op_sale, world.sale.id, 2020, data, "sale.csv")
    assert _count(session) == 0 and ws.files.stored_names() == set()


def test_an_upload_over_the_limit_is_refused_before_it_is_read(session, ws, world, workbook_bytes):
    with pytest.raises(UploadRefused, match="lebih dari batas 1 MB"):
        upload_version(
            session, ws.files, world.op_sale, world.sale.id, 2020, b"PK" + b"\x00" * (1 << 20), "besar.xlsx",
            max_bytes=1 << 20,
        )  # fmt: skip
    assert _count(session) == 0


def test_a_workbook_of_another_kecamatan_or_year_is_a_mix_up(session, ws, world, workbook_bytes):
    with pytest.raises(UploadRefused, match="Kecamatan Pamotan .*bukan Kecamatan Sale"):
        upload_version(
            session, ws.files, world.op_sale, world.sale.id, 2020, workbook_bytes("Pamotan"), "p.xlsx"
        )
    open_year(session, ws.files, world.admin, 2021)
    with pytest.raises(UploadRefused, match="untuk tahun 2020 .*bukan 2021"):
        upload_version(session, ws.files, world.op_sale, world.sale.id, 2021, workbook_bytes(), "s.xlsx")
    assert ws.files.stored_names() == set()


def test_a_year_not_opened_takes_no_upload(session, ws, world, workbook_bytes):
    with pytest.raises(UploadRefused, match="Tahun 2031 belum dibuka"):
        upload_version(session, ws.files, world.op_sale, world.sale.id, 2031, workbook_bytes(), "s.xlsx")


def test_versions_are_numbered_and_never_overwritten(session, ws, world, workbook_bytes):
    first = workbook_bytes()
    second = workbook_bytes(change=lambda d: d["menimbang"].append({"text": "bahwa tiga;"}))
    v1 = upload_version(session, ws.files, world.op_sale, world.sale.id, 2020, first, "sale.xlsx")
    with pytest.raises(Conflict, match="sama persis dengan versi 1"):
        upload_version(session, ws.files, world.op_sale, world.sale.id, 2020, first, "sale.xlsx")
    v2 = upload_version(session, ws.files, world.op_sale, world.sale.id, 2020, second, "sale.xlsx")
    v3 = upload_version(session, ws.files, world.admin, world.sale.id, 2020, first, "sale-lagi.xlsx")
    assert [v.number for v in list_versions(session, world.op_sale, world.sale.id, 2020)] == [3, 2, 1]
    assert v1.stored_name == v3.stored_name != v2.stored_name  # same content, one file
    assert (ws.files.root / v1.stored_name).read_bytes() == first
    assert (ws.files.root / v2.stored_name).read_bytes() == second
    assert v3.uploader == "admin (Sri Lestari)"


def test_each_kecamatan_counts_its_own_versions(session, ws, world, workbook_bytes):
    upload_version(session, ws.files, world.op_sale, world.sale.id, 2020, workbook_bytes(), "s.xlsx")
    other = upload_version(
        session, ws.files, world.op_pamotan, world.pamotan.id, 2020, workbook_bytes("Pamotan"), "p.xlsx"
    )
    assert other.number == 1


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("../../etc/passwd", "passwd.xlsx"),
        ("C:\\Users\\staf\\Sale 2026.xlsx", "Sale 2026.xlsx"),
        ("\x00\x1b[31m.xlsx", "[31m.xlsx"),
        ("", "buku-kerja.xlsx"),
        ("a" * 300 + ".xlsx", "a" * 195 + ".xlsx"),
        ("é" * 150 + ".XLSX", "é" * 97 + ".xlsx"),  # cut by bytes, never inside a character
        ("sale 2026", "sale 2026.xlsx"),
    ],
)
def test_the_name_a_browser_sends_is_only_shown_never_used_as_a_path(given, kept):
    assert display_name(given) == kept


def test_an_upload_that_fails_before_its_commit_leaves_neither_file_nor_row(
    session, ws, world, workbook_bytes
):
    def disk_gone() -> None:
        raise OSError("disk dicabut")

    faults.install(faults.FILE_STORED, disk_gone)
    try:
        with pytest.raises(OSError):
            upload_version(session, ws.files, world.op_sale, world.sale.id, 2020, workbook_bytes(), "s.xlsx")
    finally:
        faults.clear()
    assert _count(session) == 0 and ws.files.stored_names() == set()
    assert [e.action for e in entries(session) if e.action == Action.UPLOAD.value] == []


def test_a_number_taken_by_a_concurrent_upload_is_retried_with_the_next(
    session, ws, world, workbook_bytes, monkeypatch
):
    upload_version(session, ws.files, world.op_sale, world.sale.id, 2020, workbook_bytes(), "s.xlsx")
    real = versions._next_number
    calls = []

    def stale_once(*args):
        calls.append(args)
        return 1 if len(calls) == 1 else real(*args)

    monkeypatch.setattr(versions, "_next_number", stale_once)
    later = workbook_bytes(change=lambda d: d["menimbang"].append({"text": "bahwa tiga;"}))
    second = upload_version(session, ws.files, world.op_sale, world.sale.id, 2020, later, "s.xlsx")
    assert second.number == 2 and len(calls) == 2
    assert (ws.files.root / second.stored_name).read_bytes() == later
