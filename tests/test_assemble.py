"""Building the model from checked rows: codes written in another case point at the same record."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from generator.pipeline import load_decree
from tests.conftest import Rows


def test_codes_referred_to_in_another_case_are_the_codes_as_defined(
    rows: Rows, make_workbook: Callable[[Rows], Path]
) -> None:
    rows["processes"][1]["parent"] = "p.1"
    rows["processes"][2]["unit"] = "u2"
    rows["relations"][0]["process"] = "u.1"
    rows["units"][2]["parent"] = "u2"
    decree, problems = load_decree(make_workbook(rows))
    assert decree is not None, problems
    assert [p.code for p in decree.children("P.1")] == ["P.1.1"]
    assert decree.process("U.1") is not None and decree.process("U.1").unit == "U2"
    assert [r.process for r in decree.relations] == ["U.1"]
    assert [u.code for u in decree.unit_children("U2")] == ["U3"]


def test_codes_as_defined_are_kept(rows: Rows, make_workbook: Callable[[Rows], Path]) -> None:
    decree, problems = load_decree(make_workbook(rows))
    assert decree is not None, problems
    assert [(p.code, p.parent, p.unit) for p in decree.processes] == [
        ("P.1", None, None),
        ("P.1.1", "P.1", None),
        ("U.1", None, "U2"),
    ]
