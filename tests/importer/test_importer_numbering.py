"""Word's automatic numbering: labels computed from numbering.xml as Word prints them."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from generator.importer.blocks import read_document
from generator.importer.numbering import format_number


def _document():
    return docx.Document()


def _abstract(document, abstract_id: int, levels: list[dict]) -> None:
    body = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{lvl.get("start", 1)}"/><w:numFmt w:val="{lvl["fmt"]}"/>'
        f'<w:lvlText w:val="{lvl["text"]}"/>'
        + (f'<w:lvlRestart w:val="{lvl["restart"]}"/>' if "restart" in lvl else "")
        + ("<w:isLgl/>" if lvl.get("legal") else "")
        + "</w:lvl>"
        for i, lvl in enumerate(levels)
    )
    root = document.part.numbering_part.element
    element = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">{body}</w:abstractNum>'
    )
    root.find(qn("w:num")).addprevious(element)


def _num(document, num_id: int, abstract_id: int, start_override: dict[int, int] | None = None) -> None:
    overrides = "".join(
        f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{value}"/></w:lvlOverride>'
        for level, value in (start_override or {}).items()
    )
    document.part.numbering_part.element.append(
        parse_xml(
            f'<w:num {nsdecls("w")} w:numId="{num_id}">'
            f'<w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'
        )
    )


def _item(document, text: str, num_id: int, level: int = 0):
    paragraph = document.add_paragraph(text)
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )
    return paragraph


def _labels(document) -> list[str]:
    out = io.BytesIO()
    document.save(out)
    printed = read_document(docx.Document(io.BytesIO(out.getvalue())))
    return [line.pieces[0] if line.numbered else "" for line in printed.blocks]


def test_letters_and_numbers_with_their_texts():
    document = _document()
    _abstract(document, 50, [{"fmt": "lowerLetter", "text": "%1."}, {"fmt": "decimal", "text": "(%2)"}])
    _num(document, 60, 50)
    _item(document, "Camat", 60)
    _item(document, "Sekretariat", 60)
    _item(document, "Sub Bagian Umum", 60, level=1)
    _item(document, "Sub Bagian Keuangan", 60, level=1)
    _item(document, "Seksi Pemerintahan", 60)
    _item(document, "Seksi Trantib", 60, level=1)  # level 2 restarts under a new letter
    assert _labels(document) == ["a.", "b.", "(1)", "(2)", "c.", "(1)"]


def test_start_value_and_start_override_and_continuing_instances():
    document = _document()
    _abstract(document, 50, [{"fmt": "decimal", "text": "%1.", "start": 4}])
    _num(document, 60, 50)
    _num(document, 61, 50)  # a second instance of the same list: Word goes on counting
    _num(document, 62, 50, start_override={0: 1})  # "restart numbering at 1"
    _item(document, "a", 60)
    _item(document, "b", 60)
    _item(document, "c", 61)
    _item(document, "d", 62)
    _item(document, "e", 62)
    assert _labels(document) == ["4.", "5.", "6.", "1.", "2."]


def test_multilevel_text_legal_and_no_restart():
    document = _document()
    _abstract(
        document,
        50,
        [
            {"fmt": "upperRoman", "text": "%1."},
            {"fmt": "lowerLetter", "text": "%1.%2.", "legal": True},
            {"fmt": "decimal", "text": "%3)", "restart": 0},
        ],
    )
    _num(document, 60, 50)
    _item(document, "Pendahuluan", 60)
    _item(document, "x", 60, level=1)
    _item(document, "y", 60, level=2)
    _item(document, "Isi", 60)
    _item(document, "z", 60, level=1)
    _item(document, "w", 60, level=2)  # lvlRestart 0: never restarts
    assert _labels(document) == ["I.", "1.1.", "1)", "II.", "2.1.", "2)"]


def test_bullets_numid_zero_and_style_numbering():
    document = _document()
    _abstract(document, 50, [{"fmt": "bullet", "text": "\uf0b7"}])
    _num(document, 60, 50)
    _item(document, "bulat", 60)
    _item(document, "tidak bernomor", 0)
    document.add_paragraph("nomor dari gaya", style="List Number")
    labels = _labels(document)
    assert labels[0] == "•" and labels[1] == ""
    assert labels[2] == "1."


@pytest.mark.parametrize(
    ("number", "fmt", "label"),
    [
        (1, "lowerLetter", "a"),
        (27, "lowerLetter", "aa"),
        (3, "upperLetter", "C"),
        (14, "lowerRoman", "xiv"),
        (9, "decimalZero", "09"),
        (5, "none", ""),
    ],
)
def test_formats(number, fmt, label):
    assert format_number(number, fmt) == label
