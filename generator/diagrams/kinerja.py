"""Performance boxes shared by the cascading tree and the RPJMD - Renstra columns."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Kinerja
from .dot import Attrs
from .labels import Html, bold, lines, small, wrap
from .style import BLUE, GREY, INK, NAVY, PALE_BLUE, WHITE

Children = dict[str | None, list[Kinerja]]


def kinerja_children(items: Sequence[Kinerja]) -> Children:
    """Parent code -> children in sheet order; items whose parent is unknown count as roots."""
    codes = {item.code for item in items}
    children: Children = {}
    ranked = sorted(enumerate(items), key=lambda pair: (pair[1].order, pair[0]))
    for _, item in ranked:
        parent = item.parent if item.parent in codes and item.parent != item.code else None
        children.setdefault(parent, []).append(item)
    return children


def kinerja_walk(children: Children) -> list[tuple[int, Kinerja]]:
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


def kinerja_ids(items: Sequence[Kinerja]) -> dict[str, str]:
    return {item.code: f"k{index}" for index, item in enumerate(items)}


def _indicators(item: Kinerja) -> list[str]:
    """ "Indikator: X" for one indicator; "Indikator:" then "1. X", "2. Y" for several, one per line."""
    names = [m.name.strip() for m in item.measures if m.name.strip()]
    if len(names) == 1:
        return [f"Indikator: {names[0]}"]
    return ["Indikator:", *(f"{i}. {name}" for i, name in enumerate(names, start=1))] if names else []


def kinerja_label(item: Kinerja, width: int, header: str = GREY, note: str = "") -> Html:
    """Level in small capitals, the text in bold, each indicator; ``note`` after the level."""
    level = small((item.level.upper() + (f" {note}" if note else "")).strip(), header)
    return lines(level, bold(item.text, width), *(wrap(line, width) for line in _indicators(item)))


def kinerja_style(depth: int) -> Attrs:
    if depth == 0:
        return {"fillcolor": NAVY, "fontcolor": WHITE, "color": NAVY}
    if depth == 1:
        return {"fillcolor": BLUE, "fontcolor": WHITE, "color": NAVY}
    return {"fillcolor": PALE_BLUE, "fontcolor": INK, "color": NAVY}
