"""The workbook contract: one declarative description of every sheet and column.

The reader, the validator, the blank-workbook writer and the README's table all read this module;
no other place lists sheets or columns.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum

from . import limits


class Kind(str, Enum):
    """Value type of a column, which decides how a cell is converted and checked."""

    TEXT = "teks"
    INTEGER = "bilangan"
    YEAR = "tahun"
    DATE = "tanggal"
    NIP = "NIP"
    CHOICE = "pilihan"
    BOOL = "Ya/Tidak"
    PATH = "berkas"  # a PNG/JPEG picture in the workbook's folder, or pasted onto the sheet


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
    lines: bool = False  # line breaks typed in the cell are kept (kop lines, jabatan, tembusan, titles)
    may_be_absent: bool = False  # added after the first workbooks: absent means the default, silently
    choices: tuple[str, ...] = ()
    synonyms: Mapping[str, str] = field(default_factory=dict)  # lower-case alias -> choice
    help: str = ""
    width: int = 30
    default: object = None
    bounds: tuple[int, int] | None = None  # INTEGER: lowest and highest allowed; None: 0 to limits.ORDER

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
    max_rows: limits.Limit = limits.ROWS_PER_SHEET  # data rows read; a sheet that is drawn holds fewer
    # TABLE: the columns that name one row from one year's workbook to the next (`banding` matches rows
    # by them, case and spacing aside); empty: the rows are an ordered list.
    identity: tuple[str, ...] = ()

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

ORDER = Column(
    "order",
    "Urutan",
    Kind.INTEGER,
    width=8,
    bounds=(0, limits.ORDER.value),
    help="Urutan cetak; kosong berarti urutan baris.",
)

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
        Column(
            "address",
            "Alamat",
            help='Contoh: "Jl. Blora No.45 Km. 1". Baris alamat kop disusun dari Alamat, Telepon, Kode Pos '
            "dan Tempat pada Kop (Email dan Laman di baris berikutnya), kecuali lembar Kop berisi baris kop.",
        ),
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
            help="Lambang daerah: nama berkas gambar PNG/JPG di folder buku kerja (misalnya logo.png), "
            "atau kosongkan sel ini dan tempelkan gambarnya di lembar Kantor. Boleh kosong.",
        ),
    ),
    "Identitas kantor yang mengeluarkan keputusan; dicetak sebagai kop surat.",
)

KOP = Sheet(
    "kop",
    "Kop",
    Layout.TABLE,
    (
        Column(
            "text",
            "Isi",
            required=True,
            lines=True,
            width=90,
            help='Satu baris kop per baris, persis seperti dicetak. Contoh: "Jalan Raya Senduro No. 97 '
            'Telp/Fax. (0334) 610463 email: kec.senduro@lumajangkab.go.id", lalu "SENDURO - 67361".',
        ),
    ),
    "Baris kop di bawah nama kecamatan (alamat, telepon, surel, laman, tempat, kode pos), satu baris kop "
    "per baris lembar, dicetak persis seperti ditulis dengan huruf terkecil kop. Kosongkan lembar ini "
    "untuk memakai baris alamat yang disusun dari isian Alamat, Telepon, Kode Pos, Tempat pada Kop, Email "
    "dan Laman di lembar Kantor; bila lembar ini berisi, isian itu tidak dicetak pada kop.",
    required=False,
    max_rows=limits.KOP_ROWS,
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
            help="Nomor keputusan persis seperti akan dicetak, boleh dengan labelnya seperti kantor "
            'menulisnya ("NOMOR : 067.2 / 932 / 2015", "Nomor : 188 / / 427.95 / 2021"); tanpa label '
            'dicetak "NOMOR 890 /        /2020". Bagian yang diisi saat registrasi dibiarkan kosong.',
        ),
        Column(
            "title",
            "Tentang",
            required=True,
            lines=True,
            width=60,
            help='Judul keputusan setelah kata TENTANG. Contoh: "PETA PROSES BISNIS KECAMATAN '
            'SALE KABUPATEN REMBANG". Ganti baris (Alt+Enter) dipertahankan.',
        ),
        Column(
            "office_line",
            "Baris Jabatan",
            required=True,
            lines=True,
            width=40,
            help='Baris sebelum Menimbang. Contoh: "CAMAT SALE KABUPATEN REMBANG,". Ganti baris '
            "dipertahankan.",
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
            help='Tanggal Excel atau teks seperti "29 Mei 2020". Boleh kosong bila belum ditetapkan, atau '
            'hanya bulan dan tahun ("Februari 2021"): tempat tanggalnya dibiarkan kosong untuk diisi saat '
            "penandatanganan; ketik dengan tanda petik di depan ('Februari 2021) agar Excel tidak "
            "mengubahnya menjadi tanggal 1.",
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
            help="Ya: cetak halaman sampul (Judul Sampul) dan daftar regulasi.",
        ),
        Column(
            "cover_title",
            "Judul Sampul",
            lines=True,
            may_be_absent=True,
            width=50,
            help='Judul halaman sampul; ganti baris (Alt+Enter) memisah barisnya. Kosong: "PROSES BISNIS", '
            '"KECAMATAN ...", "TAHUN ..." bila lembar Proses berisi, selain itu isi Tentang.',
        ),
    ),
    "Data keputusan: tahun, nomor, judul, tempat dan tanggal penetapan, ukuran kertas.",
)

PENANDATANGAN = Sheet(
    "signer",
    "Penandatangan",
    Layout.FORM,
    (
        Column(
            "position",
            "Jabatan",
            required=True,
            lines=True,
            help="Satu baris atau lebih (Alt+Enter untuk baris baru), dicetak baris demi baris di atas "
            'tempat tanda tangan. Contoh: "CAMAT SALE", "Plt. CAMAT SENDURO", atau "a.n. CAMAT SENDURO" '
            'dengan baris kedua "Sekretaris Kecamatan".',
        ),
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
        Column(
            "show_golongan",
            "Golongan Dicetak",
            Kind.BOOL,
            default=False,
            may_be_absent=True,
            help='Ya: golongan dicetak dalam kurung setelah pangkat, misalnya "Pembina Tingkat I (IV/b)".',
        ),
        Column(
            "electronic",
            "Tanda Tangan Elektronik",
            Kind.BOOL,
            default=False,
            may_be_absent=True,
            help='Ya: ditandatangani dengan sertifikat elektronik (TTE, BSrE): "Ditandatangani secara '
            'elektronik oleh", tempat spesimen QR, dan kalimat TTE di kaki setiap halaman (lembar Tata '
            "Naskah).",
        ),
    ),
    "Pejabat yang menandatangani keputusan dan lampirannya.",
)

FONTS = ("Arial", "Bookman Old Style", "Times New Roman")
FONT_SIZES = (10, 14)
MARGIN_RANGE_MM = (5, 80)
TTE_FOOTER = (
    "Dokumen ini telah ditandatangani secara elektronik menggunakan sertifikat elektronik yang diterbitkan "
    "oleh Balai Besar Sertifikasi Elektronik (BSrE), Badan Siber dan Sandi Negara"
)


def _margin(key: str, side: str, template_mm: int) -> Column:
    return Column(
        key,
        f"Margin {side} (mm)",
        Kind.INTEGER,
        width=10,
        help=f"Margin {side.lower()} halaman dalam milimeter, {MARGIN_RANGE_MM[0]} sampai "
        f"{MARGIN_RANGE_MM[1]}. Kosong: {template_mm} mm seperti templat.",
    )


TATA_NASKAH = Sheet(
    "tata_naskah",
    "Tata Naskah",
    Layout.FORM,
    (
        Column(
            "font",
            "Huruf",
            Kind.CHOICE,
            choices=FONTS,
            synonyms={"bookman": "Bookman Old Style", "times": "Times New Roman"},
            width=20,
            help="Huruf seluruh dokumen. Kosong: huruf templat (Arial). Tanpa Bookman Old Style terpasang "
            "(LibreOffice di Linux), PDF memakai URW Bookman yang bentuk dan lebarnya serupa.",
        ),
        Column(
            "font_size",
            "Ukuran Huruf",
            Kind.INTEGER,
            width=10,
            help=f"Ukuran huruf isi dalam poin, {FONT_SIZES[0]} sampai {FONT_SIZES[1]}. Kosong: 12. Kop, "
            "tabel dan kaki halaman memakai ukurannya sendiri.",
        ),
        _margin("margin_left", "Kiri", 30),
        _margin("margin_right", "Kanan", 20),
        _margin("margin_top", "Atas", 20),
        _margin("margin_bottom", "Bawah", 25),
        Column(
            "tte_footer",
            "Kalimat TTE",
            lines=True,
            width=60,
            help="Kalimat di kaki setiap halaman keputusan bertanda tangan elektronik (Penandatangan: Tanda "
            f'Tangan Elektronik Ya). Kosong: "{TTE_FOOTER}".',
        ),
        Column(
            "tte_anchor",
            "Penanda Spesimen TTE",
            width=12,
            help="Teks kecil di tengah tempat spesimen QR bila sistem e-office mencari penanda (misalnya "
            '"^"). Kosong: tempat bergaris tanpa teks.',
        ),
    ),
    "Gaya naskah dinas kabupaten/kota: huruf, ukuran huruf dan margin yang diterapkan pada style templat "
    "saat dokumen dibuat, serta kalimat tanda tangan elektronik. Ukuran kertas diisi di lembar Keputusan. "
    "Kosongkan untuk memakai templat apa adanya.",
    required=False,
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
            lines=True,
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
            lines=True,
            width=50,
            help='Contoh: "BAGAN SUSUNAN ORGANISASI KECAMATAN DI KABUPATEN REMBANG".',
        ),
        Column(
            "tupoksi_title",
            "Judul Tugas Pokok",
            lines=True,
            width=50,
            help='Contoh: "TUGAS POKOK KECAMATAN SALE KABUPATEN REMBANG".',
        ),
        Column(
            "keterkaitan_title",
            "Judul Keterkaitan",
            lines=True,
            width=50,
            help='Contoh: "KETERIKATAN RPJMD KAB.REMBANG TAHUN 2016-2021 DENGAN RENSTRA '
            'KECAMATAN SALE TAHUN 2016 - 2021".',
        ),
        Column("keterkaitan_rpjmd", "Judul Kolom RPJMD", lines=True, help='Contoh: "RPJMD TAHUN 2016-2021".'),
        Column(
            "keterkaitan_renstra",
            "Judul Kolom Renstra",
            lines=True,
            help='Contoh: "RENSTRA KECAMATAN TAHUN 2016-2021".',
        ),
        Column(
            "cascading_title",
            "Judul Cascading Kinerja",
            lines=True,
            width=40,
            help='Contoh: "Cascading Kinerja Kecamatan Sale".',
        ),
        Column(
            "iku_title",
            "Judul Tabel IKU",
            lines=True,
            may_be_absent=True,
            width=40,
            help='Judul tabel indikator (dicetak bila lembar Indikator memuat formula). Kosong: "INDIKATOR '
            'KINERJA UTAMA KECAMATAN ...".',
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
        Column(
            "tupoksi_heading",
            "Judul Tugas dan Fungsi",
            lines=True,
            may_be_absent=True,
            width=40,
            help='Judul bagian tugas pokok dan fungsi. Kosong: "TUGAS POKOK DAN FUNGSI".',
        ),
        Column(
            "instrument_heading",
            "Judul Tabel Instrumen",
            lines=True,
            may_be_absent=True,
            width=40,
            help='Judul tabel proses tingkat teratas. Kosong: "ISI TABEL INSTRUMEN".',
        ),
        Column(
            "skema_heading",
            "Judul Skema Proses",
            lines=True,
            may_be_absent=True,
            width=40,
            help='Judul peta proses bila Narasi Peta Proses Tidak. Kosong: "SKEMA PROSES BISNIS".',
        ),
    ),
    "Judul dan pilihan bagian Lampiran; ganti baris (Alt+Enter) pada judul dipertahankan. Bagian yang kosong "
    "tidak dicetak; tanpa data Lampiran sama sekali "
    "keputusan dicetak tanpa halaman Lampiran dan tanpa tanda tangan kedua.",
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
            bounds=(1, limits.DIKTUM_NUMBER.value),
            help="Nomor diktum: 1 untuk KESATU, 2 untuk KEDUA, dan seterusnya "
            f"(paling tinggi {limits.DIKTUM_NUMBER.value}).",
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
    identity=("number", "item"),
)

TEMBUSAN = Sheet(
    "tembusan",
    "Tembusan",
    Layout.TABLE,
    (
        Column(
            "text",
            "Isi",
            required=True,
            lines=True,
            width=70,
            help='Contoh: "Bupati Rembang;". Ganti baris (Alt+Enter) dipertahankan.',
        ),
    ),
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
    max_rows=limits.UNIT_ROWS,
    identity=("code",),
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
            may_be_absent=True,
            help='Kode dari lembar Kinerja yang didukung proses ini, misalnya "K3"; beberapa kode '
            "dipisah koma. Kosong: mengikuti induknya.",
        ),
    ),
    "Proses bisnis: satu proses per baris, subproses lewat kolom Induk.",
    required=False,
    max_rows=limits.PROCESS_ROWS,
    identity=("code",),
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
    max_rows=limits.RELATION_ROWS,
    identity=("process", "party"),
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
    max_rows=limits.KINERJA_ROWS,
    identity=("code",),
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
            bounds=(1, 999),
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
            bounds=(1, 999),
            width=11,
            help="Mulai dan Kegiatan: nomor langkah sesudahnya; kosong berarti nomor berikutnya. "
            "Kosongkan untuk Keputusan dan Selesai.",
        ),
        Column(
            "yes",
            "Jika Ya",
            Kind.INTEGER,
            bounds=(1, 999),
            width=9,
            help="Keputusan: nomor langkah bila jawabannya Ya.",
        ),
        Column(
            "no",
            "Jika Tidak",
            Kind.INTEGER,
            bounds=(1, 999),
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
    max_rows=limits.STEP_ROWS,
    identity=("process", "number"),
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
        Column("dasar_hukum", "Dasar Hukum", width=50, lines=True, help=_ITEMS),
        Column("kualifikasi", "Kualifikasi Pelaksana", width=40, lines=True, help=_ITEMS),
        Column("keterkaitan", "Keterkaitan", width=40, lines=True, help="SOP lain yang terkait. " + _ITEMS),
        Column("peralatan", "Peralatan/Perlengkapan", width=40, lines=True, help=_ITEMS),
        Column(
            "peringatan",
            "Peringatan",
            width=40,
            lines=True,
            help="Akibat bila SOP tidak dilaksanakan. " + _ITEMS,
        ),
        Column("pencatatan", "Pencatatan dan Pendataan", width=40, lines=True, help=_ITEMS),
    ),
    "Identitas SOP (PermenPAN-RB 35/2012): satu baris per proses yang dijabarkan di lembar Langkah.",
    required=False,
    max_rows=limits.SOP_ROWS,
    identity=("process",),
)

INDIKATOR = Sheet(
    "indicators",
    "Indikator",
    Layout.TABLE,
    (
        Column("kinerja", "Kode Kinerja", required=True, width=12, help="Kode dari lembar Kinerja."),
        Column(
            "name",
            "Indikator",
            required=True,
            width=45,
            help='Contoh: "Persentase pelayanan yang selesai tepat waktu".',
        ),
        Column(
            "formula",
            "Formula",
            width=50,
            help='Cara menghitung. Contoh: "Jumlah layanan selesai tepat waktu / jumlah layanan x 100%".',
        ),
        Column("source", "Sumber Data", width=30, help='Contoh: "Laporan pelayanan Seksi Pelayanan Umum".'),
        Column("target", "Target", width=12, help='Contoh: "85 %". Boleh kosong.'),
    ),
    "Indikator kinerja, satu per baris: sebuah tujuan, sasaran atau program boleh memiliki beberapa "
    "indikator, masing-masing dengan formula, sumber data dan target. Indikator di kolom Indikator lembar "
    "Kinerja tetap berlaku dan dicetak lebih dulu. Bila ada formula, Lampiran memuat tabel Indikator Kinerja "
    "Utama.",
    required=False,
    max_rows=limits.INDICATOR_ROWS,
    identity=("kinerja", "name"),
)

SHEETS: tuple[Sheet, ...] = (
    KANTOR,
    KOP,
    KEPUTUSAN,
    PENANDATANGAN,
    TATA_NASKAH,
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
    INDIKATOR,
    LANGKAH,
    SOP,
)

SHEET_BY_KEY = {s.key: s for s in SHEETS}
