"""The generated decrees hold the seed documents' text, fragment by fragment, in the seed's order.

The seeds (copied into tests/seeds/) are the real documents the project reproduces. Each seed line is
stripped of its Markdown and of the labels the template prints itself (list letters, numbers,
"Menimbang :"), then looked up in the generated document's text after the previous fragment.
Known, deliberate differences are listed with their reason; nothing else may differ.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from generator.pipeline import Options, generate
from tests.conftest import SALE

SEEDS = Path(__file__).resolve().parent / "seeds"
SALE_SEED = SEEDS / "000_a087f00b9acaa541.txt"

# Seed text the generated decree deliberately prints differently, with the reason.
SALE_DIFFERENCES = {
    # the decree number is printed once, as the workbook writes it, also in the Lampiran header
    "Nomor : 890/ / 2020",
    # standard naskah dinas wording instead of the seed's stray comma and capital
    "Pada tanggal, 29 Mei 2020",
    # the seed's stray full stop before the ordinal
    ".KETIGA : Keputusan ini mulai berlaku pada tanggal ditetapkan.",
    # a title of the lost pictures: the seed titles three of its five process maps "PROSES BISNIS INTI";
    # one map per category is drawn, so it is printed once
    "PROSES BISNIS INTI KECAMATAN SALE",
}
# after the Lampiran's signature the seed repeats the binder's cover; the decree prints it once, first
CLOSING_COVER = ["PROSES BISNIS", "KECAMATAN SALE", "TAHUN 2020"]

LABEL = re.compile(
    r"^(?:[-*❖]\s*)*"  # list bullets of the text export
    r"(?:Menimbang|Mengingat|KESATU|KEDUA|KETIGA)?\s*:?\s*"  # labels the template prints
    r"(?:\(?\d+\)|\d+(?:\.\d+)*\.|[a-z]\.)?\s*"  # 1. / 1.1. / a. / (1)
)


def fragments(seed: Path) -> list[str]:
    """The seed's printed text as fragments, Markdown and list labels removed."""
    found = []
    for raw in seed.read_text(encoding="utf-8").splitlines():
        line = raw.replace("**", "").replace("*", "").strip()
        line = re.sub(r"^#+\s*", "", line)
        if not line or line == "---":
            continue
        for cell in line.split("\t"):
            text = " ".join(LABEL.sub("", cell.strip(), count=1).split())
            if re.fullmatch(r"[\d.]*", text):
                continue  # a bare number: the instrument table's numbering row or a cell "1."
            found.append(text)
    return found


def document_text(path: Path) -> str:
    """All text of the body in reading order (tables included), whitespace normalised."""
    body = Document(str(path)).element.body
    parts = []
    for paragraph in body.iter(qn("w:p")):
        pieces = []
        for node in paragraph.iter(qn("w:t"), qn("w:tab"), qn("w:br")):
            pieces.append(node.text or "" if node.tag == qn("w:t") else " ")
        parts.append("".join(pieces))
    return " ".join(" ".join(parts).replace("\u00a0", " ").split())


def missing_in_order(expected: list[str], text: str, allowed: set[str]) -> list[str]:
    """Fragments not found after the previous one (allowed differences skipped)."""
    missing, position = [], 0
    for fragment in expected:
        if fragment in allowed:
            continue
        found = text.find(fragment, position)
        if found < 0:
            missing.append(fragment)
            continue
        position = found + len(fragment)
    return missing


@pytest.fixture(scope="module")
def sale_text(tmp_path_factory) -> str:
    result = generate(SALE, Options(out_dir=tmp_path_factory.mktemp("sale"), figures=False))
    assert result.ok, result.error
    return document_text(result.output)


def test_every_fragment_of_the_sale_seed_in_order(sale_text):
    expected = fragments(SALE_SEED)
    assert expected[-3:] == CLOSING_COVER
    expected = expected[:-3]
    assert len(expected) > 120
    assert missing_in_order(expected, sale_text, SALE_DIFFERENCES) == []


