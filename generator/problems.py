"""Problems found in a workbook: each names sheet, cell, value found and what is expected."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "galat"
    WARNING = "peringatan"


@dataclass(frozen=True)
class Problem:
    severity: Severity
    message: str  # Indonesian sentence: what is wrong and what is expected
    sheet: str = ""
    cell: str = ""  # "C7"; empty for a whole sheet or the whole file
    value: object = None

    @property
    def where(self) -> str:
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}"
        return self.sheet

    def __str__(self) -> str:
        found = "" if self.value in (None, "") else f" (ditemukan: {self.value!r})"
        prefix = f"{self.where}: " if self.where else ""
        return f"{prefix}{self.message}{found}"


@dataclass
class Problems:
    """Collects every problem of one run so all are reported at once."""

    items: list[Problem] = field(default_factory=list)

    def error(self, message: str, sheet: str = "", cell: str = "", value: object = None) -> None:
        self.items.append(Problem(Severity.ERROR, message, sheet, cell, value))

    def warning(self, message: str, sheet: str = "", cell: str = "", value: object = None) -> None:
        self.items.append(Problem(Severity.WARNING, message, sheet, cell, value))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity is Severity.WARNING]

    def __bool__(self) -> bool:
        return bool(self.items)


class WorkbookError(Exception):
    """The file cannot be read as a workbook at all; the message is one Indonesian sentence."""
