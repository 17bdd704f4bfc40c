"""Which family draws each planned figure; its DOT sources are pure text, nothing is rendered here."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..closing import closing_figure
from ..figures import (
    CASCADING,
    CATEGORY_PREFIX,
    KETERKAITAN,
    LINTAS_PREFIX,
    ORGANISASI,
    PETA,
    PROCESS_PREFIX,
    RELASI,
    Figure,
)
from ..model import Category, Decree
from .cascading import cascading
from .drawing import Drawing
from .flow import category_map, process_map
from .keterkaitan import keterkaitan
from .lintas import lintas_map
from .organisasi import organisasi
from .page import Box, closing_box, printable_box
from .peta import peta
from .relasi import relasi

_FAMILIES: dict[str, Callable[[Decree, Box], Drawing]] = {
    ORGANISASI: organisasi,
    KETERKAITAN: keterkaitan,
    PETA: peta,
    RELASI: relasi,
    CASCADING: cascading,
}


def build_drawings(decree: Decree, figures: Sequence[Figure], box: Box) -> dict[str, Drawing]:
    """Figure key -> its layouts within ``box``, most spacious first; the figure the Lampiran's
    signature follows within ``box`` less the signature's height, so the two share a page."""
    closing = closing_figure(decree, figures)
    return {
        figure.key: _drawing(decree, figure.key, closing_box(decree, box) if figure.key == closing else box)
        for figure in figures
    }


def build_sources(decree: Decree, figures: Sequence[Figure]) -> dict[str, str]:
    """Figure key -> DOT source of its preferred layout on the decree's paper; pure, nothing is rendered."""
    box = printable_box(decree.info.paper)
    return {key: drawing.source for key, drawing in build_drawings(decree, figures, box).items()}


def _drawing(decree: Decree, key: str, box: Box) -> Drawing:
    if key in _FAMILIES:
        return _FAMILIES[key](decree, box)
    if key.startswith(PROCESS_PREFIX):
        return process_map(decree, box, key.removeprefix(PROCESS_PREFIX))
    if key.startswith(LINTAS_PREFIX):
        return lintas_map(decree, box, key.removeprefix(LINTAS_PREFIX))
    if key.startswith(CATEGORY_PREFIX):
        return category_map(decree, box, Category(key.removeprefix(CATEGORY_PREFIX)))
    raise ValueError(f"Gambar {key!r} tidak dikenal.")
