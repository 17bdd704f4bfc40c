"""The decree's lookups: children, processes by code and positions, answered from indexes built once."""

from __future__ import annotations

from dataclasses import replace

from generator.diagrams.processes import process_ids
from generator.model import Category, Process, Unit
from tests.factories import sale_decree

M, U = Category.MANAJERIAL, Category.UTAMA


def processes() -> tuple[Process, ...]:
    """Out of order on purpose: the Urutan column decides, workbook order among equal orders."""
    return (
        Process("P.2", "Kedua", M, order=2),
        Process("P.1", "Pertama", M, order=1),
        Process("P1.2", "Anak kedua", M, parent="P.1", order=5),
        Process("P1.1", "Anak pertama", M, parent="P.1", order=5),
        Process("P1.0", "Anak paling awal", M, parent="P.1", order=0),
        Process("U.1", "Utama", U, order=1),
    )


def codes(items: list[Process] | list[Unit]) -> list[str]:
    return [item.code for item in items]


def test_children_in_order_then_workbook_order() -> None:
    decree = replace(sale_decree(), processes=processes())
    assert codes(decree.children(None)) == ["P.1", "U.1", "P.2"]
    assert codes(decree.children("P.1")) == ["P1.0", "P1.2", "P1.1"]
    assert decree.children("P1.1") == [] and decree.children("tidak ada") == []


def test_children_are_a_fresh_list_each_time() -> None:
    decree = replace(sale_decree(), processes=processes())
    first = decree.children("P.1")
    first.clear()
    assert codes(decree.children("P.1")) == ["P1.0", "P1.2", "P1.1"]


def test_unit_children_follow_the_same_rule() -> None:
    units = (
        Unit("A", "Camat"),
        Unit("C", "Seksi C", parent="A", order=2),
        Unit("B", "Seksi B", parent="A", order=1),
        Unit("D", "Seksi D", parent="A", order=1),
    )
    decree = replace(sale_decree(), units=units)
    assert codes(decree.unit_children(None)) == ["A"]
    assert codes(decree.unit_children("A")) == ["B", "D", "C"]


def test_a_process_found_by_its_code() -> None:
    decree = replace(sale_decree(), processes=processes())
    found = decree.process("P1.1")
    assert found is not None and found.name == "Anak pertama"
    assert decree.process("p1.1") is None  # codes are matched as the validator left them


def test_node_ids_are_places_in_workbook_order() -> None:
    decree = replace(sale_decree(), processes=processes())
    ids = process_ids(decree)
    assert dict(ids) == {p.code: f"p{index}" for index, p in enumerate(processes())}
    assert len(ids) == 6 and ids["U.1"] == "p5"


def test_a_changed_decree_has_its_own_indexes() -> None:
    decree = replace(sale_decree(), processes=processes())
    assert codes(decree.children("P.1")) == ["P1.0", "P1.2", "P1.1"]
    fewer = replace(decree, processes=processes()[:3])
    assert codes(fewer.children("P.1")) == ["P1.2"]
    assert fewer.process("U.1") is None and "U.1" not in process_ids(fewer)
