"""README keeps its promises: two commands, the schema table, every CLI command."""

from __future__ import annotations

import re
from pathlib import Path

from generator.cli import COMMANDS
from generator.schema import SHEETS
from scripts.update_readme import readme_with_table

README = Path(__file__).resolve().parent.parent / "README.md"


def text() -> str:
    return README.read_text(encoding="utf-8")


def test_readme_table_is_generated_from_schema():
    assert readme_with_table(text()) == text(), "jalankan: python scripts/update_readme.py"
    for sheet in SHEETS:
        assert f"### {sheet.name}" in text()
        for column in sheet.columns:
            assert f"| {column.header} |" in text()


def test_readme_gives_exactly_two_setup_commands():
    block = re.search(r"## Dua perintah\n\n```sh\n(.*?)```", text(), re.S).group(1)
    assert [line.split()[0:2] for line in block.strip().splitlines()] == [["make", "run"], ["make", "test"]]


def test_every_cli_command_is_in_readme():
    for name in COMMANDS:
        assert f"`keputusan {name}" in text()
