"""Decrees of other offices (issue 10), typed by hand in Word, give the workbook that prints them again.

Every document is built in the test with python-docx (tests/importer/variant_typed.py), never with our
template; each test asserts what the workbook's sheets hold, and that the workbook passes periksa.
"""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest

from generator.importer import import_decree
from generator.pipeline import Options, generate, load_decree
from tests.factories import write_png
from tests.importer.test_importer_typing_styles import sheets
from tests.importer.variant_typed import BSRE, Typed

SIGNER = ("Dr. RADEN MUHAMMAD SYAIFUDDIN, S.STP., M.Si.", "Pembina (IV/a)", "NIP. 19780412 199812 1 001")
KOP = (
    "PEMERINTAH KABUPATEN LUMAJANG",
    "KECAMATAN SENDURO",
    "Jalan Raya Senduro No. 97 Telp/Fax. (0334) 610463 email: kec.senduro@lumajangkab.go.id",
    "SENDURO - 67361",
)
TITLE = "PETA PROSES BISNIS KECAMATAN SENDURO KABUPATEN LUMAJANG"


def senduro(
    *,
    kop: tuple[str, ...] = KOP,
    kop_table: bool = False,
    number: str = "NOMOR : 188.4 / 07 / 427.80 / 2021",
    title: str = TITLE,
    office_line: str = "CAMAT SENDURO,",
    date: str = "12 Februari 2021",
    signer: tuple[str, ...] = ("CAMAT SENDURO", "", "", *SIGNER),
    signer_table: bool = False,
    tembusan: tuple[str, ...] = ("Bupati Lumajang (sebagai laporan);",),
    lampiran=None,
    cover: str = "",
    **typed,
) -> Typed:
    """The Senduro decree as its office types it; each keyword types one part another way."""
    document = Typed(**typed)
    if cover:
        document.para(cover, center=True)
        document.page_break()
    document.kop(*kop, table=kop_table)
    document.heading("SENDURO", number, title, office_line)
    document.body()
    document.signature("Senduro", date, *signer, table=signer_table)
    if tembusan:
        document.tembusan(*tembusan)
    if lampiran is not None:
        document.lampiran_header("SENDURO", number.split(":")[-1].strip(), date)
        lampiran(document)
        document.signature("Senduro", date, *signer, table=signer_table)
    return document


def imported(document: Typed, tmp_path):
    """(import result, sheets as a person sees them, the decree periksa reads from the workbook)."""
    result = import_decree(document.build(), name="senduro.docx")
    path = tmp_path / "senduro.xlsx"
    path.write_bytes(result.workbook)
    decree, problems = load_decree(path)
    assert decree is not None, [str(p) for p in problems.errors]
    return result, sheets(result.workbook), decree


def warnings_at(result) -> dict[str, str]:
    return {w.where: w.reason for w in result.warnings}


# --- the kop ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("table", [False, True], ids=["paragraf", "tabel-tanpa-garis"])
def test_four_line_kop_goes_to_the_kop_sheet_as_written(tmp_path, table):
    result, found, decree = imported(senduro(kop_table=table), tmp_path)
    assert found["Kop"] == [{"Isi": KOP[2]}, {"Isi": KOP[3]}]
    kantor = found["Kantor"]
    assert (kantor["Pemerintah Daerah"], kantor["Nama Kecamatan"]) == (KOP[0], "Senduro")
    assert [kantor[k] for k in ("Alamat", "Telepon", "Email", "Kode Pos", "Tempat pada Kop")] == [None] * 5
    assert decree.office.kop_lines == KOP[2:]
    assert result.unplaced == ()


def test_kop_the_kantor_fields_print_again_fills_the_fields(tmp_path):
    kop = (
        "PEMERINTAH KABUPATEN REMBANG",
        "KECAMATAN SALE",
        "Jl. Blora No.45 Km. 1 Telp. ( 0295) 005 391 405 Kode Pos 59265 Sale- Rembang",
        "Email: kec.sale@rembangkab.go.id  Laman: sale.rembangkab.go.id",
    )
    _, found, decree = imported(senduro(kop=kop), tmp_path)
    assert found["Kop"] == []
    kantor = found["Kantor"]
    assert (kantor["Alamat"], kantor["Telepon"], kantor["Kode Pos"]) == (
        "Jl. Blora No.45 Km. 1",
        "( 0295) 005 391 405",
        "59265",
    )
    assert (kantor["Tempat pada Kop"], kantor["Email"], kantor["Laman"]) == (
        "Sale- Rembang",
        "kec.sale@rembangkab.go.id",
        "sale.rembangkab.go.id",
    )
    assert decree.office.kop_lines == ()


