"""Hostile inputs run in a child process under hard limits, so a regression fails instead of taking
the machine down: address space, CPU time and wall time are capped, and the outcome is checked the
way a user sees it (exit status, one Indonesian sentence, no traceback)."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
MEMORY_MB = 1024  # the bound: any input under 10 MB in under 1 GB ...
SECONDS = 30  # ... and under 30 s (processor time: RLIMIT_CPU is the bound)
WALL_FACTOR = 3  # wall time only catches a child that waits (a pipe); on a shared, busy machine a
# child within its 30 s of processor time may take far longer by the clock, which is no failure


@dataclass(frozen=True)
class Outcome:
    returncode: int
    stdout: str
    stderr: str
    seconds: float

    @property
    def text(self) -> str:
        return self.stdout + self.stderr

    def assert_clean(self, *codes: int) -> None:
        """Ended by itself with one of ``codes``, no traceback, no English exception text."""
        assert self.returncode >= 0, f"dibunuh sinyal {-self.returncode}: {self.stderr[-2000:]}"
        if codes:
            assert self.returncode in codes, (self.returncode, self.text[-3000:])
        for marker in ("Traceback", "MemoryError", "RecursionError", "Error:", "Exception"):
            assert marker not in self.text, self.text[-3000:]


def _limits(memory_mb: int, seconds: int):
    def apply() -> None:
        size = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (size, size))
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 5))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    return apply


def run_limited(
    args: Sequence[str],
    *,
    cwd: Path | None = None,
    memory_mb: int = MEMORY_MB,
    seconds: int = SECONDS,
    env: dict[str, str] | None = None,
    command: Sequence[str] | None = None,
) -> Outcome:
    """``python -m generator ARGS`` (or ``command + ARGS``) in a child under the limits; wall time capped."""
    full_env = {**os.environ, "PYTHONPATH": str(PROJECT), "COLUMNS": "200", **(env or {})}
    start = time.monotonic()
    try:
        done = subprocess.run(
            [*(command or [sys.executable, "-m", "generator"]), *map(str, args)],
            cwd=cwd,
            env=full_env,
            capture_output=True,
            text=True,
            timeout=seconds * WALL_FACTOR,
            preexec_fn=_limits(memory_mb, seconds),
        )
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"tidak selesai dalam {seconds * WALL_FACTOR} s: {args}: {exc.stderr!r}"[-3000:])
    return Outcome(done.returncode, done.stdout, done.stderr, time.monotonic() - start)


@pytest.fixture
def limited():
    """The runner, as a fixture: ``limited(["periksa", path]).assert_clean(2)``."""
    return run_limited
