"""banding covers the whole contract: every column of every sheet of schema.py, changed one at a time.

A full workbook (every sheet filled) is built once; for each column one value is changed in a copy,
and the change must be reported in that sheet's section, and only there, with the old and new value.
A column added to the schema is covered here without touching this file, unless its generic new value
is not valid (then it needs an entry in ``CHANGES``).
"""

from __future__ import annotations

import copy
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PIL import Image

from generator import formatting as fmt
from generator import schema
from generator.compare import compare, format_markdown, sections
from generator.pipeline import load_decree
from generator.schema import Column, Kind, Layout
from tests.conftest import MINIMAL
from tests.test_compare import steps

Rows = dict[str, list[dict[str, object]]]

# The section each sheet is told in: a sheet added to the schema must be given its place here.
SECTION = {
    "office": "Kop Surat (Kantor)",
    "kop": "Baris Kop (Kop)",
    "tata_naskah": "Tata Naskah",
    "decree": "Keputusan",
    "signer": "Penandatangan",
    "menimbang": "Menimbang",
    "mengingat": "Mengingat",
    "diktum": "Diktum",
    "tembusan": "Tembusan",
    "regulasi": "Daftar Regulasi (Regulasi)",
    "lampiran": "Judul dan Bagian Lampiran (Lampiran)",
    "texts": "Uraian Lampiran (Uraian)",
    "units": "Susunan Organisasi (Unit)",
    "tupoksi": "Tugas Pokok dan Fungsi (Tupoksi)",
    "processes": "Proses Bisnis",
    "relations": "Pihak Terkait (Peta Relasi)",
    "kinerja": "Kinerja dan Indikator",
    "indicators": "Indikator Kinerja (Indikator)",
    "steps": "Peta Lintas Fungsi dan Langkah SOP (Langkah)",
    "sop": "Identitas SOP (SOP)",
}

# Told in their own words ("Nama berubah", "Pindah induk", "Pindah kategori"), not "<Kolom> berubah".
OWN_WORDS = {("units", "name"), ("units", "parent"), ("processes", "name"), ("processes", "parent")}
OWN_WORDS |= {("processes", "category")}


def full_rows() -> Rows:
    """A valid workbook with every sheet of the contract filled."""
    rows = copy.deepcopy(MINIMAL)
    rows["office"][0].update(
        phone="(0295) 391405",
        postal_code="59265",
        email="kec.sale@rembangkab.go.id",
        website="sale.rembangkab.go.id",
        locality="Sale - Rembang",
    )
    rows["kop"] = [{"text": "Jalan Blora No. 45 Sale"}, {"text": "SALE - 59265"}]
    rows["decree"][0].update(cover_title="PROSES BISNIS KECAMATAN SALE")
    rows["tata_naskah"] = [
        {
            "font": "Arial",
            "font_size": 12,
            "margin_left": 30,
            "margin_right": 20,
            "margin_top": 20,
            "margin_bottom": 25,
            "tte_footer": "Ditandatangani secara elektronik",
            "tte_anchor": "^",
        }
    ]
    rows["tembusan"] = [{"text": "Bupati Rembang;"}]
    rows["regulasi"] = [{"text": "PermenPAN-RB Nomor 19 Tahun 2018"}]
    rows["lampiran"] = [
        {
            "title": "PETA PROSES BISNIS KECAMATAN SALE",
            "susunan_intro": "Susunan organisasi terdiri dari:",
            "bagan_title": "BAGAN SUSUNAN ORGANISASI",
            "tupoksi_title": "TUGAS POKOK KECAMATAN SALE",
            "keterkaitan_title": "KETERKAITAN RPJMD DENGAN RENSTRA",
            "keterkaitan_rpjmd": "RPJMD TAHUN 2016-2021",
            "keterkaitan_renstra": "RENSTRA TAHUN 2016-2021",
            "cascading_title": "Cascading Kinerja Kecamatan Sale",
            "iku_title": "INDIKATOR KINERJA UTAMA",
            "figure_chapter": "3",
            "tupoksi_heading": "TUGAS POKOK DAN FUNGSI",
            "instrument_heading": "ISI TABEL INSTRUMEN",
            "skema_heading": "SKEMA PROSES BISNIS",
        }
    ]
    rows["texts"] = [{"section": "Sejarah Pembentukan", "text": "Kecamatan Sale dibentuk pada tahun 1950."}]
    rows["units"].append(
        {
            "code": "U4",
            "name": "Kelompok Jabatan Fungsional",
            "parent": "U1",
            "jabatan": "Fungsional",
            "order": 4,
        }
    )
    rows["processes"] = [
        {"code": "P.1", "name": "Proses Umum", "category": "Manajerial", "kinerja": "K1"},
        {"code": "P.1.1", "name": "Proses Persuratan", "category": "Manajerial", "parent": "P.1"},
        {
            "code": "P.1.2",
            "name": "Proses Kepegawaian",
            "category": "Manajerial",
            "parent": "P.1",
            "order": 2,
            "unit": "U2",
            "description": "Proses Kepegawaian mengurus pegawai.",
            "output": "Data pegawai",
            "instrument_code": "PK",
            "kinerja": "K1",
        },
        {"code": "P.2", "name": "Proses Perencanaan", "category": "Manajerial"},
        {"code": "U.1", "name": "Proses Pelayanan Publik", "category": "Utama", "unit": "U2"},
        {"code": "S.1", "name": "Proses Keuangan", "category": "Pendukung"},
    ]
    rows["relations"] = [{"process": "U.1", "party": "Desa", "kind": "Eksternal"}]
    rows["kinerja"].append(
        {
            "code": "K3",
            "source": "Renstra",
            "level": "Program",
            "text": "PELAYANAN",
            "parent": "K2",
            "order": 3,
        }
    )
    rows["indicators"] = [
        {
            "kinerja": "K1",
            "name": "Persentase layanan tepat waktu",
            "formula": "Layanan tepat waktu / seluruh layanan x 100%",
            "source": "Laporan pelayanan",
            "target": "85 %",
        }
    ]
    rows["steps"] = steps()
    rows["sop"] = [
        {
            "process": "P.1.1",
            "number": "800/ /2020",
            "name": "SOP Persuratan",
            "made": dt.date(2020, 1, 2),
            "revised": dt.date(2020, 2, 3),
            "effective": dt.date(2020, 3, 4),
            "approver": "CAMAT SALE",
            "approver_name": "Drs. SUBHAN",
            "approver_nip": "19661124 199203 1 005",
            "dasar_hukum": "Undang-Undang Nomor 43 Tahun 2009",
            "kualifikasi": "Memahami tata naskah",
            "keterkaitan": "SOP Pengarsipan",
            "peralatan": "Komputer",
            "peringatan": "Surat terlambat",
            "pencatatan": "Buku agenda",
        }
    ]
    return rows


