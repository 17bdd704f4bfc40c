"""The audit score kept with each valid version comes from generator.audit, when the build has it."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import sys
import types

import pytest

from generator.pipeline import load_decree
from generator.workspace import scoring
from generator.workspace.board import board
from generator.workspace.versions import upload_version


@pytest.fixture
def fake_audit(monkeypatch):
    """An audit module whose overall score is 87.5, standing in for generator.audit."""
    module = types.ModuleType("uji_audit")
    module.__spec__ = importlib.machinery.ModuleSpec("uji_audit", None)
    seen = []

    def audit(decree):
        seen.append(decree)
        return types.SimpleNamespace(overall=87.5)

    module.audit = audit
    monkeypatch.setitem(sys.modules, "uji_audit", module)
    monkeypatch.setattr(scoring, "AUDIT_MODULE", "uji_audit")
    return seen


def test_a_valid_upload_keeps_its_audit_score_and_the_board_shows_it(
    session, ws, world, workbook_bytes, fake_audit
):
    version = upload_version(
        session, ws.files, world.op_sale, world.sale.id, 2020, workbook_bytes(), "s.xlsx"
    )
    assert version.audit_score == 87.5 and fake_audit[0].office.kecamatan == "Sale"
    assert [r.audit_score for r in board(session, world.admin, 2020)] == [None, 87.5]


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_workbook_with_errors_is_not_audited(session, ws, world, workbook_bytes, fake_audit):
    broken = workbook_bytes(change=lambda d: d["processes"][1].update(parent="P.9"))
    version = upload_version(session, ws.files, world.op_sale, world.sale.id, 2020, broken, "s.xlsx")
    assert version.audit_score is None and fake_audit == []


def test_without_an_audit_module_the_score_is_none(monkeypatch, make_workbook, rows):
    monkeypatch.setattr(scoring, "AUDIT_MODULE", "generator.tidak_ada_modul_ini")
    decree, _ = load_decree(make_workbook(rows))
    assert scoring.audit_score(decree) is None


@pytest.mark.skipif(importlib.util.find_spec("generator.audit") is None, reason="generator.audit belum ada")
def test_the_score_is_the_audits_overall_score(make_workbook, rows):
    import generator.audit

    decree, _ = load_decree(make_workbook(rows))
    assert scoring.audit_score(decree) == generator.audit.audit(decree).overall
