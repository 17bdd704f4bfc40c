"""Completeness audit of a Peta Proses Bisnis against PermenPAN-RB 19/2018, cell by cell.

Each section checks items (units, processes, steps' pelaksana, kinerja, SOP fields); every item that
falls short is a finding naming its sheet and cell. A section's score is the share of its items that
pass, in percent; the overall score is the plain mean of the sections that have items to check (a
section with none, such as the SOP of a workbook without steps, is not scored). The rules are stated
once, in SECTIONS, for the report, the spreadsheet and the README.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .model import Category, Decree, KinerjaSource, Locations, Process, step_key
from .problems import Problem, WorkbookError
from .schema import SHEET_BY_KEY, TABLE_FIRST_ROW
from .steps import lanes, party_key


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    short: str  # column heading of a table with every section
    rule: str  # what one item is and when it passes, in one Indonesian sentence


SECTIONS: tuple[Section, ...] = (
    Section(
        "unit",
        "Keterlibatan unit",
        "Unit",
        "Setiap unit di lembar Unit terlibat dalam sedikitnya satu proses: sebagai unit penanggung jawab, "
        "pelaksana langkah, atau pihak di lembar Relasi.",
    ),
    Section(
        "proses",
        "Kelengkapan proses",
        "Proses",
        "Setiap proses punya unit penanggung jawab (sendiri atau dari induknya) dan keluaran; kategorinya "
        "sudah diwajibkan pemeriksaan buku kerja. Dua butir per proses.",
    ),
    Section(
        "kategori",
        "Kategori proses",
        "Kategori",
        "Ketiga kategori pedoman (Manajerial, Utama, Pendukung) masing-masing punya sedikitnya satu proses "
        "tingkat teratas.",
    ),
    Section(
        "kode",
        "Kode proses",
        "Kode",
        'Setiap kode mengikuti satu pola (awalan huruf, lalu nomor bertitik, misalnya "P.1.2"), kode '
        "subproses adalah kode induknya ditambah satu nomor, dan proses teratas satu kategori "
        "berawalan sama.",
    ),
    Section(
        "langkah",
        "Penjabaran ke langkah",
        "Langkah",
        "Setiap proses terendah (tanpa subproses) dijabarkan ke dalam langkah di lembar Langkah, sehingga "
        "punya Peta Lintas Fungsi dan SOP.",
    ),
    Section(
        "relasi",
        "Pelaksana dalam Peta Relasi",
        "Relasi",
        "Setiap pelaksana langkah sebuah proses tercantum sebagai pihak proses itu (atau induknya) di lembar "
        "Relasi. Satu butir per pelaksana per proses.",
    ),
    Section(
        "kinerja",
        "Cascading kinerja",
        "Kinerja",
        "Setiap tingkat Renstra di lembar Kinerja punya indikator dan lewat kolom Induk terhubung ke RPJMD. "
        "Dua butir per tingkat Renstra.",
    ),
    Section(
        "keterkaitan",
        "Keterkaitan proses dengan kinerja",
        "Kaitan",
        "Setiap proses terhubung ke kinerja yang didukungnya lewat kolom Kode Kinerja, sendiri atau lewat "
        "induknya.",
    ),
    Section(
        "sop",
        "Identitas SOP",
        "SOP",
        "Setiap proses yang punya langkah punya baris di lembar SOP dengan Nomor SOP, Tanggal Pembuatan, "
        "Tanggal Efektif, nama pengesah dan keenam daftarnya terisi. Sepuluh butir per proses.",
    ),
)
SECTION_BY_KEY = {section.key: section for section in SECTIONS}
SCORING_RULE = (
    "Nilai tiap bagian = butir yang terpenuhi dibagi butir yang diperiksa, dalam persen. Nilai keseluruhan "
    "= rata-rata nilai bagian yang punya butir untuk diperiksa, setiap bagian berbobot sama; bagian tanpa "
    "butir (misalnya Identitas SOP bila belum ada langkah) tidak dinilai."
)
REQUIRED_CATEGORIES = (Category.MANAJERIAL, Category.UTAMA, Category.PENDUKUNG)
NOT_SCORED = "tidak dinilai"


@dataclass(frozen=True)
class Finding:
    section: str  # Section.key
    message: str
    sheet: str = ""
    cell: str = ""

    @property
    def where(self) -> str:
        return f"{self.sheet}!{self.cell}" if self.sheet and self.cell else self.sheet

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


@dataclass(frozen=True)
class Score:
    section: str  # Section.key
    passed: int
    total: int

    @property
    def title(self) -> str:
        return SECTION_BY_KEY[self.section].title

    @property
    def percent(self) -> float | None:
        """Share of items passing, 0-100; None when there was nothing to check."""
        return round(100 * self.passed / self.total, 1) if self.total else None


@dataclass(frozen=True)
class AuditReport:
    """The audit of one workbook; ``error`` (and ``problems``) when it could not be audited at all."""

    label: str  # the workbook's file name
    kecamatan: str = ""
    year: int | None = None
    findings: tuple[Finding, ...] = ()
    scores: tuple[Score, ...] = ()
    error: str = ""
    problems: tuple[Problem, ...] = ()

    @property
    def audited(self) -> bool:
        return not self.error

    @property
    def overall(self) -> float | None:
        """Mean of the scored sections, 0-100; None when none is scored or the audit failed."""
        scored = [s.percent for s in self.scores if s.percent is not None]
        return round(sum(scored) / len(scored), 1) if scored else None

    def score(self, section: str) -> Score | None:
        return next((s for s in self.scores if s.section == section), None)

    def findings_of(self, section: str) -> list[Finding]:
        return [f for f in self.findings if f.section == section]


def _column_order(ref: str) -> tuple[int, str]:
    letters = ref.rstrip("0123456789")
    return len(letters), letters


def percent_text(value: float | None) -> str:
    """ "87,5" or "100" as Indonesians write it; "tidak dinilai" for None."""
    if value is None:
        return NOT_SCORED
    return f"{value:.1f}".removesuffix(".0").replace(".", ",")


def whole_percent(value: float | None) -> str:
    """A score rounded to a whole percent, for a table with every section; "-" when not scored."""
    return "-" if value is None else str(round(value))


# ------------------------------------------------------------------------------------------- entry


def audit(source: Decree | Path | str, *, label: str = "", files_allowed: bool = True) -> AuditReport:
    """The audit of a decree, or of a workbook file (read and checked first)."""
    if isinstance(source, Decree):
        return _Audit(source, label).report()
    from .pipeline import load_decree

    path = Path(source)
    name = label or path.name
    try:
        decree, problems = load_decree(path, files_allowed=files_allowed)
    except WorkbookError as exc:
        return AuditReport(name, error=str(exc))
    if decree is None:
        count = len(problems.errors)
        return AuditReport(
            name,
            error=f"Buku kerja memuat {count} galat; perbaiki dahulu (keputusan periksa), lalu audit lagi.",
            problems=tuple(problems.errors),
        )
    return _Audit(decree, name).report()


def audit_all(paths: Iterable[Path], *, files_allowed: bool = True) -> list[AuditReport]:
    return [audit(path, files_allowed=files_allowed) for path in paths]


# ------------------------------------------------------------------------------------------- rules


_CODE = re.compile(r"^(?P<prefix>[A-Za-z]+)(?P<sep>\s*[.\-]?\s*)(?P<numbers>\d+(?:\s*\.\s*\d+)*)\s*\.?$")


@dataclass(frozen=True)
class _Code:
    prefix: str
    sep: str
    numbers: tuple[int, ...]

    @classmethod
    def parse(cls, code: str) -> _Code | None:
        match = _CODE.match(code.strip())
        if match is None:
            return None
        numbers = tuple(int(n) for n in re.split(r"\s*\.\s*", match["numbers"]))
        return cls(match["prefix"].upper(), match["sep"], numbers)

    def text(self, numbers: Sequence[int]) -> str:
        return f"{self.prefix}{self.sep}{'.'.join(map(str, numbers))}"


@dataclass
class _Audit:
    decree: Decree
    label: str
    findings: list[Finding] = field(default_factory=list)
    scores: list[Score] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.where: Locations = self.decree.locations
        self.by_code = {p.code: p for p in self.decree.processes}
        self.children: dict[str | None, list[Process]] = {}
        for process in self.decree.processes:
            self.children.setdefault(process.parent, []).append(process)

    def report(self) -> AuditReport:
        for check in (
            self._units,
            self._processes,
            self._categories,
            self._codes,
            self._steps,
            self._relasi,
            self._kinerja,
            self._links,
            self._sops,
        ):
            check()
        return AuditReport(
            self.label,
            self.decree.office.kecamatan,
            self.decree.info.year,
            tuple(self.findings),
            tuple(self.scores),
        )

    # --- helpers

    def _sheet(self, key: str, default: str) -> str:
        return self.where.title(key, default)

    def _find(
        self, section: str, message: str, sheet_key: str, default: str, record: str, column: str
    ) -> None:
        """A finding at the record's cell of ``column`` (no record: the column's header, or the first row
        of an empty sheet); a column the workbook lacks is named, at the record's first cell."""
        sheet = self._sheet(sheet_key, default)
        if not record:
            cell = self.where.header(sheet_key, column) or f"A{TABLE_FIRST_ROW}"
        else:
            cell = self.where.cell(sheet_key, record, column)
            if not cell and self.where.cells.get((sheet_key, record)):
                cell = min(self.where.cells[(sheet_key, record)].values(), key=_column_order)
                header = SHEET_BY_KEY[sheet_key].column(column).header
                message += f" Kolom {header} belum ada di lembar {sheet}; tambahkan kolom itu."
        self.findings.append(Finding(section, message, sheet, cell))

    def _score(self, section: str, passed: int, total: int) -> None:
        self.scores.append(Score(section, passed, total))

    def _ancestors(self, process: Process) -> Iterable[Process]:
        """The process itself, then its parent, grandparent ...; each once."""
        seen: set[str] = set()
        current: Process | None = process
        while current is not None and current.code not in seen:
            seen.add(current.code)
            yield current
            current = self.by_code.get(current.parent) if current.parent else None

    def _leaves(self) -> list[Process]:
        return [p for p in self.decree.processes if not self.children.get(p.code)]

    # --- sections

    def _units(self) -> None:
        units = self.decree.units
        involved = {p.unit for p in self.decree.processes if p.unit}
        involved |= {step.pelaksana for step in self.decree.steps}
        named = {party_key(r.party) for r in self.decree.relations}
        passed = 0
        for unit in units:
            names = {party_key(n) for n in (unit.code, unit.name, unit.jabatan) if n.strip()}
            if unit.code in involved or names & named:
                passed += 1
                continue
            self._find(
                "unit",
                f"Unit {unit.code} ({unit.name}) tidak terlibat dalam satu proses pun: jadikan unit "
                "penanggung "
                "jawab sebuah proses, pelaksana langkah, atau cantumkan di lembar Relasi.",
                "units",
                "Unit",
                unit.code,
                "code",
            )
        self._score("unit", passed, len(units))

    def _processes(self) -> None:
        passed, total = 0, 0
        for process in self.decree.processes:
            total += 2
            if any(p.unit for p in self._ancestors(process)):
                passed += 1
            else:
                self._find(
                    "proses",
                    f"Proses {process.code} {process.name} belum punya unit penanggung jawab (juga "
                    "tidak dari "
                    "induknya); isi Unit Penanggung Jawab dengan kode dari lembar Unit.",
                    "processes",
                    "Proses",
                    process.code,
                    "unit",
                )
            if process.output.strip():
                passed += 1
            else:
                self._find(
                    "proses",
                    f"Proses {process.code} {process.name} belum punya keluaran; isi kolom Keluaran "
                    "dengan hasil "
                    "proses itu.",
                    "processes",
                    "Proses",
                    process.code,
                    "output",
                )
        self._score("proses", passed, total)

    def _categories(self) -> None:
        present = {p.category for p in self.children.get(None, [])}
        passed = 0
        for category in REQUIRED_CATEGORIES:
            if category in present:
                passed += 1
                continue
            self._find(
                "kategori",
                f"Belum ada proses tingkat teratas berkategori {category.value} ({category.title}); pedoman "
                "membagi proses bisnis ke dalam Proses Manajerial, Proses Utama dan Proses Pendukung.",
                "processes",
                "Proses",
                "",
                "category",
            )
        self._score("kategori", passed, len(REQUIRED_CATEGORIES))

    def _codes(self) -> None:
        processes = self.decree.processes
        parsed = {p.code: _Code.parse(p.code) for p in processes}
        separators = Counter(c.sep.strip() or c.sep for c in parsed.values() if c is not None)
        usual = separators.most_common(1)[0][0] if separators else "."
        example = next(
            (p.code for p in processes if parsed[p.code] and parsed[p.code].sep.strip() == usual), ""
        )
        prefixes: dict[Category, str] = {}
        for process in self.children.get(None, []):
            code = parsed[process.code]
            if code is not None:
                prefixes.setdefault(process.category, code.prefix)
        passed = 0
        for process in processes:
            problem = self._code_problem(process, parsed, usual, example, prefixes)
            if problem:
                self._find("kode", problem, "processes", "Proses", process.code, "code")
            else:
                passed += 1
        self._score("kode", passed, len(processes))

    def _code_problem(
        self,
        process: Process,
        parsed: dict[str, _Code | None],
        usual: str,
        example: str,
        prefixes: dict[Category, str],
    ) -> str:
        code = parsed[process.code]
        if code is None or (code.sep.strip() or code.sep) != usual:
            hint = f' seperti "{example}"' if example else ""
            return (
                f'Kode "{process.code}" tidak mengikuti pola kode proses lain{hint} (awalan huruf, '
                "lalu nomor "
                "bertitik)."
            )
        parent = self.by_code.get(process.parent) if process.parent else None
        if parent is None:
            if len(code.numbers) != 1:
                return (
                    f'Kode "{process.code}" bernomor {len(code.numbers)} tingkat padahal prosesnya tingkat '
                    f'teratas; diharapkan satu nomor, misalnya "{code.text(code.numbers[:1])}".'
                )
            first = prefixes.get(process.category)
            if first and first != code.prefix:
                return (
                    f'Kode "{process.code}" berawalan "{code.prefix}" padahal proses '
                    f"{process.category.value} "
                    f'lain berawalan "{first}".'
                )
            return ""
        mine = parsed.get(parent.code)
        if mine is None:
            return ""  # the parent's own code is the finding
        if (
            code.prefix != mine.prefix
            or code.numbers[:-1] != mine.numbers
            or len(code.numbers) != len(mine.numbers) + 1
        ):
            expected = mine.text((*mine.numbers, code.numbers[-1]))
            return (
                f'Kode "{process.code}" tidak sesuai induknya {parent.code}: kode subproses adalah '
                "kode induk "
                f'ditambah satu nomor, misalnya "{expected}".'
            )
        return ""

    def _steps(self) -> None:
        with_steps = {step.process for step in self.decree.steps}
        leaves = self._leaves()
        passed = 0
        for process in leaves:
            if process.code in with_steps:
                passed += 1
                continue
            self._find(
                "langkah",
                f"Proses {process.code} {process.name} belum dijabarkan ke dalam langkah di lembar Langkah, "
                "sehingga belum punya Peta Lintas Fungsi dan SOP.",
                "processes",
                "Proses",
                process.code,
                "code",
            )
        self._score("langkah", passed, len(leaves))

    def _relasi(self) -> None:
        units = {unit.code: unit for unit in self.decree.units}
        passed, total = 0, 0
        for code in dict.fromkeys(step.process for step in self.decree.steps):
            process = self.by_code[code]
            lineage = {p.code for p in self._ancestors(process)}
            parties = {party_key(r.party) for r in self.decree.relations if r.process in lineage}
            for lane in lanes(self.decree, code):
                total += 1
                unit = units.get(lane.key)
                names = {lane.key, lane.name} | ({unit.code, unit.name, unit.jabatan} if unit else set())
                if {party_key(n) for n in names if n} & parties:
                    passed += 1
                    continue
                first = next(s for s in self.decree.steps_of(code) if s.pelaksana == lane.key)
                self._find(
                    "relasi",
                    f"Pelaksana {lane.name} pada proses {code} tidak tercantum sebagai pihak proses "
                    "itu (atau "
                    f"induknya) di lembar Relasi.",
                    "steps",
                    "Langkah",
                    step_key(code, first.number),
                    "pelaksana",
                )
        self._score("relasi", passed, total)

    def _kinerja(self) -> None:
        items = {k.code: k for k in self.decree.kinerja}
        renstra = [k for k in self.decree.kinerja if k.source is KinerjaSource.RENSTRA]
        if not renstra:
            self._find(
                "kinerja",
                "Belum ada tingkat Renstra kecamatan di lembar Kinerja (Dokumen: Renstra), sehingga "
                "cascading "
                "kinerja belum dapat diperiksa.",
                "kinerja",
                "Kinerja",
                "",
                "source",
            )
            self._score("kinerja", 0, 1)
            return
        passed = 0
        for item in renstra:
            if item.indicator.strip():
                passed += 1
            else:
                self._find(
                    "kinerja",
                    f"{item.level} {item.code} (Renstra) belum punya indikator; isi kolom Indikator.",
                    "kinerja",
                    "Kinerja",
                    item.code,
                    "indicator",
                )
            if self._reaches_rpjmd(item.code, items):
                passed += 1
            else:
                self._find(
                    "kinerja",
                    f"{item.level} {item.code} (Renstra) tidak terhubung ke RPJMD: kolom Induk "
                    "tingkat ini dan "
                    "tingkat di atasnya harus berujung pada sasaran atau tujuan RPJMD.",
                    "kinerja",
                    "Kinerja",
                    item.code,
                    "parent",
                )
        self._score("kinerja", passed, 2 * len(renstra))

    @staticmethod
    def _reaches_rpjmd(code: str, items: dict) -> bool:
        seen: set[str] = set()
        current = items.get(code)
        while current is not None and current.code not in seen:
            if current.source is KinerjaSource.RPJMD:
                return True
            seen.add(current.code)
            current = items.get(current.parent) if current.parent else None
        return False

    def _links(self) -> None:
        processes = self.decree.processes
        linked = {p.code for p in processes if any(a.kinerja for a in self._ancestors(p))}
        below: Counter[str] = Counter()  # top unlinked process -> its unlinked sub-processes
        for process in processes:
            if process.code not in linked:
                *_, top = self._ancestors(process)
                if top is not process:
                    below[top.code] += 1
        for process in processes:
            if process.code in linked or process.parent in self.by_code:
                continue  # linked, or covered by the finding of its top process (not linked either)
            more = f" (berlaku juga untuk {below[process.code]} subprosesnya)" if below[process.code] else ""
            self._find(
                "keterkaitan",
                f"Proses {process.code} {process.name} belum dihubungkan ke kinerja yang "
                f"didukungnya{more}; isi "
                "Kode Kinerja dengan kode dari lembar Kinerja.",
                "processes",
                "Proses",
                process.code,
                "kinerja",
            )
        self._score("keterkaitan", len(linked), len(processes))

    def _sops(self) -> None:
        signer_name = self.decree.signer.name.strip()
        passed, total = 0, 0
        for code in dict.fromkeys(step.process for step in self.decree.steps):
            total += 10
            sop = self.decree.sop_of(code)
            if sop is None:
                first = self.decree.steps_of(code)[0]
                self._find(
                    "sop",
                    f"Proses {code} punya langkah tetapi belum punya identitas SOP; tambahkan "
                    "barisnya di lembar "
                    "SOP.",
                    "steps",
                    "Langkah",
                    step_key(code, first.number),
                    "process",
                )
                continue
            name = sop.approver_name.strip() or ("" if sop.approver.strip() else signer_name)
            fields = (
                ("number", "Nomor SOP", bool(sop.number.strip())),
                ("made", "Tanggal Pembuatan", sop.made is not None),
                ("effective", "Tanggal Efektif", sop.effective is not None),
                ("approver_name", "Nama Pengesah", bool(name)),
                ("dasar_hukum", "Dasar Hukum", bool(sop.dasar_hukum)),
                ("kualifikasi", "Kualifikasi Pelaksana", bool(sop.kualifikasi)),
                ("keterkaitan", "Keterkaitan", bool(sop.keterkaitan)),
                ("peralatan", "Peralatan/Perlengkapan", bool(sop.peralatan)),
                ("peringatan", "Peringatan", bool(sop.peringatan)),
                ("pencatatan", "Pencatatan dan Pendataan", bool(sop.pencatatan)),
            )
            for column, title, filled in fields:
                if filled:
                    passed += 1
                    continue
                also = column == "approver_name" and not sop.approver.strip()
                note = " (Nama di lembar Penandatangan juga kosong)" if also else ""
                message = f"Identitas SOP proses {code}: {title} belum diisi{note}."
                self._find("sop", message, "sop", "SOP", code, column)
        self._score("sop", passed, total)


