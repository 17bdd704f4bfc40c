"""The decree's title block: KEPUTUSAN CAMAT ..., the number line, TENTANG and the title, the optional
DENGAN RAHMAT TUHAN YANG MAHA ESA and the office line ("CAMAT SALE KABUPATEN REMBANG,")."""

from __future__ import annotations

import re

from ..blocks import Block, Line
from ..reading import Part, Reading
from ..shape import Shape, clean

NUMBER = re.compile(r"^[\s\u00a0]*NOMOR\b[\s\u00a0]*:?(?P<number>.*)$", re.IGNORECASE | re.DOTALL)
BLESSING = re.compile(r"^DENGAN\s+RAHMAT\s+TUHAN\s+YANG\s+MAHA\s*ESA\s*,?$", re.IGNORECASE)
HEADING = re.compile(r"^KEPUTUSAN\s+(?P<who>.+)$", re.IGNORECASE)


def spaced_word(text: str) -> str:
    """ "M E M U T U S K A N :" -> "MEMUTUSKAN:": words typed with spaces between their letters."""
    return re.sub(r"\s+", "", text).upper()


class Heading(Part):
    key = "heading"

    def __init__(self) -> None:
        self.title: list[Line] = []
        self.office: Line | None = None
        self.after_tentang = False

    def opens(self, line: Line, shape: Shape, reading: Reading) -> bool:
        return not reading.seen("menimbang", "mengingat", "diktum") and bool(HEADING.match(line.text))

    def take(self, block: Block, shape: Shape | None, reading: Reading) -> None:
        if not isinstance(block, Line):
            return
        text, draft = block.text, reading.draft
        upper = text.upper()
        if not self.after_tentang and (match := HEADING.match(text)) and "heading" not in reading.facts:
            reading.facts["heading"] = clean(match["who"])
            draft.place(block)
        elif not self.after_tentang and (match := NUMBER.match(block.raw.replace("\t", " "))):
            number = match["number"].strip(" \t\u00a0")
            draft.set("decree", "number", number if number.replace("\u00a0", "").strip() else None, block)
        elif spaced_word(text) in ("TENTANG", "TENTANG:"):
            self.after_tentang = True
            draft.place(block)
        elif upper.startswith("TENTANG ") and not self.title:
            self.after_tentang = True
            rest = clean(text[len("TENTANG") :].lstrip(" :"))
            self.title.append(_replace_text(block, rest))
            draft.place(block)
        elif BLESSING.match(text):
            draft.set("decree", "with_blessing", True, block)
        elif self.after_tentang and self.office is None and not self._is_office(block, reading):
            self.title.append(block)
            draft.place(block)
        elif self.office is None and self._is_office(block, reading):
            self.office = block
            draft.place(block)

    def _is_office(self, line: Line, reading: Reading) -> bool:
        """The line naming who decides: "CAMAT SALE KABUPATEN REMBANG," (after the title)."""
        text = line.text
        if not self.title and self.after_tentang:
            return False
        return text.endswith(",") and len(text) < 160 or bool(reading.draft.get("decree", "with_blessing"))

    def close(self, reading: Reading) -> None:
        draft = reading.draft
        lines = list(self.title)
        if self.office is None and len(lines) >= 2 and lines[-1].text.upper().startswith("CAMAT "):
            self.office = lines.pop()
            draft.set(
                "decree",
                "office_line",
                self.office.text,
                self.office,
                doubt="Baris jabatan tidak diakhiri koma; diambil dari baris terakhir sebelum Menimbang.",
            )
        elif self.office is not None:
            draft.set("decree", "office_line", self.office.text, self.office)
        if lines:
            draft.set("decree", "title", clean(" ".join(line.text for line in lines)), *lines)


def _replace_text(line: Line, text: str) -> Line:
    from dataclasses import replace

    return replace(line, pieces=(text,))