def test_every_listed_difference_is_still_needed(sale_text):
    """An allowance the document now satisfies is stale: without it the order check must fail."""
    expected = fragments(SALE_SEED)[:-3]
    for fragment in SALE_DIFFERENCES:
        assert fragment in expected
        assert missing_in_order(expected, sale_text, SALE_DIFFERENCES - {fragment}) != [], fragment


TEMPURSARI = Path(__file__).resolve().parent.parent / "inputs" / "tempursari-2024.xlsx"

# The Tempursari seed's sections A, B and C, sentence by sentence, as the generated Lampiran prints
# them. Sentences copied from the seed unchanged are plain; where the generated text differs on
# purpose, the comment says how the seed reads and why.
TEMPURSARI_SENTENCES = [
    "A. PETA PROSES BISNIS KECAMATAN TEMPURSARI",
    # seed: "... Proses Utama dan Proses Lainnya." (lists use "A, B, dan C" throughout)
    "Proses Bisnis Kecamatan Tempursari dibagi menjadi 3 (tiga) yaitu Proses Manajerial, Proses Utama, "
    "dan Proses Lainnya.",
    # seed opens with "Dimana", which the workbook's paragraph leaves out
    "Proses Manajerial merupakan proses dari kegiatan yang bersifat rutin dan umum yaitu kegiatan "
    "kesekretariatan Kecamatan.",
    "Sedangkan Proses Utama merupakan proses dari kegiatan utama yang berkaitan dengan Tugas dan Fungsi "
    "dari Kecamatan Tempursari.",
    "Gambar 3.1. Peta Proses Bisnis Kecamatan Tempursari",
    # seed: "yaitu, Proses Umum dan Kepegawaian, Proses Umum Perencanaan dan Pelaporan dan ..." (one name
    # per process, taken from the process sheet)
    "Pada Gambar 3.1. dapat dilihat bahwa Proses Manajerial memiliki 3 (tiga) proses di dalamnya yaitu "
    "Proses Umum dan Kepegawaian, Proses Perencanaan dan Pelaporan, dan Proses Pengelolaan Keuangan.",
    "Proses Utama pada gambar di atas memiliki 3 (tiga) proses di dalamnya yaitu Proses Pelayanan Publik, "
    "Proses Pemberdayaan Masyarakat, dan Proses Pembinaan dan Pengawasan Pemerintah Desa.",
    "Proses Pelayanan Publik merupakan Proses yang berkaitan dengan kegiatan atau urusan Pelayanan Publik "
    "dimana Indeks Kepuasan Masyarakat merupakan output yang ingin dicapai dalam kegiatan atau urusan "
    "tersebut.",
    "Proses Pemberdayaan Masyarakat merupakan proses yang berkaitan dengan kegiatan atau urusan "
    "Pemberdayaan Masyarakat di wilayah Kecamatan Tempursari.",
    "Pada gambar di atas dapat dilihat juga bahwa Proses Lainnya memiliki 9 (sembilan) proses di dalamnya "
    "yaitu Proses Pelaksanaan Musrenbang, Proses Validasi Usulan Musrenbang,",
    "B. PETA RELASI KECAMATAN TEMPURSARI",
    "Peta relasi (Relationship Map) adalah peta yang menggambarkan dan menunjukkan siapa saja pihak atau "
    "elemen yang terlibat dalam setiap proses yang tergambarkan pada peta proses bisnis.",
    "Gambar 3.2. Peta Relasi Kecamatan Tempursari",
    "Pada Gambar 3.2. dapat dilihat bahwa pada Proses Manajerial terdapat 2 (dua) Pihak / Elemen yang "
    "berkaitan dengan proses tersebut, yaitu Subbag Umum dan Kepegawaian pada Proses Umum dan "
    "Kepegawaian serta Subbag Keuangan pada Proses Perencanaan dan Pelaporan dan Proses Pengelolaan "
    "Keuangan.",
    # seed: "4 (empat)" while naming 3 parties
    "Pada Proses Utama terdapat 3 (tiga) Pihak / Elemen yang berkaitan dengan proses tersebut, yaitu "
    "Seksi Pelayanan Umum pada Proses Pelayanan Publik, Seksi Pemberdayaan Masyarakat pada Proses "
    "Pemberdayaan Masyarakat, serta Seksi Pemerintahan pada Proses Pembinaan dan Pengawasan Pemerintah "
    "Desa.",
    # seed: "33 (tiga puluh tiga)" while its list names 24 mentions of 20 distinct parties
    "Sedangkan pada Proses Lainnya terdapat 20 (dua puluh) Pihak / Elemen yang berkaitan dengan proses "
    "tersebut, antara lain:",
    "1. Pada Proses Pelaksanaan Musrenbang Pihak / Elemen yang terkait antara lain Bappeda, OPD terkait, "
    "dan Desa.",
    "2. Pada Proses Validasi Usulan Musrenbang Pihak / Elemen yang terkait yaitu Kepala Desa.",
    "7. Pada Proses Membuat Informasi dan Peraturan Baru Pihak / Elemen yang terkait antara lain Desa, "
    "Polres/Polsek, Koramil, BPJS Kesehatan, BPJS Ketenagakerjaan, BPN, DPMPTSP, BPRD, BPKD, Dinsos, "
    "Dispendukcapil, Dinkes, dan Diskominfo.",
    "9. Pada Proses Verifikasi dan Penyampaian Informasi Pihak / Elemen yang terkait yaitu Desa.",
    "C. PETA PROSES MANAJERIAL KECAMATAN TEMPURSARI",
    "Proses Manajerial merupakan proses yang berkaitan dengan kegiatan atau urusan rutin pada bidang "
    "kesekretariatan Kecamatan Tempursari, dimana pada Proses Manajerial terdapat 3 (tiga) proses di "
    "dalamnya.",
    "P.1. PROSES UMUM DAN KEPEGAWAIAN",
    "Proses Umum dan Kepegawaian merupakan Proses yang berkaitan dengan Kegiatan atau Urusan Administrasi "
    "Umum Kesekretariatan serta Administrasi Kepegawaian yang ada di Kecamatan Tempursari.",
    # seed misspells the process here ("Kepegawian")
    "Pada Proses Umum dan Kepegawaian terdapat 3 (tiga) proses di dalamnya antara lain Proses Persuratan, "
    "Proses Kepegawaian, dan Proses Pengelolaan Sarana dan Prasarana.",
    "Gambar 3.3. P.1. Proses Umum dan Kepegawaian",
    # seed heading "1.1. P1.1. Proses Persuratan": the code is written P.1.1 in the workbook, as the
    # seed's own caption "P.1.1. Proses Persuratan" writes it
    "1.1. P.1.1. Proses Persuratan",
    "Proses Persuratan merupakan proses yang berkaitan dengan kegiatan Surat Menyurat yang ada di "
    "Sekretariat Kecamatan Tempursari.",
    # seed: "Proses Persuratan terdiri dari 2 (dua) Proses yaitu ... serta ..."
    "Pada Proses Persuratan terdapat 2 (dua) proses di dalamnya antara lain Proses Penatausahaan Surat "
    "Masuk dan Proses Penatausahaan Surat Keluar.",
    "Gambar 3.4. P.1.1. Proses Persuratan",
]


def test_tempursari_lampiran_holds_the_seed_sections_in_order(tmp_path):
    result = generate(TEMPURSARI, Options(out_dir=tmp_path, figures=False))
    assert result.ok, result.error
    text = document_text(result.output)
    assert missing_in_order(TEMPURSARI_SENTENCES, text, set()) == []
    for sentence in TEMPURSARI_SENTENCES:
        assert "  " not in sentence and " ," not in sentence and ".." not in sentence
