"""A bounded pool of worker processes, a job queue with positions and stages, one LibreOffice at a time.

Each worker process serves one job at a time under a memory cap; a thread in the server watches it
with the job's time limit. A job that runs out of time is killed with its worker (and the worker's
children, e.g. Graphviz); a worker that dies (memory cap, the kernel's OOM killer) fails only the job
it was doing; either way a fresh worker takes the next job. Generated decrees then wait in a second
queue for the one LibreOffice that makes PDFs and page previews, so conversions never pile up.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from multiprocessing.connection import Connection
from pathlib import Path

from . import preview
from .present import scrub_outcome
from .settings import Settings
from .worker import RESULTS, Outcome

PROJECT = Path(__file__).resolve().parents[2]

log = logging.getLogger(__name__)


class State(str, Enum):
    QUEUED = "antre"
    RUNNING = "jalan"
    DONE = "selesai"
    FAILED = "gagal"
    REJECTED = "ditolak"  # refused at upload, never queued


FINISHED = (State.DONE, State.FAILED, State.REJECTED)

TIMED_OUT = "Pekerjaan ini dihentikan karena melewati batas waktu {seconds:.0f} detik."
KILLED = (
    "Pekerjaan ini dihentikan oleh sistem (biasanya karena kehabisan memori); berkasnya mungkin terlalu "
    "besar atau tidak wajar."
)
DIED = "Proses pekerja berhenti tiba-tiba saat mengerjakan berkas ini."
STOPPING = "Server sedang berhenti; unggah lagi setelah server berjalan kembali."
CANCELLED = "Dibatalkan karena kunjungan sudah berakhir."


class QueueFull(Exception):
    """Too many jobs are waiting; the message is one Indonesian sentence."""


@dataclass
class Download:
    path: Path
    name: str  # the name the visitor's browser saves it as


@dataclass
class Office:
    """The PDF and page previews of a generated decree (made by the one LibreOffice)."""

    state: State = State.QUEUED
    error: str = ""
    pages: list[preview.Page] = field(default_factory=list)
    sop_error: str = ""  # why the SOP document (`buat --sop`) got no PDF


@dataclass
class Job:
    """One unit of work on one upload (or a pair, for a comparison)."""

    id: str
    task: str  # "generator.web.worker:make_decree"
    args: tuple
    folder: Path
    label: str  # the uploaded file's name, as shown
    visit: str = ""  # key of the visit it belongs to
    state: State = State.QUEUED
    stage: str = ""
    error: str = ""
    outcome: Outcome | None = None
    downloads: dict[str, Download] = field(default_factory=dict)
    office: Office | None = None  # set when the decree needs a PDF
    then: Callable[[Job], None] | None = None  # run in the server once the job is done
    cancelled: bool = False  # its visit ended: whatever it still makes is deleted
    created: float = field(default_factory=time.monotonic)
    finished: float | None = None

    @property
    def finished_all(self) -> bool:
        """Nothing more will change: the job and, when it has one, its PDF are through."""
        return self.state in FINISHED and (self.office is None or self.office.state in FINISHED)

    @property
    def results(self) -> Path:
        return self.folder / RESULTS


@dataclass
class Submission:
    """What one form post made: one job per uploaded workbook (one for a comparison)."""

    id: str
    kind: str  # the area: "buat", "tahun_baru", "banding", "templat"
    folder: Path
    jobs: list[Job] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)

    @property
    def finished(self) -> bool:
        return all(job.finished_all for job in self.jobs)


class _Worker:
    """One worker process (``python -m generator.web.worker``) and the socket to it.

    A plain child process, not a fork of the server: it starts from a clean interpreter, in a session
    of its own so that a kill takes its children (Graphviz) along.
    """

    def __init__(self, memory_mb: int, name: str) -> None:
        self.memory_mb, self.name = memory_mb, name
        self.process: subprocess.Popen | None = None
        self.conn: Connection | None = None

    def ensure(self) -> None:
        if self.process is not None and self.process.poll() is None:
            return
        self.stop(kill=True)
        ours, theirs = socket.socketpair()
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT), os.environ.get("PYTHONPATH")])),
        }
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "generator.web.worker", str(theirs.fileno()), str(self.memory_mb)],
                pass_fds=[theirs.fileno()],
                start_new_session=True,
                stdin=subprocess.DEVNULL,
                env=env,
                cwd=PROJECT,
            )
        finally:
            theirs.close()
        self.conn = Connection(ours.detach())

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process is not None and self.process.poll() is None else None

    @property
    def exitcode(self) -> int | None:
        if self.process is None:
            return None
        try:
            return self.process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            return None

    def stop(self, kill: bool = False) -> None:
        process, conn = self.process, self.conn
        self.process = self.conn = None
        if process is None:
            return
        if not kill and conn is not None:
            try:
                conn.send(None)
                process.wait(timeout=3)
            except (OSError, ValueError, subprocess.TimeoutExpired):
                kill = True
        if kill or process.poll() is None:
            try:
                os.killpg(process.pid, signal.SIGKILL)  # the worker and its children
            except (ProcessLookupError, PermissionError):
                pass
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                log.warning("proses pekerja %s tidak berhenti", process.pid)
        if conn is not None:
            conn.close()


class JobRunner:
    """Runs jobs on ``settings.workers`` processes; PDFs and previews on one LibreOffice thread."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._queue: deque[Job] = deque()
        self._office_queue: deque[Job] = deque()
        self._preview_queue: deque[Job] = deque()
        self._active: dict[str, Job] = {}  # submitted and not yet through (PDF included)
        self._cond = threading.Condition()
        self._closing = False
        self._threads: list[threading.Thread] = []
        self._workers: list[_Worker] = []
        self.office_enabled = settings.pdf and preview.tools_available()

    # --- lifetime -----------------------------------------------------------------------------

    def start(self) -> None:
        self._closing = False
        for index in range(self.settings.workers):
            worker = _Worker(self.settings.worker_memory_mb, f"keputusan-pekerja-{index + 1}")
            worker.ensure()
            self._workers.append(worker)
            thread = threading.Thread(
                target=self._supervise, args=(worker,), name=f"pengawas-{index + 1}", daemon=True
            )
            thread.start()
            self._threads.append(thread)
        for target, name in ((self._office_loop, "libreoffice"), (self._preview_loop, "pratinjau")):
            thread = threading.Thread(target=target, name=name, daemon=True)
            thread.start()
            self._threads.append(thread)

    def close(self) -> None:
        """Fail what waits, stop the workers, join the threads."""
        with self._cond:
            self._closing = True
            waiting = list(self._queue) + list(self._office_queue) + list(self._preview_queue)
            self._queue.clear()
            self._office_queue.clear()
            self._preview_queue.clear()
            self._cond.notify_all()
        for job in waiting:
            if job.state is State.QUEUED:
                self._fail(job, STOPPING)
            elif job.office is not None:
                job.office.state, job.office.error = State.FAILED, STOPPING
        for thread in self._threads:
            thread.join(timeout=10)
        for worker in self._workers:
            worker.stop()
        self._threads.clear()
        self._workers.clear()

    # --- the queue ----------------------------------------------------------------------------

    def submit(self, jobs: list[Job]) -> None:
        """Queue ``jobs`` (all or none), or raise QueueFull."""
        with self._cond:
            if self._closing:
                raise QueueFull(STOPPING)
            if len(self._queue) + len(jobs) > self.settings.max_queue:
                raise QueueFull(
                    f"Antrean server sedang penuh ({len(self._queue)} pekerjaan menunggu); coba lagi "
                    "beberapa menit lagi."
                )
            for job in jobs:
                job.state = State.QUEUED
                self._queue.append(job)
                self._active[job.id] = job
            self._cond.notify_all()

    def position(self, job: Job) -> int:
        """1 for the next job to start; 0 when not waiting."""
        with self._cond:
            return _index(self._queue, job)

    def office_position(self, job: Job) -> int:
        with self._cond:
            return _index(self._office_queue, job)

    def forget(self, visit: str) -> None:
        """Drop the waiting jobs of a visit that ended; its running ones clean up after themselves."""
        with self._cond:
            for job in self._active.values():
                if job.visit == visit:
                    job.cancelled = True
            dropped = [j for j in self._queue if j.visit == visit]
            dropped_office = [j for j in (*self._office_queue, *self._preview_queue) if j.visit == visit]
            self._queue = deque(j for j in self._queue if j.visit != visit)
            self._office_queue = deque(j for j in self._office_queue if j.visit != visit)
            self._preview_queue = deque(j for j in self._preview_queue if j.visit != visit)
        for job in dropped:
            self._fail(job, CANCELLED)
        for job in dropped_office:
            job.office.state, job.office.error = State.FAILED, CANCELLED
            self._through(job)

    def pids(self) -> list[int]:
        """Process ids of the live workers (for the load benchmark's memory figures)."""
        return [pid for pid in (w.pid for w in self._workers) if pid is not None]

    def counts(self) -> dict[str, int]:
        with self._cond:
            converting = sum(
                1 for j in self._active.values() if j.office is not None and j.office.state is State.RUNNING
            )
            running = sum(1 for j in self._active.values() if j.state is State.RUNNING)
            return {
                "antre": len(self._queue),
                "jalan": running,
                "antre_pdf": len(self._office_queue),
                "jalan_pdf": converting,
            }

    def _take(self, queue_name: str, most: int) -> list[Job]:
        """Up to ``most`` jobs from the front of a queue, waiting for one; [] when closing."""
        with self._cond:
            while True:
                if self._closing:
                    return []
                queue = getattr(self, queue_name)
                if queue:
                    return [queue.popleft() for _ in range(min(most, len(queue)))]
                self._cond.wait()

    # --- running jobs -------------------------------------------------------------------------

    def _supervise(self, worker: _Worker) -> None:
        while True:
            taken = self._take("_queue", 1)
            if not taken:
                return
            job = taken[0]
            try:
                self._run(worker, job)
            except Exception:  # a supervisor must never die: its worker would be lost
                log.exception("pengawasan pekerjaan %s gagal", job.id)
                worker.stop(kill=True)
                if job.state not in FINISHED:
                    self._fail(job, DIED)

    def _run(self, worker: _Worker, job: Job, retry: bool = True) -> None:
        """Send the job, then watch it; a worker found dead before the job began gets one retry."""
        job.state, job.stage = State.RUNNING, ""
        worker.ensure()
        try:
            worker.conn.send((job.id, job.task, job.args))
        except (OSError, ValueError):
            worker.stop(kill=True)
            worker.ensure()
            worker.conn.send((job.id, job.task, job.args))
        began = False
        limit = self.settings.job_seconds
        deadline = time.monotonic() + limit
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                worker.stop(kill=True)
                self._fail(job, TIMED_OUT.format(seconds=limit))
                return
            if self._closing:
                worker.stop(kill=True)
                self._fail(job, STOPPING)
                return
            try:
                if not worker.conn.poll(min(remaining, 0.5)):
                    continue
                message = worker.conn.recv()
            except (EOFError, OSError):
                code = worker.exitcode
                worker.stop(kill=True)
                if not began and retry:
                    self._run(worker, job, retry=False)
                    return
                self._fail(job, KILLED if code == -signal.SIGKILL else DIED)
                return
            tag, _, payload = message
            began = True
            if tag == "tahap":
                job.stage = payload
            elif tag == "gagal":
                self._fail(job, payload)
                return
            elif tag == "mati":
                worker.stop(kill=True)
                self._fail(job, payload)
                return
            elif tag == "selesai":
                self._finish(job, payload)
                return

    def _fail(self, job: Job, sentence: str) -> None:
        job.error = scrub_outcome(sentence)
        job.state = State.FAILED
        job.finished = time.monotonic()
        self._through(job)

    def _through(self, job: Job) -> None:
        """The job will change no more: forget it, and delete its folder if its visit has ended."""
        with self._cond:
            if not job.finished_all:
                return
            self._active.pop(job.id, None)
        if job.cancelled:
            shutil.rmtree(job.folder, ignore_errors=True)

    def _finish(self, job: Job, outcome: Outcome) -> None:
        outcome = scrub_outcome(outcome)
        job.outcome = outcome
        for key, (stored, name) in outcome.files.items():
            path = job.results / Path(stored).name
            if path.is_file():
                job.downloads[key] = Download(path, name)
        if job.then is not None:
            try:
                job.then(job)
            except Exception:
                log.exception("langkah sesudah pekerjaan %s gagal", job.id)
        job.finished = time.monotonic()
        if outcome.ok and "docx" in job.downloads and self.office_enabled:
            job.office = Office()
            with self._cond:
                self._office_queue.append(job)
                self._cond.notify_all()
        job.state = State.DONE if outcome.ok else State.FAILED
        self._through(job)

    # --- LibreOffice --------------------------------------------------------------------------

    def _office_loop(self) -> None:
        """LibreOffice, one run at a time; each PDF is downloadable as soon as its run ends.

        A job's SOP document (`buat --sop`), when it has one, is converted in the same run as its
        decree and settled first, so the job is through only once both are."""
        while True:
            batch = self._take("_office_queue", self.settings.pdf_batch)
            if not batch:
                return
            for job in batch:
                job.office.state = State.RUNNING
            documents = [(job, key) for job in batch for key in ("sop", "docx") if key in job.downloads]
            try:
                pdfs = preview.make_pdfs(
                    [job.downloads[key].path for job, key in documents], pdf_seconds=self.settings.pdf_seconds
                )
            except Exception:
                log.exception("PDF pekerjaan %s gagal", ", ".join(job.id for job in batch))
                pdfs = ["PDF tidak dapat dibuat."] * len(documents)
            for (job, key), found in zip(documents, pdfs, strict=True):
                if key == "sop":
                    self._sop_pdf(job, found)
                    continue
                if isinstance(found, str):
                    job.office.state, job.office.error = State.FAILED, scrub_outcome(found)
                    self._through(job)
                    continue
                docx = job.downloads["docx"]
                job.downloads["pdf"] = Download(found, Path(docx.name).with_suffix(".pdf").name)
                with self._cond:
                    self._preview_queue.append(job)
                    self._cond.notify_all()

    def _sop_pdf(self, job: Job, found: Path | str) -> None:
        if isinstance(found, str):
            job.office.sop_error = scrub_outcome(found)
            return
        job.downloads["sop_pdf"] = Download(found, Path(job.downloads["sop"].name).with_suffix(".pdf").name)

    def _preview_loop(self) -> None:
        """Page previews (poppler) beside LibreOffice's next run, not after it."""
        while True:
            batch = self._take("_preview_queue", 1)
            if not batch:
                return
            job = batch[0]
            try:
                made = preview.make_previews(job.downloads["pdf"].path, self.settings.preview_pages)
            except Exception:
                log.exception("pratinjau pekerjaan %s gagal", job.id)
                made = preview.Made(
                    error="Pratinjau halaman tidak dapat dibuat; PDF-nya tetap dapat diunduh."
                )
            for page in made.pages:
                job.downloads[page.key] = Download(page.path, page.path.name)
            job.office.pages = made.pages
            job.office.error = scrub_outcome(made.error)
            job.office.state = State.DONE
            self._through(job)


def _index(queue: deque[Job], job: Job) -> int:
    for index, queued in enumerate(queue, start=1):
        if queued is job:
            return index
    return 0
