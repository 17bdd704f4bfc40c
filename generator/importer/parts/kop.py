"""The cover page with its regulation list, and the kop (letterhead) above the decree."""

from __future__ import annotations

import re

from ... import limits
from ...context import composed_kop_address
from ...model import Office
from ..blocks import Block, Line
from ..reading import DECREE, LAMPIRAN, Items, Part, Reading, short, strip_label
from ..shape import Shape, clean

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
COVER_LINE = 200  # characters of a cover title's line
KOP_LINE = 400  # characters; no kop line is longer, and the patterns need not look further


class Cover(Part):
    """The cover page before the kop ("PROSES BISNIS / KECAMATAN X / TAHUN Y", or a title of another
    subject) and its REGULASI list."""

    key = "cover"

    def __init__(self) -> None:
        self.regulasi: Items | None = None
        self.lines: list[str] = []

    stages = (DECREE, LAMPIRAN)
    repeats = True  # a bound copy often repeats the cover after the Lampiran's signature

    def opens(self, line: Line, shape: Shape, reading: Reading) -> bool:
        upper = line.text.upper()
        if reading.opened:
            closing = reading.stage == LAMPIRAN and reading.opened.count("signature") >= 2
            return closing and upper.startswith("PROSES BISNIS")
        return upper.startswith("PROSES BISNIS") or upper == "REGULASI" or _before_decree(line, reading)

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
        elif short(block.text, COVER_LINE):
            if reading.stage == DECREE:
                self.lines.append(block.text)
            reading.draft.place(block)
            year = re.search(r"\bTAHUN\s+(\d{4})\b", upper)
            if year:
                reading.facts.setdefault("cover_year", int(year[1]))

    def close(self, reading: Reading) -> None:
        if reading.stage == LAMPIRAN:
            return  # the repeated cover was read at the start
        if self.lines or self.regulasi is not None:
            reading.facts["cover"] = True
            reading.facts["cover_lines"] = list(self.lines)
        for item in self.regulasi or ():
            reading.draft.add("regulasi", {"text": strip_label(item.text)}, *item.blocks)


def _before_decree(line: Line, reading: Reading) -> bool:
    """A line in capitals on a page before the one where the kop or KEPUTUSAN CAMAT stands."""
    if not line.text.isupper() or not short(line.text, COVER_LINE):
        return False
    if "decree_page" not in reading.facts:
        starts = (
            block.page
            for block in reading.printed.blocks
            if isinstance(block, Line) and block.text.upper().startswith(("PEMERINTAH ", "KEPUTUSAN "))
        )
        reading.facts["decree_page"] = next(starts, 0)
    return line.page < int(reading.facts["decree_page"])  # type: ignore[call-overload]


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
    """PEMERINTAH ..., KECAMATAN ..., the lines under them; typed in the body, a table or the header."""

    key = "kop"
    stages = (DECREE,)

    def __init__(self) -> None:
        self.lines: list[Line] = []

    def opens(self, line: Line, shape: Shape, reading: Reading) -> bool:
        return not reading.seen("heading") and line.text.upper().startswith("PEMERINTAH ")

    def take(self, block: Block, shape: Shape | None, reading: Reading) -> None:
        if isinstance(block, Line):
            self.lines.append(block)

    def close(self, reading: Reading) -> None:
        read_kop(self.lines, reading)


def read_kop(lines: list[Line], reading: Reading) -> None:
    """The kop into the Kantor sheet: the government and kecamatan lines, then the lines under them.

    Those lines go to the Kantor fields (Alamat, Telepon, Kode Pos, Tempat pada Kop, Email, Laman) when
    the fields print them again exactly as they stand; otherwise each goes to the Kop sheet as written
    ("SENDURO - 67361", "Alamat : JL. Lawu No."), so the regenerated kop says what this one says.
    """
    draft = reading.draft
    rest: list[Line] = []
    for line in lines:
        upper = line.text.upper()
        if upper.startswith("PEMERINTAH ") and not draft.get("office", "government"):
            draft.set("office", "government", line.text, line)
        elif upper.startswith("KECAMATAN ") and "kop_kecamatan" not in reading.facts and not rest:
            reading.facts["kop_kecamatan"] = line.text[len("KECAMATAN ") :].strip()
            draft.place(line)
        elif not any(c.isalnum() for c in line.text):
            draft.place(line)  # the kop's rule typed as "=====": the template draws its own
        elif len(line.text) <= KOP_LINE and len(rest) < limits.KOP_ROWS.value:
            rest.append(line)
    if not rest:
        return
    fields = _fields_of(rest)
    office = Office("", "", "", **fields)
    if [clean(text) for text in composed_kop_address(office).split("\n")] == [line.text for line in rest]:
        for key, value in fields.items():
            draft.set("office", key, value)
        draft.place(*rest)
        return
    for line in rest:
        draft.add("kop", {"text": line.text}, line)


def _fields_of(lines: list[Line]) -> dict[str, str]:
    """Address, telephone, postal code, place, email and website read from the kop's lines."""
    fields: dict[str, str] = {}
    for line in lines:
        for key, value in _address_parts(line.text).items():
            if key == "address" and fields.get("address"):
                key = "locality" if not fields.get("locality") else key
            if key == "locality" and fields.get("locality"):
                fields["locality"] = f"{fields['locality']} {value}"
            else:
                fields.setdefault(key, value)
    return fields
