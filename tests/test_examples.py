"""The example workbooks of offices unlike Sale, each printed as its office writes it, text in order.

Senduro: four-line kop from the Kop sheet, "NOMOR :", a Plt. signer with a long name and golongan, an
electronic signature, several indicators per sasaran with formulas (IKU table). Sidorejo: a Kota with
Kelurahan, "Nomor :" with the registration blank, a drafting date, an a.n. signer on two lines, Bookman
Old Style on A4 with the Kota's margins. Karanganyar: another subject, no Lampiran at all.
Workbooks made with the previous contract (tests/old_workbooks) print exactly as the current ones.
"""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
from pathlib import Path

import pytest
from docx import Document
from pdfpages import needs_office, page_lines, pages_with, to_pdfs
from pypdf import PdfReader
from test_document import assert_in_order, texts

from generator.context import DAY_BLANK
from generator.pipeline import Options, generate, load_decree
from generator.render import Renderer
from generator.schema import TTE_FOOTER

ROOT = Path(__file__).resolve().parent.parent
INPUTS = ROOT / "inputs"
TEMPLATE = ROOT / "templates" / "keputusan.docx"
OLD = Path(__file__).resolve().parent / "old_workbooks"
EXAMPLES = ("sale-2020", "tempursari-2024", "senduro-2021", "sidorejo-2023", "karanganyar-2021")


@pytest.fixture(scope="module")
def renderer() -> Renderer:
    return Renderer(TEMPLATE)


def printed(renderer: Renderer, name: str) -> list[str]:
    decree, problems = load_decree(INPUTS / f"{name}.xlsx")
    assert decree is not None, [str(p) for p in problems.errors]
    return texts(Document(io.BytesIO(renderer.render(decree, {}))))


SENDURO_SIGNATURE = [
    "Ditetapkan di Senduro",
    "pada tanggal 12 Februari 2021",
    "Ditandatangani secara elektronik oleh:",
    "Plt. CAMAT SENDURO",
    "Dr. RADEN MUHAMMAD SYAIFUDDIN, S.STP., M.Si.",
    "Pembina (IV/a)",
    "NIP. 19780412 199812 1 001",
]


def test_senduro_prints_its_kop_number_acting_signer_and_indicators(renderer):
    lines = printed(renderer, "senduro-2021")
    assert_in_order(
        lines,
        [
            "PROSES BISNIS\nKECAMATAN SENDURO\nTAHUN 2021",
            "REGULASI",
            "PEMERINTAH KABUPATEN LUMAJANG",
            "KECAMATAN SENDURO",
            "Jalan Raya Senduro No. 97 Telp/Fax. (0334) 610463 email: kecamatan.senduro@lumajangkab.go.id",
            "SENDURO - 67361",
            "KEPUTUSAN CAMAT SENDURO\nNOMOR : 188.4 / 07 / 427.80 / 2021",
            "TENTANG",
            "PETA PROSES BISNIS KECAMATAN SENDURO\nKABUPATEN LUMAJANG",
            "CAMAT SENDURO,",
            "\t\t2.\tPeraturan Pemerintah Nomor 17 Tahun 2018 tentang Kecamatan;",
            "MEMUTUSKAN :",
            "Menetapkan\t:",
            "KETIGA\t:\tKeputusan ini mulai berlaku pada tanggal ditetapkan.",
            *SENDURO_SIGNATURE,
            "Tembusan :",
            "1.\tBupati Lumajang (sebagai laporan);",
            "3.\tKepala Bagian Organisasi Sekretariat Daerah Kabupaten Lumajang.",
            "LAMPIRAN\t:\tKeputusan Camat Senduro\nKabupaten Lumajang",
            "Nomor\t:\t188.4 / 07 / 427.80 / 2021",
            "Tanggal\t:\t12 Februari 2021",
            "PETA PROSES BISNIS KECAMATAN SENDURO",
            "ISI TABEL INSTRUMEN",
            "3. | Proses Pelayanan Administrasi Terpadu Kecamatan | Utama | U.1",
            "CASCADING KINERJA KECAMATAN SENDURO",
            "Meningkatnya kualitas pelayanan publik",
            "Indikator : Indeks Kepuasan Masyarakat Kabupaten Lumajang",
            "Meningkatnya kualitas pelayanan administrasi di kecamatan",
            "Indikator :\n1. Indeks Kepuasan Masyarakat terhadap pelayanan kecamatan (target 82)\n"
            "2. Persentase layanan administrasi yang selesai tepat waktu (target 90 %)",
            "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik",
            "Indikator : Persentase layanan yang diselesaikan sesuai SOP (target 95 %)",
            "INDIKATOR KINERJA UTAMA KECAMATAN SENDURO",
            "NO | SASARAN / PROGRAM | INDIKATOR KINERJA | FORMULA | SUMBER DATA | TARGET",
            "1. | Meningkatnya kualitas pelayanan administrasi di kecamatan | Indeks Kepuasan Masyarakat "
            "terhadap pelayanan kecamatan | Nilai rata-rata tertimbang unsur pelayanan x 25 (PermenPAN-RB "
            "14/2017) | Laporan Survei Kepuasan Masyarakat | 82",
            " |  | Persentase layanan administrasi yang selesai tepat waktu | Jumlah layanan selesai tepat "
            "waktu / jumlah seluruh layanan x 100% | Buku register pelayanan PATEN | 90 %",
            "3. | Meningkatnya tertib penyelenggaraan pemerintahan desa | Persentase desa yang menyampaikan "
            "APBDes tepat waktu | Jumlah desa yang menyampaikan APBDes tepat waktu / jumlah desa x 100% | "
            "Laporan Seksi Pemerintahan | 100 %",
            *SENDURO_SIGNATURE,
        ],
    )
    assert "Nomor\t:\tNOMOR" not in " ".join(lines) and "Nomor\t:\t:" not in " ".join(lines)


