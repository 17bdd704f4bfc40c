"""Every stated bound on what a workbook may hold, in one place.

The reader, the cell checks, the validator and the README's table of limits read these constants; a
workbook that stays within them is read in bounded time and memory, and whatever ``periksa`` accepts
``buat`` can write. Each limit carries its Indonesian description, so the README cannot drift from it.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel.numbers import format_decimal

MB = 1 << 20


@dataclass(frozen=True)
class Limit:
    """One bound: its value, the unit it is counted in, what it bounds and what happens past it."""

    value: int
    unit: str  # "MB", "baris", "karakter", ... ("" for a plain number)
    what: str  # Indonesian: what is bounded
    beyond: str = "ditolak"  # Indonesian: what happens past it
    grouped: bool = True  # thousands separated ("2.000"); a year is not

    @property
    def number(self) -> str:
        """The value as printed in a message: "10 MB", "2.000", "1945"."""
        if self.unit == "MB":
            return f"{self.value // MB} MB"
        return format_decimal(self.value, locale="id") if self.grouped else str(self.value)

    @property
    def text(self) -> str:
        """ "10 MB", "2.000 baris", "1945"."""
        return self.number if self.unit == "MB" else f"{self.number} {self.unit}".strip()


# --- the file and its zip archive (checked before any parser starts) ------------------------------

WORKBOOK_BYTES = Limit(10 * MB, "MB", "ukuran berkas buku kerja .xlsx")
ARCHIVE_ENTRIES = Limit(1_000, "bagian", "jumlah bagian di dalam arsip .xlsx")
ARCHIVE_UNPACKED = Limit(32 * MB, "MB", "seluruh isi arsip .xlsx setelah dibuka")
SHEET_XML = Limit(8 * MB, "MB", "satu lembar kerja (xl/worksheets/*.xml) setelah dibuka")
SHARED_STRINGS_XML = Limit(8 * MB, "MB", "daftar teks bersama (xl/sharedStrings.xml) setelah dibuka")
STYLES_XML = Limit(4 * MB, "MB", "gaya sel (xl/styles.xml) setelah dibuka")
DRAWING_XML = Limit(1 * MB, "MB", "satu gambar tempelan (xl/drawings/*.xml) setelah dibuka")
OTHER_XML = Limit(4 * MB, "MB", "bagian lain (workbook, relasi, tema, ...) setelah dibuka")
ZIP_RATIO = Limit(200, "kali", "pemadatan satu bagian yang lebih dari 1 MB (bom zip)")

# --- what is read from the sheets ---------------------------------------------------------------

ROWS_PER_SHEET = Limit(
    2_000, "baris", "baris data per lembar (lembar teks)", "galat; baris berikutnya tidak dibaca"
)
UNIT_ROWS = Limit(200, "baris", "baris data lembar Unit (satu bagan organisasi)", ROWS_PER_SHEET.beyond)
PROCESS_ROWS = Limit(
    300, "baris", "baris data lembar Proses (satu peta per proses bersubproses)", ROWS_PER_SHEET.beyond
)
KINERJA_ROWS = Limit(200, "baris", "baris data lembar Kinerja (satu bagan cascading)", ROWS_PER_SHEET.beyond)
RELATION_ROWS = Limit(500, "baris", "baris data lembar Relasi (satu peta relasi)", ROWS_PER_SHEET.beyond)
KOP_ROWS = Limit(
    12, "baris", "baris data lembar Kop (baris kop sesudah nama kecamatan)", ROWS_PER_SHEET.beyond
)
INDICATOR_ROWS = Limit(
    600, "baris", "baris data lembar Indikator (beberapa indikator per kinerja)", ROWS_PER_SHEET.beyond
)
STEP_ROWS = Limit(
    1_500, "baris", "baris data lembar Langkah (semua langkah semua proses)", ROWS_PER_SHEET.beyond
)
STEPS_PER_PROCESS = Limit(
    60, "langkah", "langkah satu proses (satu Peta Lintas Fungsi dan satu SOP)", "galat"
)
SOP_ROWS = Limit(300, "baris", "baris data lembar SOP (satu identitas per proses)", ROWS_PER_SHEET.beyond)
PARTIES = Limit(100, "pihak", "pihak berbeda pada lembar Relasi", "galat")
COLUMNS = Limit(
    64, "kolom", "kolom yang dibaca per lembar (A sampai BL)", "sel terisi di kanannya diabaikan (peringatan)"
)
CELL_CHARS = Limit(10_000, "karakter", "isi satu sel", "galat pada sel itu")
HIERARCHY_DEPTH = Limit(20, "tingkat", "kedalaman hierarki Unit, Proses dan Kinerja (kolom Induk)", "galat")

# --- what `tahun-baru` copies whole (every sheet, styles and pictures, as Excel saved them) -------

COPY_CELLS = Limit(
    100_000,
    "sel",
    "sel seluruh buku kerja yang disalin tahun-baru (semua lembar, juga yang di luar isian; sel gabungan "
    "dan sel bertaut dihitung satu per satu)",
)
COPY_ELEMENTS = Limit(
    500_000, "unsur", "unsur XML seluruh buku kerja yang disalin tahun-baru (lembar, bagan, komentar, ...)"
)

# --- numbers that size something ----------------------------------------------------------------

DIKTUM_NUMBER = Limit(100, "", "nomor Diktum tertinggi (1 = KESATU)", "galat")
ORDER = Limit(100_000, "", "nilai Urutan tertinggi", "galat")
YEAR_FIRST = Limit(1945, "", "tahun keputusan dan tanggal penetapan paling awal", "galat", False)
YEAR_LAST = Limit(2100, "", "tahun keputusan dan tanggal penetapan paling akhir", "galat", False)

# --- the logo picture -----------------------------------------------------------------------------

LOGO_BYTES = Limit(5 * MB, "MB", "ukuran gambar logo (berkas atau gambar tempelan)", "galat")
LOGO_PIXELS = Limit(25_000_000, "piksel", "luas gambar logo (lebar x tinggi)", "galat")

# --- what the written document can hold -----------------------------------------------------------

PROPERTY_CHARS = Limit(
    255, "karakter", "judul, subjek dan penulis pada properti dokumen Word", "dipotong (peringatan)"
)
FILE_NAME_CHARS = Limit(100, "karakter", "nama kecamatan pada nama berkas keluaran", "dipotong (peringatan)")

DOCUMENTED: tuple[Limit, ...] = tuple(v for v in tuple(globals().values()) if isinstance(v, Limit))
"""Every limit, in the order defined above (the README lists them so)."""
