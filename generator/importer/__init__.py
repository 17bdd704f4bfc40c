"""Turn a decree typed by hand in Word (.docx, or an old .doc through LibreOffice) into a workbook.

``import_decree(source)`` reads the document safely (zip and XML checks before any parser), flattens it
into printed lines (blocks.py), lets one recogniser per part take its lines (parts/), finishes what
needs several parts (finish.py) and writes the workbook through generator.blank.write_blank. Every
paragraph it could not place and every value it had to guess is reported, with page or cell.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .blocks import TooLarge, read_document
from .draft import Draft
from .finish import finish
from .parts import all_parts
from .reading import read
from .result import (
    CellWarning,
    ImportResult,
    Logo,
    Unplaced,
    petunjuk_note,
    unplaced_blocks,
    warnings_of,
    workbook_bytes,
)
from .source import SourceError, as_docx, open_docx, read_source

__all__ = ["CellWarning", "ImportFailed", "ImportResult", "Logo", "Unplaced", "import_decree"]

CELL_LIMIT = 32_000  # Excel holds 32,767 characters in a cell


class ImportFailed(Exception):
    """The document cannot be imported; the message is one Indonesian sentence."""


def import_decree(
    source: Path | bytes,
    *,
    name: str = "",
    convert_doc: bool = True,
    logo_stem: str | None = None,
    today: dt.date | None = None,
) -> ImportResult:
    """Read a decree document and return the workbook it fills, with what was not placed or is unsure.

    ``name`` names the document in messages (a path's own name by default); ``convert_doc`` lets an old
    .doc be converted by LibreOffice when it is installed; ``logo_stem`` (a file name without suffix)
    lets the Logo cell name the kop's picture, which the caller saves beside the workbook (a web upload
    passes None: the picture is returned, the cell stays empty); ``today`` is the fallback year's date.
    """
    label_name = name or (Path(source).name if isinstance(source, Path | str) else "dokumen")
    label = f"Dokumen {label_name}"
    try:
        data = as_docx(
            read_source(Path(source) if isinstance(source, str) else source, label),
            label,
            convert=convert_doc,
        )
        document = open_docx(data, label)
        printed = read_document(document)
    except SourceError as exc:
        raise ImportFailed(str(exc)) from exc
    except TooLarge as exc:
        raise ImportFailed(f"{label} ditolak: {exc}.") from exc
    except RecursionError as exc:
        raise ImportFailed(f"{label} ditolak: susunannya bertumpuk terlalu dalam.") from exc
    reading = read(printed, all_parts())
    draft = finish(reading, today)
    logo = _logo(reading.facts.get("logo"), logo_stem, draft)
    _bound_cells(draft)
    unplaced = unplaced_blocks(printed, draft)
    warnings = warnings_of(draft)
    rows = draft.as_rows()
    workbook = workbook_bytes(rows, petunjuk_note(label_name, unplaced, warnings))
    return ImportResult(workbook, rows, tuple(unplaced), tuple(warnings), not printed.pages_known, logo)


def _logo(found: object, stem: str | None, draft: Draft) -> Logo | None:
    """The kop's picture; the Logo cell names it only when the caller will save it under that name."""
    if not isinstance(found, tuple):
        return None
    suffix, data = found
    name = f"{stem or 'lambang'}{suffix}"
    if stem:
        draft.set("office", "logo", name)
    else:
        draft.doubt(
            "office",
            "logo",
            "kop dokumen memuat lambang; buku kerja ini tidak menyebut berkasnya, simpan gambarnya lalu isi "
            "sel ini (atau tempelkan gambarnya).",
        )
    return Logo(name, data)


def _bound_cells(draft: Draft) -> None:
    """No text longer than a cell holds: cut, with a doubt on the cell."""
    for sheet, record in draft.forms.items():
        for column, value in record.items():
            if isinstance(value, str) and len(value) > CELL_LIMIT:
                record[column] = value[:CELL_LIMIT]
                draft.doubt(sheet, column, f"teks lebih dari {CELL_LIMIT} karakter dipotong.")
    for sheet, records in draft.tables.items():
        for row, record in enumerate(records):
            for column, value in record.items():
                if isinstance(value, str) and len(value) > CELL_LIMIT:
                    record[column] = value[:CELL_LIMIT]
                    draft.doubt(sheet, column, f"teks lebih dari {CELL_LIMIT} karakter dipotong.", row)
