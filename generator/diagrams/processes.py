"""Process boxes shared by the maps: node ids, labels and the colour of each category's band."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from ..model import Category, Decree, Process
from .labels import Html, escape, join_lines, lines, wrap, wrapped
from .style import BAND_BLUE, PALE_GOLD, PALE_GREY

BAND_FILL = {
    Category.MANAJERIAL: BAND_BLUE,
    Category.UTAMA: PALE_GOLD,
    Category.PENDUKUNG: PALE_GREY,
    Category.LAINNYA: PALE_GREY,
}


class _NodeIds(Mapping[str, str]):
    """Process code -> its node id ("p7"), read from the decree's index instead of copied per drawing."""

    def __init__(self, positions: Mapping[str, int]) -> None:
        self._positions = positions

    def __getitem__(self, code: str) -> str:
        return f"p{self._positions[code]}"

    def __iter__(self) -> Iterator[str]:
        return iter(self._positions)

    def __len__(self) -> int:
        return len(self._positions)


def process_ids(decree: Decree) -> Mapping[str, str]:
    """Node id of every process: "p" and its place in workbook order."""
    return _NodeIds(decree.process_positions)


def process_label(process: Process, width: int) -> Html:
    """The code in bold over the name."""
    return lines(f"<B>{escape(process.code)}</B>", wrap(process.name, width))


def inline_label(process: Process, width: int) -> Html:
    """Code and name on as few lines as ``width`` allows: "<b>P.1</b> Proses Umum ..."."""
    code = escape(process.code)
    name = join_lines(wrapped(process.name, width, indent=len(code) + 1))
    return Html(f"<B>{code}</B> {name}".rstrip())


def band_label(category: Category, continued: bool = False) -> Html:
    """ "PROSES UTAMA", or "PROSES UTAMA (lanjutan)" on a piece that continues the band."""
    more = " (lanjutan)" if continued else ""
    return Html(f"<B>{escape(category.title.upper())}</B>{more}")


def tree_order(decree: Decree, parent: str | None) -> list[Process]:
    """Processes under ``parent``, depth first in workbook order."""
    found: list[Process] = []
    for process in decree.children(parent):
        found.append(process)
        found.extend(tree_order(decree, process.code))
    return found