# --- the number line and the dates -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "cell", "label", "number"),
    [
        (
            "Nomor : 188 / / 427.95 / 2021",
            "Nomor : 188 / / 427.95 / 2021",
            "Nomor :",
            "188 / / 427.95 / 2021",
        ),
        ("NOMOR\t:\t067.2 / 932 / 2015", "NOMOR : 067.2 / 932 / 2015", "NOMOR :", "067.2 / 932 / 2015"),
        ("NOMOR 890 /      /2020", "890 /      /2020", "NOMOR", "890 /      /2020"),
    ],
    ids=["Nomor-titik-dua", "tab", "tanpa-titik-dua"],
)
def test_number_line_keeps_its_label_as_the_office_writes_it(tmp_path, line, cell, label, number):
    _, found, decree = imported(senduro(number=line), tmp_path)
    assert found["Keputusan"]["Nomor"] == cell
    assert (decree.info.number_label, decree.info.number) == (label, number)


@pytest.mark.parametrize("blank", [" " * 10, "\u00a0" * 8, "........ "], ids=["spasi", "nbsp", "titik"])
def test_date_with_the_day_left_blank_is_a_drafting_date(tmp_path, blank):
    _, found, decree = imported(senduro(date=f"{blank}Februari 2021", lampiran=lambda d: None), tmp_path)
    assert found["Keputusan"]["Tanggal Penetapan"] == "Februari 2021"
    assert found["Keputusan"]["Tahun"] == 2021
    assert (decree.info.date, decree.info.drafted) == (None, dt.date(2021, 2, 1))


# --- the signer --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "table", "jabatan"),
    [
        (("Plt. CAMAT SENDURO", "", ""), False, "Plt. CAMAT SENDURO"),
        (("Pj. CAMAT SENDURO", "", ""), True, "Pj. CAMAT SENDURO"),
        (
            ("a.n. CAMAT SENDURO", "Sekretaris Kecamatan,", "", ""),
            False,
            "a.n. CAMAT SENDURO\nSekretaris Kecamatan,",
        ),
        (
            ("a.n. CAMAT SENDURO\nSekretaris Kecamatan,", "", ""),
            True,
            "a.n. CAMAT SENDURO\nSekretaris Kecamatan,",
        ),
        (
            ("a.n. CAMAT SENDURO", "Sekretaris Kecamatan", "u.b.", "Kepala Subbagian Umum", ""),
            False,
            "a.n. CAMAT SENDURO\nSekretaris Kecamatan\nu.b.\nKepala Subbagian Umum",
        ),
    ],
    ids=["Plt", "Pj-tabel", "an-dua-paragraf", "an-shift-enter-tabel", "an-ub"],
)
def test_acting_and_delegated_signers_keep_their_jabatan_lines(tmp_path, lines, table, jabatan):
    _, found, decree = imported(senduro(signer=(*lines, *SIGNER), signer_table=table), tmp_path)
    signer = found["Penandatangan"]
    assert signer["Jabatan"] == jabatan
    assert (signer["Nama"], signer["Pangkat"], signer["Golongan"]) == (SIGNER[0], "Pembina", "IV/a")
    assert signer["Golongan Dicetak"] == "Ya"  # "Pembina (IV/a)"
    assert decree.signer.position_lines == tuple(jabatan.split("\n"))


def test_golongan_not_printed_is_inferred_with_a_warning_and_not_printed_again(tmp_path):
    signer = ("CAMAT SENDURO", "", "", SIGNER[0], "Penata Tingkat I", SIGNER[2])
    result, found, decree = imported(senduro(signer=signer), tmp_path)
    assert (found["Penandatangan"]["Golongan"], found["Penandatangan"]["Golongan Dicetak"]) == ("III/d", None)
    assert "disimpulkan" in warnings_at(result)["Penandatangan!B5"]
    assert decree.signer.show_golongan is False


# --- the electronic signature (TTE) ---------------------------------------------------------------


TTE_SIGNER = ("Ditandatangani secara elektronik oleh:", "Plt. CAMAT SENDURO", "^", *SIGNER)


