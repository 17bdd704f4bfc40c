"""The flowchart of one page as geometry: a symbol in its pelaksana's lane of each row, and the arrows.

Coordinates are millimetres from the top left corner of the page's lanes (the pelaksana columns of
its body rows). Arrows are orthogonal lines: straight down within a lane, across then down to the next
lane, or around through a corridor at the side of a lane, which symbols never occupy. Of the ways an
arrow can go, the one that crosses no symbol, overlaps no other arrow and bends least is taken.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import Enum

from ..model import StepKind
from .pages import Page

Point = tuple[float, float]

CLEARANCE_MM = 0.8  # an arrow keeps this far from a symbol it does not start or end at
CORRIDORS = 2  # vertical corridors on each side of a lane


class Shape(str, Enum):
    TERMINATOR = "terminator"  # capsule: Mulai, Selesai
    PROCESS = "process"  # box: Kegiatan
    DECISION = "decision"  # diamond: Keputusan
    CONNECTOR = "connector"  # off-page connector: pentagon pointing down


SHAPES = {
    StepKind.MULAI: Shape.TERMINATOR,
    StepKind.SELESAI: Shape.TERMINATOR,
    StepKind.KEGIATAN: Shape.PROCESS,
    StepKind.KEPUTUSAN: Shape.DECISION,
}


@dataclass(frozen=True)
class Symbol:
    shape: Shape
    row: int
    lane: int
    cx: float
    cy: float
    width: float
    height: float
    text: str = ""  # the letter of an off-page connector

    @property
    def left(self) -> float:
        return self.cx - self.width / 2

    @property
    def right(self) -> float:
        return self.cx + self.width / 2

    @property
    def top(self) -> float:
        return self.cy - self.height / 2

    @property
    def bottom(self) -> float:
        return self.cy + self.height / 2

    def port(self, side: str) -> Point:
        return {
            "top": (self.cx, self.top),
            "bottom": (self.cx, self.bottom),
            "left": (self.left, self.cy),
            "right": (self.right, self.cy),
        }[side]


@dataclass(frozen=True)
class Arrow:
    points: tuple[Point, ...]
    label: str = ""


@dataclass(frozen=True)
class Drawing:
    """What one page's lanes show."""

    width: float
    rows: tuple[tuple[float, float], ...]  # (top, height) of each row
    lane: float  # width of one lane
    symbols: tuple[Symbol, ...]
    arrows: tuple[Arrow, ...]

    @property
    def height(self) -> float:
        top, height = self.rows[-1]
        return top + height


def _symbol(
    shape: Shape, row: int, lane: int, lane_width: float, top: float, height: float, text: str = ""
) -> Symbol:
    cx, cy = (lane + 0.5) * lane_width, top + height / 2
    if shape is Shape.CONNECTOR:
        return Symbol(shape, row, lane, cx, cy, 6.0, 6.0, text)
    if shape is Shape.DECISION:
        return Symbol(shape, row, lane, cx, cy, min(lane_width * 0.64, 18.0), 9.0)
    size = (min(lane_width * 0.64, 20.0), 6.5 if shape is Shape.TERMINATOR else 7.0)
    return Symbol(shape, row, lane, cx, cy, *size)


def draw_page(page: Page, lane_of: dict[str, int], lanes: int, lane_width: float) -> Drawing:
    """Place every row's symbol in its lane and route every arrow of the page."""
    rows: list[tuple[float, float]] = []
    symbols: list[Symbol] = []
    top = 0.0
    for index, row in enumerate(page.rows):
        rows.append((top, row.height))
        if row.step is not None:
            shape = SHAPES[row.step.kind]
            symbols.append(_symbol(shape, index, lane_of[row.step.pelaksana], lane_width, top, row.height))
        elif row.connector is not None:
            connector = row.connector
            symbols.append(
                _symbol(Shape.CONNECTOR, index, connector.lane, lane_width, top, row.height, connector.letter)
            )
        top += row.height
    router = _Router(tuple(rows), lane_width, lanes, symbols)
    arrows = tuple(router.route(symbols[e.source], symbols[e.target], e.label) for e in _ordered(page))
    return Drawing(lanes * lane_width, tuple(rows), lane_width, tuple(symbols), arrows)


def _ordered(page: Page):
    """Short arrows first: they take the straight ways, long ones go around them."""
    return sorted(
        page.edges, key=lambda e: (abs(e.target - e.source) != 1, abs(e.target - e.source), e.source)
    )


# --------------------------------------------------------------------------------------- routing


