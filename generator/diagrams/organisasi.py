"""Bagan Susunan Organisasi: Camat on top, staff units beside the trunk, rows of Seksi hung from bars."""

from __future__ import annotations

from ..figures import ORGANISASI
from ..model import Decree, Unit
from .dot import Dot
from .drawing import Drawing
from .labels import Html, bold
from .page import Box
from .style import INK, MAX_ROW, NAVY, PALE_BLUE, PALE_GREY, WHITE
from .tree import Tree, chart, hierarchy

# (boxes per row, box width in inches, characters per line), most spacious first
_LAYOUTS = ((MAX_ROW, 1.45, 16), (3, 1.3, 15), (2, 1.15, 13))
_SMALL = 14  # units of which the first layout nearly always fits


def organisasi(decree: Decree, box: Box) -> Drawing:
    """The org chart, its rows of sections narrowing from four boxes to two when the page is tight."""
    layouts = tuple(_source(decree, box, *layout) for layout in _LAYOUTS)
    return Drawing(ORGANISASI, layouts, small=len(decree.units) <= _SMALL)


def _source(decree: Decree, box: Box, row: int, width: float, wrap: int) -> str:
    dot = chart("organisasi", box)
    ids = {unit.code: f"u{index}" for index, unit in enumerate(decree.units)}
    children: dict[str, list[str]] = {}
    for unit in decree.units:
        _unit_node(dot, ids[unit.code], unit, unit.parent is None, width, wrap)
        children[ids[unit.code]] = [ids[kid.code] for kid in decree.unit_children(unit.code)]
    dashed = frozenset(ids[unit.code] for unit in decree.units if unit.functional)
    roots = [ids[unit.code] for unit in decree.unit_children(None)]
    hierarchy(dot, Tree(children, row, dashed), roots)
    return dot.source()


def _unit_node(dot: Dot, node_id: str, unit: Unit, head: bool, width: float, wrap: int) -> None:
    fill, ink = (NAVY, WHITE) if head else (PALE_GREY if unit.functional else PALE_BLUE, INK)
    label = Html(bold(unit.name, wrap))
    dot.node(node_id, label=label, fillcolor=fill, fontcolor=ink, width=width, height=0.55)
