"""Figures of the Lampiran drawn with Graphviz from the workbook data, as PNG files cached by content.

One module per family of figures (organisasi, peta, flow, relasi, cascading, keterkaitan, lintas), the shared
DOT writing (style, labels, dot, tree), the page they go on (page) and the renderer with its cache
(render). Every figure fits the printable box of the decree's paper.
"""

from __future__ import annotations

from .drawing import Drawing
from .labels import wrap_label
from .page import Box, Diagram, fit_width_mm, placed_font_pt, printable_box
from .render import (
    DiagramError,
    GraphvizMissing,
    cache_name,
    default_cache_dir,
    graphviz_available,
    render_diagrams,
)
from .sources import build_drawings, build_sources

__all__ = [
    "Box",
    "Diagram",
    "DiagramError",
    "Drawing",
    "GraphvizMissing",
    "build_drawings",
    "build_sources",
    "cache_name",
    "default_cache_dir",
    "fit_width_mm",
    "graphviz_available",
    "placed_font_pt",
    "printable_box",
    "render_diagrams",
    "wrap_label",
]
