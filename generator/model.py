"""Domain model of a Keputusan Camat and its Lampiran (Peta Proses Bisnis), as typed dataclasses."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum


class Category(str, Enum):
    """Process category of PermenPAN-RB 19/2018, in the order the Lampiran presents them."""

    MANAJERIAL = "Manajerial"
    UTAMA = "Utama"
    PENDUKUNG = "Pendukung"
    LAINNYA = "Lainnya"

    @property
    def title(self) -> str:
        """Heading form used in prose: "Proses Manajerial"."""
        return f"Proses {self.value}"


class Paper(str, Enum):
    F4 = "F4"
    A4 = "A4"

    @property
    def size_mm(self) -> tuple[int, int]:
        return (215, 330) if self is Paper.F4 else (210, 297)


class PartyKind(str, Enum):
    INTERNAL = "Internal"
    EKSTERNAL = "Eksternal"


class KinerjaSource(str, Enum):
    """Planning document a performance item belongs to."""

    RPJMD = "RPJMD"
    RENSTRA = "Renstra"


@dataclass(frozen=True)
class Picture:
    """A checked PNG or JPEG held as bytes, so writing the decree never re-reads a file."""

    data: bytes = field(repr=False)
    format: str  # "png" or "jpeg"
    width: int  # pixels
    height: int
    source: str = ""  # where it came from, for messages: "logo.png", "gambar tempelan di C11"


@dataclass(frozen=True)
class Office:
    """The issuing office, printed in the letterhead (kop)."""

    government: str  # "PEMERINTAH KABUPATEN REMBANG"
    kecamatan: str  # "Sale"
    regency: str  # "Kabupaten Rembang"
    address: str = ""
    phone: str = ""
    postal_code: str = ""
    email: str = ""
    website: str = ""
    locality: str = ""  # closes the kop's address line: "Sale- Rembang"
    logo: Picture | None = None


@dataclass(frozen=True)
class Signer:
    position: str  # "CAMAT SALE"
    name: str  # "Drs. SUBHAN"
    pangkat: str = ""  # "Pembina Tk.I" (as written, or derived from golongan)
    golongan: str = ""  # "IV/b"
    nip: str = ""  # 18 digits, ungrouped


@dataclass(frozen=True)
class Diktum:
    number: int  # 1 -> KESATU
    text: str
    items: tuple[str, ...] = ()  # sub-items a., b., ...


@dataclass(frozen=True)
class DecreeInfo:
    """The decree itself: number, subject, enactment."""

    year: int
    number: str  # printed exactly as written, blanks kept: "890 /        /2020"
    title: str  # "PETA PROSES BISNIS KECAMATAN SALE KABUPATEN REMBANG"
    office_line: str  # "CAMAT SALE KABUPATEN REMBANG,"
    place: str  # "Sale"
    date: dt.date | None  # None: filled at registration, printed as a blank
    paper: Paper = Paper.F4
    with_blessing: bool = False  # "DENGAN RAHMAT TUHAN YANG MAHA ESA"
    cover: bool = True  # cover page with "PROSES BISNIS / KECAMATAN ... / TAHUN ..."


@dataclass(frozen=True)
class Unit:
    """One organisational unit; the hierarchy comes from ``parent``."""

    code: str
    name: str  # "Sekretariat"
    parent: str | None = None
    order: int = 0
    jabatan: str = ""  # title of its head, used in tupoksi: "Sekretaris Kecamatan"
    functional: bool = False  # Kelompok Jabatan Fungsional: dashed line in the chart


@dataclass(frozen=True)
class Tupoksi:
    """Duties of one unit: tugas pokok paragraph(s) and numbered fungsi."""

    unit: str  # unit code
    tugas_pokok: tuple[str, ...] = ()
    fungsi: tuple[str, ...] = ()


@dataclass(frozen=True)
class Process:
    code: str  # printed as written: "P.1", "P1.1", "L. 3"
    name: str  # "Proses Umum dan Kepegawaian"
    category: Category
    parent: str | None = None
    order: int = 0
    unit: str | None = None  # responsible unit code
    category_label: str = ""  # the category as the workbook wrote it ("Manajemen"), for the instrument table
    description: str = ""
    output: str = ""  # output/outcome, e.g. "Indeks Kepuasan Masyarakat"
    instrument_code: str = ""  # "KODE SUB PROSES" column of the instrument table; defaults to code


@dataclass(frozen=True)
class Relation:
    """One mention of a party in a process (peta relasi)."""

    process: str  # process code
    party: str  # "BPJS Kesehatan"
    kind: PartyKind | None = None


@dataclass(frozen=True)
class Kinerja:
    """One box of the performance cascade; ``parent`` links it to the level above."""

    code: str
    source: KinerjaSource
    level: str  # "Tujuan", "Sasaran", "Program", "Kegiatan", "Sub Kegiatan"
    text: str
    indicator: str = ""
    parent: str | None = None
    order: int = 0


@dataclass(frozen=True)
class LampiranText:
    """Headings and free paragraphs of the Lampiran, each part optional."""

    title: str = ""  # "PETA PROSES BISNIS KECAMATAN KABUPATEN REMBANG"
    sejarah: tuple[str, ...] = ()
    dasar_hukum: tuple[str, ...] = ()
    dasar_susunan: tuple[str, ...] = ()  # a., b. before the unit list
    susunan_intro: str = ""  # "(1) Susunan organisasi Kecamatan terdiri dari :"
    bagan_title: str = ""  # "BAGAN SUSUNAN ORGANISASI KECAMATAN DI KABUPATEN REMBANG"
    tupoksi_title: str = ""  # "TUGAS POKOK KECAMATAN SALE KABUPATEN REMBANG"
    tupoksi_intro: tuple[str, ...] = ()
    peta_intro: tuple[str, ...] = ()  # opening of section A beyond the generated counts
    relasi_intro: tuple[str, ...] = ()  # what a relationship map is
    keterkaitan_title: str = ""  # "KETERIKATAN RPJMD ... DENGAN RENSTRA ..."
    keterkaitan_rpjmd: str = ""  # column heading "RPJMD TAHUN 2016-2017"
    keterkaitan_renstra: str = ""  # column heading "RENSTRA KECAMATAN TAHUN 2016-2021"
    cascading_title: str = ""  # "Cassanding Kinerja Kecamatan Sale" (printed as written)
    stakeholders: tuple[str, ...] = ()  # left side of the level-0 map
    category_intro: dict[str, tuple[str, ...]] = field(default_factory=dict)  # Category.value -> text
    figure_chapter: str = ""  # "3" numbers figures "Gambar 3.1."; empty: "Gambar 1."
    narrative: bool = True  # write sections A/B/C of the Peta Proses Bisnis
    instrument_table: bool = True  # print the ISI TABEL INSTRUMEN
    organisation: bool = True  # print Susunan Organisasi and its chart


@dataclass(frozen=True)
class Decree:
    """Everything one workbook says: the Keputusan Camat and its Lampiran."""

    office: Office
    info: DecreeInfo
    signer: Signer
    menimbang: tuple[str, ...] = ()
    mengingat: tuple[str, ...] = ()
    diktum: tuple[Diktum, ...] = ()
    tembusan: tuple[str, ...] = ()
    regulasi: tuple[str, ...] = ()  # regulation list of the cover page
    lampiran: LampiranText = field(default_factory=LampiranText)
    units: tuple[Unit, ...] = ()
    tupoksi: tuple[Tupoksi, ...] = ()
    processes: tuple[Process, ...] = ()
    relations: tuple[Relation, ...] = ()
    kinerja: tuple[Kinerja, ...] = ()

    @property
    def kecamatan_title(self) -> str:
        """ "Kecamatan Sale"."""
        return f"Kecamatan {self.office.kecamatan}"

    def children(self, parent: str | None) -> list[Process]:
        """Processes directly under ``parent`` (None: top level), in workbook order."""
        return sorted((p for p in self.processes if p.parent == parent), key=lambda p: p.order)

    def unit_children(self, parent: str | None) -> list[Unit]:
        return sorted((u for u in self.units if u.parent == parent), key=lambda u: u.order)
