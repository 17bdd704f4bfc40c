"""The cover page with its regulation list, and the kop (letterhead) above the decree."""

from __future__ import annotations

import re

from ..blocks import Block, Line
from ..reading import DECREE, LAMPIRAN, Items, Part, Reading, strip_label
from ..shape import Shape

PHONE = re.compile(
    r"(?P<phone>\b(?:telp|telepon|tlp|phone|fax|faks|faximile)\b\.?\s*:?\s*[\d\s()+\-./]*\d)", re.IGNORECASE
)
POSTAL = re.compile(r"\bkode\s*pos\b\.?\s*:?\s*(?P<code>\d{5})", re.IGNORECASE)
EMAIL = re.compile(
    r"\b(?:e-?mail|surel|surat\s+elektronik)\s*:?\s*(?P<value>\S+@\S+?)[,;]?(?=\s|$)", re.IGNORECASE
)
WEBSITE = re.compile(
    r"\b(?:laman|website|web\s*site|situs(?:\s+web)?|web)\s*:?\s*(?P<value>(?:https?://)?[\w.-]+\.[a-z]{2,}\S*?)[,;]?(?=\s|$)",
    re.IGNORECASE,
)
BARE_EMAIL = re.compile(r"(?P<value>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)")
OUR_PHONE_PREFIX = "Telp. "
KOP_LINE = 400  # what the template adds in front of a number that lacks a label


class Cover(Part):
    """ "PROSES BISNIS / KECAMATAN X / TAHUN Y" and the REGULASI list, before the kop."""

    key = "cover"

    def __init__(self) -> None:
        self.regulasi: Items | None = None
        self.title = False

    stages = (DECREE, LAMPIRAN)
    repeats = True  # a bound copy often repeats the cover after the Lampiran's signature

    def opens(self, line: Line, shape: Shape, reading: Reading) -> bool:
        upper = line.text.upper()
        if reading.opened:
            closing = reading.stage == LAMPIRAN and reading.opened.count("signature") >= 2
            return closing and upper.startswith("PROSES BISNIS")
        return upper.startswith("PROSES BISNIS") or upper == "REGULASI"

    def begin(self, line: Line, shape: Shape, reading: Reading) -> None:
        if reading.stage == LAMPIRAN:
            self.regulasi = None  # the repeated cover: its lines are placed, nothing is read again
        self.take(line, shape, reading)

    def take(self, block: Block, shape: Shape | None, reading: Reading) -> None:
        if not isinstance(block, Line) or shape is None:
            return
        upper = block.text.upper()
        if self.regulasi is not None:
            self.regulasi.feed(block, shape)
            return
        if upper == "REGULASI":
            self.regulasi = Items(paragraphs=True)
            reading.draft.place(block)
        elif "PROSES BISNIS" in upper:
            self.title = True
            reading.draft.place(block)
            year = re.search(r"\bTAHUN\s+(\d{4})\b", upper)
            if year:
                reading.facts["cover_year"] = int(year[1])
        elif upper.startswith("KECAMATAN "):
            reading.draft.place(block)
        elif re.fullmatch(r"TAHUN\s+\d{4}", upper):
            reading.facts["cover_year"] = int(upper.split()[1])
            reading.draft.place(block)

    def close(self, reading: Reading) -> None:
        if reading.stage == LAMPIRAN:
            return  # the repeated cover was read at the start
        if self.title:
            reading.facts["cover"] = True
        for item in self.regulasi or ():
            reading.draft.add("regulasi", {"text": strip_label(item.text)}, *item.blocks)


def _address_parts(text: str) -> dict[str, str]:
    """Address, telephone, postal code, place, email and website found in one kop line."""
    found: dict[str, str] = {}
    rest = text
    for key, pattern in (("email", EMAIL), ("website", WEBSITE)):
        match = pattern.search(rest)
        if match:
            found[key] = match["value"].rstrip(".,;")
            rest = (rest[: match.start()] + "  " + rest[match.end() :]).strip()
    if "email" not in found and (match := BARE_EMAIL.search(rest)):
        found["email"] = match["value"]
        rest = (rest[: match.start()] + "  " + rest[match.end() :]).strip()
    before, after = rest, ""
    phone = PHONE.search(rest)
    postal = POSTAL.search(rest)
    cut = [m for m in (phone, postal) if m]
    if cut:
        first = min(m.start() for m in cut)
        last = max(m.end() for m in cut)
        before, after = rest[:first], rest[last:]
        if phone:
            value = " ".join(phone["phone"].split())
            found["phone"] = value.removeprefix(OUR_PHONE_PREFIX)
            middle = rest[phone.end() : postal.start()] if postal and postal.start() > phone.end() else ""
            if middle.strip(" ,;-"):
                after = middle + " " + after
        if postal:
            found["postal_code"] = postal["code"]
    before = before.strip(" ,;-")
    after = " ".join(after.split()).strip(" ,;")
    if before:
        found["address"] = " ".join(before.split())
    if after:
        found["locality"] = after
    return found


class Kop(Part):
    """PEMERINTAH ..., KECAMATAN ..., the address line(s); typed in the body, a table or the header."""

    key = "kop"
    stages = (DECREE,)

    def opens(self, line: Line, shape: Shape, reading: Reading) -> bool:
        return not reading.seen("heading") and line.text.upper().startswith("PEMERINTAH ")

    def take(self, block: Block, shape: Shape | None, reading: Reading) -> None:
        if isinstance(block, Line):
            kop_line(block, reading)


def kop_line(line: Line, reading: Reading) -> bool:
    """Read one kop line into the Kantor sheet; False when it holds nothing a kop holds."""
    text = line.text
    if len(text) > KOP_LINE:
        return False  # no kop line is this long; the patterns below need not look at it
    upper = text.upper()
    draft = reading.draft
    if upper.startswith("PEMERINTAH "):
        draft.setdefault("office", "government", text, line)
        return True
    if upper.startswith("KECAMATAN ") and "kop_kecamatan" not in reading.facts:
        reading.facts["kop_kecamatan"] = text[len("KECAMATAN ") :].strip()
        draft.place(line)
        return True
    parts = _address_parts(text)
    if not parts:
        return False
    for key, value in parts.items():
        if key == "address" and draft.get("office", "address"):
            key = "locality" if not draft.get("office", "locality") else key
        if key == "locality" and draft.get("office", "locality"):
            value = f"{draft.get('office', 'locality')} {value}"
            draft.set("office", "locality", value, line)
            continue
        draft.setdefault("office", key, value, line)
    draft.place(line)
    return True
