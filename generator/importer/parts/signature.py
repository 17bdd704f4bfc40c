"""The enactment and signature block: Ditetapkan di / pada tanggal (a full date, or a month and year with
the day left blank), the signer's jabatan on one line or several (a.n., Plt., Pj.), name, pangkat (with
golongan when printed) and NIP; signed electronically, the "Ditandatangani secara elektronik oleh" line
and the mark in the QR space. The Lampiran's closing signature repeats it and is only checked."""

from __future__ import annotations

import re

from ... import formatting as fmt
from ..blocks import Block, Line
from ..reading import Part, Reading
from ..shape import Shape, clean

PLACE = re.compile(r"^ditetapkan\s+di\s*:?\s*(?P<place>.*)$", re.IGNORECASE)
DATE = re.compile(r"^(?:pada\s+)?tanggal\s*[:,]?\s*(?P<date>.*)$", re.IGNORECASE)
NIP = re.compile(r"^nip\b\.?\s*:?\s*(?P<nip>.*)$", re.IGNORECASE)
GOLONGAN_AT_END = re.compile(
    r"[\s,(/\-]*\(?\s*(?:gol(?:ongan)?\.?\s*)?(?P<golongan>(?:IV|III|II|I)\s*[/\-.]?\s*[a-eA-E])\s*\)?\s*$"
)
TTE = re.compile(r"^ditandatangani\s+secara\s+elektronik(?:\s+oleh)?\s*:?$", re.IGNORECASE)
WORD = re.compile(r"[^\W\d_]{3}")
ANCHOR_LIMIT = 12  # the Penanda Spesimen TTE column's width
RANKS = ("juru", "pengatur", "penata", "pembina")
MAX_LINES = 10  # TTE line, jabatan lines, QR space, name, pangkat, NIP
OFFICE_WORDS = ("KABUPATEN ", "KOTA ", "KECAMATAN ", "CAMAT", "AN.", "A.N.", "PLT", "PLH", "SEKRETARIS")


def split_pangkat(text: str) -> tuple[str, str]:
    """ "Pembina Tk.I (IV/b)" -> ("Pembina Tk.I", "IV/b"); golongan "" when not printed."""
    match = GOLONGAN_AT_END.search(text) if len(text) <= 200 else None
    if match and fmt.normalize_golongan(match["golongan"]):
        pangkat = text[: match.start()].strip(" ,/-(")
        if not pangkat or pangkat.lower().split()[0] in RANKS:
            return pangkat, fmt.normalize_golongan(match["golongan"]) or ""
    return text, ""


def is_anchor(text: str) -> bool:
    """A short mark with no word in it ("^", "#"): what an e-office system looks for in the QR space."""
    return len(text) <= ANCHOR_LIMIT and not WORD.search(text)


def looks_like_pangkat(text: str) -> bool:
    pangkat, golongan = split_pangkat(text)
    words = pangkat.lower().split()
    return bool(golongan) or fmt.canonical_pangkat(pangkat) is not None or bool(words and words[0] in RANKS)