def audit_rules_markdown() -> str:
    """The sections and the scoring rule as the README states them."""
    lines = ["| Bagian | Yang diperiksa |", "| --- | --- |"]
    lines += [f"| {section.title} | {section.rule} |" for section in SECTIONS]
    return "\n".join(lines) + f"\n\n{SCORING_RULE}\n"


# -------------------------------------------------------------------------------------- spreadsheet

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
WRAP = Alignment(wrap_text=True, vertical="top")
_STAMP = dt.datetime(2000, 1, 1)


def audit_xlsx(reports: Sequence[AuditReport]) -> bytes:
    """The audit for the kabupaten's records: a summary row per workbook, every finding, the rules.

    Text from workbooks is written as text, never as a formula, whatever it starts with.
    """
    book = Workbook()
    summary = book.active
    summary.title = "Ringkasan"
    _row(
        summary,
        ["Buku kerja", "Kecamatan", "Tahun", *(s.title for s in SECTIONS), "Nilai keseluruhan", "Temuan"],
    )
    for report in reports:
        if not report.audited:
            _row(
                summary,
                [
                    report.label,
                    report.kecamatan,
                    report.year or "",
                    *([""] * len(SECTIONS)),
                    report.error,
                    "",
                ],
            )
            continue
        scores = [report.score(s.key) for s in SECTIONS]
        _row(
            summary,
            [
                report.label,
                report.kecamatan,
                report.year or "",
                *(_number(s.percent if s else None) for s in scores),
                _number(report.overall),
                len(report.findings),
            ],
        )
    findings = book.create_sheet("Temuan")
    _row(findings, ["Buku kerja", "Bagian", "Lembar", "Sel", "Temuan"])
    for report in reports:
        for problem in report.problems:
            _row(
                findings,
                [report.label, "Pemeriksaan buku kerja", problem.sheet, problem.cell, str(problem.message)],
            )
        if report.error and not report.problems:
            _row(findings, [report.label, "Pemeriksaan buku kerja", "", "", report.error])
        for finding in report.findings:
            title = SECTION_BY_KEY[finding.section].title
            _row(findings, [report.label, title, finding.sheet, finding.cell, finding.message])
    rules = book.create_sheet("Aturan Penilaian")
    _row(rules, ["Bagian", "Yang diperiksa"])
    for section in SECTIONS:
        _row(rules, [section.title, section.rule])
    _row(rules, ["Nilai", SCORING_RULE])
    for sheet, widths in (
        (summary, [28, 18, 8] + [14] * len(SECTIONS) + [14, 10]),
        (findings, [28, 26, 14, 8, 90]),
        (rules, [30, 100]),
    ):
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        for cell in sheet[1]:
            cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        sheet.freeze_panes = "A2"
    book.properties.creator = "keputusan audit"
    book.properties.created = _STAMP
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _number(value: float | None) -> float | str:
    return NOT_SCORED if value is None else value


def _row(sheet, values: Sequence[object]) -> None:
    """Append a row; every string stays a string (a leading "=" never makes a formula)."""
    sheet.append([None if value == "" else value for value in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
            cell.alignment = WRAP
