"""Figures of the Lampiran drawn with Graphviz from the workbook data, as PNG files cached by content."""

from __future__ import annotations

import functools
import hashlib
import html
import os
import re
import shutil
import struct
import subprocess
import tempfile
import textwrap
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import graphviz

from .figures import (
    CASCADING,
    CATEGORY_PREFIX,
    KETERKAITAN,
    ORGANISASI,
    PETA,
    PROCESS_PREFIX,
    RELASI,
    Figure,
)
from .formatting import clean_text
from .model import Category, Decree, Kinerja, KinerjaSource, PartyKind, Process, Unit
from .narrative import party_key

DPI = 200  # print resolution of every PNG
FONT = "Liberation Sans"  # metric-compatible with Arial, installed with fonts-liberation
FONT_SIZE = 10  # points at natural size
SMALL_SIZE = 9  # level headers ("TUJUAN") and the like
RENDER_VERSION = "keputusan-diagrams/1"  # bump when the drawing code changes the pictures
MAX_UPSCALE = 1.2  # a small diagram is enlarged at most this much when placed
MAX_ROW = 4  # boxes side by side before a row wraps
DEFAULT_STAKEHOLDER = "Masyarakat"
INSTALL_HINT = (
    "Graphviz belum terpasang: jalankan `sudo apt-get install graphviz` (Debian/Ubuntu) atau "
    "`brew install graphviz` (macOS) atau pasang dari https://graphviz.org/download/ (Windows), "
    "atau pakai --tanpa-gambar untuk membuat dokumen tanpa gambar."
)

# One sober palette for every figure.
NAVY = "#1F3864"
BLUE = "#2F5597"
PALE_BLUE = "#DEEBF7"
BAND_BLUE = "#EEF3FA"
PALE_GREY = "#F2F2F2"
PALE_GOLD = "#FFF2CC"
GOLD = "#BF9000"
INK = "#262626"
GREY = "#595959"
WHITE = "#FFFFFF"

T = TypeVar("T")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class GraphvizMissing(Exception):
    """The `dot` program is not installed; the message says how to install it."""

    def __init__(self, message: str = INSTALL_HINT) -> None:
        super().__init__(message)


class DiagramError(RuntimeError):
    """Graphviz failed on one figure; the message names the figure."""


@dataclass(frozen=True)
class Diagram:
    """One rendered figure and its natural size at print resolution."""

    path: Path
    width_mm: float
    height_mm: float


# ---------------------------------------------------------------- labels and DOT text


class Html(str):
    """Marks an attribute value as an HTML-like label: written as <...>, never quoted."""


def wrap_label(text: str, width: int) -> str:
    """``text`` wrapped at ``width`` characters, each line escaped, joined for an HTML-like label."""
    return _join_lines(_wrapped(text, width))


def _wrapped(text: str, width: int, indent: int = 0) -> list[str]:
    """Lines of at most ``width`` characters (the first ``indent`` shorter); words never split."""
    clean = clean_text(_CONTROL.sub(" ", text))
    options = {"break_long_words": False, "break_on_hyphens": False}
    lines = textwrap.wrap(clean, width=width, initial_indent=" " * indent, **options)
    return [line.strip() for line in lines]


def _join_lines(lines: Sequence[str]) -> str:
    return "<BR/>".join(html.escape(line, quote=False) for line in lines)


def _wrap(text: str, width: int) -> str:
    """Like :func:`wrap_label`, narrower for text in capitals (wider glyphs)."""
    letters = [c for c in text if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) > 0.6 * len(letters):
        width = max(8, round(width * 0.8))
    return wrap_label(text, width)


def _bold(text: str, width: int) -> str:
    return f"<B>{_wrap(text, width)}</B>" if text.strip() else ""


def _small(text: str, color: str = GREY) -> str:
    return f'<FONT POINT-SIZE="{SMALL_SIZE}" COLOR="{color}">{html.escape(text, quote=False)}</FONT>'


def _lines(*parts: str) -> Html:
    """An HTML-like label of the non-empty ``parts``, one under the other."""
    return Html("<BR/>".join(part for part in parts if part))


def _value(value: str | float) -> str:
    if isinstance(value, Html):
        return f"<{value}>"
    if isinstance(value, float | int):
        return format(value, "g")
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _attrs(attrs: dict[str, str | float]) -> str:
    if not attrs:
        return ""
    return " [" + ", ".join(f"{key}={_value(value)}" for key, value in attrs.items()) + "]"


