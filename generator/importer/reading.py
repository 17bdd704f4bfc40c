"""One pass over the printed lines: each part of the decree opens on its own words and takes the lines
that follow until another part opens. What no part takes is reported as not placed."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .blocks import Block, Line, Printed, Table
from .draft import Draft
from .shape import Shape, clean, letter_value, number_value, shape_of

DECREE, LAMPIRAN = "keputusan", "lampiran"
CAPTION = re.compile(r"^gambar\s*\.?\s*(?P<number>\d+(?:\.\d+)*)\.?(?:\s|$)", re.IGNORECASE)


@dataclass
class Reading:
    """State shared by the parts: the draft, the stage, facts for the finishing step."""

    printed: Printed
    draft: Draft = field(default_factory=Draft)
    stage: str = DECREE
    opened: list[str] = field(default_factory=list)  # part keys in the order they opened
    facts: dict[str, object] = field(default_factory=dict)

    def seen(self, *keys: str) -> bool:
        return any(key in self.opened for key in keys)

    def texts(self) -> list[str]:
        """Every line's text, for looking up how a name is written in mixed case."""
        return [b.text for b in self.printed.blocks if isinstance(b, Line)]


class Part:
    """A recogniser of one part: it says which line opens it and what it makes of the lines after."""

    key = ""
    stages: tuple[str, ...] = (DECREE,)
    repeats = False  # may open more than once

    def opens(self, line: Line, shape: Shape, reading: Reading) -> bool:
        raise NotImplementedError

    def begin(self, line: Line, shape: Shape, reading: Reading) -> None:
        self.take(line, shape, reading)

    def take(self, block: Block, shape: Shape | None, reading: Reading) -> None:
        """Use a line (or table) of this part; lines left unplaced are reported."""

    def figure(self, caption: Line, reading: Reading) -> None:
        """A figure's caption passed by inside this part (captions are placed by the reading itself)."""

    def take_table(self, table: Table, reading: Reading) -> bool:
        """Use a data table; False when this part has no use for it."""
        return False

    def close(self, reading: Reading) -> None:
        """Write what was gathered into the draft (or facts for the finishing step)."""


def next_block(line: Line, reading: Reading) -> Block | None:
    """The first block after ``line`` with something printed (a picture counts), or None at the end."""
    for block in reading.printed.blocks[line.index + 1 :]:
        if isinstance(block, Table) or not block.blank or block.images:
            return block
    return None


def strip_number(text: str) -> str:
    """A heading without its number ("3.", "III.", "BAB III", "A."), case kept."""
    return re.sub(r"^(?:bab\s+)?(?:[IVXL]+|\d+|[A-Za-z])[.)]\s+", "", clean(text), flags=re.IGNORECASE)


def short(text: str, limit: int = 140) -> bool:
    """A heading-like line: short, not ending a sentence with a comma or semicolon."""
    return bool(text) and len(text) <= limit and not text.endswith((";", ","))


def heading_words(text: str) -> str:
    """A heading without its number ("3.", "III.", "BAB III", "A.") and trailing colon, upper case."""
    text = re.sub(r"^[-•▪●◦❖*–]\s*", "", clean(text))
    text = re.sub(r"^(?:bab\s+)?(?:[IVXL]+|\d+|[A-Za-z])[.)]\s*", "", text, flags=re.IGNORECASE)
    return text.rstrip(" :").upper()


# --- items: labelled entries with their continuation lines ----------------------------------------


@dataclass
class Item:
    label: str
    parts: list[str]
    blocks: list[Block]
    level: int = 0  # nesting: 0 for the list's own labels, 1+ for labels of another kind inside
    nested: bool = False  # lines of a deeper list were joined into this item
    breaks: set[int] = field(default_factory=set)  # parts that follow a soft line break

    @property
    def text(self) -> str:
        return clean(" ".join(self.parts))

    @property
    def lines(self) -> str:
        """The text with its soft line breaks kept (a Tembusan item printed on two lines)."""
        lines: list[list[str]] = [[]]
        for position, part in enumerate(self.parts):
            if position in self.breaks:
                lines.append([])
            lines[-1].append(part)
        return "\n".join(text for words in lines if (text := clean(" ".join(words))))


