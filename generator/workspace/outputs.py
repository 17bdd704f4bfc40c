"""The decree (.docx) and its PDF of one version, made by the same core as `keputusan buat --pdf`."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..pdf import convert_to_pdf
from ..pipeline import DEFAULT_TEMPLATE, Options, generate
from .access import version_for
from .errors import WorkspaceError
from .log import Action, record
from .models import Account, Output, OutputKind, Version, utcnow
from .storage import DECREES, Files, Stored


@dataclass
class Generated:
    """The outputs of a version; ``pdf_error`` says in one sentence why a PDF asked for is missing."""

    version: Version
    outputs: list[Output] = field(default_factory=list)
    pdf_error: str = ""

    def of(self, kind: OutputKind) -> Output | None:
        return next((o for o in self.outputs if o.kind == kind.value), None)


def outputs_of(session: Session, version: Version) -> dict[str, Output]:
    return {o.kind: o for o in session.scalars(select(Output).where(Output.version_id == version.id))}


def generate_output(
    session: Session,
    files: Files,
    account: Account,
    version_id: int,
    *,
    pdf: bool = False,
    template: Path = DEFAULT_TEMPLATE,
    address: str = "",
) -> Generated:
    """The version's decree (and PDF), made once and kept; a version with errors makes none."""
    version = version_for(session, account, version_id)
    if not version.valid:
        raise WorkspaceError(
            f"Versi {version.number} memuat {version.errors} galat; keputusan tidak dapat dibuat sebelum "
            "galatnya diperbaiki dan versi baru diunggah."
        )
    have = outputs_of(session, version)
    result = Generated(version)
    if OutputKind.DOCX.value in have and (not pdf or OutputKind.PDF.value in have):
        result.outputs = list(have.values())
        return result
    with files.scratch() as work:
        source = work / "masukan" / version.original_name
        source.parent.mkdir()
        shutil.copyfile(files.path(version.stored_name), source)
        docx = have.get(OutputKind.DOCX.value)
        if docx is None:
            docx_path = _make_docx(source, work / "keluaran", template)
            docx = _keep(session, files, account, version, OutputKind.DOCX, docx_path, address)
        else:
            docx_path = work / "keluaran" / docx.file_name
            docx_path.parent.mkdir(exist_ok=True)
            shutil.copyfile(files.path(docx.stored_name), docx_path)
        result.outputs.append(docx)
        if pdf and OutputKind.PDF.value not in have:
            errors = convert_to_pdf([docx_path], work / "pdf")
            if errors:
                result.pdf_error = errors[docx_path]
            else:
                pdf_path = work / "pdf" / f"{docx_path.stem}.pdf"
                result.outputs.append(
                    _keep(session, files, account, version, OutputKind.PDF, pdf_path, address)
                )
        elif OutputKind.PDF.value in have:
            result.outputs.append(have[OutputKind.PDF.value])
    return result


def _make_docx(source: Path, out_dir: Path, template: Path) -> Path:
    made = generate(source, Options(out_dir=out_dir, template=template, files_allowed=False, force=True))
    if made.error or made.output is None:
        raise WorkspaceError(made.error or "Keputusan tidak dapat dibuat.")
    return made.output


def _keep(
    session: Session,
    files: Files,
    account: Account,
    version: Version,
    kind: OutputKind,
    path: Path,
    address: str,
) -> Output:
    """Store a generated file and its row in one commit (the same order as an upload)."""
    stored = files.store(path.read_bytes(), DECREES, f".{kind.value}")
    output = Output(
        version_id=version.id,
        kind=kind.value,
        sha256=stored.sha256,
        stored_name=stored.name,
        file_name=path.name,
        size=stored.size,
        created_by_id=account.id,
        created_at=utcnow(),
    )
    try:
        session.add(output)
        session.flush()
        record(
            session,
            Action.GENERATED,
            f"{path.name} dibuat dari versi {version.number} Kecamatan {version.kecamatan.name} tahun "
            f"{version.year}.",
            account=account,
            kecamatan_id=version.kecamatan_id,
            version_id=version.id,
            address=address,
        )
        session.commit()
    except IntegrityError:
        session.rollback()  # made meanwhile by another request: the same bytes, keep that row
        existing = session.scalar(
            select(Output).where(Output.version_id == version.id, Output.kind == kind.value)
        )
        if existing is None:
            raise
        _forget_unless_named(session, files, stored)
        return existing
    except BaseException:
        session.rollback()
        _forget_unless_named(session, files, stored)
        raise
    return output


def _forget_unless_named(session: Session, files: Files, stored: Stored) -> None:
    if stored.created and not session.scalar(select(Output.id).where(Output.stored_name == stored.name)):
        files.discard(stored)
