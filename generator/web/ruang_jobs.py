"""The workspace's background jobs as the server keeps them: whose each is, where it leads back to.

A job (an upload being checked, a decree being made, a comparison, a year opened, a year's zip) runs
on the web's bounded worker pool like the public pages' jobs; only the account that started it sees
its page and its files. Finished jobs are forgotten (and their folder deleted) after the visit
retention time; everything is deleted when the server stops, with the visits' folders.
"""

from __future__ import annotations

import secrets
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .jobs import Job, JobRunner, State
from .ruang_tugas import PROGRESS

TASK_MODULE = "generator.web.ruang_tugas:"
FOLDER = "_ruang"  # beside the visits' folders (whose names are 40 hex digits), deleted with them


@dataclass
class RuangJob:
    job: Job
    owner: int  # the account that started it
    kind: str  # "unggah", "buat", "banding", "tahun", "zip"
    title: str  # what the page heads it with
    back: str  # the page it came from
    key: tuple = ()  # a repeated request (the same comparison) reuses the job
    created: float = field(default_factory=time.monotonic)

    @property
    def id(self) -> str:
        return self.job.id


class RuangJobs:
    """Workspace jobs by id; thread-safe."""

    def __init__(self, root: Path, keep_seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.root = Path(root) / FOLDER
        self.keep_seconds = keep_seconds
        self.clock = clock
        self._jobs: dict[str, RuangJob] = {}
        self._lock = threading.Lock()

    def new_folder(self) -> tuple[str, Path]:
        ident = secrets.token_urlsafe(16)
        folder = self.root / ident
        folder.mkdir(parents=True, mode=0o700)
        return ident, folder

    def submit(
        self,
        runner: JobRunner,
        ident: str,
        folder: Path,
        task: str,
        args: Callable[[Job], tuple],
        *,
        owner: int,
        kind: str,
        title: str,
        back: str,
        key: tuple = (),
        seconds: float | None = None,
    ) -> RuangJob:
        """Queue ``task`` of ``ruang_tugas`` (or raise QueueFull, leaving nothing behind)."""
        self.sweep()
        job = Job(ident, TASK_MODULE + task, (), folder, title, seconds=seconds)
        job.results.mkdir(parents=True, exist_ok=True, mode=0o700)
        job.args = args(job)
        entry = RuangJob(job, owner, kind, title, back, key)
        try:
            runner.submit([job])
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        with self._lock:
            self._jobs[ident] = entry
        return entry

    def get(self, ident: str, owner: int) -> RuangJob | None:
        """The job, only for the account that started it."""
        with self._lock:
            found = self._jobs.get(ident)
        return found if found is not None and found.owner == owner else None

    def reusable(self, owner: int, key: tuple) -> RuangJob | None:
        """The same request of the same account, still waiting or done well (not failed)."""
        with self._lock:
            for entry in self._jobs.values():
                if entry.owner == owner and entry.key == key and entry.job.state is not State.FAILED:
                    if entry.job.state is not State.DONE or all(
                        d.path.is_file() for d in entry.job.downloads.values()
                    ):
                        return entry
        return None

    def running(self, kind: str) -> RuangJob | None:
        """A job of ``kind`` (a year being opened) not yet through, of any account."""
        with self._lock:
            for entry in self._jobs.values():
                if entry.kind == kind and entry.job.state in (State.QUEUED, State.RUNNING):
                    return entry
        return None

    def sweep(self) -> None:
        now = self.clock()
        with self._lock:
            old = [
                e
                for e in self._jobs.values()
                if e.job.finished_all
                and e.job.finished is not None
                and now - e.job.finished > self.keep_seconds
            ]
            for entry in old:
                del self._jobs[entry.id]
        for entry in old:
            shutil.rmtree(entry.job.folder, ignore_errors=True)


def progress_words(stage: str) -> str:
    """ "kemajuan|3|14|Pamotan" -> "Kecamatan Pamotan (ke-4 dari 14)"; other stages as the jobs say."""
    parts = stage.split("|")
    if len(parts) == 4 and parts[0] == PROGRESS and parts[1].isdigit() and parts[2].isdigit():
        return f"Kecamatan {parts[3]} (ke-{int(parts[1]) + 1} dari {parts[2]})"
    return ""


def progress_fraction(stage: str) -> tuple[int, int] | None:
    parts = stage.split("|")
    if len(parts) == 4 and parts[0] == PROGRESS and parts[1].isdigit() and parts[2].isdigit():
        return int(parts[1]), int(parts[2])
    return None
