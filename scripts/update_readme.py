"""Rewrite the generated parts of README.md: the workbook table from generator/schema.py (the single list
of columns), the table of limits from generator/limits.py, the audit's rules from generator/audit.py and
the web server's settings from generator/web/settings.py."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.audit import audit_rules_markdown  # noqa: E402
from generator.schema_doc import limits_table, markdown_table  # noqa: E402
from generator.web.settings import settings_table  # noqa: E402

README = Path(__file__).resolve().parent.parent / "README.md"
START, END = "<!-- tabel-isian:mulai -->", "<!-- tabel-isian:selesai -->"
AUDIT_START, AUDIT_END = "<!-- aturan-audit:mulai -->", "<!-- aturan-audit:selesai -->"
LIMITS_START, LIMITS_END = "<!-- batas:mulai -->", "<!-- batas:selesai -->"
WEB_START, WEB_END = "<!-- pengaturan-web:mulai -->", "<!-- pengaturan-web:selesai -->"


def _replace(text: str, start: str, end: str, block: str) -> str:
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{start}\n{block.strip()}\n{end}{tail}"


def readme_with_table(text: str) -> str:
    """README with the generated parts brought up to date: workbook table, limits, audit rules."""
    text = _replace(text, START, END, markdown_table())
    text = _replace(text, LIMITS_START, LIMITS_END, limits_table())
    return _replace(text, AUDIT_START, AUDIT_END, audit_rules_markdown())


def readme_with_settings(text: str) -> str:
    """README with the web server's settings table (web/settings.py) regenerated."""
    return _replace(text, WEB_START, WEB_END, settings_table())


if __name__ == "__main__":
    text = README.read_text(encoding="utf-8")
    README.write_text(readme_with_settings(readme_with_table(text)), encoding="utf-8")
    print(f"{README.name} diperbarui.")
