"""The Tata Naskah sheet from how the document is printed: its typeface and body size (style.py), the
first section's margins, and the electronic-signature sentence of its footer."""

from __future__ import annotations

import re

from ..schema import FONT_SIZES, FONTS, MARGIN_RANGE_MM, TATA_NASKAH, TTE_FOOTER
from .blocks import Line
from .reading import Reading
from .shape import clean

TTE_SENTENCE = re.compile(r"\bditandatangani\s+secara\s+elektronik\b|\bBSrE\b", re.IGNORECASE)
FOOTER_LIMIT = 1_000  # characters of a footer sentence looked at
SIDES = ("margin_left", "margin_right", "margin_top", "margin_bottom")


def _choice(font: str) -> str | None:
    """The Huruf choice a typeface is: "bookman old style" -> "Bookman Old Style"."""
    key = clean(font).casefold()
    synonyms = TATA_NASKAH.column("font").synonyms
    return next((f for f in FONTS if f.casefold() == key), None) or synonyms.get(key)


def tata_naskah(reading: Reading) -> None:
    """Huruf, Ukuran Huruf and the margins as printed; each value the sheet cannot hold is a doubt."""
    draft, style = reading.draft, reading.printed.style
    if style is None:
        return
    if style.font:
        choice = _choice(style.font)
        if choice is not None:
            draft.set("tata_naskah", "font", choice)
        else:
            draft.doubt(
                "tata_naskah",
                "font",
                f"dokumen dicetak dengan huruf {clean(style.font)[:60]}, yang bukan pilihan Huruf "
                f"({', '.join(FONTS)}); dikosongkan, huruf templat yang dipakai.",
            )
    if style.size_pt is not None:
        size = round(style.size_pt)
        if FONT_SIZES[0] <= size <= FONT_SIZES[1] and size == style.size_pt:
            draft.set("tata_naskah", "font_size", size)
        else:
            draft.doubt(
                "tata_naskah",
                "font_size",
                f"isi dokumen berukuran {style.size_pt:g} pt, bukan {FONT_SIZES[0]} sampai {FONT_SIZES[1]} "
                "pt bulat; dikosongkan, ukuran templat yang dipakai.",
            )
    low, high = MARGIN_RANGE_MM
    for column, value in zip(SIDES, style.margins_mm, strict=True):
        if value is None:
            continue
        if low <= round(value) <= high:
            draft.set("tata_naskah", column, round(value))
        else:
            draft.doubt(
                "tata_naskah",
                column,
                f"margin dokumen {value:.0f} mm, di luar {low} sampai {high} mm; dikosongkan.",
            )
    _footer(reading)


def _footer(reading: Reading) -> None:
    """The footer's TTE sentence: Kalimat TTE when it is not the usual BSrE one; it also says the decree
    is signed electronically."""
    paragraphs: dict[int, list[Line]] = {}
    for line in reading.printed.footer_lines:
        paragraphs.setdefault(line.paragraph, []).append(line)
    for lines in paragraphs.values():
        text = "\n".join(line.text for line in lines if not line.blank)
        if len(text) > FOOTER_LIMIT or not TTE_SENTENCE.search(text):
            continue
        draft = reading.draft
        if clean(text) != clean(TTE_FOOTER):
            draft.set("tata_naskah", "tte_footer", text)
        if not draft.get("signer", "electronic"):
            draft.set(
                "signer",
                "electronic",
                True,
                doubt="kaki halaman memuat kalimat tanda tangan elektronik, blok tanda tangan tidak; "
                "diisi Ya.",
            )
        return