def label_kind(label: str) -> str:
    """ "letter", "number", "paren" ((1), 1), a)), "bullet" or "" for no label."""
    if not label:
        return ""
    if label.startswith("(") or label.endswith(")"):
        return "paren"
    if letter_value(label) is not None:
        return "letter"
    if number_value(label) is not None:
        return "number"
    if re.fullmatch(r"\d+(?:\.\d+)+\.?", label):
        return "number"
    return "bullet"


class Items:
    """Collects a list: a label of the list's own kind starts an item; other labels nest inside it.

    A line without label continues the item above it, unless that item already ended (";", "."), the
    line was a new paragraph and ``paragraphs`` is set: then it starts an unlabelled item.
    """

    def __init__(self, kind: str = "", paragraphs: bool = False) -> None:
        self.kind = kind  # "" decides on the first label seen
        self.paragraphs = paragraphs
        self.items: list[Item] = []

    def feed(self, block: Line, shape: Shape) -> Item:
        text = shape.text
        kind = label_kind(shape.label)
        if kind and not self.kind:
            self.kind = kind
        if kind and kind == self.kind:
            item = Item(shape.label, [text], [block])
            self.items.append(item)
            return item
        if kind and self.items:
            last = self.items[-1]
            last.parts.append(f"{shape.label} {text}")
            last.blocks.append(block)
            last.nested = True
            return last
        if not self.items or self._starts_new(block, text):
            item = Item(shape.label, [text], [block])
            self.items.append(item)
            return item
        last = self.items[-1]
        if block.continued:
            last.breaks.add(len(last.parts))
        last.parts.append(text)
        last.blocks.append(block)
        return last

    def _starts_new(self, block: Line, text: str) -> bool:
        if block.continued:
            return False
        ended = self.items[-1].parts[-1].rstrip().endswith((";", ".", ":", "; dan", "; atau"))
        fresh = bool(text[:1]) and (not text[:1].islower() or text.lower().startswith("bahwa"))
        return self.paragraphs or (ended and fresh)

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


def strip_label(text: str) -> str:
    """Text without a leading list label."""
    return re.sub(
        r"^(?:\(?\d{1,3}\)|\(?[a-z]{1,2}\)|\d{1,3}(?:\.\d{1,3})*\.|[a-z]{1,2}\.|[-•▪●◦❖*–])\s+", "", text
    )


# --- the pass -------------------------------------------------------------------------------------


def read(printed: Printed, parts: Sequence[Part]) -> Reading:
    """Run every part over the document's blocks in reading order."""
    reading = Reading(printed)
    current: Part | None = None
    for block in printed.blocks:
        if isinstance(block, Table):
            if current is not None and current.take_table(block, reading):
                continue
            for part in parts:
                if reading.stage in part.stages and part.take_table(block, reading):
                    break
            continue
        if block.images and not reading.seen("heading", "menimbang", "mengingat", "diktum"):
            reading.facts.setdefault("kop_images", []).extend(block.images)  # type: ignore[union-attr]
        if block.blank:
            reading.draft.place(block)
            continue
        shape = shape_of(block)
        if _caption(block, reading):
            if current is not None:
                current.figure(block, reading)
            continue
        if reading.facts.pop("caption_open", False) and _caption_text(block):
            reading.draft.place(block)  # "Gambar 3.1." on one line, its title on the next
            continue
        opening = next(
            (
                part
                for part in parts
                if reading.stage in part.stages
                and (part.repeats or part.key not in reading.opened)
                and part is not current
                and part.opens(block, shape, reading)
            ),
            None,
        )
        if opening is not None:
            if current is not None:
                current.close(reading)
            current = opening
            reading.opened.append(opening.key)
            opening.begin(block, shape, reading)
        elif current is not None:
            current.take(block, shape, reading)
    if current is not None:
        current.close(reading)
    return reading


def _caption_text(line: Line) -> bool:
    return short(line.text, 160) and not line.text.endswith(".") and not line.numbered


def _caption(line: Line, reading: Reading) -> bool:
    """ "Gambar 3.1. Peta Proses Bisnis ...": a figure's caption, drawn again from the data."""
    match = CAPTION.match(line.text)
    if not match or reading.stage != LAMPIRAN or len(line.text) > 200:
        return False
    numbers = match["number"].split(".")
    if not line.text[match.end() :].strip():
        reading.facts["caption_open"] = True
    reading.facts.setdefault("figure_chapter", numbers[0] if len(numbers) > 1 else "")
    reading.facts.setdefault("captions", []).append(line.text)  # type: ignore[union-attr]
    reading.draft.place(line)
    return True
