"""Generate many workbooks on long-lived worker processes; a bad workbook or a dead worker stops nothing else.

The core of `keputusan buat` for both faces: the CLI shows progress with Rich, the web app with its
own page, both through the ``on_done`` callback (called in the calling process, once per workbook).

Workers start once per batch (forked from a clean ``forkserver`` with the pipeline already imported),
keep their template, compiled Jinja and picture caches between workbooks, and are handed one workbook
at a time over their own pipe: a worker that finishes gets the next workbook at once, so every core
stays busy to the end, and the parent always knows which workbook each worker holds. A worker that
dies (SIGKILL, the kernel's OOM killer) fails exactly that workbook with one sentence; a new worker
takes its place and the rest of the batch goes on.

Outputs are claimed before anything is drawn: when two workbooks of one batch would write the same
file (same kecamatan and year), the one earlier in the list writes and the other fails naming it. A
claim is granted only once every earlier workbook in flight has made its own, so the outcome is the
same for any number of workers and any timing. The batch holds the output folder's lock throughout.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path

from .atomic import sweep
from .failures import describe_crash, trace_text
from .locks import folder_lock
from .pipeline import Claim, Options, Result, generate

OnDone = Callable[[Result], None]

MAX_JOBS = 64
WORKER_MODULES = ["generator.pipeline", "generator.render", "generator.diagrams"]  # imported once, shared
START_FAILURES_ALLOWED = 3  # workers that die before taking any workbook, before the batch goes serial


def jobs_problem(jobs: int) -> str:
    """Why ``jobs`` is not a usable number of parallel processes, or "" when it is."""
    if not 1 <= jobs <= MAX_JOBS:
        return (
            f"jumlah proses paralel harus 1 sampai {MAX_JOBS} (ditemukan: {jobs}); tanpa -j semua inti "
            "dipakai."
        )
    return ""


def available_cores() -> int:
    """Cores this process may run on (its affinity, not the machine's total), at most MAX_JOBS."""
    try:
        count = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        count = os.cpu_count() or 1
    return max(1, min(count, MAX_JOBS))


def safe_generate(path: Path, options: Options, claim: Claim | None = None) -> Result:
    """generate() that turns any crash into a failed Result, so a batch always finishes."""
    try:
        result = generate(path, options, claim=claim)
    except Exception as exc:  # a crash in one workbook must not stop the others
        return Result(Path(path), error=describe_crash(exc, Path(path).name), trace=trace_text(exc))
    result.decree = None  # not needed by the caller; keeps results cheap to send between processes
    return result


def check_tools(options: Options, pdf: bool) -> str:
    """An Indonesian sentence naming a missing tool, or "" when all needed tools are here."""
    if options.figures:
        from .diagrams import graphviz_available

        if not graphviz_available():
            return (
                "Graphviz belum terpasang: pasang dengan `sudo apt-get install graphviz` "
                "(atau jalankan `make run`), atau buat tanpa diagram dengan --tanpa-gambar."
            )
    if pdf:
        from .pdf import libreoffice_available

        if not libreoffice_available():
            return (
                "LibreOffice belum terpasang untuk membuat PDF: pasang dengan "
                "`sudo apt-get install libreoffice-writer-nogui`, atau jalankan tanpa --pdf."
            )
    return ""


class Claims:
    """Which workbook of this batch writes which output; names compared as a case-blind disk would."""

    def __init__(self, workbooks: Sequence[Path]) -> None:
        self.workbooks = list(workbooks)
        self.owner: dict[str, int] = {}

    def take(self, index: int, output: Path) -> str:
        """"" when workbook ``index`` may write ``output``; else the sentence naming the first claimant."""
        first = self.owner.setdefault(output.name.casefold(), index)
        if first == index:
            return ""
        first_name, this_name = self.workbooks[first].name, self.workbooks[index].name
        return (
            f"{output.name} juga hasil {first_name} dalam proses ini (kecamatan dan tahun yang sama); "
            f"{this_name} tidak ditulis agar hasil {first_name} tidak tertimpa. Perbaiki Nama Kecamatan "
            "atau Tahun salah satunya."
        )


def run_all(
    workbooks: Sequence[Path],
    options: Options,
    jobs: int | None = None,
    on_done: OnDone | None = None,
) -> list[Result]:
    """Results in the order of ``workbooks``; parallel over worker processes when more than one.

    ``jobs``: worker processes, 1..MAX_JOBS; None or 0 means one per available core. Holds the output
    folder's lock (raises locks.FolderBusy / FolderError, each one Indonesian sentence).
    """
    if jobs:
        problem = jobs_problem(jobs)
        if problem:
            raise ValueError(problem[0].upper() + problem[1:])
    workers = min(jobs or available_cores(), len(workbooks))
    with folder_lock(Path(options.out_dir)):
        sweep(Path(options.out_dir), force=True)  # a killed run's temporary files, ours alone now
        if workers <= 1:
            return _serial(workbooks, options, on_done)
        return _Pool(workbooks, options, workers, on_done).run()


def _serial(workbooks: Sequence[Path], options: Options, on_done: OnDone | None) -> list[Result]:
    claims = Claims(workbooks)
    results = []
    for index, path in enumerate(workbooks):
        result = safe_generate(path, options, lambda output, i=index: claims.take(i, output))
        results.append(result)
        if on_done is not None:
            on_done(result)
    return results


def dead_worker_error(workbook: Path, exitcode: int | None) -> str:
    """The sentence for a workbook whose worker process died under it."""
    how = ""
    if exitcode is not None and exitcode < 0:
        try:
            how = f" (sinyal {signal.Signals(-exitcode).name})"
        except ValueError:
            how = f" (sinyal {-exitcode})"
    return (
        f"Proses pekerja berhenti mendadak saat membuat dokumen dari {workbook.name}{how}, misalnya "
        "dihentikan sistem karena kehabisan memori; buku kerja lain tidak terpengaruh. Coba buat buku "
        "kerja ini sendiri."
    )


# --- worker side -------------------------------------------------------------------------------------


def _worker_main(connection: Connection, options: Options) -> None:
    """Take (index, workbook) from the pipe until told to stop; answer each with its Result."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    try:
        while True:
            message = connection.recv()
            if message is None:
                return
            index, path = message

            def claim(output: Path, index: int = index) -> str:
                connection.send(("claim", index, output))
                return connection.recv()

            result = safe_generate(path, options, claim)
            try:
                connection.send(("done", index, result))
            except (OSError, EOFError):
                raise
            except Exception as exc:  # a result that cannot be pickled is a bug, not a dead worker
                failed = Result(Path(path), error=describe_crash(exc, Path(path).name))
                connection.send(("done", index, failed))
    except (EOFError, OSError, KeyboardInterrupt):
        return  # the parent is gone or stopping us: nothing to report to


# --- parent side -------------------------------------------------------------------------------------


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    connection: Connection
    task: int | None = None


def _context() -> multiprocessing.context.BaseContext:
    """forkserver where it exists (safe beside the parent's threads), else spawn."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if "forkserver" in methods:
        context.set_forkserver_preload(WORKER_MODULES)
    return context


class _Pool:
    """Long-lived workers fed one workbook at a time; results in list order, reported as they come."""

    def __init__(
        self, workbooks: Sequence[Path], options: Options, size: int, on_done: OnDone | None
    ) -> None:
        self.workbooks = list(workbooks)
        self.options = options
        self.size = size
        self.on_done = on_done
        self.context = _context()
        self.claims = Claims(self.workbooks)
        self.results: dict[int, Result] = {}
        self.next_task = 0
        self.unclaimed: set[int] = set()  # in flight, output not yet claimed
        self.waiting: dict[int, tuple[_Worker, Path]] = {}  # claims held back for an earlier workbook
        self.workers: list[_Worker] = []
        self.start_failures = 0

    def run(self) -> list[Result]:
        try:
            for _ in range(self.size):
                self._start()
            while len(self.results) < len(self.workbooks):
                if not self.workers:
                    self._finish_serially()
                elif any(w.task is not None for w in self.workers):
                    self._step()
                else:  # cannot happen: every workbook left is either queued or held by a worker
                    raise RuntimeError("batch: idle workers with workbooks unfinished")
        finally:
            self._stop()
        return [self.results[i] for i in range(len(self.workbooks))]

    def _start(self) -> None:
        """A new worker, given a workbook at once when one is left."""
        parent_end, child_end = self.context.Pipe()
        process = self.context.Process(
            target=_worker_main, args=(child_end, self.options), name="keputusan-pekerja", daemon=True
        )
        try:
            process.start()
        except OSError:
            parent_end.close()
            self.start_failures += 1
            return
        finally:
            child_end.close()
        worker = _Worker(process, parent_end)
        self.workers.append(worker)
        self._feed(worker)

    def _feed(self, worker: _Worker) -> None:
        if self.next_task >= len(self.workbooks):
            worker.task = None
            return
        index = self.next_task
        self.next_task += 1
        worker.task = index
        self.unclaimed.add(index)
        try:
            worker.connection.send((index, self.workbooks[index]))
        except OSError:
            pass  # the worker died already; its sentinel says so in the next step

    def _step(self) -> None:
        """Wait for the next message or death among busy workers, and handle it."""
        handles: dict[object, _Worker] = {}
        for worker in (w for w in self.workers if w.task is not None):
            handles[worker.connection] = worker
            handles[worker.process.sentinel] = worker
        for ready in wait(list(handles)):
            worker = handles[ready]
            if worker not in self.workers:
                continue
            if ready is worker.connection:
                self._receive(worker)
            elif not worker.connection.poll():
                self._bury(worker)

    def _receive(self, worker: _Worker) -> None:
        try:
            kind, index, payload = worker.connection.recv()
        except (EOFError, OSError):
            self._bury(worker)
            return
        if kind == "claim":
            self.unclaimed.discard(index)
            self.waiting[index] = (worker, payload)
            self._grant()
        else:
            self._done(index, payload)
            self._feed(worker)

    def _grant(self) -> None:
        """Answer held claims in list order, each once no earlier workbook in flight is unclaimed."""
        for index in sorted(self.waiting):
            if self.unclaimed and min(self.unclaimed) < index:
                return
            worker, output = self.waiting.pop(index)
            try:
                worker.connection.send(self.claims.take(index, output))
            except OSError:
                pass

    def _done(self, index: int, result: Result) -> None:
        self.unclaimed.discard(index)
        self.results[index] = result
        if self.on_done is not None:
            self.on_done(result)
        self._grant()

    def _bury(self, worker: _Worker) -> None:
        """A worker died: fail its workbook (only that one), and start another in its place."""
        worker.process.join(timeout=5)
        worker.connection.close()
        self.workers.remove(worker)
        if worker.task is not None:
            self.waiting.pop(worker.task, None)
            workbook = self.workbooks[worker.task]
            error = dead_worker_error(workbook, worker.process.exitcode)
            self._done(worker.task, Result(workbook, error=error))
        else:
            self.start_failures += 1
        if self.next_task < len(self.workbooks) and self.start_failures < START_FAILURES_ALLOWED:
            self._start()

    def _finish_serially(self) -> None:
        """No worker can be started: do the rest in this process rather than fail them."""
        while self.next_task < len(self.workbooks):
            index = self.next_task
            self.next_task += 1
            claim = lambda output, i=index: self.claims.take(i, output)  # noqa: E731
            self._done(index, safe_generate(self.workbooks[index], self.options, claim))

    def _stop(self) -> None:
        for worker in self.workers:
            try:
                worker.connection.send(None)
            except OSError:
                pass
        for worker in self.workers:
            worker.process.join(timeout=5)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join(timeout=5)
            worker.connection.close()
        self.workers.clear()