@dataclass(frozen=True)
class Change:
    """Which row of the sheet gets which value, and what else must change with it to stay valid."""

    row: int = 0
    value: object = None  # None: the generic new value for the column's kind
    also: Callable[[Rows], None] = field(default=lambda rows: None)


def _set(sheet: str, row: int, **values: object) -> Callable[[Rows], None]:
    return lambda rows: rows[sheet][row].update(values)


def _all_steps_to(code: str) -> Callable[[Rows], None]:
    def move(rows: Rows) -> None:
        for step in rows["steps"]:
            step["process"] = code

    return move


# Only where the generic value would make the workbook invalid (references, flows, numbering).
CHANGES: dict[tuple[str, str], Change] = {
    ("office", "postal_code"): Change(value="59266"),
    ("office", "logo"): Change(value="logo.png"),
    ("signer", "golongan"): Change(value="IV/c"),
    ("diktum", "number"): Change(row=2, value=3),
    ("diktum", "item"): Change(row=2, value="b"),
    ("diktum", "text"): Change(row=2),
    ("lampiran", "figure_chapter"): Change(value="4"),
    ("units", "code"): Change(row=3, value="U5"),
    ("units", "parent"): Change(row=3, value="U2"),
    ("tupoksi", "unit"): Change(row=1, value="U2"),
    ("processes", "code"): Change(row=2, value="P.1.3"),
    ("processes", "parent"): Change(row=2, value="P.2"),
    ("processes", "category"): Change(row=5, value="Lainnya"),
    ("processes", "unit"): Change(row=2, value="U3"),
    ("processes", "kinerja"): Change(row=2, value="K2"),
    ("relations", "process"): Change(value="P.2"),
    ("kinerja", "code"): Change(row=2, value="K4"),
    ("kinerja", "parent"): Change(row=2, value="K1"),
    ("indicators", "kinerja"): Change(value="K2"),
    ("steps", "process"): Change(value="P.1.2", also=_all_steps_to("P.1.2")),
    ("steps", "number"): Change(row=4, value=9, also=_set("steps", 3, next=9)),
    ("steps", "pelaksana"): Change(row=2, value="U2"),
    ("steps", "kind"): Change(row=2, value="Keputusan", also=_set("steps", 2, yes=4, no=5)),
    ("steps", "next"): Change(row=2, value=5),
    ("steps", "yes"): Change(row=1, value=4, also=_set("steps", 1, no=3)),
    ("steps", "no"): Change(row=1, value=5),
    ("sop", "process"): Change(value="P.1.2"),
}
DEFAULT_ROW = {"units": 3, "processes": 2, "kinerja": 2, "steps": 2}


