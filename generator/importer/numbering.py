"""Labels of Word's automatic numbering, computed from numbering.xml as Word would print them.

A list typed with Word's numbering button keeps "a." or "3." out of the text: the paragraph only says
"numId 4, level 0", and the label comes from the level's format (lowerLetter, decimal ...), its text
("%1.", "(%1)", "%1.%2.") and the count so far. Counters belong to the abstract list, so two numbering
instances of one abstract list continue each other unless one restarts with a start override.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docx.document import Document
from docx.oxml.ns import qn

from .inherit import inherited

LEVELS = 9
BULLET = "•"


@dataclass(frozen=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None  # restart after this (1-based) level; None: after any higher level
    legal: bool = False  # isLgl: every placeholder printed as a decimal number


@dataclass(frozen=True)
class Instance:
    """One w:num: its abstract list and the levels it restarts or overrides."""

    abstract: str
    starts: dict[int, int] = field(default_factory=dict)
    levels: dict[int, Level] = field(default_factory=dict)


def _val(element, tag: str, default: str | None = None) -> str | None:
    child = element.find(qn(tag)) if element is not None else None
    if child is None:
        return default
    return child.get(qn("w:val"), default)


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _level(element) -> Level:
    restart = _val(element, "w:lvlRestart")
    return Level(
        start=_int(_val(element, "w:start"), 0),
        fmt=_val(element, "w:numFmt", "decimal") or "decimal",
        text=_val(element, "w:lvlText", "") or "",
        restart=_int(restart, 0) if restart is not None else None,
        legal=element.find(qn("w:isLgl")) is not None
        and _val(element, "w:isLgl", "true") not in ("0", "false"),
    )


def _roman(number: int) -> str:
    values = (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    )
    out = ""
    for value, letters in values:
        while number >= value:
            out += letters
            number -= value
    return out


def format_number(number: int, fmt: str) -> str:
    """One placeholder's value in a numFmt; Word repeats letters past z ("aa", "bb")."""
    if fmt in ("lowerLetter", "upperLetter"):
        if number < 1:
            return ""
        letter = chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(number) if number > 0 else ""
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{number:02d}"
    if fmt == "none":
        return ""
    return str(number)


class Numbering:
    """Computes each numbered paragraph's label; call :meth:`label` in reading order."""

    def __init__(self, document: Document) -> None:
        self._abstract: dict[str, dict[int, Level]] = {}
        self._instances: dict[str, Instance] = {}
        self._style_numbering: dict[str, tuple[str, int]] = {}
        self._counters: dict[str, list[int | None]] = {}
        self._restarted: set[str] = set()
        self._links: dict[str, str] = {}
        self._read_numbering(document)
        self._read_styles(document)

    def _read_numbering(self, document: Document) -> None:
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        for abstract in root.findall(qn("w:abstractNum")):
            key = abstract.get(qn("w:abstractNumId"), "")
            self._abstract[key] = {
                _int(lvl.get(qn("w:ilvl")), 0): _level(lvl) for lvl in abstract.findall(qn("w:lvl"))
            }
            link = _val(abstract, "w:numStyleLink")
            if link:
                self._links[key] = link
        for num in root.findall(qn("w:num")):
            starts: dict[int, int] = {}
            levels: dict[int, Level] = {}
            for override in num.findall(qn("w:lvlOverride")):
                ilvl = _int(override.get(qn("w:ilvl")), 0)
                start = _val(override, "w:startOverride")
                if start is not None:
                    starts[ilvl] = _int(start, 1)
                lvl = override.find(qn("w:lvl"))
                if lvl is not None:
                    levels[ilvl] = _level(lvl)
            abstract = _val(num, "w:abstractNumId", "") or ""
            self._instances[num.get(qn("w:numId"), "")] = Instance(abstract, starts, levels)

    def _read_styles(self, document: Document) -> None:
        """Paragraph styles that carry numbering (Word's "List Number" and styles made from lists)."""
        try:
            styles = document.styles.element
        except (KeyError, AttributeError):
            return
        direct: dict[str, tuple[str, int] | None] = {}
        based: dict[str, str] = {}
        for style in styles.findall(qn("w:style")):
            style_id = style.get(qn("w:styleId"), "")
            num_pr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            if num_pr is not None:
                direct[style_id] = (_val(num_pr, "w:numId", "") or "", _int(_val(num_pr, "w:ilvl"), 0))
            parent = _val(style, "w:basedOn")
            if parent:
                based[style_id] = parent
        self._style_numbering = {k: v for k, v in inherited(direct, based).items() if v is not None}
        for key, link in self._links.items():
            if link in self._style_numbering:
                linked = self._instances.get(self._style_numbering[link][0])
                if linked is not None and linked.abstract != key and linked.abstract in self._abstract:
                    self._abstract[key] = self._abstract[linked.abstract]

    def _num_pr(self, paragraph) -> tuple[str, int] | None:
        p_pr = paragraph.find(qn("w:pPr"))
        num_pr = p_pr.find(qn("w:numPr")) if p_pr is not None else None
        style = _val(p_pr, "w:pStyle") if p_pr is not None else None
        from_style = self._style_numbering.get(style or "")
        if num_pr is None:
            return from_style
        num_id = _val(num_pr, "w:numId")
        ilvl = _val(num_pr, "w:ilvl")
        if num_id is None and from_style is not None:
            num_id = from_style[0]
        if ilvl is None:
            ilvl_number = from_style[1] if from_style is not None else 0
        else:
            ilvl_number = _int(ilvl, 0)
        return (num_id or "", ilvl_number)

    def _levels(self, instance: Instance) -> dict[int, Level]:
        return self._abstract.get(instance.abstract, {}) | instance.levels

    def label(self, paragraph) -> tuple[str, int] | None:
        """(label, level) of a numbered paragraph, counting it; None when it is not numbered."""
        found = self._num_pr(paragraph)
        if found is None:
            return None
        num_id, ilvl = found
        instance = self._instances.get(num_id)
        if num_id in ("", "0") or instance is None:
            return None
        ilvl = min(max(ilvl, 0), LEVELS - 1)
        levels = self._levels(instance)
        level = levels.get(ilvl, Level())
        counters = self._counters.setdefault(instance.abstract, [None] * LEVELS)
        if num_id not in self._restarted:
            self._restarted.add(num_id)
            for restart_level, start in instance.starts.items():
                if 0 <= restart_level < LEVELS:
                    counters[restart_level] = start - 1
                    for deeper in range(restart_level + 1, LEVELS):
                        counters[deeper] = None
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, LEVELS):
            restart = levels.get(deeper, Level()).restart
            if restart is None or restart > ilvl:  # 0 never restarts; n restarts after levels 1..n
                counters[deeper] = None
        if level.fmt == "bullet":
            return BULLET, ilvl
        text = level.text
        for placeholder in range(LEVELS, 0, -1):
            token = f"%{placeholder}"
            if token not in text:
                continue
            index = placeholder - 1
            value = counters[index]
            if value is None:
                value = levels.get(index, Level()).start
            fmt = "decimal" if level.legal else levels.get(index, Level()).fmt
            text = text.replace(token, format_number(value, fmt))
        return text.strip(), ilvl
