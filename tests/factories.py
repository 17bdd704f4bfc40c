"""A full Sale-like Decree built from the model dataclasses, and small PNG pictures, for tests."""

from __future__ import annotations

import dataclasses
import datetime as dt
import struct
import zlib
from pathlib import Path

from generator.diagrams import Diagram
from generator.figures import plan_figures
from generator.model import (
    Category,
    Decree,
    DecreeInfo,
    Diktum,
    Kinerja,
    KinerjaSource,
    LampiranText,
    Office,
    Paper,
    PartyKind,
    Process,
    Relation,
    Signer,
    Tupoksi,
    Unit,
)

NUMBER = "890 /        /2020"

MENIMBANG = (
    "bahwa berdasarkan Keputusan Bupati Rembang Nomor 060/1326/2020 tentang Peta Proses Bisnis di "
    "Lingkungan Pemerintah Kabupaten Rembang, Perangkat Daerah menyusun Peta Proses Bisnis dan "
    "melaporkan kepada Bupati;",
    "bahwa Peta Proses Bisnis disusun sebagai acuan bagi Kecamatan Sale Kabupaten Rembang dalam "
    "menyusun, menata, dan mengembangkan proses bisnis unit yang bersangkutan;",
    "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, perlu "
    "menetapkan Keputusan Camat tentang Peta Proses Bisnis Kecamatan Sale Kabupaten Rembang;",
)

MENGINGAT = (
    "Undang-Undang Nomor 13 Tahun 1950 tentang Pembentukan Daerah-daerah Kabupaten dalam "
    "Lingkungan Propinsi Djawa Tengah;",
    "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;",
    "Peraturan Presiden Nomor 81 Tahun 2010 tentang Grand Design Reformasi Birokrasi 2010-2025;",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 19 Tahun 2018 "
    "tentang Pedoman Penyusunan Peta Proses Bisnis Instansi Pemerintah;",
    "Peraturan Bupati Rembang Nomor 69 Tahun 2016 tentang Kedudukan, Susunan, Organisasi, Tugas dan "
    "Fungsi Serta Tata Kerja Kecamatan di Kabupaten Rembang;",
    "Peraturan Bupati Rembang Nomor 28 Tahun 2017 tentang Tata Cara Pembentukan Peraturan Bupati;",
    "Peraturan Bupati Rembang Nomor 27 Tahun 2019 tentang Penetapan Indikator Kinerja Utama;",
    "Peraturan Bupati Rembang Nomor 49 Tahun 2019 tentang Road Map Reformasi Birokrasi;",
    "Peraturan Daerah Kabupaten Rembang Nomor 5 Tahun 2016 tentang Pembentukan dan Susunan "
    "Perangkat Daerah Kabupaten Rembang;",
    "Keputusan Bupati Rembang Nomor 060/1326/2020 tentang Peta Proses Bisnis di Lingkungan "
    "Pemerintah Kabupaten Rembang;",
)

DIKTUM = (
    Diktum(
        1,
        "Peta Proses Bisnis Kecamatan Sale Kabupaten Rembang sebagaimana tercantum dalam Lampiran "
        "Keputusan ini.",
    ),
    Diktum(
        2,
        "Peta Proses Bisnis sebagaimana dimaksud dalam Diktum KESATU berguna untuk:",
        (
            "pedoman melaksanakan kegiatan di Kecamatan Sale dalam menyusun program, kegiatan dan "
            "standar operasional prosedur; dan",
            "mampu melaksanakan tugas dan fungsi secara efektif dan efisien;",
        ),
    ),
    Diktum(3, "Keputusan ini mulai berlaku pada tanggal ditetapkan."),
)

UNITS = (
    Unit("U1", "Camat", None, 1, "Camat"),
    Unit("U2", "Sekretariat", "U1", 2, "Sekretaris Kecamatan"),
    Unit("U3", "Sub Bagian Program dan Keuangan", "U2", 3, "Kepala Sub Bagian Program dan Keuangan"),
    Unit("U4", "Sub Bagian Umum dan Kepegawaian", "U2", 4, "Kepala Sub Bagian Umum dan Kepegawaian"),
    Unit("U5", "Seksi Tata Pemerintahan", "U1", 5, "Kepala Seksi Tata Pemerintahan"),
    Unit("U6", "Seksi Pemberdayaan Masyarakat dan Desa", "U1", 6, ""),
    Unit("U7", "Seksi Kesejahteraan Rakyat", "U1", 7, ""),
    Unit("U8", "Seksi Ketentraman dan Ketertiban Umum", "U1", 8, ""),
    Unit("U9", "Kelurahan", "U1", 9, ""),
    Unit("U10", "Sekretariat", "U9", 10, ""),
    Unit("U11", "Seksi Pemerintahan, Kentraman dan Ketertiban", "U9", 11, ""),
    Unit("U12", "Seksi Ekonomi, Pembangunan dan Kesejahteraan Rakyat", "U9", 12, ""),
    Unit("U13", "Kelompok Jabatan Fungsional", "U1", 13, "", functional=True),
)

