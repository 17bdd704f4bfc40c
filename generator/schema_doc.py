"""Markdown rendering of the workbook contract (schema.py) for the README."""

from __future__ import annotations

from . import limits, schema
from .schema import Column, Layout, Sheet

LEGEND = (
    "Kolom Wajib: Ya berarti harus diisi; Dianjurkan berarti boleh kosong, tetapi dokumen lalu "
    "mencetak tempat kosong untuk diisi kemudian."
)
TABLE_HEAD = ("| Kolom | Jenis | Wajib | Pilihan | Keterangan |", "| --- | --- | --- | --- | --- |")


def markdown_table() -> str:
    """One section per sheet, in workbook order: name, help, layout and a table of its columns."""
    sections = [LEGEND, *(_section(sheet) for sheet in schema.SHEETS)]
    return "\n\n".join(sections) + "\n"


def _section(sheet: Sheet) -> str:
    lines = [
        f"### {sheet.name}",
        "",
        _escape(sheet.help),
        "",
        _layout_line(sheet),
        "",
        *TABLE_HEAD,
        *(_row(column) for column in sheet.columns),
    ]
    return "\n".join(lines)


def _layout_line(sheet: Sheet) -> str:
    label, value, help_ = schema.FORM_HEADERS
    if sheet.layout is Layout.FORM:
        layout = (
            f"formulir: baris 1 berjudul {label}, {value}, {help_}; setiap isian satu baris "
            f"mulai baris {schema.FORM_FIRST_ROW}, nilainya di kolom B"
        )
    else:
        layout = f"tabel: judul kolom di baris 1, satu data per baris mulai baris {schema.TABLE_FIRST_ROW}"
    needs = "wajib ada" if sheet.required else "tidak wajib"
    if sheet.min_rows:
        needs += f", minimal {sheet.min_rows} baris"
    if sheet.layout is Layout.TABLE:
        needs += f", paling banyak {sheet.max_rows.text} data"
    return _escape(f"Lembar {needs}; {layout}.")


def _row(column: Column) -> str:
    cells = (
        column.header,
        column.kind.value,
        _need(column),
        ", ".join(column.allowed()),
        column.help,
    )
    return "| " + " | ".join(_escape(cell) for cell in cells) + " |"


def _need(column: Column) -> str:
    if column.required:
        return "Ya"
    return "Dianjurkan" if column.recommended else ""


def _escape(text: str) -> str:
    """Keep text inside one Markdown table cell or paragraph line."""
    return text.replace("\r", " ").replace("\n", " ").replace("|", "\\|").strip()


LIMITS_INTRO = (
    "Buku kerja datang dari orang lain (lewat surel atau unggahan), jadi setiap buku kerja dibaca "
    "dengan batas: arsip .xlsx diperiksa sebelum dibuka, lalu isi lembarnya. Buku kerja yang melewati "
    "batas ditolak dengan satu kalimat yang menyebut lembar dan selnya, tanpa menulis berkas apa pun. "
    "Semua batas ada di `generator/limits.py`; tabel ini dibuat dari sana."
)


def limits_table() -> str:
    """The README's table of limits, from generator/limits.py."""
    lines = [
        LIMITS_INTRO,
        "",
        "| Batas | Nilai | Bila dilewati |",
        "| --- | --- | --- |",
        *(
            "| "
            + " | ".join(
                _escape(cell) for cell in (limit.what[0].upper() + limit.what[1:], limit.text, limit.beyond)
            )
            + " |"
            for limit in limits.DOCUMENTED
        ),
    ]
    return "\n".join(lines) + "\n"
