"""Text inside boxes: workbook text cleaned, wrapped at a width and escaped for HTML-like labels."""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Sequence

from ..formatting import clean_text
from .style import GREY, SMALL_SIZE

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class Html(str):
    """Marks an attribute value as an HTML-like label: written as <...>, never quoted."""


def wrap_label(text: str, width: int) -> str:
    """``text`` wrapped at ``width`` characters, each line escaped, joined for an HTML-like label."""
    return join_lines(wrapped(text, width))


def wrapped(text: str, width: int, indent: int = 0) -> list[str]:
    """Lines of at most ``width`` characters (the first ``indent`` shorter); words never split."""
    clean = clean_text(_CONTROL.sub(" ", text))
    options = {"break_long_words": False, "break_on_hyphens": False}
    lines = textwrap.wrap(clean, width=width, initial_indent=" " * indent, **options)
    return [line.strip() for line in lines]


def join_lines(lines: Sequence[str]) -> str:
    return "<BR/>".join(html.escape(line, quote=False) for line in lines)


def escape(text: str) -> str:
    return html.escape(clean_text(_CONTROL.sub(" ", text)), quote=False)


def wrap(text: str, width: int) -> str:
    """Like :func:`wrap_label`, narrower for text in capitals (wider glyphs)."""
    letters = [c for c in text if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) > 0.6 * len(letters):
        width = max(8, round(width * 0.8))
    return wrap_label(text, width)


def bold(text: str, width: int) -> str:
    return f"<B>{wrap(text, width)}</B>" if text.strip() else ""


def small(text: str, color: str = GREY) -> str:
    return f'<FONT POINT-SIZE="{SMALL_SIZE}" COLOR="{color}">{html.escape(text, quote=False)}</FONT>'


def lines(*parts: str) -> Html:
    """An HTML-like label of the non-empty ``parts``, one under the other."""
    return Html("<BR/>".join(part for part in parts if part))
