"""Peta Relasi: processes in category clusters, each with the parties it names; one node per party."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import partial

from ..figures import RELASI
from ..formatting import clean_text
from ..model import Category, Decree, PartyKind, Process
from ..narrative import party_key
from .dot import Attrs, Dot, pairs, start
from .drawing import Drawing, pack
from .labels import Html, escape, wrap
from .page import Box
from .processes import BAND_FILL, band_label, inline_label, process_ids, tree_order
from .style import GOLD, GREY, NAVY, PALE_BLUE, PALE_GOLD, WHITE


@dataclass(frozen=True)
class _Look:
    process_wrap: int  # characters per line of a process
    process_width: float  # inches
    party_wrap: int  # characters per line of a party
    party_width: float  # inches
    columns: bool = False  # every party in a column of its side (else beside its one process)


_SPACIOUS = 16  # processes beyond which parties beside them never fit a page: not even tried
_SMALL = 8  # processes of which the first look nearly always fits
_LOOKS = (_Look(28, 2.05, 20, 1.25), _Look(28, 2.05, 18, 1.15, True))
_PIECE = _LOOKS[1]  # the one look of every piece of a map drawn in pieces


@dataclass
class _Party:
    node_id: str
    name: str
    kind: PartyKind | None
    processes: list[str] = field(default_factory=list)  # process codes, in mention order


@dataclass
class _Block:
    """Rows of the Peta Relasi given to one process: its parties stacked on either side."""

    process: Process
    left: list[_Party] = field(default_factory=list)
    right: list[_Party] = field(default_factory=list)

    @property
    def height(self) -> int:
        return max(1, len(self.left), len(self.right))


def relasi(decree: Decree, box: Box) -> Drawing:
    """The whole map; cut by runs of processes (categories continued) when it cannot be read whole."""
    involved = related_processes(decree)
    return _drawing(decree, box, involved, involved, whole=True)


def related_processes(decree: Decree) -> list[Process]:
    """Processes named in the Relasi sheet, in category then tree order."""
    codes = {relation.process for relation in decree.relations}
    ordered = [p for c in Category for p in tree_order(decree, None) if p.category is c]
    return [p for p in ordered if p.code in codes]


def _drawing(decree: Decree, box: Box, involved: list[Process], shown: list[Process], whole: bool) -> Drawing:
    spacious = len(shown) <= _SPACIOUS and len(_parties(decree, {p.code for p in shown})) <= 2 * _SPACIOUS
    looks = (_LOOKS if spacious else (_PIECE,)) if whole else (_PIECE,)
    layouts = tuple(_source(decree, box, look, involved, shown) for look in looks)
    build = partial(_piece, decree, box, involved)
    cut = (lambda room: pack(shown, build, room)) if whole else None
    return Drawing(RELASI, layouts, cut, small=whole and len(shown) <= _SMALL)


def _piece(decree: Decree, box: Box, involved: list[Process], shown: list[Process], _number: int) -> Drawing:
    return _drawing(decree, box, involved, shown, whole=False)


def _source(decree: Decree, box: Box, look: _Look, involved: list[Process], shown: list[Process]) -> str:
    """``shown`` (a run of ``involved``) with their parties, internal left and external right."""
    spacing: Attrs = {"nodesep": 0.8, "splines": "line"} if look.columns else {"nodesep": 0.13}
    dot = start("relasi", box, newrank="true", ranksep=0.09, **spacing)
    dot.defaults("edge", dir="none", color=GREY, penwidth=0.9, arrowhead="none")
    ids = process_ids(decree)
    parties = _parties(decree, {p.code for p in shown})
    if look.columns:
        spine = _in_columns(dot, parties, involved, shown, ids, look)
    else:
        spine = _beside(dot, parties, involved, shown, ids, look)
    if any(party.kind for party in parties):
        _legend(dot, spine[-1])
    return dot.source()


def _beside(
    dot: Dot,
    parties: list[_Party],
    involved: list[Process],
    shown: list[Process],
    ids: Mapping[str, str],
    look: _Look,
) -> list[str]:
    """Processes in category clusters, the party only one process names beside it, the others in a
    column right of every cluster; return the spine (one node per row)."""
    blocks = _blocks(shown, parties)
    spine: list[str] = []
    for category in Category:
        members = [block for block in blocks if block.process.category is category]
        if members:
            continued = next(p for p in involved if p.category is category) not in shown
            spine += _cluster(dot, category, members, ids, look, continued)
    for upper, lower in pairs(spine):
        dot.edge(upper, lower, style="invis")
    shared = [party for party in parties if len(party.processes) > 1]
    for party in shared:  # declared after the clusters, which is where dot then puts them
        _party_node(dot, party, look)
    taken: set[int] = set()
    for party in shared:  # each in a row of its own, away from the rows of its processes (a line
        own = sorted(spine.index(ids[code]) for code in party.processes)  # within one row would arc
        row = _free_row((own[0] + own[-1]) // 2, len(spine), taken | set(own))  # over its parties)
        taken.add(row)
        dot.same_rank(spine[row], party.node_id)
        for code in party.processes:
            dot.edge(ids[code], party.node_id, constraint="false")
    return spine


def _in_columns(
    dot: Dot,
    parties: list[_Party],
    involved: list[Process],
    shown: list[Process],
    ids: Mapping[str, str],
    look: _Look,
) -> list[str]:
    """A column of processes under category headings, a column of parties either side, each party
    level with the middle of its processes; return the spine (one node per row).

    No clusters here: only outside them does dot keep a row's nodes in the order of its flat edges.
    """
    spine: list[str] = []
    for category in Category:
        members = [p for p in shown if p.category is category]
        if not members:
            continue
        continued = next(p for p in involved if p.category is category) not in shown
        heading = f"h_{category.name.lower()}"
        dot.node(heading, label=band_label(category, continued), shape="plaintext", style="", group="spine")
        spine.append(heading)
        for process in members:
            label = inline_label(process, look.process_wrap)
            style: Attrs = {"fillcolor": BAND_FILL[category], "group": "spine"}
            dot.node(ids[process.code], label=label, width=look.process_width, height=0.3, **style)
            spine.append(ids[process.code])
    columns = _columns(parties)
    for filler in range(max(map(len, columns)) - len(spine)):  # a row for every party
        spine.append(f"f{filler}")
        dot.node(spine[-1], shape="point", style="invis", width=0.01, group="spine")
    for upper, lower in pairs(spine):
        dot.edge(upper, lower, style="invis")
    rows: list[list[str]] = [[node_id] for node_id in spine]
    for side, column in enumerate(columns):
        taken: set[int] = set()
        for party in column:
            own = sorted(spine.index(ids[code]) for code in party.processes)
            row = _free_row((own[0] + own[-1]) // 2, len(spine), taken)
            taken.add(row)
            _party_node(dot, party, look, group=f"side{side}")
            rows[row].insert(0 if side == 0 else len(rows[row]), party.node_id)
            for code in party.processes:  # straight from side to side, through the gap between columns
                pair = (party.node_id, ids[code]) if side == 0 else (ids[code], party.node_id)
                ports: Attrs = {"tailport": "e", "headport": "w"}
                dot.edge(*pair, **ports, **({} if ids[code] == spine[row] else {"constraint": "false"}))
    for row in rows:
        if len(row) > 1:
            dot.same_rank(*row)
            for left, right in pairs(row):  # keeps left party, process, right party in this order
                dot.edge(left, right, style="invis")
    return spine


def _columns(parties: list[_Party]) -> tuple[list[_Party], list[_Party]]:
    """Internal parties left, external right, the others wherever there are fewer."""
    left: list[_Party] = []
    right: list[_Party] = []
    for party in parties:
        internal = party.kind is PartyKind.INTERNAL
        if internal or (party.kind is None and len(left) < len(right)):
            left.append(party)
        else:
            right.append(party)
    return left, right


def _parties(decree: Decree, codes: set[str]) -> list[_Party]:
    """One party per identity, in order of first mention; kind from the first mention that has one."""
    parties: dict[str, _Party] = {}
    for relation in decree.relations:
        if relation.process not in codes or not relation.party.strip():
            continue
        key = party_key(relation.party)  # the identity the narrative counts by
        if key not in parties:
            name = clean_text(relation.party)
            parties[key] = _Party(f"r{len(parties)}", name, relation.kind)
        party = parties[key]
        party.kind = party.kind or relation.kind
        if relation.process not in party.processes:
            party.processes.append(relation.process)
    return list(parties.values())


def _blocks(processes: list[Process], parties: list[_Party]) -> list[_Block]:
    """Each party named once beside its process: internal left, external right, balanced."""
    blocks: list[_Block] = []
    for process in processes:
        block = _Block(process)
        for party in parties:
            if len(party.processes) == 1 and process.code in party.processes:
                _place(block, party)
        while len(block.right) > len(block.left) + 1:
            block.left.append(block.right.pop())
        while len(block.left) > len(block.right) + 1:
            block.right.insert(0, block.left.pop())
        blocks.append(block)
    return blocks


def _place(block: _Block, party: _Party) -> None:
    if party.kind is PartyKind.INTERNAL:
        block.left.append(party)
    elif party.kind is PartyKind.EKSTERNAL:
        block.right.append(party)
    else:
        (block.left if len(block.left) < len(block.right) else block.right).append(party)


def _cluster(
    dot: Dot, category: Category, blocks: list[_Block], ids: Mapping[str, str], look: _Look, continued: bool
) -> list[str]:
    """One category with its parties; return the spine: per row the process or a hidden box.

    Parties stay inside the cluster of their process: only there does dot honour the order of
    flat edges (left party, process, right party).
    """
    spine: list[str] = []
    with dot.cluster(
        f"cluster_{category.name.lower()}",
        label=band_label(category, continued),
        style="filled",
        fillcolor=BAND_FILL[category],
        color=GREY,
        penwidth=1.0,
        margin=8,
    ):
        for block in blocks:
            spine += _block(dot, block, ids[block.process.code], look)
    return spine


def _block(dot: Dot, block: _Block, process_id: str, look: _Look) -> list[str]:
    """The rows of one process: the process in the middle, its parties either side on a bus."""
    rows = _block_rows(block)
    middle = (block.height - 1) // 2
    label = inline_label(block.process, look.process_wrap)
    width = look.process_width
    spine: list[str] = []
    for row in range(block.height):
        if row == middle:
            dot.node(process_id, label=label, width=width, height=0.3, fillcolor=WHITE, group="spine")
            spine.append(process_id)
        else:  # as wide as a process, so the parties of this row keep clear of the column
            spine.append(dot.point("spine"))
            dot.node(spine[-1], shape="box", style="invis", width=width, height=0.26)
    lines = [[node_id] for node_id in spine]  # each row's nodes, left to right
    for side in (0, 1):
        placed = [(number, row[side]) for number, row in enumerate(rows) if row[side]]
        _side(dot, placed, spine, middle, lines, side == 0, look)
    for line in lines:
        if len(line) > 1:
            dot.same_rank(*line)
    return spine


def _side(
    dot: Dot,
    placed: list[tuple[int, _Party]],
    spine: list[str],
    middle: int,
    lines: list[list[str]],
    left: bool,
    look: _Look,
) -> None:
    """Parties on one side of a process: one beside it is joined directly, more share a bus."""
    if not placed:
        return
    for _, party in placed:
        _party_node(dot, party, look)
    if len(placed) == 1 and placed[0][0] == middle:
        _join(dot, lines[middle], placed[0][1].node_id, left, visible=True)
        return
    numbers = [number for number, _ in placed]
    span = range(min(*numbers, middle), max(*numbers, middle) + 1)
    bus = {number: dot.point(f"bus_{spine[middle]}_{'l' if left else 'r'}") for number in span}
    for number in span:
        _join(dot, lines[number], bus[number], left, visible=number == middle)
    for upper, lower in pairs(list(span)):
        dot.edge(bus[upper], bus[lower])
    for number, party in placed:
        _join(dot, lines[number], party.node_id, left, visible=True)


def _join(dot: Dot, line: list[str], node_id: str, left: bool, visible: bool) -> None:
    """Add ``node_id`` at the left or right end of a row, joined to its neighbour by a flat edge."""
    style: Attrs = {} if visible else {"style": "invis"}
    if left:
        dot.edge(node_id, line[0], **style)
        line.insert(0, node_id)
    else:
        dot.edge(line[-1], node_id, **style)
        line.append(node_id)


def _block_rows(block: _Block) -> list[tuple[_Party | None, _Party | None]]:
    """(left party, right party) of each row of a block, both sides centred on the process."""

    def column(parties: list[_Party]) -> list[_Party | None]:
        top = (block.height - len(parties)) // 2
        return [None] * top + list(parties) + [None] * (block.height - top - len(parties))

    return list(zip(column(block.left), column(block.right), strict=True))


def _free_row(wanted: int, count: int, busy: set[int]) -> int:
    """The row nearest ``wanted`` that is not busy (``wanted`` itself if all are)."""
    for distance in range(count):
        for row in (wanted + distance, wanted - distance):
            if 0 <= row < count and row not in busy:
                return row
    return wanted


def _party_style(kind: PartyKind | None) -> Attrs:
    internal = kind is PartyKind.INTERNAL
    return {
        "style": "rounded,filled",
        "fillcolor": PALE_BLUE if internal else PALE_GOLD,
        "color": NAVY if internal else GOLD,
    }


def _party_node(dot: Dot, party: _Party, look: _Look, group: str = "") -> None:
    label = Html(wrap(party.name, look.party_wrap))
    style = _party_style(party.kind) | ({"group": group} if group else {})
    dot.node(party.node_id, label=label, width=look.party_width, height=0.26, **style)


def _legend(dot: Dot, below: str) -> None:
    """Which colour is an internal and which an external party."""
    for node_id, kind in (("legend_internal", PartyKind.INTERNAL), ("legend_external", PartyKind.EKSTERNAL)):
        label = Html(escape(f"Pihak {kind.value}"))
        dot.node(node_id, label=label, width=1.1, height=0.25, **_party_style(kind))
    dot.same_rank("legend_internal", "legend_external")
    dot.edge(below, "legend_internal", style="invis", minlen=2)
    dot.edge("legend_internal", "legend_external", style="invis")
