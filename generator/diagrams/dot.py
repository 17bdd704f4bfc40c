"""DOT text written statement by statement, in a fixed order, with the shared look of every figure."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TypeVar

from .labels import Html
from .page import Box
from .style import DPI, FONT, FONT_SIZE, INK, NAVY, WHITE

T = TypeVar("T")
Attrs = dict[str, str | float]


def value(item: str | float) -> str:
    """An attribute value as DOT writes it: <html>, a number, or a quoted string."""
    if isinstance(item, Html):
        return f"<{item}>"
    if isinstance(item, float | int):
        return format(item, "g")
    return '"' + item.replace("\\", "\\\\").replace('"', '\\"') + '"'


def attributes(attrs: Attrs) -> str:
    if not attrs:
        return ""
    return " [" + ", ".join(f"{key}={value(item)}" for key, item in attrs.items()) + "]"


@dataclass
class Dot:
    """A DOT text built statement by statement, in a fixed order (deterministic output)."""

    name: str
    lines: list[str] = field(default_factory=list)
    depth: int = 1
    points: int = 0
    groups: dict[str, str] = field(default_factory=dict)

    def add(self, statement: str) -> None:
        self.lines.append("  " * self.depth + statement)

    def defaults(self, kind: str, **attrs: str | float) -> None:
        self.add(kind + attributes(attrs) + ";")

    def node(self, node_id: str, **attrs: str | float) -> None:
        self.add(node_id + attributes(attrs) + ";")

    def edge(self, tail: str, head: str, **attrs: str | float) -> None:
        self.add(f"{tail} -> {head}" + attributes(attrs) + ";")

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
        style: Attrs = {} if arrows else {"style": "invis"}
        for first, second in pairs(node_ids):
            self.edge(first, second, **style)

    @contextmanager
    def cluster(self, cluster_id: str, **attrs: str | float) -> Iterator[None]:
        self.add(f"subgraph {cluster_id} {{")
        self.depth += 1
        for key, item in attrs.items():
            self.add(f"{key}={value(item)};")
        yield
        self.depth -= 1
        self.add("}")

    def source(self) -> str:
        return f"digraph {value(self.name)} {{\n" + "\n".join(self.lines) + "\n}\n"


def start(name: str, box: Box, rankdir: str = "TB", **graph: str | float) -> Dot:
    """A graph with the shared look (font, palette, print resolution), never larger than ``box``."""
    dot = Dot(name)
    base: Attrs = {
        "rankdir": rankdir,
        "dpi": DPI,
        "size": box.size,
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


def pairs(items: Sequence[T]) -> Iterator[tuple[T, T]]:
    return zip(items, items[1:], strict=False)


def chunks(items: Sequence[T], size: int) -> list[list[T]]:
    return [list(items[begin : begin + size]) for begin in range(0, len(items), size)]


def balanced(items: Sequence[T], width: int) -> list[list[T]]:
    """The fewest rows of at most ``width``, as even as possible (5 in rows of 4 -> 3 + 2)."""
    if not items:
        return []
    count = -(-len(items) // width)
    size = -(-len(items) // count)
    return chunks(items, size)