TUPOKSI = (
    Tupoksi(
        "U1",
        (
            "Membantu Bupati dalam mengkoordinasikan penyelenggaraan pemerintahan, pelayanan publik "
            "dan pemberdayaan masyarakat desa dan kelurahan.",
        ),
        (
            "Penyelenggaraan urusan Pemerintahan Umum;",
            "Pengkoordinasian kegiatan pemberdayaan masyarakat;",
            "Pengkoordinasian upaya penyelenggaraan ketentraman dan ketertiban umum;",
        ),
    ),
    Tupoksi(
        "U2",
        ("Perencanaan perumusan dan pelaksanaan kebijakan, pengkoordinasian, pemantauan.",),
        ("Pengkoordinasian dan penyusunan rencana dan program kerja di lingkungan kecamatan;",),
    ),
    Tupoksi(
        "U3",
        (
            "Melakukan penyiapan bahan perumusan, pengkoordinasian, pelaksanaan, pemantauan, "
            "evaluasi serta pelaporan bidang perencanaan dan program kerja.",
        ),
    ),
)

PROCESSES = (
    Process(
        "PRG.1",
        "Program Perencanaan Evaluasi Kinerja Perangkat Daerah",
        Category.UTAMA,
        order=1,
        instrument_code="L. 1",
        description="Program Perencanaan merupakan proses perencanaan dan evaluasi kinerja.",
    ),
    Process(
        "PRG.2",
        "Program Peningkatan Keterbukaan informasi Publik",
        Category.PENDUKUNG,
        order=2,
        instrument_code="L. 3",
    ),
    Process(
        "PRG.3",
        "Program Peningkatan Kinerja Pemerintahan, Pembangunan, Pembinaan Kemasyarakatan dan "
        "Ketenraman Masyarakat",
        Category.PENDUKUNG,
        order=3,
    ),
    Process(
        "PRG.4",
        "Program Manajemen administrasi Pelayanan umum, Kepegawaian dan Keuangan Perangkat Daerah",
        Category.MANAJERIAL,
        order=4,
        instrument_code="L. 4",
        category_label="Manajemen",
    ),
)

SUBPROCESSES = (
    Process("PRG.1.1", "Proses Penyusunan Renstra", Category.UTAMA, "PRG.1", 5),
    Process("PRG.1.2", "Proses Evaluasi Kinerja", Category.UTAMA, "PRG.1", 6),
)

RELATIONS = (
    Relation("PRG.1", "Sub Bagian Program dan Keuangan", PartyKind.INTERNAL),
    Relation("PRG.2", "Diskominfo", PartyKind.EKSTERNAL),
    Relation("PRG.4", "Sub Bagian Umum dan Kepegawaian", PartyKind.INTERNAL),
)

KINERJA = (
    Kinerja(
        "K1",
        KinerjaSource.RPJMD,
        "Tujuan",
        "MENINGKATKAN TATA KELOLA PEMERINTAHAN YANG PROFESIONAL DAN AKUNTABEL",
        "Indek Reformasi Birokrasi",
        None,
        1,
    ),
    Kinerja(
        "K2",
        KinerjaSource.RPJMD,
        "Sasaran",
        "MENINGKATNYA KINERJA PELAYANAN PUBLIK",
        "Indeks Kepuasan Masyarakat",
        "K1",
        2,
    ),
    Kinerja(
        "K5",
        KinerjaSource.RENSTRA,
        "Kegiatan",
        "Sarana Prasarana Administrasi Terpadu",
        "Jumlah sarana Prasarana Tercukupi",
        "K4",
        5,
    ),
    Kinerja(
        "K3",
        KinerjaSource.RENSTRA,
        "Tujuan",
        "MENINGKATKAN KEPUASAN MASYARAKAT TERHADAP PELAYANAN DI KECAMATAN",
        "Indek Kepuasan Masyarakat ( IKM )",
        "K2",
        3,
    ),
    Kinerja(
        "K4",
        KinerjaSource.RENSTRA,
        "Program",
        "Peningkatan Kualitas Pelayanan Kecamatan",
        "",
        "K3",
        4,
    ),
)

