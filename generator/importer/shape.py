"""The shape of one printed line: a head word with its colon, a list label, and the text after them.

"Menimbang : a. bahwa ...", the same typed with spaces, or the cells of a borderless table all come out
as head "Menimbang", label "a.", text "bahwa ...". A line with neither head nor label continues the
item above it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..formatting import diktum_ordinal
from .blocks import Line

MAX_DIKTUM = 40
SPACE = r"[\s\u00a0]"

# Heads that open a clause of the decree whether or not a colon follows them.
CLAUSE_HEADS = ("Menimbang", "Mengingat", "Memperhatikan", "Membaca", "Menetapkan")
# Heads that need their colon: without it the word may simply start a sentence.
FIELD_HEADS = ("Lampiran", "Nomor", "Tanggal", "Tentang", "Tembusan")
VALUE_HEADS = ("Lampiran", "Nomor", "Tanggal", "Tentang")  # a value follows, never a list label


@lru_cache(maxsize=1)
def ordinals() -> dict[str, int]:
    """ "KESATU" -> 1 ... "KEEMPAT PULUH" -> 40, and "PERTAMA" (which decrees should not say) -> 1."""
    found = {diktum_ordinal(n): n for n in range(1, MAX_DIKTUM + 1)}
    found["PERTAMA"] = 1
    return found


def _alternatives(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", f"{SPACE}+") for w in sorted(words, key=len, reverse=True))


_CLAUSE = re.compile(
    rf"^{SPACE}*(?P<head>{_alternatives(CLAUSE_HEADS)})(?![\w]){SPACE}*(?P<colon>:)?", re.IGNORECASE
)
_FIELD = re.compile(
    rf"^{SPACE}*(?P<head>{_alternatives(FIELD_HEADS)}|{{ordinals}}){SPACE}*(?P<colon>:)", re.IGNORECASE
)
_LABEL = re.compile(
    rf"^{SPACE}*(?P<colon>:{SPACE}*)?"
    r"(?P<label>\(\d{1,3}\)|\([a-zA-Z]{1,2}\)|\d{1,3}\)|[a-z]{1,2}\)|\d{1,3}(?:\.\d{1,3}){0,4}\."
    r"|[a-z]{1,2}\.|[A-Z]\.|[IVXL]{1,6}\.|[-•▪●◦❖*–])"
    rf"(?={SPACE}|$)"
)


@lru_cache(maxsize=1)
def _field_pattern() -> re.Pattern[str]:
    return re.compile(_FIELD.pattern.replace("{ordinals}", _alternatives(ordinals())), re.IGNORECASE)


STRAY = re.compile(r"^[\s\u00a0]*[.,;]+(?=[A-Za-z])")


@dataclass(frozen=True)
class Shape:
    head: str  # "Menimbang", "KESATU", "Nomor" ... as a canonical word; "" when none
    colon: bool
    label: str  # "a.", "1.", "(1)", "a)", "-" ...; "" when none
    text: str  # the rest, single-spaced
    raw: str  # the rest with its inner spacing kept (a decree number's blanks)

    @property
    def ordinal(self) -> int | None:
        return ordinals().get(self.head.upper())


def _canonical_head(word: str) -> str:
    key = " ".join(word.split()).upper()
    if key in ordinals():
        return key
    for head in CLAUSE_HEADS + FIELD_HEADS:
        if head.upper() == key:
            return head
    return word


def clean(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def shape_of(line: Line) -> Shape:
    """Split a line into head, colon, label and text."""
    rest = STRAY.sub("", line.raw)  # ".KETIGA :" typed with a stray full stop
    head, colon = "", False
    match = _CLAUSE.match(rest) or _field_pattern().match(rest)
    if match:
        head, colon = _canonical_head(match["head"]), bool(match["colon"])
        rest = rest[match.end() :]
    label = ""
    found = _LABEL.match(rest) if head not in VALUE_HEADS else None
    if found:
        if found["colon"]:
            colon = True
        label = found["label"]
        rest = rest[found.end() :]
    elif re.match(rf"^{SPACE}*:", rest):
        colon = True
        rest = re.sub(rf"^{SPACE}*:", "", rest, count=1)
    return Shape(head, colon, label, clean(rest), rest.replace("\t", " ").strip(" \t\u00a0"))


def letter_value(label: str) -> int | None:
    """ "a." -> 1, "c)" -> 3, "(b)" -> 2; None for a label that is not a letter."""
    core = label.strip("().")
    if core.isalpha() and core.islower() and len(set(core)) == 1 and len(core) <= 2:
        return (ord(core[0]) - ord("a") + 1) + 26 * (len(core) - 1)
    return None


def number_value(label: str) -> int | None:
    """ "3." -> 3, "(2)" -> 2, "4)" -> 4; None for a label that is not one number."""
    core = label.strip("().")
    return int(core) if core.isdigit() else None
