"""What changed between two workbooks' decrees, grouped by section and told in Indonesian."""

from __future__ import annotations

import datetime as dt
import difflib
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from enum import Enum
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from . import formatting as fmt
from . import schema
from .atomic import write_new
from .model import Decree, Kinerja, Process, Unit
from .schema import Kind, Sheet

NOTHING = "Tidak ada perubahan."
EMPTY = "(kosong)"
TOP_LEVEL = "tingkat teratas"
OUTPUT_SUFFIXES = (".md", ".xlsx")


class _Group:
    """A dataclass of change tuples is true when any of them holds something."""

    def __bool__(self) -> bool:
        return any(bool(getattr(self, f.name)) for f in fields(self))  # type: ignore[arg-type]


@dataclass(frozen=True)
class FieldChange:
    """One form field whose value changed; values as staff write them, "" when empty."""

    label: str
    old: str
    new: str


@dataclass(frozen=True)
class Item:
    """One item of an ordered text list, with its 1-based position."""

    position: int
    text: str


@dataclass(frozen=True)
class ListChange(_Group):
    """Items added to (positions in the new list) and removed from (positions in the old list)."""

    added: tuple[Item, ...] = ()
    removed: tuple[Item, ...] = ()


@dataclass(frozen=True)
class Ref:
    """A process or unit named by code and name."""

    code: str
    name: str


@dataclass(frozen=True)
class Renamed:
    code: str
    old: str
    new: str


@dataclass(frozen=True)
class Recoded:
    old: str
    new: str
    name: str


@dataclass(frozen=True)
class CategoryMove:
    item: Ref
    old: str
    new: str


@dataclass(frozen=True)
class ParentMove:
    item: Ref
    old: Ref | None
    new: Ref | None


@dataclass(frozen=True)
class ProcessChanges(_Group):
    added: tuple[Process, ...] = ()
    removed: tuple[Process, ...] = ()
    renamed: tuple[Renamed, ...] = ()
    recoded: tuple[Recoded, ...] = ()
    recategorized: tuple[CategoryMove, ...] = ()
    moved: tuple[ParentMove, ...] = ()


@dataclass(frozen=True)
class UnitChanges(_Group):
    added: tuple[Unit, ...] = ()
    removed: tuple[Unit, ...] = ()
    renamed: tuple[Renamed, ...] = ()
    moved: tuple[ParentMove, ...] = ()


@dataclass(frozen=True)
class Party:
    """A party of the relationship map with the processes it is tied to."""

    name: str
    processes: tuple[str, ...]


@dataclass(frozen=True)
class PartyChanges(_Group):
    added: tuple[Party, ...] = ()
    removed: tuple[Party, ...] = ()


@dataclass(frozen=True)
class IndicatorChange:
    code: str
    text: str
    old: str
    new: str


@dataclass(frozen=True)
class KinerjaChanges(_Group):
    added: tuple[Kinerja, ...] = ()
    removed: tuple[Kinerja, ...] = ()
    reworded: tuple[Renamed, ...] = ()
    indicators: tuple[IndicatorChange, ...] = ()


@dataclass(frozen=True)
class Comparison(_Group):
    """Every change from the old decree to the new one, by section."""

    info: tuple[FieldChange, ...] = ()
    signer: tuple[FieldChange, ...] = ()
    menimbang: ListChange = ListChange()
    mengingat: ListChange = ListChange()
    units: UnitChanges = UnitChanges()
    processes: ProcessChanges = ProcessChanges()
    parties: PartyChanges = PartyChanges()
    kinerja: KinerjaChanges = KinerjaChanges()


# --- comparing -------------------------------------------------------------------------------------


def compare(old: Decree, new: Decree) -> Comparison:
    """Changes from ``old`` to ``new``; pure, both decrees already validated."""
    return Comparison(
        info=_form_changes(schema.KEPUTUSAN, old.info, new.info),
        signer=_form_changes(schema.PENANDATANGAN, old.signer, new.signer),
        menimbang=compare_lists(old.menimbang, new.menimbang),
        mengingat=compare_lists(old.mengingat, new.mengingat),
        units=_compare_units(old.units, new.units),
        processes=_compare_processes(old.processes, new.processes),
        parties=_compare_parties(old, new),
        kinerja=_compare_kinerja(old.kinerja, new.kinerja),
    )


