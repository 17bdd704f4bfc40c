"""Figures drawn by Graphviz as PNG files: the first layout that prints readably, cached by content.

Every layout is capped at the printable box (the graph's ``size``), so no PNG holds more pixels than
will print. A layout is readable when its smallest text, once Graphviz has scaled it into the box,
is at least MIN_PRINTED_PT. The candidate layouts of a figure are measured by one probing `dot` of
that figure; each chosen picture is drawn, and its size confirmed, by a fresh `dot` (see runner.py),
so its bytes are those of `dot -Tpng:cairo` on its source alone. Figures are drawn in parallel.
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import struct
import subprocess
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import graphviz

from ..atomic import atomic_write, sweep
from ..figures import Figure
from ..model import Decree
from . import runner
from .drawing import Drawing, smallest_font
from .page import MM_PER_INCH, Diagram, printable_box
from .runner import PNG_SIGNATURE, DiagramError, GraphvizMissing, Prober
from .sources import build_drawings
from .style import DPI, MIN_PRINTED_PT

RENDER_VERSION = "keputusan-diagrams/3"  # bump when the drawing code changes the pictures
HOPELESS = 0.62  # a layout scaled down further than this is not saved by a denser one
_RECORD = ".gambar"  # file of a figure in the cache: its pictures and their smallest text
T = TypeVar("T")

__all__ = ["DiagramError", "GraphvizMissing", "cache_name", "chosen_sources", "render_diagrams"]


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
    sweep(folder)  # temporary files a killed run left (also when this run writes nothing)
    drawings = build_drawings(decree, figures, printable_box(decree.info.paper))
    found = {key: _cached(folder, drawing, pieces) for key, drawing in drawings.items()}
    todo = [drawing for key, drawing in drawings.items() if found[key] is None]
    drawn = _in_parallel(todo, lambda drawing: _store(folder, drawing, pieces, _pictures(drawing, pieces)))
    found.update((drawing.key, diagram) for drawing, diagram in zip(todo, drawn, strict=True))
    return {key: diagram for key, diagram in found.items() if diagram is not None}


def chosen_sources(
    decree: Decree, figures: Sequence[Figure], *, pieces: bool = False
) -> dict[str, list[str]]:
    """Figure key -> the DOT source of each picture :func:`render_diagrams` draws for it, in print order.

    Chooses afresh, without the cache: what a reader needs to redraw any picture by hand
    (``dot -Tpng:cairo``) and compare.
    """
    drawings = list(build_drawings(decree, figures, printable_box(decree.info.paper)).values())
    chosen = _in_parallel(drawings, lambda drawing: [laid.source for laid in _pictures(drawing, pieces)])
    return {drawing.key: sources for drawing, sources in zip(drawings, chosen, strict=True)}


def _in_parallel(drawings: Sequence[Drawing], work: Callable[[Drawing], T]) -> list[T]:
    """``work`` on each drawing in threads, largest figures started first; results in the order given.

    Each figure's pictures are stored (or dropped) by its own thread, so a decree of a thousand
    figures never holds more than a few pictures in memory.
    """
    if not drawings:
        return []
    order = sorted(range(len(drawings)), key=lambda index: -len(drawings[index].source))
    with ThreadPoolExecutor(max_workers=min(len(drawings), os.cpu_count() or 1)) as pool:
        done = dict(zip(order, pool.map(lambda index: work(drawings[index]), order), strict=True))
    return [done[index] for index in range(len(drawings))]


# ---------------------------------------------------------------- choosing a layout


@dataclass(frozen=True)
class _Laid:
    """One layout as Graphviz laid it out: the scale it took to fit the box, and the PNG once drawn."""

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
    """Measures the layouts of one figure in its prober and draws the chosen ones, each at most once.

    A measure is only a guide to the choice; a picture's own size, and so whether it is readable,
    is that of the fresh process that draws it.
    """

    prober: Prober
    drawn: dict[str, _Laid] = field(default_factory=dict)
    measured: dict[str, float] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return self.prober.key

    def measure(self, source: str) -> _Laid:
        if source in self.drawn:
            return self.drawn[source]
        if source not in self.measured:
            self.measured[source] = self.prober.scale(source)
        return _Laid(source, self.measured[source])

    def draw(self, source: str) -> _Laid:
        if source not in self.drawn:
            self.drawn[source] = _Laid(source, *runner.draw(self.key, source))
        return self.drawn[source]

    def best(self, drawing: Drawing, final: bool) -> tuple[_Laid, bool]:
        """The first readable layout, drawn (True), else the one printing largest (False).

        Layouts are only measured until one is chosen; the first of a small figure is drawn at once
        (it nearly always fits). When pieces may follow, a hopeless layout skips straight to the
        densest; when none may (``final``), every layout is tried for the largest print.
        """
        tried: list[_Laid] = []
        layouts = list(drawing.layouts)
        while layouts:
            source = layouts.pop(0)
            laid = self.draw(source) if drawing.small and not tried else self.measure(source)
            if laid.readable:
                laid = self.draw(source)
                if laid.readable:
                    return laid, True
            tried.append(laid)
            if laid.scale < HOPELESS and layouts and not final:
                layouts = layouts[-1:]
        return max(tried, key=lambda laid: laid.font_pt), False

    def room(self, drawing: Drawing) -> float:
        """How readable a piece is: as its densest layout, the most readable if any is."""
        return self.measure(drawing.layouts[-1]).font_pt / MIN_PRINTED_PT

    def pieces(self, drawing: Drawing, cut: bool) -> list[_Laid]:
        """The pictures of ``drawing``: one layout, or when it cannot be read whole and ``cut``,
        the pictures of each of its pieces."""
        cuttable = cut and drawing.cut is not None
        laid, readable = self.best(drawing, final=not cuttable)
        if not readable and cuttable:
            parts = drawing.cut(self.room)
            if len(parts) > 1:
                return [picture for part in parts for picture in self.pieces(part, cut)]
        return [self.draw(laid.source)]


def _pictures(drawing: Drawing, cut: bool) -> list[_Laid]:
    """Choose and draw the pictures of one figure, measuring in a prober of its own."""
    with Prober(drawing.key) as prober:
        return _Painter(prober).pieces(drawing, cut)


# ---------------------------------------------------------------- the cache


def _store(folder: Path, drawing: Drawing, cut: bool, pictures: Sequence[_Laid]) -> Diagram:
    """Cache the pictures of one figure, then the record naming them (last: a record is complete)."""
    lines = []
    for picture in pictures:
        path = folder / cache_name(picture.source)
        if not _is_png(path):
            atomic_write(path, picture.png)
        lines.append(f"{path.name} {picture.font_pt:.3f}")
    atomic_write(folder / _record_name(drawing, cut), ("\n".join(lines) + "\n").encode("ascii"))
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


def _png_size(path: Path) -> tuple[int, int] | None:
    """(width, height) in pixels from the IHDR chunk, or None if the file is not a PNG."""
    try:
        with path.open("rb") as stream:
            head = stream.read(24)
    except OSError:
        return None
    if len(head) < 24 or not head.startswith(PNG_SIGNATURE) or head[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def _is_png(path: Path) -> bool:
    return _png_size(path) is not None
