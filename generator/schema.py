"""The workbook contract: one declarative description of every sheet and column.

The reader, the validator, the blank-workbook writer and the README's table all read this module;
no other place lists sheets or columns.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum


class Kind(str, Enum):
    """Value type of a column, which decides how a cell is converted and checked."""

    TEXT = "teks"
    INTEGER = "bilangan"
    YEAR = "tahun"
    DATE = "tanggal"
    NIP = "NIP"
    CHOICE = "pilihan"
    BOOL = "Ya/Tidak"
    PATH = "berkas"


class Layout(str, Enum):
    """FORM: one record, one field per row (label, value, help). TABLE: header row, one record per row."""

    FORM = "formulir"
    TABLE = "tabel"


@dataclass(frozen=True)
class Column:
    key: str  # attribute name used by the code
    header: str  # what staff see in the workbook
    kind: Kind = Kind.TEXT
    required: bool = False
    recommended: bool = False  # empty is allowed but warned about: the document prints a blank to fill
    verbatim: bool = False  # keep inner spaces exactly (a decree number's blanks are filled by hand)
    choices: tuple[str, ...] = ()
    synonyms: Mapping[str, str] = field(default_factory=dict)  # lower-case alias -> choice
    help: str = ""
    width: int = 30
    default: object = None

    def allowed(self) -> tuple[str, ...]:
        return ("Ya", "Tidak") if self.kind is Kind.BOOL else self.choices


@dataclass(frozen=True)
class Sheet:
    key: str
    name: str  # sheet name in the workbook
    layout: Layout
    columns: tuple[Column, ...]
    help: str
    required: bool = True  # the sheet must exist (it may still be empty unless min_rows)
    min_rows: int = 0

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


# Form sheets: the value of field i stands in column B of row i + 2 (row 1 is the header).
FORM_HEADERS = ("Isian", "Nilai", "Keterangan")
FORM_FIRST_ROW = 2
TABLE_FIRST_ROW = 2
INSTRUCTIONS_SHEET = "Petunjuk"

CATEGORY_SYNONYMS = {
    "manajemen": "Manajerial",
    "manajerial": "Manajerial",
    "inti": "Utama",
    "utama": "Utama",
    "pendukung": "Pendukung",
    "penunjang": "Pendukung",
    "lainnya": "Lainnya",
    "lain-lain": "Lainnya",
    "lain": "Lainnya",
}

ORDER = Column("order", "Urutan", Kind.INTEGER, width=8, help="Urutan cetak; kosong berarti urutan baris.")

KANTOR = Sheet(
    "office",
    "Kantor",
    Layout.FORM,
    (
        Column(
            "government",
            "Pemerintah Daerah",
            required=True,
            width=40,
            help='Baris pertama kop, huruf kapital. Contoh: "PEMERINTAH KABUPATEN REMBANG".',
        ),
        Column(
            "kecamatan",
            "Nama Kecamatan",
            required=True,
            help='Nama kecamatan tanpa kata "Kecamatan". Contoh: "Sale".',
        ),
        Column(
            "regency",
            "Kabupaten/Kota",
            required=True,
            help='Contoh: "Kabupaten Rembang" atau "Kota Malang".',
        ),
        Column("address", "Alamat", help='Contoh: "Jl. Blora No.45 Km. 1".'),
        Column("phone", "Telepon", help='Contoh: "( 0295) 005 391 405".'),
        Column("postal_code", "Kode Pos", help="Lima angka. Contoh: 59265."),
        Column("email", "Email", help="Alamat surel kantor."),
        Column("website", "Laman", help="Alamat situs web kantor."),
        Column(
            "locality",
            "Tempat pada Kop",
            help='Nama tempat di akhir baris alamat kop. Contoh: "Sale- Rembang".',
        ),
        Column(
            "logo",
            "Logo",
            Kind.PATH,
            help="Berkas gambar lambang daerah (PNG/JPG), relatif terhadap folder buku kerja. Boleh kosong.",
        ),
    ),
    "Identitas kantor yang mengeluarkan keputusan; dicetak sebagai kop surat.",
)

KEPUTUSAN = Sheet(
    "decree",
    "Keputusan",
    Layout.FORM,
    (
        Column("year", "Tahun", Kind.YEAR, required=True, help="Tahun keputusan. Contoh: 2020."),
        Column(
            "number",
            "Nomor",
            width=40,
            recommended=True,
            verbatim=True,
            help="Nomor keputusan persis seperti akan dicetak; bagian yang diisi saat registrasi "
            'dibiarkan kosong. Contoh: "890 /        /2020".',
        ),
        Column(
            "title",
            "Tentang",
            required=True,
            width=60,
            help='Judul keputusan setelah kata TENTANG. Contoh: "PETA PROSES BISNIS KECAMATAN '
            'SALE KABUPATEN REMBANG".',
        ),
        Column(
            "office_line",
            "Baris Jabatan",
            required=True,
            width=40,
            help='Baris sebelum Menimbang. Contoh: "CAMAT SALE KABUPATEN REMBANG,".',
        ),
        Column(
            "with_blessing",
            "Dengan Rahmat Tuhan",
            Kind.BOOL,
            default=False,
            help='Ya: cetak "DENGAN RAHMAT TUHAN YANG MAHA ESA" di atas baris jabatan.',
        ),
        Column("place", "Tempat Penetapan", required=True, help='Contoh: "Sale".'),
        Column(
            "date",
            "Tanggal Penetapan",
            Kind.DATE,
            recommended=True,
            help='Tanggal Excel atau teks seperti "29 Mei 2020". Boleh kosong bila belum ditetapkan.',
        ),
        Column(
            "paper",
            "Ukuran Kertas",
            Kind.CHOICE,
            choices=("F4", "A4"),
            default="F4",
            synonyms={"folio": "F4", "f4": "F4", "a4": "A4"},
            help="F4 (215 x 330 mm) atau A4 (210 x 297 mm).",
        ),
        Column(
            "cover",
            "Halaman Sampul",
            Kind.BOOL,
            default=True,
            help="Ya: cetak halaman sampul PROSES BISNIS dan daftar regulasi.",
        ),
    ),
    "Data keputusan: tahun, nomor, judul, tempat dan tanggal penetapan, ukuran kertas.",
)

PENANDATANGAN = Sheet(
    "signer",
    "Penandatangan",
    Layout.FORM,
    (
        Column("position", "Jabatan", required=True, help='Contoh: "CAMAT SALE".'),
        Column(
            "name",
            "Nama",
            recommended=True,
            help='Nama lengkap dengan gelar. Contoh: "Drs. SUBHAN".',
        ),
        Column(
            "pangkat",
            "Pangkat",
            help='Contoh: "Pembina Tingkat I" atau "Pembina Tk.I". Boleh kosong bila golongan diisi.',
        ),
        Column("golongan", "Golongan", help='Contoh: "IV/b".'),
        Column(
            "nip",
            "NIP",
            Kind.NIP,
            recommended=True,
            help="18 angka, boleh dengan spasi. Contoh: 19661124 199203 1 005.",
        ),
    ),
    "Pejabat yang menandatangani keputusan dan lampirannya.",
)

LAMPIRAN = Sheet(
    "lampiran",
    "Lampiran",
    Layout.FORM,
    (
        Column(
            "title",
            "Judul Lampiran",
            width=50,
            help='Contoh: "PETA PROSES BISNIS KECAMATAN SALE KABUPATEN REMBANG".',
        ),
        Column(
            "susunan_intro",
            "Pengantar Susunan Organisasi",
            width=50,
            help='Kalimat sebelum daftar unit. Contoh: "(1) Susunan organisasi Kecamatan terdiri dari :".',
        ),
        Column(
            "bagan_title",
            "Judul Bagan Organisasi",
            width=50,
            help='Contoh: "BAGAN SUSUNAN ORGANISASI KECAMATAN DI KABUPATEN REMBANG".',
        ),
        Column(
            "tupoksi_title",
            "Judul Tugas Pokok",
            width=50,
            help='Contoh: "TUGAS POKOK KECAMATAN SALE KABUPATEN REMBANG".',
        ),
        Column(
            "keterkaitan_title",
            "Judul Keterkaitan",
            width=50,
            help='Contoh: "KETERIKATAN RPJMD KAB.REMBANG TAHUN 2016-2021 DENGAN RENSTRA '
            'KECAMATAN SALE TAHUN 2016 - 2021".',
        ),
        Column("keterkaitan_rpjmd", "Judul Kolom RPJMD", help='Contoh: "RPJMD TAHUN 2016-2021".'),
        Column(
            "keterkaitan_renstra",
            "Judul Kolom Renstra",
            help='Contoh: "RENSTRA KECAMATAN TAHUN 2016-2021".',
        ),
        Column(
            "cascading_title",
            "Judul Cascading Kinerja",
            width=40,
            help='Contoh: "Cascading Kinerja Kecamatan Sale".',
        ),
        Column(
            "figure_chapter",
            "Nomor Bab Gambar",
            width=10,
            help='Awalan nomor gambar: "3" memberi "Gambar 3.1."; kosong memberi "Gambar 1.".',
        ),
        Column(
            "narrative",
            "Narasi Peta Proses",
            Kind.BOOL,
            default=True,
            help="Ya: tulis bagian A (Peta Proses Bisnis), B (Peta Relasi) dan C (per proses) "
            "dari lembar Proses dan Relasi.",
        ),
        Column(
            "instrument_table",
            "Tabel Instrumen",
            Kind.BOOL,
            default=True,
            help="Ya: cetak ISI TABEL INSTRUMEN (proses tingkat teratas).",
        ),
        Column(
            "organisation",
            "Susunan Organisasi",
            Kind.BOOL,
            default=True,
            help="Ya: cetak bagian Susunan Organisasi dan bagannya dari lembar Unit. Tidak: data Unit "
            "tetap dipakai (penanggung jawab, pihak internal) tetapi bagian itu tidak dicetak.",
        ),
    ),
    "Judul dan pilihan bagian Lampiran. Bagian yang kosong tidak dicetak.",
    required=False,
)

SECTIONS = {
    "sejarah": "Sejarah Pembentukan",
    "dasar_hukum": "Dasar Hukum",
    "dasar_susunan": "Dasar Susunan Organisasi",
    "tupoksi_intro": "Pengantar Tugas Pokok",
    "peta_intro": "Pengantar Peta Proses",
    "relasi_intro": "Pengantar Peta Relasi",
    "stakeholders": "Pemangku Kepentingan",
    "intro:Manajerial": "Uraian Proses Manajerial",
    "intro:Utama": "Uraian Proses Utama",
    "intro:Pendukung": "Uraian Proses Pendukung",
    "intro:Lainnya": "Uraian Proses Lainnya",
}

URAIAN = Sheet(
    "texts",
    "Uraian",
    Layout.TABLE,
    (
        Column(
            "section",
            "Bagian",
            Kind.CHOICE,
            required=True,
            choices=tuple(SECTIONS.values()),
            width=28,
            help="Bagian Lampiran tempat paragraf ini dicetak.",
        ),
        Column(
            "text",
            "Isi",
            required=True,
            width=90,
            help="Satu paragraf atau satu butir; urutan baris adalah urutan cetak.",
        ),
    ),
    "Paragraf bebas Lampiran: sejarah pembentukan, dasar hukum, pengantar, pemangku kepentingan.",
    required=False,
)

MENIMBANG = Sheet(
    "menimbang",
    "Menimbang",
    Layout.TABLE,
    (
        Column(
            "text",
            "Isi",
            required=True,
            width=100,
            help='Satu butir per baris, dimulai "bahwa"; huruf a., b., ... diberikan otomatis.',
        ),
    ),
    "Butir-butir Menimbang, berurutan.",
    min_rows=1,
)

MENGINGAT = Sheet(
    "mengingat",
    "Mengingat",
    Layout.TABLE,
    (
        Column(
            "text",
            "Isi",
            required=True,
            width=100,
            help="Satu peraturan per baris; nomor 1., 2., ... diberikan otomatis.",
        ),
    ),
    "Dasar hukum (Mengingat), berurutan.",
    min_rows=1,
)

DIKTUM = Sheet(
    "diktum",
    "Diktum",
    Layout.TABLE,
    (
        Column(
            "number",
            "Diktum",
            Kind.INTEGER,
            required=True,
            width=10,
            help="Nomor diktum: 1 untuk KESATU, 2 untuk KEDUA, dan seterusnya.",
        ),
        Column(
            "item",
            "Butir",
            width=8,
            help='Kosong untuk isi diktum; huruf "a", "b", ... untuk butir di bawahnya.',
        ),
        Column("text", "Isi", required=True, width=90, help="Isi diktum atau butirnya."),
    ),
    "Diktum KESATU, KEDUA, ... dengan butir a., b. di bawahnya.",
    min_rows=1,
)

TEMBUSAN = Sheet(
    "tembusan",
    "Tembusan",
    Layout.TABLE,
    (Column("text", "Isi", required=True, width=70, help='Contoh: "Bupati Rembang;".'),),
    "Penerima tembusan. Kosongkan bila tidak ada.",
    required=False,
)

REGULASI = Sheet(
    "regulasi",
    "Regulasi",
    Layout.TABLE,
    (Column("text", "Isi", required=True, width=100, help="Satu peraturan per baris."),),
    "Daftar regulasi pada halaman sampul.",
    required=False,
)

UNIT = Sheet(
    "units",
    "Unit",
    Layout.TABLE,
    (
        Column("code", "Kode", required=True, width=10, help='Kode unik unit. Contoh: "U1".'),
        Column("name", "Nama Unit", required=True, width=45, help='Contoh: "Sekretariat".'),
        Column("parent", "Induk", width=10, help="Kode unit atasan; kosong untuk pimpinan (Camat)."),
        Column(
            "jabatan",
            "Jabatan Pimpinan",
            width=45,
            help='Jabatan kepala unit untuk tugas pokok. Contoh: "Sekretaris Kecamatan".',
        ),
        Column(
            "functional",
            "Jabatan Fungsional",
            Kind.BOOL,
            default=False,
            width=12,
            help="Ya untuk Kelompok Jabatan Fungsional (garis putus-putus pada bagan).",
        ),
        ORDER,
    ),
    "Susunan organisasi: satu unit per baris, hierarki lewat kolom Induk.",
    required=False,
)

TUPOKSI = Sheet(
    "tupoksi",
    "Tupoksi",
    Layout.TABLE,
    (
        Column("unit", "Unit", required=True, width=10, help="Kode unit dari lembar Unit."),
        Column(
            "kind",
            "Jenis",
            Kind.CHOICE,
            required=True,
            choices=("Tugas Pokok", "Fungsi"),
            synonyms={"tugas": "Tugas Pokok", "tupok": "Tugas Pokok", "fungsi": "Fungsi"},
            width=14,
            help="Tugas Pokok (paragraf) atau Fungsi (butir bernomor).",
        ),
        Column("text", "Isi", required=True, width=90, help="Satu paragraf atau satu butir fungsi."),
    ),
    "Tugas pokok dan fungsi per unit, berurutan.",
    required=False,
)

PROSES = Sheet(
    "processes",
    "Proses",
    Layout.TABLE,
    (
        Column(
            "code",
            "Kode",
            required=True,
            width=10,
            help='Kode proses, dicetak apa adanya. Contoh: "P.1", "P1.1", "L.1".',
        ),
        Column(
            "name",
            "Nama Proses",
            required=True,
            width=45,
            help='Contoh: "Proses Umum dan Kepegawaian".',
        ),
        Column(
            "category",
            "Kategori",
            Kind.CHOICE,
            required=True,
            choices=("Manajerial", "Utama", "Pendukung", "Lainnya"),
            synonyms=CATEGORY_SYNONYMS,
            width=14,
            help="Manajerial, Utama, Pendukung atau Lainnya (Inti = Utama, Manajemen = Manajerial).",
        ),
        Column(
            "parent",
            "Induk",
            width=10,
            help="Kode proses induk; kosong untuk proses tingkat teratas.",
        ),
        ORDER,
        Column("unit", "Unit Penanggung Jawab", width=14, help="Kode unit dari lembar Unit."),
        Column(
            "description",
            "Uraian",
            width=80,
            help='Kalimat penjelasan proses. Contoh: "Proses Persuratan merupakan proses ...".',
        ),
        Column(
            "output",
            "Keluaran",
            width=30,
            help='Keluaran/hasil proses. Contoh: "Indeks Kepuasan Masyarakat".',
        ),
        Column(
            "instrument_code",
            "Kode Sub Proses",
            width=14,
            help="Kode pada kolom KODE SUB PROSES tabel instrumen; kosong berarti sama dengan Kode.",
        ),
        Column(
            "kinerja",
            "Kode Kinerja",
            width=14,
            help='Kode dari lembar Kinerja yang didukung proses ini, misalnya "K3"; beberapa kode '
            "dipisah koma. Kosong: mengikuti induknya.",
        ),
    ),
    "Proses bisnis: satu proses per baris, subproses lewat kolom Induk.",
    required=False,
)

RELASI = Sheet(
    "relations",
    "Relasi",
    Layout.TABLE,
    (
        Column("process", "Kode Proses", required=True, width=12, help="Kode dari lembar Proses."),
        Column(
            "party",
            "Pihak",
            required=True,
            width=45,
            help='Pihak/elemen yang terkait. Contoh: "BPJS Kesehatan".',
        ),
        Column(
            "kind",
            "Jenis Pihak",
            Kind.CHOICE,
            choices=("Internal", "Eksternal"),
            width=12,
            synonyms={"dalam": "Internal", "luar": "Eksternal"},
            help="Internal (unit kecamatan) atau Eksternal; kosong: ditentukan dari lembar Unit.",
        ),
    ),
    "Peta relasi: satu pihak per baris per proses.",
    required=False,
)

KINERJA = Sheet(
    "kinerja",
    "Kinerja",
    Layout.TABLE,
    (
        Column("code", "Kode", required=True, width=10, help='Kode unik. Contoh: "K1".'),
        Column(
            "source",
            "Dokumen",
            Kind.CHOICE,
            required=True,
            choices=("RPJMD", "Renstra"),
            width=10,
            help="RPJMD (kabupaten) atau Renstra (kecamatan).",
        ),
        Column(
            "level",
            "Tingkat",
            Kind.CHOICE,
            required=True,
            choices=("Tujuan", "Sasaran", "Program", "Kegiatan", "Sub Kegiatan"),
            width=14,
            help="Tujuan, Sasaran, Program, Kegiatan atau Sub Kegiatan.",
        ),
        Column("text", "Uraian", required=True, width=60, help="Bunyi tujuan/sasaran/program."),
        Column("indicator", "Indikator", width=45, help='Contoh: "Indeks Kepuasan Masyarakat".'),
        Column("parent", "Induk", width=10, help="Kode tingkat di atasnya; kosong untuk puncak."),
        ORDER,
    ),
    "Cascading kinerja dan keterkaitan RPJMD - Renstra.",
    required=False,
)

STEP_KINDS = ("Mulai", "Kegiatan", "Keputusan", "Selesai")

LANGKAH = Sheet(
    "steps",
    "Langkah",
    Layout.TABLE,
    (
        Column(
            "process",
            "Kode Proses",
            required=True,
            width=12,
            help="Kode proses terendah (yang tidak punya subproses) dari lembar Proses.",
        ),
        Column(
            "number",
            "No",
            Kind.INTEGER,
            required=True,
            width=6,
            help="Nomor langkah dalam prosesnya: 1, 2, 3, ...; urutan baris SOP.",
        ),
        Column(
            "activity",
            "Kegiatan",
            required=True,
            width=50,
            help='Apa yang dikerjakan. Contoh: "Mencatat surat dalam buku agenda surat masuk".',
        ),
        Column(
            "pelaksana",
            "Pelaksana",
            required=True,
            width=16,
            help='Kode unit dari lembar Unit (misalnya "U3"), atau pihak luar persis seperti di '
            'lembar Relasi (misalnya "Desa").',
        ),
        Column(
            "kind",
            "Jenis Langkah",
            Kind.CHOICE,
            required=True,
            choices=STEP_KINDS,
            synonyms={
                "awal": "Mulai",
                "mulai": "Mulai",
                "proses": "Kegiatan",
                "aktivitas": "Kegiatan",
                "keputusan": "Keputusan",
                "percabangan": "Keputusan",
                "akhir": "Selesai",
                "selesai": "Selesai",
            },
            width=14,
            help="Mulai (langkah pertama), Kegiatan, Keputusan (bercabang Ya/Tidak) atau Selesai.",
        ),
        Column(
            "next",
            "Berikutnya",
            Kind.INTEGER,
            width=11,
            help="Mulai dan Kegiatan: nomor langkah sesudahnya; kosong berarti nomor berikutnya. "
            "Kosongkan untuk Keputusan dan Selesai.",
        ),
        Column(
            "yes",
            "Jika Ya",
            Kind.INTEGER,
            width=9,
            help="Keputusan: nomor langkah bila jawabannya Ya.",
        ),
        Column(
            "no",
            "Jika Tidak",
            Kind.INTEGER,
            width=9,
            help="Keputusan: nomor langkah bila jawabannya Tidak.",
        ),
        Column(
            "kelengkapan",
            "Kelengkapan",
            width=25,
            help='Mutu baku: persyaratan/perlengkapan langkah ini. Contoh: "Buku agenda surat masuk".',
        ),
        Column("waktu", "Waktu", width=12, help='Mutu baku: waktu langkah ini. Contoh: "10 menit".'),
        Column("output", "Output", width=25, help='Mutu baku: hasil langkah ini. Contoh: "Surat tercatat".'),
        Column("keterangan", "Keterangan", width=25, help="Catatan langkah ini; boleh kosong."),
    ),
    "Langkah proses terendah untuk Peta Lintas Fungsi dan SOP: satu langkah per baris.",
    required=False,
)

_ITEMS = "Satu butir per baris di dalam sel (Alt+Enter); nomor 1., 2., ... diberikan otomatis."

SOP = Sheet(
    "sop",
    "SOP",
    Layout.TABLE,
    (
        Column(
            "process",
            "Kode Proses",
            required=True,
            width=12,
            help="Kode proses dari lembar Proses yang langkahnya ada di lembar Langkah.",
        ),
        Column(
            "number",
            "Nomor SOP",
            verbatim=True,
            width=20,
            help='Nomor SOP persis seperti akan dicetak. Contoh: "800/  /427.95/2024". Kosong: dicetak '
            "tempat kosong untuk diisi kemudian.",
        ),
        Column("name", "Nama SOP", width=40, help="Kosong: nama proses dari lembar Proses."),
        Column(
            "made",
            "Tanggal Pembuatan",
            Kind.DATE,
            width=16,
            help='Tanggal SOP dibuat: tanggal Excel atau teks seperti "2 Januari 2024". Kosong: dicetak '
            "tempat kosong.",
        ),
        Column("revised", "Tanggal Revisi", Kind.DATE, width=16, help="Kosong bila belum pernah direvisi."),
        Column(
            "effective",
            "Tanggal Efektif",
            Kind.DATE,
            width=16,
            help="Tanggal SOP mulai berlaku. Kosong: dicetak tempat kosong.",
        ),
        Column(
            "approver",
            "Disahkan Oleh",
            width=24,
            help='Jabatan yang mengesahkan. Contoh: "CAMAT TEMPURSARI". Kosong: pejabat di lembar '
            "Penandatangan.",
        ),
        Column("approver_name", "Nama Pengesah", width=24, help="Kosong: Nama di lembar Penandatangan."),
        Column(
            "approver_nip", "NIP Pengesah", Kind.NIP, width=22, help="Kosong: NIP di lembar Penandatangan."
        ),
        Column("dasar_hukum", "Dasar Hukum", width=50, help=_ITEMS),
        Column("kualifikasi", "Kualifikasi Pelaksana", width=40, help=_ITEMS),
        Column("keterkaitan", "Keterkaitan", width=40, help="SOP lain yang terkait. " + _ITEMS),
        Column("peralatan", "Peralatan/Perlengkapan", width=40, help=_ITEMS),
        Column("peringatan", "Peringatan", width=40, help="Akibat bila SOP tidak dilaksanakan. " + _ITEMS),
        Column("pencatatan", "Pencatatan dan Pendataan", width=40, help=_ITEMS),
    ),
    "Identitas SOP (PermenPAN-RB 35/2012): satu baris per proses yang dijabarkan di lembar Langkah.",
    required=False,
)

SHEETS: tuple[Sheet, ...] = (
    KANTOR,
    KEPUTUSAN,
    PENANDATANGAN,
    MENIMBANG,
    MENGINGAT,
    DIKTUM,
    TEMBUSAN,
    REGULASI,
    LAMPIRAN,
    URAIAN,
    UNIT,
    TUPOKSI,
    PROSES,
    RELASI,
    KINERJA,
    LANGKAH,
    SOP,
)

SHEET_BY_KEY = {s.key: s for s in SHEETS}
