"""Stand-ins for hostile uploads, run by real worker processes in the job runner tests."""

from __future__ import annotations

import os
import signal
import time

from generator.web.worker import Outcome


def quick(label: str, stage) -> Outcome:
    stage("baca")
    return Outcome(files={}, error="" if label else "kosong")


def sleep(seconds: float, stage) -> Outcome:
    """A job that would run far past its time limit, with a child process (like Graphviz) of its own."""
    os.spawnlp(os.P_NOWAIT, "sleep", "sleep", str(seconds))
    stage("gambar")
    time.sleep(seconds)
    return Outcome()


def eat_memory(megabytes: int, stage) -> Outcome:
    """A job that allocates without end, as a crafted workbook might make a parser do."""
    stage("baca")
    hoard = []
    for _ in range(megabytes):
        hoard.append(bytearray(1 << 20))
    return Outcome()


def killed(stage) -> Outcome:
    """The kernel's OOM killer (or an administrator) ends the worker with SIGKILL mid-job."""
    stage("render")
    os.kill(os.getpid(), signal.SIGKILL)
    return Outcome()


def crash(stage) -> Outcome:
    raise RuntimeError("/srv/rahasia/kunjungan/abc/masukan/x.xlsx: tidak terduga")
