"""The workspace's long tasks, run in the web's worker processes (memory cap, time limit, own session).

Each task opens the workspace (no migration: the server did that at start) and calls one service of
``generator.workspace`` as the account that asked, so every rule of who may do what is checked again
here, in the core. A refusal comes back as ``Outcome.error`` (one Indonesian sentence); progress goes
out through ``stage`` as ``progress_stage(done, total, name)``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..compare import Section, write_report
from ..problems import Problem, Severity
from ..workspace.accounts import get_account
from ..workspace.board import write_year_zip
from ..workspace.config import Config
from ..workspace.errors import WorkspaceError
from ..workspace.outputs import generate_output
from ..workspace.space import Workspace
from ..workspace.versions import compare_versions, upload_version
from ..workspace.years import open_year
from .worker import Outcome, Stage

PROGRESS = "kemajuan"
_spaces: dict[tuple[str, str], Workspace] = {}


def progress_stage(done: int, total: int, name: str) -> str:
    """ "kemajuan|3|14|Pamotan": the stage a page reads as "Pamotan (kecamatan ke-4 dari 14)"."""
    return f"{PROGRESS}|{done}|{total}|{name}"


def problems_of(rows: list[dict]) -> list[Problem]:
    """A version's stored problems as the core's Problem, for the pages' problem list."""
    return [
        Problem(
            Severity(row["severity"]),
            row["message"],
            row.get("sheet", ""),
            row.get("cell", ""),
            row.get("value"),
        )
        for row in rows
    ]


def _workspace(data_dir: str, db_url: str) -> Workspace:
    key = (data_dir, db_url)
    if key not in _spaces:
        _spaces[key] = Workspace.open(Config(Path(data_dir), db_url), migrate=False)
    return _spaces[key]


# --- outcomes ------------------------------------------------------------------------------------


@dataclass
class VersionSummary:
    id: int
    number: int
    kecamatan: str
    year: int
    errors: int
    warnings: int
    audit_score: float | None
    name: str = ""


def _summary(version) -> VersionSummary:
    return VersionSummary(
        version.id,
        version.number,
        version.kecamatan.name,
        version.year,
        version.errors,
        version.warnings,
        version.audit_score,
        version.original_name,
    )


@dataclass
class UploadOutcome(Outcome):
    version: VersionSummary | None = None


@dataclass
class MadeFile:
    output_id: int
    kind: str
    name: str


@dataclass
class GenerateOutcome(Outcome):
    version: VersionSummary | None = None
    made: list[MadeFile] = field(default_factory=list)
    pdf_error: str = ""


@dataclass
class CompareOutcome(Outcome):
    old: VersionSummary | None = None
    new: VersionSummary | None = None
    old_label: str = ""
    new_label: str = ""
    sections: list[Section] = field(default_factory=list)


@dataclass
class OpenYearOutcome(Outcome):
    year: int = 0
    carried: list[VersionSummary] = field(default_factory=list)
    not_carried: dict[str, str] = field(default_factory=dict)


@dataclass
class ZipOutcome(Outcome):
    year: int = 0
    included: dict[str, list[str]] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)


# --- tasks ---------------------------------------------------------------------------------------


def upload(
    data_dir: str,
    db_url: str,
    account_id: int,
    kecamatan_id: int,
    year: int,
    path: str,
    name: str,
    address: str,
    max_bytes: int,
    stage: Stage,
) -> UploadOutcome:
    """A workbook uploaded on the kecamatan page, stored as its next version of ``year``."""
    stage("validasi")
    workspace = _workspace(data_dir, db_url)
    data = Path(path).read_bytes()
    with workspace.begin() as db:
        try:
            account = get_account(db, account_id)
            version = upload_version(
                db,
                workspace.files,
                account,
                kecamatan_id,
                year,
                data,
                name,
                address=address,
                max_bytes=max_bytes,
            )
        except WorkspaceError as exc:
            return UploadOutcome(error=str(exc))
        return UploadOutcome(problems=problems_of(version.problems), version=_summary(version))


