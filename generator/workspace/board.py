"""The admin's view of a year: one row per kecamatan, and every decree of the year in one zip."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import BinaryIO

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..formatting import format_date
from .access import require_admin
from .accounts import office_name
from .errors import WorkspaceError
from .models import Account, Kecamatan, Output, OutputKind, Version
from .outputs import generate_output, outputs_of
from .storage import Files

LIST_NAME = "DAFTAR.txt"


@dataclass(frozen=True)
class BoardRow:
    """A kecamatan's state in the year: its latest version, and the decree of its latest valid one."""

    kecamatan: Kecamatan
    latest: Version | None
    versions: int
    decree_version: Version | None  # the newest version without errors, the one whose decree counts

    @property
    def submitted(self) -> bool:
        return self.latest is not None

    @property
    def errors(self) -> int | None:
        return self.latest.errors if self.latest else None

    @property
    def warnings(self) -> int | None:
        return self.latest.warnings if self.latest else None

    @property
    def audit_score(self) -> float | None:
        return self.latest.audit_score if self.latest else None

    @property
    def last_change(self) -> dt.datetime | None:
        return self.latest.uploaded_at if self.latest else None


def board(session: Session, account: Account, year: int) -> list[BoardRow]:
    """Every active kecamatan of the kabupaten, by name, submitted or not."""
    require_admin(account)
    kecamatan = list(
        session.scalars(select(Kecamatan).where(Kecamatan.active.is_(True)).order_by(Kecamatan.name))
    )
    counts = dict(
        session.execute(
            select(Version.kecamatan_id, func.count())
            .where(Version.year == year)
            .group_by(Version.kecamatan_id)
        ).all()
    )
    latest = _newest(session, year, valid=False)
    valid = _newest(session, year, valid=True)
    return [BoardRow(k, latest.get(k.id), counts.get(k.id, 0), valid.get(k.id)) for k in kecamatan]


def _newest(session: Session, year: int, *, valid: bool) -> dict[int, Version]:
    """Kecamatan id -> its newest version of ``year`` (without errors when ``valid``), in two queries."""
    numbers = select(Version.kecamatan_id, func.max(Version.number).label("number")).where(
        Version.year == year
    )
    if valid:
        numbers = numbers.where(Version.errors == 0)
    newest = numbers.group_by(Version.kecamatan_id).subquery()
    rows = session.scalars(
        select(Version).join(
            newest,
            (Version.kecamatan_id == newest.c.kecamatan_id)
            & (Version.number == newest.c.number)
            & (Version.year == year),
        )
    )
    return {v.kecamatan_id: v for v in rows}


@dataclass
class YearZip:
    """What the zip holds: file names per kecamatan, and a sentence for each kecamatan left out."""

    year: int
    included: dict[str, list[str]] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)


def write_year_zip(
    session: Session,
    files: Files,
    account: Account,
    year: int,
    out: BinaryIO,
    *,
    generate_missing: bool = True,
    pdf: bool = False,
    progress: Callable[[int, int, str], None] | None = None,
) -> YearZip:
    """Every kecamatan's decree of the year (from its newest valid version) into ``out`` as one zip.

    ``out`` may be any writable file (a temp file, a streamed response); decrees not yet made are made
    first unless ``generate_missing`` is off. ``DAFTAR.txt`` in the zip says what is in it and what not.
    ``progress(done, total, name)`` is called before each kecamatan.
    """
    rows = board(session, account, year)
    summary = YearZip(year)
    used: set[str] = {LIST_NAME}
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        for done, row in enumerate(rows):
            name = row.kecamatan.name
            if progress is not None:
                progress(done, len(rows), name)
            if row.decree_version is None:
                summary.missing[name] = (
                    "belum mengunggah buku kerja"
                    if not row.submitted
                    else "semua versinya masih memuat galat"
                )
                continue
            outputs = outputs_of(session, row.decree_version)
            wanted = [OutputKind.DOCX, OutputKind.PDF] if pdf else [OutputKind.DOCX]
            if generate_missing and any(k.value not in outputs for k in wanted):
                try:
                    made = generate_output(session, files, account, row.decree_version.id, pdf=pdf)
                except WorkspaceError as exc:
                    summary.missing[name] = f"keputusan tidak dapat dibuat: {exc}"
                    continue
                outputs = {o.kind: o for o in made.outputs}
            if OutputKind.DOCX.value not in outputs:
                summary.missing[name] = "keputusannya belum dibuat"
                continue
            summary.included[name] = []
            for kind in wanted:
                output = outputs.get(kind.value)
                if output is not None:
                    entry = _unique(output.file_name, used)
                    _add(archive, files, output, entry)
                    summary.included[name].append(entry)
        archive.writestr(_entry(LIST_NAME), listing(summary, rows, office_name(session)))
    return summary


def _entry(name: str) -> zipfile.ZipInfo:
    entry = zipfile.ZipInfo(name, date_time=dt.datetime.now().timetuple()[:6])
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = 0o644 << 16
    return entry


def _unique(name: str, used: set[str]) -> str:
    """Two kecamatan whose names print alike still get a file each."""
    stem, dot, suffix = name.rpartition(".")
    candidate, n = name, 2
    while candidate in used:
        candidate, n = f"{stem}-{n}{dot}{suffix}", n + 1
    used.add(candidate)
    return candidate


def _add(archive: zipfile.ZipFile, files: Files, output: Output, name: str) -> None:
    entry = _entry(name)
    entry.compress_type = zipfile.ZIP_STORED  # .docx and .pdf are compressed already
    with files.path(output.stored_name).open("rb") as source, archive.open(entry, "w") as target:
        while chunk := source.read(1 << 20):
            target.write(chunk)


def listing(summary: YearZip, rows: list[BoardRow], office: str) -> str:
    """The zip's DAFTAR.txt, in Indonesian, one line per kecamatan."""
    head = f"Keputusan Camat tentang Peta Proses Bisnis tahun {summary.year}"
    lines = [f"{head} - {office}" if office else head, ""]
    for row in rows:
        name = row.kecamatan.name
        if name in summary.included:
            version = row.decree_version
            assert version is not None
            when = format_date(version.uploaded_at.astimezone().date())  # the server's own time zone
            newer = ""
            if row.latest is not None and row.latest.id != version.id:
                newer = f"; versi {row.latest.number} yang lebih baru masih memuat {row.latest.errors} galat"
            files = ", ".join(summary.included[name])
            lines.append(f"Kecamatan {name}: {files} (versi {version.number}, {when}{newer})")
        else:
            lines.append(f"Kecamatan {name}: tidak ada - {summary.missing.get(name, '')}")
    return "\n".join(lines) + "\n"
