"""Where a decree's diagram CPU goes, and what the alternatives cost, measured side by side.

For the same decrees, into empty caches: the renderer as it is (one probing `dot` per figure, a fresh
`dot` per picture) against a `dot` process per candidate layout (how it was). Then the renderer's own
work replayed piece by piece: `dot` start-up, layout (probes and pictures), rasterising, and of that
the PNG compression (the same image data deflated at zlib's default level, which cairo's PNG writer
uses); and the same pictures at 150 dpi instead of 200.
"""

from __future__ import annotations

import re
import resource
import statistics
import struct
import subprocess
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from generator.diagrams import render as rendering
from generator.diagrams import render_diagrams, runner
from generator.figures import plan_figures
from generator.model import Decree

_TINY = b'digraph { node [fontname="Liberation Sans"]; a [label=<<B>a</B>>] }\n'  # start-up incl. fonts


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def child_cpu(command: list[str], data: bytes) -> tuple[float, bytes]:
    """CPU seconds of one `dot` run and its output."""
    before = children_cpu()
    done = subprocess.run(command, input=data, capture_output=True, check=True)
    return children_cpu() - before, done.stdout


@dataclass
class Recorded:
    """What the renderer asked of Graphviz for some decrees."""

    drawn: list[str] = field(default_factory=list)
    probes: list[list[str]] = field(default_factory=list)  # per prober, in order


class _FreshProber(runner.Prober):
    """The old way: every candidate layout measured by a `dot` process of its own."""

    def scale(self, source: str) -> float:
        scale, _ = _fresh_scale(self.key, source)
        self.count += 1
        return scale


def _fresh_scale(key: str, source: str) -> tuple[float, bytes]:
    done = subprocess.run(["dot", "-Tplain"], input=source.encode(), capture_output=True)
    if done.returncode != 0:
        raise runner.DiagramError(f"Graphviz gagal menggambar {key}")
    return float(done.stdout.split()[1]), done.stdout


@contextmanager
def recording(into: Recorded, prober: type[runner.Prober] = runner.Prober) -> Iterator[None]:
    real_draw, real_prober = runner.draw, rendering.Prober

    def draw(key: str, source: str) -> tuple[float, bytes]:
        into.drawn.append(source)
        return real_draw(key, source)

    class Recording(prober):  # type: ignore[misc, valid-type]
        def __init__(self, key: str) -> None:
            super().__init__(key)
            self.asked: list[str] = []
            into.probes.append(self.asked)

        def scale(self, source: str) -> float:
            self.asked.append(source)
            return super().scale(source)

    runner.draw, rendering.Prober = draw, Recording
    try:
        yield
    finally:
        runner.draw, rendering.Prober = real_draw, real_prober


def draw_all(decrees: list[Decree], cache: Path, into: Recorded, prober: type[runner.Prober]) -> float:
    """Diagram CPU (all `dot` processes) of drawing ``decrees`` into the empty ``cache``."""
    before = children_cpu()
    with recording(into, prober):
        for decree in decrees:
            render_diagrams(decree, plan_figures(decree), cache / f"{id(decree)}", pieces=True)
    return children_cpu() - before


def _idat(png: bytes) -> bytes:
    """The PNG's image data, inflated (scanlines with their filter bytes)."""
    chunks, offset = [], 8
    while offset < len(png):
        (length,) = struct.unpack(">I", png[offset : offset + 4])
        if png[offset + 4 : offset + 8] == b"IDAT":
            chunks.append(png[offset + 8 : offset + 8 + length])
        offset += 12 + length
    return zlib.decompress(b"".join(chunks))


def _deflate_cpu(data: bytes) -> float:
    start = time.process_time()
    zlib.compress(data, 6)
    return time.process_time() - start


def split(recorded: Recorded, count: int) -> dict[str, float]:
    """Per decree, in ms: start-up, layout, raster (without compression), compression; and at 150 dpi."""
    startup = statistics.median(child_cpu(["dot", "-Tplain"], _TINY)[0] for _ in range(15))
    processes = len(recorded.drawn) + len([asked for asked in recorded.probes if asked])
    layout_cpu = raster_cpu = deflate_cpu = raster150_cpu = 0.0
    size200 = size150 = 0
    for source in recorded.drawn:
        data = source.encode()
        plain, _ = child_cpu(["dot", "-Tplain"], data)
        both, png = child_cpu(["dot", "-Tplain", "-Tpng:cairo"], data)
        layout_cpu += max(plain - startup, 0.0)
        raster_cpu += max(both - plain, 0.0)
        deflate_cpu += _deflate_cpu(_idat(png[png.find(b"\x89PNG") :]))
        size200 += len(png)
        lower = re.sub(rb"\bdpi=200\b", b"dpi=150", data, count=1)
        both150, png150 = child_cpu(["dot", "-Tplain", "-Tpng:cairo"], lower)
        raster150_cpu += max(both150 - plain, 0.0)
        size150 += len(png150)
    for asked in filter(None, recorded.probes):
        stream = "".join(source if source.endswith("\n") else source + "\n" for source in asked)
        cpu, _ = child_cpu(["dot", "-Tplain"], stream.encode())
        layout_cpu += max(cpu - startup, 0.0)
    per = 1000 / count
    return {
        "proses dot per keputusan": processes / count,
        "start-up (ms)": processes * startup * per,
        "layout (ms)": layout_cpu * per,
        "raster tanpa kompresi (ms)": max(raster_cpu - deflate_cpu, 0.0) * per,
        "kompresi PNG (ms)": deflate_cpu * per,
        "raster+kompresi 150 dpi (ms)": raster150_cpu * per,
        "PNG 200 dpi (KB)": size200 / 1024 / count,
        "PNG 150 dpi (KB)": size150 / 1024 / count,
    }


def compare(decrees: list[Decree], work: Path, log: Callable[[str], None]) -> dict[str, object]:
    """The two mechanisms side by side on the same decrees, then the split of the current one."""
    count = len(decrees)
    log(f"  gambar {count} keputusan: satu proses dot per kandidat (cara lama) ...")
    old = Recorded()
    old_cpu = draw_all(decrees, work / "lama", old, _FreshProber)
    log(f"  gambar {count} keputusan: satu dot pengukur per gambar (cara sekarang) ...")
    new = Recorded()
    new_cpu = draw_all(decrees, work / "baru", new, runner.Prober)
    old_processes = len(old.drawn) + sum(len(asked) for asked in old.probes)
    new_processes = len(new.drawn) + len([asked for asked in new.probes if asked])
    log("  rincian CPU gambar ...")
    return {
        "CPU gambar per keputusan, cara lama (ms)": old_cpu * 1000 / count,
        "CPU gambar per keputusan, sekarang (ms)": new_cpu * 1000 / count,
        "rasio sekarang/lama": new_cpu / old_cpu if old_cpu else float("nan"),
        "proses dot per keputusan, cara lama": old_processes / count,
        "proses dot per keputusan, sekarang": new_processes / count,
        "gambar sama dengan cara lama": sorted(new.drawn) == sorted(old.drawn),
        "rincian per keputusan": split(new, count),
    }