@dataclass
class _Dot:
    """A DOT text built statement by statement, in a fixed order (deterministic output)."""

    name: str
    rankdir: str = "TB"
    lines: list[str] = field(default_factory=list)
    depth: int = 1
    points: int = 0
    groups: dict[str, str] = field(default_factory=dict)

    def add(self, statement: str) -> None:
        self.lines.append("  " * self.depth + statement)

    def defaults(self, kind: str, **attrs: str | float) -> None:
        self.add(kind + _attrs(attrs) + ";")

    def node(self, node_id: str, **attrs: str | float) -> None:
        self.add(node_id + _attrs(attrs) + ";")

    def edge(self, tail: str, head: str, **attrs: str | float) -> None:
        self.add(f"{tail} -> {head}" + _attrs(attrs) + ";")

    def point(self, group: str) -> str:
        """A junction of lines where edges meet, kept in line with the other nodes of ``group``."""
        self.points += 1
        node_id = f"j{self.points}"
        self.node(node_id, shape="point", width=0.01, height=0.01, color=INK, group=group)
        self.groups[node_id] = group
        return node_id

    def group_of(self, node_id: str) -> str:
        return self.groups[node_id]

    def same_rank(self, *node_ids: str) -> None:
        self.add("{rank=same; " + "; ".join(node_ids) + ";}")

    def line_up(self, node_ids: Sequence[str], arrows: bool = False) -> None:
        """Nodes in one rank, left to right (TB only: in LR dot flips the order inside clusters)."""
        if len(node_ids) > 1:
            self.same_rank(*node_ids)
        style: dict[str, str | float] = {} if arrows else {"style": "invis"}
        for first, second in _pairs(node_ids):
            self.edge(first, second, **style)

    @contextmanager
    def cluster(self, cluster_id: str, **attrs: str | float) -> Iterator[None]:
        self.add(f"subgraph {cluster_id} {{")
        self.depth += 1
        for key, value in attrs.items():
            self.add(f"{key}={_value(value)};")
        yield
        self.depth -= 1
        self.add("}")

    def source(self) -> str:
        return f"digraph {_value(self.name)} {{\n" + "\n".join(self.lines) + "\n}\n"


def _start(name: str, rankdir: str = "TB", **graph: str | float) -> _Dot:
    """A graph with the shared look: font, palette, print resolution."""
    dot = _Dot(name, rankdir)
    base: dict[str, str | float] = {
        "rankdir": rankdir,
        "dpi": DPI,
        "bgcolor": WHITE,
        "pad": 0.12,
        "fontname": FONT,
        "fontsize": FONT_SIZE,
        "fontcolor": NAVY,
        "nodesep": 0.22,
        "ranksep": 0.35,
    }
    dot.defaults("graph", **(base | graph))
    dot.defaults(
        "node",
        shape="box",
        style="filled",
        fontname=FONT,
        fontsize=FONT_SIZE,
        fontcolor=INK,
        color=NAVY,
        fillcolor=WHITE,
        penwidth=1.2,
        margin="0.10,0.06",
    )
    dot.defaults("edge", color=INK, penwidth=1.1, arrowsize=0.7, fontname=FONT)
    return dot


def _pairs(items: Sequence[T]) -> Iterator[tuple[T, T]]:
    return zip(items, items[1:], strict=False)


def _chunks(items: Sequence[Process], size: int) -> list[list[Process]]:
    return [list(items[start : start + size]) for start in range(0, len(items), size)]


# ---------------------------------------------------------------- hierarchy charts


@dataclass(frozen=True)
class _Tree:
    """A hierarchy drawn as an org chart: node id -> child ids in order."""

    children: dict[str, list[str]]
    row: int = MAX_ROW  # leaf boxes side by side under one bar
    dashed: frozenset[str] = frozenset()  # attached beside the trunk by a dashed line

    def kids(self, node_id: str) -> list[str]:
        return self.children.get(node_id, [])


def _hierarchy(dot: _Dot, tree: _Tree, roots: list[str]) -> None:
    """Orthogonal lines from each root down its tree; nodes must be declared already."""
    for root in roots:
        dot.node(root, group=root)
        _hang(dot, tree, root, root)


def _tree_items(tree: _Tree, node_ids: list[str]) -> list[str | list[str]]:
    """Nodes with children stand alone, as does a lone leaf; other runs of leaves form balanced rows."""
    items: list[str | list[str]] = []
    run: list[str] = []
    for node_id in [*node_ids, None]:
        if node_id is not None and not tree.kids(node_id):
            run.append(node_id)
            continue
        items.extend(row[0] if len(row) == 1 else row for row in _balanced_rows(run, tree.row))
        run = []
        if node_id is not None:
            items.append(node_id)
    return items


