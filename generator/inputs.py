"""Which files of a folder are workbooks to read: the one rule every face uses.

A folder of inputs also holds things that are not workbooks: Excel's lock files (``~$sale.xlsx``) while
a workbook is open, hidden files (``.sale.xlsx`` from a Mac, our own stamps), and temporary files of a
write that was killed (``.~keputusan-...-sale-2021.xlsx``). None of them is ever read as input.
"""

from __future__ import annotations

from pathlib import Path

from .atomic import is_temporary

WORKBOOK_SUFFIX = ".xlsx"


def is_workbook_name(name: str) -> bool:
    """True for a name a person gives a workbook: ``*.xlsx``, not hidden, not a lock or temporary file."""
    return (
        name.lower().endswith(WORKBOOK_SUFFIX)
        and not name.startswith((".", "~$"))
        and not is_temporary(name)
    )


def workbooks_in(folder: Path) -> list[Path]:
    """The workbooks directly in ``folder``, sorted by name; sub-folders are not entered."""
    return sorted(p for p in Path(folder).iterdir() if is_workbook_name(p.name) and p.is_file())