def show_value(value: object, kind: Kind) -> str:
    """A model value as staff would write it: dates in words, Ya/Tidak, NIP grouped; empty as ""."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, dt.date):
        return fmt.format_date(value)
    if isinstance(value, Enum):
        return str(value.value)
    if kind is Kind.NIP:
        return fmt.format_nip(str(value))
    return str(value)


def _form_changes(sheet: Sheet, old: object, new: object) -> tuple[FieldChange, ...]:
    """Fields of a FORM sheet whose model attribute (named by the column key) differs."""
    changes = []
    for column in sheet.columns:
        before, after = getattr(old, column.key), getattr(new, column.key)
        if before != after:
            changes.append(
                FieldChange(column.header, show_value(before, column.kind), show_value(after, column.kind))
            )
    return tuple(changes)


def compare_lists(old: Sequence[str], new: Sequence[str]) -> ListChange:
    """Ordered text lists compared with difflib: a changed item is one removed and one added."""
    added: list[Item] = []
    removed: list[Item] = []
    matcher = difflib.SequenceMatcher(a=list(old), b=list(new), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("delete", "replace"):
            removed.extend(Item(i + 1, old[i]) for i in range(i1, i2))
        if tag in ("insert", "replace"):
            added.extend(Item(j + 1, new[j]) for j in range(j1, j2))
    return ListChange(tuple(added), tuple(removed))


def _key(text: str) -> str:
    """Identity of a code or name: case- and spacing-insensitive."""
    return " ".join(text.split()).casefold()


def _parent_moves(
    pairs: Iterable[tuple[Process | Unit, Process | Unit]],
    old_by: Mapping[str, Process | Unit],
    new_by: Mapping[str, Process | Unit],
    code_map: Mapping[str, str],
) -> tuple[ParentMove, ...]:
    """Items whose parent is another item, a renamed parent code not counting as a move."""
    moves = []
    for before, after in pairs:
        old_parent = None if before.parent is None else code_map.get(_key(before.parent), before.parent)
        if _key(old_parent or "") == _key(after.parent or ""):
            continue
        moves.append(
            ParentMove(
                Ref(after.code, after.name),
                _ref(old_by, before.parent),
                _ref(new_by, after.parent),
            )
        )
    return tuple(moves)


def _ref(by_code: Mapping[str, Process | Unit], code: str | None) -> Ref | None:
    if code is None:
        return None
    item = by_code.get(_key(code))
    return Ref(code, item.name if item else "")


def _compare_units(old: Sequence[Unit], new: Sequence[Unit]) -> UnitChanges:
    old_by = {_key(u.code): u for u in old}
    new_by = {_key(u.code): u for u in new}
    pairs = [(u, new_by[_key(u.code)]) for u in old if _key(u.code) in new_by]
    code_map = {_key(a.code): b.code for a, b in pairs}
    return UnitChanges(
        added=tuple(u for u in new if _key(u.code) not in old_by),
        removed=tuple(u for u in old if _key(u.code) not in new_by),
        renamed=tuple(Renamed(b.code, a.name, b.name) for a, b in pairs if a.name != b.name),
        moved=_parent_moves(pairs, old_by, new_by, code_map),
    )


def _compare_processes(old: Sequence[Process], new: Sequence[Process]) -> ProcessChanges:
    """Processes matched by code; an unmatched pair with the same name is a changed code."""
    old_by = {_key(p.code): p for p in old}
    new_by = {_key(p.code): p for p in new}
    pairs = [(p, new_by[_key(p.code)]) for p in old if _key(p.code) in new_by]
    gone = [p for p in old if _key(p.code) not in new_by]
    fresh = [p for p in new if _key(p.code) not in old_by]
    recoded: list[tuple[Process, Process]] = []
    for before in gone:
        after = next((p for p in fresh if _key(p.name) == _key(before.name)), None)
        if after is not None:
            fresh.remove(after)
            recoded.append((before, after))
    gone = [p for p in gone if all(p is not a for a, _ in recoded)]
    matched = pairs + recoded
    code_map = {_key(a.code): b.code for a, b in matched}
    return ProcessChanges(
        added=tuple(fresh),
        removed=tuple(gone),
        renamed=tuple(Renamed(b.code, a.name, b.name) for a, b in pairs if a.name != b.name),
        recoded=tuple(Recoded(a.code, b.code, b.name) for a, b in recoded),
        recategorized=tuple(
            CategoryMove(Ref(b.code, b.name), a.category.value, b.category.value)
            for a, b in matched
            if a.category is not b.category
        ),
        moved=_parent_moves(matched, old_by, new_by, code_map),
    )


def _parties(decree: Decree) -> dict[str, Party]:
    """Party key -> party as first written, with the codes of its processes in order."""
    names: dict[str, str] = {}
    codes: dict[str, list[str]] = {}
    for relation in decree.relations:
        key = _key(relation.party)
        names.setdefault(key, relation.party)
        if relation.process not in codes.setdefault(key, []):
            codes[key].append(relation.process)
    return {key: Party(names[key], tuple(codes[key])) for key in names}


def _compare_parties(old: Decree, new: Decree) -> PartyChanges:
    before, after = _parties(old), _parties(new)
    return PartyChanges(
        added=tuple(p for k, p in after.items() if k not in before),
        removed=tuple(p for k, p in before.items() if k not in after),
    )


def _compare_kinerja(old: Sequence[Kinerja], new: Sequence[Kinerja]) -> KinerjaChanges:
    old_by = {_key(k.code): k for k in old}
    new_by = {_key(k.code): k for k in new}
    pairs = [(k, new_by[_key(k.code)]) for k in old if _key(k.code) in new_by]
    return KinerjaChanges(
        added=tuple(k for k in new if _key(k.code) not in old_by),
        removed=tuple(k for k in old if _key(k.code) not in new_by),
        reworded=tuple(Renamed(b.code, a.text, b.text) for a, b in pairs if a.text != b.text),
        indicators=tuple(
            IndicatorChange(b.code, b.text, _indicator_text(a), _indicator_text(b))
            for a, b in pairs
            if a.measures != b.measures
        ),
    )


def _indicator_text(box: Kinerja) -> str:
    """Every indicator of a box as staff would read them: "A (target 80 %); B"."""
    return "; ".join(
        f"{m.name} (target {m.target})" if m.target.strip() else m.name for m in box.measures
    )


# --- telling ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    """One section of the report: a heading and its lines."""

    title: str
    lines: tuple[str, ...]


def escape_markdown(text: str) -> str:
    """Text that Markdown prints as written (no emphasis, links or HTML), on one line."""
    for char in "\\`*_[]<>|#":
        text = text.replace(char, "\\" + char)
    return " ".join(text.split())


@dataclass(frozen=True)
class Style:
    """How workbook text is shown: ``raw`` for codes, ``quote`` for names and texts."""

    escape: Callable[[str], str] = str

    def raw(self, text: str) -> str:
        return self.escape(text)

    def quote(self, text: str) -> str:
        return f'"{self.escape(text)}"'

    def value(self, text: str) -> str:
        """A field value: quoted, or the empty marker as is."""
        return self.quote(text) if text else EMPTY


PLAIN = Style()
MARKDOWN = Style(escape_markdown)


def sections(comparison: Comparison, style: Style = PLAIN) -> list[Section]:
    """Non-empty sections in document order."""
    found = [
        Section("Keputusan", _field_lines(comparison.info, style)),
        Section("Penandatangan", _field_lines(comparison.signer, style)),
        Section(
            "Menimbang", _list_lines(comparison.menimbang, style, lambda n: f"butir {fmt.letter_label(n)}")
        ),
        Section("Mengingat", _list_lines(comparison.mengingat, style, lambda n: f"nomor {n}.")),
        Section("Susunan Organisasi (Unit)", _unit_lines(comparison.units, style)),
        Section("Proses Bisnis", _process_lines(comparison.processes, style)),
        Section("Pihak Terkait (Peta Relasi)", _party_lines(comparison.parties, style)),
        Section("Kinerja dan Indikator", _kinerja_lines(comparison.kinerja, style)),
    ]
    return [section for section in found if section.lines]


def _field_lines(changes: Sequence[FieldChange], s: Style) -> tuple[str, ...]:
    return tuple(f"{c.label} berubah: {s.value(c.old)} menjadi {s.value(c.new)}" for c in changes)


def _list_lines(change: ListChange, s: Style, where: Callable[[int], str]) -> tuple[str, ...]:
    removed = (f"Dihapus {where(i.position)} (lama): {s.quote(i.text)}" for i in change.removed)
    added = (f"Ditambah {where(i.position)} (baru): {s.quote(i.text)}" for i in change.added)
    return (*removed, *added)


def _named(ref: Ref | None, s: Style) -> str:
    if ref is None:
        return TOP_LEVEL
    return f"{s.raw(ref.code)} {s.quote(ref.name)}" if ref.name else s.raw(ref.code)


def _parent_lines(moves: Sequence[ParentMove], s: Style) -> list[str]:
    return [f"Pindah induk: {_named(m.item, s)} dari {_named(m.old, s)} ke {_named(m.new, s)}" for m in moves]


def _under(parent: str | None, s: Style) -> str:
    return f"induk {s.raw(parent)}" if parent else TOP_LEVEL


def _unit_lines(changes: UnitChanges, s: Style) -> tuple[str, ...]:
    return (
        *(f"Ditambah: {s.raw(u.code)} {s.quote(u.name)} ({_under(u.parent, s)})" for u in changes.added),
        *(f"Dihapus: {s.raw(u.code)} {s.quote(u.name)}" for u in changes.removed),
        *(
            f"Nama berubah: {s.raw(r.code)} {s.quote(r.old)} menjadi {s.quote(r.new)}"
            for r in changes.renamed
        ),
        *_parent_lines(changes.moved, s),
    )


def _process_lines(changes: ProcessChanges, s: Style) -> tuple[str, ...]:
    return (
        *(
            f"Ditambah: {s.raw(p.code)} {s.quote(p.name)} ({p.category.title}, {_under(p.parent, s)})"
            for p in changes.added
        ),
        *(f"Dihapus: {s.raw(p.code)} {s.quote(p.name)} ({p.category.title})" for p in changes.removed),
        *(
            f"Nama berubah: {s.raw(r.code)} {s.quote(r.old)} menjadi {s.quote(r.new)}"
            for r in changes.renamed
        ),
        *(
            f"Kode berubah: {s.raw(r.old)} menjadi {s.raw(r.new)} ({s.quote(r.name)})"
            for r in changes.recoded
        ),
        *(
            f"Pindah kategori: {_named(m.item, s)} dari Proses {m.old} ke Proses {m.new}"
            for m in changes.recategorized
        ),
        *_parent_lines(changes.moved, s),
    )


def _party_lines(changes: PartyChanges, s: Style) -> tuple[str, ...]:
    def on(party: Party) -> str:
        codes = ", ".join(s.raw(code) for code in party.processes)
        return f" (pada proses {codes})" if codes else ""

    return (
        *(f"Ditambah: {s.quote(p.name)}{on(p)}" for p in changes.added),
        *(f"Dihapus: {s.quote(p.name)}{on(p)}" for p in changes.removed),
    )


def _kinerja_lines(changes: KinerjaChanges, s: Style) -> tuple[str, ...]:
    return (
        *(f"Ditambah: {s.raw(k.code)} {k.level} {s.quote(k.text)}" for k in changes.added),
        *(f"Dihapus: {s.raw(k.code)} {k.level} {s.quote(k.text)}" for k in changes.removed),
        *(
            f"Uraian berubah: {s.raw(r.code)} {s.quote(r.old)} menjadi {s.quote(r.new)}"
            for r in changes.reworded
        ),
        *(
            f"Indikator berubah: {s.raw(c.code)} {s.quote(c.text)}: {s.value(c.old)} menjadi {s.value(c.new)}"
            for c in changes.indicators
        ),
    )


def describe(name: str, decree: Decree) -> str:
    """ "sale-2020.xlsx (Kecamatan Sale, tahun 2020)"."""
    return f"{name} ({decree.kecamatan_title}, tahun {decree.info.year})"


def format_text(comparison: Comparison, old_label: str, new_label: str) -> str:
    """The report for the terminal."""
    lines = ["Perbandingan buku kerja Keputusan Camat", f"Lama: {old_label}", f"Baru: {new_label}", ""]
    found = sections(comparison)
    if not found:
        lines.append(NOTHING)
    for section in found:
        lines.append(section.title)
        lines.extend(f"  - {line}" for line in section.lines)
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def format_markdown(comparison: Comparison, old_label: str, new_label: str) -> str:
    """The report as Markdown, to attach to a memo."""
    lines = [
        "# Perbandingan Buku Kerja Keputusan Camat",
        "",
        f"- Lama: {escape_markdown(old_label)}",
        f"- Baru: {escape_markdown(new_label)}",
        "",
    ]
    found = sections(comparison, MARKDOWN)
    if not found:
        lines += [NOTHING, ""]
    for section in found:
        lines += [f"## {section.title}", "", *(f"- {line}" for line in section.lines), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def xlsx_bytes(comparison: Comparison, old_label: str, new_label: str) -> bytes:
    """The report as a one-sheet workbook: Bagian | Perubahan."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Perbandingan"
    sheet.append(["Perbandingan buku kerja Keputusan Camat"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(["Lama", old_label])
    sheet.append(["Baru", new_label])
    sheet.append([])
    sheet.append(["Bagian", "Perubahan"])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    found = sections(comparison)
    if not found:
        sheet.append(["", NOTHING])
    for section in found:
        for line in section.lines:
            sheet.append([section.title, line])
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 110
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # text, never a formula
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write_report(
    path: Path, comparison: Comparison, old_label: str, new_label: str, *, overwrite: bool = False
) -> None:
    """Write the report as .md or .xlsx, atomically; an existing file only with ``overwrite``.

    Raises atomic.TargetExists / TargetIsFolder (Indonesian) or OSError.
    """
    if path.suffix.lower() == ".md":
        data = format_markdown(comparison, old_label, new_label).encode("utf-8")
    else:
        data = xlsx_bytes(comparison, old_label, new_label)
    write_new(path, data, overwrite=overwrite)
