"""Susunan Organisasi: the regulations it rests on, its opening sentence, the nested list of units, and
the title of the organisation chart. Tugas pokok dan fungsi per unit follow in their own section."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...context import DEFAULT_TUPOKSI_HEADING
from ..blocks import Block, Line
from ..reading import (
    LAMPIRAN,
    Item,
    Items,
    Part,
    Reading,
    heading_words,
    label_kind,
    next_block,
    short,
    strip_label,
    strip_number,
)
from ..shape import Shape, clean

INTRO = re.compile(r"\bterdiri\s+(?:dari|atas)\b", re.IGNORECASE)
REGULATION = re.compile(r"\b(?:peraturan|undang|keputusan|berdasarkan|nomor\s+\d+)", re.IGNORECASE)
UNIT_TAIL = re.compile(
    r"(?:\s*,?\s*terdiri\s+(?:dari|atas)\s*:?|\s*;\s*(?:dan|atau)|[\s;:.,]+)$", re.IGNORECASE
)
FUNCTIONAL = re.compile(r"\bjabatan\s+fungsional\b", re.IGNORECASE)
SUBHEADING = re.compile(
    r"^(?:[a-z][.)]\s*)?(?P<kind>tugas\s+pokok|fungsi)\s*:?\s*(?P<rest>.*)$", re.IGNORECASE
)


def unit_name(text: str) -> str:
    """ "Sekretariat, terdiri dari :" -> "Sekretariat"; "Seksi X; dan" -> "Seksi X"."""
    name = clean(text)
    head, tail = name[:-80], name[-80:]  # the tail is all the pattern needs: it stays linear
    previous = None
    while previous != tail:
        previous = tail
        tail = UNIT_TAIL.sub("", tail).strip()
    return clean(f"{head}{tail}") if tail or not head else clean(head)


@dataclass
class UnitLine:
    name: str
    depth: int
    blocks: list[Block]
    parent: int | None = None  # index into the list of unit lines
    inferred: bool = False


class Organisation(Part):
    key = "susunan"
    stages = (LAMPIRAN,)

    def __init__(self) -> None:
        self.before = Items(paragraphs=True)
        self.intro: Line | None = None
        self.lines: list[tuple[Line, Shape]] = []

    def opens(self, line: Line, shape: Shape, reading: Reading) -> bool:
        words = heading_words(line.text)
        return short(line.text, 100) and words.startswith("SUSUNAN ORGANISASI") and not INTRO.search(words)

    def begin(self, line: Line, shape: Shape, reading: Reading) -> None:
        reading.draft.place(line)
        reading.facts["susunan"] = True

    def take(self, block: Block, shape: Shape | None, reading: Reading) -> None:
        if not isinstance(block, Line) or shape is None:
            return
        if self.intro is None and INTRO.search(block.text) and block.text.rstrip().endswith(":"):
            self.intro = block
            reading.draft.set("lampiran", "susunan_intro", block.text, block)
        elif self.intro is None:
            self.before.feed(block, shape)
        else:
            self.lines.append((block, shape))

    def close(self, reading: Reading) -> None:
        units: list[tuple[Line, Shape]] = list(self.lines)
        dasar: list[Item] = []
        for item in self.before:
            if self.intro is not None or REGULATION.search(item.text):
                dasar.append(item)
            else:
                units.extend((b, _shape(b, item)) for b in item.blocks[:1])
                reading.draft.place(*item.blocks[1:])
        for item in dasar:
            reading.draft.add(
                "texts", {"section": "Dasar Susunan Organisasi", "text": strip_label(item.text)}, *item.blocks
            )
        reading.facts["unit_lines"] = nest_units(units, reading)


def _shape(block: Line, item: Item) -> Shape:
    return Shape("", False, item.label, item.text, item.text)


def nest_units(lines: list[tuple[Line, Shape]], reading: Reading) -> list[UnitLine]:
    """Units with their depth from the label kinds (or Word's list levels) and their parents."""
    kinds: list[str] = []
    units: list[UnitLine] = []
    numbered = bool(lines) and all(line.numbered for line, _ in lines)
    for line, shape in lines:
        name = unit_name(shape.text)
        if not name:
            reading.draft.place(line)
            continue
        if not shape.label and units and line.continued:
            units[-1].blocks.append(line)
            reading.draft.place(line)
            continue
        if numbered:
            depth = max(line.level, 0)
        else:
            kind = label_kind(shape.label) or "none"
            if kind not in kinds:
                kinds.append(kind)
            depth = kinds.index(kind)
            del kinds[depth + 1 :]
        units.append(UnitLine(name, depth, [line]))
        reading.draft.place(line)
    for index, unit in enumerate(units):
        for earlier in range(index - 1, -1, -1):
            if units[earlier].depth < unit.depth:
                unit.parent = earlier
                break
    roots = [i for i, u in enumerate(units) if u.parent is None]
    if len(roots) > 1:
        head = roots[0]
        for index in roots[1:]:
            units[index].parent = head
            units[index].inferred = True
    return units


class Bagan(Part):
    """ "BAGAN SUSUNAN ORGANISASI ...": the chart's title (the chart itself is drawn again)."""

    key = "bagan"
    stages = (LAMPIRAN,)

    def __init__(self) -> None:
        self.done = False  # the title's lines have ended

    def opens(self, line: Line, shape: Shape, reading: Reading) -> bool:
        return short(line.text, 160) and line.text.upper().startswith("BAGAN ")

    def begin(self, line: Line, shape: Shape, reading: Reading) -> None:
        reading.draft.set("lampiran", "bagan_title", line.text, line)

    def take(self, block: Block, shape: Shape | None, reading: Reading) -> None:
        """The title's next line: after a soft break, or typed as its own short paragraph in capitals."""
        if not isinstance(block, Line) or block.index - 1 not in reading.draft.placed or self.done:
            self.done = True
            return
        if block.continued or (block.text.isupper() and short(block.text, 120) and not block.images):
            title = f"{reading.draft.get('lampiran', 'bagan_title')}\n{block.text}"
            reading.draft.set("lampiran", "bagan_title", title, block)
        else:
            self.done = True


@dataclass
class Duties:
    """One unit's tugas pokok paragraphs and fungsi items, under the heading that names it."""

    heading: str
    line: Line
    tugas: list[Items] = field(default_factory=list)  # one list per "Tugas Pokok :" line
    fungsi: list[Items] = field(default_factory=list)


FIXED_HEADING = DEFAULT_TUPOKSI_HEADING


def _heading_like(line: Line) -> bool:
    """A heading of the tupoksi section: short, in capitals (or the usual words), not a label."""
    text = line.text
    usual = heading_words(text) == FIXED_HEADING
    return short(text, 160) and not text.rstrip().endswith(":") and (text.isupper() or usual)


def _names_unit(line: Line, reading: Reading) -> bool:
    """ "1. CAMAT" above "a. Tugas Pokok :": a unit's heading, however it is typed."""
    following = next_block(line, reading)
    return isinstance(following, Line) and bool(SUBHEADING.match(following.text))


class Tupoksi(Part):
    key = "tupoksi"
    stages = (LAMPIRAN,)

    def __init__(self) -> None:
        self.headings: list[Line] = []
        self.pending: list[tuple[Line, Shape]] = []
        self.units: list[Duties] = []
        self.mode = "intro"
        self.intro = Items(paragraphs=True)
        self.target: Items = self.intro

    def opens(self, line: Line, shape: Shape, reading: Reading) -> bool:
        words = heading_words(line.text)
        return _heading_like(line) and (words == FIXED_HEADING or "TUGAS" in words.split())

    def begin(self, line: Line, shape: Shape, reading: Reading) -> None:
        self.headings = [line]
        reading.draft.place(line)

    def take(self, block: Block, shape: Shape | None, reading: Reading) -> None:
        if not isinstance(block, Line) or shape is None:
            return
        text = block.text
        heading = _heading_like(block) and not _names_unit(block, reading)
        if heading and not self.units and not self.pending and not self.intro.items:
            self.headings.append(block)  # the title and the section heading above the first unit
            reading.draft.place(block)
            return
        sub = SUBHEADING.match(text)
        if sub and len(text) - len(sub["rest"]) <= 40 and (not sub["rest"] or ":" in text):
            self._new_part(sub["kind"].lower().startswith("tugas"), reading)
            reading.draft.place(block)
            if sub["rest"]:
                self.target.feed(block, Shape("", False, "", clean(sub["rest"]), sub["rest"]))
            return
        self.pending.append((block, shape))

    def _write_headings(self, reading: Reading) -> None:
        """The last heading paragraph is the section's heading; any before it, its title."""
        paragraphs: list[list[Line]] = []
        for line in self.headings:
            if paragraphs and line.continued and line.paragraph == paragraphs[-1][-1].paragraph:
                paragraphs[-1].append(line)
            else:
                paragraphs.append([line])
        if not paragraphs:
            return
        *title, heading = paragraphs
        text = "\n".join(strip_number(line.text) if i == 0 else line.text for i, line in enumerate(heading))
        if heading_words(text) != FIXED_HEADING:
            reading.draft.set("lampiran", "tupoksi_heading", text)
        if title:
            reading.draft.set("lampiran", "tupoksi_title", "\n".join(line.text for p in title for line in p))

    def _new_part(self, tugas: bool, reading: Reading) -> None:
        """A "Tugas Pokok :" or "Fungsi :" line: the line just before it names a new unit."""
        heading: tuple[Line, Shape] | None = None
        if self.pending:
            line, shape = self.pending[-1]
            if short(line.text, 120) and not line.text.endswith("."):
                heading = self.pending.pop()
        self._flush(reading)
        if heading is not None:
            line, shape = heading
            name = unit_name(shape.text) if shape.label else unit_name(line.text)
            self.units.append(Duties(name, line))
            reading.draft.place(line)
        elif not self.units:
            return
        duties = self.units[-1]
        self.target = Items(paragraphs=True) if tugas else Items(kind="number")
        (duties.tugas if tugas else duties.fungsi).append(self.target)

    def _flush(self, reading: Reading) -> None:
        for line, shape in self.pending:
            self.target.feed(line, shape)
        self.pending = []

    def close(self, reading: Reading) -> None:
        self._flush(reading)
        self._write_headings(reading)
        for item in self.intro:
            reading.draft.add("texts", {"section": "Pengantar Tugas Pokok", "text": item.text}, *item.blocks)
        reading.facts["duties"] = [
            (
                duties.heading,
                duties.line,
                [item for items in duties.tugas for item in items],
                [item for items in duties.fungsi for item in items],
            )
            for duties in self.units
        ]
