"""The Cascading Kinerja section: its title and each box's text with its indicators, one "Indikator :"
line each, or "Indikator :" with the indicators numbered under it, each with its "(target ...)"."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..blocks import Block, Line
from ..reading import LAMPIRAN, Part, Reading, label_kind, short
from ..shape import Shape, clean

TITLE = re.compile(r"\b(?:cas+[ae]n?d?ing|cascad\w*|kaskade)\b", re.IGNORECASE)
INDICATOR = re.compile(r"^indikator(?:\s+kinerja)?\s*:\s*(?P<text>.*)$", re.IGNORECASE)
LEVEL_PREFIX = re.compile(
    r"^(?P<level>tujuan|sasaran|program|sub\s*kegiatan|kegiatan)\s*:\s*(?P<text>.+)$", re.IGNORECASE
)
TARGET = re.compile(r"target\b\s*:?\s*(?P<target>.*)$", re.IGNORECASE | re.DOTALL)


def split_target(text: str) -> tuple[str, str]:
    """ "Indeks Kepuasan Masyarakat (target 82)" -> ("Indeks Kepuasan Masyarakat", "82")."""
    stripped = text.rstrip()
    start = stripped.rfind("(")
    if stripped.endswith(")") and start > 0:
        inner = stripped[start + 1 : -1].strip()
        match = TARGET.match(inner) if "(" not in inner else None
        if match and match["target"].strip() and stripped[:start].strip():
            return clean(stripped[:start]), clean(match["target"])
    return clean(text), ""


@dataclass
class Box:
    parts: list[str]
    blocks: list[Block]
    indicators: list[list[str]] = field(default_factory=list)
    level: str = ""  # from a "Tujuan :" prefix when the document prints one
    listing: bool = False  # after "Indikator :" alone: numbered lines under it are its indicators

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
        if not isinstance(block, Line) or shape is None:
            return
        text, draft = block.text, reading.draft
        if not self.boxes and block.continued and block.index - 1 in draft.placed:
            title = f"{draft.get('lampiran', 'cascading_title')}\n{text}"
            draft.set("lampiran", "cascading_title", title, block)
            return
        box = self.boxes[-1] if self.boxes else None
        if match := INDICATOR.match(text):
            if box is not None:
                rest = match["text"].strip()
                box.indicators.append([rest] if rest else [])
                box.listing = not rest
                box.blocks.append(block)
                draft.place(block)
            return
        if box is not None and box.listing and label_kind(shape.label) in ("number", "letter", "bullet"):
            box.indicators.append([shape.text])  # "1. Indeks Kepuasan Masyarakat (target 82)"
            box.blocks.append(block)
            draft.place(block)
            return
        if box is not None and block.continued:
            (box.indicators[-1] if box.indicators else box.parts).append(text)
            box.blocks.append(block)
            draft.place(block)
            return
        level = ""
        if match := LEVEL_PREFIX.match(text):
            level, text = " ".join(match["level"].split()).title(), clean(match["text"])
        self.boxes.append(Box([text], [block], level=level.replace("Subkegiatan", "Sub Kegiatan")))
        draft.place(block)

    def close(self, reading: Reading) -> None:
        reading.facts["kinerja_boxes"] = self.boxes