SIDOREJO_SIGNATURE = [
    "Ditetapkan di Salatiga",
    f"pada tanggal {DAY_BLANK}Maret 2023",
    "a.n. CAMAT SIDOREJO",
    "Sekretaris Kecamatan,",
    "SRI WAHYUNINGSIH, S.Sos., M.M.",
    "Penata Tingkat I (III/d)",
    "NIP. 19800915 200501 2 004",
]


def test_sidorejo_prints_a_kota_with_kelurahan_and_a_drafted_date(renderer):
    lines = printed(renderer, "sidorejo-2023")
    assert lines[:8] == [
        "PEMERINTAH KOTA SALATIGA",
        "KECAMATAN SIDOREJO",
        "Jalan Diponegoro Nomor 80 Telepon (0298) 326 112 Pos-el kec.sidorejo@salatiga.go.id",
        "SALATIGA 50711",
        "KEPUTUSAN CAMAT SIDOREJO\nNomor : 050 /        / 2023",
        "TENTANG",
        "PETA PROSES BISNIS KECAMATAN SIDOREJO\nKOTA SALATIGA",
        "CAMAT SIDOREJO KOTA SALATIGA,",
    ]
    assert_in_order(
        lines,
        [
            "\t\t3.\tPeraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 19 Tahun "
            "2018 tentang Pedoman Penyusunan Peta Proses Bisnis Instansi Pemerintah;",
            "KEDUA\t:\tKeputusan ini mulai berlaku pada tanggal ditetapkan.",
            *SIDOREJO_SIGNATURE,
            "Tembusan :",
            "1.\tYth. Wali Kota Salatiga\n(sebagai laporan);",
            "3.\tPara Lurah se-Kecamatan Sidorejo.",
            "LAMPIRAN\t:\tKeputusan Camat Sidorejo\nKota Salatiga",
            "Nomor\t:\t050 /        / 2023",
            f"Tanggal\t:\t{DAY_BLANK}Maret 2023",
            "PETA PROSES BISNIS KECAMATAN SIDOREJO\nKOTA SALATIGA",
            "1. SUSUNAN ORGANISASI",
            "f.\tKelurahan, terdiri dari :",
            "1.\tKelurahan Blotongan;",
            "6.\tKelurahan Sidorejo Lor;",
            "g.\tKelompok Jabatan Fungsional",
            "BAGAN SUSUNAN ORGANISASI\nKECAMATAN SIDOREJO KOTA SALATIGA",
            "TUGAS POKOK DAN FUNGSI",
            "Membantu Wali Kota dalam mengoordinasikan penyelenggaraan pemerintahan, pelayanan publik dan "
            "pemberdayaan masyarakat kelurahan.",
            "2. | Proses Pelayanan Administrasi Kependudukan | Utama | U.1",
            *SIDOREJO_SIGNATURE,
        ],
    )


def test_sidorejo_follows_its_tata_naskah(renderer):
    decree, _ = load_decree(INPUTS / "sidorejo-2023.xlsx")
    doc = Document(io.BytesIO(renderer.render(decree, {})))
    assert doc.styles["Normal"].font.name == "Bookman Old Style"
    for section in doc.sections:
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
        assert [round(m.mm) for m in (section.left_margin, section.right_margin)] == [25, 20]
        assert [round(m.mm) for m in (section.top_margin, section.bottom_margin)] == [20, 20]


