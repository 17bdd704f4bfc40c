"""Graphviz runs: sizes from one probing `dot` per figure, every picture from a fresh `dot` of its own.

Only a fresh `dot` process is an exact reference. One that has laid out other graphs keeps state from
them (the network simplex's search position, among others) and now and then places a node or frame
elsewhere, so a picture drawn there may differ from a fresh process's bytes. Hence:

- :class:`Prober` answers "what scale does this layout take to fit the box" for the candidate layouts
  of ONE figure, all in one long-lived `dot -Tplain` fed in the order the search asks. Its answers
  depend on that figure alone, never on which figures or decrees the worker drew before, so the
  choice is the same in any batch order or worker count. Its first answer is a fresh process's.
- :func:`draw` lays out and rasterises one chosen source in a fresh process (`-Tplain` for the exact
  scale, `-Tpng:cairo` for the picture, one layout for both).
"""

from __future__ import annotations

import subprocess
import tempfile
from types import TracebackType
from typing import IO

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_STOP = b"stop\n"  # last line of each graph in the plain format


class GraphvizMissing(Exception):
    """The `dot` program is not installed; the message says how to install it."""

    INSTALL_HINT = (
        "Graphviz belum terpasang: jalankan `sudo apt-get install graphviz` (Debian/Ubuntu) atau "
        "`brew install graphviz` (macOS) atau pasang dari https://graphviz.org/download/ (Windows), "
        "atau pakai --tanpa-gambar untuk membuat dokumen tanpa gambar."
    )

    def __init__(self, message: str = INSTALL_HINT) -> None:
        super().__init__(message)


class DiagramError(RuntimeError):
    """Graphviz failed on one figure; the message names the figure."""


def _failure(key: str, errors: bytes) -> DiagramError:
    detail = errors.decode("utf-8", "replace").strip() or "tidak ada keluaran"
    return DiagramError(f"Graphviz gagal menggambar {key}: {detail}")


def _scale(head: bytes) -> float | None:
    """The scale from the plain format's first line ``graph SCALE WIDTH HEIGHT``."""
    words = head.split()
    if len(words) < 4 or words[0] != b"graph":
        return None
    try:
        return float(words[1])
    except ValueError:
        return None


def draw(key: str, source: str) -> tuple[float, bytes]:
    """(scale Graphviz applied to fit ``size``, PNG bytes) of one DOT source, in a fresh process."""
    try:
        done = subprocess.run(
            ["dot", "-Tplain", "-Tpng:cairo"], input=source.encode("utf-8"), capture_output=True
        )
    except FileNotFoundError as error:
        raise GraphvizMissing() from error
    start = done.stdout.find(PNG_SIGNATURE)
    scale = _scale(done.stdout[: max(start, 0)].split(b"\n", 1)[0])
    if done.returncode != 0 or start < 0 or scale is None:
        raise _failure(key, done.stderr)
    return scale, done.stdout[start:]


class Prober:
    """One `dot -Tplain` for the layouts of one figure, started on the first question.

    Use as a context manager; the process ends with the block. Layouts are laid out one after
    another in the same process, each answered before the next is sent.
    """

    def __init__(self, key: str) -> None:
        self.key = key
        self.count = 0  # layouts asked so far
        self._process: subprocess.Popen[bytes] | None = None
        self._errors: IO[bytes] | None = None

    def __enter__(self) -> Prober:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()
        if self._errors is not None:
            self._errors.close()

    def _started(self) -> subprocess.Popen[bytes]:
        if self._process is None:
            self._errors = tempfile.TemporaryFile()  # never a pipe: warnings must not fill it and block dot
            try:
                self._process = subprocess.Popen(
                    ["dot", "-Tplain"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._errors
                )
            except FileNotFoundError as error:
                raise GraphvizMissing() from error
        return self._process

    def scale(self, source: str) -> float:
        """The scale ``source`` takes to fit its ``size``, as laid out after this figure's earlier ones."""
        process = self._started()
        assert process.stdin is not None and process.stdout is not None
        self.count += 1
        ending = "" if source.endswith("\n") else "\n"  # dot reads by lines: the last one must end
        try:
            process.stdin.write((source + ending).encode("utf-8"))
            process.stdin.flush()
        except BrokenPipeError:
            raise self._died() from None
        head = process.stdout.readline()
        line = head
        while line and line != _STOP:  # our labels never hold a raw line break: "stop" is the end
            line = process.stdout.readline()
        scale = _scale(head)
        if not line or scale is None:
            raise self._died()
        return scale

    def _died(self) -> DiagramError:
        self.close()
        errors = b""
        if self._errors is not None:
            self._errors.seek(0)
            errors = self._errors.read(4000)
        return _failure(self.key, errors)

    def close(self) -> None:
        """End the process (waiting for it) and keep what it wrote to stderr until then."""
        process, self._process = self._process, None
        if process is None:
            return
        if process.stdin is not None:
            try:
                process.stdin.close()
            except BrokenPipeError:
                pass
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()
