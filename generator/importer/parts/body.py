"""The body of the decree: Menimbang, Mengingat (and Memperhatikan, which the workbook has no place
for), MEMUTUSKAN / Menetapkan, the diktum KESATU ... with their sub-items, and the Tembusan."""

from __future__ import annotations

import re

from ...formatting import letter_label
from ..blocks import Block, Line
from ..reading import Item, Items, Part, Reading, strip_label
from ..shape import Shape, letter_value
from .heading import spaced_word


class Clause(Part):
    """One "Menimbang : a. ..." clause; ``sheet`` None keeps its lines unplaced (no column for them)."""

    def __init__(self, key: str, head: str, sheet: str | None) -> None:
        self.key = key
        self.head = head
        self.sheet = sheet
        self.items = Items()

    def opens(self, line: Line, shape: Shape, reading: Reading) -> bool:
        return shape.head == self.head

    def take(self, block: Block, shape: Shape | None, reading: Reading) -> None:
        if isinstance(block, Line) and shape is not None and self.sheet is not None:
            if shape.text or shape.label:
                self.items.feed(block, shape)
            else:
                reading.draft.place(block)  # the head alone, its items on the next lines

    def close(self, reading: Reading) -> None:
        if self.sheet is None:
            return
        for item in self.items:
            if not item.text:
                continue
            row = reading.draft.add(self.sheet, {"text": item.text}, *item.blocks)
            if item.nested:
                reading.draft.doubt(
                    self.sheet,
                    "text",
                    "butir bertingkat di bawahnya digabung ke dalam butir ini; periksa isinya.",
                    row,
                )


class Diktum(Part):
    """MEMUTUSKAN, Menetapkan and each diktum with its lettered sub-items."""

    key = "diktum"

    def __init__(self) -> None:
        self.diktum: list[tuple[int, Line, Item, Items]] = []
        self.menetapkan: Line | None = None

    def opens(self, line: Line, shape: Shape, reading: Reading) -> bool:
        if reading.seen("diktum"):
            return False
        word = spaced_word(line.text).rstrip(":")
        return word in ("MEMUTUSKAN", "MENETAPKAN") or shape.head == "Menetapkan" or shape.ordinal is not None

    def take(self, block: Block, shape: Shape | None, reading: Reading) -> None:
        if not isinstance(block, Line) or shape is None:
            return
        draft = reading.draft
        if spaced_word(block.text).rstrip(":") == "MEMUTUSKAN":
            draft.place(block)
            return
        if shape.head == "Menetapkan" or spaced_word(block.text).rstrip(":") == "MENETAPKAN":
            self.menetapkan = block
            if not shape.text or "KEPUTUSAN" in shape.text.upper():
                draft.place(block)  # "Menetapkan : KEPUTUSAN CAMAT ... TENTANG ..." names the decree again
            return
        if shape.ordinal is not None:
            head = Item("", [shape.text] if shape.text else [], [block])
            self.diktum.append((shape.ordinal, block, head, Items(kind="letter")))
            draft.place(block)
            return
        if not self.diktum:
            if self.menetapkan is not None and not shape.label and block.index - 1 in draft.placed:
                draft.place(block)  # the decree's name running on after Menetapkan
            return
        _, _, head, items = self.diktum[-1]
        if shape.label or items.items:
            items.feed(block, shape)
        else:
            head.parts.append(shape.text)
            head.blocks.append(block)

    def close(self, reading: Reading) -> None:
        draft = reading.draft
        for position, (ordinal, line, head, items) in enumerate(self.diktum, start=1):
            row = draft.add("diktum", {"number": position, "text": head.text}, *head.blocks)
            if ordinal != position:
                draft.doubt(
                    "diktum",
                    "number",
                    f'diktum tertulis "{line.text.split()[0]}" tetapi berada di urutan ke-{position}; '
                    "diberi nomor urut.",
                    row,
                )
            for index, item in enumerate(items, start=1):
                letter = letter_value(item.label)
                label = letter_label(letter if letter else index).rstrip(".")
                sub = draft.add(
                    "diktum", {"number": position, "item": label, "text": item.text}, *item.blocks
                )
                if item.label and letter is None:
                    draft.doubt(
                        "diktum",
                        "item",
                        f'butir bertanda "{item.label}" ditulis sebagai huruf "{label}".',
                        sub,
                    )
                if item.nested:
                    draft.doubt("diktum", "text", "butir bertingkat di bawahnya digabung ke butir ini.", sub)


TEMBUSAN = re.compile(r"^tembusan\b", re.IGNORECASE)
GREETING = re.compile(r"^(?:disampaikan\s+)?(?:kepada\s+)?(?:yth|yang\s+terhormat)\.?\s*:?$", re.IGNORECASE)


class Tembusan(Part):
    key = "tembusan"

    def __init__(self) -> None:
        self.items = Items(kind="number")

    def opens(self, line: Line, shape: Shape, reading: Reading) -> bool:
        return shape.head == "Tembusan" or bool(TEMBUSAN.match(line.text))

    def begin(self, line: Line, shape: Shape, reading: Reading) -> None:
        reading.draft.place(line)
        rest = shape.text if shape.head == "Tembusan" else ""
        if shape.label:
            self.items.feed(line, shape)
        elif rest and not GREETING.match(rest):
            self.items.feed(line, shape)

    def take(self, block: Block, shape: Shape | None, reading: Reading) -> None:
        if not isinstance(block, Line) or shape is None:
            return
        if not shape.label and GREETING.match(shape.text):
            reading.draft.place(block)
            return
        self.items.feed(block, shape)

    def close(self, reading: Reading) -> None:
        for item in self.items:
            if item.text:
                reading.draft.add("tembusan", {"text": strip_label(item.lines)}, *item.blocks)
