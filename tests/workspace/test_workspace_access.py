"""Authorisation lives in the core: an operator never reaches another kecamatan, whatever id it passes."""

from __future__ import annotations

import io

import pytest

from generator.workspace.access import list_kecamatan_for
from generator.workspace.accounts import list_accounts, set_active
from generator.workspace.board import board, write_year_zip
from generator.workspace.errors import NotAllowed, NotFound
from generator.workspace.log import log_for
from generator.workspace.outputs import generate_output
from generator.workspace.versions import (
    compare_versions,
    get_version,
    list_versions,
    output_file,
    upload_version,
    version_file,
)
from generator.workspace.years import list_years, open_year


@pytest.fixture
def theirs(session, ws, world, workbook_bytes):
    """A version of Pamotan, and its generated decree."""
    version = upload_version(
        session, ws.files, world.op_pamotan, world.pamotan.id, 2020, workbook_bytes("Pamotan"), "p.xlsx"
    )
    output = generate_output(session, ws.files, world.op_pamotan, version.id).outputs[0]
    return version, output


def test_an_operator_sees_only_its_own_kecamatan(session, world):
    assert [k.name for k in list_kecamatan_for(session, world.op_sale)] == ["Sale"]
    assert [k.name for k in list_kecamatan_for(session, world.admin)] == ["Pamotan", "Sale"]


def test_an_operator_cannot_read_another_kecamatans_versions_by_any_id(
    session, ws, world, theirs, workbook_bytes
):
    version, output = theirs
    mine = upload_version(session, ws.files, world.op_sale, world.sale.id, 2020, workbook_bytes(), "s.xlsx")
    attempts = [
        lambda: list_versions(session, world.op_sale, world.pamotan.id),
        lambda: get_version(session, world.op_sale, version.id),
        lambda: version_file(session, ws.files, world.op_sale, version.id),
        lambda: output_file(session, ws.files, world.op_sale, output.id),
        lambda: generate_output(session, ws.files, world.op_sale, version.id),
        lambda: compare_versions(session, ws.files, world.op_sale, mine.id, version.id),
        lambda: compare_versions(session, ws.files, world.op_sale, version.id, mine.id),
    ]
    for attempt in attempts:
        with pytest.raises(NotFound):
            attempt()


def test_another_kecamatan_looks_the_same_as_no_kecamatan_at_all(session, ws, world, theirs):
    version, _ = theirs
    with pytest.raises(NotFound) as other:
        get_version(session, world.op_sale, version.id)
    with pytest.raises(NotFound) as missing:
        get_version(session, world.op_sale, 987654)
    assert str(other.value) == str(missing.value)


def test_an_operator_cannot_upload_into_another_kecamatan(session, ws, world, workbook_bytes):
    with pytest.raises(NotFound):
        upload_version(
            session, ws.files, world.op_sale, world.pamotan.id, 2020, workbook_bytes("Pamotan"), "p.xlsx"
        )
    assert ws.files.stored_names() == set()


def test_the_admin_sees_every_kecamatan(session, ws, world, theirs):
    version, output = theirs
    assert get_version(session, world.admin, version.id).id == version.id
    assert output_file(session, ws.files, world.admin, output.id)[1].is_file()


def test_the_admins_services_refuse_an_operator(session, ws, world):
    for attempt in (
        lambda: board(session, world.op_sale, 2020),
        lambda: write_year_zip(session, ws.files, world.op_sale, 2020, io.BytesIO()),
        lambda: open_year(session, ws.files, world.op_sale, 2021),
        lambda: list_accounts(session, world.op_sale),
    ):
        with pytest.raises(NotAllowed):
            attempt()


def test_a_switched_off_account_can_do_nothing_even_with_its_old_session(
    session, ws, world, theirs, workbook_bytes
):
    set_active(session, world.admin, world.op_pamotan.id, False)
    version, _ = theirs
    with pytest.raises(NotAllowed):
        get_version(session, world.op_pamotan, version.id)
    with pytest.raises(NotAllowed):
        upload_version(
            session, ws.files, world.op_pamotan, world.pamotan.id, 2020, workbook_bytes("Pamotan"), "p.xlsx"
        )


def test_an_operator_reads_only_its_own_kecamatans_log(session, ws, world, theirs, workbook_bytes):
    upload_version(session, ws.files, world.op_sale, world.sale.id, 2020, workbook_bytes(), "s.xlsx")
    for asked in (None, world.pamotan.id):
        seen = log_for(session, world.op_sale, kecamatan_id=asked)
        assert seen and {e.kecamatan_id for e in seen} == {world.sale.id}
    everything = {e.kecamatan_id for e in log_for(session, world.admin)}
    assert {world.sale.id, world.pamotan.id, None} <= everything
    assert {e.kecamatan_id for e in log_for(session, world.admin, kecamatan_id=world.pamotan.id)} == {
        world.pamotan.id
    }


def test_every_active_account_sees_the_years_opened(session, ws, world):
    open_year(session, ws.files, world.admin, 2021)
    assert [y.year for y in list_years(session, world.op_sale)] == [2021, 2020]
