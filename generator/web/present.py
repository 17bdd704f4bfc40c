"""What the pages show of the core's answers: problems grouped by sheet, and no server path, ever.

Core messages are written for a person at the server's own shell and sometimes name a path
("Templat /srv/.../kop.docx tidak ditemukan."). Everything that reaches a page passes ``scrub``,
which keeps only a path's last part, the file name the visitor knows.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .. import schema
from ..problems import Problem, Severity
from ..reader import normalize_name

PROJECT = Path(__file__).resolve().parents[2]
FILE_LEVEL = "Seluruh berkas"  # heading for problems of the whole file (no sheet)

_TOPS = (
    "tmp|var|home|srv|usr|opt|etc|root|run|proc|mnt|media|work|data|dev|sys|lib|lib64|bin|sbin|boot|snap|nix"
)
_SEGMENT = r"[^\s/'\"«»<>|;,()\[\]{}]+"
_ABSOLUTE = re.compile(rf"(?<![\w.~-])/(?:{_TOPS})(?:/{_SEGMENT})*/({_SEGMENT})")
_extra_roots: list[str] = []


def add_root(path: Path | str) -> None:
    """Also hide paths under ``path`` (the data folder may live anywhere)."""
    text = str(Path(path).resolve())
    if text not in _extra_roots and text != "/":
        _extra_roots.append(text)


def _roots() -> list[str]:
    roots = {str(PROJECT), tempfile.gettempdir(), sys.prefix, os.path.expanduser("~"), *_extra_roots}
    roots.discard("/")
    return sorted(roots, key=len, reverse=True)


def scrub(text: str) -> str:
    """``text`` with every server path cut to its file name."""
    if "/" not in text:
        return text
    for root in _roots():
        text = re.sub(re.escape(root) + rf"(?:/{_SEGMENT})*/({_SEGMENT})", r"\1", text)
        text = text.replace(root, "")
    return _ABSOLUTE.sub(r"\1", text)


def scrub_outcome(value):
    """``value`` with ``scrub`` applied to every string in it: lists, tuples, dicts and dataclasses."""
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, list):
        return [scrub_outcome(v) for v in value]
    if isinstance(value, tuple):
        return tuple(scrub_outcome(v) for v in value)
    if isinstance(value, dict):
        return {k: scrub_outcome(v) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: scrub_outcome(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **changes)
    return value


def shown_value(value: object) -> str:
    """A found value as staff wrote it: dates as 29/05/2020, whole numbers without ".0"."""
    if value is None or value == "":
        return ""
    if isinstance(value, dt.datetime) and value.time() != dt.time():
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return scrub(str(value))


@dataclass
class SheetProblems:
    """The problems of one sheet: errors before warnings, each in the order the core found them."""

    sheet: str  # "" for problems of the whole file
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"Lembar {self.sheet}" if self.sheet else FILE_LEVEL

    @property
    def items(self) -> list[Problem]:
        return self.errors + self.warnings


_ORDER = {normalize_name(sheet.name): index for index, sheet in enumerate(schema.SHEETS)}


def by_sheet(problems: Iterable[Problem]) -> list[SheetProblems]:
    """Whole-file problems first, then the sheets in the workbook contract's order."""
    groups: dict[str, SheetProblems] = {}
    for problem in problems:
        name = problem.sheet
        group = groups.setdefault(name, SheetProblems(name))
        (group.errors if problem.severity is Severity.ERROR else group.warnings).append(problem)
    first_seen = {name: index for index, name in enumerate(groups)}

    def order(group: SheetProblems) -> tuple[int, int]:
        if not group.sheet:
            return (-1, 0)
        return (_ORDER.get(normalize_name(group.sheet), len(_ORDER)), first_seen[group.sheet])

    return sorted(groups.values(), key=order)


def counts(problems: Iterable[Problem]) -> tuple[int, int]:
    """(errors, warnings)."""
    items = list(problems)
    errors = sum(p.severity is Severity.ERROR for p in items)
    return errors, len(items) - errors
