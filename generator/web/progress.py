"""How far a job has come, in the words the result pages use (queue position, then stage)."""

from __future__ import annotations

from dataclasses import dataclass

from .jobs import Job, JobRunner, State
from .present import counts

STAGES = {
    "baca": "membaca buku kerja",
    "validasi": "memeriksa isian",
    "gambar": "menggambar diagram",
    "render": "mengisi templat",
    "tulis": "menulis dokumen",
    "tahun-baru": "menyusun buku kerja tahun baru",
    "banding": "membandingkan isi",
    "templat": "memeriksa templat",
    "impor": "membaca dokumen Word",
    "audit": "memeriksa kelengkapan peta",
}


@dataclass(frozen=True)
class JobView:
    """``verdict`` names the look (CSS class) and is one of: antre, jalan, sah, peringatan, galat,
    gagal, ditolak; ``headline`` says it in words; ``pdf`` is the PDF's line ("" when none)."""

    verdict: str
    headline: str
    pdf: str = ""
    pdf_waiting: bool = False

    @property
    def waiting(self) -> bool:
        return self.verdict in ("antre", "jalan") or self.pdf_waiting


def view(job: Job, runner: JobRunner) -> JobView:
    if job.state is State.QUEUED:
        position = runner.position(job)
        where = f"antrean ke-{position}" if position else "segera dimulai"
        return JobView("antre", f"Menunggu giliran ({where}).")
    if job.state is State.RUNNING:
        stage = STAGES.get(job.stage, "memulai")
        return JobView("jalan", f"Sedang dikerjakan: {stage}.")
    if job.state is State.REJECTED:
        return JobView("ditolak", "Ditolak.")
    outcome = job.outcome
    errors, warnings = counts(outcome.problems) if outcome is not None else (0, 0)
    if job.state is State.FAILED:
        if errors:
            return JobView("galat", f"Belum sah: {errors} galat, {warnings} peringatan.")
        return JobView("gagal", "Gagal.")
    pdf, pdf_waiting = _pdf_line(job, runner)
    if warnings:
        return JobView("peringatan", f"Sah, dengan {warnings} peringatan.", pdf, pdf_waiting)
    return JobView("sah", "Sah, tanpa galat dan peringatan.", pdf, pdf_waiting)


def _pdf_line(job: Job, runner: JobRunner) -> tuple[str, bool]:
    office = job.office
    if office is None:
        return "", False
    if office.state is State.QUEUED:
        position = runner.office_position(job)
        where = f"antrean ke-{position}" if position else "segera dimulai"
        return f"PDF dan pratinjau: menunggu LibreOffice ({where}).", True
    if office.state is State.RUNNING and "pdf" in job.downloads:
        return "PDF sudah jadi; pratinjau halaman sedang dibuat.", True
    if office.state is State.RUNNING:
        return "PDF dan pratinjau: sedang dibuat oleh LibreOffice.", True
    if office.state is State.FAILED:
        return f"PDF: {office.error or 'tidak dapat dibuat.'}", False
    return office.error, False
