"""Rewrite the workbook table in README.md from generator/schema.py (the single list of columns), and
the web server's settings table from generator/web/settings.py."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.schema_doc import markdown_table  # noqa: E402
from generator.web.settings import settings_table  # noqa: E402

README = Path(__file__).resolve().parent.parent / "README.md"
START, END = "<!-- tabel-isian:mulai -->", "<!-- tabel-isian:selesai -->"
WEB_START, WEB_END = "<!-- pengaturan-web:mulai -->", "<!-- pengaturan-web:selesai -->"


def readme_with_table(text: str) -> str:
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{markdown_table().strip()}\n{END}{tail}"


def readme_with_settings(text: str) -> str:
    head, rest = text.split(WEB_START, 1)
    _, tail = rest.split(WEB_END, 1)
    return f"{head}{WEB_START}\n{settings_table()}\n{WEB_END}{tail}"


if __name__ == "__main__":
    text = README.read_text(encoding="utf-8")
    README.write_text(readme_with_settings(readme_with_table(text)), encoding="utf-8")
    print(f"{README.name} diperbarui.")
