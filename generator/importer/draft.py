"""The workbook being filled: rows keyed by schema sheet and column keys, doubts tied to their cells.

Recognisers write values here by schema key only; cell addresses ("Keputusan!B2") are worked out from
schema.py when the result is reported, so no second list of columns or rows exists.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter

from .. import schema
from ..schema import Layout
from .blocks import Block


@dataclass(frozen=True)
class Doubt:
    """A value filled with less than certainty: the sheet/row/column it went to and why."""

    sheet: str  # schema sheet key
    column: str  # schema column key
    row: int  # record index within the sheet (0 for form sheets)
    reason: str  # Indonesian sentence


@dataclass
class Draft:
    """Rows under construction, the blocks they came from, and every doubt about them."""

    forms: dict[str, dict[str, object]] = field(default_factory=dict)
    tables: dict[str, list[dict[str, object]]] = field(default_factory=dict)
    doubts: list[Doubt] = field(default_factory=list)
    placed: set[int] = field(default_factory=set)

    # --- form sheets ---------------------------------------------------------------------------

    def get(self, sheet: str, column: str) -> object:
        return self.forms.get(sheet, {}).get(column)

    def set(self, sheet: str, column: str, value: object, *blocks: Block, doubt: str = "") -> None:
        """Fill one field of a form sheet; a doubt is reported with the field's cell."""
        _check(sheet, column, Layout.FORM)
        self.forms.setdefault(sheet, {})[column] = value
        self.place(*blocks)
        if doubt:
            self.doubt(sheet, column, doubt)

    def setdefault(self, sheet: str, column: str, value: object, *blocks: Block, doubt: str = "") -> bool:
        """Fill a field only when nothing filled it yet; True when this value was taken."""
        if self.get(sheet, column) not in (None, ""):
            self.place(*blocks)
            return False
        self.set(sheet, column, value, *blocks, doubt=doubt)
        return True

    # --- table sheets --------------------------------------------------------------------------

    def rows(self, sheet: str) -> list[dict[str, object]]:
        _check(sheet, None, Layout.TABLE)
        return self.tables.setdefault(sheet, [])

    def add(self, sheet: str, record: dict[str, object], *blocks: Block) -> int:
        """Append a record to a table sheet; returns its index for doubts about it."""
        for column in record:
            _check(sheet, column, Layout.TABLE)
        rows = self.rows(sheet)
        rows.append(record)
        self.place(*blocks)
        return len(rows) - 1

    # --- bookkeeping ---------------------------------------------------------------------------

    def place(self, *blocks: Block) -> None:
        self.placed.update(block.index for block in blocks)

    def unplace(self, *blocks: Block) -> None:
        """Give blocks back to the list of what was not placed: their meaning could not be read whole."""
        self.placed.difference_update(block.index for block in blocks)

    def doubt(self, sheet: str, column: str, reason: str, row: int = 0) -> None:
        self.doubts.append(Doubt(sheet, column, row, reason))

    def as_rows(self) -> dict[str, list[dict[str, object]]]:
        """Sheet key -> records, the shape generator.blank.write_blank takes."""
        rows: dict[str, list[dict[str, object]]] = {}
        for key, record in self.forms.items():
            rows[key] = [dict(record)]
        for key, records in self.tables.items():
            if records:
                rows[key] = [dict(r) for r in records]
        return rows


def _check(sheet: str, column: str | None, layout: Layout) -> None:
    """Only the contract's keys: a typo here would otherwise be a silently lost value."""
    found = schema.SHEET_BY_KEY.get(sheet)
    if found is None or found.layout is not layout:
        raise KeyError(f"no {layout.value} sheet {sheet!r} in schema.py")
    if column is not None and column not in {c.key for c in found.columns}:
        raise KeyError(f"no column {column!r} in sheet {sheet!r}")


def cell_of(doubt: Doubt) -> tuple[str, str]:
    """(sheet name, "B4") of a doubt, from the schema's layout."""
    sheet = schema.SHEET_BY_KEY[doubt.sheet]
    position = [c.key for c in sheet.columns].index(doubt.column)
    if sheet.layout is Layout.FORM:
        return sheet.name, f"B{schema.FORM_FIRST_ROW + position}"
    return sheet.name, f"{get_column_letter(position + 1)}{schema.TABLE_FIRST_ROW + doubt.row}"
