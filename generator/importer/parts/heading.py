"""The decree's title block: KEPUTUSAN CAMAT ..., the number line, TENTANG and the title, the optional
DENGAN RAHMAT TUHAN YANG MAHA ESA and the office line ("CAMAT SALE KABUPATEN REMBANG,")."""

from __future__ import annotations

import re

from ... import formatting as fmt
from ...context import split_title
from ..blocks import Block, Line
from ..reading import Part, Reading
from ..shape import Shape, clean

NUMBER = re.compile(r"^[\s\u00a0]*(?:NOMOR\b|NO\.)", re.IGNORECASE)
BLESSING = re.compile(r"^DENGAN\s+RAHMAT\s+TUHAN\s+YANG\s+MAHA\s*ESA\s*,?$", re.IGNORECASE)
HEADING = re.compile(r"^KEPUTUSAN\s+(?P<who>.+)$", re.IGNORECASE)


def spaced_word(text: str) -> str:
    """ "M E M U T U S K A N :" -> "MEMUTUSKAN:": words typed with spaces between their letters."""
    return re.sub(r"\s+", "", text).upper()


class Heading(Part):
    key = "heading"

    def __init__(self) -> None:
        self.title: list[Line] = []
        self.office: list[Line] = []
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
        elif not self.after_tentang and NUMBER.match(block.raw):
            draft.set("decree", "number", number_cell(block.raw.replace("\t", " ")), block)
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
        elif self.office and block.continued and block.paragraph == self.office[-1].paragraph:
            self.office.append(block)  # "CAMAT SIDOREJO" / "KOTA SALATIGA," broken inside one paragraph
            draft.place(block)
        elif self.after_tentang and not self.office and not self._is_office(block, reading):
            self.title.append(block)
            draft.place(block)
        elif not self.office and self._is_office(block, reading):
            while len(self.title) > 1 and block.continued and self.title[-1].paragraph == block.paragraph:
                self.office.insert(0, self.title.pop())
            self.office.append(block)
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
        if not self.office and len(lines) >= 2 and lines[-1].text.upper().startswith("CAMAT "):
            self.office = [lines.pop()]
            draft.set(
                "decree",
                "office_line",
                self.office[0].text,
                *self.office,
                doubt="Baris jabatan tidak diakhiri koma; diambil dari baris terakhir sebelum Menimbang.",
            )
        elif self.office:
            draft.set("decree", "office_line", "\n".join(line.text for line in self.office), *self.office)
        if lines:
            draft.set("decree", "title", title_cell([line.text for line in lines]), *lines)


def number_cell(text: str) -> str | None:
    """The Nomor cell of a printed number line: the number alone after the usual "NOMOR", else with the
    label as the office writes it ("Nomor : 188 / / 427.95 / 2021"); None when nothing is written."""
    label, number = fmt.split_number_label(text)
    blank = not number.replace("\u00a0", " ").strip()
    if label == fmt.DEFAULT_NUMBER_LABEL:
        return None if blank else number
    return label if blank else f"{label} {number}"


def title_cell(lines: list[str]) -> str:
    """A title printed on several lines: one line when the template breaks it there by itself (before
    its last KABUPATEN/KOTA), else its lines as printed."""
    joined = clean(" ".join(lines))
    if len(lines) == 1 or split_title(joined).split("\n") == [clean(line) for line in lines]:
        return joined
    return "\n".join(clean(line) for line in lines)


def _replace_text(line: Line, text: str) -> Line:
    from dataclasses import replace

    return replace(line, pieces=(text,))
