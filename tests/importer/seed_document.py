"""A seed (the text of a real decree typed by hand, tests/seeds/) typed back into Word as a person would.

The seed is a text export: paragraphs separated by blank lines, two trailing spaces for a soft line break
(Shift+Enter), "- " for the exporter's list marks, Markdown emphasis, tab-separated table rows. Each
becomes what it was in Word: a paragraph, a line break in it, plain text, a table.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from docx import Document
from docx.shared import Mm

MARKS = re.compile(r"^\s*(?:#+\s*)?(?:[-*]\s+)*")


def _plain(line: str) -> str:
    text = MARKS.sub("", line.rstrip())
    return text.replace("**", "").replace("*", "").strip()


def seed_docx(seed: Path) -> bytes:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(215), Mm(330)
    paragraph = None
    soft = False
    rows: list[list[str]] = []

    def flush_table() -> None:
        if rows:
            table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            table.style = "Table Grid"
            for r, cells in enumerate(rows):
                for c, text in enumerate(cells):
                    table.cell(r, c).text = text
            rows.clear()

    for raw in seed.read_text(encoding="utf-8").splitlines():
        if "\t" in raw:
            rows.append([cell.strip() for cell in raw.split("\t")])
            paragraph, soft = None, False
            continue
        flush_table()
        text = _plain(raw)
        if not text or text == "---":
            paragraph, soft = None, False
            continue
        if paragraph is not None and soft:
            paragraph.add_run().add_break()
            paragraph.add_run(text)
        else:
            paragraph = document.add_paragraph(text)
        soft = raw.endswith("  ")
        if not soft:
            paragraph = None
    flush_table()
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
