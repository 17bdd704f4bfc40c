"""The typeface, body size and margins a document is printed in, for the workbook's Tata Naskah sheet.

A person typing a decree in Word sets the typeface either on the styles or by selecting the text, so the
typeface and size are those most of the text is printed in: each run's own setting, else its character
style's, its paragraph style's (with their basedOn chains), the document defaults, then Word's. Theme
fonts ("+Body") are looked up in the document's theme. Text in tables (tables are often set smaller)
counts only when the document has hardly any other text. The first 50,000 paragraphs and runs decide
(a decree has a few thousand); margins are the first section's.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from ..layout import DEFAULT_FONT, DEFAULT_SIZE_PT

TWIPS_PER_MM = 56.7
ENOUGH_TEXT = 400  # characters outside tables that decide the typeface without the tables' text
MAX_RUNS = 50_000  # paragraphs and runs looked at: a decree has a few thousand, a hostile file millions
MAX_CHAIN = 30  # basedOn links followed; a loop or an absurd chain stops here
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
RUN, R_PR, TEXT, R_STYLE, VAL = qn("w:r"), qn("w:rPr"), qn("w:t"), qn("w:rStyle"), qn("w:val")
P_STYLE = f"{qn('w:pPr')}/{qn('w:pStyle')}"


@dataclass(frozen=True)
class PrintedStyle:
    font: str  # "" when no run says and no default is known
    size_pt: float | None
    margins_mm: tuple[float | None, float | None, float | None, float | None]  # left, right, top, bottom


@dataclass(frozen=True)
class _Props:
    font: str | None = None
    size: float | None = None


def _toggle_on(r_pr, tag: str) -> bool:
    flag = r_pr.find(qn(tag)) if r_pr is not None else None
    return flag is not None and flag.get(qn("w:val"), "true") not in ("0", "false", "off")


class _Resolver:
    def __init__(self, document: Document) -> None:
        self.theme = _theme_fonts(document)
        self.styles: dict[str, tuple[_Props, str]] = {}
        self.chains: dict[str, _Props] = {}
        self.default_paragraph = ""
        self.defaults = _Props()
        try:
            root = document.styles.element
        except (KeyError, AttributeError, ValueError):
            return
        r_pr = root.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
        self.defaults = self.props(r_pr)
        for style in root.findall(qn("w:style")):
            style_id = style.get(qn("w:styleId"), "")
            based = style.find(qn("w:basedOn"))
            self.styles[style_id] = (
                self.props(style.find(qn("w:rPr"))),
                based.get(qn("w:val"), "") if based is not None else "",
            )
            if style.get(qn("w:type")) == "paragraph" and style.get(qn("w:default")) in ("1", "true", "on"):
                self.default_paragraph = style_id

    def props(self, r_pr) -> _Props:
        if r_pr is None:
            return _Props()
        font = None
        fonts = r_pr.find(qn("w:rFonts"))
        if fonts is not None:
            font = fonts.get(qn("w:ascii")) or fonts.get(qn("w:hAnsi"))
            theme = fonts.get(qn("w:asciiTheme")) or fonts.get(qn("w:hAnsiTheme"))
            if theme:
                font = self.theme.get("major" if theme.startswith("major") else "minor") or font
        size = None
        sz = r_pr.find(qn("w:sz"))
        if sz is not None and (value := sz.get(qn("w:val"), "")).isdigit():
            size = int(value) / 2
        return _Props(font, size)

    def chain(self, style_id: str) -> _Props:
        """The font and size a style gives, through its basedOn chain (each style worked out once)."""
        if style_id not in self.chains:
            self.chains[style_id] = self._chain(style_id)
        return self.chains[style_id]

    def _chain(self, style_id: str) -> _Props:
        font = size = None
        seen: set[str] = set()
        while style_id and style_id not in seen and len(seen) < MAX_CHAIN and (font is None or size is None):
            seen.add(style_id)
            props, style_id = self.styles.get(style_id, (_Props(), ""))
            font = font if font is not None else props.font
            size = size if size is not None else props.size
        return _Props(font, size)

    def paragraph(self, style_id: str) -> _Props:
        """What a run with no settings of its own prints in, in a paragraph of this style."""
        key = f"\0{style_id}"
        if key not in self.chains:
            found = (self.chain(style_id or self.default_paragraph), self.defaults)
            font = next((p.font for p in found if p.font), None) or DEFAULT_FONT
            size = next((p.size for p in found if p.size), None) or DEFAULT_SIZE_PT
            self.chains[key] = _Props(font, size)
        return self.chains[key]

    def run(self, r_pr, base: _Props) -> _Props:
        """A run's own settings, then its character style's, over its paragraph's."""
        own = self.props(r_pr)
        r_style = r_pr.find(R_STYLE)
        styled = self.chain(r_style.get(VAL, "")) if r_style is not None else _Props()
        return _Props(own.font or styled.font or base.font, own.size or styled.size or base.size)


