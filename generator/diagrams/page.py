"""Where a figure goes: the printable box of the paper, the placed width and the printed font size."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from ..closing import signature_height_mm
from ..model import Decree, Paper
from .style import DPI

MAX_UPSCALE = 1.2  # a small diagram is enlarged at most this much when placed
MM_PER_INCH = 25.4


@dataclass(frozen=True)
class Box:
    """The area a figure may take on the page, in inches: text width by text height less the caption."""

    width_in: float
    height_in: float

    @property
    def size(self) -> str:
        """The Graphviz ``size`` attribute: a larger drawing is scaled down to fit."""
        return f"{self.width_in:.3f},{self.height_in:.3f}"

    @property
    def pixels(self) -> tuple[int, int]:
        """The largest PNG, in pixels, a figure capped at this box can have."""
        return math.ceil(self.width_in * DPI), math.ceil(self.height_in * DPI)


def box_mm(width_mm: float, height_mm: float) -> Box:
    """A box given in millimetres, rounded down to the thousandth of an inch."""
    return Box(
        math.floor(width_mm / MM_PER_INCH * 1000) / 1000, math.floor(height_mm / MM_PER_INCH * 1000) / 1000
    )


def printable_box(paper: Paper) -> Box:
    """The box a figure is placed in on ``paper``: the context's text block less caption and slack."""
    from ..context import FIGURE_ALLOWANCE_MM, FIGURE_SLACK_MM, text_height_mm, text_width_mm  # imports us

    return box_mm(text_width_mm(paper) - FIGURE_SLACK_MM, text_height_mm(paper) - FIGURE_ALLOWANCE_MM)


def closing_box(decree: Decree, box: Box) -> Box:
    """``box`` less the height of the decree's signature block: for the figure the signature follows."""
    height_in = box.height_in - signature_height_mm(decree) / MM_PER_INCH
    return Box(box.width_in, math.floor(height_in * 1000) / 1000)


@dataclass(frozen=True)
class Diagram:
    """One rendered figure and its natural size at print resolution.

    ``font_pt`` is its smallest text at that size (0 when unknown); ``continued`` holds the pictures
    that continue it when it was drawn in pieces ("(lanjutan)"), each within the printable box.
    """

    path: Path
    width_mm: float
    height_mm: float
    font_pt: float = 0.0
    continued: tuple[Diagram, ...] = ()

    @property
    def pieces(self) -> tuple[Diagram, ...]:
        """This picture and every one continuing it, in print order."""
        return (self, *self.continued)


def fit_width_mm(diagram: Diagram, text_width_mm: float, *, text_height_mm: float | None = None) -> float:
    """Width to place ``diagram`` at: within the text block, enlarged at most MAX_UPSCALE times."""
    width = min(text_width_mm, diagram.width_mm * MAX_UPSCALE)
    if text_height_mm is not None and diagram.height_mm > 0:
        width = min(width, text_height_mm * diagram.width_mm / diagram.height_mm)
    return round(width, 2)


def placed_font_pt(diagram: Diagram, text_width_mm: float, text_height_mm: float) -> float:
    """The smallest text of ``diagram`` as printed once placed with :func:`fit_width_mm`."""
    width = fit_width_mm(diagram, text_width_mm, text_height_mm=text_height_mm)
    return diagram.font_pt * width / diagram.width_mm if diagram.width_mm else 0.0