def test_electronic_signature_block_and_bsre_footer(tmp_path):
    document = senduro(signer=TTE_SIGNER, signer_table=True)
    document.footer(BSRE)
    result, found, decree = imported(document, tmp_path)
    assert found["Penandatangan"]["Tanda Tangan Elektronik"] == "Ya"
    assert found["Penandatangan"]["Jabatan"] == "Plt. CAMAT SENDURO"
    naskah = found["Tata Naskah"]
    assert (naskah["Penanda Spesimen TTE"], naskah["Kalimat TTE"]) == ("^", None)  # the usual sentence
    assert decree.signer.electronic and decree.tata_naskah.tte_anchor == "^"
    assert result.unplaced == ()


def test_footer_sentence_of_another_wording_is_the_kalimat_tte(tmp_path):
    sentence = (
        "Dokumen ini telah ditandatangani secara elektronik melalui aplikasi SRIKANDI\nKabupaten Lumajang"
    )
    document = senduro(signer=TTE_SIGNER)
    document.footer(sentence)
    _, found, decree = imported(document, tmp_path)
    assert found["Tata Naskah"]["Kalimat TTE"] == sentence
    assert decree.tata_naskah.tte_footer == sentence


def test_footer_alone_says_electronic_with_a_warning(tmp_path):
    document = senduro()  # a wet-signature block, yet the BSrE sentence in the footer
    document.footer(BSRE)
    result, found, _ = imported(document, tmp_path)
    assert found["Penandatangan"]["Tanda Tangan Elektronik"] == "Ya"
    assert "kaki halaman" in warnings_at(result)["Penandatangan!B8"]


# --- line breaks -----------------------------------------------------------------------------------


def test_line_breaks_of_tembusan_titles_and_office_line_are_kept_where_they_mean_something(tmp_path):
    document = senduro(
        title="PENUNJUKAN PENGELOLA\nPETA PROSES BISNIS KECAMATAN SENDURO",
        office_line="CAMAT SENDURO\nKABUPATEN LUMAJANG,",
        tembusan=("Yth. Bupati Lumajang\n(sebagai laporan);", "Arsip."),
    )
    _, found, decree = imported(document, tmp_path)
    assert found["Keputusan"]["Tentang"] == "PENUNJUKAN PENGELOLA\nPETA PROSES BISNIS KECAMATAN SENDURO"
    assert found["Keputusan"]["Baris Jabatan"] == "CAMAT SENDURO\nKABUPATEN LUMAJANG,"
    assert found["Tembusan"] == [{"Isi": "Yth. Bupati Lumajang\n(sebagai laporan);"}, {"Isi": "Arsip."}]
    assert decree.tembusan[0] == "Yth. Bupati Lumajang\n(sebagai laporan);"


def test_title_broken_where_the_template_breaks_it_stays_one_line(tmp_path):
    document = senduro(title="PETA PROSES BISNIS KECAMATAN SENDURO\nKABUPATEN LUMAJANG")
    _, found, _ = imported(document, tmp_path)
    assert found["Keputusan"]["Tentang"] == TITLE


# --- the IKU table ---------------------------------------------------------------------------------


IKU = (
    ("Indeks Kepuasan Masyarakat", "Nilai rata-rata tertimbang x 25", "Laporan SKM", "82"),
    (
        "Persentase layanan selesai tepat waktu",
        "Layanan tepat waktu / seluruh layanan x 100%",
        "Register PATEN",
        "90 %",
    ),
    (
        "Persentase layanan sesuai SOP",
        "Layanan sesuai SOP / seluruh layanan x 100%",
        "Register PATEN",
        "95 %",
    ),
)


def _cascade(document: Typed, heading: str = "", *, box_column: bool = False) -> None:
    document.para("CASCADING KINERJA KECAMATAN SENDURO", center=True)
    document.para("Sasaran : Meningkatnya kualitas pelayanan administrasi di kecamatan", center=True)
    document.para("Indikator :", center=True)
    document.para("1. Indeks Kepuasan Masyarakat (target 82)", center=True)
    document.para("2. Persentase layanan selesai tepat waktu (target 90 %)", center=True)
    document.para("Program Penyelenggaraan Pemerintahan dan Pelayanan Publik", center=True)
    document.para("Indikator : Persentase layanan sesuai SOP", center=True)
    if heading:
        document.para(heading, center=True)
    if box_column:
        boxes = (
            "Meningkatnya kualitas pelayanan administrasi di kecamatan",
            "",
            "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik",
        )
        rows = [("No", "Sasaran / Program", "Indikator", "Formula", "Sumber Data", "Target")]
        rows += [
            (f"{i}." if box else "", box, *iku)
            for i, (box, iku) in enumerate(zip(boxes, IKU, strict=True), start=1)
        ]
    else:
        rows = [("Indikator", "Formula", "Sumber Data", "Target"), *IKU]
    document.table(rows)


