"""Faults on demand, for hostile-write tests: ``COMMAND + [KEPUTUSAN-ARGS...]`` runs `keputusan`.

Runs the `keputusan` command in this (child) process with faults armed from the environment:

- ``FAULT_POINT`` names a moment of a write (``generator.atomic.checkpoint``: temp-open, temp-written,
  stamp-recorded, replaced) and ``FAULT_ACTION`` what happens there: ``kill`` (SIGKILL, as a power cut
  or the OOM killer would), ``enospc`` / ``erofs`` / ``eacces`` (the system refuses the write), or
  ``pause`` (wait until the file named by ``FAULT_RELEASE`` exists, after creating ``FAULT_READY``).
  ``FAULT_TARGET`` limits the fault to the target of that exact file name, ``FAULT_COUNT`` to its n-th
  write at that point (the stamp is written twice per output).
- ``FAULT_CRASH``: drawing the decree of that kecamatan raises an English ValueError (a bug).
- ``FAULT_PIDS``: each decree drawn appends the drawing process's id to that file.
- ``FAULT_KECAMATAN``: a batch worker SIGKILLs itself when it starts drawing the decree of one of
  these kecamatan (comma-separated). The module is preloaded into the batch's worker processes for this.
- ``FAULT_SWAP``: right after the workbook ``FAULT_SWAP_PATH`` is first read, the file ``FAULT_SWAP``
  takes its place (as a person or a program replacing it between two reads would).
"""

from __future__ import annotations

import errno
import os
import signal
import sys
import time
from pathlib import Path

ERRORS = {"enospc": errno.ENOSPC, "erofs": errno.EROFS, "eacces": errno.EACCES}


_seen: dict[tuple[str, str], int] = {}


def _at_checkpoint(point: str, path: Path) -> None:
    if point != os.environ.get("FAULT_POINT"):
        return
    if os.environ.get("FAULT_TARGET", path.name) != path.name:
        return
    seen = _seen[point, path.name] = _seen.get((point, path.name), 0) + 1
    if seen != int(os.environ.get("FAULT_COUNT", "1")):
        return
    action = os.environ.get("FAULT_ACTION", "kill")
    if action == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    if action in ERRORS:
        code = ERRORS[action]
        raise OSError(code, os.strerror(code), str(path))
    if action == "pause":
        Path(os.environ["FAULT_READY"]).touch()
        release = Path(os.environ["FAULT_RELEASE"])
        deadline = time.monotonic() + 60
        while not release.exists() and time.monotonic() < deadline:
            time.sleep(0.05)


def _swap_after_first_read() -> None:
    import shutil

    from generator import reader

    original, victim = reader._read_bounded, Path(os.environ["FAULT_SWAP_PATH"])
    if getattr(original, "armed", False):
        return

    def read_then_swap(path: Path) -> bytes:
        data = original(path)
        if Path(path) == victim and not getattr(read_then_swap, "swapped", False):
            shutil.copyfile(os.environ["FAULT_SWAP"], f"{victim}.tukar")
            os.replace(f"{victim}.tukar", victim)
            read_then_swap.swapped = True  # type: ignore[attr-defined]
        return data

    read_then_swap.armed = True  # type: ignore[attr-defined]
    reader._read_bounded = read_then_swap


def arm() -> None:
    """Install the faults the environment asks for (idempotent)."""
    from generator import atomic, pipeline

    if os.environ.get("FAULT_POINT"):
        atomic.checkpoint = _at_checkpoint
    if os.environ.get("FAULT_SWAP"):
        _swap_after_first_read()
    victims = set(filter(None, os.environ.get("FAULT_KECAMATAN", "").split(",")))
    crash = os.environ.get("FAULT_CRASH")
    pids = os.environ.get("FAULT_PIDS")
    if (victims or crash or pids) and not getattr(pipeline.build_document, "armed", False):
        original = pipeline.build_document

        def build_document(decree, options, timings, *rest, **named):
            if pids:
                with open(pids, "a", encoding="ascii") as handle:
                    handle.write(f"{os.getpid()}\n")
            if decree.office.kecamatan in victims:
                os.kill(os.getpid(), signal.SIGKILL)
            if decree.office.kecamatan == crash:
                raise ValueError("an English bug text [/bold red] at /srv/secret/path")
            return original(decree, options, timings, *rest, **named)

        build_document.armed = True  # type: ignore[attr-defined]
        pipeline.build_document = build_document


arm()  # on import: in the child's main process and in each preloaded batch worker


def main(argv: list[str]) -> int:
    from generator import batch
    from generator.cli import main as keputusan

    batch.WORKER_MODULES.append("tests.hostile.faults")
    return keputusan(argv)


_RUN = "import sys; from tests.hostile.faults import main; sys.exit(main(sys.argv[1:]))"
COMMAND = [sys.executable, "-c", _RUN]  # a child running `keputusan` with the faults armed
