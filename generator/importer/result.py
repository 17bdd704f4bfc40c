"""What an import gives back: the workbook's bytes, the paragraphs it could not place and the cells it
filled with doubt, each said in Indonesian; the same lists go into the workbook's Petunjuk."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..blank import write_blank
from .blocks import Block, Line, Printed
from .draft import Draft, cell_of

FIRST_WORDS = 12
FIRST_CHARS = 90


@dataclass(frozen=True)
class Unplaced:
    """A paragraph of the document that no part of the workbook took."""

    page: int
    paragraph: int
    words: str  # its first words
    estimated: bool = False  # the page was counted from breaks, not from Word's own layout

    def __str__(self) -> str:
        page = f"sekitar halaman {self.page}" if self.estimated else f"halaman {self.page}"
        return f"{page}, paragraf {self.paragraph}: {self.words}"


@dataclass(frozen=True)
class CellWarning:
    """A cell filled with less than certainty, and why."""

    sheet: str  # sheet name in the workbook
    cell: str  # "B4"
    reason: str

    @property
    def where(self) -> str:
        return f"{self.sheet}!{self.cell}"

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


@dataclass(frozen=True)
class Logo:
    """The kop's picture: the file name the workbook's Logo cell gives it (or suggests), and its bytes."""

    name: str
    data: bytes


@dataclass(frozen=True)
class ImportResult:
    workbook: bytes  # the .xlsx of the contract, ready to save
    rows: dict[str, list[dict[str, object]]]  # what it holds, by schema sheet and column keys
    unplaced: tuple[Unplaced, ...]
    warnings: tuple[CellWarning, ...]
    pages_estimated: bool
    logo: Logo | None = None  # save it beside the workbook under its name when the Logo cell names it


def first_words(text: str) -> str:
    words = " ".join(text.split()[:FIRST_WORDS])
    if len(words) > FIRST_CHARS:
        words = words[: FIRST_CHARS - 3].rstrip() + "..."
    elif len(text.split()) > FIRST_WORDS:
        words += " ..."
    return f"«{words}»"


def unplaced_blocks(printed: Printed, draft: Draft) -> list[Unplaced]:
    """Every paragraph with text that was not placed, once per paragraph, in document order."""
    found: list[Unplaced] = []
    seen: set[int] = set()
    for block in printed.blocks:
        if block.index in draft.placed or _blank(block) or block.paragraph in seen:
            continue
        seen.add(block.paragraph)
        found.append(Unplaced(block.page, block.paragraph, first_words(block.text), not printed.pages_known))
    return found


def _blank(block: Block) -> bool:
    return block.blank if isinstance(block, Line) else not block.text.strip()


def warnings_of(draft: Draft) -> list[CellWarning]:
    return [CellWarning(*cell_of(doubt), doubt.reason) for doubt in draft.doubts]


def petunjuk_note(source: str, unplaced: list[Unplaced], warnings: list[CellWarning]) -> str:
    """The Petunjuk's "Sumber data" lines: where the data came from and what to check."""
    lines = [f"Buku kerja ini diisi dari dokumen {source} oleh perintah keputusan impor."]
    if unplaced:
        lines.append(
            f"{len(unplaced)} paragraf dokumen tidak ditempatkan di lembar mana pun; periksa dan salin "
            "sendiri bila perlu:"
        )
        lines += [f"Tidak ditempatkan: {item}" for item in unplaced]
    else:
        lines.append("Semua paragraf dokumen ditempatkan.")
    if warnings:
        lines.append(f"{len(warnings)} isian diisi dengan dugaan; periksa sel berikut:")
        lines += [f"Periksa {warning}" for warning in warnings]
    lines.append("Jalankan keputusan periksa pada buku kerja ini sebelum keputusan buat.")
    return "\n".join(lines)


def workbook_bytes(rows: dict[str, list[dict[str, object]]], note: str) -> bytes:
    """The workbook written through the contract's own writer, as bytes."""
    with tempfile.TemporaryDirectory(prefix="keputusan-impor-") as work:
        path = Path(work) / "impor.xlsx"
        write_blank(path, rows, source_note=note)
        return path.read_bytes()