def _balanced_rows(node_ids: list[str], width: int) -> list[list[str]]:
    """The fewest rows of at most ``width``, as even as possible (5 in rows of 4 -> 3 + 2)."""
    if not node_ids:
        return []
    count = -(-len(node_ids) // width)
    size = -(-len(node_ids) // count)
    return [node_ids[start : start + size] for start in range(0, len(node_ids), size)]


def _hang(dot: _Dot, tree: _Tree, parent: str, group: str) -> int:
    """Draw the children of ``parent`` along a vertical trunk; return the ranks used below it.

    A child standing alone sits beside the trunk (the last one straight below it); rows of leaves
    hang from horizontal bars. Nodes of one vertical line share a ``group``, which makes
    dot keep that line straight.
    """
    kids = tree.kids(parent)
    dashed = [kid for kid in kids if kid in tree.dashed]
    items = _tree_items(tree, [kid for kid in kids if kid not in tree.dashed])
    if not items:
        for kid in dashed:
            dot.edge(parent, kid, style="dashed")
        return 1 if dashed else 0
    tail, depth, span = parent, 0, 1
    for index, item in enumerate(items):
        last = index == len(items) - 1
        if isinstance(item, str) and last and not (index == 0 and dashed):
            dot.node(item, group=group)
            dot.edge(tail, item, minlen=span)
            return depth + span + _hang(dot, tree, item, group)
        junction = dot.point(group)
        dot.edge(tail, junction, minlen=span)
        depth += span
        if index == 0:
            _attach_dashed(dot, junction, dashed)
        if isinstance(item, str):
            dot.same_rank(junction, item)
            dot.edge(junction, item)
            dot.node(item, group=item)
            span = 1 + _hang(dot, tree, item, item)
        else:
            _bar(dot, junction, item, continues=not last)
            span = 2
        tail = junction
    return depth + span - 1


def _attach_dashed(dot: _Dot, junction: str, node_ids: list[str]) -> None:
    """Left of the trunk, joined by a dashed line (Kelompok Jabatan Fungsional)."""
    for node_id in node_ids:
        dot.same_rank(node_id, junction)
        dot.edge(node_id, junction, style="dashed")


def _bar(dot: _Dot, junction: str, leaves: list[str], continues: bool) -> None:
    """A horizontal bar under ``junction`` with one drop per leaf; the trunk may pass through."""
    half = len(leaves) // 2
    centred = not continues and len(leaves) % 2 == 1
    drops = [junction if centred and i == half else dot.point(leaf) for i, leaf in enumerate(leaves)]
    row = drops if centred else drops[:half] + [junction] + drops[half:]
    if len(row) > 1:
        dot.same_rank(*row)
    for left, right in _pairs(row):
        dot.edge(left, right)
    for drop, leaf in zip(drops, leaves, strict=True):
        dot.node(leaf, group=leaf if drop != junction else dot.group_of(junction))
        dot.edge(drop, leaf)


def _chart(name: str) -> _Dot:
    """A graph for a hierarchy chart: orthogonal plain lines."""
    dot = _start(name, splines="line", nodesep=0.22, ranksep=0.22)
    dot.defaults("edge", dir="none", color=INK, penwidth=1.3)
    return dot


# ---------------------------------------------------------------- Bagan Susunan Organisasi

_UNIT_WRAP = 16


def _organisasi(decree: Decree) -> str:
    """Org chart: Camat on top, staff units beside the trunk, rows of Seksi hung from bars."""
    dot = _chart("organisasi")
    ids = {unit.code: f"u{index}" for index, unit in enumerate(decree.units)}
    children: dict[str, list[str]] = {}
    for unit in decree.units:
        _unit_node(dot, ids[unit.code], unit, head=unit.parent is None)
        children[ids[unit.code]] = [ids[kid.code] for kid in decree.unit_children(unit.code)]
    dashed = frozenset(ids[unit.code] for unit in decree.units if unit.functional)
    roots = [ids[unit.code] for unit in decree.unit_children(None)]
    _hierarchy(dot, _Tree(children, MAX_ROW, dashed), roots)
    return dot.source()


def _unit_node(dot: _Dot, node_id: str, unit: Unit, head: bool) -> None:
    fill, ink = (NAVY, WHITE) if head else (PALE_GREY if unit.functional else PALE_BLUE, INK)
    label = Html(_bold(unit.name, _UNIT_WRAP))
    dot.node(node_id, label=label, fillcolor=fill, fontcolor=ink, width=1.45, height=0.55)


# ---------------------------------------------------------------- Peta Proses Bisnis (level 0)

_PETA_ROW = 3
_PETA_WRAP = 17
_BAND_FILL = {
    Category.MANAJERIAL: BAND_BLUE,
    Category.UTAMA: PALE_GOLD,
    Category.PENDUKUNG: PALE_GREY,
    Category.LAINNYA: PALE_GREY,
}


def _process_ids(decree: Decree) -> dict[str, str]:
    return {process.code: f"p{index}" for index, process in enumerate(decree.processes)}


def _process_label(process: Process, width: int) -> Html:
    return _lines(f"<B>{html.escape(process.code, quote=False)}</B>", _wrap(process.name, width))


def _inline_label(process: Process, width: int) -> Html:
    """Code and name on as few lines as ``width`` allows: "<b>P.1</b> Proses Umum ..."."""
    code = clean_text(process.code)
    name = _join_lines(_wrapped(process.name, width, indent=len(code) + 1))
    return Html(f"<B>{html.escape(code, quote=False)}</B> {name}".rstrip())


def _band_label(category: Category) -> Html:
    return Html(f"<B>{html.escape(category.title.upper(), quote=False)}</B>")


def _peta(decree: Decree) -> str:
    """Level-0 map: Manajerial band on top, the Utama value chain, Pendukung/Lainnya below."""
    dot = _start("peta", newrank="true", nodesep=0.2, ranksep=0.3)
    ids = _process_ids(decree)
    top = decree.children(None)
    bands = [(c, _chunks([p for p in top if p.category is c], _PETA_ROW)) for c in Category]
    bands = [(category, rows) for category, rows in bands if rows]
    if not bands:
        raise ValueError("Peta Proses Bisnis tanpa proses tidak dapat digambar.")
    utama = [ids[p.code] for c, rows in bands if c is Category.UTAMA for row in rows for p in row]
    firsts = [ids[row[0].code] for _, rows in bands for row in rows]
    outputs = _outcomes(decree) if utama else []
    _stakeholder(dot, decree, utama[0] if utama else firsts[0], linked=bool(utama))
    for category, rows in bands:
        _peta_band(dot, category, rows, ids)
        if category is Category.UTAMA and outputs:
            _outcome(dot, outputs, utama[-1])
    for node_id in firsts:  # every row starts in one column
        dot.node(node_id, group="first")
    for upper, lower in _pairs(firsts):
        dot.edge(upper, lower, style="invis")
    return dot.source()


def _peta_band(dot: _Dot, category: Category, rows: list[list[Process]], ids: dict[str, str]) -> None:
    """One cluster; the Utama band is a chain of arrow-like boxes, wrapping every _PETA_ROW."""
    chain = category is Category.UTAMA
    style: dict[str, str | float] = (
        {"shape": "cds", "fillcolor": NAVY, "fontcolor": WHITE, "margin": "0.18,0.12"}
        if chain
        else {"fillcolor": WHITE}
    )
    with dot.cluster(
        f"cluster_{category.name.lower()}",
        label=_band_label(category),
        labeljust="l",
        style="filled",
        fillcolor=_BAND_FILL[category],
        color=NAVY if chain else GREY,
        penwidth=1.0,
        margin=10,
    ):
        for row in rows:
            for process in row:
                label = _process_label(process, _PETA_WRAP)
                dot.node(ids[process.code], label=label, width=1.3, height=0.8, **style)
            dot.line_up([ids[p.code] for p in row], arrows=chain)
    if chain:
        for upper, lower in _pairs(rows):
            dot.edge(ids[upper[-1].code], ids[lower[0].code])


def _stakeholder(dot: _Dot, decree: Decree, anchor: str, linked: bool) -> None:
    """Stakeholders left of the value chain.

    Declared before every cluster: dot does not order a flat edge that enters a cluster, but it
    starts each rank with the first node declared.
    """
    names = decree.lampiran.stakeholders or (DEFAULT_STAKEHOLDER,)
    dot.node("s", label=_side_label("Pemangku Kepentingan", names), **_side_style())
    dot.same_rank("s", anchor)
    dot.edge("s", anchor, **({} if linked else {"style": "invis"}))


def _outcome(dot: _Dot, outputs: list[str], anchor: str) -> None:
    """The outcome (outputs of Proses Utama) right of the value chain, declared after it."""
    dot.node("o", label=_side_label("Outcome", outputs), **_side_style())
    dot.same_rank(anchor, "o")
    dot.edge(anchor, "o")


def _side_style() -> dict[str, str | float]:
    return {"style": "rounded,filled", "fillcolor": PALE_GOLD, "color": GOLD, "width": 1.0}


def _side_label(title: str, items: Sequence[str]) -> Html:
    """Bold title over the items; several items each get a bullet so they do not run together."""
    bullet = "\u2022 " if len(items) > 1 else ""
    return _lines(_bold(title, 12), *(_wrap(bullet + item, 14) for item in items))


def _outcomes(decree: Decree) -> list[str]:
    """Outputs of the Utama processes, each once, in workbook order."""
    seen: dict[str, str] = {}
    for process in decree.processes:
        if process.category is Category.UTAMA and process.output.strip():
            seen.setdefault(party_key(process.output), clean_text(process.output))
    return list(seen.values())


# ---------------------------------------------------------------- sub-process and category maps

_FLOW_WRAP = 20


def _process_map(decree: Decree, code: str) -> str:
    """Sub-processes of one process as a flow, grandchildren nested in a frame of their own."""
    process = next((p for p in decree.processes if p.code == code), None)
    if process is None or not decree.children(code):
        raise ValueError(f"Proses {code!r} tidak ada atau tidak memiliki subproses.")
    title = f"{process.code}. {process.name}" if process.code else process.name
    return _flow_map(decree, f"proses {code}", title, decree.children(code), chain=True)


def _category_map(decree: Decree, category: Category) -> str:
    """Top-level processes of one category; arrows only for the value chain of Proses Utama."""
    processes = [p for p in decree.children(None) if p.category is category]
    if not processes:
        raise ValueError(f"Tidak ada proses dengan jenis {category.value}.")
    chain = category is Category.UTAMA
    return _flow_map(decree, f"kategori {category.value}", category.title, processes, chain)


def _flow_map(decree: Decree, name: str, title: str, items: list[Process], chain: bool) -> str:
    """A row when the steps are few and plain, else a column of steps (nested ones framed)."""
    dot = _start(name, compound="true", nodesep=0.25, ranksep=0.28)
    ids = _process_ids(decree)
    nested = any(decree.children(item.code) for item in items)
    with dot.cluster("cluster_frame", **_frame_style(title)):
        if not nested:
            for process in items:
                dot.node(ids[process.code], label=_process_label(process, _FLOW_WRAP), **_STEP)
            _grid(dot, [ids[p.code] for p in items], MAX_ROW if chain else 3, arrows=chain)
        else:
            steps = [_flow_item(dot, decree, process, ids, chain) for process in items]
            for upper, lower in _pairs(steps):
                _link(dot, upper, lower, chain)
    return dot.source()


_STEP: dict[str, str | float] = {"fillcolor": PALE_BLUE, "width": 1.6, "height": 0.6}


def _frame_style(title: str) -> dict[str, str | float]:
    return {
        "label": Html(f"<B>{_wrap(title, 60)}</B>"),
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


def _flow_item(dot: _Dot, decree: Decree, process: Process, ids: dict[str, str], chain: bool) -> _Step:
    """One step of a column: the process, or a frame of its children when it has any."""
    node_id = ids[process.code]
    children = decree.children(process.code)
    if not children:
        dot.node(node_id, label=_process_label(process, _FLOW_WRAP), **_STEP)
        return _Step([node_id], [node_id])
    cluster_id = f"cluster_{node_id}"
    code = html.escape(process.code, quote=False)
    with dot.cluster(
        cluster_id,
        label=Html(f"<B>{code}</B> {_wrap(process.name, 40)}"),
        style="filled",
        fillcolor=BAND_BLUE,
        color=BLUE,
        penwidth=1.0,
        margin=10,
    ):
        child_ids = [ids[child.code] for child in children]
        for child in children:
            label = _process_label(child, _FLOW_WRAP)
            dot.node(ids[child.code], label=label, fillcolor=WHITE, width=1.6, height=0.6)
        rows = _grid(dot, child_ids, MAX_ROW, arrows=chain)
    return _Step(rows[0], rows[-1], cluster_id)


def _link(dot: _Dot, upper: _Step, lower: _Step, arrow: bool) -> None:
    """One line from step to step, frame border to frame border; hidden lines from every node of the
    facing rows keep the column centred."""
    tail, head = upper.bottom[(len(upper.bottom) - 1) // 2], lower.top[(len(lower.top) - 1) // 2]
    attrs: dict[str, str | float] = {} if arrow else {"style": "invis"}
    attrs |= {"ltail": upper.cluster} if upper.cluster else {}
    attrs |= {"lhead": lower.cluster} if lower.cluster else {}
    dot.edge(tail, head, **attrs)
    for other in upper.bottom:
        if other != tail:
            dot.edge(other, head, style="invis")
    for other in lower.top:
        if other != head:
            dot.edge(tail, other, style="invis")


def _grid(dot: _Dot, node_ids: list[str], columns: int, arrows: bool = False) -> list[list[str]]:
    """Rows of ``columns`` nodes, read left to right then down; arrows follow the reading order."""
    rows = [node_ids[start : start + columns] for start in range(0, len(node_ids), columns)]
    for row in rows:
        dot.line_up(row, arrows=arrows)
    for upper, lower in _pairs(rows):
        if arrows:
            dot.edge(upper[-1], lower[0])
        else:
            dot.edge(upper[0], lower[0], style="invis")
    return rows


# ---------------------------------------------------------------- Peta Relasi


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


def _relasi(decree: Decree) -> str:
    """Processes in category clusters, each with the parties it names; one node per party."""
    dot = _start("relasi", newrank="true", nodesep=0.13, ranksep=0.09)
    dot.defaults("edge", dir="none", color=GREY, penwidth=0.9, arrowhead="none")
    ids = _process_ids(decree)
    involved = _related_processes(decree)
    parties = _parties(decree, {p.code for p in involved})
    blocks = _blocks(involved, parties)
    spine: list[str] = []
    for category in Category:
        members = [block for block in blocks if block.process.category is category]
        if members:
            spine += _relasi_cluster(dot, category, members, ids)
    for upper, lower in _pairs(spine):
        dot.edge(upper, lower, style="invis")
    _shared_parties(dot, [p for p in parties if len(p.processes) > 1], spine, ids)
    if any(party.kind for party in parties):
        _relasi_legend(dot, spine[-1])
    return dot.source()


def _related_processes(decree: Decree) -> list[Process]:
    """Processes named in the Relasi sheet, in category then tree order."""
    codes = {relation.process for relation in decree.relations}
    ordered = [p for c in Category for p in _tree_order(decree, None) if p.category is c]
    return [p for p in ordered if p.code in codes]


def _tree_order(decree: Decree, parent: str | None) -> list[Process]:
    found: list[Process] = []
    for process in decree.children(parent):
        found.append(process)
        found.extend(_tree_order(decree, process.code))
    return found


def _relasi_cluster(dot: _Dot, category: Category, blocks: list[_Block], ids: dict[str, str]) -> list[str]:
    """One category with its parties; return the spine: per row the process or a hidden box.

    Parties stay inside the cluster of their process: only there does dot honour the order of
    flat edges (left party, process, right party).
    """
    spine: list[str] = []
    with dot.cluster(
        f"cluster_{category.name.lower()}",
        label=_band_label(category),
        style="filled",
        fillcolor=_BAND_FILL[category],
        color=GREY,
        penwidth=1.0,
        margin=8,
    ):
        for block in blocks:
            spine += _relasi_block(dot, block, ids[block.process.code])
    return spine


def _relasi_block(dot: _Dot, block: _Block, process_id: str) -> list[str]:
    """The rows of one process: the process in the middle, its parties either side on a bus."""
    rows = _block_rows(block)
    middle = (block.height - 1) // 2
    label = _inline_label(block.process, 28)
    spine: list[str] = []
    for row in range(block.height):
        if row == middle:
            dot.node(process_id, label=label, width=2.05, height=0.3, fillcolor=WHITE, group="spine")
            spine.append(process_id)
        else:  # as wide as a process, so the parties of this row keep clear of the column
            spine.append(dot.point("spine"))
            dot.node(spine[-1], shape="box", style="invis", width=2.05, height=0.26)
    lines = [[node_id] for node_id in spine]  # each row's nodes, left to right
    for side in (0, 1):
        placed = [(number, row[side]) for number, row in enumerate(rows) if row[side]]
        _relasi_side(dot, placed, spine, middle, lines, side == 0)
    for line in lines:
        if len(line) > 1:
            dot.same_rank(*line)
    return spine


def _relasi_side(
    dot: _Dot,
    placed: list[tuple[int, _Party]],
    spine: list[str],
    middle: int,
    lines: list[list[str]],
    left: bool,
) -> None:
    """Parties on one side of a process: one beside it is joined directly, more share a bus."""
    if not placed:
        return
    for _, party in placed:
        _party_node(dot, party)
    if len(placed) == 1 and placed[0][0] == middle:
        _join(dot, lines[middle], placed[0][1].node_id, left, visible=True)
        return
    numbers = [number for number, _ in placed]
    span = range(min(*numbers, middle), max(*numbers, middle) + 1)
    bus = {number: dot.point(f"bus_{spine[middle]}_{'l' if left else 'r'}") for number in span}
    for number in span:
        _join(dot, lines[number], bus[number], left, visible=number == middle)
    for upper, lower in _pairs(list(span)):
        dot.edge(bus[upper], bus[lower])
    for number, party in placed:
        _join(dot, lines[number], party.node_id, left, visible=True)


def _join(dot: _Dot, line: list[str], node_id: str, left: bool, visible: bool) -> None:
    """Add ``node_id`` at the left or right end of a row, joined to its neighbour by a flat edge."""
    style: dict[str, str | float] = {} if visible else {"style": "invis"}
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


def _shared_parties(dot: _Dot, shared: list[_Party], spine: list[str], ids: dict[str, str]) -> None:
    """Parties named by several processes: right of every cluster, level with their middle process.

    Declared after the clusters, which is where dot then puts them; each gets a row of its own,
    away from the rows of its processes (a line within one row would arc over the row's parties).
    """
    taken: set[int] = set()
    for party in shared:
        own = sorted(spine.index(ids[code]) for code in party.processes)
        row = _free_row((own[0] + own[-1]) // 2, len(spine), taken | set(own))
        taken.add(row)
        _party_node(dot, party)
        dot.same_rank(spine[row], party.node_id)
        for code in party.processes:
            dot.edge(ids[code], party.node_id, constraint="false")


def _free_row(wanted: int, count: int, busy: set[int]) -> int:
    """The row nearest ``wanted`` that is not busy (``wanted`` itself if all are)."""
    for distance in range(count):
        for row in (wanted + distance, wanted - distance):
            if 0 <= row < count and row not in busy:
                return row
    return wanted


def _party_style(kind: PartyKind | None) -> dict[str, str | float]:
    internal = kind is PartyKind.INTERNAL
    return {
        "style": "rounded,filled",
        "fillcolor": PALE_BLUE if internal else PALE_GOLD,
        "color": NAVY if internal else GOLD,
    }


def _party_node(dot: _Dot, party: _Party) -> None:
    label = Html(_wrap(party.name, 20))
    dot.node(party.node_id, label=label, width=1.25, height=0.26, **_party_style(party.kind))


def _relasi_legend(dot: _Dot, below: str) -> None:
    """Which colour is an internal and which an external party."""
    for node_id, kind in (("legend_internal", PartyKind.INTERNAL), ("legend_external", PartyKind.EKSTERNAL)):
        label = Html(_small(f"Pihak {kind.value}", INK))
        dot.node(node_id, label=label, width=1.1, height=0.25, **_party_style(kind))
    dot.same_rank("legend_internal", "legend_external")
    dot.edge(below, "legend_internal", style="invis", minlen=2)
    dot.edge("legend_internal", "legend_external", style="invis")


# ---------------------------------------------------------------- Cascading Kinerja


def _kinerja_children(items: Sequence[Kinerja]) -> dict[str | None, list[Kinerja]]:
    """Parent code -> children in sheet order; items whose parent is unknown count as roots."""
    codes = {item.code for item in items}
    children: dict[str | None, list[Kinerja]] = {}
    ranked = sorted(enumerate(items), key=lambda pair: (pair[1].order, pair[0]))
    for _, item in ranked:
        parent = item.parent if item.parent in codes and item.parent != item.code else None
        children.setdefault(parent, []).append(item)
    return children


def _kinerja_walk(children: dict[str | None, list[Kinerja]]) -> list[tuple[int, Kinerja]]:
    """(depth, item) depth first from the roots; each item once."""
    found: list[tuple[int, Kinerja]] = []
    seen: set[str] = set()

    def visit(parent: str | None, depth: int) -> None:
        for item in children.get(parent, []):
            if item.code not in seen:
                seen.add(item.code)
                found.append((depth, item))
                visit(item.code, depth + 1)

    visit(None, 0)
    return found


def _kinerja_label(item: Kinerja, width: int, header: str = GREY) -> Html:
    indicator = f"Indikator: {item.indicator.strip()}" if item.indicator.strip() else ""
    level = _small(item.level.upper(), header)
    return _lines(level, _bold(item.text, width), _wrap(indicator, width))


def _kinerja_style(depth: int) -> dict[str, str | float]:
    if depth == 0:
        return {"fillcolor": NAVY, "fontcolor": WHITE, "color": NAVY}
    if depth == 1:
        return {"fillcolor": BLUE, "fontcolor": WHITE, "color": NAVY}
    return {"fillcolor": PALE_BLUE, "fontcolor": INK, "color": NAVY}


def _cascading(decree: Decree) -> str:
    """Tujuan -> sasaran -> program/kegiatan as a hierarchy chart, each box with its indicator."""
    children = _kinerja_children(decree.kinerja)
    ids = {item.code: f"k{index}" for index, item in enumerate(decree.kinerja)}
    dot = _chart("cascading")
    for depth, item in _kinerja_walk(children):
        header = PALE_BLUE if depth < 2 else GREY
        label = _kinerja_label(item, 24, header)
        dot.node(ids[item.code], label=label, width=1.9, **_kinerja_style(depth))
    tree = _Tree({ids[code]: [ids[k.code] for k in kids] for code, kids in children.items() if code}, 3)
    _hierarchy(dot, tree, [ids[item.code] for item in children.get(None, [])])
    return dot.source()


# ---------------------------------------------------------------- Keterkaitan RPJMD - Renstra

_Row = list[Kinerja | None]  # [RPJMD item, Renstra item]


def _keterkaitan_rows(walk: list[Kinerja]) -> list[_Row]:
    """Rows of the two columns: a Renstra item shares the row of the RPJMD item it refines."""
    rows: list[_Row] = []
    for item in walk:
        column = 0 if item.source is KinerjaSource.RPJMD else 1
        if column == 1 and rows and rows[-1][1] is None:
            rows[-1][1] = item
        else:
            rows.append([item, None] if column == 0 else [None, item])
    return rows


def _keterkaitan(decree: Decree) -> str:
    """Two columns, RPJMD and Renstra; arrows where an item refines the one above or beside it."""
    dot = _start("keterkaitan", newrank="true", nodesep=0.6, ranksep=0.3)
    ids = {item.code: f"k{index}" for index, item in enumerate(decree.kinerja)}
    rows = _keterkaitan_rows([item for _, item in _kinerja_walk(_kinerja_children(decree.kinerja))])
    text = decree.lampiran
    headings = (text.keterkaitan_rpjmd or "RPJMD", text.keterkaitan_renstra or "RENSTRA")
    for column, (source, heading) in enumerate(zip(KinerjaSource, headings, strict=True)):
        _keterkaitan_column(dot, source, heading, [(n, row[column]) for n, row in enumerate(rows)], ids)
    for left, right in rows:
        if left and right:
            dot.same_rank(ids[left.code], ids[right.code])
            linked = right.parent == left.code
            dot.edge(ids[left.code], ids[right.code], **({} if linked else {"style": "invis"}))
    by_code = {item.code: item for item in decree.kinerja}
    for _, right in rows:
        parent = by_code.get(right.parent or "") if right else None
        if right and parent and parent.source is KinerjaSource.RPJMD:
            if not any(row == [parent, right] for row in rows):
                dot.edge(ids[parent.code], ids[right.code], constraint="false")
    return dot.source()


def _keterkaitan_column(
    dot: _Dot,
    source: KinerjaSource,
    heading: str,
    cells: list[tuple[int, Kinerja | None]],
    ids: dict[str, str],
) -> None:
    """One column; consecutive items are linked, with an arrow where one refines the other."""
    members = [(row, item) for row, item in cells if item]
    if not members:
        return
    with dot.cluster(
        f"cluster_{source.name.lower()}",
        label=Html(f"<B>{_wrap(heading, 30)}</B>"),
        style="filled",
        fillcolor=BAND_BLUE,
        color=NAVY,
        penwidth=1.0,
        margin=10,
    ):
        for _, item in members:
            label = _kinerja_label(item, 30)
            dot.node(ids[item.code], label=label, fillcolor=WHITE, width=2.4)
        for (row, upper), (next_row, lower) in _pairs(members):
            style = {} if lower.parent == upper.code else {"style": "invis"}
            dot.edge(ids[upper.code], ids[lower.code], minlen=next_row - row, **style)


# ---------------------------------------------------------------- sources of every figure

_BUILDERS: dict[str, Callable[[Decree], str]] = {
    ORGANISASI: _organisasi,
    KETERKAITAN: _keterkaitan,
    PETA: _peta,
    RELASI: _relasi,
    CASCADING: _cascading,
}


def build_sources(decree: Decree, figures: Sequence[Figure]) -> dict[str, str]:
    """Figure key -> DOT source of that figure; pure, nothing is rendered."""
    return {figure.key: _source(decree, figure.key) for figure in figures}


def _source(decree: Decree, key: str) -> str:
    if key in _BUILDERS:
        return _BUILDERS[key](decree)
    if key.startswith(PROCESS_PREFIX):
        return _process_map(decree, key.removeprefix(PROCESS_PREFIX))
    if key.startswith(CATEGORY_PREFIX):
        return _category_map(decree, Category(key.removeprefix(CATEGORY_PREFIX)))
    raise ValueError(f"Gambar {key!r} tidak dikenal.")


# ---------------------------------------------------------------- rendering and cache


def graphviz_available() -> bool:
    """True when the `dot` program of Graphviz can be found."""
    return shutil.which("dot") is not None


def default_cache_dir() -> Path:
    """``$KEPUTUSAN_CACHE`` or ``~/.cache/keputusan-camat/gambar``."""
    configured = os.environ.get("KEPUTUSAN_CACHE", "").strip()
    if configured:
        return Path(configured).expanduser()
    return Path.home() / ".cache" / "keputusan-camat" / "gambar"


@functools.cache
def _version() -> str:
    """What besides the DOT source decides the pixels: our drawing code and the Graphviz release."""
    try:
        release = ".".join(map(str, graphviz.version()))
    except (graphviz.ExecutableNotFound, subprocess.CalledProcessError, RuntimeError):
        release = "?"
    return f"{RENDER_VERSION};dot {release};dpi {DPI}"


def cache_name(source: str) -> str:
    """File name of a figure in the cache: sha256 of its DOT source and the version string."""
    digest = hashlib.sha256((source + "\n" + _version()).encode("utf-8")).hexdigest()
    return f"{digest}.png"


def render_diagrams(
    decree: Decree, figures: Sequence[Figure], cache_dir: Path | None = None
) -> dict[str, Diagram]:
    """Figure key -> rendered PNG; figures whose source is already in the cache are not redrawn."""
    if not graphviz_available():
        raise GraphvizMissing()
    folder = cache_dir if cache_dir is not None else default_cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    sources = build_sources(decree, figures)
    paths = {key: folder / cache_name(source) for key, source in sources.items()}
    todo = {paths[key]: (key, source) for key, source in sources.items() if not _is_png(paths[key])}
    if todo:
        with ThreadPoolExecutor(max_workers=min(len(todo), os.cpu_count() or 1)) as pool:
            list(pool.map(lambda item: _draw(item[0], *item[1]), todo.items()))
    return {key: _diagram(path) for key, path in paths.items()}


def _draw(path: Path, key: str, source: str) -> None:
    _write_atomic(path, _run_dot(key, source))


def _run_dot(key: str, source: str) -> bytes:
    """PNG bytes of one DOT source (cairo renderer, the same pixels on every run)."""
    try:
        return graphviz.pipe("dot", "png", source.encode("utf-8"), renderer="cairo", quiet=True)
    except graphviz.ExecutableNotFound as error:
        raise GraphvizMissing() from error
    except subprocess.CalledProcessError as error:
        detail = (error.stderr or b"").decode("utf-8", "replace").strip()
        raise DiagramError(f"Graphviz gagal menggambar {key}: {detail}") from error


def _write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, then rename: readers never see half a file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem[:16]}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)  # mkstemp makes 0600; a cached picture is an ordinary file
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _png_size(path: Path) -> tuple[int, int] | None:
    """(width, height) in pixels from the IHDR chunk, or None if the file is not a PNG."""
    try:
        with path.open("rb") as stream:
            head = stream.read(24)
    except OSError:
        return None
    if len(head) < 24 or not head.startswith(_PNG_SIGNATURE) or head[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def _is_png(path: Path) -> bool:
    return _png_size(path) is not None


def _diagram(path: Path) -> Diagram:
    size = _png_size(path)
    if size is None:
        raise DiagramError(f"Berkas gambar {path} rusak.")
    width, height = size
    return Diagram(path, width * 25.4 / DPI, height * 25.4 / DPI)


def fit_width_mm(diagram: Diagram, text_width_mm: float, *, text_height_mm: float | None = None) -> float:
    """Width to place ``diagram`` at: within the text block, enlarged at most MAX_UPSCALE times."""
    width = min(text_width_mm, diagram.width_mm * MAX_UPSCALE)
    if text_height_mm is not None and diagram.height_mm > 0:
        width = min(width, text_height_mm * diagram.width_mm / diagram.height_mm)
    return round(width, 2)
