"""Keterkaitan RPJMD - Renstra: two columns, arrows where an item refines the one above or beside it.

A long cascade is cut into runs of rows, each piece with both column headings ("(lanjutan)").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from ..figures import KETERKAITAN
from ..model import Decree, Kinerja, KinerjaSource
from .dot import Attrs, Dot, pairs, start
from .drawing import Drawing, pack
from .kinerja import kinerja_children, kinerja_ids, kinerja_label, kinerja_walk
from .labels import Html, wrap
from .page import Box
from .style import BAND_BLUE, NAVY, WHITE

_Row = list[Kinerja | None]  # [RPJMD item, Renstra item]


@dataclass(frozen=True)
class _Look:
    width: float  # box width, inches
    wrap: int  # characters per line
    gap: float  # between the columns, inches


_SPACIOUS = 8  # rows beyond which the first look never fits a page: not even tried
_SMALL = 5  # rows of which the first look nearly always fits
_LOOKS = (_Look(2.4, 30, 0.3), _Look(2.8, 38, 0.2))
_PIECE = _LOOKS[1]  # the one look of every piece of a cascade drawn in pieces


def keterkaitan(decree: Decree, box: Box) -> Drawing:
    """The two columns; cut by runs of rows when they cannot be read whole."""
    rows = keterkaitan_rows([item for _, item in kinerja_walk(kinerja_children(decree.kinerja))])
    return _drawing(decree, box, rows, 0, whole=True)


def keterkaitan_rows(walk: list[Kinerja]) -> list[_Row]:
    """Rows of the two columns: a Renstra item shares the row of the RPJMD item it refines."""
    rows: list[_Row] = []
    for item in walk:
        column = 0 if item.source is KinerjaSource.RPJMD else 1
        if column == 1 and rows and rows[-1][1] is None:
            rows[-1][1] = item
        else:
            rows.append([item, None] if column == 0 else [None, item])
    return rows


def _drawing(decree: Decree, box: Box, rows: list[_Row], number: int, whole: bool) -> Drawing:
    looks = (_LOOKS if len(rows) <= _SPACIOUS else (_PIECE,)) if whole else (_PIECE,)
    layouts = tuple(_source(decree, box, look, rows, number) for look in looks)
    build = partial(_piece, decree, box)
    cut = (lambda room: pack(rows, build, room)) if whole else None
    return Drawing(KETERKAITAN, layouts, cut, small=whole and len(rows) <= _SMALL)


def _piece(decree: Decree, box: Box, rows: list[_Row], number: int) -> Drawing:
    return _drawing(decree, box, rows, number, whole=False)


def _source(decree: Decree, box: Box, look: _Look, rows: list[_Row], number: int) -> str:
    dot = start("keterkaitan", box, newrank="true", nodesep=look.gap, ranksep=0.3, splines="line")
    ids = kinerja_ids(decree.kinerja)
    text = decree.lampiran
    headings = (text.keterkaitan_rpjmd or "RPJMD", text.keterkaitan_renstra or "RENSTRA")
    more = " (lanjutan)" if number else ""
    for column, (source, heading) in enumerate(zip(KinerjaSource, headings, strict=True)):
        cells = [(n, row[column]) for n, row in enumerate(rows)]
        _column(dot, source, heading + more, cells, ids, look)
    for left, right in rows:
        if left and right:
            dot.same_rank(ids[left.code], ids[right.code])
            linked = right.parent == left.code
            dot.edge(ids[left.code], ids[right.code], **({} if linked else {"style": "invis"}))
    shown = {item.code: item for row in rows for item in row if item}
    for _, right in rows:
        parent = shown.get(right.parent or "") if right else None
        if right and parent and parent.source is KinerjaSource.RPJMD:
            if not any(row == [parent, right] for row in rows):
                ports: Attrs = {"tailport": "e", "headport": "w"}  # straight across the gap
                dot.edge(ids[parent.code], ids[right.code], constraint="false", **ports)
    return dot.source()


def _column(
    dot: Dot,
    source: KinerjaSource,
    heading: str,
    cells: list[tuple[int, Kinerja | None]],
    ids: dict[str, str],
    look: _Look,
) -> None:
    """One column; consecutive items are linked, with an arrow where one refines the other."""
    members = [(row, item) for row, item in cells if item]
    if not members:
        return
    with dot.cluster(
        f"cluster_{source.name.lower()}",
        label=Html(f"<B>{wrap(heading, 30)}</B>"),
        style="filled",
        fillcolor=BAND_BLUE,
        color=NAVY,
        penwidth=1.0,
        margin=10,
    ):
        for _, item in members:
            label = kinerja_label(item, look.wrap)
            dot.node(ids[item.code], label=label, fillcolor=WHITE, width=look.width)
        for (row, upper), (next_row, lower) in pairs(members):
            style = {} if lower.parent == upper.code else {"style": "invis"}
            dot.edge(ids[upper.code], ids[lower.code], minlen=next_row - row, **style)
