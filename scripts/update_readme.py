"""Rewrite the workbook table in README.md from generator/schema.py (the single list of columns) and the
table of limits from generator/limits.py."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.schema_doc import limits_table, markdown_table  # noqa: E402

README = Path(__file__).resolve().parent.parent / "README.md"
START, END = "<!-- tabel-isian:mulai -->", "<!-- tabel-isian:selesai -->"
LIMITS_START, LIMITS_END = "<!-- batas:mulai -->", "<!-- batas:selesai -->"


def _replace(text: str, start: str, end: str, body: str) -> str:
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{start}\n{body.strip()}\n{end}{tail}"


def readme_with_table(text: str) -> str:
    """README text with both generated tables brought up to date."""
    text = _replace(text, START, END, markdown_table())
    return _replace(text, LIMITS_START, LIMITS_END, limits_table())


if __name__ == "__main__":
    README.write_text(readme_with_table(README.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"{README.name} diperbarui.")