LAMPIRAN = LampiranText(
    title="PETA PROSES BISNIS KECAMATAN KABUPATEN REMBANG",
    sejarah=(
        "Kantor Kecamatan Sale Kabupaten Rembang dibentuk dengan Peraturan Bupati Rembang Nomor 69 "
        "Tahun 2016.",
    ),
    dasar_hukum=(
        "Peraturan Daerah Kabupaten Rembang Nomor 5 Tahun 2016 tentang Pembentukan dan Susunan "
        "Perangkat Daerah;",
    ),
    dasar_susunan=(
        "Peraturan Daerah Kabupaten Rembang Nomor 5 Tahun 2016 tentang Pembentukan dan Susunan "
        "Perangkat Daerah;",
        "Berdasarkan Peraturan Bupati Rembang Nomor 69 Tahun 2016 adalah sebagai berikut :",
    ),
    susunan_intro="(1) Susunan organisasi Kecamatan terdiri dari :",
    bagan_title="BAGAN SUSUNAN ORGANISASI\nKECAMATAN DI KABUPATEN REMBANG",
    tupoksi_title="TUGAS POKOK KECAMATAN SALE KABUPATEN REMBANG",
    tupoksi_intro=(
        "Kecamatan merupakan Perangkat Daerah sebagai pelaksana teknis kewilayahan yang dipimpin oleh Camat.",
    ),
    keterkaitan_title="KETERIKATAN RPJMD KAB.REMBANG TAHUN 2016-2021 DENGAN RENSTRA KECAMATAN SALE",
    keterkaitan_rpjmd="RPJMD TAHUN 2016-2017",
    keterkaitan_renstra="RENSTRA KECAMATAN TAHUN 2016-2021",
    cascading_title="Cassanding Kinerja Kecamatan Sale",
    narrative=False,
    instrument_table=True,
)


def sale_decree(**changes: object) -> Decree:
    """The Keputusan Camat Sale 2020 as the seed prints it; keyword arguments replace fields."""
    decree = Decree(
        office=Office(
            government="PEMERINTAH KABUPATEN REMBANG",
            kecamatan="Sale",
            regency="Kabupaten Rembang",
            address="Jl. Blora No.45 Km. 1 Sale- Rembang",
            phone="( 0295) 005 391 405",
            postal_code="59265",
        ),
        info=DecreeInfo(
            year=2020,
            number=NUMBER,
            title="PETA PROSES BISNIS KECAMATAN SALE KABUPATEN REMBANG",
            office_line="CAMAT SALE KABUPATEN REMBANG,",
            place="Sale",
            date=dt.date(2020, 5, 29),
            paper=Paper.F4,
            cover=True,
        ),
        signer=Signer("CAMAT SALE", "Drs. SUBHAN", "Pembina Tk.I", "IV/b", "196611241992031005"),
        menimbang=MENIMBANG,
        mengingat=MENGINGAT,
        diktum=DIKTUM,
        tembusan=("Bupati Rembang;", "Sekretaris Daerah Kabupaten Rembang;"),
        regulasi=(
            "Undang-undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
            "PERMENPAN Nomor 14 Tahun 2017 tentang Pedoman Penyusunan Survey Kepuasan Masyarakat",
        ),
        lampiran=LAMPIRAN,
        units=UNITS,
        tupoksi=TUPOKSI,
        processes=PROCESSES,
        relations=RELATIONS,
        kinerja=KINERJA,
    )
    return dataclasses.replace(decree, **changes)


def with_info(decree: Decree, **changes: object) -> Decree:
    return dataclasses.replace(decree, info=dataclasses.replace(decree.info, **changes))


def with_lampiran(decree: Decree, **changes: object) -> Decree:
    return dataclasses.replace(decree, lampiran=dataclasses.replace(decree.lampiran, **changes))


def with_signer(decree: Decree, **changes: object) -> Decree:
    return dataclasses.replace(decree, signer=dataclasses.replace(decree.signer, **changes))


def narrative_decree() -> Decree:
    """Sale with sub-processes and the narrative (sections A, B, C) turned on."""
    decree = sale_decree(processes=PROCESSES + SUBPROCESSES)
    return with_lampiran(decree, narrative=True, figure_chapter="3")


def write_png(path: Path, width: int = 40, height: int = 20) -> Path:
    """A valid grey PNG of the given pixel size, written without any imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw))
    path.write_bytes(data + chunk(b"IEND", b""))
    return path


def fake_images(decree: Decree, folder: Path, size_mm: tuple[float, float] = (400, 150)):
    """A picture for every planned figure, wider than any page so it must be scaled down."""
    folder.mkdir(parents=True, exist_ok=True)
    images = {}
    for number, figure in enumerate(plan_figures(decree)):
        path = write_png(folder / f"figure-{number}.png", 80, 30)
        images[figure.key] = Diagram(path, *size_mm)
    return images