class Signature(Part):
    key = "signature"
    stages = ("keputusan", "lampiran")
    repeats = True

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self.place: Line | None = None
        self.date: Line | None = None

    def opens(self, line: Line, shape: Shape, reading: Reading) -> bool:
        return bool(PLACE.match(line.text))

    def begin(self, line: Line, shape: Shape, reading: Reading) -> None:
        self.lines, self.place, self.date = [], line, None
        reading.draft.place(line)

    def take(self, block: Block, shape: Shape | None, reading: Reading) -> None:
        if not isinstance(block, Line):
            return
        if self.date is None and not self.lines and DATE.match(block.text):
            self.date = block
            reading.draft.place(block)
            return
        if len(self.lines) < MAX_LINES:
            self.lines.append(block)

    def close(self, reading: Reading) -> None:
        first = reading.facts.setdefault("signature", {})
        assert isinstance(first, dict)
        found = self._read()
        if not first:
            first.update(found)
            self._write(found, reading)
        reading.draft.place(*self.used)

    def _read(self) -> dict[str, object]:
        found: dict[str, object] = {}
        assert self.place is not None
        place = PLACE.match(self.place.text)
        found["place"] = clean(place["place"]).rstrip(",") if place else ""
        if self.date is not None:
            match = DATE.match(self.date.text)
            found["date_text"] = clean(match["date"]) if match else ""
        self.used: list[Line] = []
        lines = []
        for line in self.lines:
            if TTE.match(line.text):
                found["electronic"] = True  # "Ditandatangani secara elektronik oleh:"
                self.used.append(line)
            else:
                lines.append(line)
        nip_at = next((i for i, line in enumerate(lines) if NIP.match(line.text)), None)
        if nip_at is not None:
            match = NIP.match(lines[nip_at].text)
            found["nip"] = clean(match["nip"]) if match else ""
            self.used.append(lines[nip_at])
            lines = lines[:nip_at]
        else:
            lines = lines[:6]
        if len(lines) >= 2 and looks_like_pangkat(lines[-1].text):
            found["pangkat"] = lines[-1].text
            self.used.append(lines.pop())
        if len(lines) >= 2 and not lines[-1].text.upper().startswith(OFFICE_WORDS):
            found["name"] = lines[-1].text
            self.used.append(lines.pop())
        if found.get("electronic") and len(lines) >= 2 and is_anchor(lines[-1].text):
            found["anchor"] = lines[-1].text  # the mark in the QR specimen space ("^")
            self.used.append(lines.pop())
        found["position"] = "\n".join(line.text for line in lines)
        self.used.extend(lines)
        return found

    def _write(self, found: dict[str, object], reading: Reading) -> None:
        draft = reading.draft
        if found.get("place"):
            draft.set("decree", "place", found["place"])
        date_text = str(found.get("date_text", ""))
        if date_text:
            parsed = fmt.parse_date_text(date_text.rstrip("."))
            drafted = fmt.parse_month_year(date_text.rstrip("."))
            if parsed is not None:
                draft.set("decree", "date", parsed)
            elif drafted is not None:
                draft.set("decree", "date", str(drafted))  # "Februari 2021": the day left to sign
                draft.doubt(
                    "decree",
                    "date",
                    f'tanggal penetapan tertulis "{date_text}", bukan tanggal lengkap; dibiarkan kosong.',
                )
        if found.get("position"):
            draft.set("signer", "position", found["position"])
        if found.get("electronic"):
            draft.set("signer", "electronic", True)
        if found.get("anchor"):
            draft.set("tata_naskah", "tte_anchor", found["anchor"])
        if found.get("name"):
            draft.set("signer", "name", found["name"])
        pangkat_line = str(found.get("pangkat", ""))
        if pangkat_line:
            pangkat, golongan = split_pangkat(pangkat_line)
            draft.set("signer", "pangkat", pangkat)
            if golongan:
                draft.set("signer", "golongan", golongan)
                draft.set("signer", "show_golongan", True)  # printed after the pangkat
            elif (canonical := fmt.canonical_pangkat(pangkat)) is not None:
                golongan = next(g for g, name in fmt.PANGKAT.items() if name == canonical)
                draft.set(
                    "signer",
                    "golongan",
                    golongan,
                    doubt=f'golongan tidak tercetak; {golongan} disimpulkan dari pangkat "{pangkat}".',
                )
        nip = str(found.get("nip", ""))
        if nip:
            digits = fmt.normalize_nip(nip)
            if len(digits) == 18 and digits.isdigit():
                draft.set("signer", "nip", fmt.format_nip(digits))
            else:
                draft.doubt("signer", "nip", f'NIP tertulis "{nip}", bukan 18 angka; dibiarkan kosong.')
