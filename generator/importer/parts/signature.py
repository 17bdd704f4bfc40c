"""The enactment and signature block: Ditetapkan di / pada tanggal, the signer's jabatan, name, pangkat
(with golongan when printed) and NIP. The Lampiran's closing signature repeats it and is only checked."""

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
RANKS = ("juru", "pengatur", "penata", "pembina")
OFFICE_WORDS = ("KABUPATEN ", "KOTA ", "KECAMATAN ", "CAMAT", "AN.", "A.N.", "PLT", "PLH", "SEKRETARIS")


def split_pangkat(text: str) -> tuple[str, str]:
    """ "Pembina Tk.I (IV/b)" -> ("Pembina Tk.I", "IV/b"); golongan "" when not printed."""
    match = GOLONGAN_AT_END.search(text) if len(text) <= 200 else None
    if match and fmt.normalize_golongan(match["golongan"]):
        pangkat = text[: match.start()].strip(" ,/-(")
        if not pangkat or pangkat.lower().split()[0] in RANKS:
            return pangkat, fmt.normalize_golongan(match["golongan"]) or ""
    return text, ""


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
        if len(self.lines) < 8:
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
        lines = list(self.lines)
        nip_at = next((i for i, line in enumerate(lines) if NIP.match(line.text)), None)
        self.used: list[Line] = []
        if nip_at is not None:
            match = NIP.match(lines[nip_at].text)
            found["nip"] = clean(match["nip"]) if match else ""
            self.used.append(lines[nip_at])
            lines = lines[:nip_at]
        else:
            lines = lines[:4]
        if len(lines) >= 2 and looks_like_pangkat(lines[-1].text):
            found["pangkat"] = lines[-1].text
            self.used.append(lines.pop())
        if len(lines) >= 2 and not lines[-1].text.upper().startswith(OFFICE_WORDS):
            found["name"] = lines[-1].text
            self.used.append(lines.pop())
        found["position"] = clean(" ".join(line.text for line in lines))
        self.used.extend(lines)
        return found

    def _write(self, found: dict[str, object], reading: Reading) -> None:
        draft = reading.draft
        if found.get("place"):
            draft.set("decree", "place", found["place"])
        date_text = str(found.get("date_text", ""))
        if date_text:
            parsed = fmt.parse_date_text(date_text.rstrip("."))
            if parsed is not None:
                draft.set("decree", "date", parsed)
            else:
                draft.doubt(
                    "decree",
                    "date",
                    f'tanggal penetapan tertulis "{date_text}", bukan tanggal lengkap; dibiarkan kosong.',
                )
        if found.get("position"):
            draft.set("signer", "position", found["position"])
        if found.get("name"):
            draft.set("signer", "name", found["name"])
        pangkat_line = str(found.get("pangkat", ""))
        if pangkat_line:
            pangkat, golongan = split_pangkat(pangkat_line)
            draft.set("signer", "pangkat", pangkat)
            if golongan:
                draft.set("signer", "golongan", golongan)
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
