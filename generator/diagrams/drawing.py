"""What the renderer gets for one figure: its layouts, most spacious first, and how to cut it in pieces."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")
_FONT = re.compile(r'(?:\bfontsize=|POINT-SIZE=")(\d+(?:\.\d+)?)')

Room = Callable[["Drawing"], float]
"""How readable a drawing's densest layout prints within the box: its smallest text over the
minimum (1 or more: readable; 0.5: it would have to be twice as small). Answered by laying it out."""


@dataclass(frozen=True)
class Drawing:
    """One figure, or one piece of it: DOT sources from the most spacious layout to the densest.

    The renderer takes the first layout that fits the printable box at a readable size. When none
    does and pieces are wanted, ``cut`` gives the pieces (each a Drawing), measuring with a Room.
    ``small`` drawings nearly always fit their first layout, which is then drawn straight away.
    """

    key: str
    layouts: tuple[str, ...]
    cut: Callable[[Room], list[Drawing]] | None = None
    small: bool = False

    @property
    def source(self) -> str:
        """The preferred layout."""
        return self.layouts[0]


def smallest_font(source: str) -> float:
    """The smallest font size, in points, a DOT source asks for."""
    sizes = [float(size) for size in _FONT.findall(source)]
    return min(sizes) if sizes else 14.0  # Graphviz's default


def pack(units: Sequence[T], build: Callable[[list[T], int], Drawing], room: Room) -> list[Drawing]:
    """Consecutive runs of ``units`` in as few pieces as are readable, in order, each as long as fits.

    ``build(run, number)`` draws a run as piece ``number`` (0 first); a unit too large alone is a
    piece by itself.
    """
    pieces: list[Drawing] = []
    rest = list(units)
    while rest:

        def piece(size: int, run: list[T] = rest) -> Drawing:
            return build(run[:size], len(pieces))

        size = longest(len(rest), lambda size: room(piece(size)))
        pieces.append(piece(size))
        rest = rest[size:]
    return pieces


def longest(count: int, room: Callable[[int], float]) -> int:
    """The largest size in 1..count with room of at least 1 (room shrinking as size grows); at least 1.

    Sizes are guessed as if the room were inversely proportional to the size (a column of boxes
    twice as long prints at half the size) and corrected from each answer; the search stops once
    one more would not fit by that guess, so it takes a layout or two, at most a handful.
    """
    if count <= 1:
        return count
    found = room(count)
    if found >= 1:
        return count
    good, bad = 0, count  # largest size known to fit (0: none yet), smallest known not to
    size = count
    for _ in range(6):
        size = min(max(int(size * found * 0.98), good + 1), bad - 1)
        if size <= good:
            break
        found = room(size)
        if found < 1:
            bad = size
        elif found * size / (size + 1) < 1:
            return size
        else:
            good = size
        if bad - good <= 1:
            break
    return max(good, 1)
