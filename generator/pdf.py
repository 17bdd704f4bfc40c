"""Convert generated decrees to PDF with one headless LibreOffice run and a private profile."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .atomic import TargetIsFolder
from .failures import describe_os_error
from .locks import folder_lock
from .writer import OutputError, write_output

TIMEOUT_PER_FILE = 60
PDF_FILTER = "pdf"
# PDF/A-2b, the archival form e-office systems accept for electronically signed documents
# (LibreOffice's writer_pdf_Export option SelectPdfVersion=2; JSON options since LibreOffice 7.4).
PDFA_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'


def soffice_binary() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def libreoffice_available() -> bool:
    return soffice_binary() is not None


def convert_to_pdf(
    documents: Sequence[Path],
    out_dir: Path,
    force: bool = False,
    *,
    pdfa: bool = False,
    timeout: float | None = None,
) -> dict[Path, str]:
    """PDFs beside the documents in ``out_dir``; returns document -> Indonesian error for failures.

    ``pdfa`` writes PDF/A-2b (fonts embedded, XMP metadata declaring the conformance) instead of plain PDF.

    One LibreOffice process converts the whole batch, with its own temporary profile so it never
    collides with a LibreOffice the user has open. Each PDF is written like a .docx (``write_output``):
    atomically, stamped, and never over a PDF changed since (a signed copy, say) unless ``force``.
    Holds the output folder's lock (re-entrant: a batch holding it already keeps it). ``timeout``
    (seconds, for the whole batch) defaults to a minute per document plus one.
    """
    binary = soffice_binary()
    if not documents:
        return {}
    if binary is None:
        return {d: "LibreOffice tidak terpasang." for d in documents}
    with folder_lock(Path(out_dir)):
        try:
            return _convert(binary, documents, Path(out_dir), force, pdfa, timeout)
        except OSError as exc:  # no room for LibreOffice's scratch folder, or it cannot be started
            return {d: describe_os_error(exc, None, "membuat PDF dengan") for d in documents}


def _convert(
    binary: str,
    documents: Sequence[Path],
    out_dir: Path,
    force: bool,
    pdfa: bool,
    timeout: float | None,
) -> dict[Path, str]:
    with tempfile.TemporaryDirectory(prefix="keputusan-pdf-") as work:
        work_dir = Path(work)
        profile = work_dir / "profil"
        converted = work_dir / "pdf"
        command = [
            binary,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            PDFA_FILTER if pdfa else PDF_FILTER,
            "--outdir",
            str(converted),
            *map(str, documents),
        ]
        try:
            subprocess.run(
                command,
                check=False,
                capture_output=True,
                timeout=timeout or TIMEOUT_PER_FILE * len(documents) + 60,
            )
        except subprocess.TimeoutExpired:
            return {d: "LibreOffice tidak selesai dalam batas waktu." for d in documents}
        errors: dict[Path, str] = {}
        for document in documents:
            produced = converted / f"{document.stem}.pdf"
            if not produced.exists():
                errors[document] = "LibreOffice tidak dapat mengubah dokumen ini menjadi PDF."
                continue
            target = out_dir / produced.name
            try:
                write_output(target, produced.read_bytes(), force=force)
            except (OutputError, TargetIsFolder) as exc:
                errors[document] = str(exc)
            except OSError as exc:
                errors[document] = describe_os_error(exc, target, "menulis")
        return errors