def test_karanganyar_has_no_lampiran_and_one_signature(renderer):
    lines = printed(renderer, "karanganyar-2021")
    assert lines == [
        "PEMERINTAH KABUPATEN KARANGANYAR",
        "KECAMATAN KARANGANYAR",
        "Alamat : JL. Lawu No. Telp. ( 0271) 495030 Kode Pos 57711",
        "KARANGANYAR",
        "KEPUTUSAN CAMAT KARANGANYAR\nNomor : 188 / / 427.95 / 2021",
        "TENTANG",
        "PENUNJUKAN PENGELOLA PETA PROSES BISNIS DAN STANDAR OPERASIONAL PROSEDUR KECAMATAN KARANGANYAR",
        "CAMAT KARANGANYAR,",
        "Menimbang\t:\ta.\tbahwa Peta Proses Bisnis dan Standar Operasional Prosedur Kecamatan Karanganyar "
        "perlu dikelola, dimutakhirkan dan dievaluasi secara berkala oleh pengelola yang ditunjuk;",
        "\t\tb.\tbahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan "
        "Keputusan Camat tentang Penunjukan Pengelola Peta Proses Bisnis dan Standar Operasional Prosedur "
        "Kecamatan Karanganyar;",
        "Mengingat\t:\t1.\tUndang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah sebagaimana telah "
        "diubah beberapa kali terakhir dengan Undang-Undang Nomor 9 Tahun 2015 tentang Perubahan Kedua Atas "
        "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;",
        "\t\t2.\tPeraturan Pemerintah Nomor 17 Tahun 2018 tentang Kecamatan;",
        "\t\t3.\tPeraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 Tahun "
        "2012 tentang Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan;",
        "\t\t4.\tPeraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 19 Tahun "
        "2018 tentang Pedoman Penyusunan Peta Proses Bisnis Instansi Pemerintah;",
        "MEMUTUSKAN :",
        "Menetapkan\t:",
        "KESATU\t:\tMenunjuk Kepala Subbagian Umum dan Kepegawaian Kecamatan Karanganyar sebagai pengelola "
        "Peta Proses Bisnis dan Standar Operasional Prosedur Kecamatan Karanganyar.",
        "KEDUA\t:\tPengelola sebagaimana dimaksud dalam Diktum KESATU bertugas:",
        "a.\tmenghimpun usulan perubahan proses bisnis dari setiap seksi;",
        "b.\tmemutakhirkan Peta Proses Bisnis dan Standar Operasional Prosedur paling sedikit satu kali "
        "dalam setahun; dan",
        "c.\tmelaporkan pelaksanaan tugasnya kepada Camat.",
        "KETIGA\t:\tSegala biaya yang timbul akibat ditetapkannya Keputusan ini dibebankan pada Dokumen "
        "Pelaksanaan Anggaran Kecamatan Karanganyar Tahun Anggaran 2021.",
        "KEEMPAT\t:\tKeputusan ini mulai berlaku pada tanggal ditetapkan.",
        "Ditetapkan di Karanganyar",
        f"pada tanggal {DAY_BLANK}Februari 2021",
        "Plh. CAMAT KARANGANYAR",
        "BAMBANG SRI WIDODO, S.H., M.M.",
        "Pembina",
        "NIP. 19750103 199703 1 002",
        "Tembusan :",
        "1.\tBupati Karanganyar;",
        "2.\tSekretaris Daerah Kabupaten Karanganyar;",
        "3.\tYang bersangkutan.",
    ]


def test_karanganyar_properties_do_not_name_another_subject(renderer):
    decree, _ = load_decree(INPUTS / "karanganyar-2021.xlsx")
    props = Document(io.BytesIO(renderer.render(decree, {}))).core_properties
    assert props.title == f"Keputusan Camat Karanganyar tentang {decree.info.title}"
    assert "Proses Bisnis" not in props.keywords and "PROSES BISNIS" not in props.keywords
    assert props.created.date().isoformat() == "2021-02-01"  # the drafting month


@pytest.mark.parametrize("name", ["sale-2020", "tempursari-2024"])
def test_workbooks_of_the_previous_contract_print_as_before(renderer, name):
    old, old_problems = load_decree(OLD / f"{name}.xlsx")
    new, new_problems = load_decree(INPUTS / f"{name}.xlsx")
    assert old is not None and new is not None
    assert [str(p) for p in old_problems.items] == [str(p) for p in new_problems.items]
    old_lines = texts(Document(io.BytesIO(renderer.render(old, {}))))
    # Tempursari's steps (Langkah, SOP) came after the previous contract: its Peta Lintas Fungsi section
    # is the one deliberate addition, so the comparison leaves the steps out of today's workbook.
    new = dataclasses.replace(new, steps=(), sops=())
    assert old_lines == texts(Document(io.BytesIO(renderer.render(new, {}))))


