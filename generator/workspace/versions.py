"""Versions of a kecamatan's workbook: every upload checked by the same core as `keputusan periksa`,
then stored as a file and a row in one step (never overwritten), and read back only by who may."""

from __future__ import annotations

import hashlib
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .. import compare as core_compare
from .. import schema
from ..model import Decree
from ..pipeline import load_decree
from ..problems import Problem, Problems, WorkbookError
from . import faults
from .access import kecamatan_for, output_for, version_for
from .accounts import kecamatan_key
from .errors import Conflict, StorageError, UploadRefused, WorkspaceError
from .log import Action, record
from .models import Account, Kecamatan, Output, Source, Version, Year, utcnow
from .scoring import audit_score
from .storage import UPLOADS, Files, Stored

MB = 1 << 20
MAX_UPLOAD_BYTES = 10 * MB
DEFAULT_NAME = "buku-kerja.xlsx"
RETRIES = 3  # a version number taken meanwhile by a concurrent upload is tried again


@dataclass(frozen=True)
class Checked:
    """An upload after the core read it: the decree when valid, every problem either way."""

    decree: Decree | None
    problems: Problems


def display_name(filename: str) -> str:
    """The file's own name as the person's computer gave it, without folders or control characters,
    short enough for any file system (at most 200 bytes)."""
    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if c.isprintable()).strip().lstrip(".")
    if name.lower().endswith(".xlsx"):
        name = name[:-5]
    name = name.encode("utf-8")[:195].decode("utf-8", "ignore").strip()
    return f"{name}.xlsx" if name else DEFAULT_NAME


def check_workbook(files: Files, data: bytes, name: str) -> Checked:
    """Read and validate with the core, as an upload (a cell may not name a file on the server)."""
    with files.scratch() as folder:
        path = folder / name
        path.write_bytes(data)
        try:
            decree, problems = load_decree(path, files_allowed=False)
        except WorkbookError as exc:
            raise UploadRefused(str(exc)) from exc
        except Exception as exc:  # a crash in the reader must not become a half-stored upload
            detail = traceback.format_exception_only(type(exc), exc)[-1].strip()
            raise UploadRefused(
                f"Buku kerja {name} tidak dapat diperiksa ({detail[:200]}); tidak ada yang disimpan."
            ) from exc
    return Checked(decree, problems)


def problem_rows(problems: Problems) -> list[dict[str, Any]]:
    """Problems as JSON for the version's row: what a page lists, errors first."""
    ordered = [*problems.errors, *problems.warnings]
    return [_problem_row(p) for p in ordered]


def _problem_row(problem: Problem) -> dict[str, Any]:
    return {
        "severity": problem.severity.value,
        "message": problem.message,
        "sheet": problem.sheet,
        "cell": problem.cell,
        "value": None if problem.value in (None, "") else str(problem.value),
        "text": str(problem),
    }


def upload_version(
    session: Session,
    files: Files,
    account: Account,
    kecamatan_id: int,
    year: int,
    data: bytes,
    filename: str,
    *,
    address: str = "",
    max_bytes: int = MAX_UPLOAD_BYTES,
) -> Version:
    """Store an uploaded workbook as the kecamatan's next version of ``year``, with its validation.

    A workbook with errors is stored too (the board shows them); one that is not a workbook, is too
    large, is identical to the latest version, or is for another kecamatan or year is refused.
    """
    kecamatan = kecamatan_for(session, account, kecamatan_id)
    _open_year(session, year)
    name = display_name(filename)
    if not data:
        raise UploadRefused(f"Berkas {name} kosong; tidak ada yang disimpan.")
    if len(data) > max_bytes:
        raise UploadRefused(
            f"Berkas {name} berukuran {len(data) / MB:.1f} MB, lebih dari batas {max_bytes / MB:.0f} MB."
        )
    checked = check_workbook(files, data, name)
    if checked.decree is not None:
        _check_belongs(checked.decree, kecamatan, year, name)
    _check_not_repeated(session, kecamatan, year, data)
    return store_version(
        session,
        files,
        kecamatan,
        year,
        data,
        name,
        checked,
        account=account,
        source=Source.UPLOAD,
        address=address,
    )


