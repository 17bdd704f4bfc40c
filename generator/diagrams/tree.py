"""Hierarchy charts the way an org chart is drawn: a trunk down from each head, rows hung from bars."""

from __future__ import annotations

from dataclasses import dataclass

from .dot import Dot, balanced, pairs, start
from .page import Box
from .style import INK, MAX_ROW


@dataclass(frozen=True)
class Tree:
    """A hierarchy drawn as an org chart: node id -> child ids in order."""

    children: dict[str, list[str]]
    row: int = MAX_ROW  # leaf boxes side by side under one bar
    dashed: frozenset[str] = frozenset()  # attached beside the trunk by a dashed line

    def kids(self, node_id: str) -> list[str]:
        return self.children.get(node_id, [])


def chart(name: str, box: Box) -> Dot:
    """A graph for a hierarchy chart: orthogonal plain lines."""
    dot = start(name, box, splines="line", nodesep=0.22, ranksep=0.22)
    dot.defaults("edge", dir="none", color=INK, penwidth=1.3)
    return dot


def hierarchy(dot: Dot, tree: Tree, roots: list[str]) -> None:
    """Orthogonal lines from each root down its tree; nodes must be declared already."""
    for root in roots:
        dot.node(root, group=root)
        _hang(dot, tree, root, root)


def _items(tree: Tree, node_ids: list[str]) -> list[str | list[str]]:
    """Nodes with children stand alone, as does a lone leaf; other runs of leaves form balanced rows."""
    items: list[str | list[str]] = []
    run: list[str] = []
    for node_id in [*node_ids, None]:
        if node_id is not None and not tree.kids(node_id):
            run.append(node_id)
            continue
        items.extend(row[0] if len(row) == 1 else row for row in balanced(run, tree.row))
        run = []
        if node_id is not None:
            items.append(node_id)
    return items


def _hang(dot: Dot, tree: Tree, parent: str, group: str) -> int:
    """Draw the children of ``parent`` along a vertical trunk; return the ranks used below it.

    A child standing alone sits beside the trunk (the last one straight below it); rows of leaves
    hang from horizontal bars. Nodes of one vertical line share a ``group``, which makes
    dot keep that line straight.
    """
    kids = tree.kids(parent)
    dashed = [kid for kid in kids if kid in tree.dashed]
    items = _items(tree, [kid for kid in kids if kid not in tree.dashed])
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


def _attach_dashed(dot: Dot, junction: str, node_ids: list[str]) -> None:
    """Left of the trunk, joined by a dashed line (Kelompok Jabatan Fungsional)."""
    for node_id in node_ids:
        dot.same_rank(node_id, junction)
        dot.edge(node_id, junction, style="dashed")


def _bar(dot: Dot, junction: str, leaves: list[str], continues: bool) -> None:
    """A horizontal bar under ``junction`` with one drop per leaf; the trunk may pass through."""
    half = len(leaves) // 2
    centred = not continues and len(leaves) % 2 == 1
    drops = [junction if centred and i == half else dot.point(leaf) for i, leaf in enumerate(leaves)]
    row = drops if centred else drops[:half] + [junction] + drops[half:]
    if len(row) > 1:
        dot.same_rank(*row)
    for left, right in pairs(row):
        dot.edge(left, right)
    for drop, leaf in zip(drops, leaves, strict=True):
        dot.node(leaf, group=leaf if drop != junction else dot.group_of(junction))
        dot.edge(drop, leaf)