def test_make_run_builds_every_example(tmp_path):
    for name in EXAMPLES:
        result = generate(INPUTS / f"{name}.xlsx", Options(out_dir=tmp_path, figures=False))
        assert result.ok and result.written, (name, result.error)


# ---------------------------------------------------------------------------- on paper


@pytest.fixture(scope="module")
def paper(tmp_path_factory) -> dict[str, Path]:
    """Every example with its figures, through one LibreOffice run."""
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice atau poppler-utils tidak terpasang")
    folder = tmp_path_factory.mktemp("contoh")
    documents = {}
    for name in EXAMPLES:
        result = generate(INPUTS / f"{name}.xlsx", Options(out_dir=folder / "docx"))
        assert result.ok, result.error
        documents[name] = result.output.read_bytes()
    return to_pdfs(documents, folder / "pdf")


def _blocks_whole(pages: list[list[str]], lines: list[str]) -> None:
    """Every signature of the decree: each of its lines on the page its "Ditetapkan di" is on."""
    starts = pages_with(pages, lines[0])
    assert starts
    for start in starts:
        for line in lines[1:]:
            assert any(line in text for text in pages[start]), (start, line)


@needs_office
def test_examples_on_paper_keep_signatures_and_menetapkan_whole(paper):
    signatures = {
        "sale-2020": ["Ditetapkan di Sale", "CAMAT SALE", "Drs. SUBHAN", "NIP. 19661124 199203 1 005"],
        "tempursari-2024": ["Ditetapkan di Tempursari", "CAMAT TEMPURSARI", "NIP."],
        "senduro-2021": list(SENDURO_SIGNATURE),
        "sidorejo-2023": [
            "Ditetapkan di Salatiga",
            "a.n. CAMAT SIDOREJO",
            "Sekretaris Kecamatan,",
            "SRI WAHYUNINGSIH, S.Sos., M.M.",
            "NIP. 19800915 200501 2 004",
        ],  # fmt: skip
        "karanganyar-2021": ["Ditetapkan di Karanganyar", "Plh. CAMAT KARANGANYAR", "NIP. 19750103"],
    }
    for name, lines in signatures.items():
        pages = page_lines(paper[name])
        _blocks_whole(pages, lines)
        menetapkan = pages_with(pages, "Menetapkan")[0]
        assert menetapkan in pages_with(pages, "KESATU"), name
        for start in pages_with(pages, lines[0]):
            before = pages[start][: next(i for i, t in enumerate(pages[start]) if lines[0] in t)]
            assert before, (name, start)  # never a signature alone on a page
    karanganyar = page_lines(paper["karanganyar-2021"])
    assert len(karanganyar) == 2 and not pages_with(karanganyar, "LAMPIRAN")
    assert len(pages_with(karanganyar, "Ditetapkan di")) == 1


@needs_office
def test_electronic_signature_sentence_on_every_page(paper):
    pages = page_lines(paper["senduro-2021"])
    ending = "Badan Siber dan Sandi Negara"
    assert TTE_FOOTER.endswith(ending)
    assert all(any(ending in line for line in page) for page in pages), "kalimat TTE tidak di setiap halaman"
    for name in ("sale-2020", "sidorejo-2023"):
        assert not pages_with(page_lines(paper[name]), ending)


@needs_office
def test_bookman_old_style_falls_back_to_urw_bookman_in_the_pdf(paper):
    fonts = set()
    for page in PdfReader(str(paper["sidorejo-2023"])).pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert any("Bookman" in font for font in fonts), fonts
    assert not any("Liberation" in font for font in fonts if "Bookman" not in font), fonts


def _xmp(pdf: Path) -> str:
    root = PdfReader(str(pdf)).trailer["/Root"]
    return root["/Metadata"].get_object().get_data().decode("utf-8") if "/Metadata" in root else ""


@needs_office
def test_pdfa_output_declares_pdfa_2b(paper, tmp_path):
    docx = tmp_path / "tte.docx"
    result = generate(INPUTS / "senduro-2021.xlsx", Options(out_dir=tmp_path, figures=False))
    assert result.ok
    docx.write_bytes(result.output.read_bytes())
    pdf = to_pdfs({"tte": docx.read_bytes()}, tmp_path / "pdfa", pdfa=True)["tte"]
    metadata = " ".join(_xmp(pdf).split())
    assert re.search(r"pdfaid:part(>|=\")2", metadata), metadata[:400]
    assert re.search(r"pdfaid:conformance(>|=\")B", metadata), metadata[:400]
    assert "pdfaid" not in _xmp(paper["senduro-2021"])  # plain --pdf stays plain PDF
