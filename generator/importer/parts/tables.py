"""The data tables of the Lampiran: ISI TABEL INSTRUMEN (top-level processes) and the RPJMD - Renstra
table's column titles."""

from __future__ import annotations

import re

from ...context import DEFAULT_INSTRUMENT_HEADING
from ..blocks import Block, Line, Table
from ..reading import LAMPIRAN, Part, Reading, heading_words, next_block, short, strip_number
from ..shape import Shape, clean


def _column(header: tuple[str, ...], *words: str, avoid: tuple[str, ...] = ()) -> int | None:
    for index, cell in enumerate(header):
        upper = cell.upper()
        if all(w in upper for w in words) and not any(a in upper for a in avoid):
            return index
    return None


def _cell(cells: list[str], index: int | None) -> str:
    return cells[index] if index is not None and index < len(cells) else ""


def _columns(table: Table) -> tuple[int, int | None, int | None] | None:
    """(name, jenis, kode) columns of an instrument table: NO | PROSES | JENIS PROSES | KODE SUB PROSES."""
    if not table.rows:
        return None
    header = table.rows[0]
    name = _column(header, "PROSES", avoid=("JENIS", "KODE", "SUB"))
    kind = _column(header, "JENIS")
    code = _column(header, "KODE")
    if name is None or (kind is None and code is None):
        return None
    return name, kind, code


class Instrument(Part):
    """The heading "ISI TABEL INSTRUMEN" and the table: NO | PROSES | JENIS PROSES | KODE SUB PROSES."""

    key = "instrumen"
    stages = (LAMPIRAN,)

    def opens(self, line: Line, shape: Shape, reading: Reading) -> bool:
        if short(line.text, 80) and "TABEL INSTRUMEN" in heading_words(line.text):
            return True
        # a heading of another name right above the table ("DAFTAR PROSES BISNIS")
        following = next_block(line, reading)
        return (
            short(line.text, 160)
            and line.text.isupper()
            and isinstance(following, Table)
            and _columns(following) is not None
        )

    def begin(self, line: Line, shape: Shape, reading: Reading) -> None:
        heading = strip_number(line.text)
        if heading.upper() != DEFAULT_INSTRUMENT_HEADING:
            reading.draft.set("lampiran", "instrument_heading", heading)
        reading.draft.place(line)

    def take_table(self, table: Table, reading: Reading) -> bool:
        columns = _columns(table)
        if columns is None:
            return False
        name, kind, code = columns
        found: list[dict[str, str]] = reading.facts.setdefault("instrument", [])  # type: ignore[assignment]
        for row in table.rows[1:]:
            if all(re.fullmatch(r"[\d.\s]*", cell) for cell in row):
                continue  # the column-number row "1 2 3 4"
            cells = [clean(cell) for cell in row]
            if _cell(cells, name):
                found.append(
                    {"name": _cell(cells, name), "category": _cell(cells, kind), "code": _cell(cells, code)}
                )
        reading.facts["instrument_table"] = True
        reading.draft.place(table)
        return True


class Keterkaitan(Part):
    """ "KETERIKATAN RPJMD ... DENGAN RENSTRA ..." and its table's RPJMD and Renstra column titles."""

    key = "keterkaitan"
    stages = (LAMPIRAN,)

    def __init__(self) -> None:
        self.last = ""

    def opens(self, line: Line, shape: Shape, reading: Reading) -> bool:
        upper = line.text.upper()
        return short(line.text, 240) and "RPJMD" in upper and ("KAIT" in upper or "IKAT" in upper)

    def begin(self, line: Line, shape: Shape, reading: Reading) -> None:
        reading.draft.set("lampiran", "keterkaitan_title", line.text, line)
        self.last = "keterkaitan_title"

    def take(self, block: Block, shape: Shape | None, reading: Reading) -> None:
        """The title's next lines; the column titles when typed as lines instead of a table."""
        if not isinstance(block, Line):
            return
        draft, text = reading.draft, block.text
        column = {"RPJMD": "keterkaitan_rpjmd", "RENSTRA": "keterkaitan_renstra"}.get(text.split()[0].upper())
        if block.continued and self.last:
            draft.set("lampiran", self.last, f"{draft.get('lampiran', self.last)}\n{text}", block)
        elif column and short(text, 120) and not draft.get("lampiran", column):
            self.last = column
            draft.set("lampiran", column, text, block)
        else:
            self.last = ""

    def take_table(self, table: Table, reading: Reading) -> bool:
        if not table.rows:
            return False
        header = table.rows[0]
        rpjmd = _column(header, "RPJMD")
        renstra = _column(header, "RENSTRA")
        if rpjmd is None or renstra is None or rpjmd == renstra:
            return False
        reading.draft.set("lampiran", "keterkaitan_rpjmd", clean(header[rpjmd]), table)
        reading.draft.set("lampiran", "keterkaitan_renstra", clean(header[renstra]), table)
        columns: dict[str, list[str]] = {"RPJMD": [], "Renstra": []}
        for row in table.rows[1:]:
            for key, index in (("RPJMD", rpjmd), ("Renstra", renstra)):
                if index < len(row) and clean(row[index]):
                    columns[key].append(clean(row[index]))
        reading.facts["keterkaitan_columns"] = columns
        return True
