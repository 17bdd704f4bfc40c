"""Word field codes that fetch a file or an address: found, and removed the way Word unlinks a field.

A field is an instruction Word and LibreOffice carry out themselves. Some fetch something from outside
the document when it is opened, printed or converted to PDF: INCLUDEPICTURE and INCLUDETEXT (and their
old names IMPORT and INCLUDE) read a file or URL into the page, LINK and DDE/DDEAUTO open another
program's document (DDEAUTO as soon as the document opens), RD names a document whose content feeds a
table of contents, DATABASE runs a query on a file or a connection. A HYPERLINK field is fetched only
when a person clicks it, so it is kept, like a hyperlink in the text, when it points at http, https or
mailto. A field whose keyword or target is written by a Jinja tag cannot be checked before it is
filled, so it is treated as fetching too. Settings' mail merge (a data source and an SQL query Word
runs on opening) is removed as well.

A field is written either as ``w:fldSimple`` (the instruction in an attribute, the last result inside)
or as a complex field: ``w:fldChar`` begin, ``w:instrText`` pieces (possibly with other fields nested in
them), separate, the result, end, possibly across runs and paragraphs. Removing a field keeps its last
result as plain content and drops the instruction with everything nested in it, as Word's "unlink
field" (Ctrl+Shift+F9) does, so the page still prints what it showed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FETCHING = frozenset(
    {"INCLUDEPICTURE", "INCLUDETEXT", "INCLUDE", "IMPORT", "LINK", "DDE", "DDEAUTO", "RD", "DATABASE"}
)
LINK_SCHEMES = ("http://", "https://", "mailto:")
_FLD_SIMPLE, _FLD_CHAR = f"{{{W}}}fldSimple", f"{{{W}}}fldChar"
_INSTR = frozenset({f"{{{W}}}instrText", f"{{{W}}}delInstrText"})
_RUN = f"{{{W}}}r"
_MAIL_MERGE = f"{{{W}}}mailMerge"
_TYPE = f"{{{W}}}fldCharType"
_JINJA = re.compile(r"\{[{%#]")
MAX_NESTING = 32  # fields inside fields; Word itself stops far below


@dataclass(frozen=True)
class Field:
    """One field that fetches: its keyword and instruction as written (cut short, for a message)."""

    keyword: str
    instruction: str

    def describe(self) -> str:
        return f"kode field {self.keyword} «{self.instruction}»"


def _keyword(instruction: str) -> str:
    """The field's name, upper-case; "{{ ... }}" when a Jinja tag writes any of it."""
    text = instruction.strip()
    token = re.split(r"[\s\\]", text, maxsplit=1)[0] if text else ""
    return "{{ ... }}" if _JINJA.search(token) else token.upper()


def fetches(instruction: str) -> bool:
    """True when the field with this instruction fetches, or may fetch, something from outside."""
    keyword = _keyword(instruction)
    if keyword == "{{ ... }}" or keyword in FETCHING:
        return True
    if keyword != "HYPERLINK":
        return False
    if _JINJA.search(instruction):
        return True  # its target is only known once filled
    rest = instruction.strip()[len(keyword) :].strip()
    if rest.startswith("\\l"):
        return False  # a bookmark in the same document
    target = rest.split('"')[1] if rest.startswith('"') else (rest.split() or [""])[0]
    return not target.lower().startswith(LINK_SCHEMES)


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(re.sub(r"[\x00-\x1f\x7f]", " ", text).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


class FieldNesting(Exception):
    """Complex fields nested deeper than ``MAX_NESTING``: no document Word writes does that."""


@dataclass
class _Complex:
    instruction: list[str] = field(default_factory=list)
    owned: list[etree._Element] = field(default_factory=list)  # markers and instruction content
    in_result: bool = False


def _run_children(root: etree._Element):
    """Every child of every run, in document order (what a complex field is made of)."""
    for run in root.iter(_RUN):
        yield from (child for child in run if isinstance(child.tag, str))


def _own(fields: list[_Complex], child: etree._Element) -> None:
    """``child`` belongs to the instruction of every open field still reading its instruction."""
    for open_field in fields:
        if not open_field.in_result:
            open_field.owned.append(child)


def _complex_fields(root: etree._Element) -> list[tuple[str, list[etree._Element]]]:
    """(instruction, its markers and instruction content) of every complex field, nested ones too.

    Raises FieldNesting past ``MAX_NESTING`` open fields, so a hostile part cannot make this slow."""
    found: list[tuple[str, list[etree._Element]]] = []
    open_fields: list[_Complex] = []
    for child in _run_children(root):
        kind = child.get(_TYPE) if child.tag == _FLD_CHAR else None
        if kind == "begin":
            if len(open_fields) >= MAX_NESTING:
                raise FieldNesting()
            open_fields.append(_Complex())
            _own(open_fields, child)
        elif not open_fields:
            continue
        elif kind == "separate" and not open_fields[-1].in_result:
            _own(open_fields, child)
            open_fields[-1].in_result = True
        elif kind == "end":
            top = open_fields.pop()
            top.owned.append(child)
            _own(open_fields, child)
            found.append(("".join(top.instruction), top.owned))
        else:
            if child.tag in _INSTR and not open_fields[-1].in_result:
                open_fields[-1].instruction.append(child.text or "")
            _own(open_fields, child)
    for unfinished in open_fields:  # never ended: Word shows nothing of it, but drop what it asks for
        found.append(("".join(unfinished.instruction), unfinished.owned))
    return found


def find_fetching(root: etree._Element) -> list[Field]:
    """The fetching fields in a part, without changing it."""
    found = [
        Field(_keyword(element.get(f"{{{W}}}instr", "")), _short(element.get(f"{{{W}}}instr", "")))
        for element in root.iter(_FLD_SIMPLE)
        if fetches(element.get(f"{{{W}}}instr", ""))
    ]
    found += [Field(_keyword(text), _short(text)) for text, _ in _complex_fields(root) if fetches(text)]
    found += [Field("MAILMERGE", "sumber data penggabungan surat") for _ in root.iter(_MAIL_MERGE)]
    return found


def remove_fetching(root: etree._Element) -> list[Field]:
    """Unlink every fetching field of a part in place (its last result stays); what was removed."""
    removed: list[Field] = []
    doomed: list[etree._Element] = []
    for text, owned in _complex_fields(root):
        if fetches(text):
            removed.append(Field(_keyword(text), _short(text)))
            doomed.extend(owned)
    for element in doomed:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
    for element in list(root.iter(_FLD_SIMPLE)):
        instruction = element.get(f"{{{W}}}instr", "")
        if not fetches(instruction):
            continue
        removed.append(Field(_keyword(instruction), _short(instruction)))
        parent = element.getparent()
        if parent is None:
            continue
        position = parent.index(element)
        for offset, child in enumerate(list(element)):
            parent.insert(position + offset, child)
        parent.remove(element)
    for element in list(root.iter(_MAIL_MERGE)):
        removed.append(Field("MAILMERGE", "sumber data penggabungan surat"))
        element.getparent().remove(element)
    return removed


def may_hold_fields(content: bytes) -> bool:
    """A quick look before parsing: can this XML part hold a field or a mail merge at all?

    An XML part in another encoding than UTF-8 (UTF-16) is always parsed."""
    if content[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in content[:200]:
        return True
    return any(name in content for name in (b"fldSimple", b"instrText", b"fldChar", b"mailMerge"))