def _theme_fonts(document: Document) -> dict[str, str]:
    """ "major"/"minor" -> the theme's Latin typeface (Word's "+Headings" and "+Body")."""
    try:
        blob = document.part.part_related_by(RT.THEME).blob
        theme = parse_xml(blob)
    except Exception:  # no theme, or one python-docx cannot read: theme fonts stay unknown
        return {}
    found: dict[str, str] = {}
    for kind in ("major", "minor"):
        latin = theme.find(f".//{{{A_NS}}}{kind}Font/{{{A_NS}}}latin")
        if latin is not None and latin.get("typeface"):
            found[kind] = latin.get("typeface")
    return found


def _paragraphs(element, in_table: bool):
    """(paragraph, in a table) in reading order, through tables and content controls."""
    for child in element.iterchildren():
        if child.tag == qn("w:p"):
            yield child, in_table
        elif child.tag == qn("w:tbl"):
            for p in child.iter(qn("w:p")):
                yield p, True
        elif child.tag in (qn("w:sdt"), qn("w:customXml")):
            content = child.find(qn("w:sdtContent")) if child.tag == qn("w:sdt") else child
            if content is not None:
                yield from _paragraphs(content, in_table)


def first_section(document: Document):
    """The first section's properties (the decree's own page), or None."""
    body = document.element.body
    section = body.find(f".//{qn('w:pPr')}/{qn('w:sectPr')}")
    return section if section is not None else body.find(qn("w:sectPr"))


def _margins(document: Document) -> tuple[float | None, float | None, float | None, float | None]:
    section = first_section(document)
    margins = section.find(qn("w:pgMar")) if section is not None else None
    if margins is None:
        return (None, None, None, None)

    def side(name: str) -> float | None:
        value = margins.get(qn(f"w:{name}"), "")
        return abs(int(value)) / TWIPS_PER_MM if value.lstrip("-").isdigit() else None

    return side("left"), side("right"), side("top"), side("bottom")


def _runs(document: Document, resolver: _Resolver):
    """(run, its paragraph's settings, in a table) of the first MAX_RUNS paragraphs and runs."""
    seen = 0
    for paragraph, in_table in _paragraphs(document.element.body, False):
        style = paragraph.find(P_STYLE)
        base = resolver.paragraph(style.get(VAL, "") if style is not None else "")
        for run in paragraph.iter(RUN):
            seen += 1
            if seen > MAX_RUNS:
                return  # the document's opening pages have said how it is printed
            yield run, base, in_table
        seen += 1


def printed_style(document: Document) -> PrintedStyle:
    """The typeface and size most of the body text is printed in, and the first section's margins."""
    resolver = _Resolver(document)
    outside: Counter[tuple[str | None, float | None]] = Counter()
    inside: Counter[tuple[str | None, float | None]] = Counter()
    for run, base, in_table in _runs(document, resolver):
        length = sum(len(t.text or "") for t in run.iterchildren(TEXT))
        if not length:
            continue
        counter = inside if in_table else outside
        r_pr = run.find(R_PR)
        if r_pr is None:
            counter[(base.font, base.size)] += length
        elif not _toggle_on(r_pr, "w:vanish"):
            props = resolver.run(r_pr, base)
            counter[(props.font, props.size)] += length
    counts = outside if sum(outside.values()) >= ENOUGH_TEXT else outside + inside
    fonts: Counter[str] = Counter()
    sizes: Counter[float] = Counter()
    for (font, size), length in counts.items():
        fonts[font] += length
        sizes[size] += length
    font = fonts.most_common(1)[0][0] if fonts else ""
    size = sizes.most_common(1)[0][0] if sizes else None
    return PrintedStyle(font, size, _margins(document))
