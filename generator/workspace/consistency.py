"""The start-up check: no row without its file, no file without its row.

Run it once when the server starts, before it answers anyone (an upload under way has its file
stored an instant before its row, and would be taken for an orphan). A file without a row is left by
a write that never finished, so was never acknowledged: it is moved to ``yatim/`` and logged, never
deleted. A row whose file is missing or damaged cannot be repaired here: it is reported and logged,
and the admin restores the last backup.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from .log import Action, record
from .models import Output, Version, utcnow
from .storage import Files, sha256_file


@dataclass
class Consistency:
    orphans: list[Path] = field(default_factory=list)  # where each file without a row was moved
    missing: list[str] = field(default_factory=list)  # one sentence per row without its file
    damaged: list[str] = field(default_factory=list)  # one sentence per file whose size or hash is wrong
    scratch_cleared: int = 0  # temp files of unfinished writes removed

    @property
    def ok(self) -> bool:
        return not (self.missing or self.damaged)

    def sentences(self) -> list[str]:
        """What an admin reads at start-up."""
        lines = [*self.missing, *self.damaged]
        if self.orphans:
            lines.append(
                f"{len(self.orphans)} berkas tanpa baris basis data (tulisan yang tidak selesai) dipindah ke "
                f"{self.orphans[0].parent}."
            )
        return lines


@dataclass(frozen=True)
class _Row:
    stored_name: str
    sha256: str
    size: int
    what: str  # "versi 3 Kecamatan Sale tahun 2026"
    kecamatan_id: int
    version_id: int


def _rows(session: Session) -> list[_Row]:
    rows = [
        _Row(
            v.stored_name,
            v.sha256,
            v.size,
            f"versi {v.number} Kecamatan {v.kecamatan.name} tahun {v.year}",
            v.kecamatan_id,
            v.id,
        )
        for v in session.scalars(select(Version))
    ]
    rows += [
        _Row(
            o.stored_name,
            o.sha256,
            o.size,
            f"{o.file_name} dari versi {o.version.number}",
            o.version.kecamatan_id,
            o.version_id,
        )
        for o in session.scalars(select(Output))
    ]
    return rows


def check_consistency(session: Session, files: Files, *, verify_hashes: bool = False) -> Consistency:
    """Move orphans aside, report rows without their file; ``verify_hashes`` reads every file too."""
    result = Consistency(scratch_cleared=files.clear_scratch())
    rows = _rows(session)
    known = {r.stored_name for r in rows}
    moment = utcnow().strftime("%Y%m%d-%H%M%S")
    for name in sorted(files.stored_names() - known):
        moved = files.move_to_orphans(name, moment)
        result.orphans.append(moved)
        record(session, Action.ORPHAN, f"Berkas {name} tanpa baris basis data dipindah ke {moved}.")
    checked: set[str] = set()
    for row in rows:
        path = files.root / row.stored_name
        if not path.is_file():
            sentence = f"Berkas {row.what} ({row.stored_name}) hilang dari folder data."
            result.missing.append(sentence)
            record(
                session, Action.MISSING, sentence, kecamatan_id=row.kecamatan_id, version_id=row.version_id
            )
            continue
        if row.stored_name in checked:
            continue
        checked.add(row.stored_name)
        if path.stat().st_size != row.size or (verify_hashes and sha256_file(path) != row.sha256):
            sentence = f"Berkas {row.what} ({row.stored_name}) rusak: isinya tidak sama dengan yang diunggah."
            result.damaged.append(sentence)
            record(
                session, Action.DAMAGED, sentence, kecamatan_id=row.kecamatan_id, version_id=row.version_id
            )
    session.commit()
    return result
