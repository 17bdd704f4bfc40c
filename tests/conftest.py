"""Shared fixtures: small valid workbooks built in the test, to be broken one rule at a time."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.blank import write_blank

pytest_plugins = ["tests.postgres"]  # the private PostgreSQL of the workspace tests (web's too)

PROJECT = Path(__file__).resolve().parent.parent
SALE = PROJECT / "inputs" / "sale-2020.xlsx"
TEMPURSARI = PROJECT / "inputs" / "tempursari-2024.xlsx"

MINIMAL: dict[str, list[dict[str, object]]] = {
    "office": [
        {
            "government": "PEMERINTAH KABUPATEN REMBANG",
            "kecamatan": "Sale",
            "regency": "Kabupaten Rembang",
            "address": "Jl. Blora No.45 Km. 1",
        }
    ],
    "decree": [
        {
            "year": 2020,
            "number": "890 /        /2020",
            "title": "PETA PROSES BISNIS KECAMATAN SALE KABUPATEN REMBANG",
            "office_line": "CAMAT SALE KABUPATEN REMBANG,",
            "place": "Sale",
            "date": dt.date(2020, 5, 29),
            "paper": "F4",
            "cover": False,
        }
    ],
    "signer": [
        {
            "position": "CAMAT SALE",
            "name": "Drs. SUBHAN",
            "pangkat": "Pembina Tk.I",
            "golongan": "IV/b",
            "nip": "19661124 199203 1 005",
        }
    ],
    "menimbang": [{"text": "bahwa satu;"}, {"text": "bahwa dua;"}],
    "mengingat": [{"text": "Undang-Undang Nomor 23 Tahun 2014;"}],
    "diktum": [
        {"number": 1, "text": "Peta Proses Bisnis."},
        {"number": 2, "text": "Berguna untuk:"},
        {"number": 2, "item": "a", "text": "pedoman;"},
        {"number": 3, "text": "Berlaku."},
    ],
    "units": [
        {"code": "U1", "name": "Camat", "jabatan": "Camat"},
        {"code": "U2", "name": "Sekretariat", "parent": "U1"},
        {"code": "U3", "name": "Sub Bagian Umum", "parent": "U2"},
    ],
    "tupoksi": [
        {"unit": "U1", "kind": "Tugas Pokok", "text": "Membantu Bupati."},
        {"unit": "U1", "kind": "Fungsi", "text": "Penyelenggaraan;"},
    ],
    "processes": [
        {"code": "P.1", "name": "Proses Umum", "category": "Manajerial"},
        {"code": "P.1.1", "name": "Proses Persuratan", "category": "Manajerial", "parent": "P.1"},
        {"code": "U.1", "name": "Proses Pelayanan Publik", "category": "Utama", "unit": "U2"},
    ],
    "relations": [{"process": "U.1", "party": "Desa"}],
    "kinerja": [
        {"code": "K1", "source": "RPJMD", "level": "Tujuan", "text": "MENINGKATKAN", "indicator": "Indeks"},
        {"code": "K2", "source": "Renstra", "level": "Tujuan", "text": "KEPUASAN", "parent": "K1"},
    ],
}

Rows = dict[str, list[dict[str, object]]]


@pytest.fixture
def rows() -> Rows:
    """A fresh copy of a small valid workbook's rows; tests change it, then build the workbook."""
    return copy.deepcopy(MINIMAL)


@pytest.fixture
def make_workbook(tmp_path: Path) -> Callable[[Rows], Path]:
    counter = iter(range(1000))

    def make(data: Rows) -> Path:
        path = tmp_path / f"buku-{next(counter)}.xlsx"
        write_blank(path, data)
        return path

    return make