def store_version(
    session: Session,
    files: Files,
    kecamatan: Kecamatan,
    year: int,
    data: bytes,
    name: str,
    checked: Checked,
    *,
    account: Account | None,
    source: Source,
    carried_from: Version | None = None,
    note: str = "",
    address: str = "",
) -> Version:
    """File first (temp, fsync, rename to its hash), then the row and its log line in one commit.

    When the commit fails the file this call created is removed again, so neither remains.
    """
    score = audit_score(checked.decree) if checked.decree is not None else None
    rows = problem_rows(checked.problems)
    session.commit()  # end any read transaction before the write (SQLite: no stale snapshot to upgrade)
    stored = files.store(data, UPLOADS, ".xlsx")
    for attempt in range(RETRIES):
        try:
            version = Version(
                kecamatan_id=kecamatan.id,
                year=year,
                number=_next_number(session, kecamatan.id, year),
                sha256=stored.sha256,
                stored_name=stored.name,
                original_name=name,
                size=stored.size,
                source=source.value,
                carried_from_id=carried_from.id if carried_from else None,
                uploaded_by_id=account.id if account else None,
                uploaded_at=utcnow(),
                errors=len(checked.problems.errors),
                warnings=len(checked.problems.warnings),
                problems=rows,
                audit_score=score,
                note=note,
            )
            session.add(version)
            session.flush()
            record(
                session,
                Action.UPLOAD if carried_from is None else Action.CARRIED,
                f"Versi {version.number} buku kerja Kecamatan {kecamatan.name} tahun {year} ({name}) "
                + (
                    "diunggah"
                    if carried_from is None
                    else f"dibawa dari versi {carried_from.number} tahun {year - 1}"
                )
                + f": {version.errors} galat, {version.warnings} peringatan.",
                account=account,
                kecamatan_id=kecamatan.id,
                version_id=version.id,
                address=address,
            )
            faults.reach(faults.FILE_STORED)
            session.commit()
            break
        except IntegrityError:  # the number was taken meanwhile by a concurrent upload: take the next
            session.rollback()
            if attempt == RETRIES - 1:
                _discard(session, files, stored)
                raise StorageError(
                    "Banyak unggahan bersamaan untuk kecamatan ini; tidak ada yang disimpan, coba lagi."
                ) from None
        except BaseException:
            session.rollback()
            _discard(session, files, stored)
            raise
    faults.reach(faults.COMMITTED)
    return version


def _next_number(session: Session, kecamatan_id: int, year: int) -> int:
    last = session.scalar(
        select(func.max(Version.number)).where(Version.kecamatan_id == kecamatan_id, Version.year == year)
    )
    return (last or 0) + 1


def _discard(session: Session, files: Files, stored: Stored) -> None:
    """Remove a file this upload created, unless a row committed meanwhile names the same content."""
    if not stored.created:
        return
    try:
        named = session.scalar(
            select(func.count()).select_from(Version).where(Version.stored_name == stored.name)
        )
    except Exception:  # the database itself is gone: the start-up check will see the file
        return
    if not named:
        files.discard(stored)


def _open_year(session: Session, year: int) -> Year:
    opened = session.get(Year, year)
    if opened is None:
        raise UploadRefused(f"Tahun {year} belum dibuka oleh admin kabupaten; unggahan belum dapat diterima.")
    return opened


def _check_belongs(decree: Decree, kecamatan: Kecamatan, year: int, name: str) -> None:
    """A valid workbook of another kecamatan or year is a mix-up, not a new version."""
    if kecamatan_key(decree.office.kecamatan) != kecamatan.key:
        raise UploadRefused(
            f"Buku kerja {name} untuk Kecamatan {decree.office.kecamatan} "
            f"({_field(schema.KANTOR, 'kecamatan')}), bukan Kecamatan {kecamatan.name}; tidak ada yang "
            "disimpan."
        )
    if decree.info.year != year:
        raise UploadRefused(
            f"Buku kerja {name} untuk tahun {decree.info.year} ({_field(schema.KEPUTUSAN, 'year')}), bukan "
            f"{year}; buat buku kerja tahun {year} dahulu (keputusan tahun-baru) atau unggah ke tahun "
            f"{decree.info.year}."
        )