@pytest.mark.parametrize(
    ("heading", "box_column", "iku_title"),
    [
        ("", False, None),
        ("INDIKATOR KINERJA UTAMA KECAMATAN SENDURO", True, None),  # the template's own heading
        ("TABEL IKU KECAMATAN SENDURO TAHUN 2021", False, "TABEL IKU KECAMATAN SENDURO TAHUN 2021"),
    ],
    ids=["tanpa-judul", "judul-biasa-kolom-sasaran", "judul-lain"],
)
def test_iku_table_typed_in_word_gives_each_indicator_its_row(tmp_path, heading, box_column, iku_title):
    document = senduro(lampiran=lambda d: _cascade(d, heading, box_column=box_column))
    result, found, decree = imported(document, tmp_path)
    kinerja = found["Kinerja"]
    assert [(k["Kode"], k["Uraian"], k["Indikator"]) for k in kinerja] == [
        ("K1", "Meningkatnya kualitas pelayanan administrasi di kecamatan", None),
        ("K2", "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik", None),
    ]
    assert [tuple(row.values()) for row in found["Indikator"]] == [
        ("K1", *IKU[0]),
        ("K1", *IKU[1]),
        ("K2", *IKU[2]),
    ]
    assert found["Lampiran"]["Judul Tabel IKU"] == iku_title
    measures = {k.code: [(m.name, m.formula, m.source, m.target) for m in k.measures] for k in decree.kinerja}
    assert measures == {"K1": [IKU[0], IKU[1]], "K2": [IKU[2]]}
    assert result.unplaced == ()


def test_cascade_without_iku_table_keeps_targets_and_several_indicators(tmp_path):
    def lampiran(document: Typed) -> None:
        document.para("CASCADING KINERJA KECAMATAN SENDURO", center=True)
        document.para("Meningkatnya kualitas pelayanan administrasi di kecamatan", center=True)
        document.para(
            "Indikator :\n1. Indeks Kepuasan Masyarakat (target 82)\n2. Persentase layanan tepat waktu",
            center=True,
        )

    _, found, decree = imported(senduro(lampiran=lampiran), tmp_path)
    assert [(r["Indikator"], r["Formula"], r["Target"]) for r in found["Indikator"]] == [
        ("Indeks Kepuasan Masyarakat", None, "82"),
        ("Persentase layanan tepat waktu", None, None),
    ]
    assert [m.name for m in decree.kinerja[0].measures] == [
        "Indeks Kepuasan Masyarakat",
        "Persentase layanan tepat waktu",
    ]


# --- Tata Naskah -----------------------------------------------------------------------------------


@pytest.mark.parametrize("direct", [False, True], ids=["gaya-normal", "huruf-dipilih-langsung"])
def test_typeface_size_and_margins_come_from_the_documents_styles_and_sections(tmp_path, direct):
    document = senduro(margins_mm=(25, 20, 20, 20), paper_mm=(210, 297))
    document.typeface("Bookman Old Style", 12, direct=direct)
    _, found, decree = imported(document, tmp_path)
    naskah = found["Tata Naskah"]
    assert (naskah["Huruf"], naskah["Ukuran Huruf"]) == ("Bookman Old Style", 12)
    margins = [naskah[f"Margin {side} (mm)"] for side in ("Kiri", "Kanan", "Atas", "Bawah")]
    assert margins == [25, 20, 20, 20]
    assert found["Keputusan"]["Ukuran Kertas"] == "A4"
    assert decree.tata_naskah.margins_mm == (25, 20, 20, 20)


def test_a_size_the_sheet_cannot_hold_is_left_to_the_template_with_a_warning(tmp_path):
    document = senduro()
    document.typeface("Times New Roman", 16)
    result, found, _ = imported(document, tmp_path)
    assert (found["Tata Naskah"]["Huruf"], found["Tata Naskah"]["Ukuran Huruf"]) == ("Times New Roman", None)
    assert "16 pt" in warnings_at(result)["Tata Naskah!B3"]


