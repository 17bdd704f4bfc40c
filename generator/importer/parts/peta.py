"""The Peta Proses Bisnis sections: A (the map and each category's processes), B (the parties of each
process), C ... (a category's processes with their sub-processes), or, without narrative, the map
headings. Sentences are kept raw here; finish.py resolves names once every process is known."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...context import DEFAULT_SKEMA_HEADING
from ...model import Category
from ..blocks import Block, Line
from ..reading import CAPTION, LAMPIRAN, Part, Reading, next_block, short, strip_number
from ..shape import Shape, clean

CATEGORY_WORDS = {
    "MANAJERIAL": Category.MANAJERIAL,
    "MANAJEMEN": Category.MANAJERIAL,
    "UTAMA": Category.UTAMA,
    "INTI": Category.UTAMA,
    "PENDUKUNG": Category.PENDUKUNG,
    "LAINNYA": Category.LAINNYA,
}
_CATEGORY = "|".join(CATEGORY_WORDS)
SENTENCE_LIMIT = 8_000
COUNT = r"(?P<count>\d[\d.]*)\s*\([^)]*\)"

SECTION_A = re.compile(r"^[A-Z]\.\s*PETA\s+PROSES\s+BISNIS\b", re.IGNORECASE)
SECTION_B = re.compile(r"^[A-Z]\.\s*PETA\s+RELASI\b", re.IGNORECASE)
SECTION_C = re.compile(
    rf"^[A-Z]\.\s*PETA\s+(?:PROSES\s+)?(?:BISNIS\s+)?(?P<cat>{_CATEGORY})\b", re.IGNORECASE
)
SKEMA = re.compile(r"^SKEMA\s+PROSES\s+BISNIS\b", re.IGNORECASE)
# Peta Lintas Fungsi: drawn from the Langkah sheet, which a typed decree cannot give back; the text this
# program writes around the maps is recognised and taken, anything else there stays unplaced
SECTION_LINTAS = re.compile(r"^[A-Z]\.\s*PETA\s+LINTAS\s+FUNGSI\b", re.IGNORECASE)
LINTAS_HEADING = re.compile(r"^PETA\s+LINTAS\s+FUNGSI\s+\S", re.IGNORECASE)
LINTAS_TEXT = (
    re.compile(r"^Peta\s+lintas\s+fungsi\b", re.IGNORECASE),
    re.compile(
        r"\btelah\s+menjabarkan\s+\d[\d.]*\s*\([^)]*\)\s+proses\s+ke\s+dalam\s+langkah", re.IGNORECASE
    ),
    re.compile(
        r"\bterdiri\s+atas\s+\d[\d.]*\s*\([^)]*\)\s+langkah\s+yang\s+dilaksanakan\s+oleh\b", re.IGNORECASE
    ),
)
MAP_HEADING = re.compile(rf"^PROSES\s+BISNIS\s+(?P<cat>{_CATEGORY})\b", re.IGNORECASE)
PETA_TITLE = re.compile(r"^PETA\s+PROSES\s+BISNIS\s+KECAMATAN\b", re.IGNORECASE)
MAP_CAPTION = re.compile(r"^\s*Peta\s+Proses\s+Bisnis\b", re.IGNORECASE)

OPENING = re.compile(
    r"^Proses\s+Bisnis\s+.+?\s+(?:dibagi\s+menjadi|hanya\s+terdiri\s+atas)\s+", re.IGNORECASE
)
CATEGORY_SENTENCE = re.compile(
    rf"(?:^|(?<=[.!?])\s+)(?:(?:Pada\s+[^.]{{0,40}}?\.?\s*(?:\d+(?:\.\d+)*\.?\s+)?|Pada\s+gambar\s+di\s*atas\s+)"
    rf"dapat\s+dilihat\s+(?:juga\s+)?bahwa\s+)?Proses\s+(?P<cat>{_CATEGORY})\s+"
    rf"(?:pada\s+gambar\s+di\s*atas\s+)?memiliki\s+{COUNT}\s+proses\s+di\s*dalamnya\s*,?\s*"
    r"(?:yaitu|antara\s+lain)\s*,?\s*",
    re.IGNORECASE,
)
FIGURE_LEAD = r"Pada\s+[^.]{0,40}?\.?\s*(?:\d+(?:\.\d+)*\.?\s+)?dapat\s+dilihat\s+(?:juga\s+)?bahwa\s+"
RELASI_SENTENCE = re.compile(
    rf"(?:^|(?<=[.!?:])\s+)(?:{FIGURE_LEAD}pada\s+|Sedangkan\s+(?:pada|ada)\s+|Pada\s+)"
    rf"Proses\s+(?P<cat>{_CATEGORY})\s+terdapat\s+{COUNT}\s+Pihak\s*/\s*Elemen\s+yang\s+berkaitan\s+"
    r"dengan\s+proses\s+tersebut\s*,?\s*",
    re.IGNORECASE,
)
RELASI_ITEM = re.compile(
    r"^Pada\s+(?P<process>.+?)\s+Pihak\s*/\s*Elemen\s+yang\s+terkait\s+(?P<rest>(?:yaitu|antara\s+lain)\s+.+)$",
    re.IGNORECASE,
)
CATEGORY_COUNT = re.compile(
    rf"(?:,\s*dimana\s+pada|(?:^|(?<=[.!?])\s*)Pada)\s+Proses\s+(?:{_CATEGORY})\s+terdapat\s+{COUNT}\s+proses\s+"
    r"di\s*dalamnya\s*\.?$",
    re.IGNORECASE,
)
PROCESS_HEADING = re.compile(
    r"^(?:(?P<path>\d+(?:\.\d+)*)\.\s+)?(?P<code>[A-Za-z]{1,5}\.?\s?\d+(?:\.\d+)*)\.\s+(?P<name>\S.*)$"
)
_CHILD_TAIL = (
    rf"\s+(?:terdapat|terdiri\s+(?:dari|atas)|memiliki)\s+{COUNT}\s+proses\s*(?:di\s*dalamnya)?\s*,?\s*"
    r"(?P<rest>(?:yaitu|antara\s+lain)\s*,?\s*.+)$"
)
CHILDREN = (
    # as this program prints it: "<uraian>. Pada <nama> terdapat N (...) proses di dalamnya antara lain ..."
    re.compile(
        rf"^(?P<desc>.*?)\s*(?:^|(?<=[.!?])\s)Pada\s+(?P<name>Proses\s.+?){_CHILD_TAIL}", re.IGNORECASE
    ),
    # as people type it: "<uraian>, Proses X terdiri dari N (...) Proses yaitu ..."
    re.compile(
        rf"^(?P<desc>.*?)\s*(?:^|(?<=[.!?,])\s)(?:Pada\s+)?(?P<name>Proses\s[^.!?,]+?){_CHILD_TAIL}",
        re.IGNORECASE,
    ),
)


def is_heading(text: str) -> bool:
    """A heading of the Peta Proses Bisnis: "A. PETA ...", "SKEMA PROSES BISNIS", a map's title."""
    if not short(text, 200):
        return False
    if SECTION_A.match(text) or SECTION_B.match(text) or SECTION_C.match(text) or SKEMA.match(text):
        return True
    if SECTION_LINTAS.match(text) or LINTAS_HEADING.match(text):
        return True
    return bool(MAP_HEADING.match(text)) and len(text) <= 80 and not text.endswith(".")


