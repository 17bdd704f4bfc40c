"""What runs inside a worker process: the core called on one uploaded file, answers sent back by pipe.

A worker is a long-lived process that serves one job at a time, so the loaded template and diagram
cache are reused from job to job. Its address space is capped, so a hostile file that makes the core
allocate without end gets a MemoryError here (or the process dies) and only its own job fails. Every
task is a plain function of picklable arguments that returns a picklable outcome; the tasks call the
same core functions as the CLI, with ``files_allowed=False``: an upload may not name server files.
"""

from __future__ import annotations

import importlib
import logging
import re
import resource
import signal
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

from ..audit import AuditReport, audit
from ..compare import Section, compare, describe, sections, write_report
from ..importer import CellWarning, ImportFailed, Unplaced, import_decree
from ..importer.draft import Doubt, cell_of
from ..pipeline import DEFAULT_TEMPLATE, Options, generate, load_decree
from ..problems import Problem, Severity, WorkbookError
from ..template_check import check_template
from ..yearly import TextChange, YearlyError, default_target, next_year_workbook

log = logging.getLogger(__name__)

Stage = Callable[[str], None]

UNEXPECTED = (
    "Terjadi kesalahan tak terduga saat mengerjakan berkas ini; kesalahannya dicatat di log server. "
    "Periksa isi berkas, lalu coba lagi atau hubungi pengelola server."
)
OUT_OF_MEMORY = (
    "Pekerjaan ini dihentikan karena memakai memori melebihi batas; berkasnya terlalu besar atau tidak wajar."
)
RESULTS = "hasil"  # outputs of a job, beside its "masukan" (inputs) folder


# --- outcomes ------------------------------------------------------------------------------------


@dataclass
class Outcome:
    """What a task produced: ``error`` is one Indonesian sentence; ``files`` maps a download key to
    (file name inside the job's results folder, the name the visitor downloads it as)."""

    error: str = ""
    problems: list[Problem] = field(default_factory=list)
    files: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.error


@dataclass
class DecreeOutcome(Outcome):
    kecamatan: str = ""
    year: int = 0
    title: str = ""
    number: str = ""


@dataclass
class ImportOutcome(Outcome):
    """`keputusan impor`'s answer: the workbook (and the kop's picture), what was not placed, what was
    guessed, and what `periksa` says of the new workbook (``problems``; ``check_error`` when it could
    not be read back at all)."""

    unplaced: list[Unplaced] = field(default_factory=list)
    warnings: list[CellWarning] = field(default_factory=list)
    logo: str = ""  # the download name of the kop's picture, "" when the kop has none
    logo_cell: str = ""  # "Kantor!B11": the Logo cell left empty for that picture
    check_error: str = ""

    @property
    def valid(self) -> bool:
        return not self.check_error and not any(p.severity is Severity.ERROR for p in self.problems)


@dataclass
class AuditOutcome(Outcome):
    """`keputusan audit` for one workbook; ``report.error`` (and ``problems``) when it is not valid."""

    report: AuditReport | None = None


@dataclass
class NewYearOutcome(Outcome):
    kecamatan: str = ""
    old_year: int = 0
    new_year: int = 0
    changes: list[TextChange] = field(default_factory=list)
    to_check: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # kept values to look at (SOP dates, targets, formulas)


@dataclass
class Side:
    """One workbook of a comparison: its label and what is wrong with it."""

    name: str
    label: str = ""
    error: str = ""
    problems: list[Problem] = field(default_factory=list)


@dataclass
class ComparisonOutcome(Outcome):
    old: Side = field(default_factory=lambda: Side(""))
    new: Side = field(default_factory=lambda: Side(""))
    sections: list[Section] = field(default_factory=list)


@dataclass
class TemplateOutcome(Outcome):
    name: str = ""
    errors: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # external relationships dropped: warnings
    links: list[str] = field(default_factory=list)  # links in the text, kept: information
    unused: list[str] = field(default_factory=list)
    used: list[str] = field(default_factory=list)