def _field(sheet: schema.Sheet, key: str) -> str:
    """ "lembar Kantor, isian Kecamatan": where staff change the value."""
    return f"lembar {sheet.name}, isian {sheet.column(key).header}"


def _check_not_repeated(session: Session, kecamatan: Kecamatan, year: int, data: bytes) -> None:
    latest = latest_version(session, kecamatan.id, year)
    if latest is not None and latest.sha256 == hashlib.sha256(data).hexdigest():
        raise Conflict(
            f"Berkas ini sama persis dengan versi {latest.number} yang sudah tersimpan; tidak ada versi baru."
        )


def latest_version(session: Session, kecamatan_id: int, year: int, *, valid: bool = False) -> Version | None:
    query = select(Version).where(Version.kecamatan_id == kecamatan_id, Version.year == year)
    if valid:
        query = query.where(Version.errors == 0)
    return session.scalar(query.order_by(Version.number.desc()).limit(1))


# --- reading back ------------------------------------------------------------------------------------


def list_versions(
    session: Session, account: Account, kecamatan_id: int, year: int | None = None
) -> list[Version]:
    """Versions of one kecamatan, newest first (of one year, or of all)."""
    kecamatan = kecamatan_for(session, account, kecamatan_id)
    query = select(Version).where(Version.kecamatan_id == kecamatan.id)
    if year is not None:
        query = query.where(Version.year == year)
    return list(session.scalars(query.order_by(Version.year.desc(), Version.number.desc())))


def get_version(session: Session, account: Account, version_id: int) -> Version:
    return version_for(session, account, version_id)


def version_file(session: Session, files: Files, account: Account, version_id: int) -> tuple[Version, Path]:
    """The stored workbook of a version, for a download named ``version.original_name``."""
    version = version_for(session, account, version_id)
    return version, _existing(files, version.stored_name)


def _existing(files: Files, stored_name: str) -> Path:
    path = files.path(stored_name)
    if not path.is_file():
        raise StorageError("Berkasnya hilang dari folder data; hubungi admin kabupaten (pulihkan cadangan).")
    return path


def load_version(files: Files, version: Version) -> Decree:
    """The decree of a valid version, read again from its stored file."""
    if not version.valid:
        raise WorkspaceError(
            f"Versi {version.number} memuat {version.errors} galat; perbaiki buku kerjanya dan unggah versi "
            "baru dahulu."
        )
    try:
        decree, problems = load_decree(_existing(files, version.stored_name), files_allowed=False)
    except WorkbookError as exc:
        raise WorkspaceError(str(exc)) from exc
    if decree is None:
        raise WorkspaceError(f"Versi {version.number} kini memuat {len(problems.errors)} galat.")
    return decree


@dataclass(frozen=True)
class VersionComparison:
    """Two versions compared by the same core as `keputusan banding`."""

    old: Version
    new: Version
    comparison: core_compare.Comparison
    old_label: str
    new_label: str

    @property
    def text(self) -> str:
        return core_compare.format_text(self.comparison, self.old_label, self.new_label)

    def sections(self) -> list[core_compare.Section]:
        return core_compare.sections(self.comparison)


def version_label(version: Version) -> str:
    """ "versi 3 Kecamatan Sale tahun 2026 (sale.xlsx)"."""
    return (
        f"versi {version.number} Kecamatan {version.kecamatan.name} tahun {version.year} "
        f"({version.original_name})"
    )


def compare_versions(
    session: Session, files: Files, account: Account, old_id: int, new_id: int
) -> VersionComparison:
    """What changed from one version to another (of any kecamatan and year the account may see)."""
    old = version_for(session, account, old_id)
    new = version_for(session, account, new_id)
    comparison = core_compare.compare(load_version(files, old), load_version(files, new))
    return VersionComparison(old, new, comparison, version_label(old), version_label(new))


def output_file(session: Session, files: Files, account: Account, output_id: int) -> tuple[Output, Path]:
    """A generated decree or PDF, for a download named ``output.file_name``."""
    output = output_for(session, account, output_id)
    return output, _existing(files, output.stored_name)