def before_map(line: Line, reading: Reading) -> bool:
    """A heading in capitals right above the level-0 map ("Gambar 2. Peta Proses Bisnis Kecamatan X"):
    the skema heading, whatever it says."""
    if not line.text.isupper() or not short(line.text, 160) or reading.stage != LAMPIRAN:
        return False
    following = next_block(line, reading)
    if isinstance(following, Line) and following.blank:  # the map itself
        following = next_block(following, reading)
    if not isinstance(following, Line) or not (match := CAPTION.match(following.text)):
        return False
    return bool(MAP_CAPTION.match(following.text[match.end() :]))


def category_of(word: str) -> Category:
    return CATEGORY_WORDS[word.upper()]


@dataclass
class Sentence:
    """A generated-looking sentence kept for finish.py, with the blocks it came from."""

    category: Category | None
    count: int
    text: str
    blocks: list[Block]
    process: str = ""


@dataclass
class Heading:
    """ "P.1. PROSES UMUM" or "1.1. P.1.1. Proses Persuratan" with the paragraph under it."""

    category: Category | None
    code: str
    name: str
    depth: int
    blocks: list[Block]
    description: str = ""
    children: Sentence | None = None


@dataclass
class Narrative:
    categories: list[Sentence] = field(default_factory=list)  # A: top-level names and descriptions
    peta_intro: list[Line] = field(default_factory=list)
    relasi_intro: list[Line] = field(default_factory=list)
    relasi: list[Sentence] = field(default_factory=list)  # B: inline pairs, or one process per item
    category_intro: dict[Category, list[str]] = field(default_factory=dict)
    headings: list[Heading] = field(default_factory=list)  # C ...
    seen_a: bool = False
    skema: bool = False


