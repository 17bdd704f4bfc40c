"""Figures drawn by Graphviz as PNG files: the first layout that prints readably, cached by content.

Every layout is capped at the printable box (the graph's ``size``), so no PNG holds more pixels than
will print. A layout is readable when its smallest text, once Graphviz has scaled it into the box,
is at least MIN_PRINTED_PT. Each figure is drawn by its own `dot` process (several figures in one
process do not always get the same layout as when drawn alone), figures in parallel.
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import struct
import subprocess
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import graphviz

from ..figures import Figure
from ..model import Decree
from .drawing import Drawing, smallest_font
from .page import MM_PER_INCH, Diagram, printable_box
from .sources import build_drawings
from .style import DPI, MIN_PRINTED_PT

RENDER_VERSION = "keputusan-diagrams/2"  # bump when the drawing code changes the pictures
HOPELESS = 0.62  # a layout scaled down further than this is not saved by a denser one
INSTALL_HINT = (
    "Graphviz belum terpasang: jalankan `sudo apt-get install graphviz` (Debian/Ubuntu) atau "
    "`brew install graphviz` (macOS) atau pasang dari https://graphviz.org/download/ (Windows), "
    "atau pakai --tanpa-gambar untuk membuat dokumen tanpa gambar."
)
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_RECORD = ".gambar"  # file of a figure in the cache: its pictures and their smallest text


class GraphvizMissing(Exception):
    """The `dot` program is not installed; the message says how to install it."""

    def __init__(self, message: str = INSTALL_HINT) -> None:
        super().__init__(message)


class DiagramError(RuntimeError):
    """Graphviz failed on one figure; the message names the figure."""


def graphviz_available() -> bool:
    """True when the `dot` program of Graphviz can be found."""
    return shutil.which("dot") is not None


def default_cache_dir() -> Path:
    """``$KEPUTUSAN_CACHE`` or ``~/.cache/keputusan-camat/gambar``."""
    configured = os.environ.get("KEPUTUSAN_CACHE", "").strip()
    if configured:
        return Path(configured).expanduser()
    return Path.home() / ".cache" / "keputusan-camat" / "gambar"


@functools.cache
def _version() -> str:
    """What besides the DOT source decides the pixels: our drawing code and the Graphviz release."""
    try:
        release = ".".join(map(str, graphviz.version()))
    except (graphviz.ExecutableNotFound, subprocess.CalledProcessError, RuntimeError):
        release = "?"
    return f"{RENDER_VERSION};dot {release};dpi {DPI}"


def _digest(text: str) -> str:
    return hashlib.sha256((text + "\n" + _version()).encode("utf-8")).hexdigest()


def cache_name(source: str) -> str:
    """File name of a picture in the cache: sha256 of its DOT source and the version string."""
    return f"{_digest(source)}.png"


def _record_name(drawing: Drawing, pieces: bool) -> str:
    """File name of the choice made for a figure: sha256 of all its layouts."""
    return _digest("\x00".join((str(pieces), *drawing.layouts))) + _RECORD


def render_diagrams(
    decree: Decree, figures: Sequence[Figure], cache_dir: Path | None = None, *, pieces: bool = False
) -> dict[str, Diagram]:
    """Figure key -> rendered picture; figures already in the cache are not redrawn.

    With ``pieces`` a figure too large to print readably on one page is cut: its Diagram is the first
    piece and ``continued`` holds the others. Without, it is drawn whole, as dense as it goes.
    """
    if not graphviz_available():
        raise GraphvizMissing()
    folder = cache_dir if cache_dir is not None else default_cache_dir()
    folder.mkdir(parents=True, exist_ok=True)
    drawings = build_drawings(decree, figures, printable_box(decree.info.paper))
    found = {key: _cached(folder, drawing, pieces) for key, drawing in drawings.items()}
    todo = sorted((d for key, d in drawings.items() if found[key] is None), key=lambda d: -len(d.source))
    if todo:
        with ThreadPoolExecutor(max_workers=min(len(todo), os.cpu_count() or 1)) as pool:
            for drawing, diagram in zip(
                todo, pool.map(lambda d: _draw(folder, d, pieces), todo), strict=True
            ):
                found[drawing.key] = diagram
    return {key: diagram for key, diagram in found.items() if diagram is not None}


# ---------------------------------------------------------------- choosing a layout


@dataclass(frozen=True)
class _Laid:
    """One layout as Graphviz drew it: the scale it took to fit the box, and the PNG when asked."""

    source: str
    scale: float
    png: bytes = b""

    @property
    def font_pt(self) -> float:
        """The smallest text as printed at natural size."""
        return smallest_font(self.source) * self.scale

    @property
    def readable(self) -> bool:
        return self.font_pt >= MIN_PRINTED_PT - 1e-6


@dataclass
class _Painter:
    """Lays out and draws the layouts of one figure, each at most once."""

    key: str
    laid: dict[str, _Laid] = field(default_factory=dict)

    def lay(self, source: str, png: bool = False) -> _Laid:
        known = self.laid.get(source)
        if known is None or (png and not known.png):
            scale, data = _run_dot(self.key, source, png)
            known = self.laid[source] = _Laid(source, scale, data)
        return known

    def best(self, drawing: Drawing, final: bool) -> tuple[_Laid, bool]:
        """The first readable layout (True), else the one printing largest (False).

        Layouts are only laid out until one is chosen, except the first of a small figure, drawn
        at once (it nearly always fits). When pieces may follow, a hopeless layout skips straight
        to the densest; when none may (``final``), every layout is tried for the largest print.
        """
        tried: list[_Laid] = []
        layouts = list(drawing.layouts)
        while layouts:
            source = layouts.pop(0)
            laid = self.lay(source, png=drawing.small and not tried)
            if laid.readable:
                return laid, True
            tried.append(laid)
            if laid.scale < HOPELESS and layouts and not final:
                layouts = layouts[-1:]
        return max(tried, key=lambda laid: laid.font_pt), False

    def room(self, drawing: Drawing) -> float:
        """How readable a piece is: as its densest layout, the most readable if any is."""
        return self.lay(drawing.layouts[-1]).font_pt / MIN_PRINTED_PT

    def pieces(self, drawing: Drawing, cut: bool) -> list[_Laid]:
        """The pictures of ``drawing``: one layout, or when it cannot be read whole and ``cut``,
        the pictures of each of its pieces."""
        cuttable = cut and drawing.cut is not None
        laid, readable = self.best(drawing, final=not cuttable)
        if not readable and cuttable:
            parts = drawing.cut(self.room)
            if len(parts) > 1:
                return [picture for part in parts for picture in self.pieces(part, cut)]
        return [self.lay(laid.source, png=True)]


def _draw(folder: Path, drawing: Drawing, cut: bool) -> Diagram:
    """Choose, draw and cache the pictures of one figure; write the record last."""
    painter = _Painter(drawing.key)
    pictures = painter.pieces(drawing, cut)
    lines = []
    for picture in pictures:
        path = folder / cache_name(picture.source)
        if not _is_png(path):
            _write_atomic(path, picture.png)
        lines.append(f"{path.name} {picture.font_pt:.3f}")
    _write_atomic(folder / _record_name(drawing, cut), ("\n".join(lines) + "\n").encode("ascii"))
    diagram = _cached(folder, drawing, cut)
    if diagram is None:
        raise DiagramError(f"Berkas gambar {drawing.key} di {folder} rusak.")
    return diagram


def _cached(folder: Path, drawing: Drawing, cut: bool) -> Diagram | None:
    """The figure's pictures from the cache, or None when any of them is missing."""
    try:
        lines = (folder / _record_name(drawing, cut)).read_text("ascii").split("\n")
    except (OSError, UnicodeDecodeError):
        return None
    found: list[Diagram] = []
    for line in filter(None, lines):
        name, _, font = line.partition(" ")
        path = folder / name
        size = _png_size(path)
        if size is None or "/" in name or not font:
            return None
        width, height = size
        found.append(Diagram(path, width * MM_PER_INCH / DPI, height * MM_PER_INCH / DPI, float(font)))
    if not found:
        return None
    first, *rest = found
    return Diagram(first.path, first.width_mm, first.height_mm, first.font_pt, tuple(rest))


