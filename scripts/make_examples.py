"""Builds the example workbooks in inputs/: Sale and Tempursari from the seeds, and three offices unlike them.

Senduro (a Plt. signer, indicators with formulas, an electronic signature), Sidorejo (a Kota with
Kelurahan, an a.n. signer, a drafting date, Bookman on A4) and Karanganyar (a decree without Lampiran).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator.blank import write_blank

Rows = dict[str, list[dict[str, object]]]

INPUTS = Path(__file__).resolve().parents[1] / "inputs"
NBSP = "\u00a0"

# --- Keputusan Camat Sale, Kabupaten Rembang, 2020 ----------------------------------------------

SALE_NOTE = (
    "Data contoh ini disalin dari Keputusan Camat Sale Kabupaten Rembang Nomor 890 / /2020 "
    "tanggal 29 Mei 2020 tentang Peta Proses Bisnis Kecamatan Sale Kabupaten Rembang beserta "
    "Lampirannya. Teks ditulis persis seperti aslinya, termasuk salah ketiknya (misalnya "
    '"Cassanding", "Kentraman", "KETERIKATAN"). Baris alamat kop tersusun dari '
    "Alamat, Telepon dan Tempat pada Kop. Kode unit (U1-U13), kode proses (PRG.1-PRG.4) dan "
    "kode kinerja (K1-K5) diberikan "
    "untuk menghubungkan lembar karena dokumen asli tidak memakainya; golongan IV/b sesuai "
    "pangkat Pembina Tk.I. Dokumen asli tidak memuat tembusan."
)

SALE_UNITS: list[dict[str, object]] = [
    {"code": "U1", "name": "Camat", "jabatan": "Camat"},
    {"code": "U2", "name": "Sekretariat", "parent": "U1", "jabatan": "Sekretaris Kecamatan"},
    {
        "code": "U3",
        "name": "Sub Bagian Program dan Keuangan",
        "parent": "U2",
        "jabatan": "Kepala Sub Bagian Program dan Keuangan",
    },
    {
        "code": "U4",
        "name": "Sub Bagian Umum dan Kepegawaian",
        "parent": "U2",
        "jabatan": "Kepala Sub Bagian Umum dan Kepegawaian",
    },
    {
        "code": "U5",
        "name": "Seksi Tata Pemerintahan",
        "parent": "U1",
        "jabatan": "Kepala Seksi Tata Pemerintahan",
    },
    {
        "code": "U6",
        "name": "Seksi Pemberdayaan Masyarakat dan Desa",
        "parent": "U1",
        "jabatan": "Kepala Seksi Pemberdayaan Masyarakat dan Desa",
    },
    {
        "code": "U7",
        "name": "Seksi Kesejahteraan Rakyat",
        "parent": "U1",
        "jabatan": "Kepala Seksi Kesejahteraan Rakyat",
    },
    {
        "code": "U8",
        "name": "Seksi Ketentraman dan Ketertiban Umum",
        "parent": "U1",
        "jabatan": "Kepala Seksi Ketentraman dan Ketertiban Umum",
    },
    {"code": "U9", "name": "Kelurahan", "parent": "U1"},
    {"code": "U10", "name": "Sekretariat", "parent": "U9"},
    {"code": "U11", "name": "Seksi Pemerintahan, Kentraman dan Ketertiban", "parent": "U9"},
    {"code": "U12", "name": "Seksi Ekonomi, Pembangunan dan Kesejahteraan Rakyat", "parent": "U9"},
    {"code": "U13", "name": "Kelompok Jabatan Fungsional", "parent": "U1", "functional": True},
]

SALE_TUGAS_POKOK = {
    "U1": "Membantu Bupati dalam mengkoordinasikan penyelenggaraan pemerintahan, pelayanan publik "
    "dan pemberdayaan masyarakat desa dan kelurahan serta melaksanakan tugas yang dilimpahkan oleh "
    "Bupati untuk melaksanakan sebagian Urusan Pemerintahan yang menjadi kewenangan Daerah "
    "Kabupaten.",
    "U2": "Perencanaan perumusan dan pelaksanaan kebijakan, pengkoordinasian, pemantauan, evaluasi, "
    "pelaporan meliputi pembinaan ketatausahaan, hukum, keuangan, kerumahtanggaan, kerjasama, "
    "kearsipan, dokumen, keorganisasian dan ketatalaksanaan, kehumasan, kepegawaian, pelayanan "
    "administrasi di lingkungan Kecamatan.",
    "U3": "Melakukan penyiapan bahan perumusan, pengkoordinasian, pelaksanaan, pemantauan, evaluasi "
    "serta pelaporan bidang perencanaan dan program kerja serta pengelolaan keuangan di lingkungan "
    "kecamatan.",
    "U4": "Melakukan penyiapan bahan perumusan, pengkoordinasian, pelaksanaan, pemantauan, evaluasi "
    "serta pelaporan meliputi pembinaan ketatausahaan, hukum, kehumasan, keorganisasian dan "
    "ketatalaksanaan, kerumahtanggaan, kearsipan, kepegawaian dan pelayanan administrasi di "
    "lingkungan kecamatan,",
    "U5": "Melakukan penyiapan bahan perumusan, pengkoordinasian, pelaksanaan pemantauan, evaluasi "
    "serta pelaporan meliputi pembinaan dan pengawasan tertib administrasi pemerintahan desa "
    "dan/atau kelurahan, pengkoordinasian pelaksanaan kegiatan baik di tingkat internal kecamatan "
    "maupun dengan pihak terkait dan pelaksanaan kewenangan pemerintah yang dilimpahkan oleh Bupati "
    "kepada Camat sebagai urusan otonomi daerah di bidang tata pemerintahan.",
    "U6": "Melakukan penyiapan bahan perumusan, pengkoordinasian pelaksanaan pemantauan, evaluasi "
    "serta pelaporan meliputi rencana kegiatan seksi pemberdayaan masyarakat dan desa, "
    "pengkoordinasian pelaksanaan kegiatan baik di tingkat internal kecamatan maupun dengan pihak "
    "terkait penyiapan konsep evaluasi dan rekomendasi anggaran pendapatan belanja desa, "
    "peningkatan partisipasi masyarakat dalam pembangunan dan pelaksanaan kewenangan pemerintah "
    "yang dilimpahkan oleh Bupati kepada Camat sebagai urusan otonomi daerah di bidang pemberdayaan "
    "masyarakat dan desa.",
    "U7": "Melakukan penyiapan bahan perumusan, pengkoordinasian pelaksanaan pemantauan, evaluasi "
    "serta pelaporan meliputi rencana kegiatan seksi kesejahteraan rakyat, pengkoordinasian "
    "pelaksanaan kegiatan baik di tingkat internal kecamatan maupun dengan pihak terkait, pembinaan "
    "dan fasilitasi kegiatan keagamaan, kepemudaan, olahraga, seni dan budaya, pemberdayaan "
    "perempuan dan perlindungan anak, tenaga kerja dan transmigrasi, kesehatan, pendidikan "
    "pengendalian penduduk dan keluarga berencana, pangan, sosial, serta pelaksanaan kewenangan "
    "pemerintah yang dilimpahkan oleh Bupati kepada Camat sebagai urusan otonomi daerah di bidang "
    "kesejahteraan rakyat.",
    "U8": "Melakukan penyiapan bahan perumusan, pengkoordinasian pelaksanaan pemantauan, evaluasi "
    "serta pelaporan meliputi rencana kegiatan seksi pelayanan, ketentraman dan ketertiban umum, "
    "pengkoordinasian pelaksanaan kegiatan baik di tingkat internal kecamatan maupun dengan pihak "
    "terkait, penegakan peraturan perundangan, pembinaan perlindungan masyarakat, penanggulangan "
    "bencana, penyiapan konsep rekomendasi perijinan, pengawasan kegiatan keramaian dan pelaksanaan "
    "peringatan hari besar nasional dan hari besar lainnya serta pelaksanaan kewenangan pemerintah "
    "yang dilimpahkan oleh Bupati kepada Camat sebagai urusan otonomi daerah di bidang seksi "
    "ketentraman dan ketertiban umum.",
}

SALE_FUNGSI = {
    "U1": [
        "Penyelenggaraan urusan Pemerintahan Umum;",
        "Pengkoordinasian kegiatan pemberdayaan masyarakat;",
        "Pengkoordinasian upaya penyelenggaraan ketentraman dan ketertiban umum;",
        "Pengkoordinasian penerapan dan penegakan perda dan peraturan bupati;",
        "Pengkoordinasian pemeliharaan prasarana dan sarana layanan umum;",
        "Pengkoordinasian penyelenggaraan kegiatan pemerintahan yang dilakukan oleh perangkat daerah "
        "di tingkat kecamatan;",
        "Pembinaan dan pengawasan penyelenggaraan kegiatan desa atau kelurahan;",
        "Pelaksanaan urusan pemerintahan yang menjadi kewenangan kabupaten yang tidak dilaksanakan "
        "oleh unit kerja pemerintah daerah yang ada di kecamatan;",
        "Pelaksana fungsi kedinasan lain yang diberikan oleh pimpinan, sesuai dengan tugas dan fungsinya.",
    ],
    "U2": [
        "Pengkoordinasian dan penyusunan rencana dan program kerja di lingkungan kecamatan;",
        "Pembinaan dan pemberian dukungan administrasi yang meliputi ketatausahaan, kepegawaian, "
        "hukum, keuangan, kerumahtanggaan, kerja sama, hubungan masyarakat, arsip dan dokumentasi "
        "di lingkungan kecamatan;",
        "Pengkoordinasian, pembinaan dan penataan organisasi dan tata laksana di lingkungan kecamatan;",
        "Pengkoordinasian kegiatan di lingkungan kecamatan;",
        "Pengkoordinasian dan penyusunan peraturan perundang - undangan serta pelaksanaan advokasi "
        "hukum di lingkungan kecamatan;",
        "Pengkoordinasian pelaksanaan system pengendalian intern pemerintah (SPIP) dan pengelolaan "
        "informasi dan dokumentasi;",
        "Penyelenggaraan pengelolaan barang milik/kekayaan daerah dan pelayanan pengadaan "
        "barang/jasa di lingkungan kecamatan;",
        "Pelaksanaan pemantauan, evaluasi dan pelaporan sesuai dengan lingkup tugasnya;",
        "Pelaksanaan tugas kedinasan lain yang diberikan oleh pimpinan sesuai dengan tugas dan fungsinya",
    ],
}

SALE_MENGINGAT = [
    "Undang-Undang Nomor 13 Tahun 1950 tentang Pembentukan Daerah-daerah Kabupaten dalam Lingkungan "
    "Propinsi Djawa Tengah;",
    "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah sebagaimana telah diubah "
    "beberapa kali terakhir dengan Undang-Undang Nomor 9 Tahun 2015 tentang Perubahan Kedua Atas "
    "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;",
    "Peraturan Presiden Nomor 81 Tahun 2010 tentang Grand Design Reformasi Birokrasi 2010-2025;",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 14 Tahun 2014 "
    "tentang Pedoman Evaluasi Reformasi Birokrasi Instansi sebagaimana telah diubah dengan "
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 30 Tahun 2018 "
    "tentang Perubahan Atas Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi "
    "Birokrasi Nomor 14 Tahun 2014 Tentang Pedoman Evaluasi Reformasi Birokrasi Instansi;",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 11 Tahun 2015 "
    "tentang Road Map Reformasi Birokrasi 2015-2019;",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 19 Tahun 2018 "
    "tentang Pedoman Penyusunan Peta Proses Bisnis Instansi Pemerintah;",
    "Peraturan Daerah Kabupaten Rembang Nomor 5 Tahun 2016 tentang Pembentukan dan Susunan "
    "Perangkat Daerah Kabupaten Rembang;",
    "Peraturan Bupati Rembang Nomor 28 Tahun 2017 tentang Tata Cara Pembentukan Peraturan Bupati "
    "dan Keputusan Bupati;",
    "Peraturan Bupati Rembang Nomor 27 Tahun 2019 tentang Penetapan Indikator Kinerja Utama "
    "Pemerintah Kabupaten Rembang 2016-2021;",
    "Peraturan Bupati Rembang Nomor 49 Tahun 2019 tentang Road Map Reformasi Birokrasi di "
    "Lingkungan Pemerintah Kabupaten Rembang Tahun 2019-2021;",
    "Peraturan Bupati Rembang Nomor 69 Tahun 2016 tentang Kedudukan, Susunan, Organisasi, Tugas dan "
    "Fungsi Serta Tata Kerja Kecamatan di Kabupaten Rembang;",
    "Keputusan Bupati Rembang Nomor 060/1326/2020 tentang Peta Proses Bisnis di Lingkungan "
    "Pemerintah Kabupaten Rembang;",
]

SALE_PERBUP_69 = (
    "Peraturan Bupati Rembang Nomor 69 Tahun 2016 tentang Kedudukan, Susunan Organisasi, Tugas dan "
    "Fungsi Serta Tata Kerja Kecamatan di Kabupaten Rembang"
)
SALE_PERDA_5 = (
    "Peraturan Daerah Kabupaten Rembang Nomor 5 Tahun 2016 tentang Pembentukan dan Susunan Perangkat Daerah;"
)

SALE_URAIAN: list[dict[str, object]] = [
    {
        "section": "Sejarah Pembentukan",
        "text": f"Kantor Kecamatan Sale Kabupaten Rembang dibentuk dengan {SALE_PERBUP_69}.",
    },
    {"section": "Dasar Hukum", "text": SALE_PERDA_5},
    {"section": "Dasar Susunan Organisasi", "text": SALE_PERDA_5},
    {"section": "Dasar Susunan Organisasi", "text": f"Berdasarkan {SALE_PERBUP_69} adalah sebagai berikut :"},
    {
        "section": "Pengantar Tugas Pokok",
        "text": "Kecamatan merupakan Perangkat Daerah sebagai pelaksana teknis kewilayahan yang "
        "mempunyai wilayah tertentu dan dipimpin oleh Camat, yang berada di bawah dan tanggung jawab "
        "bupati melalui Sekretaris Daerah, Kecamatan dibentuk dalam rangka meningkatkan koordinasi "
        "penyelenggaraan pemerintahan artinya keberadaan kecamatan sangat dibutuhkan dalam rangka "
        "membantu bupati dalam menjalankan tugas pemerintahan yang di limpahkan oleh Bupati dalam "
        "menjalankan urusan otonomi daerah, Camat sebagai pimpinan tertinggi di Kecamatan, Kemudian "
        "Camat harus memberikan pelayanan public di kecamatan dan juga pemberdayaan masyarakat desa",
    },
]

SALE: Rows = {
    "office": [
        {
            "government": "PEMERINTAH KABUPATEN REMBANG",
            "kecamatan": "Sale",
            "regency": "Kabupaten Rembang",
            "address": "Jl. Blora No.45 Km. 1",
            "phone": "Telp ( 0295) 005 391 405",
            "locality": "Sale- Rembang",
        }
    ],
    "decree": [
        {
            "year": 2020,
            "number": f"890 / {NBSP * 6} /2020",
            "title": "PETA PROSES BISNIS KECAMATAN SALE KABUPATEN REMBANG",
            "office_line": "CAMAT SALE KABUPATEN REMBANG,",
            "with_blessing": False,
            "place": "Sale",
            "date": dt.date(2020, 5, 29),
            "paper": "F4",
            "cover": True,
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
    "menimbang": [
        {
            "text": "bahwa berdasarkan Keputusan Bupati Rembang Nomor 060/1326/2020 tentang Peta "
            "Proses Bisnis di Lingkungan Pemerintah Kabupaten Rembang, Perangkat Daerah menyusun Peta "
            "Proses Bisnis dan melaporkan kepada Bupati;"
        },
        {
            "text": "Bahwa Peta Proses Bisnis disusun sebagai acuan bagi Kecamatan Sale Kabupaten "
            "Rembang dalam menyusun, menata, dan mengembangkan proses bisnis unit yang bersangkutan "
            "dalam rangka pelaksanaan tugas dan fungsi;"
        },
        {
            "text": "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a dan huruf b, "
            "perlu menetapkan Keputusan Sekretaris Daerah tentang Peta Proses Bisnis di Lingkungan "
            "Kecamatan Sale Kabupaten Rembang;"
        },
    ],
    "mengingat": [{"text": text} for text in SALE_MENGINGAT],
    "diktum": [
        {
            "number": 1,
            "text": "Peta Proses Bisnis Kecamatan Sale Kabupaten Rembang sebagaimana "
            "tercantum dalam Lampiran Keputusan ini.",
        },
        {"number": 2, "text": "Peta Proses Bisnis sebagaimana dimaksud dalam Diktum KESATU berguna untuk:"},
        {
            "number": 2,
            "item": "a",
            "text": "pedoman melaksanakan kegiatan di Kecamatan Sale dalam "
            "menyusun program, kegiatan dan standar operasional prosedur; dan",
        },
        {"number": 2, "item": "b", "text": "mampu melaksanakan tugas dan fungsi secara efektif dan efisien;"},
        {"number": 3, "text": "Keputusan ini mulai berlaku pada tanggal ditetapkan."},
    ],
    "tembusan": [],
    "regulasi": [
        {"text": "Undang-undang Nomor 25 Tahun 2009 tentang Pelayanan Publik"},
        {
            "text": "Peraturan Pemerintah Nomor 96 Tahun 2012 tentang pelaksanaan Undang-undang Nomor "
            "25 Tahun 2009 tentang Pelayanan Publik"
        },
        {
            "text": "PERMENPAN Nomor 14 Tahun 2017 tentang Pedoman Penyusunan Survey Kepuasan "
            "Masyarakat. Unit Penyelenggara Pelayanan Publik"
        },
    ],
    "lampiran": [
        {
            "title": "PETA PROSES BISNIS KECAMATAN KABUPATEN REMBANG",
            "susunan_intro": "(1) Susunan organisasi Kecamatan terdiri dari :",
            "bagan_title": "BAGAN SUSUNAN ORGANISASI KECAMATAN DI KABUPATEN REMBANG",
            "tupoksi_title": "TUGAS POKOK KECAMATAN SALE KABUPATEN REMBANG",
            "keterkaitan_title": "KETERIKATAN RPJMD KAB.REMBANG TAHUN 2016-2021 DENGAN RENSTRA "
            "KECAMATAN SALE TAHUN 2016 - 2021",
            "keterkaitan_rpjmd": "RPJMD TAHUN 2016-2017",
            "keterkaitan_renstra": "RENSTRA KECAMATAN TAHUN 2016-2021",
            "cascading_title": "Cassanding Kinerja Kecamatan Sale",
            "narrative": False,
            "instrument_table": True,
        }
    ],
    "texts": SALE_URAIAN,
    "units": SALE_UNITS,
    "tupoksi": [
        row
        for unit in SALE_TUGAS_POKOK
        for row in (
            {"unit": unit, "kind": "Tugas Pokok", "text": SALE_TUGAS_POKOK[unit]},
            *({"unit": unit, "kind": "Fungsi", "text": text} for text in SALE_FUNGSI.get(unit, [])),
        )
    ],
    "processes": [
        {
            "code": "PRG.1",
            "name": "Program Perencanaan Evaluasi Kinerja Perangkat Daerah",
            "category": "Utama",
            "instrument_code": "L. 1",
        },
        {
            "code": "PRG.2",
            "name": "Program Peningkatan Keterbukaan informasi Publik",
            "category": "Pendukung",
            "instrument_code": "L. 3",
        },
        {
            "code": "PRG.3",
            "name": "Program Peningkatan Kinerja Pemerintahan, Pembangunan, Pembinaan "
            "Kemasyarakatan dan Ketenraman Masyarakat",
            "category": "Pendukung",
            "instrument_code": "L. 3",
        },
        {
            "code": "PRG.4",
            "name": "Program Manajemen administrasi Pelayanan umum, Kepegawaian dan "
            "Keuangan Perangkat Daerah",
            "category": "Manajemen",
            "instrument_code": "L. 4",
        },
    ],
    "kinerja": [
        {
            "code": "K1",
            "source": "RPJMD",
            "level": "Tujuan",
            "text": "MENINGKATKAN TATA KELOLA PEMERINTAHAN YANG PROFESIONAL DAN AKUNTABEL UNTUK "
            "PENINGKATAN PELAYANAN PUBLIK",
            "indicator": "Indek Reformasi Birokrasi",
        },
        {
            "code": "K2",
            "source": "RPJMD",
            "level": "Sasaran",
            "text": "MENINGKATNYA KINERJA PELAYANAN PUBLIK",
            "indicator": "Indeks Kepuasan Masyarakat",
            "parent": "K1",
        },
        {
            "code": "K3",
            "source": "Renstra",
            "level": "Tujuan",
            "text": "MENINGKATKAN KEPUASAN MASYARAKAT TERHADAP PELAYANAN DI KECAMATAN",
            "indicator": "Indek Kepuasan Masyarakat ( IKM )",
            "parent": "K2",
        },
        {
            "code": "K4",
            "source": "Renstra",
            "level": "Program",
            "text": "Peningkatan Kualitas Pelayanan Kecamatan",
            "indicator": "Prosentase Pelayanan Publik yang sesuai SOP",
            "parent": "K3",
        },
        {
            "code": "K5",
            "source": "Renstra",
            "level": "Kegiatan",
            "text": "Sarana Prasarana Administrasi Terpadu",
            "indicator": "Jumlah sarana Prasarana Tercukupi",
            "parent": "K4",
        },
    ],
}

# --- Peta Proses Bisnis Kecamatan Tempursari, Kabupaten Lumajang --------------------------------

TEMPURSARI_NOTE = (
    "Data contoh ini diambil dari bab Peta Proses Bisnis Kecamatan Tempursari, Kabupaten "
    "Lumajang (bagian A, B dan awal bagian C); teks ditulis persis seperti aslinya. Dokumen itu "
    "tidak memuat: tahun (di sini dipakai 2024), nomor dan tanggal keputusan, alamat, telepon dan "
    "kode pos kantor, nama, pangkat, golongan dan NIP Camat, regulasi, tugas pokok dan fungsi, "
    "serta cascading kinerja. Menimbang, Mengingat (peraturan nasional butir 2-6) dan Diktum "
    "dicontoh dari Keputusan Camat Sale Kabupaten Rembang tahun 2020. Unit disusun dari pihak "
    "internal pada Peta Relasi; Camat dan Sekretariat serta susunan di bawahnya adalah perkiraan, "
    "sehingga bagian Susunan Organisasi tidak dicetak (isian Susunan Organisasi = Tidak) dan "
    "gambar bernomor 3.1 dst. seperti aslinya. "
    "Uraian proses P.1.2, P.1.3, P.1.1.1, P.1.1.2 dan L.1-L.9 tidak ada pada dokumen."
)

TEMPURSARI_UNITS: list[dict[str, object]] = [
    {"code": "U1", "name": "Camat"},
    {"code": "U2", "name": "Sekretariat", "parent": "U1"},
    {"code": "U3", "name": "Subbag Umum dan Kepegawaian", "parent": "U2"},
    {"code": "U4", "name": "Subbag Keuangan", "parent": "U2"},
    {"code": "U5", "name": "Seksi Pelayanan Umum", "parent": "U1"},
    {"code": "U6", "name": "Seksi Pemberdayaan Masyarakat", "parent": "U1"},
    {"code": "U7", "name": "Seksi Pemerintahan", "parent": "U1"},
]

TEMPURSARI_MANAJERIAL: list[dict[str, object]] = [
    {
        "code": "P.1",
        "name": "Proses Umum dan Kepegawaian",
        "unit": "U3",
        "description": "Proses Umum dan Kepegawaian merupakan Proses yang berkaitan dengan Kegiatan "
        "atau Urusan Administrasi Umum Kesekretariatan serta Administrasi Kepegawaian yang ada di "
        "Kecamatan Tempursari.",
    },
    {
        "code": "P.1.1",
        "name": "Proses Persuratan",
        "parent": "P.1",
        "description": "Proses Persuratan merupakan proses yang berkaitan dengan kegiatan Surat "
        "Menyurat yang ada di Sekretariat Kecamatan Tempursari.",
    },
    {"code": "P.1.1.1", "name": "Proses Penatausahaan Surat Masuk", "parent": "P.1.1"},
    {"code": "P.1.1.2", "name": "Proses Penatausahaan Surat Keluar", "parent": "P.1.1"},
    {"code": "P.1.2", "name": "Proses Kepegawaian", "parent": "P.1"},
    {"code": "P.1.3", "name": "Proses Pengelolaan Sarana dan Prasarana", "parent": "P.1"},
    {
        "code": "P.2",
        "name": "Proses Perencanaan dan Pelaporan",
        "unit": "U4",
        "description": "Proses Perencanaan dan Pelaporan merupakan Proses yang berkaitan dengan "
        "kegiatan atau urusan Perencanaan dan Pelaporan.",
    },
    {
        "code": "P.3",
        "name": "Proses Pengelolaan Keuangan",
        "unit": "U4",
        "description": "Proses Pengelolaan Keuangan merupakan proses yang berkaitan dengan kegiatan "
        "atau urusan administrasi pengelolaan keuangan.",
    },
]

TEMPURSARI_UTAMA: list[dict[str, object]] = [
    {
        "code": "U.1",
        "name": "Proses Pelayanan Publik",
        "unit": "U5",
        "output": "Indeks Kepuasan Masyarakat",
        "description": "Proses Pelayanan Publik merupakan Proses yang berkaitan dengan kegiatan atau "
        "urusan Pelayanan Publik dimana Indeks Kepuasan Masyarakat merupakan output yang ingin "
        "dicapai dalam kegiatan atau urusan tersebut.",
    },
    {
        "code": "U.2",
        "name": "Proses Pemberdayaan Masyarakat",
        "unit": "U6",
        "description": "Proses Pemberdayaan Masyarakat merupakan proses yang berkaitan dengan "
        "kegiatan atau urusan Pemberdayaan Masyarakat di wilayah Kecamatan Tempursari.",
    },
    {
        "code": "U.3",
        "name": "Proses Pembinaan dan Pengawasan Pemerintah Desa",
        "unit": "U7",
        "description": "Proses Pembinaan dan Pengawasan Pemerintah Desa merupakan proses yang "
        "berkaitan dengan kegiatan atau urusan Administrasi Pemerintahan Desa di wilayah Kecamatan "
        "Tempursari.",
    },
]

# Section A's order; the parties of section B's numbered items, which list L.4 before L.3.
TEMPURSARI_LAINNYA = [
    ("L.1", "Proses Pelaksanaan Musrenbang"),
    ("L.2", "Proses Validasi Usulan Musrenbang"),
    ("L.3", "Proses Penerima Pembinaan dan Fasilitasi"),
    ("L.4", "Proses Narasumber Pembinaan dan Sosialisasi"),
    ("L.5", "Proses Fasilitasi Usulan Masyarakat"),
    ("L.6", "Proses Permintaan Data"),
    ("L.7", "Proses Membuat Informasi dan Peraturan Baru"),
    ("L.8", "Proses Menindaklanjuti Permohonan dan Pemenuhan Data"),
    ("L.9", "Proses Verifikasi dan Penyampaian Informasi"),
]

TEMPURSARI_PARTIES_INTERNAL = [
    ("P.1", "Subbag Umum dan Kepegawaian"),
    ("P.2", "Subbag Keuangan"),
    ("P.3", "Subbag Keuangan"),
    ("U.1", "Seksi Pelayanan Umum"),
    ("U.2", "Seksi Pemberdayaan Masyarakat"),
    ("U.3", "Seksi Pemerintahan"),
]

TEMPURSARI_PARTIES_LAINNYA = [
    ("L.1", ["Bappeda", "OPD terkait", "Desa"]),
    ("L.2", ["Kepala Desa"]),
    ("L.4", ["Narasumber Lingkup Kota"]),
    ("L.3", ["Masyarakat", "UMKM"]),
    ("L.5", ["OPD Terkait"]),
    ("L.6", ["Bagian pada Setda Kabupaten Lumajang"]),
    (
        "L.7",
        [
            "Desa",
            "Polres/Polsek",
            "Koramil",
            "BPJS Kesehatan",
            "BPJS Ketenagakerjaan",
            "BPN",
            "DPMPTSP",
            "BPRD",
            "BPKD",
            "Dinsos",
            "Dispendukcapil",
            "Dinkes",
            "Diskominfo",
        ],
    ),
    ("L.8", ["Desa"]),
    ("L.9", ["Desa"]),
]

# Steps of three lowest-level processes, written from how a kecamatan office handles them in practice:
# (number, pelaksana, kind, activity, next/yes/no, kelengkapan, waktu, output)
TEMPURSARI_STEPS: dict[str, list[tuple[object, ...]]] = {
    "P.1.1.1": [
        (1, "U3", "Mulai", "Menerima surat masuk dari pengirim, memeriksa alamat tujuan dan kelengkapannya, "
         "lalu memberi tanda terima", {}, "Surat masuk, buku ekspedisi", "5 menit", "Surat diterima"),
        (2, "U3", "Kegiatan", "Mencatat surat dalam buku agenda surat masuk dan melampirkan lembar disposisi",
         {}, "Buku agenda surat masuk, lembar disposisi", "10 menit", "Surat tercatat"),
        (3, "U2", "Kegiatan", "Menelaah surat dan meneruskannya kepada Camat", {},
         "Surat dan lembar disposisi", "30 menit", "Surat ditelaah"),
        (4, "U1", "Keputusan", "Membaca surat dan menentukan apakah surat perlu ditindaklanjuti",
         {"yes": 5, "no": 7}, "Surat dan lembar disposisi", "1 hari", "Keputusan tindak lanjut"),
        (5, "U1", "Kegiatan", "Menuliskan disposisi kepada unit yang menindaklanjuti", {}, "Lembar disposisi",
         "15 menit", "Disposisi Camat"),
        (6, "U2", "Kegiatan", "Meneruskan surat beserta disposisinya kepada seksi yang dituju", {},
         "Buku ekspedisi", "30 menit", "Surat diterima seksi"),
        (7, "U3", "Selesai", "Mengarsipkan surat sesuai pola klasifikasi arsip", {},
         "Pola klasifikasi arsip, lemari arsip", "10 menit", "Surat terarsip"),
    ],
    "P.1.1.2": [
        (1, "U3", "Mulai", "Menerima permintaan dan bahan surat dari unit pengolah", {},
         "Nota permintaan, bahan surat", "10 menit", "Bahan surat diterima"),
        (2, "U3", "Kegiatan", "Menyusun konsep surat sesuai tata naskah dinas", {},
         "Pedoman tata naskah dinas, komputer", "1 jam", "Konsep surat"),
        (3, "U2", "Keputusan", "Memeriksa konsep surat: sudah sesuai dan siap diparaf?", {"yes": 4, "no": 2},
         "Konsep surat", "30 menit", "Konsep surat diparaf"),
        (4, "U1", "Kegiatan", "Menandatangani surat", {}, "Konsep surat berparaf", "1 hari",
         "Surat ditandatangani"),
        (5, "U3", "Kegiatan", "Memberi nomor dan tanggal surat, mencatatnya dalam buku agenda surat keluar, "
         "dan membubuhkan cap dinas", {}, "Buku agenda surat keluar, cap dinas", "15 menit",
         "Surat bernomor dan bercap"),
        (6, "U3", "Selesai", "Mengirim surat kepada alamat tujuan dan mengarsipkan salinannya", {},
         "Buku ekspedisi, map arsip", "1 hari", "Surat terkirim, salinan terarsip"),
    ],
    "L.8": [
        (1, "Desa", "Mulai", "Menyampaikan surat permohonan data kepada Camat", {}, "Surat permohonan",
         "-", "Permohonan diajukan"),
        (2, "U3", "Kegiatan", "Menerima dan mencatat permohonan, lalu meneruskannya kepada Seksi "
         "Pemerintahan", {}, "Buku agenda surat masuk", "15 menit", "Permohonan tercatat"),
        (3, "U7", "Keputusan", "Memeriksa ketersediaan data yang diminta: apakah data tersedia?",
         {"yes": 4, "no": 5}, "Permohonan data, arsip data kecamatan", "1 hari", "Hasil pemeriksaan data"),
        (4, "U7", "Kegiatan", "Menghimpun dan memverifikasi data, lalu menyiapkan surat jawaban",
         {"next": 6}, "Data kecamatan", "2 hari", "Data dan konsep surat jawaban"),
        (5, "U7", "Kegiatan", "Menyiapkan surat pemberitahuan bahwa data belum tersedia beserta alasannya",
         {}, "-", "1 hari", "Konsep surat pemberitahuan"),
        (6, "U1", "Kegiatan", "Menandatangani surat jawaban", {}, "Konsep surat", "1 hari",
         "Surat ditandatangani"),
        (7, "Desa", "Selesai", "Menerima data atau pemberitahuan dari kecamatan", {}, "Buku ekspedisi",
         "1 hari", "Data diterima desa"),
    ],
}

TEMPURSARI_SOP_LAW = [
    "Undang-Undang Nomor 43 Tahun 2009 tentang Kearsipan",
    "Peraturan Pemerintah Nomor 17 Tahun 2018 tentang Kecamatan",
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 Tahun 2012 tentang "
    "Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan",
    "Peraturan Menteri Dalam Negeri Nomor 1 Tahun 2023 tentang Tata Naskah Dinas di Lingkungan Pemerintah "
    "Daerah",
]

TEMPURSARI_SOP: list[dict[str, object]] = [
    {
        "process": "P.1.1.1",
        "dasar_hukum": "\n".join(TEMPURSARI_SOP_LAW),
        "kualifikasi": "Memahami tata naskah dinas dan kearsipan\nMampu mengoperasikan komputer",
        "keterkaitan": "SOP Penatausahaan Surat Keluar",
        "peralatan": "Buku agenda surat masuk\nLembar disposisi\nBuku ekspedisi\nLemari arsip",
        "peringatan": "Surat yang tidak segera dicatat dan didisposisi dapat hilang atau terlambat "
        "ditindaklanjuti",
        "pencatatan": "Buku agenda surat masuk\nArsip surat masuk",
    },
    {
        "process": "P.1.1.2",
        "dasar_hukum": "\n".join(TEMPURSARI_SOP_LAW),
        "kualifikasi": "Memahami tata naskah dinas\nMampu mengoperasikan komputer",
        "keterkaitan": "SOP Penatausahaan Surat Masuk",
        "peralatan": "Komputer dan pencetak\nBuku agenda surat keluar\nCap dinas\nBuku ekspedisi",
        "peringatan": "Surat yang tidak sesuai tata naskah dinas tidak sah dan harus dibuat ulang",
        "pencatatan": "Buku agenda surat keluar\nArsip salinan surat keluar",
    },
    {
        "process": "L.8",
        "dasar_hukum": "Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik\n"
        "Peraturan Pemerintah Nomor 17 Tahun 2018 tentang Kecamatan",
        "kualifikasi": "Memahami administrasi pemerintahan desa\nMampu mengolah data",
        "keterkaitan": "SOP Penatausahaan Surat Masuk\nSOP Penatausahaan Surat Keluar",
        "peralatan": "Komputer dan pencetak\nArsip data kecamatan",
        "peringatan": "Data yang diberikan tanpa diverifikasi dapat menyesatkan penggunanya",
        "pencatatan": "Buku agenda surat masuk dan keluar\nArsip surat jawaban",
    },
]


def _step_rows(steps: dict[str, list[tuple[object, ...]]]) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for process, entries in steps.items():
        for number, pelaksana, kind, activity, branches, kelengkapan, waktu, output in entries:
            rows.append(
                {
                    "process": process,
                    "number": number,
                    "activity": activity,
                    "pelaksana": pelaksana,
                    "kind": kind,
                    **branches,  # type: ignore[dict-item]
                    "kelengkapan": kelengkapan,
                    "waktu": waktu,
                    "output": output,
                }
            )
    return rows


TEMPURSARI: Rows = {
    "office": [
        {
            "government": "PEMERINTAH KABUPATEN LUMAJANG",
            "kecamatan": "Tempursari",
            "regency": "Kabupaten Lumajang",
        }
    ],
    "decree": [
        {
            "year": 2024,
            "title": "PETA PROSES BISNIS KECAMATAN TEMPURSARI KABUPATEN LUMAJANG",
            "office_line": "CAMAT TEMPURSARI KABUPATEN LUMAJANG,",
            "with_blessing": False,
            "place": "Tempursari",
            "paper": "F4",
            "cover": False,
        }
    ],
    "signer": [{"position": "CAMAT TEMPURSARI"}],
    "menimbang": [
        {
            "text": "bahwa untuk menyusun, menata, dan mengembangkan proses bisnis dalam rangka "
            "pelaksanaan tugas dan fungsi Kecamatan Tempursari Kabupaten Lumajang, perlu menetapkan "
            "Keputusan Camat tentang Peta Proses Bisnis Kecamatan Tempursari Kabupaten Lumajang;"
        },
    ],
    "mengingat": [{"text": text} for text in SALE_MENGINGAT[1:6]],
    "diktum": [
        {
            "number": 1,
            "text": "Peta Proses Bisnis Kecamatan Tempursari Kabupaten Lumajang "
            "sebagaimana tercantum dalam Lampiran Keputusan ini.",
        },
        {"number": 2, "text": "Keputusan ini mulai berlaku pada tanggal ditetapkan."},
    ],
    "lampiran": [
        {
            "title": "PETA PROSES BISNIS KECAMATAN TEMPURSARI",
            "figure_chapter": "3",
            "narrative": True,
            "instrument_table": False,
            "organisation": False,
        }
    ],
    "texts": [
        {
            "section": "Pengantar Peta Proses",
            "text": "Proses Manajerial merupakan proses dari kegiatan yang bersifat rutin dan umum "
            "yaitu kegiatan kesekretariatan Kecamatan. Sedangkan Proses Utama merupakan proses dari "
            "kegiatan utama yang berkaitan dengan Tugas dan Fungsi dari Kecamatan Tempursari.",
        },
        {
            "section": "Pengantar Peta Relasi",
            "text": "Peta relasi (Relationship Map) adalah peta yang menggambarkan dan menunjukkan "
            "siapa saja pihak atau elemen yang terlibat dalam setiap proses yang tergambarkan pada "
            "peta proses bisnis. Peta relasi ini penting untuk dapat memahami peranan setiap pihak "
            "dalam mengerjakan suatu proses sehingga tercapai output yang ditentukan.",
        },
        {"section": "Pemangku Kepentingan", "text": "Masyarakat"},
        {
            "section": "Uraian Proses Manajerial",
            "text": "Proses Manajerial merupakan proses yang berkaitan dengan kegiatan atau urusan "
            "rutin pada bidang kesekretariatan Kecamatan Tempursari",
        },
    ],
    "units": TEMPURSARI_UNITS,
    "processes": [
        *({**row, "category": "Manajerial"} for row in TEMPURSARI_MANAJERIAL),
        *({**row, "category": "Utama"} for row in TEMPURSARI_UTAMA),
        *({"code": code, "name": name, "category": "Lainnya"} for code, name in TEMPURSARI_LAINNYA),
    ],
    "relations": [
        *(
            {"process": code, "party": party, "kind": "Internal"}
            for code, party in TEMPURSARI_PARTIES_INTERNAL
        ),
        *(
            {"process": code, "party": party, "kind": "Eksternal"}
            for code, parties in TEMPURSARI_PARTIES_LAINNYA
            for party in parties
        ),
    ],
    "steps": _step_rows(TEMPURSARI_STEPS),
    "sop": TEMPURSARI_SOP,
}

# --- National regulations the new examples cite (real titles) ------------------------------------

UU_PEMDA = SALE_MENGINGAT[1]
PP_KECAMATAN = "Peraturan Pemerintah Nomor 17 Tahun 2018 tentang Kecamatan;"
PERPRES_GRAND_DESIGN = SALE_MENGINGAT[2]
PERMENPAN_PETA = SALE_MENGINGAT[5]
PERMENPAN_SOP = (
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 35 Tahun 2012 tentang "
    "Pedoman Penyusunan Standar Operasional Prosedur Administrasi Pemerintahan;"
)
PERMENPAN_SAKIP = (
    "Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 53 Tahun 2014 tentang "
    "Petunjuk Teknis Perjanjian Kinerja, Pelaporan Kinerja dan Tata Cara Reviu atas Laporan Kinerja "
    "Instansi Pemerintah;"
)

# --- Keputusan Camat Senduro, Kabupaten Lumajang, 2021: Plt., indicators with formulas, TTE -------

SENDURO_NOTE = (
    "Contoh susunan keputusan sebuah kecamatan kabupaten di Jawa Timur, untuk menunjukkan apa yang "
    "dicetak berbeda dari Sale: kop empat baris dari lembar Kop (baris alamat dan kode pos seperti "
    'ditulis kantornya), nomor dengan label "NOMOR :", penandatangan pelaksana tugas (Plt.) dengan '
    "nama panjang bergelar dan golongan dicetak, tanda tangan elektronik (TTE) dengan kalimat BSrE di "
    "kaki halaman, dan beberapa indikator per sasaran dengan formula, sumber data dan target (tabel "
    "IKU). Nama pejabat, NIP, nomor keputusan, alamat surel, proses dan angka kinerja adalah rekaan; "
    "peraturan pada Mengingat adalah peraturan nasional yang sebenarnya."
)

SENDURO_PROCESSES: list[dict[str, object]] = [
    {"code": "M.1", "name": "Proses Perencanaan dan Pelaporan Kinerja", "category": "Manajerial"},
    {"code": "M.2", "name": "Proses Pengelolaan Keuangan dan Aset", "category": "Manajerial"},
    {"code": "U.1", "name": "Proses Pelayanan Administrasi Terpadu Kecamatan", "category": "Utama"},
    {"code": "U.2", "name": "Proses Pembinaan Pemerintahan Desa", "category": "Utama"},
    {"code": "U.3", "name": "Proses Pemberdayaan Masyarakat Desa", "category": "Utama"},
    {"code": "P.1", "name": "Proses Pengelolaan Kepegawaian dan Umum", "category": "Pendukung"},
]

SENDURO_KINERJA: list[dict[str, object]] = [
    {
        "code": "K1",
        "source": "RPJMD",
        "level": "Sasaran",
        "text": "Meningkatnya kualitas pelayanan publik",
        "indicator": "Indeks Kepuasan Masyarakat Kabupaten Lumajang",
    },
    {
        "code": "K2",
        "source": "Renstra",
        "level": "Tujuan",
        "text": "Meningkatkan kualitas pelayanan dan penyelenggaraan pemerintahan kecamatan",
        "parent": "K1",
    },
    {
        "code": "K3",
        "source": "Renstra",
        "level": "Sasaran",
        "text": "Meningkatnya kualitas pelayanan administrasi di kecamatan",
        "parent": "K2",
    },
    {
        "code": "K4",
        "source": "Renstra",
        "level": "Sasaran",
        "text": "Meningkatnya tertib penyelenggaraan pemerintahan desa",
        "parent": "K2",
    },
    {
        "code": "K5",
        "source": "Renstra",
        "level": "Program",
        "text": "Program Penyelenggaraan Pemerintahan dan Pelayanan Publik",
        "indicator": "Persentase layanan yang diselesaikan sesuai SOP",
        "parent": "K3",
    },
]

SENDURO_INDICATORS: list[dict[str, object]] = [
    {
        "kinerja": "K3",
        "name": "Indeks Kepuasan Masyarakat terhadap pelayanan kecamatan",
        "formula": "Nilai rata-rata tertimbang unsur pelayanan x 25 (PermenPAN-RB 14/2017)",
        "source": "Laporan Survei Kepuasan Masyarakat",
        "target": "82",
    },
    {
        "kinerja": "K3",
        "name": "Persentase layanan administrasi yang selesai tepat waktu",
        "formula": "Jumlah layanan selesai tepat waktu / jumlah seluruh layanan x 100%",
        "source": "Buku register pelayanan PATEN",
        "target": "90 %",
    },
    {
        "kinerja": "K4",
        "name": "Persentase desa yang menyampaikan APBDes tepat waktu",
        "formula": "Jumlah desa yang menyampaikan APBDes tepat waktu / jumlah desa x 100%",
        "source": "Laporan Seksi Pemerintahan",
        "target": "100 %",
    },
    {
        "kinerja": "K4",
        "name": "Persentase desa dengan laporan pertanggungjawaban APBDes lengkap",
        "formula": "Jumlah desa dengan LPJ APBDes lengkap / jumlah desa x 100%",
        "source": "Hasil evaluasi Seksi Pemerintahan",
        "target": "100 %",
    },
    {
        "kinerja": "K5",
        "name": "Persentase layanan yang diselesaikan sesuai SOP",
        "formula": "Jumlah layanan sesuai SOP / jumlah seluruh layanan x 100%",
        "source": "Buku register pelayanan PATEN",
        "target": "95 %",
    },
]

SENDURO: Rows = {
    "office": [
        {
            "government": "PEMERINTAH KABUPATEN LUMAJANG",
            "kecamatan": "Senduro",
            "regency": "Kabupaten Lumajang",
        }
    ],
    "kop": [
        {
            "text": "Jalan Raya Senduro No. 97 Telp/Fax. (0334) 610463 "
            "email: kecamatan.senduro@lumajangkab.go.id"
        },
        {"text": "SENDURO - 67361"},
    ],
    "decree": [
        {
            "year": 2021,
            "number": "NOMOR : 188.4 / 07 / 427.80 / 2021",
            "title": "PETA PROSES BISNIS KECAMATAN SENDURO KABUPATEN LUMAJANG",
            "office_line": "CAMAT SENDURO,",
            "place": "Senduro",
            "date": dt.date(2021, 2, 12),
            "paper": "F4",
            "cover": True,
        }
    ],
    "signer": [
        {
            "position": "Plt. CAMAT SENDURO",
            "name": "Dr. RADEN MUHAMMAD SYAIFUDDIN, S.STP., M.Si.",
            "pangkat": "Pembina",
            "golongan": "IV/a",
            "nip": "19780412 199812 1 001",
            "show_golongan": True,
            "electronic": True,
        }
    ],
    "tata_naskah": [{"font": "Arial", "tte_anchor": "^"}],
    "menimbang": [
        {
            "text": "bahwa untuk menyusun, menata, dan mengembangkan proses bisnis dalam rangka pelaksanaan "
            "tugas dan fungsi Kecamatan Senduro, perlu disusun Peta Proses Bisnis yang selaras dengan "
            "sasaran dan indikator kinerja kecamatan;"
        },
        {
            "text": "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan "
            "Keputusan Camat tentang Peta Proses Bisnis Kecamatan Senduro Kabupaten Lumajang;"
        },
    ],
    "mengingat": [
        {"text": text}
        for text in (UU_PEMDA, PP_KECAMATAN, PERPRES_GRAND_DESIGN, PERMENPAN_SAKIP, PERMENPAN_PETA)
    ],
    "diktum": [
        {
            "number": 1,
            "text": "Peta Proses Bisnis Kecamatan Senduro Kabupaten Lumajang sebagaimana tercantum dalam "
            "Lampiran Keputusan ini.",
        },
        {
            "number": 2,
            "text": "Peta Proses Bisnis sebagaimana dimaksud dalam Diktum KESATU menjadi acuan penyusunan "
            "standar operasional prosedur dan pengukuran kinerja di lingkungan Kecamatan Senduro.",
        },
        {"number": 3, "text": "Keputusan ini mulai berlaku pada tanggal ditetapkan."},
    ],
    "tembusan": [
        {"text": "Bupati Lumajang (sebagai laporan);"},
        {"text": "Sekretaris Daerah Kabupaten Lumajang;"},
        {"text": "Kepala Bagian Organisasi Sekretariat Daerah Kabupaten Lumajang."},
    ],
    "regulasi": [{"text": PERMENPAN_PETA.rstrip(";")}, {"text": PERMENPAN_SAKIP.rstrip(";")}],
    "lampiran": [
        {
            "title": "PETA PROSES BISNIS KECAMATAN SENDURO",
            "narrative": False,
            "instrument_table": True,
            "organisation": False,
            "cascading_title": "CASCADING KINERJA KECAMATAN SENDURO",
        }
    ],
    "processes": SENDURO_PROCESSES,
    "kinerja": SENDURO_KINERJA,
    "indicators": SENDURO_INDICATORS,
}

# --- Keputusan Camat Sidorejo, Kota Salatiga, 2023: a Kota with Kelurahan, a.n. signer, draft -----

SIDOREJO_NOTE = (
    "Contoh susunan keputusan sebuah kecamatan kota di Jawa Tengah: kop empat baris dari lembar Kop, "
    'nomor "Nomor :" dengan bagian registrasi dibiarkan kosong, tanggal rancangan (hanya bulan dan '
    "tahun), penandatangan atas nama (a.n.) pada dua baris dengan golongan dicetak, tembusan dengan "
    "ganti baris, kelurahan sebagai unit di bawah kecamatan, huruf Bookman Old Style, kertas A4 dan margin "
    "kota (lembar Tata Naskah). Nama kelurahan sesuai Kecamatan Sidorejo; nama pejabat, NIP, alamat, "
    "nomor telepon dan uraian proses adalah rekaan."
)

SIDOREJO_KELURAHAN = ("Blotongan", "Bugel", "Kauman Kidul", "Pulutan", "Salatiga", "Sidorejo Lor")

SIDOREJO_UNITS: list[dict[str, object]] = [
    {"code": "U1", "name": "Camat", "jabatan": "Camat"},
    {"code": "U2", "name": "Sekretariat", "parent": "U1", "jabatan": "Sekretaris Kecamatan"},
    {"code": "U3", "name": "Subbagian Umum dan Kepegawaian", "parent": "U2"},
    {"code": "U4", "name": "Subbagian Perencanaan dan Keuangan", "parent": "U2"},
    {"code": "U5", "name": "Seksi Pemerintahan", "parent": "U1", "jabatan": "Kepala Seksi Pemerintahan"},
    {
        "code": "U6",
        "name": "Seksi Pemberdayaan Masyarakat",
        "parent": "U1",
        "jabatan": "Kepala Seksi Pemberdayaan Masyarakat",
    },
    {"code": "U7", "name": "Seksi Ketenteraman dan Ketertiban Umum", "parent": "U1"},
    {"code": "U8", "name": "Kelurahan", "parent": "U1"},
    *(
        {"code": f"KL{index}", "name": f"Kelurahan {name}", "parent": "U8"}
        for index, name in enumerate(SIDOREJO_KELURAHAN, start=1)
    ),
    {"code": "U9", "name": "Kelompok Jabatan Fungsional", "parent": "U1", "functional": True},
]

SIDOREJO: Rows = {
    "office": [
        {
            "government": "PEMERINTAH KOTA SALATIGA",
            "kecamatan": "Sidorejo",
            "regency": "Kota Salatiga",
        }
    ],
    "kop": [
        {"text": "Jalan Diponegoro Nomor 80 Telepon (0298) 326 112 Pos-el kec.sidorejo@salatiga.go.id"},
        {"text": "SALATIGA 50711"},
    ],
    "decree": [
        {
            "year": 2023,
            "number": "Nomor : 050 /        / 2023",
            "title": "PETA PROSES BISNIS KECAMATAN SIDOREJO\nKOTA SALATIGA",
            "office_line": "CAMAT SIDOREJO KOTA SALATIGA,",
            "place": "Salatiga",
            "date": "Maret 2023",
            "paper": "A4",
            "cover": False,
        }
    ],
    "signer": [
        {
            "position": "a.n. CAMAT SIDOREJO\nSekretaris Kecamatan,",
            "name": "SRI WAHYUNINGSIH, S.Sos., M.M.",
            "pangkat": "Penata Tingkat I",
            "golongan": "III/d",
            "nip": "19800915 200501 2 004",
            "show_golongan": True,
        }
    ],
    "tata_naskah": [
        {
            "font": "Bookman Old Style",
            "font_size": 12,
            "margin_left": 25,
            "margin_right": 20,
            "margin_top": 20,
            "margin_bottom": 20,
        }
    ],
    "menimbang": [
        {
            "text": "bahwa dalam rangka meningkatkan efektivitas dan efisiensi pelaksanaan tugas dan fungsi "
            "Kecamatan Sidorejo beserta kelurahan di wilayahnya, perlu disusun Peta Proses Bisnis;"
        },
        {
            "text": "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan "
            "Keputusan Camat tentang Peta Proses Bisnis Kecamatan Sidorejo Kota Salatiga;"
        },
    ],
    "mengingat": [{"text": text} for text in (UU_PEMDA, PP_KECAMATAN, PERMENPAN_PETA)],
    "diktum": [
        {
            "number": 1,
            "text": "Peta Proses Bisnis Kecamatan Sidorejo Kota Salatiga sebagaimana tercantum dalam "
            "Lampiran Keputusan ini.",
        },
        {"number": 2, "text": "Keputusan ini mulai berlaku pada tanggal ditetapkan."},
    ],
    "tembusan": [
        {"text": "Yth. Wali Kota Salatiga\n(sebagai laporan);"},
        {"text": "Yth. Sekretaris Daerah Kota Salatiga;"},
        {"text": "Para Lurah se-Kecamatan Sidorejo."},
    ],
    "lampiran": [
        {
            "title": "PETA PROSES BISNIS KECAMATAN SIDOREJO\nKOTA SALATIGA",
            "susunan_intro": "Susunan organisasi Kecamatan Sidorejo terdiri dari :",
            "bagan_title": "BAGAN SUSUNAN ORGANISASI\nKECAMATAN SIDOREJO KOTA SALATIGA",
            "narrative": False,
            "instrument_table": True,
            "organisation": True,
        }
    ],
    "units": SIDOREJO_UNITS,
    "tupoksi": [
        {
            "unit": "U1",
            "kind": "Tugas Pokok",
            "text": "Membantu Wali Kota dalam mengoordinasikan penyelenggaraan pemerintahan, pelayanan "
            "publik dan pemberdayaan masyarakat kelurahan.",
        },
        {"unit": "U1", "kind": "Fungsi", "text": "Penyelenggaraan urusan pemerintahan umum;"},
        {
            "unit": "U1",
            "kind": "Fungsi",
            "text": "Pembinaan dan pengawasan penyelenggaraan kegiatan kelurahan.",
        },
    ],
    "processes": [
        {
            "code": "M.1",
            "name": "Proses Perencanaan dan Penganggaran",
            "category": "Manajerial",
            "unit": "U4",
        },
        {
            "code": "U.1",
            "name": "Proses Pelayanan Administrasi Kependudukan",
            "category": "Utama",
            "unit": "U5",
        },
        {"code": "U.2", "name": "Proses Pembinaan Kelurahan", "category": "Utama", "unit": "U5"},
        {
            "code": "U.3",
            "name": "Proses Pemberdayaan Masyarakat Kelurahan",
            "category": "Utama",
            "unit": "U6",
        },
        {
            "code": "P.1",
            "name": "Proses Administrasi Umum dan Kepegawaian",
            "category": "Pendukung",
            "unit": "U3",
        },
    ],
    "relations": [
        {"process": "U.1", "party": "Dinas Kependudukan dan Pencatatan Sipil", "kind": "Eksternal"},
        {"process": "U.2", "party": "Kelurahan Blotongan", "kind": "Internal"},
        {"process": "U.3", "party": "Lembaga Pemberdayaan Masyarakat Kelurahan", "kind": "Eksternal"},
    ],
}

# --- Keputusan Camat Karanganyar, Kabupaten Karanganyar, 2021: no Lampiran, drafting date ---------

KARANGANYAR_NOTE = (
    "Contoh keputusan tanpa Lampiran dan tentang pokok lain: kop empat baris (baris alamat dan tempat "
    'seperti ditulis kantornya), nomor "Nomor :" dengan bagian registrasi kosong, tanggal rancangan '
    '"Februari 2021" (harinya diisi saat penandatanganan) dan pelaksana harian (Plh.). Tanpa lembar '
    "Lampiran, Unit, Proses dan Kinerja, keputusan dicetak tanpa halaman Lampiran dan tanpa tanda tangan "
    "kedua. Nama pejabat, NIP dan isi diktum adalah rekaan."
)

KARANGANYAR: Rows = {
    "office": [
        {
            "government": "PEMERINTAH KABUPATEN KARANGANYAR",
            "kecamatan": "Karanganyar",
            "regency": "Kabupaten Karanganyar",
        }
    ],
    "kop": [
        {"text": "Alamat : JL. Lawu No. Telp. ( 0271) 495030 Kode Pos 57711"},
        {"text": "KARANGANYAR"},
    ],
    "decree": [
        {
            "year": 2021,
            "number": "Nomor : 188 / / 427.95 / 2021",
            "title": "PENUNJUKAN PENGELOLA PETA PROSES BISNIS DAN STANDAR OPERASIONAL PROSEDUR KECAMATAN "
            "KARANGANYAR",
            "office_line": "CAMAT KARANGANYAR,",
            "place": "Karanganyar",
            "date": "Februari 2021",
            "paper": "F4",
            "cover": False,
        }
    ],
    "signer": [
        {
            "position": "Plh. CAMAT KARANGANYAR",
            "name": "BAMBANG SRI WIDODO, S.H., M.M.",
            "pangkat": "Pembina",
            "golongan": "IV/a",
            "nip": "19750103 199703 1 002",
        }
    ],
    "menimbang": [
        {
            "text": "bahwa Peta Proses Bisnis dan Standar Operasional Prosedur Kecamatan Karanganyar perlu "
            "dikelola, dimutakhirkan dan dievaluasi secara berkala oleh pengelola yang ditunjuk;"
        },
        {
            "text": "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, perlu menetapkan "
            "Keputusan Camat tentang Penunjukan Pengelola Peta Proses Bisnis dan Standar Operasional "
            "Prosedur Kecamatan Karanganyar;"
        },
    ],
    "mengingat": [{"text": text} for text in (UU_PEMDA, PP_KECAMATAN, PERMENPAN_SOP, PERMENPAN_PETA)],
    "diktum": [
        {
            "number": 1,
            "text": "Menunjuk Kepala Subbagian Umum dan Kepegawaian Kecamatan Karanganyar sebagai pengelola "
            "Peta Proses Bisnis dan Standar Operasional Prosedur Kecamatan Karanganyar.",
        },
        {"number": 2, "text": "Pengelola sebagaimana dimaksud dalam Diktum KESATU bertugas:"},
        {"number": 2, "item": "a", "text": "menghimpun usulan perubahan proses bisnis dari setiap seksi;"},
        {
            "number": 2,
            "item": "b",
            "text": "memutakhirkan Peta Proses Bisnis dan Standar Operasional Prosedur paling sedikit satu "
            "kali dalam setahun; dan",
        },
        {"number": 2, "item": "c", "text": "melaporkan pelaksanaan tugasnya kepada Camat."},
        {
            "number": 3,
            "text": "Segala biaya yang timbul akibat ditetapkannya Keputusan ini dibebankan pada Dokumen "
            "Pelaksanaan Anggaran Kecamatan Karanganyar Tahun Anggaran 2021.",
        },
        {"number": 4, "text": "Keputusan ini mulai berlaku pada tanggal ditetapkan."},
    ],
    "tembusan": [
        {"text": "Bupati Karanganyar;"},
        {"text": "Sekretaris Daerah Kabupaten Karanganyar;"},
        {"text": "Yang bersangkutan."},
    ],
}

EXAMPLES: dict[str, tuple[Rows, str]] = {
    "sale-2020.xlsx": (SALE, SALE_NOTE),
    "tempursari-2024.xlsx": (TEMPURSARI, TEMPURSARI_NOTE),
    "senduro-2021.xlsx": (SENDURO, SENDURO_NOTE),
    "sidorejo-2023.xlsx": (SIDOREJO, SIDOREJO_NOTE),
    "karanganyar-2021.xlsx": (KARANGANYAR, KARANGANYAR_NOTE),
}


def build(directory: Path = INPUTS) -> list[Path]:
    """Write every example workbook into ``directory``; return their paths."""
    paths = []
    for name, (rows, note) in EXAMPLES.items():
        path = directory / name
        write_blank(path, rows, source_note=note)
        paths.append(path)
    return paths


def main() -> None:
    for path in build():
        print(path)


if __name__ == "__main__":
    main()
