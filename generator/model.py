"""Domain model of a Keputusan Camat and its Lampiran (Peta Proses Bisnis), as typed dataclasses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
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


class StepKind(str, Enum):
    """Kind of a step of a Peta Lintas Fungsi / SOP flowchart (PermenPAN-RB 35/2012 symbols)."""

    MULAI = "Mulai"  # terminator (capsule)
    KEGIATAN = "Kegiatan"  # process box
    KEPUTUSAN = "Keputusan"  # decision diamond, with a Ya and a Tidak branch
    SELESAI = "Selesai"  # terminator (capsule)

    @property
    def terminator(self) -> bool:
        return self in (StepKind.MULAI, StepKind.SELESAI)


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
    kop_lines: tuple[str, ...] = ()  # the Kop sheet: lines after the kecamatan's name, as written


@dataclass(frozen=True)
class TataNaskah:
    """A kabupaten's style of official documents, applied to the template's styles at render time.

    Empty values keep the template as it is; margins are (left, right, top, bottom) in millimetres.
    """

    font: str = ""  # "Bookman Old Style"
    font_size: int | None = None  # body text, points
    margins_mm: tuple[int | None, int | None, int | None, int | None] = (None, None, None, None)
    tte_footer: str = ""  # footer sentence of an electronically signed decree; empty: the BSrE sentence
    tte_anchor: str = ""  # text in the QR specimen space an e-office system looks for


@dataclass(frozen=True)
class Signer:
    position: str  # "CAMAT SALE"; several lines for "a.n. CAMAT SENDURO\nSekretaris Kecamatan"
    name: str  # "Drs. SUBHAN"
    pangkat: str = ""  # "Pembina Tk.I" (as written, or derived from golongan)
    golongan: str = ""  # "IV/b"
    nip: str = ""  # 18 digits, ungrouped
    show_golongan: bool = False  # print "Pembina Tingkat I (IV/b)"
    electronic: bool = False  # signed with a certified electronic signature (TTE, BSrE)

    @property
    def position_lines(self) -> tuple[str, ...]:
        return tuple(line for line in self.position.splitlines() if line.strip())


@dataclass(frozen=True)
class Diktum:
    number: int  # 1 -> KESATU
    text: str
    items: tuple[str, ...] = ()  # sub-items a., b., ...


@dataclass(frozen=True)
class DecreeInfo:
    """The decree itself: number, subject, enactment."""

    year: int
    number: str  # printed exactly as written, blanks kept: "890 /        /2020" (label split off)
    title: str  # "PETA PROSES BISNIS KECAMATAN SALE KABUPATEN REMBANG"
    office_line: str  # "CAMAT SALE KABUPATEN REMBANG,"
    place: str  # "Sale"
    date: dt.date | None  # None: filled at registration, printed as a blank
    paper: Paper = Paper.F4
    with_blessing: bool = False  # "DENGAN RAHMAT TUHAN YANG MAHA ESA"
    cover: bool = True  # cover page with "PROSES BISNIS / KECAMATAN ... / TAHUN ..."
    number_label: str = "NOMOR"  # as the office writes it before the number: "NOMOR :", "Nomor :"
    drafted: dt.date | None = None  # month and year only ("Februari 2021"): the day left blank to sign
    cover_title: str = ""  # the cover's lines as written; empty: derived from the subject

    @property
    def dated(self) -> dt.date | None:
        """The enactment date, or the first of the drafting month, for file and property dates."""
        return self.date or self.drafted


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
    kinerja: tuple[str, ...] = ()  # codes of the Kinerja items this process serves


@dataclass(frozen=True)
class Relation:
    """One mention of a party in a process (peta relasi)."""

    process: str  # process code
    party: str  # "BPJS Kesehatan"
    kind: PartyKind | None = None


@dataclass(frozen=True)
class Indicator:
    """One performance indicator with how it is measured (an IKU row of e-SAKIP)."""

    name: str
    formula: str = ""
    source: str = ""  # sumber data
    target: str = ""  # "85 %"

    @property
    def detailed(self) -> bool:
        return bool(self.formula.strip() or self.source.strip() or self.target.strip())


@dataclass(frozen=True)
class Kinerja:
    """One box of the performance cascade; ``parent`` links it to the level above.

    ``indicator`` is the Kinerja sheet's own cell; ``indicators``, when given, is the box's complete list
    (that cell first, then the Indikator sheet's rows).
    """

    code: str
    source: KinerjaSource
    level: str  # "Tujuan", "Sasaran", "Program", "Kegiatan", "Sub Kegiatan"
    text: str
    indicator: str = ""
    parent: str | None = None
    order: int = 0
    indicators: tuple[Indicator, ...] = ()

    @property
    def measures(self) -> tuple[Indicator, ...]:
        """Every indicator of the box in print order."""
        if self.indicators:
            return self.indicators
        return (Indicator(self.indicator.strip()),) if self.indicator.strip() else ()


@dataclass(frozen=True)
class Step:
    """One step of a lowest-level process: who does what, where the flow goes next, its mutu baku.

    ``next`` is the following step of a Mulai or Kegiatan (already resolved: the next number when the
    workbook left it empty); a Keputusan goes to ``yes`` or ``no``; a Selesai goes nowhere.
    """

    process: str  # process code
    number: int
    activity: str
    pelaksana: str  # lane key: a unit code, or the external party as the Relasi sheet writes it
    kind: StepKind
    next: int | None = None
    yes: int | None = None
    no: int | None = None
    kelengkapan: str = ""
    waktu: str = ""
    output: str = ""
    keterangan: str = ""

    @property
    def targets(self) -> tuple[tuple[str, int], ...]:
        """(branch label, step number) of every way out: ("", 4) or ("Ya", 5), ("Tidak", 3)."""
        if self.kind is StepKind.KEPUTUSAN:
            return tuple((label, n) for label, n in (("Ya", self.yes), ("Tidak", self.no)) if n is not None)
        return (("", self.next),) if self.next is not None else ()


@dataclass(frozen=True)
class Lane:
    """One pelaksana of a process's steps: a column of the SOP flowchart, a lane of the map."""

    key: str  # unit code, or the external party as written
    name: str  # printed: the unit's name, or the party
    internal: bool


@dataclass(frozen=True)
class SopIdentity:
    """The identity of one process's SOP (PermenPAN-RB 35/2012); empty parts print as blanks."""

    process: str  # process code
    number: str = ""  # nomor SOP, printed as written
    name: str = ""  # nama SOP; empty: the process name
    made: dt.date | None = None  # tanggal pembuatan
    revised: dt.date | None = None  # tanggal revisi
    effective: dt.date | None = None  # tanggal efektif
    approver: str = ""  # disahkan oleh (jabatan); empty: the decree's signer
    approver_name: str = ""
    approver_nip: str = ""  # 18 digits, ungrouped
    dasar_hukum: tuple[str, ...] = ()
    kualifikasi: tuple[str, ...] = ()  # kualifikasi pelaksana
    keterkaitan: tuple[str, ...] = ()
    peralatan: tuple[str, ...] = ()  # peralatan/perlengkapan
    peringatan: tuple[str, ...] = ()
    pencatatan: tuple[str, ...] = ()  # pencatatan dan pendataan


@dataclass(frozen=True)
class Locations:
    """Where each record of the workbook came from, so later checks (the audit) can name cells.

    ``cells`` maps (sheet key, record key) to {column key: "C7"}; the record key is a code (unit,
    process, kinerja), a process code for the SOP sheet, "<process>#<number>" for a step.
    """

    titles: Mapping[str, str] = field(default_factory=dict)  # sheet key -> title in the workbook
    cells: Mapping[tuple[str, str], Mapping[str, str]] = field(default_factory=dict)
    headers: Mapping[tuple[str, str], str] = field(default_factory=dict)  # (sheet, column) -> "C1"

    def cell(self, sheet: str, record: str, column: str) -> str:
        """ "C7", or "" when the record or its column is not in the workbook."""
        return self.cells.get((sheet, record), {}).get(column, "")

    def header(self, sheet: str, column: str) -> str:
        return self.headers.get((sheet, column), "")

    def title(self, sheet: str, default: str) -> str:
        return self.titles.get(sheet, default)


def step_key(process: str, number: int) -> str:
    """Record key of a step in :class:`Locations`."""
    return f"{process}#{number}"


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
    iku_title: str = ""  # heading of the IKU table; empty: "INDIKATOR KINERJA UTAMA KECAMATAN ..."
    tupoksi_heading: str = ""  # empty: "TUGAS POKOK DAN FUNGSI"
    instrument_heading: str = ""  # empty: "ISI TABEL INSTRUMEN"
    skema_heading: str = ""  # empty: "SKEMA PROSES BISNIS"


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
    steps: tuple[Step, ...] = ()  # of lowest-level processes, by process then number
    sops: tuple[SopIdentity, ...] = ()
    locations: Locations = field(default_factory=Locations, compare=False, repr=False)
    tata_naskah: TataNaskah = field(default_factory=TataNaskah)
    # Every sheet's checked values as the workbook gives them, sheet key -> rows (a form sheet: one row),
    # each row column key -> value (schema.py), so `banding` compares every column of the contract.
    rows: Mapping[str, tuple[Mapping[str, object], ...]] = field(
        default_factory=dict, compare=False, repr=False
    )

    @property
    def has_lampiran(self) -> bool:
        """Whether any part of the Lampiran has something to print (else no Lampiran page at all)."""
        lampiran = self.lampiran
        susunan = lampiran.organisation and bool(
            lampiran.dasar_susunan or lampiran.susunan_intro.strip() or self.units
        )
        return bool(
            lampiran.sejarah
            or lampiran.dasar_hukum
            or susunan
            or self.tupoksi
            or lampiran.tupoksi_intro
            or self.processes
            or self.kinerja
        )

    @property
    def kecamatan_title(self) -> str:
        """ "Kecamatan Sale"."""
        return f"Kecamatan {self.office.kecamatan}"

    def children(self, parent: str | None) -> list[Process]:
        """Processes directly under ``parent`` (None: top level), in workbook order."""
        return sorted((p for p in self.processes if p.parent == parent), key=lambda p: p.order)

    def unit_children(self, parent: str | None) -> list[Unit]:
        return sorted((u for u in self.units if u.parent == parent), key=lambda u: u.order)

    def steps_of(self, process: str) -> list[Step]:
        """The steps of one process, by number."""
        return sorted((s for s in self.steps if s.process == process), key=lambda s: s.number)

    def sop_of(self, process: str) -> SopIdentity | None:
        return next((s for s in self.sops if s.process == process), None)
