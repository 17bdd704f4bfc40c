"""A template that is not the program's own is loaded, checked and filled in a child process.

Jinja's sandbox (generator.sandbox) keeps a template away from Python's internals and bounds what its
tags may do. What it cannot bound is docxtpl's own preparation of a part: the regular expressions it
runs over the XML before and after Jinja take minutes on a few kilobytes of hostile XML (a table cell
with ``{% vm %}`` and no text after it, thousands of unclosed ``{{``), and no Python code can interrupt
a regular expression. So a custom template lives in a child that the operating system holds to a
memory limit and that may not write files or start programs; the parent gives every request a wall
clock and kills the child when it runs over. The child stays alive between decrees, so the template is
loaded and compiled once per process, as for the built-in one.

Messages are pickles with an 8-byte length in front, over the child's stdin and stdout.
"""

from __future__ import annotations

import os
import pickle
import resource
import select
import signal
import subprocess
import sys
import time
import weakref
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .render import TemplateScan

MEMORY_MB = 1024
SECONDS = 20.0  # one request: loading, checking or filling one decree
MAX_REPLY = 512 << 20
PACKAGE_ROOT = Path(__file__).resolve().parent.parent


class WorkerBug(RuntimeError):
    """The child failed in the program's own code (not the template's): a bug to report."""


class _Timeout(Exception):
    pass


class _Died(Exception):
    pass


def _stop(process: subprocess.Popen, owner: int) -> None:
    """Ends the child, from the process that started it only (a forked copy must leave it alone)."""
    if os.getpid() != owner or process.poll() is not None:
        return
    try:
        process.stdin.close()  # type: ignore[union-attr]
        process.wait(timeout=1)
    except (OSError, subprocess.TimeoutExpired):
        process.kill()
        process.wait()


class TemplateWorker:
    """One child process holding one template, started again (and the template loaded again) when it
    was killed or when this object finds itself in a forked copy of its process. Every method raises
    TemplateError with one Indonesian sentence when the template fails or runs over its bounds."""

    def __init__(self, data: bytes, name: str) -> None:
        self.name = name
        self._setup: list[tuple[Any, ...]] = [("muat", data, name)]
        self._process: subprocess.Popen | None = None
        self._owner = 0
        self._call(self._setup[0])

    def prepare(self) -> None:
        self._setup.append(("siapkan",))
        self._call(self._setup[-1])

    def scan(self) -> TemplateScan:
        return self._call(("periksa",))

    def render(self, decree: object, images: Mapping[str, object]) -> bytes:
        return self._call(("isi", decree, dict(images)))

    def close(self) -> None:
        if self._process is not None:
            _stop(self._process, self._owner)
            self._process = None

    # ---- plumbing

    def _start(self) -> None:
        path = os.environ.get("PYTHONPATH", "")
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (str(PACKAGE_ROOT), path) if p)}
        self._process = subprocess.Popen(
            [sys.executable, "-B", "-m", "generator.template_worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            bufsize=0,
            env=env,
            close_fds=True,
        )
        self._owner = os.getpid()
        weakref.finalize(self, _stop, self._process, self._owner)

    def _call(self, message: tuple[Any, ...]) -> Any:
        from .render import TemplateError

        try:
            if self._process is None or self._owner != os.getpid() or self._process.poll() is not None:
                self._start()
                for step in self._setup:
                    if step is not message:
                        self._answer(*self._exchange(step))
            kind, value = self._exchange(message)
        except _Timeout:
            self._kill()
            raise TemplateError(
                f"Templat {self.name} dihentikan: pengolahannya lebih dari {SECONDS:g} detik."
            ) from None
        except _Died:
            self._kill()
            raise TemplateError(
                f"Templat {self.name} dihentikan: pengolahannya melampaui batas memori {MEMORY_MB} MB "
                "atau berhenti di tengah jalan."
            ) from None
        return self._answer(kind, value)

    def _answer(self, kind: str, value: Any) -> Any:
        from .render import TemplateError

        if kind == "templat":
            raise TemplateError(value)
        if kind == "galat":
            raise WorkerBug(value)
        if kind != "ok":
            raise WorkerBug(f"jawaban proses pengisi tidak dikenal: {kind!r}")
        return value

    def _exchange(self, message: tuple[Any, ...]) -> tuple[str, Any]:
        assert self._process is not None
        payload = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            _write(self._process.stdin.fileno(), len(payload).to_bytes(8, "big") + payload)  # type: ignore[union-attr]
        except OSError:
            raise _Died() from None
        deadline = time.monotonic() + SECONDS
        fd = self._process.stdout.fileno()  # type: ignore[union-attr]
        size = int.from_bytes(_read(fd, 8, deadline), "big")
        if size > MAX_REPLY:
            raise _Died()
        return pickle.loads(_read(fd, size, deadline))

    def _kill(self) -> None:
        if self._process is not None and self._owner == os.getpid():
            self._process.kill()
            self._process.wait()
        self._process = None


def _write(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _read(fd: int, size: int, deadline: float) -> bytes:
    chunks, left = [], size
    while left:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
            raise _Timeout()
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            raise _Died()
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


# ---------------------------------------------------------------------------- the child


def _limit_self() -> None:
    """Memory capped, no file may grow, no process may be started, no core dump."""
    cap = MEMORY_MB << 20
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = cap if hard == resource.RLIM_INFINITY else min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write then fails with an error instead of a kill
    for limit in (resource.RLIMIT_FSIZE, resource.RLIMIT_CORE, resource.RLIMIT_NPROC):
        try:
            resource.setrlimit(limit, (0, 0))
        except (ValueError, OSError):
            pass


def _serve() -> int:
    protocol_out = os.dup(1)
    os.dup2(2, 1)  # anything a library prints must not corrupt the replies
    protocol_in = sys.stdin.fileno()
    _limit_self()
    from .render import Renderer, TemplateError

    renderer: Renderer | None = None
    while True:
        header = _read_all(protocol_in, 8)
        if header is None:
            return 0
        body = _read_all(protocol_in, int.from_bytes(header, "big"))
        if body is None:
            return 0
        kind, *args = pickle.loads(body)
        try:
            if kind == "muat":
                renderer = Renderer(args[0], name=args[1], isolated=False, prepare=False)
                reply: tuple[str, Any] = ("ok", None)
            elif renderer is None:
                reply = ("galat", "templat belum dimuat")
            elif kind == "siapkan":
                renderer.prepare()
                reply = ("ok", None)
            elif kind == "periksa":
                reply = ("ok", renderer.scan())
            elif kind == "isi":
                reply = ("ok", renderer.render(args[0], args[1]))
            else:
                reply = ("galat", f"permintaan tidak dikenal: {kind!r}")
        except TemplateError as exc:
            reply = ("templat", str(exc))
        except MemoryError:
            name = renderer.name if renderer is not None else args[1]
            reply = ("templat", f"Templat {name} kehabisan memori (batas {MEMORY_MB} MB).")
        except Exception as exc:  # noqa: BLE001 - a bug in the program, sent back to be reported
            reply = ("galat", f"{type(exc).__name__}: {exc}")
        payload = pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL)
        _write(protocol_out, len(payload).to_bytes(8, "big") + payload)


def _read_all(fd: int, size: int) -> bytes | None:
    chunks, left = [], size
    while left:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


if __name__ == "__main__":
    sys.exit(_serve())
