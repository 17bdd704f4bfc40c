"""Convert generated decrees to PDF with one headless LibreOffice run and a private profile."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from .writer import atomic_write

TIMEOUT_PER_FILE = 60


def soffice_binary() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def libreoffice_available() -> bool:
    return soffice_binary() is not None


def convert_to_pdf(
    documents: Sequence[Path], out_dir: Path, *, timeout: float | None = None
) -> dict[Path, str]:
    """PDFs beside the documents in ``out_dir``; returns document -> Indonesian error for failures.

    One LibreOffice process converts the whole batch, with its own temporary profile so it never
    collides with a LibreOffice the user has open; PDFs are moved into place atomically. ``timeout``
    (seconds, for the whole batch) defaults to a minute per document plus one.
    """
    binary = soffice_binary()
    if not documents:
        return {}
    if binary is None:
        return {d: "LibreOffice tidak terpasang." for d in documents}
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
            "pdf",
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
            atomic_write(Path(out_dir) / produced.name, produced.read_bytes())
        return errors
