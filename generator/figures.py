"""The Lampiran's figures in document order, with their numbers and captions.

One plan serves the diagrams (what to draw), the narrative ("Pada Gambar 3.1. dapat dilihat ...") and the
document context (where each picture stands), so numbering cannot drift between them.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Category, Decree, KinerjaSource, Process
from .steps import processes_with_steps

ORGANISASI = "organisasi"
KETERKAITAN = "keterkaitan"
PETA = "peta"
RELASI = "relasi"
CASCADING = "cascading"
CATEGORY_PREFIX = "kategori:"
PROCESS_PREFIX = "proses:"
LINTAS_PREFIX = "lintas:"

CATEGORY_HEADINGS = {
    Category.MANAJERIAL: "Proses Bisnis Manajemen",
    Category.UTAMA: "Proses Bisnis Inti",
    Category.PENDUKUNG: "Proses Bisnis Pendukung",
    Category.LAINNYA: "Proses Bisnis Lainnya",
}


@dataclass(frozen=True)
class Figure:
    key: str  # "peta", "proses:P.1", ...
    label: str  # "Gambar 3.1."
    caption: str  # "Peta Proses Bisnis Kecamatan Tempursari"


def process_key(code: str) -> str:
    return PROCESS_PREFIX + code


def category_key(category: Category) -> str:
    return CATEGORY_PREFIX + category.value


def lintas_key(code: str) -> str:
    """Figure key of the Peta Lintas Fungsi of one process with steps."""
    return LINTAS_PREFIX + code


def keterkaitan_caption(kecamatan_title: str) -> str:
    """ "Keterkaitan RPJMD dengan Renstra Kecamatan Sale"; in capitals it is the section's default title."""
    return f"Keterkaitan RPJMD dengan Renstra {kecamatan_title}"


def cascading_caption(kecamatan_title: str) -> str:
    """ "Cascading Kinerja Kecamatan Sale" (also the section's default title)."""
    return f"Cascading Kinerja {kecamatan_title}"


def lintas_caption(process: Process) -> str:
    return f"Peta Lintas Fungsi {process.code}. {process.name}"


def _walk_with_children(decree: Decree, parent: str | None) -> list[Process]:
    """Processes that have children, depth first in print order: the sections C of the Lampiran.

    Iterative (an explicit stack), so no hierarchy depth can exhaust Python's recursion limit."""
    found: list[Process] = []
    stack = list(reversed(decree.children(parent)))
    while stack:
        process = stack.pop()
        children = decree.children(process.code)
        if children:
            found.append(process)
            stack.extend(reversed(children))
    return found


def processes_with_children(decree: Decree) -> list[Process]:
    return _walk_with_children(decree, None)


def plan_figures(decree: Decree) -> list[Figure]:
    """Every figure the Lampiran shows, in the order the template places them."""
    kecamatan = decree.kecamatan_title
    entries: list[tuple[str, str]] = []
    if decree.units and decree.lampiran.organisation:
        entries.append((ORGANISASI, f"Bagan Susunan Organisasi {kecamatan}"))
    if _has_keterkaitan(decree):
        entries.append((KETERKAITAN, keterkaitan_caption(kecamatan)))
    if decree.processes:
        entries.append((PETA, f"Peta Proses Bisnis {kecamatan}"))
        if decree.lampiran.narrative:
            if decree.relations:
                entries.append((RELASI, f"Peta Relasi {kecamatan}"))
            for process in processes_with_children(decree):
                entries.append((process_key(process.code), f"{process.code}. {process.name}"))
        else:
            for category in Category:
                if any(p.category is category and p.parent is None for p in decree.processes):
                    entries.append((category_key(category), f"{CATEGORY_HEADINGS[category]} {kecamatan}"))
        for process in processes_with_steps(decree):
            entries.append((lintas_key(process.code), lintas_caption(process)))
    if decree.kinerja:
        entries.append((CASCADING, cascading_caption(kecamatan)))
    chapter = decree.lampiran.figure_chapter.strip().rstrip(".")
    prefix = f"{chapter}." if chapter else ""
    return [
        Figure(key, f"Gambar {prefix}{number}.", caption)
        for number, (key, caption) in enumerate(entries, start=1)
    ]


def _has_keterkaitan(decree: Decree) -> bool:
    sources = {k.source for k in decree.kinerja}
    return {KinerjaSource.RPJMD, KinerjaSource.RENSTRA} <= sources


def labels(figures: list[Figure]) -> dict[str, str]:
    """Figure key -> "Gambar 3.1." for prose that refers to figures."""
    return {f.key: f.label for f in figures}