def generate(
    data_dir: str, db_url: str, account_id: int, version_id: int, pdf: bool, address: str, stage: Stage
) -> GenerateOutcome:
    """The decree (and PDF) of one version, made once and kept in the workspace."""
    stage("render")
    workspace = _workspace(data_dir, db_url)
    with workspace.begin() as db:
        try:
            account = get_account(db, account_id)
            made = generate_output(db, workspace.files, account, version_id, pdf=pdf, address=address)
        except WorkspaceError as exc:
            return GenerateOutcome(error=str(exc))
        return GenerateOutcome(
            version=_summary(made.version),
            made=[MadeFile(o.id, o.kind, o.file_name) for o in made.outputs],
            pdf_error=made.pdf_error,
        )


def compare(
    data_dir: str, db_url: str, account_id: int, old_id: int, new_id: int, out_dir: str, stage: Stage
) -> CompareOutcome:
    """`keputusan banding` between two stored versions, the report written as .md and .xlsx."""
    stage("banding")
    workspace = _workspace(data_dir, db_url)
    with workspace.begin() as db:
        try:
            account = get_account(db, account_id)
            found = compare_versions(db, workspace.files, account, old_id, new_id)
        except WorkspaceError as exc:
            return CompareOutcome(error=str(exc))
        outcome = CompareOutcome(
            old=_summary(found.old),
            new=_summary(found.new),
            old_label=found.old_label,
            new_label=found.new_label,
            sections=found.sections(),
        )
        place = "".join(c if c.isalnum() else "-" for c in found.new.kecamatan.name).strip("-")
        stem = (
            f"Perbandingan-{place}-v{found.old.number}-{found.old.year}-v{found.new.number}-{found.new.year}"
        )
        for suffix in (".md", ".xlsx"):
            stored = f"perbandingan{suffix}"
            write_report(Path(out_dir) / stored, found.comparison, found.old_label, found.new_label)
            outcome.files[suffix.lstrip(".")] = (stored, stem + suffix)
        return outcome


def new_year(
    data_dir: str, db_url: str, account_id: int, year: int, address: str, stage: Stage
) -> OpenYearOutcome:
    """The admin opens ``year``: every kecamatan's last valid workbook of the year before comes along."""
    workspace = _workspace(data_dir, db_url)
    with workspace.begin() as db:
        try:
            account = get_account(db, account_id)
            opened = open_year(
                db,
                workspace.files,
                account,
                year,
                address,
                progress=lambda done, total, name: stage(progress_stage(done, total, name)),
            )
        except WorkspaceError as exc:
            return OpenYearOutcome(error=str(exc), year=year)
        return OpenYearOutcome(
            year=year, carried=[_summary(v) for v in opened.carried], not_carried=dict(opened.not_carried)
        )


def year_zip(
    data_dir: str, db_url: str, account_id: int, year: int, out_dir: str, pdf: bool, stage: Stage
) -> ZipOutcome:
    """Every kecamatan's decree of ``year`` in one zip (decrees not yet made are made first)."""
    workspace = _workspace(data_dir, db_url)
    name = f"Keputusan-Camat-{year}.zip"
    target = Path(out_dir) / name
    with workspace.begin() as db:
        try:
            account = get_account(db, account_id)
            with target.open("wb") as out:
                made = write_year_zip(
                    db,
                    workspace.files,
                    account,
                    year,
                    out,
                    pdf=pdf,
                    progress=lambda done, total, kecamatan: stage(progress_stage(done, total, kecamatan)),
                )
        except WorkspaceError as exc:
            target.unlink(missing_ok=True)
            return ZipOutcome(error=str(exc), year=year)
        except BaseException:
            target.unlink(missing_ok=True)
            raise
    return ZipOutcome(year=year, included=made.included, missing=made.missing, files={"zip": (name, name)})
