"""Synthetic kecamatan workbooks of realistic size for the benchmark, reproducible from a seed."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from generator.blank import write_blank
from generator.model import Category

WORDS = (
    "pelayanan administrasi kependudukan perizinan pemberdayaan masyarakat desa kelurahan "
    "ketenteraman ketertiban umum perencanaan pelaporan keuangan kepegawaian persuratan sarana "
    "prasarana pembinaan pengawasan fasilitasi koordinasi pemantauan evaluasi data informasi"
).split()
PARTIES = (
    "Bappeda",
    "Desa",
    "Kelurahan",
    "Polsek",
    "Koramil",
    "BPJS Kesehatan",
    "BPJS Ketenagakerjaan",
    "BPN",
    "DPMPTSP",
    "BPKD",
    "Dinsos",
    "Dispendukcapil",
    "Dinkes",
    "Diskominfo",
    "Puskesmas",
    "KUA",
    "UPT Pendidikan",
    "Masyarakat",
    "UMKM",
    "Karang Taruna",
    "PKK",
    "LPMD",
    "BPD",
    "Satpol PP",
    "BPBD",
    "Dinas Pertanian",
    "Dinas Perdagangan",
    "Dinas Sosial",
    "Bagian Pemerintahan Setda",
    "Inspektorat",
    "BKPSDM",
    "Bagian Hukum",
    "Bagian Organisasi",
    "DPRD",
    "Kejaksaan",
    "Pengadilan Agama",
    "Kantor Pos",
    "PLN",
    "PDAM",
    "Bank Daerah",
)


def _phrase(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words))


def synthetic_rows(index: int, processes: int | None = None) -> dict[str, list[dict[str, object]]]:
    """Rows for one kecamatan: 10-20 units, 15-60 processes, 20-40 parties, 10-30 indicators."""
    rng = random.Random(index)
    name = f"Sintetis {index:03d}"
    unit_count = rng.randint(10, 20)
    process_count = processes or rng.randint(15, 60)
    party_count = rng.randint(20, 40)
    kinerja_count = rng.randint(10, 30)
    units = [{"code": "U1", "name": "Camat", "jabatan": "Camat"}]
    for u in range(2, unit_count + 1):
        parent = "U1" if u <= 6 else f"U{rng.randint(2, 6)}"
        units.append(
            {
                "code": f"U{u}",
                "name": f"Seksi {_phrase(rng, 2).title()} {u}",
                "parent": parent,
                "jabatan": f"Kepala Seksi {u}",
            }
        )
    tupoksi = []
    for unit in units:
        tupoksi.append({"unit": unit["code"], "kind": "Tugas Pokok", "text": _phrase(rng, 30) + "."})
        tupoksi += [
            {"unit": unit["code"], "kind": "Fungsi", "text": _phrase(rng, 12) + ";"}
            for _ in range(rng.randint(3, 8))
        ]
    categories = list(Category)
    process_rows: list[dict[str, object]] = []
    tops: dict[Category, int] = {c: 0 for c in categories}
    for p in range(process_count):
        category = categories[p % 4] if p < 12 or rng.random() < 0.5 else None
        parents = [r for r in process_rows if str(r["code"]).count(".") < 3]
        if category is None and parents:
            parent = rng.choice(parents)
            siblings = sum(1 for r in process_rows if r.get("parent") == parent["code"])
            process_rows.append(
                {
                    "code": f"{parent['code']}.{siblings + 1}",
                    "name": f"Proses {_phrase(rng, 3).title()}",
                    "category": parent["category"],
                    "parent": parent["code"],
                    "unit": rng.choice(units)["code"],
                    "description": _phrase(rng, 20) + ".",
                }
            )
            continue
        category = category or rng.choice(categories)
        tops[category] += 1
        prefix = {"Manajerial": "M", "Utama": "U", "Pendukung": "D", "Lainnya": "L"}[category.value]
        process_rows.append(
            {
                "code": f"{prefix}.{tops[category]}",
                "name": f"Proses {_phrase(rng, 3).title()}",
                "category": category.value,
                "unit": rng.choice(units)["code"],
                "description": _phrase(rng, 20) + ".",
                "output": _phrase(rng, 3) if category is Category.UTAMA else "",
            }
        )
    parties = rng.sample(PARTIES, min(party_count, len(PARTIES)))
    relations = []
    for party in parties:
        for process in rng.sample(process_rows, rng.randint(1, 3)):
            relations.append({"process": process["code"], "party": party})
    kinerja = []
    levels = ["Tujuan", "Sasaran", "Program", "Kegiatan", "Sub Kegiatan"]
    for k in range(1, kinerja_count + 1):
        depth = min((k - 1) // 3, 4)
        kinerja.append(
            {
                "code": f"K{k}",
                "source": "RPJMD" if depth < 2 else "Renstra",
                "level": levels[depth],
                "text": _phrase(rng, 8).upper(),
                "indicator": "Indeks " + _phrase(rng, 2),
                "parent": None if k <= 1 else f"K{rng.randint(max(1, k - 4), k - 1)}",
            }
        )
    return {
        "office": [
            {
                "government": "PEMERINTAH KABUPATEN SINTETIS",
                "kecamatan": name,
                "regency": "Kabupaten Sintetis",
                "address": "Jl. Raya No. 1",
            }
        ],
        "decree": [
            {
                "year": 2025,
                "number": "050/   /2025",
                "place": name,
                "title": f"PETA PROSES BISNIS KECAMATAN {name.upper()} KABUPATEN SINTETIS",
                "office_line": f"CAMAT {name.upper()} KABUPATEN SINTETIS,",
                "date": dt.date(2025, 3, 1),
                "paper": "F4",
                "cover": True,
            }
        ],
        "signer": [
            {
                "position": f"CAMAT {name.upper()}",
                "name": "Drs. CONTOH",
                "golongan": "IV/a",
                "nip": "197001012000031001",
            }
        ],
        "menimbang": [{"text": f"bahwa {_phrase(rng, 25)};"} for _ in range(3)],
        "mengingat": [
            {"text": f"Peraturan Nomor {n} Tahun 2019 tentang {_phrase(rng, 8)};"} for n in range(1, 13)
        ],
        "diktum": [
            {"number": 1, "text": "Peta Proses Bisnis sebagaimana tercantum dalam Lampiran."},
            {"number": 2, "text": "Keputusan ini mulai berlaku pada tanggal ditetapkan."},
        ],
        "regulasi": [{"text": "Undang-undang Nomor 25 Tahun 2009 tentang Pelayanan Publik"}],
        "lampiran": [
            {
                "title": f"PETA PROSES BISNIS KECAMATAN {name.upper()}",
                "narrative": True,
                "instrument_table": True,
            }
        ],
        "texts": [
            {"section": "Sejarah Pembentukan", "text": _phrase(rng, 40) + "."},
            {"section": "Pengantar Peta Relasi", "text": _phrase(rng, 30) + "."},
        ],
        "units": units,
        "tupoksi": tupoksi,
        "processes": process_rows,
        "relations": relations,
        "kinerja": kinerja,
    }


def write_synthetic(folder: Path, count: int, large: bool = True) -> list[Path]:
    """``count`` workbooks in ``folder``; the last one has 300 processes when ``large``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        processes = 300 if large and index == count - 1 else None
        path = folder / f"sintetis-{index:03d}-2025.xlsx"
        write_blank(path, synthetic_rows(index, processes))
        paths.append(path)
    return paths