# ---------------------------------------------------------------- Graphviz


def _run_dot(key: str, source: str, png: bool = True) -> tuple[float, bytes]:
    """(scale Graphviz applied to fit ``size``, PNG bytes or b"") of one DOT source, in one process."""
    formats = ["-Tplain", "-Tpng:cairo"] if png else ["-Tplain"]
    try:
        done = subprocess.run(["dot", *formats], input=source.encode("utf-8"), capture_output=True)
    except FileNotFoundError as error:
        raise GraphvizMissing() from error
    start = done.stdout.find(_PNG_SIGNATURE) if png else len(done.stdout)
    head = done.stdout[: max(start, 0)].split(b"\n", 1)[0].split()
    if done.returncode != 0 or start < 0 or len(head) < 2 or head[0] != b"graph":
        detail = done.stderr.decode("utf-8", "replace").strip() or "tidak ada keluaran"
        raise DiagramError(f"Graphviz gagal menggambar {key}: {detail}")
    return float(head[1]), done.stdout[start:]


def _write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path``, then rename: readers never see half a file."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem[:16]}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)  # mkstemp makes 0600; a cached picture is an ordinary file
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _png_size(path: Path) -> tuple[int, int] | None:
    """(width, height) in pixels from the IHDR chunk, or None if the file is not a PNG."""
    try:
        with path.open("rb") as stream:
            head = stream.read(24)
    except OSError:
        return None
    if len(head) < 24 or not head.startswith(_PNG_SIGNATURE) or head[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def _is_png(path: Path) -> bool:
    return _png_size(path) is not None
