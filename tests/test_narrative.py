"""Tests of the Peta Proses Bisnis narrative, pinned on Kecamatan Tempursari."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest

from generator import figures
from generator.model import (
    Category,
    Decree,
    DecreeInfo,
    LampiranText,
    Office,
    Process,
    Relation,
    Signer,
)
from generator.narrative import Narrative, Section, build_narrative, party_count

M, U, L = Category.MANAJERIAL, Category.UTAMA, Category.LAINNYA

PROCESSES = (
    ("P.1", "Proses Umum dan Kepegawaian", M, None),
    ("P.1.1", "Proses Persuratan", M, "P.1"),
    ("P.1.1.1", "Proses Penatausahaan Surat Masuk", M, "P.1.1"),
    ("P.1.1.2", "Proses Penatausahaan Surat Keluar", M, "P.1.1"),
    ("P.1.2", "Proses Kepegawaian", M, "P.1"),
    ("P.1.3", "Proses Pengelolaan Sarana dan Prasarana", M, "P.1"),
    ("P.2", "Proses Perencanaan dan Pelaporan", M, None),
    ("P.3", "Proses Pengelolaan Keuangan", M, None),
    ("U.1", "Proses Pelayanan Publik", U, None),
    ("U.2", "Proses Pemberdayaan Masyarakat", U, None),
    ("U.3", "Proses Pembinaan dan Pengawasan Pemerintah Desa", U, None),
    ("L.1", "Proses Pelaksanaan Musrenbang", L, None),
    ("L.2", "Proses Validasi Usulan Musrenbang", L, None),
    ("L.3", "Proses Penerima Pembinaan dan Fasilitasi", L, None),
    ("L.4", "Proses Narasumber Pembinaan dan Sosialisasi", L, None),
    ("L.5", "Proses Fasilitasi Usulan Masyarakat", L, None),
    ("L.6", "Proses Permintaan Data", L, None),
    ("L.7", "Proses Membuat Informasi dan Peraturan Baru", L, None),
    ("L.8", "Proses Menindaklanjuti Permohonan dan Pemenuhan Data", L, None),
    ("L.9", "Proses Verifikasi dan Penyampaian Informasi", L, None),
)

DESCRIPTIONS = {
    "P.1": "Proses Umum dan Kepegawaian merupakan Proses yang berkaitan dengan Kegiatan atau "
    "Urusan Administrasi Umum Kesekretariatan serta Administrasi Kepegawaian yang ada di Kecamatan "
    "Tempursari.",
    "P.1.1": "Proses Persuratan merupakan proses yang berkaitan dengan kegiatan Surat Menyurat "
    "yang ada di Sekretariat Kecamatan Tempursari",
    "P.2": "Proses Perencanaan dan Pelaporan merupakan Proses yang berkaitan dengan kegiatan atau "
    "urusan Perencanaan dan Pelaporan.",
    "U.1": "Proses Pelayanan Publik merupakan Proses yang berkaitan dengan kegiatan atau urusan "
    "Pelayanan Publik.",
}

RELATIONS = {
    "P.1": ["Subbag Umum dan Kepegawaian"],
    "P.2": ["Subbag Keuangan"],
    "P.3": ["Subbag Keuangan"],
    "U.1": ["Seksi Pelayanan Umum"],
    "U.2": ["Seksi Pemberdayaan Masyarakat"],
    "U.3": ["Seksi Pemerintahan"],
    "L.1": ["Bappeda", "OPD terkait", "Desa"],
    "L.2": ["Kepala Desa"],
    "L.3": ["Masyarakat", "UMKM"],
    "L.4": ["Narasumber Lingkup Kota"],
    "L.5": ["OPD Terkait"],
    "L.6": ["Bagian pada Setda Kabupaten Lumajang"],
    "L.7": [
        "Desa", "Polres/Polsek", "Koramil", "BPJS Kesehatan", "BPJS Ketenagakerjaan", "BPN",
        "DPMPTSP", "BPRD", "BPKD", "Dinsos", "Dispendukcapil", "Dinkes", "Diskominfo",
    ],
    "L.8": ["Desa"],
    "L.9": ["Desa"],
}  # fmt: skip

MANAJERIAL_INTRO = (
    "Proses Manajerial merupakan proses yang berkaitan dengan kegiatan atau urusan rutin pada "
    "bidang kesekretariatan Kecamatan Tempursari"
)
RELASI_INTRO = (
    "Peta relasi (Relationship Map) adalah peta yang menggambarkan dan menunjukkan siapa saja "
    "pihak atau elemen yang terlibat dalam setiap proses yang tergambarkan pada peta proses bisnis."
)


def make_decree(
    processes: tuple[Process, ...] | None = None, relations: tuple[Relation, ...] | None = None
) -> Decree:
    """Kecamatan Tempursari as its seed document describes it (figures numbered in chapter 3)."""
    if processes is None:
        processes = tuple(
            Process(code, name, category, parent, order, description=DESCRIPTIONS.get(code, ""))
            for order, (code, name, category, parent) in enumerate(PROCESSES, start=1)
        )
    if relations is None:
        relations = tuple(
            Relation(code, party) for code, parties in RELATIONS.items() for party in parties
        )
    return Decree(
        office=Office("PEMERINTAH KABUPATEN LUMAJANG", "Tempursari", "Kabupaten Lumajang"),
        info=DecreeInfo(
            2020,
            "",
            "PETA PROSES BISNIS KECAMATAN TEMPURSARI",
            "CAMAT TEMPURSARI,",
            "Tempursari",
            dt.date(2020, 5, 29),
        ),
        signer=Signer("CAMAT TEMPURSARI", "Camat"),
        lampiran=LampiranText(
            peta_intro=("Proses Manajerial merupakan proses dari kegiatan yang bersifat rutin.",),
            relasi_intro=(RELASI_INTRO,),
            category_intro={"Manajerial": (MANAJERIAL_INTRO,)},
            figure_chapter="3",
        ),
        processes=processes,
        relations=relations,
    )


def narrate(decree: Decree) -> Narrative:
    return build_narrative(decree, figures.labels(figures.plan_figures(decree)))


def with_processes(decree: Decree, *extra: Process) -> Decree:
    return dataclasses.replace(decree, processes=decree.processes + extra)


def all_text(narrative: Narrative) -> str:
    return "\n".join(narrative.texts())


@pytest.fixture
def tempursari() -> Narrative:
    return narrate(make_decree())


# --- Section A -----------------------------------------------------------------------------------


def test_peta_heading_opening_intro_and_figure(tempursari: Narrative) -> None:
    peta = tempursari.peta
    assert peta is not None
    assert peta.heading == "A. PETA PROSES BISNIS KECAMATAN TEMPURSARI"
    assert peta.before == (
        "Proses Bisnis Kecamatan Tempursari dibagi menjadi 3 (tiga) yaitu Proses Manajerial, "
        "Proses Utama, dan Proses Lainnya.",
        "Proses Manajerial merupakan proses dari kegiatan yang bersifat rutin.",
    )
    assert peta.figure == figures.PETA


def test_peta_category_paragraphs(tempursari: Narrative) -> None:
    assert tempursari.peta is not None
    manajerial, utama, lainnya = tempursari.peta.after
    assert manajerial == (
        "Pada Gambar 3.1. dapat dilihat bahwa Proses Manajerial memiliki 3 (tiga) proses di "
        "dalamnya yaitu Proses Umum dan Kepegawaian, Proses Perencanaan dan Pelaporan, dan Proses "
        "Pengelolaan Keuangan. " + DESCRIPTIONS["P.1"] + " " + DESCRIPTIONS["P.2"]
    )
    assert utama.startswith(
        "Proses Utama pada gambar di atas memiliki 3 (tiga) proses di dalamnya yaitu Proses "
        "Pelayanan Publik, Proses Pemberdayaan Masyarakat, dan Proses Pembinaan dan Pengawasan "
        "Pemerintah Desa. " + DESCRIPTIONS["U.1"]
    )
    assert lainnya.startswith(
        "Pada gambar di atas dapat dilihat juga bahwa Proses Lainnya memiliki 9 (sembilan) proses"
    )
    assert lainnya.endswith("dan Proses Verifikasi dan Penyampaian Informasi.")


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Proses A"], "memiliki 1 (satu) proses di dalamnya yaitu Proses A."),
        (
            ["Proses A", "Proses B"],
            "memiliki 2 (dua) proses di dalamnya yaitu Proses A dan Proses B.",
        ),
        (
            ["Proses A", "Proses B", "Proses C", "Proses D"],
            "memiliki 4 (empat) proses di dalamnya yaitu Proses A, Proses B, Proses C, dan "
            "Proses D.",
        ),
    ],
)
def test_peta_one_two_and_many_processes(names: list[str], expected: str) -> None:
    processes = tuple(Process(f"U.{i}", n, U, order=i) for i, n in enumerate(names, start=1))
    narrative = narrate(make_decree(processes, ()))
    assert narrative.peta is not None
    assert narrative.peta.before[0] == (
        "Proses Bisnis Kecamatan Tempursari hanya terdiri atas 1 (satu) yaitu Proses Utama."
    )
    assert narrative.peta.after == (
        "Pada Gambar 3.1. dapat dilihat bahwa Proses Utama " + expected,
    )


def test_category_without_processes_is_not_mentioned(tempursari: Narrative) -> None:
    assert "Pendukung" not in all_text(tempursari)
    decree = make_decree()
    no_utama = tuple(p for p in decree.processes if p.category is not U)
    narrative = narrate(make_decree(no_utama))
    assert narrative.peta is not None
    assert narrative.peta.before[0] == (
        "Proses Bisnis Kecamatan Tempursari dibagi menjadi 2 (dua) yaitu Proses Manajerial dan "
        "Proses Lainnya."
    )
    assert "Proses Utama" not in all_text(narrative)
    assert narrative.peta.after[1].startswith("Proses Lainnya pada gambar di atas memiliki 9")


def test_only_top_level_processes_count_in_peta(tempursari: Narrative) -> None:
    assert tempursari.peta is not None
    assert "Proses Persuratan" not in tempursari.peta.after[0]


def test_adding_a_process_changes_counts_and_lists() -> None:
    decree = with_processes(make_decree(), Process("P.4", "Proses Baru", M, order=99))
    narrative = narrate(decree)
    assert narrative.peta is not None
    assert narrative.peta.after[0].startswith(
        "Pada Gambar 3.1. dapat dilihat bahwa Proses Manajerial memiliki 4 (empat) proses di "
        "dalamnya yaitu Proses Umum dan Kepegawaian, Proses Perencanaan dan Pelaporan, Proses "
        "Pengelolaan Keuangan, dan Proses Baru."
    )
    assert narrative.categories[0].before[0].endswith("terdapat 4 (empat) proses di dalamnya.")


# --- Section B -----------------------------------------------------------------------------------


def test_relasi_heading_intro_and_figure(tempursari: Narrative) -> None:
    relasi = tempursari.relasi
    assert relasi is not None
    assert relasi.heading == "B. PETA RELASI KECAMATAN TEMPURSARI"
    assert relasi.before == (RELASI_INTRO,)
    assert relasi.figure == figures.RELASI
    assert len(relasi.subsections) == 3


def test_relasi_inline_when_each_process_has_one_party(tempursari: Narrative) -> None:
    assert tempursari.relasi is not None
    manajerial, utama, _ = tempursari.relasi.subsections
    assert manajerial.before == (
        "Pada Gambar 3.2. dapat dilihat bahwa pada Proses Manajerial terdapat 2 (dua) Pihak / "
        "Elemen yang berkaitan dengan proses tersebut, yaitu Subbag Umum dan Kepegawaian pada "
        "Proses Umum dan Kepegawaian serta Subbag Keuangan pada Proses Perencanaan dan Pelaporan "
        "dan Proses Pengelolaan Keuangan.",
    )
    assert manajerial.items == ()
    assert utama.before == (
        "Pada Proses Utama terdapat 3 (tiga) Pihak / Elemen yang berkaitan dengan proses tersebut, "
        "yaitu Seksi Pelayanan Umum pada Proses Pelayanan Publik, Seksi Pemberdayaan Masyarakat "
        "pada Proses Pemberdayaan Masyarakat, serta Seksi Pemerintahan pada Proses Pembinaan dan "
        "Pengawasan Pemerintah Desa.",
    )


def test_relasi_list_counts_distinct_parties(tempursari: Narrative) -> None:
    assert tempursari.relasi is not None
    lainnya = tempursari.relasi.subsections[2]
    assert lainnya.before == (
        "Sedangkan pada Proses Lainnya terdapat 20 (dua puluh) Pihak / Elemen yang berkaitan "
        "dengan proses tersebut, antara lain:",
    )
    assert len(lainnya.items) == 9
    assert lainnya.items[0] == (
        "Pada Proses Pelaksanaan Musrenbang Pihak / Elemen yang terkait antara lain Bappeda, "
        "OPD terkait, dan Desa."
    )
    assert lainnya.items[1] == (
        "Pada Proses Validasi Usulan Musrenbang Pihak / Elemen yang terkait yaitu Kepala Desa."
    )
    assert lainnya.items[2] == (
        "Pada Proses Penerima Pembinaan dan Fasilitasi Pihak / Elemen yang terkait antara lain "
        "Masyarakat dan UMKM."
    )
    assert lainnya.items[8] == (
        "Pada Proses Verifikasi dan Penyampaian Informasi Pihak / Elemen yang terkait yaitu Desa."
    )


def test_party_totals(tempursari: Narrative) -> None:
    assert sum(len(v) for v in RELATIONS.values()) == 30  # mentions: 3 + 3 + 24
    assert tempursari.party_count == 2 + 3 + 20
    assert party_count(make_decree()) == 25


def test_party_identity_ignores_case_and_spacing() -> None:
    relations = (
        Relation("P.2", "Subbag  Keuangan"),
        Relation("P.3", "subbag keuangan "),
        Relation("P.3", "SUBBAG KEUANGAN"),
    )
    narrative = narrate(make_decree(relations=relations))
    assert narrative.party_count == 1
    assert narrative.relasi is not None
    (block,) = narrative.relasi.subsections
    assert block.before == (
        "Pada Gambar 3.2. dapat dilihat bahwa pada Proses Manajerial terdapat 1 (satu) Pihak / "
        "Elemen yang berkaitan dengan proses tersebut, yaitu Subbag Keuangan pada Proses "
        "Perencanaan dan Pelaporan dan Proses Pengelolaan Keuangan.",
    )


def test_subprocess_parties_count_for_their_category() -> None:
    relations = (
        Relation("P.1", "Sekretaris"),
        Relation("P.1.1.1", "Sekretaris"),
        Relation("P.1.1.1", "Pengadministrasi Umum"),
    )
    narrative = narrate(make_decree(relations=relations))
    assert narrative.relasi is not None
    (block,) = narrative.relasi.subsections
    assert "terdapat 2 (dua) Pihak / Elemen" in block.before[0]
    assert block.items == (
        "Pada Proses Umum dan Kepegawaian Pihak / Elemen yang terkait yaitu Sekretaris.",
        "Pada Proses Penatausahaan Surat Masuk Pihak / Elemen yang terkait antara lain Sekretaris "
        "dan Pengadministrasi Umum.",
    )


def test_adding_a_party_changes_the_count() -> None:
    decree = make_decree()
    decree = dataclasses.replace(decree, relations=decree.relations + (Relation("L.6", "Camat"),))
    narrative = narrate(decree)
    assert narrative.relasi is not None
    assert "terdapat 21 (dua puluh satu) Pihak" in narrative.relasi.subsections[2].before[0]
    assert (
        narrative.relasi.subsections[2]
        .items[5]
        .endswith("antara lain Bagian pada Setda Kabupaten Lumajang dan Camat.")
    )
    assert narrative.party_count == 26


def test_no_relations_no_section_b_and_letters_follow() -> None:
    narrative = narrate(make_decree(relations=()))
    assert narrative.relasi is None
    assert narrative.party_count == 0
    assert [s.heading[:2] for s in narrative.sections] == ["A.", "B."]
    assert narrative.categories[0].heading == "B. PETA PROSES MANAJERIAL KECAMATAN TEMPURSARI"


# --- Sections C ... ------------------------------------------------------------------------------


def test_category_section_intro_with_count(tempursari: Narrative) -> None:
    (manajerial,) = tempursari.categories
    assert manajerial.heading == "C. PETA PROSES MANAJERIAL KECAMATAN TEMPURSARI"
    assert manajerial.before == (
        MANAJERIAL_INTRO + ", dimana pada Proses Manajerial terdapat 3 (tiga) proses di dalamnya.",
    )
    assert manajerial.figure is None


@pytest.mark.parametrize(
    ("intro", "expected"),
    [
        ((), ("Pada Proses Manajerial terdapat 3 (tiga) proses di dalamnya.",)),
        (("Uraian.",), ("Uraian. Pada Proses Manajerial terdapat 3 (tiga) proses di dalamnya.",)),
        (
            ("Satu", "Dua ,"),
            ("Satu.", "Dua, dimana pada Proses Manajerial terdapat 3 (tiga) proses di dalamnya."),
        ),
    ],
)
def test_category_intro_variants(intro: tuple[str, ...], expected: tuple[str, ...]) -> None:
    decree = make_decree()
    lampiran = dataclasses.replace(decree.lampiran, category_intro={"Manajerial": intro})
    narrative = narrate(dataclasses.replace(decree, lampiran=lampiran))
    assert narrative.categories[0].before == expected


def test_process_sections_three_levels(tempursari: Narrative) -> None:
    (manajerial,) = tempursari.categories
    (p1,) = manajerial.subsections
    assert p1.heading == "P.1. PROSES UMUM DAN KEPEGAWAIAN"
    assert p1.level == 2
    assert p1.before == (
        DESCRIPTIONS["P.1"] + " Pada Proses Umum dan Kepegawaian terdapat 3 (tiga) proses di "
        "dalamnya antara lain Proses Persuratan, Proses Kepegawaian, dan Proses Pengelolaan Sarana "
        "dan Prasarana.",
    )
    assert p1.figure == figures.process_key("P.1")
    (p11,) = p1.subsections
    assert p11.heading == "1.1. P.1.1. Proses Persuratan"
    assert p11.level == 3
    assert p11.before == (
        DESCRIPTIONS["P.1.1"] + ". Pada Proses Persuratan terdapat 2 (dua) proses di dalamnya "
        "antara lain Proses Penatausahaan Surat Masuk dan Proses Penatausahaan Surat Keluar.",
    )
    assert p11.figure == figures.process_key("P.1.1")
    assert p11.subsections == ()


def test_fourth_level_heading_uses_position_path() -> None:
    decree = with_processes(
        make_decree(),
        Process("P.1.1.2.1", "Proses Agenda", M, "P.1.1.2", 1),
        Process("P.2.1", "Proses Renja", M, "P.2", 1),
    )
    narrative = narrate(decree)
    p1, p2 = narrative.categories[0].subsections
    deepest = p1.subsections[0].subsections[0]
    assert deepest.heading == "1.1.2. P.1.1.2. Proses Penatausahaan Surat Keluar"
    assert deepest.level == 4
    assert deepest.before == (
        "Pada Proses Penatausahaan Surat Keluar terdapat 1 (satu) proses di dalamnya yaitu "
        "Proses Agenda.",
    )
    assert p2.heading == "P.2. PROSES PERENCANAAN DAN PELAPORAN"
    keys = [s.figure for s in narrative.flat if s.figure]
    planned = [f.key for f in figures.plan_figures(decree)]
    assert keys == [k for k in planned if k in keys]
    assert set(keys) >= {figures.process_key(c) for c in ("P.1", "P.1.1", "P.1.1.2", "P.2")}


def test_categories_with_children_get_their_letters() -> None:
    decree = with_processes(make_decree(), Process("L.9.1", "Proses Cek", L, "L.9", 1))
    narrative = narrate(decree)
    assert [s.heading for s in narrative.categories] == [
        "C. PETA PROSES MANAJERIAL KECAMATAN TEMPURSARI",
        "D. PETA PROSES LAINNYA KECAMATAN TEMPURSARI",
    ]
    assert narrative.categories[1].before == (
        "Pada Proses Lainnya terdapat 9 (sembilan) proses di dalamnya.",
    )
    (l9,) = narrative.categories[1].subsections
    assert l9.heading == "L.9. PROSES VERIFIKASI DAN PENYAMPAIAN INFORMASI"


def test_no_processes_no_sections() -> None:
    narrative = narrate(make_decree((), ()))
    assert narrative.sections == ()
    assert narrative.party_count == 0


# --- hygiene -------------------------------------------------------------------------------------

BAD = re.compile(r" {2}| ,| \.|\.\.|^\s|\s$|[,:;]\.")


def messy_decree() -> Decree:
    decree = make_decree()
    extra = (
        Process("U.4", "  Proses   Ujung ", U, order=50, description="Uraian  ujung ."),
        Process("U.4.1", "Proses Anak Tbk.", U, "U.4", 1, description="Anak ,"),
    )
    relations = decree.relations + (
        Relation("U.4", "  Desa "),
        Relation("U.4", "PT. Maju Tbk."),
        Relation("U.4.1", "PT.  Maju Tbk."),
        Relation("P.1.1", "Pengelola  Surat "),
    )
    return dataclasses.replace(decree, processes=decree.processes + extra, relations=relations)


@pytest.mark.parametrize("decree", [make_decree(), messy_decree()], ids=["tempursari", "messy"])
def test_no_stray_spaces_or_punctuation(decree: Decree) -> None:
    narrative = narrate(decree)
    texts = [
        text
        for section in narrative.flat
        for text in (*section.before, *section.after, *section.items)
    ]
    headings = [s.heading for s in narrative.flat if s.heading or s.level != 2]
    assert all(headings) and all(texts)
    assert [t for t in [*texts, *headings] if BAD.search(t)] == []


def test_every_paragraph_ends_a_sentence(tempursari: Narrative) -> None:
    for section in tempursari.flat:
        for text in (*section.before, *section.after, *section.items):
            assert text.endswith((".", ":")), text


def test_narrative_is_plain_frozen_data(tempursari: Narrative) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        tempursari.party_count = 0  # type: ignore[misc]
    for section in tempursari.flat:
        assert isinstance(section, Section)
        for value in (section.before, section.after, section.items, section.subsections):
            assert isinstance(value, tuple)


@pytest.mark.parametrize(
    ("code", "child", "top_heading", "child_heading"),
    [
        ("P.4", "P.4.1", "P.4. PROSES INDUK", "1.1. P.4.1. Proses Tengah"),
        ("P4.", "P4.1.", "P4. PROSES INDUK", "1.1. P4.1. Proses Tengah"),
        ("L. 3", "L. 3.1", "L. 3. PROSES INDUK", "1.1. L. 3.1. Proses Tengah"),
    ],
)
def test_process_codes_printed_as_written(
    code: str, child: str, top_heading: str, child_heading: str
) -> None:
    processes = (
        Process(code, "Proses Induk", Category.PENDUKUNG),
        Process(child, "Proses Tengah", Category.PENDUKUNG, code),
        Process(f"{child}x", "Proses Daun", Category.PENDUKUNG, child),
    )
    (section,) = narrate(make_decree(processes, ())).categories
    (top,) = section.subsections
    assert (top.heading, top.subsections[0].heading) == (top_heading, child_heading)
    assert section.heading == "B. PETA PROSES PENDUKUNG KECAMATAN TEMPURSARI"


def test_blank_party_is_ignored() -> None:
    relations = (Relation("U.1", "Seksi Pelayanan Umum"), Relation("U.1", "   "))
    narrative = narrate(make_decree(relations=relations))
    assert narrative.party_count == 1
    assert narrative.relasi is not None
    assert (
        narrative.relasi.subsections[0]
        .before[0]
        .endswith(
            "terdapat 1 (satu) Pihak / Elemen yang berkaitan dengan proses tersebut, yaitu Seksi "
            "Pelayanan Umum pada Proses Pelayanan Publik."
        )
    )
