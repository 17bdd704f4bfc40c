"""The shared look of every figure: resolution, font, sizes and one sober palette."""

from __future__ import annotations

DPI = 200  # print resolution of every PNG
FONT = "Liberation Sans"  # metric-compatible with Arial, installed with fonts-liberation
FONT_SIZE = 10  # points at natural size
SMALL_SIZE = 9  # level headers ("TUJUAN") and the like
MIN_PRINTED_PT = 8  # no text of a placed figure may print smaller than this
MAX_ROW = 4  # boxes side by side before a row wraps

NAVY = "#1F3864"
BLUE = "#2F5597"
PALE_BLUE = "#DEEBF7"
BAND_BLUE = "#EEF3FA"
PALE_GREY = "#F2F2F2"
PALE_GOLD = "#FFF2CC"
GOLD = "#BF9000"
INK = "#262626"
GREY = "#595959"
WHITE = "#FFFFFF"
