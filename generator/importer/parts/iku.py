"""The Indikator Kinerja Utama: its heading and its table, as this program prints it (NO | SASARAN /
PROGRAM | INDIKATOR KINERJA | FORMULA | SUMBER DATA | TARGET) or as people type it (Indikator | Formula |
Sumber Data | Target, with or without the column naming the tujuan or sasaran). The rows are matched to
the cascade's boxes in finish.py."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..blocks import Block, Line, Table
from ..reading import LAMPIRAN, Part, Reading, heading_words, next_block, short
from ..shape import Shape, clean

LEVEL_WORDS = {"TUJUAN": "Tujuan", "SASARAN": "Sasaran", "PROGRAM": "Program", "KEGIATAN": "Kegiatan"}


@dataclass(frozen=True)
class IkuRow:
    kinerja: str  # the box it measures, as the table names it ("" when the table has no such column)
    name: str
    formula: str = ""
    source: str = ""
    target: str = ""


@dataclass(frozen=True)
class Columns:
    indicator: int
    kinerja: int | None = None
    formula: int | None = None
    source: int | None = None
    target: int | None = None
    levels: tuple[str, ...] = ()  # "SASARAN / PROGRAM": the levels of the boxes the table names


def columns_of(header: tuple[str, ...]) -> Columns | None:
    """Where each column of an IKU table is, from its header; None when it is not one."""
    found: dict[str, int] = {}
    rest: list[int] = []
    for index, cell in enumerate(header):
        upper = clean(cell).upper()
        key = next(
            (
                key
                for key, words in (
                    ("formula", ("FORMULA", "RUMUS", "CARA PERHITUNGAN", "CARA PENGUKURAN")),
                    ("source", ("SUMBER",)),
                    ("target", ("TARGET",)),
                    ("indicator", ("INDIKATOR",)),
                )
                if any(word in upper for word in words)
            ),
            None,
        )
        if key is not None:
            found.setdefault(key, index)
        elif upper.rstrip(".") not in ("NO", "NOMOR", ""):
            rest.append(index)
    if "indicator" not in found or not ({"formula", "source", "target"} & set(found)):
        return None
    kinerja = rest[0] if rest else None
    words = re.split(r"[\s/,]+", clean(header[kinerja]).upper()) if kinerja is not None else []
    levels = tuple(LEVEL_WORDS[w] for w in words if w in LEVEL_WORDS)
    return Columns(
        found["indicator"], kinerja, found.get("formula"), found.get("source"), found.get("target"), levels
    )


def _cell(row: tuple[str, ...], index: int | None) -> str:
    return clean(row[index]) if index is not None and index < len(row) else ""


def is_iku_table(block: Block | None) -> bool:
    return isinstance(block, Table) and bool(block.rows) and columns_of(block.rows[0]) is not None


class Iku(Part):
    key = "iku"
    stages = (LAMPIRAN,)

    def __init__(self) -> None:
        self.title: list[str] = []

    def opens(self, line: Line, shape: Shape, reading: Reading) -> bool:
        if not short(line.text, 200) or line.text.rstrip().endswith(":"):
            return False
        words = heading_words(line.text)
        if "INDIKATOR KINERJA UTAMA" in words or words.startswith("IKU "):
            return True
        return line.text.isupper() and is_iku_table(next_block(line, reading))  # a heading of another name

    def begin(self, line: Line, shape: Shape, reading: Reading) -> None:
        self.title = [line.text]
        reading.facts["iku_title"] = self.title
        reading.draft.place(line)

    def take(self, block: Block, shape: Shape | None, reading: Reading) -> None:
        if isinstance(block, Line) and block.continued and block.index - 1 in reading.draft.placed:
            self.title.append(block.text)
            reading.draft.place(block)

    def take_table(self, table: Table, reading: Reading) -> bool:
        columns = columns_of(table.rows[0]) if table.rows else None
        if columns is None:
            return False
        rows: list[IkuRow] = reading.facts.setdefault("iku_rows", [])  # type: ignore[assignment]
        reading.facts.setdefault("iku_levels", columns.levels)
        kinerja = ""
        for row in table.rows[1:]:
            if all(re.fullmatch(r"[\d.\s]*", cell) for cell in row):
                continue  # the column-number row "1 2 3 4"
            kinerja = _cell(row, columns.kinerja) or kinerja  # a box named once for its indicators
            name = _cell(row, columns.indicator)
            if name:
                rows.append(
                    IkuRow(
                        kinerja,
                        name,
                        _cell(row, columns.formula),
                        _cell(row, columns.source),
                        _cell(row, columns.target),
                    )
                )
        reading.facts.setdefault("iku_tables", []).append(table)  # type: ignore[union-attr]
        reading.draft.place(table)
        return True
