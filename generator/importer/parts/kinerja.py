"""The Cascading Kinerja section: its title and each box's text with its "Indikator :" line(s)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..blocks import Block, Line
from ..reading import LAMPIRAN, Part, Reading, short
from ..shape import Shape, clean

TITLE = re.compile(r"\b(?:cas+[ae]n?d?ing|cascad\w*|kaskade)\b", re.IGNORECASE)
INDICATOR = re.compile(r"^indikator(?:\s+kinerja)?\s*:\s*(?P<text>.*)$", re.IGNORECASE)
LEVEL_PREFIX = re.compile(
    r"^(?P<level>tujuan|sasaran|program|sub\s*kegiatan|kegiatan)\s*:\s*(?P<text>.+)$", re.IGNORECASE
)


@dataclass
class Box:
    parts: list[str]
    blocks: list[Block]
    indicators: list[list[str]] = field(default_factory=list)
    level: str = ""  # from a "Tujuan :" prefix when the document prints one

    @property
    def text(self) -> str:
        return clean(" ".join(self.parts))

    def indicator_texts(self) -> list[str]:
        return [clean(" ".join(parts)) for parts in self.indicators if clean(" ".join(parts))]


class Kinerja(Part):
    key = "kinerja"
    stages = (LAMPIRAN,)

    def __init__(self) -> None:
        self.boxes: list[Box] = []

    def opens(self, line: Line, shape: Shape, reading: Reading) -> bool:
        return short(line.text, 160) and bool(TITLE.search(line.text)) and "kinerja" in line.text.lower()

    def begin(self, line: Line, shape: Shape, reading: Reading) -> None:
        reading.draft.set("lampiran", "cascading_title", line.text, line)

    def take(self, block: Block, shape: Shape | None, reading: Reading) -> None:
        if not isinstance(block, Line):
            return
        text = block.text
        if match := INDICATOR.match(text):
            if self.boxes:
                self.boxes[-1].indicators.append([match["text"]])
                self.boxes[-1].blocks.append(block)
                reading.draft.place(block)
            return
        if self.boxes and block.continued:
            box = self.boxes[-1]
            (box.indicators[-1] if box.indicators else box.parts).append(text)
            box.blocks.append(block)
            reading.draft.place(block)
            return
        level = ""
        if match := LEVEL_PREFIX.match(text):
            level, text = " ".join(match["level"].split()).title(), clean(match["text"])
        self.boxes.append(Box([text], [block], level=level.replace("Subkegiatan", "Sub Kegiatan")))
        reading.draft.place(block)

    def close(self, reading: Reading) -> None:
        reading.facts["kinerja_boxes"] = self.boxes
