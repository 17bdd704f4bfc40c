"""The Lampiran: its header (LAMPIRAN / Nomor / Tanggal), its title, and the sections of free text
(Sejarah Pembentukan, Dasar Hukum) that go to the Uraian sheet."""

from __future__ import annotations

import re

from ... import formatting as fmt
from ...schema import SECTIONS
from ..blocks import Block, Line
from ..reading import LAMPIRAN, Items, Part, Reading, heading_words, short, strip_label
from ..shape import Shape, clean

OF_CONTINUED = re.compile(r"^(?:KABUPATEN|KOTA|KECAMATAN|PROVINSI)\b", re.IGNORECASE)
LAMPIRAN_ONLY = re.compile(r"^PETA\s+PROSES\s+BISNIS\s+KECAMATAN\b")
LAMPIRAN_LINE = re.compile(r"^LAMPIRAN\b\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)


class Header(Part):
    """LAMPIRAN : Keputusan Camat X / Kabupaten Y, Nomor :, Tanggal :, then the Lampiran's title."""

    key = "lampiran"

    def __init__(self) -> None:
        self.of: list[str] = []
        self.title: list[Line] = []
        self.field = "of"

    def opens(self, line: Line, shape: Shape, reading: Reading) -> bool:
        if shape.head == "Lampiran" and reading.seen("heading", "menimbang", "diktum"):
            return True
        upper = line.text.upper()
        if upper.startswith("LAMPIRAN ") and "KEPUTUSAN" in upper and reading.seen("diktum"):
            return True
        # a Lampiran typed as a document of its own starts with its title
        return not reading.seen("heading", "menimbang", "diktum") and bool(LAMPIRAN_ONLY.match(line.text))

    def begin(self, line: Line, shape: Shape, reading: Reading) -> None:
        reading.stage = LAMPIRAN
        if LAMPIRAN_ONLY.match(line.text) and not LAMPIRAN_LINE.match(line.text):
            self.field = "title"
            self.take(line, shape, reading)
            return
        match = LAMPIRAN_LINE.match(line.text)
        rest = shape.text if shape.head == "Lampiran" else (match["rest"] if match else "")
        if rest:
            self.of.append(rest)
        reading.draft.place(line)

    def take(self, block: Block, shape: Shape | None, reading: Reading) -> None:
        if not isinstance(block, Line) or shape is None:
            return
        draft = reading.draft
        if shape.head in ("Nomor", "Tanggal", "Tentang"):
            self.field = shape.head
            if shape.head == "Nomor":
                reading.facts["lampiran_number"] = shape.raw
            elif shape.head == "Tanggal":
                reading.facts["lampiran_date"] = shape.text
            draft.place(block)
            return
        if self.field == "of" and (block.continued or OF_CONTINUED.match(shape.text)):
            self.of.append(shape.text)
            draft.place(block)
            return
        if self.field == "Tentang" and block.continued:
            draft.place(block)
            return
        if self.title and not shape.text.isupper():
            return  # the title is printed in capitals; a sentence here is not part of it
        self.field = "title"
        reading.facts["lampiran_title_started"] = True
        self.title.append(block)
        draft.place(block)

    def close(self, reading: Reading) -> None:
        reading.facts["lampiran_of"] = list(self.of)
        if self.title:
            reading.facts["lampiran_title"] = clean(" ".join(line.text for line in self.title))
            reading.facts["lampiran_title_lines"] = [line.text for line in self.title]


class Section(Part):
    """A section of paragraphs that become Uraian rows of one ``section`` (a key of schema.SECTIONS)."""

    stages = (LAMPIRAN,)

    def __init__(self, key: str, section: str, words: tuple[str, ...]) -> None:
        self.key = key
        self.section = SECTIONS[section]
        self.words = words
        self.items = Items(paragraphs=True)

    def opens(self, line: Line, shape: Shape, reading: Reading) -> bool:
        words = heading_words(line.text)
        return short(line.text, 100) and any(words.startswith(w) for w in self.words)

    def begin(self, line: Line, shape: Shape, reading: Reading) -> None:
        reading.draft.place(line)

    def take(self, block: Block, shape: Shape | None, reading: Reading) -> None:
        if isinstance(block, Line) and shape is not None:
            self.items.feed(block, shape)

    def close(self, reading: Reading) -> None:
        for item in self.items:
            text = strip_label(item.text) if item.label else item.text
            if text:
                reading.draft.add("texts", {"section": self.section, "text": text}, *item.blocks)


def lampiran_date(reading: Reading) -> None:
    """The header's date fills an empty decree date; a different one is a doubt."""
    text = str(reading.facts.get("lampiran_date", "")).rstrip(".")
    parsed: object = fmt.parse_date_text(text) if text else None
    if parsed is None and text:
        drafted = fmt.parse_month_year(text)  # "Februari 2021", the day left blank to sign
        parsed = str(drafted) if drafted is not None else None
    current = reading.draft.get("decree", "date")
    if parsed and current is None:
        reading.draft.set(
            "decree",
            "date",
            parsed,
            doubt="tanggal penetapan tidak tertulis di bawah diktum; diambil dari tanggal Lampiran.",
        )
    elif parsed and current != parsed:
        reading.draft.doubt(
            "decree",
            "date",
            f"tanggal Lampiran ({clean(text)}) berbeda dengan tanggal penetapan; yang dipakai tanggal "
            "penetapan.",
        )