# --- tasks ---------------------------------------------------------------------------------------


def make_decree(
    workbook: str, out_dir: str, template: str | None, figures: bool, sop: bool = False, *, stage: Stage
) -> DecreeOutcome:
    """`keputusan buat` (with ``sop``: `buat --sop`) for one uploaded workbook."""
    options = Options(
        out_dir=Path(out_dir),
        template=Path(template) if template else DEFAULT_TEMPLATE,
        figures=figures,
        force=True,
        files_allowed=False,
        sop=sop,
    )
    result = generate(Path(workbook), options, on_stage=stage)
    outcome = DecreeOutcome(error=result.error, problems=result.problems)
    decree = result.decree
    if decree is not None:
        outcome.kecamatan, outcome.year = decree.office.kecamatan, decree.info.year
        outcome.title, outcome.number = decree.info.title, decree.info.number
    if result.ok and result.output is not None and result.output.is_file():
        outcome.files["docx"] = (result.output.name, result.output.name)
        if result.sop_output is not None and result.sop_output.is_file():
            outcome.files["sop"] = (result.sop_output.name, result.sop_output.name)
    elif not outcome.error:
        outcome.error = "Dokumen tidak dapat dibuat."
    return outcome


def import_document(source: str, out_dir: str, stage: Stage) -> ImportOutcome:
    """`keputusan impor` for one uploaded decree: the workbook beside the upload's name, the kop's
    picture apart (an upload may not name files, so the Logo cell stays empty), then `periksa`."""
    stage("impor")
    path = Path(source)
    try:
        result = import_decree(path, name=path.name, logo_stem=None)
    except ImportFailed as exc:
        return ImportOutcome(error=str(exc))
    target = Path(out_dir) / path.with_suffix(".xlsx").name
    target.write_bytes(result.workbook)
    outcome = ImportOutcome(
        files={"xlsx": (target.name, target.name)},
        unplaced=list(result.unplaced),
        warnings=list(result.warnings),
    )
    if result.logo is not None:
        logo = target.with_name(f"{target.stem}-lambang{Path(result.logo.name).suffix}")
        logo.write_bytes(result.logo.data)
        outcome.files["logo"] = (logo.name, logo.name)
        outcome.logo = logo.name
        outcome.logo_cell = "!".join(cell_of(Doubt("office", "logo", 0, "")))
    try:
        _, problems = load_decree(target, files_allowed=False, on_stage=stage)
    except WorkbookError as exc:
        outcome.check_error = str(exc)
    else:
        outcome.problems = problems.items
    return outcome


def audit_workbook(workbook: str, stage: Stage) -> AuditOutcome:
    """`keputusan audit` for one uploaded workbook (the batch's table and .xlsx are made from these)."""
    stage("audit")
    report = audit(Path(workbook), files_allowed=False)
    return AuditOutcome(error=report.error, problems=list(report.problems), report=report)


def new_year(source: str, year: int, out_dir: str, stage: Stage) -> NewYearOutcome:
    """`keputusan tahun-baru` for one uploaded workbook, written into ``out_dir``."""
    stage("baca")
    path = Path(source)
    try:
        decree, problems = load_decree(path, files_allowed=False)
    except WorkbookError as exc:
        return NewYearOutcome(error=str(exc))
    if decree is None:
        return NewYearOutcome(
            error=f"Buku kerja {path.name} memuat {len(problems.errors)} galat; perbaiki dahulu, lalu "
            "unggah lagi untuk membuat buku kerja tahun baru.",
            problems=problems.items,
        )
    target = default_target(Path(out_dir) / "x.xlsx", decree.office.kecamatan, year)
    stage("tahun-baru")
    try:
        made = next_year_workbook(path, year, target, files_allowed=False)
    except YearlyError as exc:
        return NewYearOutcome(error=str(exc), problems=exc.problems.items if exc.problems else [])
    return NewYearOutcome(
        problems=problems.items,
        files={"xlsx": (made.target.name, made.target.name)},
        kecamatan=decree.office.kecamatan,
        old_year=made.old_year,
        new_year=made.new_year,
        changes=list(made.changes),
        to_check=list(made.to_check),
        notes=list(made.notes),
    )


