"""Widths of set text, from the advance widths of the font the office suite will really use.

The font a style names ("Arial", "Bookman Old Style") is looked up with fontconfig, as LibreOffice does,
so a missing font is measured in the substitute the PDF will show (Liberation Sans for Arial, URW Bookman
for Bookman Old Style). Without fontconfig or the font file an average width per character stands in.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont, TTLibError

AVERAGE_EM = {False: 0.55, True: 0.62}  # width of an average character (in em) when no font file is found
SPACE = " "


@dataclass(frozen=True)
class FontKey:
    family: str
    bold: bool = False


@lru_cache(maxsize=32)
def font_file(key: FontKey) -> Path | None:
    """The file fontconfig picks for the family and weight; None without fontconfig."""
    binary = shutil.which("fc-match")
    if binary is None:
        return None
    weight = "bold" if key.bold else "regular"
    try:
        found = subprocess.run(
            [binary, "-f", "%{file}", f"{key.family}:{weight}"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    path = Path(found)
    return path if found and path.suffix.lower() in {".ttf", ".otf", ".ttc"} and path.is_file() else None


class _Metrics:
    """Advance widths of one font file, in em."""

    def __init__(self, path: Path) -> None:
        font = TTFont(str(path), lazy=True, fontNumber=0)
        self._cmap = font.getBestCmap() or {}
        self._advances = {name: width for name, (width, _) in font["hmtx"].metrics.items()}
        self._em = font["head"].unitsPerEm
        self._fallback = self._advances.get(self._cmap.get(ord("n"), ""), self._em // 2)

    def width_em(self, text: str) -> float:
        total = 0
        for char in text:
            glyph = self._cmap.get(ord(char))
            total += self._advances.get(glyph, self._fallback) if glyph else self._fallback
        return total / self._em


@lru_cache(maxsize=32)
def _metrics(key: FontKey) -> _Metrics | None:
    path = font_file(key)
    if path is None:
        return None
    try:
        return _Metrics(path)
    except (TTLibError, KeyError, OSError, ValueError):
        return None


def width_pt(text: str, family: str, size_pt: float, bold: bool = False) -> float:
    """Width of ``text`` set in one line at ``size_pt``, without kerning (as Word sets body text)."""
    metrics = _metrics(FontKey(family, bold))
    if metrics is None:
        return len(text) * AVERAGE_EM[bold] * size_pt
    return metrics.width_em(text) * size_pt
