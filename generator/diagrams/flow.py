"""Sub-process maps (one per process with children) and category maps: steps in a frame."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..figures import category_key, process_key
from ..model import Category, Decree, Process
from .dot import Attrs, Dot, chunks, pairs, start
from .drawing import Drawing
from .labels import Html, escape, wrap
from .page import Box
from .processes import process_ids, process_label
from .style import BAND_BLUE, BLUE, MAX_ROW, NAVY, PALE_BLUE, WHITE


@dataclass(frozen=True)
class _Look:
    chain_row: int  # steps per row when they are a chain
    row: int  # steps per row otherwise
    width: float  # box width, inches
    wrap: int  # characters per line


_LOOKS = (_Look(MAX_ROW, 3, 1.3, 17), _Look(3, 3, 1.3, 16), _Look(2, 2, 1.25, 15))


def process_map(decree: Decree, box: Box, code: str) -> Drawing:
    """Sub-processes of one process as a flow, grandchildren nested in a frame of their own."""
    process = decree.process(code)
    if process is None or not decree.children(code):
        raise ValueError(f"Proses {code!r} tidak ada atau tidak memiliki subproses.")
    title = f"{process.code}. {process.name}" if process.code else process.name
    steps = decree.children(code)
    layouts = tuple(_flow(decree, box, look, f"proses {code}", title, steps, True) for look in _LOOKS)
    return Drawing(process_key(code), layouts, small=True)


def category_map(decree: Decree, box: Box, category: Category) -> Drawing:
    """Top-level processes of one category; arrows only for the value chain of Proses Utama."""
    processes = [p for p in decree.children(None) if p.category is category]
    if not processes:
        raise ValueError(f"Tidak ada proses dengan jenis {category.value}.")
    chain = category is Category.UTAMA
    name = f"kategori {category.value}"
    layouts = tuple(_flow(decree, box, look, name, category.title, processes, chain) for look in _LOOKS)
    return Drawing(category_key(category), layouts, small=True)


def _flow(
    decree: Decree, box: Box, look: _Look, name: str, title: str, items: list[Process], chain: bool
) -> str:
    """A row when the steps are few and plain, else a column of steps (nested ones framed)."""
    dot = start(name, box, compound="true", nodesep=0.22, ranksep=0.28)
    ids = process_ids(decree)
    nested = any(decree.children(item.code) for item in items)
    with dot.cluster("cluster_frame", **_frame_style(title)):
        if not nested:
            for process in items:
                label = process_label(process, look.wrap)
                dot.node(ids[process.code], label=label, fillcolor=PALE_BLUE, width=look.width, height=0.6)
            _grid(dot, [ids[p.code] for p in items], look.chain_row if chain else look.row, arrows=chain)
        else:
            steps = [_step(dot, decree, process, ids, chain, look) for process in items]
            for upper, lower in pairs(steps):
                _link(dot, upper, lower, chain)
    return dot.source()


def _frame_style(title: str) -> Attrs:
    return {
        "label": Html(f"<B>{wrap(title, 60)}</B>"),
        "labeljust": "l",
        "style": "rounded",
        "color": NAVY,
        "penwidth": 1.2,
        "margin": 12,
    }


@dataclass(frozen=True)
class _Step:
    """One step of a column: a box, or a frame whose rows are entered at the top, left at the bottom."""

    top: list[str]  # nodes of the first row
    bottom: list[str]  # nodes of the last row
    cluster: str = ""  # the frame, if any


def _step(
    dot: Dot, decree: Decree, process: Process, ids: Mapping[str, str], chain: bool, look: _Look
) -> _Step:
    """One step of a column: the process, or a frame of its children when it has any."""
    node_id = ids[process.code]
    children = decree.children(process.code)
    if not children:
        label = process_label(process, look.wrap)
        dot.node(node_id, label=label, fillcolor=PALE_BLUE, width=look.width, height=0.6)
        return _Step([node_id], [node_id])
    cluster_id = f"cluster_{node_id}"
    with dot.cluster(
        cluster_id,
        label=Html(f"<B>{escape(process.code)}</B> {wrap(process.name, 40)}"),
        style="filled",
        fillcolor=BAND_BLUE,
        color=BLUE,
        penwidth=1.0,
        margin=10,
    ):
        child_ids = [ids[child.code] for child in children]
        for child in children:
            label = process_label(child, look.wrap)
            dot.node(ids[child.code], label=label, fillcolor=WHITE, width=look.width, height=0.6)
        rows = _grid(dot, child_ids, look.chain_row, arrows=chain)
    return _Step(rows[0], rows[-1], cluster_id)


def _link(dot: Dot, upper: _Step, lower: _Step, arrow: bool) -> None:
    """One line from step to step, frame border to frame border; hidden lines from every node of the
    facing rows keep the column centred."""
    tail, head = upper.bottom[(len(upper.bottom) - 1) // 2], lower.top[(len(lower.top) - 1) // 2]
    attrs: Attrs = {} if arrow else {"style": "invis"}
    attrs |= {"ltail": upper.cluster} if upper.cluster else {}
    attrs |= {"lhead": lower.cluster} if lower.cluster else {}
    dot.edge(tail, head, **attrs)
    for other in upper.bottom:
        if other != tail:
            dot.edge(other, head, style="invis")
    for other in lower.top:
        if other != head:
            dot.edge(tail, other, style="invis")


def _grid(dot: Dot, node_ids: list[str], columns: int, arrows: bool = False) -> list[list[str]]:
    """Rows of ``columns`` nodes, read left to right then down; arrows follow the reading order."""
    rows = chunks(node_ids, columns)
    for row in rows:
        dot.line_up(row, arrows=arrows)
    for upper, lower in pairs(rows):
        if arrows:
            dot.edge(upper[-1], lower[0])
        else:
            dot.edge(upper[0], lower[0], style="invis")
    return rows
