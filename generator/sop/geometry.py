"""Where everything of an SOP flowchart table goes, in millimetres: columns, row heights and pages.

Rows of the flowchart have exact heights, so the symbols drawn in their cells line up in Word and in
LibreOffice alike. A row must then be tall enough for its text: text is measured with the metrics of
the font the document uses (Arial, whose metrics Liberation Sans shares), and pages are cut by this
program, not by the word processor, so an off-page connector always stands where the page ends.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import ImageFont

from ..model import Step

MM_PER_PT = 25.4 / 72
FONT_PT = 9.0  # text of the tables
LINE_MM = FONT_PT * 1.15 * MM_PER_PT * 1.05  # one line of Arial 9 pt at single spacing, with slack
TEXT_PAD_MM = 1.9  # left and right margins of a text cell (Word's default 0.19 cm)
TEXT_VPAD_MM = 0.8  # top and bottom margins of a text cell
WIDTH_SLACK_MM = 1.0  # measure against a slightly narrower cell: wrapping may differ a little
MIN_ROW_MM = 15.0  # room for a symbol with its lines above and below
CONNECTOR_ROW_MM = 10.0  # a row holding only an off-page connector
HEADER_ROW_MM = 7.0
PAGE_SLACK = 0.94  # of the body height a page's table may take (borders and rounding)

FONT_FOLDERS = (
    "/usr/share/fonts/truetype/liberation2",
    "/usr/share/fonts/truetype/liberation",
    "/usr/share/fonts/liberation-sans",
    "/usr/share/fonts/TTF",
)
_MEASURE_PX = 200  # font size, in pixels, of the measuring font


@dataclass(frozen=True)
class Margins:
    top: float
    bottom: float
    left: float
    right: float


MARGINS = Margins(top=15.0, bottom=15.0, left=20.0, right=15.0)


def font_file(bold: bool = False) -> Path | None:
    """The Liberation Sans file on this machine (Arial's metrics), or None."""
    name = "LiberationSans-Bold.ttf" if bold else "LiberationSans-Regular.ttf"
    return next((Path(f) / name for f in FONT_FOLDERS if (Path(f) / name).is_file()), None)


@functools.cache
def _font(bold: bool) -> ImageFont.FreeTypeFont | None:
    path = font_file(bold)
    return ImageFont.truetype(str(path), _MEASURE_PX) if path else None


def text_width_mm(text: str, bold: bool = False, size_pt: float = FONT_PT) -> float:
    """Printed width of one line of text; without the font file, a generous estimate."""
    font = _font(bold)
    if font is None:
        return len(text) * size_pt * MM_PER_PT * (0.62 if bold else 0.58)
    return font.getlength(text) / _MEASURE_PX * size_pt * MM_PER_PT


def wrap(text: str, width_mm: float, bold: bool = False) -> list[str]:
    """Lines as a word processor breaks them: by words, a word too long broken by characters."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if text_width_mm(candidate, bold) <= width_mm:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = word
            while text_width_mm(line, bold) > width_mm and len(line) > 1:
                cut = len(line) - 1
                while cut > 1 and text_width_mm(line[:cut], bold) > width_mm:
                    cut -= 1
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line)
    return lines


def text_height_mm(text: str, width_mm: float, bold: bool = False) -> float:
    """Height a cell of ``width_mm`` needs for ``text``, margins included."""
    usable = width_mm - 2 * TEXT_PAD_MM - WIDTH_SLACK_MM
    return len(wrap(text, usable, bold)) * LINE_MM + 2 * TEXT_VPAD_MM


@dataclass(frozen=True)
class Columns:
    """Widths of the flowchart table: No | Kegiatan | a lane per pelaksana | Mutu Baku | Keterangan."""

    number: float
    activity: float
    lane: float
    lanes: int
    kelengkapan: float
    waktu: float
    output: float
    keterangan: float

    @property
    def widths(self) -> tuple[float, ...]:
        return (
            self.number,
            self.activity,
            *([self.lane] * self.lanes),
            self.kelengkapan,
            self.waktu,
            self.output,
            self.keterangan,
        )

    @property
    def first_lane(self) -> int:
        return 2


_TEXT = {"activity": 62.0, "kelengkapan": 34.0, "waktu": 18.0, "output": 30.0, "keterangan": 26.0}
NUMBER_MM = 9.0
LANE_MM = (15.0, 28.0)  # narrowest and widest lane


def columns(width: float, lanes: int) -> Columns:
    """Columns filling ``width``: lanes between their narrowest and widest, the rest to the text."""
    text = dict(_TEXT)
    room = width - NUMBER_MM - sum(text.values())
    lane = room / lanes
    low, high = LANE_MM
    if lane > high:
        extra = room - high * lanes
        text["activity"] += extra * 0.6
        text["keterangan"] += extra * 0.4
        lane = high
    elif lane < low:
        shrink = min(1.0, (low * lanes - room) / (sum(text.values()) * 0.4))
        for key in text:
            text[key] *= 1 - 0.4 * shrink
        lane = (width - NUMBER_MM - sum(text.values())) / lanes
    return Columns(
        NUMBER_MM, text["activity"], lane, lanes, **{k: v for k, v in text.items() if k != "activity"}
    )


def step_height(step: Step, cols: Columns) -> float:
    """Exact height of a step's row: its tallest text, never less than a symbol needs."""
    cells = (
        (step.activity, cols.activity),
        (step.kelengkapan, cols.kelengkapan),
        (step.waktu, cols.waktu),
        (step.output, cols.output),
        (step.keterangan, cols.keterangan),
        (str(step.number), cols.number),
    )
    return _rounded(max(MIN_ROW_MM, *(text_height_mm(text, width) for text, width in cells)))


def header_height(lane_names: Sequence[str], cols: Columns) -> float:
    """Exact height of the second header row: the pelaksana names and Mutu Baku's columns, bold."""
    cells = [(name, cols.lane) for name in lane_names]
    cells += [("Kelengkapan", cols.kelengkapan), ("Waktu", cols.waktu), ("Output", cols.output)]
    return _rounded(max(HEADER_ROW_MM, *(text_height_mm(text, width, bold=True) for text, width in cells)))


def _rounded(mm: float) -> float:
    """Up to the half millimetre: heights are stored in twips, pictures in EMU, both exact here."""
    return -(-round(mm * 20) // 10) / 2
