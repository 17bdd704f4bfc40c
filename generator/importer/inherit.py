"""What a style inherits through its basedOn chain, each style worked out once.

Walking every style's chain on its own costs the square of the number of styles when the chains are
long (a hostile styles.xml links thousands of styles in one loop); here each chain is walked once and
every style on it takes the value found at its end.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

T = TypeVar("T")


def inherited(values: Mapping[str, T], based: Mapping[str, str]) -> dict[str, T]:
    """Style id -> its own value, else the nearest ancestor's; styles whose chain holds none are left out
    (a loop of basedOn links ends where it closes)."""
    resolved: dict[str, tuple[T, bool]] = {}  # style -> (value, found)
    for start in [*values, *based]:
        path: list[str] = []
        on_path: set[str] = set()
        current = start
        while current and current not in values and current not in resolved and current not in on_path:
            path.append(current)
            on_path.add(current)
            current = based.get(current, "")
        if current in values:
            end = (values[current], True)
            resolved[current] = end
        else:
            end = resolved.get(current, (None, False))  # type: ignore[arg-type]
        for style in path:
            resolved[style] = end
    return {style: value for style, (value, found) in resolved.items() if found}
