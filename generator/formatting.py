"""Pure Indonesian formatting helpers: dates, numbers in words, ordinals, lists, NIP and pangkat."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from babel.dates import format_date as _babel_format_date
from babel.dates import get_month_names
from babel.numbers import format_decimal
from num2words import num2words

# --- dates -------------------------------------------------------------------------------------

# Spellings in Indonesian paperwork that CLDR lacks (old spellings, other abbreviations).
_EXTRA_MONTHS = {
    "peb": 2,
    "pebruari": 2,
    "sept": 9,
    "agt": 8,
    "ags": 8,
    "agust": 8,
    "nop": 11,
    "nopember": 11,
}


def _month_lookup() -> dict[str, int]:
    """Lower-case month name or abbreviation -> month number, Indonesian and English, from CLDR."""
    names: dict[str, int] = {}
    for locale in ("en", "id"):
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, locale=locale).items():
                names[name.lower().rstrip(".")] = number
    return names | _EXTRA_MONTHS


_MONTHS = _month_lookup()
_DMY_NUMERIC = re.compile(r"(\d{1,2})([-/.])(\d{1,2})\2(\d{4})")
_YMD_NUMERIC = re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})")
_DMY_TEXT = re.compile(r"(\d{1,2})[\s.-]*([a-z]+)[\s.,-]*(\d{4})")


def _date_or_none(year: int, month: int, day: int) -> date | None:
    """The date, or None where the calendar has no such day (31 February, month 13)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def format_date(d: date) -> str:
    """Date as printed in a decree: "29 Mei 2020"."""
    return _babel_format_date(d, "d MMMM y", locale="id")


def parse_date_text(text: str) -> date | None:
    """Date typed as text ("29 Mei 2020", "29/05/2020", "2020-05-29"); None if not a real date.

    Day comes before month in numeric forms, as Indonesians write it; two-digit years are refused
    because they are ambiguous.
    """
    value = clean_text(text).lower()
    if m := _DMY_NUMERIC.fullmatch(value):
        day, month, year = int(m[1]), int(m[3]), int(m[4])
    elif m := _YMD_NUMERIC.fullmatch(value):
        year, month, day = int(m[1]), int(m[3]), int(m[4])
    elif (m := _DMY_TEXT.fullmatch(value)) and m[2] in _MONTHS:
        day, month, year = int(m[1]), _MONTHS[m[2]], int(m[3])
    else:
        return None
    return _date_or_none(year, month, day)


@dataclass(frozen=True)
class MonthYear:
    """A drafting date: the month and year are known, the day is filled in when the decree is signed."""

    year: int
    month: int

    def __str__(self) -> str:
        return format_month_year(self)


# "Februari 2021", "Peb. 2021", "..... Februari 2021", "__ Februari 2021": dots or underscores for the day
_MONTH_YEAR = re.compile(r"[._\-\s]*([a-z]+)[\s.,-]*(\d{4})")


def parse_month_year(text: str) -> MonthYear | None:
    """Month and year written without a day ("Februari 2021"); None for anything else."""
    m = _MONTH_YEAR.fullmatch(clean_text(text).lower())
    if not m or m[1] not in _MONTHS:
        return None
    return MonthYear(int(m[2]), _MONTHS[m[1]])


def format_month_year(value: MonthYear) -> str:
    """ "Februari 2021"."""
    return _babel_format_date(date(value.year, value.month, 1), "MMMM y", locale="id")


# --- decree number --------------------------------------------------------------------------------

_NUMBER_LABEL = re.compile(r"^\s*(?P<label>(?:nomor\b|no\.|no(?=[\s:]))\s*:?|:)\s*", re.IGNORECASE)
DEFAULT_NUMBER_LABEL = "NOMOR"


def split_number_label(text: str) -> tuple[str, str]:
    """(label, number) of a decree number as the office writes it.

    "NOMOR : 067.2 / 932 / 2015" -> ("NOMOR :", "067.2 / 932 / 2015"); a bare colon gives "NOMOR :";
    without a label the label is "NOMOR". The number keeps its inner spaces (blanks filled by hand).
    """
    m = _NUMBER_LABEL.match(text)
    if m is None:
        return DEFAULT_NUMBER_LABEL, text.strip()
    return written_number_label(text), text[m.end() :].rstrip()


def written_number_label(text: str) -> str:
    """The label a decree number is written with ("NOMOR :"), or "" when it is written without one."""
    m = _NUMBER_LABEL.match(text)
    if m is None:
        return ""
    label = " ".join(m["label"].split())
    return f"{DEFAULT_NUMBER_LABEL} :" if label == ":" else label


# --- numbers -----------------------------------------------------------------------------------


def number_words(n: int) -> str:
    """Number in Indonesian words, lower case: 33 -> "tiga puluh tiga"."""
    return num2words(n, lang="id")


def count_words(n: int) -> str:
    """Count as legal text writes it: "33 (tiga puluh tiga)", "1.000 (seribu)"."""
    return f"{format_decimal(n, locale='id')} ({number_words(n)})"


def diktum_ordinal(n: int) -> str:
    """Diktum heading: 1 -> "KESATU", 12 -> "KEDUA BELAS" (decrees never say "PERTAMA")."""
    if n < 1:
        raise ValueError(f"diktum number must be at least 1, got {n}")
    return f"KE{number_words(n).upper()}"


def letter_label(index: int) -> str:
    """Label of a lettered item: 1 -> "a.", 26 -> "z.", 27 -> "aa." (spreadsheet-style letters)."""
    if index < 1:
        raise ValueError(f"letter index must be at least 1, got {index}")
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return f"{letters}."