# --- a decree without Lampiran, a cover of another subject, headings of other names ----------------


def test_decree_without_lampiran_imports_without_one(tmp_path):
    result, found, decree = imported(senduro(title="PENUNJUKAN PENGELOLA PETA PROSES BISNIS"), tmp_path)
    lampiran = found["Lampiran"]
    assert [lampiran[k] for k in ("Susunan Organisasi", "Tabel Instrumen", "Narasi Peta Proses")] == [
        None
    ] * 3
    assert decree.has_lampiran is False
    again = generate(tmp_path / "senduro.xlsx", Options(out_dir=tmp_path / "hasil", figures=False))
    assert again.ok, again.error
    text = [p.text for p in docx.Document(str(again.output)).paragraphs]
    assert not any(t.startswith("LAMPIRAN") for t in text)
    assert result.unplaced == ()


def test_cover_of_another_subject_goes_to_judul_sampul(tmp_path):
    cover = "STANDAR OPERASIONAL PROSEDUR\nKECAMATAN SENDURO\nTAHUN 2021"
    _, found, decree = imported(senduro(cover=cover), tmp_path)
    assert (found["Keputusan"]["Halaman Sampul"], found["Keputusan"]["Judul Sampul"]) == ("Ya", cover)
    assert decree.info.cover_title == cover


@pytest.mark.parametrize(
    ("cover", "judul"),
    [
        # what the template prints by itself for a decree without processes: nothing to write
        ("PETA PROSES BISNIS KECAMATAN SENDURO\nKABUPATEN LUMAJANG\nTAHUN 2021", None),
        # the same words broken elsewhere: kept as typed, so the cover prints as it did
        (f"{TITLE}\nTAHUN 2021", f"{TITLE}\nTAHUN 2021"),
    ],
    ids=["seperti-templat", "patah-lain"],
)
def test_cover_the_template_prints_by_itself_leaves_judul_sampul_empty(tmp_path, cover, judul):
    _, found, _ = imported(senduro(cover=cover), tmp_path)
    assert (found["Keputusan"]["Halaman Sampul"], found["Keputusan"]["Judul Sampul"]) == ("Ya", judul)


def _map(folder) -> bytes:
    return write_png(folder / "peta.png", 80, 40).read_bytes()


def test_lampiran_headings_of_other_names(tmp_path):
    def lampiran(document: Typed) -> None:
        document.para("URAIAN TUGAS DAN FUNGSI", center=True)
        document.para("1. Camat")
        document.para("a. Tugas Pokok :")
        document.para("Memimpin penyelenggaraan pemerintahan di wilayah kecamatan.")
        document.para("DAFTAR PROSES BISNIS KECAMATAN", center=True)
        document.table(
            [
                ("NO", "PROSES", "JENIS PROSES", "KODE SUB PROSES"),
                ("1.", "Proses Pelayanan Terpadu", "Utama", "U.1"),
            ]
        )
        document.para("PETA PROSES BISNIS LEVEL 0", center=True)
        document.para(center=True).add_run().add_picture(io.BytesIO(_map(tmp_path)))
        document.para("Gambar 1. Peta Proses Bisnis Kecamatan Senduro", center=True)

    result, found, decree = imported(senduro(lampiran=lampiran), tmp_path)
    lampiran_sheet = found["Lampiran"]
    assert lampiran_sheet["Judul Tugas dan Fungsi"] == "URAIAN TUGAS DAN FUNGSI"
    assert lampiran_sheet["Judul Tabel Instrumen"] == "DAFTAR PROSES BISNIS KECAMATAN"
    assert lampiran_sheet["Judul Skema Proses"] == "PETA PROSES BISNIS LEVEL 0"
    assert lampiran_sheet["Narasi Peta Proses"] == "Tidak"
    assert [p["Nama Proses"] for p in found["Proses"]] == ["Proses Pelayanan Terpadu"]
    assert found["Tupoksi"] == [
        {
            "Unit": "U1",
            "Jenis": "Tugas Pokok",
            "Isi": "Memimpin penyelenggaraan pemerintahan di wilayah kecamatan.",
        }
    ]
    assert result.unplaced == ()