def generic(column: Column, old: object) -> object:
    """A different valid value of the column's kind."""
    if column.kind is Kind.TEXT:
        return f"{old} diubah" if old else "Isian baru"
    if column.kind in (Kind.INTEGER, Kind.YEAR):
        return int(old) + 1 if old is not None else 1
    if column.kind is Kind.DATE:
        return old + dt.timedelta(days=1) if isinstance(old, dt.date) else dt.date(2020, 6, 1)
    if column.kind is Kind.NIP:
        return "19700101 199503 2 001"
    if column.kind is Kind.CHOICE:
        return next(c for c in column.choices if c != old)
    if column.kind is Kind.BOOL:
        return not (old if old is not None else column.default)
    raise AssertionError(f"no generic value for {column.kind}: give {column.header} an entry in CHANGES")


def shown(value: object, column: Column) -> str:
    """The value as the report writes it (before quoting); a diktum's number as its ordinal."""
    if column is schema.DIKTUM.column("number"):
        return fmt.diktum_ordinal(int(value))
    if value is None:
        value = column.default
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, dt.date):
        return fmt.format_date(value)
    return str(value)


CASES = [(sheet, column) for sheet in schema.SHEETS for column in sheet.columns]


def test_every_sheet_has_a_section():
    assert set(SECTION) == {sheet.key for sheet in schema.SHEETS}


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("kontrak")
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 120, 200)).save(out, "PNG")
    (path / "logo.png").write_bytes(out.getvalue())
    return path


def decree_of(path: Path):
    decree, problems = load_decree(path)
    assert decree is not None, [str(p) for p in problems.errors]
    return decree


@pytest.fixture(scope="module")
def base(folder):
    from generator.blank import write_blank

    path = folder / "lama.xlsx"
    write_blank(path, full_rows())
    return decree_of(path)


def test_the_full_workbook_fills_every_sheet(base):
    assert all(base.rows.get(sheet.key) for sheet in schema.SHEETS)
    assert len(base.steps) == 5 and base.sops and base.kinerja[0].indicators


@pytest.mark.parametrize(("sheet", "column"), CASES, ids=[f"{s.name}-{c.header}" for s, c in CASES])
def test_one_changed_value_is_reported_in_its_section_with_old_and_new(base, folder, sheet, column):
    from generator.blank import write_blank

    rows = full_rows()
    change = CHANGES.get((sheet.key, column.key), Change(row=DEFAULT_ROW.get(sheet.key, 0)))
    record = rows.setdefault(sheet.key, [{}])[change.row]
    old = record.get(column.key)
    new = change.value if change.value is not None else generic(column, old)
    record[column.key] = new
    change.also(rows)
    path = folder / f"baru-{sheet.key}-{column.key}.xlsx"
    write_blank(path, rows)

    report = {s.title: s.lines for s in sections(compare(base, decree_of(path)))}

    assert list(report) == [SECTION[sheet.key]], report
    lines = report[SECTION[sheet.key]]
    text = "\n".join(lines)
    before, after = shown(old, column), shown(new, column)
    assert after in text, lines
    if before:
        assert before in text, lines
    told_by_header = sheet.layout is Layout.FORM or (
        bool(sheet.identity) and column.key not in sheet.identity and (sheet.key, column.key) not in OWN_WORDS
    )
    if told_by_header:  # "<Kolom> berubah: ..." or, for a step, "... langkah 3: <Kolom> 4 menjadi 5"
        assert any(
            line.startswith(f"{column.header} berubah") or f": {column.header} " in line for line in lines
        ), lines


def test_markdown_report_covers_the_new_sheets(base, folder):
    from generator.blank import write_blank

    rows = full_rows()
    rows["indicators"][0]["formula"] = "Layanan *tepat* waktu / seluruh layanan"
    rows["sop"][0]["name"] = "SOP_Persuratan"
    path = folder / "baru-markdown.xlsx"
    write_blank(path, rows)
    markdown = format_markdown(compare(base, decree_of(path)), "lama.xlsx", "baru.xlsx")
    assert "## Indikator Kinerja (Indikator)\n" in markdown
    assert r'"Layanan \*tepat\* waktu / seluruh layanan"' in markdown
    line = r'Nama SOP berubah: P.1.1 "Proses Persuratan": "SOP Persuratan" menjadi "SOP\_Persuratan"'
    assert f"- {line}\n" in markdown