@dataclass
class _Router:
    rows: tuple[tuple[float, float], ...]
    lane_width: float
    lanes: int
    symbols: list[Symbol]
    segments: list[tuple[float, float, float, float, Point]] = field(default_factory=list)  # box, end
    ports: dict[tuple[int, str], set[str]] = field(default_factory=dict)  # (symbol row, side) -> roles

    def route(self, source: Symbol, target: Symbol, label: str) -> Arrow:
        best: tuple[float, tuple[Point, ...], str, str] | None = None
        for cost, points, out_side, in_side in self._candidates(source, target):
            total = cost + self._penalty(points, source, target, out_side, in_side)
            if best is None or total < best[0]:
                best = (total, points, out_side, in_side)
        assert best is not None
        _, points, out_side, in_side = best
        self.ports.setdefault((source.row, out_side), set()).add("out")
        self.ports.setdefault((target.row, in_side), set()).add("in")
        for a, b in zip(points, points[1:], strict=False):
            self.segments.append((min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1]), b))
        return Arrow(points, label)

    def _corridors(self) -> Iterator[float]:
        """x of every corridor: near both edges of each lane, clear of any symbol."""
        for lane in range(self.lanes):
            left, right = lane * self.lane_width, (lane + 1) * self.lane_width
            widest = max((s.width for s in self.symbols if s.lane == lane), default=0.0)
            room = (self.lane_width - widest) / 2
            step = room / (CORRIDORS + 1)
            for number in range(1, CORRIDORS + 1):
                yield left + step * number
                yield right - step * number

    def _candidates(self, s: Symbol, t: Symbol) -> Iterator[tuple[float, tuple[Point, ...], str, str]]:
        """(base cost, points, side left, side entered) of every way considered."""
        down = t.row > s.row
        if down and s.lane == t.lane:
            yield 0, (s.port("bottom"), t.port("top")), "bottom", "top"
        if down and s.lane != t.lane:
            side = "right" if t.lane > s.lane else "left"
            start = s.port(side)
            yield 10, (start, (t.cx, start[1]), t.port("top")), side, "top"
            above = (self.rows[t.row][0] + t.top) / 2  # in t's row, over t
            yield 20, (s.port("bottom"), (s.cx, above), (t.cx, above), t.port("top")), "bottom", "top"
        below = (s.bottom + self.rows[s.row][0] + self.rows[s.row][1]) / 2  # in s's row, under s
        over = (self.rows[t.row][0] + t.top) / 2
        for x in self._corridors():
            out = "right" if x > s.right else "left" if x < s.left else ""
            into = "right" if x > t.right else "left" if x < t.left else ""
            if out and into:
                start, end = s.port(out), t.port(into)
                yield 40, (start, (x, start[1]), (x, end[1]), end), out, into
            if into:
                start, end = s.port("bottom"), t.port(into)
                yield 60, (start, (s.cx, below), (x, below), (x, end[1]), end), "bottom", into
            if out and down:
                start = s.port(out)
                yield 60, (start, (x, start[1]), (x, over), (t.cx, over), t.port("top")), out, "top"

    def _penalty(self, points: Sequence[Point], s: Symbol, t: Symbol, out_side: str, in_side: str) -> float:
        """Length, plus a price for every symbol crossed, arrow overlapped or crossed, side reused."""
        cost = 0.0
        c = CLEARANCE_MM
        for a, b in zip(points, points[1:], strict=False):
            x1, x2 = min(a[0], b[0]), max(a[0], b[0])
            y1, y2 = min(a[1], b[1]), max(a[1], b[1])
            cost += 0.1 * (x2 - x1 + y2 - y1)
            for symbol in self.symbols:
                if (
                    x1 < symbol.right + c
                    and x2 > symbol.left - c
                    and y1 < symbol.bottom + c
                    and y2 > symbol.top - c
                    and symbol is not s
                    and symbol is not t
                ):
                    cost += 10_000
            vertical = x2 - x1 < 1e-6
            for u1, v1, u2, v2, end in self.segments:
                if u1 > x2 + c or u2 < x1 - c or v1 > y2 + c or v2 < y1 - c:
                    continue  # far apart
                other_vertical = u2 - u1 < 1e-6
                if vertical and other_vertical:
                    if abs(u1 - x1) < c and min(y2, v2) - max(y1, v1) > 0.5 and not (b == end == points[-1]):
                        cost += 1_000
                elif not vertical and not other_vertical:
                    if abs(v1 - y1) < c and min(x2, u2) - max(x1, u1) > 0.5 and not (b == end == points[-1]):
                        cost += 1_000
                elif vertical and u1 < x1 < u2 and y1 < v1 < y2:
                    cost += 15  # crossing a horizontal line
                elif other_vertical and x1 < u1 < x2 and v1 < y1 < v2:
                    cost += 15  # crossing a vertical line
        if self.ports.get((s.row, out_side)):
            cost += 2_000  # a side already taken by another arrow
        if "out" in self.ports.get((t.row, in_side), set()):
            cost += 2_000
        return cost
