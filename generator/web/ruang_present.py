"""How the workspace pages write what the core gives them: moments, scores, the board's order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from ..formatting import format_date
from ..workspace.board import BoardRow
from ..workspace.models import Source

ACTIONS = {
    "masuk": "Masuk",
    "masuk-gagal": "Gagal masuk",
    "akun-baru": "Akun baru",
    "akun-diubah": "Akun diubah",
    "sandi-diubah": "Kata sandi diganti",
    "kecamatan-baru": "Kecamatan baru",
    "kantor-diubah": "Nama kantor",
    "unggah": "Unggah",
    "tahun-baru": "Dibawa ke tahun baru",
    "tahun-baru-gagal": "Gagal dibawa",
    "buat": "Keputusan dibuat",
    "tahun-dibuka": "Tahun dibuka",
    "berkas-yatim": "Berkas yatim",
    "berkas-hilang": "Berkas hilang",
    "berkas-rusak": "Berkas rusak",
    "pulihkan": "Pemulihan",
}


def moment(value: dt.datetime | None) -> str:
    """ "29 Mei 2020 pukul 14.05", in the server's own time zone."""
    if value is None:
        return ""
    local = value.astimezone()
    return f"{format_date(local.date())} pukul {local:%H.%M}"


def score(value: float | None) -> str:
    """An audit score as a page prints it: "87" or "87,5"; "belum dinilai" when there is none."""
    if value is None:
        return "belum dinilai"
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",")


def source_words(source: str) -> str:
    return "dibawa dari tahun lalu" if source == Source.CARRIED.value else "diunggah"


def action_words(action: str) -> str:
    return ACTIONS.get(action, action)


def size_words(size: int) -> str:
    if size >= 1 << 20:
        return f"{size / (1 << 20):.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1024))} KB"


# --- the board's order ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    order: Callable[[BoardRow], tuple]


def _missing_last(value: object) -> tuple:
    return (value is None, value if value is not None else 0)


COLUMNS = (
    Column("kecamatan", "Kecamatan", lambda r: (r.kecamatan.name.casefold(),)),
    Column("status", "Status", lambda r: (not r.submitted, (r.errors or 0) > 0)),
    Column("galat", "Galat", lambda r: _missing_last(r.errors)),
    Column("peringatan", "Peringatan", lambda r: _missing_last(r.warnings)),
    Column("nilai", "Nilai audit", lambda r: _missing_last(r.audit_score)),
    Column("perubahan", "Perubahan terakhir", lambda r: _missing_last(r.last_change)),
)
COLUMN_KEYS = {c.key: c for c in COLUMNS}


def sort_rows(rows: list[BoardRow], key: str, descending: bool) -> list[BoardRow]:
    """The board by one column; rows without a value (not submitted) stay last either way."""
    column = COLUMN_KEYS.get(key, COLUMNS[0])
    by_name = sorted(rows, key=lambda r: r.kecamatan.name.casefold())
    present = [r for r in by_name if column.order(r)[0] is not True or key in ("kecamatan", "status")]
    absent = [r for r in by_name if r not in present]
    present.sort(key=column.order, reverse=descending)
    return present + absent


def install(env) -> None:
    """The filters and names the workspace templates use, in the pages' one Jinja environment."""
    env.filters["waktu"] = moment
    env.filters["skor"] = score
    env.filters["asal"] = source_words
    env.filters["tindakan"] = action_words
    env.filters["ukuran"] = size_words
