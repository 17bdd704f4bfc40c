"""Opening a year carries every kecamatan's last valid workbook over, as a version by "sistem"."""

from __future__ import annotations

import pytest

from generator.pipeline import load_decree
from generator.workspace import years
from generator.workspace.errors import Conflict, WorkspaceError
from generator.workspace.log import Action, entries
from generator.workspace.models import SYSTEM, Source
from generator.workspace.versions import list_versions, upload_version
from generator.yearly import YearlyError


def test_opening_a_year_carries_each_last_valid_workbook_over(session, ws, world, workbook_bytes):
    source = upload_version(
        session, ws.files, world.op_sale, world.sale.id, 2020, workbook_bytes(), "sale.xlsx"
    )
    broken = workbook_bytes(change=lambda d: d["processes"][1].update(parent="P.9"))
    upload_version(session, ws.files, world.op_sale, world.sale.id, 2020, broken, "sale-rusak.xlsx")
    opened = years.open_year(session, ws.files, world.admin, 2021)
    assert opened.year.year == 2021 and opened.year.opened_by.id == world.admin.id
    [carried] = opened.carried
    assert (carried.kecamatan.name, carried.year, carried.number) == ("Sale", 2021, 1)
    assert carried.source == Source.CARRIED.value and carried.carried_from_id == source.id
    assert carried.uploader == SYSTEM and carried.original_name == "sale-2021.xlsx"
    assert "Dibawa dari versi 1 tahun 2020" in carried.note
    decree, _ = load_decree(ws.files.root / carried.stored_name, files_allowed=False)
    assert decree.info.year == 2021 and decree.info.number in (None, "") and decree.info.date is None
    assert carried.warnings >= 1  # the number and date are left for the new decree
    assert opened.not_carried == {
        "Pamotan": "Tidak ada buku kerja tahun 2020; unggah buku kerja 2021 sendiri."
    }
    assert [v.year for v in list_versions(session, world.op_sale, world.sale.id)] == [2021, 2020, 2020]
    assert {e.action for e in entries(session, limit=3)} >= {Action.CARRIED.value, Action.YEAR_OPENED.value}


def test_a_kecamatan_with_only_invalid_workbooks_is_reported(session, ws, world, workbook_bytes):
    broken = workbook_bytes(change=lambda d: d["processes"][1].update(parent="P.9"))
    upload_version(session, ws.files, world.op_sale, world.sale.id, 2020, broken, "sale.xlsx")
    opened = years.open_year(session, ws.files, world.admin, 2021)
    assert opened.carried == [] and "masih memuat galat" in opened.not_carried["Sale"]


def test_one_kecamatan_that_cannot_be_carried_stops_no_other(session, ws, world, workbook_bytes, monkeypatch):
    upload_version(session, ws.files, world.op_sale, world.sale.id, 2020, workbook_bytes(), "sale.xlsx")
    upload_version(
        session, ws.files, world.op_pamotan, world.pamotan.id, 2020, workbook_bytes("Pamotan"), "p.xlsx"
    )
    real = years.next_year_workbook

    def refuse_pamotan(source, year, target=None, overwrite=False, **kw):
        if source.name == "p.xlsx":
            raise YearlyError("Buku kerja sumber p.xlsx memuat 1 galat; perbaiki dahulu.")
        return real(source, year, target, overwrite, **kw)

    monkeypatch.setattr(years, "next_year_workbook", refuse_pamotan)
    opened = years.open_year(session, ws.files, world.admin, 2021)
    assert [v.kecamatan.name for v in opened.carried] == ["Sale"]
    assert opened.not_carried == {"Pamotan": "Buku kerja sumber p.xlsx memuat 1 galat; perbaiki dahulu."}
    failed = [e for e in entries(session) if e.action == Action.CARRY_FAILED.value]
    assert len(failed) == 1 and failed[0].kecamatan_id == world.pamotan.id
    assert list_versions(session, world.op_pamotan, world.pamotan.id, 2021) == []


def test_a_year_opens_once(session, ws, world):
    with pytest.raises(Conflict, match="Tahun 2020 sudah dibuka .* oleh admin"):
        years.open_year(session, ws.files, world.admin, 2020)


def test_a_year_outside_the_workbooks_range_is_refused(session, ws, world):
    with pytest.raises(WorkspaceError, match="di luar rentang"):
        years.open_year(session, ws.files, world.admin, 1899)
