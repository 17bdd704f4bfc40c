"""Peta Proses Bisnis (level 0): Manajerial band on top, the Utama value chain, Pendukung/Lainnya below."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from ..figures import PETA
from ..formatting import clean_text
from ..model import Category, Decree, Process
from ..narrative import party_key
from .dot import Attrs, Dot, chunks, pairs, start
from .drawing import Drawing, pack
from .labels import Html, bold, lines, wrap
from .page import Box
from .processes import BAND_FILL, band_label, process_ids, process_label
from .style import FONT_SIZE, GOLD, GREY, NAVY, PALE_GOLD, SMALL_SIZE, WHITE

DEFAULT_STAKEHOLDER = "Masyarakat"


@dataclass(frozen=True)
class _Look:
    """How dense one layout of the map is."""

    chain_row: int  # places per row in the value chain
    row: int  # boxes of the other bands per row
    wrap: int  # characters per line of a process name
    width: float  # box width, inches
    height: float  # box height, inches
    inside: bool  # stakeholders and outcome take a place in the chain's rows (else beside them)
    side_wrap: int  # characters per line of stakeholders and outcome
    font: float = FONT_SIZE  # points, of the process boxes


_LOOKS = (
    _Look(3, 3, 14, 1.1, 0.7, False, 13),
    _Look(4, 4, 13, 1.05, 0.55, True, 12),
    _Look(4, 5, 14, 0.98, 0.5, True, 13, SMALL_SIZE),
)
_STAKEHOLDER, _OUTCOME = "s", "o"
_SPACIOUS = 24  # processes beyond which the first look never fits a page: not even tried
_SMALL = 12  # processes of which the first look nearly always fits
_PIECE = _LOOKS[1]  # the one look of every piece of a map drawn in pieces


def peta(decree: Decree, box: Box) -> Drawing:
    """The level-0 map; cut by runs of processes (bands continued) when it cannot be read whole."""
    top = [p for c in Category for p in decree.children(None) if p.category is c]
    if not top:
        raise ValueError("Peta Proses Bisnis tanpa proses tidak dapat digambar.")
    return _drawing(decree, box, top, top, 0, whole=True)


def _drawing(
    decree: Decree, box: Box, top: list[Process], shown: list[Process], number: int, whole: bool
) -> Drawing:
    looks = (_LOOKS if len(shown) <= _SPACIOUS else _LOOKS[1:]) if whole else (_PIECE,)
    layouts = tuple(_source(decree, box, look, top, shown, number) for look in looks)
    build = partial(_piece, decree, box, top)
    cut = (lambda room: pack(shown, build, room)) if whole else None
    return Drawing(PETA, layouts, cut, small=whole and len(shown) <= _SMALL)


def _piece(decree: Decree, box: Box, top: list[Process], shown: list[Process], number: int) -> Drawing:
    return _drawing(decree, box, top, shown, number, whole=False)


def _source(
    decree: Decree, box: Box, look: _Look, top: list[Process], shown: list[Process], number: int
) -> str:
    """``shown`` (a run of ``top``) in bands; stakeholders before the value chain, its outcome after."""
    dot = start("peta", box, newrank="true", nodesep=0.18, ranksep=0.26)
    ids = process_ids(decree)
    utama = [p for p in top if p.category is Category.UTAMA]
    stakeholders = bool(utama and utama[0] in shown) or (not utama and number == 0)
    outputs = _outcomes(decree) if utama and utama[-1] in shown else []
    bands: list[tuple[Category, list[list[str]]]] = []
    for category in Category:
        places = [ids[p.code] for p in shown if p.category is category]
        if category is Category.UTAMA and places and look.inside:
            places = [_STAKEHOLDER] * stakeholders + places + [_OUTCOME] * bool(outputs)
        row = look.chain_row if category is Category.UTAMA else look.row
        if places:
            bands.append((category, chunks(places, row)))
    firsts = [row[0] for _, rows in bands for row in rows]
    beside = not (utama and look.inside)
    if stakeholders and beside:
        anchor = next((row[0] for c, rows in bands if c is Category.UTAMA for row in rows), firsts[0])
        _stakeholder(dot, decree, look, anchor, linked=bool(utama))
    processes = {ids[p.code]: p for p in shown}
    for category, rows in bands:
        continued = next(p for p in top if p.category is category) not in shown
        _band(dot, category, rows, processes, look, continued, decree, outputs)
        if category is Category.UTAMA and outputs and beside:
            _outcome(dot, outputs, rows[-1][-1], look)
    for node_id in firsts:  # every row starts in one column
        dot.node(node_id, group="first")
    for upper, lower in pairs(firsts):
        dot.edge(upper, lower, style="invis")
    return dot.source()


def _band(
    dot: Dot,
    category: Category,
    rows: list[list[str]],
    processes: dict[str, Process],
    look: _Look,
    continued: bool,
    decree: Decree,
    outputs: list[str],
) -> None:
    """One cluster; the Utama band is a chain of arrow-like boxes, wrapping row by row."""
    chain = category is Category.UTAMA
    style: Attrs = (
        {"shape": "cds", "fillcolor": NAVY, "fontcolor": WHITE, "margin": "0.16,0.08"}
        if chain
        else {"fillcolor": WHITE}
    )
    with dot.cluster(
        f"cluster_{category.name.lower()}",
        label=band_label(category, continued),
        labeljust="l",
        style="filled",
        fillcolor=BAND_FILL[category],
        color=NAVY if chain else GREY,
        penwidth=1.0,
        margin=8,
    ):
        for row in rows:
            for node_id in row:
                if node_id == _STAKEHOLDER:
                    _side_node(dot, node_id, _stakeholder_label(decree, look))
                elif node_id == _OUTCOME:  # as wide as the places left in its row
                    wrap = look.side_wrap * (look.chain_row - len(row) + 1)
                    _side_node(dot, node_id, _side_label("Outcome", outputs, wrap))
                else:
                    label = process_label(processes[node_id], look.wrap)
                    size: Attrs = {"width": look.width, "height": look.height, "fontsize": look.font}
                    dot.node(node_id, label=label, **size, **style)
            dot.line_up(row, arrows=chain)
    if chain:
        for upper, lower in pairs(rows):
            dot.edge(upper[-1], lower[0])


def _stakeholder(dot: Dot, decree: Decree, look: _Look, anchor: str, linked: bool) -> None:
    """Stakeholders left of the value chain.

    Declared before every cluster: dot does not order a flat edge that enters a cluster, but it
    starts each rank with the first node declared.
    """
    _side_node(dot, _STAKEHOLDER, _stakeholder_label(decree, look))
    dot.same_rank(_STAKEHOLDER, anchor)
    dot.edge(_STAKEHOLDER, anchor, **({} if linked else {"style": "invis"}))


def _outcome(dot: Dot, outputs: list[str], anchor: str, look: _Look) -> None:
    """The outcome (outputs of Proses Utama) right of the value chain, declared after it."""
    _side_node(dot, _OUTCOME, _side_label("Outcome", outputs, look.side_wrap))
    dot.same_rank(anchor, _OUTCOME)
    dot.edge(anchor, _OUTCOME)


def _stakeholder_label(decree: Decree, look: _Look) -> Html:
    names = decree.lampiran.stakeholders or (DEFAULT_STAKEHOLDER,)
    return _side_label("Pemangku Kepentingan", names, look.side_wrap)


def _side_node(dot: Dot, node_id: str, label: Html) -> None:
    dot.node(node_id, label=label, **_side_style())


def _side_style() -> Attrs:
    return {
        "style": "rounded,filled",
        "fillcolor": PALE_GOLD,
        "color": GOLD,
        "width": 0.9,
        "margin": "0.06,0.05",
    }


def _side_label(title: str, items: Sequence[str], width: int) -> Html:
    """Bold title over the items; several items each get a bullet so they do not run together."""
    bullet = "\u2022 " if len(items) > 1 else ""
    return lines(bold(title, width), *(wrap(bullet + item, width) for item in items))


def _outcomes(decree: Decree) -> list[str]:
    """Outputs of the Utama processes, each once, in workbook order."""
    seen: dict[str, str] = {}
    for process in decree.processes:
        if process.category is Category.UTAMA and process.output.strip():
            seen.setdefault(party_key(process.output), clean_text(process.output))
    return list(seen.values())