def _replace_text(line: Line, text: str) -> Line:
    from dataclasses import replace

    return replace(line, pieces=(text,))


def _count(text: str) -> int:
    return int(text.replace(".", ""))


class Peta(Part):
    key = "peta"
    stages = (LAMPIRAN,)
    repeats = True

    def __init__(self) -> None:
        self.narrative = Narrative()
        self.section = ""
        self.category: Category | None = None
        self.after_figure = False
        self.pending_intro: list[Line] = []

    def opens(self, line: Line, shape: Shape, reading: Reading) -> bool:
        text = line.text
        if is_heading(text) or before_map(line, reading):
            return True
        after_title = bool(reading.facts.get("lampiran_title_started"))
        return short(text, 200) and bool(PETA_TITLE.match(text)) and after_title

    def begin(self, line: Line, shape: Shape, reading: Reading) -> None:
        reading.facts["peta"] = self.narrative
        self._heading(line, reading)

    def figure(self, caption: Line, reading: Reading) -> None:
        self.after_figure = True

    def _heading(self, line: Line, reading: Reading) -> bool:
        text = line.text
        reading.draft.place(line)
        self._close_intro()
        self.after_figure = False
        if SECTION_LINTAS.match(text) or LINTAS_HEADING.match(text):
            self.section, self.category = "lintas", None
        elif SECTION_C.match(text) and (match := SECTION_C.match(text)):
            self.section, self.category = "C", category_of(match["cat"])
        elif SECTION_B.match(text):
            self.section, self.category = "B", None
        elif SECTION_A.match(text):
            self.section, self.category = "A", None
            self.narrative.seen_a = True
        elif SKEMA.match(text) or MAP_HEADING.match(text) or before_map(line, reading):
            self.section = "skema"
            self.narrative.skema = True
            if not MAP_HEADING.match(text) and strip_number(text).upper() != DEFAULT_SKEMA_HEADING:
                reading.draft.set("lampiran", "skema_heading", strip_number(text))
        else:
            self.section = "title"
        return True

    def take(self, block: Block, shape: Shape | None, reading: Reading) -> None:
        if not isinstance(block, Line) or shape is None:
            return
        text = block.text
        if len(text) > SENTENCE_LIMIT:
            return  # no generated sentence is this long; the patterns below stay linear
        if is_heading(text) or before_map(block, reading):
            self._heading(block, reading)
            return
        if self.section == "A":
            self._take_a(block, reading)
        elif self.section == "B":
            self._take_b(block, shape, reading)
        elif self.section == "C":
            self._take_c(block, reading)
        elif self.section == "lintas":
            self._take_lintas(block, reading)

    def _take_lintas(self, line: Line, reading: Reading) -> None:
        """This program's sentences and headings around each Peta Lintas Fungsi."""
        text = line.text
        heading = PROCESS_HEADING.match(text) and short(text, 200)
        if heading or any(pattern.search(text) for pattern in LINTAS_TEXT):
            reading.draft.place(line)

    def _take_a(self, line: Line, reading: Reading) -> None:
        text = line.text
        if match := OPENING.match(text):
            _, stop, rest = text[match.end() :].partition(". ")
            if stop and rest.strip():  # an introduction typed in the same paragraph
                self.narrative.peta_intro.append(_replace_text(line, re.sub(r"^Dimana\s+", "", rest.strip())))
            reading.draft.place(line)
        elif sentences := list(CATEGORY_SENTENCE.finditer(text)):
            for index, match in enumerate(sentences):
                end = sentences[index + 1].start() if index + 1 < len(sentences) else len(text)
                rest = text[match.end() : end].strip()
                self.narrative.categories.append(
                    Sentence(category_of(match["cat"]), _count(match["count"]), rest, [line])
                )
            lead = text[: sentences[0].start()].strip()
            if lead and len(self.narrative.categories) > len(sentences):
                previous = self.narrative.categories[-len(sentences) - 1]
                previous.text = f"{previous.text} {lead}"  # a paragraph broken across a page
            elif lead:
                self.narrative.peta_intro.append(_replace_text(line, lead))
            reading.draft.place(line)
        elif not self.after_figure:
            self.narrative.peta_intro.append(line)
            reading.draft.place(line)

    def _take_b(self, line: Line, shape: Shape, reading: Reading) -> None:
        text = line.text
        if (sentences := list(RELASI_SENTENCE.finditer(text))) and sentences[0].start() == 0:
            for index, match in enumerate(sentences):
                end = sentences[index + 1].start() if index + 1 < len(sentences) else len(text)
                rest = text[match.end() : end].strip()
                self.category = category_of(match["cat"])
                if re.sub(r"[\s:]", "", re.sub(r"(?i)antara\s+lain", "", rest)):
                    self.narrative.relasi.append(
                        Sentence(self.category, _count(match["count"]), rest, [line])
                    )
            reading.draft.place(line)
        elif (match := RELASI_ITEM.match(shape.text)) and self.category is not None:
            self.narrative.relasi.append(
                Sentence(self.category, 0, match["rest"], [line], process=clean(match["process"]))
            )
            reading.draft.place(line)
        elif not self.after_figure:
            self.narrative.relasi_intro.append(line)
            reading.draft.place(line)

    def _take_c(self, line: Line, reading: Reading) -> None:
        text = line.text
        if (match := PROCESS_HEADING.match(text)) and short(text, 200):
            depth = len(match["path"].split(".")) if match["path"] else 1
            self._close_intro()
            self.narrative.headings.append(
                Heading(self.category, clean(match["code"]), clean(match["name"]), depth, [line])
            )
            reading.draft.place(line)
            return
        headings = self.narrative.headings
        if headings and headings[-1].category is self.category and headings[-1].children is None:
            if match := next((m for pattern in CHILDREN if (m := pattern.match(text))), None):
                heading = headings[-1]
                heading.description = clean(match["desc"]).rstrip(" ,")
                heading.children = Sentence(
                    self.category, _count(match["count"]), match["rest"], [line], process=clean(match["name"])
                )
                heading.blocks.append(line)
                reading.draft.place(line)
                return
        if not headings or headings[-1].category is not self.category:
            self.pending_intro.append(line)
            reading.draft.place(line)
        elif not headings[-1].description and headings[-1].children is None:
            headings[-1].description = text  # a description with no sentence naming sub-processes
            headings[-1].blocks.append(line)
            reading.draft.place(line)

    def _close_intro(self) -> None:
        """A category's opening paragraphs, the generated count clause taken off the last one."""
        if not self.pending_intro or self.category is None:
            self.pending_intro = []
            return
        texts = [line.text for line in self.pending_intro]
        last = CATEGORY_COUNT.sub("", texts[-1]).strip()
        texts[-1] = last
        self.narrative.category_intro[self.category] = [t for t in texts if t]
        self.pending_intro = []

    def close(self, reading: Reading) -> None:
        self._close_intro()