def join_words(items: Sequence[str], conjunction: str = "dan", serial_comma: bool = True) -> str:
    """Join items as prose: "A, B, dan C"; ``serial_comma=False`` gives "A, B dan C"."""
    if len(items) <= 2:
        return f" {conjunction} ".join(items)
    comma = "," if serial_comma else ""
    return f"{', '.join(items[:-1])}{comma} {conjunction} {items[-1]}"


# --- NIP (Nomor Induk Pegawai) -----------------------------------------------------------------

_NIP_LABEL = re.compile(r"^\s*nip\b[\s.:]*", re.IGNORECASE)
_NIP_SEPARATORS = re.compile(r"[\s.\-]+")


@dataclass(frozen=True)
class NipParts:
    """What an 18-digit NIP encodes."""

    birth_date: date | None
    tmt: date | None  # year and month of appointment (TMT CPNS), day 1
    sex: str  # "1" man, "2" woman
    sequence: str


def normalize_nip(text: str) -> str:
    """NIP without a leading "NIP" label, spaces, dots or dashes; other characters are kept.

    The caller checks the result is 18 digits, so stray letters are reported, not silently dropped.
    """
    return _NIP_SEPARATORS.sub("", _NIP_LABEL.sub("", text))


def format_nip(nip: str) -> str:
    """NIP grouped as printed under a signature: "19661124 199203 1 005"; other text as written."""
    digits = normalize_nip(nip)
    if len(digits) != 18 or not digits.isdigit():
        return nip.strip()
    return f"{digits[:8]} {digits[8:14]} {digits[14]} {digits[15:]}"


def parse_nip(nip: str) -> NipParts | None:
    """Split an 18-digit NIP into birth date, TMT, sex and sequence; None if not 18 digits."""
    d = normalize_nip(nip)
    if len(d) != 18 or not d.isdigit():
        return None
    return NipParts(
        birth_date=_date_or_none(int(d[:4]), int(d[4:6]), int(d[6:8])),
        tmt=_date_or_none(int(d[8:12]), int(d[12:14]), 1),
        sex=d[14],
        sequence=d[15:],
    )


# --- pangkat and golongan of PNS -------------------------------------------------------------

PANGKAT: dict[str, str] = {
    "I/a": "Juru Muda",
    "I/b": "Juru Muda Tingkat I",
    "I/c": "Juru",
    "I/d": "Juru Tingkat I",
    "II/a": "Pengatur Muda",
    "II/b": "Pengatur Muda Tingkat I",
    "II/c": "Pengatur",
    "II/d": "Pengatur Tingkat I",
    "III/a": "Penata Muda",
    "III/b": "Penata Muda Tingkat I",
    "III/c": "Penata",
    "III/d": "Penata Tingkat I",
    "IV/a": "Pembina",
    "IV/b": "Pembina Tingkat I",
    "IV/c": "Pembina Utama Muda",
    "IV/d": "Pembina Utama Madya",
    "IV/e": "Pembina Utama",
}
"""Golongan ruang -> pangkat of civil servants (PNS), in rank order."""

_GOLONGAN = re.compile(r"(?:gol(?:ongan)?[\s.:]*)?(iv|iii|ii|i|[1-4])\s*[/\-.]?\s*([a-e])", re.IGNORECASE)
_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}
_PANGKAT_BY_KEY = {name.lower(): name for name in PANGKAT.values()}


def normalize_golongan(text: str) -> str | None:
    """Golongan in its standard form: "iv b", "IV-b", "4b" -> "IV/b"; None if no such golongan."""
    m = _GOLONGAN.fullmatch(clean_text(text))
    if not m:
        return None
    golongan = f"{_ROMAN.get(m[1], m[1].upper())}/{m[2].lower()}"
    return golongan if golongan in PANGKAT else None


def pangkat_for(golongan: str) -> str | None:
    """Pangkat of a golongan: "IV/b" -> "Pembina Tingkat I"; None if the golongan is unknown."""
    key = normalize_golongan(golongan)
    return PANGKAT[key] if key else None


def canonical_pangkat(text: str) -> str | None:
    """Full pangkat name for what people write: "Pembina Tk.I", "PEMBINA TK 1"; None if unknown."""
    words = re.sub(r"[.\s]+", " ", text).lower().split()
    words = ["tingkat" if w in ("tk", "tkt") else w for w in words]
    words = ["i" if w == "1" and i and words[i - 1] == "tingkat" else w for i, w in enumerate(words)]
    return _PANGKAT_BY_KEY.get(" ".join(words))


def pangkat_matches(pangkat: str, golongan: str) -> bool:
    """Whether a written pangkat is the one its golongan carries ("Pembina Tk.I" with "IV/b")."""
    expected = pangkat_for(golongan)
    return expected is not None and canonical_pangkat(pangkat) == expected


# --- text hygiene --------------------------------------------------------------------------------

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


def clean_text(value: str) -> str:
    """Cell text with every run of whitespace (NBSP, tabs, newlines...) as one space, ends stripped.

    Zero-width characters are removed rather than turned into spaces: Excel shows them as nothing,
    so a space would split a word the user sees whole.
    """
    return " ".join(value.translate(_ZERO_WIDTH).split())


def clean_lines(value: str) -> str:
    """Cell text whose line breaks are meaningful: each line tidied as ``clean_text``, empty lines dropped."""
    return "\n".join(line for line in map(clean_text, value.splitlines()) if line)


def _is_xml_char(c: str) -> bool:
    code = ord(c)
    return (
        code in (0x9, 0xA, 0xD)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )


def invalid_xml_chars(text: str) -> list[str]:
    """Characters a .docx (XML 1.0) cannot hold, as "U+0007", each once in order of appearance."""
    found = dict.fromkeys(f"U+{ord(c):04X}" for c in text if not _is_xml_char(c))
    return list(found)
