"""Cascading Kinerja as a top-down tree: each box over its children, siblings side by side.

Leaves that would not fit across the page wrap into rows hung one under another from the parent's
trunk. A tree too large for one page is cut into pieces: runs of top branches; or the top levels and
then the branches below them; or one parent over runs of its children. A branch continued in another
piece is noted "(bersambung)" and heads that piece as a faded copy noted "(lanjutan)".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..figures import CASCADING
from ..model import Decree, Kinerja
from .dot import Dot, balanced, pairs, start
from .drawing import Drawing, Room, longest, pack
from .kinerja import Children, kinerja_children, kinerja_ids, kinerja_label, kinerja_style, kinerja_walk
from .page import Box
from .style import GREY, INK, PALE_BLUE, PALE_GREY

_GAP = 0.2  # inches between boxes side by side
_PAD = 0.12  # inches around the drawing


@dataclass(frozen=True)
class _Look:
    width: float  # box width, inches
    wrap: int  # characters per line


_LOOKS = (_Look(1.9, 24), _Look(1.35, 17))
_SMALL = 8  # boxes a whole cascade of which nearly always fits its first look


@dataclass(frozen=True)
class _Forest:
    """What one piece shows: trees from ``roots``, ``levels`` deep (0: all), of the single root only
    the children in ``only`` (empty: all); ``repeated``: the roots were shown in an earlier piece."""

    roots: tuple[str, ...]
    levels: int = 0
    only: tuple[str, ...] = ()
    repeated: bool = False


@dataclass
class _Tree:
    """The whole hierarchy, shared by every piece."""

    decree: Decree
    box: Box
    children: Children
    items: dict[str, Kinerja] = field(init=False)
    ids: dict[str, str] = field(init=False)
    level: dict[str, int] = field(init=False)  # depth in the whole tree: the colour of a box

    def __post_init__(self) -> None:
        self.items = {item.code: item for item in self.decree.kinerja}
        self.ids = kinerja_ids(self.decree.kinerja)
        self.level = {item.code: depth for depth, item in kinerja_walk(self.children)}

    def kids(self, code: str) -> list[str]:
        return [kid.code for kid in self.children.get(code, [])]

    def depth(self, code: str) -> int:
        """Levels of the tree under and including ``code``."""
        return 1 + max((self.depth(kid) for kid in self.kids(code)), default=0)


def cascading(decree: Decree, box: Box) -> Drawing:
    """Tujuan -> sasaran -> program/kegiatan, each box with its indicator."""
    tree = _Tree(decree, box, kinerja_children(decree.kinerja))
    roots = tuple(item.code for item in tree.children.get(None, []))
    return _drawing(tree, _Forest(roots), whole=True)


def _drawing(tree: _Tree, forest: _Forest, whole: bool = False) -> Drawing:
    """The whole tree in either look; a piece in the wide-box look (the one printing largest)."""
    looks = _LOOKS if whole else _LOOKS[:1]
    layouts = tuple(_source(tree, forest, look) for look in looks)
    small = whole and len(tree.items) <= _SMALL
    return Drawing(CASCADING, layouts, lambda room: _cut(tree, forest, room), small)


def _cut(tree: _Tree, forest: _Forest, room: Room) -> list[Drawing]:
    """The pieces of a forest that cannot be read whole, each as large as is readable."""
    if len(forest.roots) > 1:  # runs of whole top branches
        return pack(
            forest.roots, lambda run, _: _drawing(tree, _Forest(tuple(run), 0, (), forest.repeated)), room
        )
    root = forest.roots[0]
    kids = list(forest.only) or tree.kids(root)
    depth = forest.levels or 1 + max((tree.depth(kid) for kid in kids), default=0)

    def top(levels: int) -> _Forest:
        return _Forest(forest.roots, levels, forest.only, forest.repeated)

    if depth >= 3 and room(_drawing(tree, top(2))) >= 1:  # the top levels, then the branches below
        levels = 1 + longest(depth - 2, lambda extra: room(_drawing(tree, top(1 + extra))))
        cut = [code for code in _shown(tree, top(levels), levels - 1) if tree.kids(code)]
        below = pack(cut, lambda run, _: _drawing(tree, _Forest(tuple(run), 0, (), True)), room)
        return [_drawing(tree, top(levels)), *below]
    if len(kids) > 1:  # the root over runs of its children
        repeated = forest.repeated

        def run_of(run: list[str], number: int) -> Drawing:
            return _drawing(tree, _Forest(forest.roots, forest.levels, tuple(run), repeated or number > 0))

        return pack(kids, run_of, room)
    return [_drawing(tree, forest)]


def _shown(tree: _Tree, forest: _Forest, level: int) -> list[str]:
    """Codes shown ``level`` levels under the roots, left to right."""
    row = list(forest.roots)
    for depth in range(level):
        row = [
            kid
            for code in row
            for kid in (list(forest.only) if depth == 0 and forest.only else tree.kids(code))
        ]
    return row


def _source(tree: _Tree, forest: _Forest, look: _Look) -> str:
    dot = start("cascading", tree.box, splines="line", nodesep=_GAP, ranksep=0.18)
    dot.defaults("edge", dir="none", color=INK, penwidth=1.3)
    painter = _Painter(dot, tree, forest, look)
    for root in forest.roots:
        painter.box(root, 0, root)
        painter.grow(root, 0, root)
    for left, right in pairs([tree.ids[root] for root in forest.roots]):
        dot.same_rank(left, right)
    return dot.source()


@dataclass
class _Painter:
    dot: Dot
    tree: _Tree
    forest: _Forest
    look: _Look

    @property
    def across(self) -> int:
        """Boxes that fit side by side within the page."""
        return max(1, int((self.tree.box.width_in - 2 * _PAD + _GAP) / (self.look.width + _GAP)))

    def kids(self, code: str, depth: int) -> list[str]:
        """The children drawn under ``code`` in this piece."""
        if self.forest.levels and depth >= self.forest.levels - 1:
            return []
        if depth == 0 and self.forest.only:
            return list(self.forest.only)
        return self.tree.kids(code)

    def rows(self, code: str, depth: int) -> list[list[str]]:
        """The children of ``code`` side by side; leaves alone wrap into even rows no wider than the
        page (5 in rows of 3 -> 3 + 2). Branches stay in one row: a piece too wide is cut."""
        kids = self.kids(code, depth)
        if any(self.kids(kid, depth + 1) for kid in kids):
            return [kids]
        return balanced(kids, self.across)

    def box(self, code: str, depth: int, group: str) -> None:
        """The box of one item; a repeated root is faded, a box whose branch continues elsewhere noted."""
        item = self.tree.items[code]
        repeated = depth == 0 and self.forest.repeated
        cut = bool(self.tree.kids(code)) and not self.kids(code, depth)
        note = "(lanjutan)" if repeated else "(bersambung)" if cut else ""
        style = (
            {"fillcolor": PALE_GREY, "fontcolor": INK, "color": GREY} if repeated else kinerja_style(depth)
        )
        header = GREY if repeated or depth >= 2 else PALE_BLUE
        label = kinerja_label(item, self.look.wrap, header, note)
        node_id = self.tree.ids[code]
        self.dot.node(node_id, label=label, width=self.look.width, group=self.tree.ids[group], **style)

    def grow(self, code: str, depth: int, group: str) -> int:
        """Hang the children of ``code`` below it; return the ranks its subtree takes below it."""
        rows = self.rows(code, depth)
        if not rows:
            return 0
        node_id = self.tree.ids[code]
        if len(rows) == 1 and len(rows[0]) == 1:
            kid = rows[0][0]
            self.box(kid, depth + 1, group)
            self.dot.edge(node_id, self.tree.ids[kid])
            return 1 + self.grow(kid, depth + 1, group)
        tail, rank, span = node_id, 0, 1
        for index, row in enumerate(rows):
            junction = self.dot.point(self.tree.ids[group])
            self.dot.edge(tail, junction, minlen=span)
            rank += span
            below = self._bar(junction, row, depth + 1, group, continues=index < len(rows) - 1)
            tail, span = junction, below + 1
        return rank + span - 1

    def _bar(self, junction: str, row: list[str], depth: int, group: str, continues: bool) -> int:
        """Siblings under a bar, the trunk passing between them when more rows follow; return the
        ranks from the bar down to the bottom of their subtrees."""
        half = len(row) // 2
        centred = not continues and len(row) % 2 == 1
        drops = [
            junction if centred and i == half else self.dot.point(self.tree.ids[kid])
            for i, kid in enumerate(row)
        ]
        line = drops if centred else drops[:half] + [junction] + drops[half:]
        if len(line) > 1:
            self.dot.same_rank(*line)
        for left, right in pairs(line):
            self.dot.edge(left, right)
        below = 0
        for drop, kid in zip(drops, row, strict=True):
            kid_group = group if drop == junction else kid
            self.box(kid, depth, kid_group)
            self.dot.edge(drop, self.tree.ids[kid])
            below = max(below, 1 + self.grow(kid, depth, kid_group))
        return below