def compare_workbooks(old: str, new: str, out_dir: str, stage: Stage) -> ComparisonOutcome:
    """`keputusan banding` for two uploaded workbooks, the report written as .md and .xlsx."""
    stage("baca")
    outcome = ComparisonOutcome(old=Side(Path(old).name), new=Side(Path(new).name))
    decrees = []
    for side, source in ((outcome.old, old), (outcome.new, new)):
        try:
            decree, problems = load_decree(Path(source), files_allowed=False)
        except WorkbookError as exc:
            side.error = str(exc)
            decrees.append(None)
            continue
        side.problems = problems.items
        if decree is None:
            side.error = (
                f"Buku kerja {side.name} memuat {len(problems.errors)} galat; perbaiki dahulu lalu "
                "bandingkan lagi."
            )
        else:
            side.label = describe(side.name, decree)
        decrees.append(decree)
    before, after = decrees
    if before is None or after is None:
        outcome.error = "Perbandingan tidak dapat dibuat sebelum kedua buku kerja sah."
        return outcome
    stage("banding")
    comparison = compare(before, after)
    outcome.sections = sections(comparison)
    place = re.sub(r"[^0-9A-Za-z]+", "-", after.office.kecamatan).strip("-")
    stem = f"Perbandingan-{place}-{before.info.year}-{after.info.year}"
    for suffix in (".md", ".xlsx"):
        name = f"perbandingan{suffix}"
        write_report(Path(out_dir) / name, comparison, outcome.old.label, outcome.new.label)
        outcome.files[suffix.lstrip(".")] = (name, stem + suffix)
    return outcome


def vet_template(docx: str, stage: Stage) -> TemplateOutcome:
    """`keputusan periksa-templat` for one uploaded Word template."""
    stage("templat")
    report = check_template(Path(docx))
    return TemplateOutcome(
        error="" if report.ok else "Templat ini belum dapat dipakai.",
        name=Path(docx).name,
        errors=list(report.errors),
        removed=list(report.removed),
        links=list(report.links),
        unused=list(report.unused),
        used=list(report.used),
    )


# --- the worker process --------------------------------------------------------------------------


def resolve(task: str) -> Callable[..., object]:
    """ "package.module:function" to the function (tasks are named by the server, never by a visitor)."""
    module, _, name = task.partition(":")
    return getattr(importlib.import_module(module), name)


def _limit_memory(memory_mb: int) -> None:
    size = memory_mb * 1024 * 1024
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        size = min(size, hard)
    resource.setrlimit(resource.RLIMIT_AS, (size, hard))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def serve(conn: Connection, memory_mb: int) -> None:
    """Serve jobs from ``conn`` until told to stop or the server goes away.

    Messages in: (job id, task, args) or None. Messages out: ("tahap", id, stage),
    ("selesai", id, outcome), ("gagal", id, sentence); ("mati", id, sentence) when it then exits.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is for the server, which stops us itself
    _limit_memory(memory_mb)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        job_id, task, args = message

        def stage(name: str, job_id: str = job_id) -> None:
            conn.send(("tahap", job_id, name))

        try:
            outcome = resolve(task)(*args, stage=stage)
        except MemoryError:
            conn.send(("mati", job_id, OUT_OF_MEMORY))
            sys.exit(3)  # the heap may be in any state: the server starts a fresh worker
        except Exception:
            print(f"pekerjaan {job_id} ({task}) gagal:\n{traceback.format_exc()}", file=sys.stderr)
            conn.send(("gagal", job_id, UNEXPECTED))
            continue
        conn.send(("selesai", job_id, outcome))


def main(argv: list[str]) -> int:
    """``python -m generator.web.worker FD MEMORY_MB``: serve on the inherited socket FD."""
    conn = Connection(int(argv[0]))
    serve(conn, int(argv[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
