"""What changed between two workbooks' decrees, sheet by sheet of the contract, told in Indonesian.

Every sheet of schema.py is compared, every column of it, from the values the validator checked
(``Decree.rows``): a form sheet field by field; a table with an identity (``Sheet.identity``) row by
row, rows matched by those columns and every other column told as "<Kolom> berubah"; any other table
as ordered lists, grouped by every column but the last (Tupoksi per unit and kind, Uraian per part).
Units, processes, parties and kinerja keep their own words for renames, moves and changed codes.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import io
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from enum import Enum
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from . import formatting as fmt
from . import schema
from .atomic import write_new
from .model import Decree, Kinerja, Picture, Process, Step, Unit
from .schema import Kind, Layout, Sheet

NOTHING = "Tidak ada perubahan."
EMPTY = "(kosong)"
TOP_LEVEL = "tingkat teratas"
OUTPUT_SUFFIXES = (".md", ".xlsx")
UNQUOTED = (Kind.INTEGER,)  # numbers (step numbers, Urutan, margins) are shown bare, every other value quoted

Values = Mapping[str, object]  # one row of a sheet: column key -> checked value

# Report sections in the order of the decree, its Lampiran and the SOP: (sheet key, title). A sheet
# added to the contract and not named here still gets a section, under its own name, at the end.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("office", "Kop Surat (Kantor)"),
    ("kop", "Baris Kop (Kop)"),
    ("tata_naskah", "Tata Naskah"),
    ("decree", "Keputusan"),
    ("signer", "Penandatangan"),
    ("menimbang", "Menimbang"),
    ("mengingat", "Mengingat"),
    ("diktum", "Diktum"),
    ("tembusan", "Tembusan"),
    ("regulasi", "Daftar Regulasi (Regulasi)"),
    ("lampiran", "Judul dan Bagian Lampiran (Lampiran)"),
    ("texts", "Uraian Lampiran (Uraian)"),
    ("units", "Susunan Organisasi (Unit)"),
    ("tupoksi", "Tugas Pokok dan Fungsi (Tupoksi)"),
    ("processes", "Proses Bisnis"),
    ("relations", "Pihak Terkait (Peta Relasi)"),
    ("kinerja", "Kinerja dan Indikator"),
    ("indicators", "Indikator Kinerja (Indikator)"),
    ("steps", "Peta Lintas Fungsi dan Langkah SOP (Langkah)"),
    ("sop", "Identitas SOP (SOP)"),
)

# Columns the sheets with their own words tell themselves (added/removed, renamed, moved); their
# other columns are told the generic way.
_OWN_WORDS = {
    "units": ("code", "name", "parent"),
    "processes": ("code", "name", "category", "parent"),
    "kinerja": ("code", "text"),
}
_FIELDS_OF = {"decree": "info", "signer": "signer", "menimbang": "menimbang", "mengingat": "mengingat"}
_OWN_SHEETS = ("units", "processes", "relations", "kinerja", *_FIELDS_OF)


class _Group:
    """A dataclass of change tuples is true when any of them holds something (context fields aside)."""

    def __bool__(self) -> bool:
        return any(bool(getattr(self, f.name)) for f in fields(self) if f.compare)  # type: ignore[arg-type]


@dataclass(frozen=True)
class FieldChange:
    """One value that changed, as staff write it ("" when empty); a number is not quoted."""

    label: str
    old: str
    new: str
    quoted: bool = True


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
class ListGroup:
    """One group of a list sheet: the shown values of its grouping columns (none for a one-column list)."""

    group: tuple[str, ...]
    change: ListChange


@dataclass(frozen=True)
class ColumnChange:
    """One column of a row found in both workbooks; ``row`` is the new one, which names it."""

    row: Values
    change: FieldChange


@dataclass(frozen=True)
class RowChanges(_Group):
    """Rows of a table matched by identity: added (new rows), removed (old rows), changed columns."""

    added: tuple[Values, ...] = ()
    removed: tuple[Values, ...] = ()
    changed: tuple[ColumnChange, ...] = ()


@dataclass(frozen=True)
class SheetChanges(_Group):
    """A sheet compared the generic way: a form's fields, a table's rows, or a list sheet's groups."""

    fields: tuple[FieldChange, ...] = ()
    rows: RowChanges = RowChanges()
    lists: tuple[ListGroup, ...] = ()


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
    columns: tuple[ColumnChange, ...] = ()  # every other column of the Proses sheet


@dataclass(frozen=True)
class UnitChanges(_Group):
    added: tuple[Unit, ...] = ()
    removed: tuple[Unit, ...] = ()
    renamed: tuple[Renamed, ...] = ()
    moved: tuple[ParentMove, ...] = ()
    columns: tuple[ColumnChange, ...] = ()


@dataclass(frozen=True)
class Party:
    """A party of the relationship map with the processes it is tied to."""

    name: str
    processes: tuple[str, ...]


@dataclass(frozen=True)
class PartyChanges(_Group):
    added: tuple[Party, ...] = ()
    removed: tuple[Party, ...] = ()
    rows: RowChanges = RowChanges()  # a known party on another process, its Jenis Pihak


@dataclass(frozen=True)
class KinerjaChanges(_Group):
    added: tuple[Kinerja, ...] = ()
    removed: tuple[Kinerja, ...] = ()
    reworded: tuple[Renamed, ...] = ()
    columns: tuple[ColumnChange, ...] = ()  # Dokumen, Tingkat, Indikator, Induk, Urutan


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
    sheets: Mapping[str, SheetChanges] = field(default_factory=dict)  # every other sheet, non-empty only
    process_names: Mapping[str, str] = field(default_factory=dict, compare=False)  # code key -> name


# --- comparing -------------------------------------------------------------------------------------


def compare(old: Decree, new: Decree) -> Comparison:
    """Changes from ``old`` to ``new``; pure, both decrees already validated."""
    codes = _process_codes(old.processes, new.processes)
    sheets = {}
    for sheet in schema.SHEETS:
        if sheet.key not in _OWN_SHEETS:
            changes = _compare_sheet(sheet, rows_of(old, sheet), rows_of(new, sheet), codes)
            if changes:
                sheets[sheet.key] = changes
    return Comparison(
        info=_form_changes(schema.KEPUTUSAN, rows_of(old, schema.KEPUTUSAN), rows_of(new, schema.KEPUTUSAN)),
        signer=_form_changes(
            schema.PENANDATANGAN, rows_of(old, schema.PENANDATANGAN), rows_of(new, schema.PENANDATANGAN)
        ),
        menimbang=compare_lists(old.menimbang, new.menimbang),
        mengingat=compare_lists(old.mengingat, new.mengingat),
        units=_compare_units(old, new),
        processes=_compare_processes(old, new),
        parties=_compare_parties(old, new, codes),
        kinerja=_compare_kinerja(old, new),
        sheets=sheets,
        process_names=_process_names(old, new),
    )


def _process_names(old: Decree, new: Decree) -> dict[str, str]:
    """Code key -> name, the new decree's processes first and in its order, then the removed ones."""
    names = {_key(p.code): p.name for p in new.processes}
    return names | {_key(p.code): p.name for p in old.processes if _key(p.code) not in names}


def rows_of(decree: Decree, sheet: Sheet) -> tuple[Values, ...]:
    """The sheet's rows as compared; a form sheet is one row, its defaults when the sheet is absent.

    Langkah is read from the model: an empty Berikutnya is the next number and a pelaksana written as
    a unit's name is its code, so only a changed flow or a changed pelaksana is told.
    """
    if sheet is schema.LANGKAH:
        return tuple(_step_row(step) for step in decree.steps)
    rows = tuple(decree.rows.get(sheet.key, ()))
    if sheet.layout is Layout.FORM and not rows:
        return ({c.key: c.default for c in sheet.columns},)
    return rows


def _step_row(step: Step) -> Values:
    return {c.key: getattr(step, c.key) for c in schema.LANGKAH.columns}


def show_value(value: object, kind: Kind) -> str:
    """A checked value as staff would write it: dates in words, Ya/Tidak, NIP grouped; empty as ""."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, dt.date):
        return fmt.format_date(value)
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, Picture):
        sidik = hashlib.sha256(value.data).hexdigest()[:8]
        return f"{value.source} ({value.width} x {value.height} piksel, sidik {sidik})"
    if kind is Kind.NIP:
        return fmt.format_nip(str(value))
    return " / ".join(line.strip() for line in str(value).splitlines() if line.strip())


def _change(column: schema.Column, old: object, new: object) -> FieldChange:
    return FieldChange(
        column.header, show_value(old, column.kind), show_value(new, column.kind), column.kind not in UNQUOTED
    )


def _form_changes(sheet: Sheet, old: Sequence[Values], new: Sequence[Values]) -> tuple[FieldChange, ...]:
    """Fields of a FORM sheet whose value differs."""
    before, after = old[0], new[0]
    return tuple(
        _change(c, before.get(c.key), after.get(c.key))
        for c in sheet.columns
        if before.get(c.key) != after.get(c.key)
    )


def _column_changes(
    sheet: Sheet, pairs: Iterable[tuple[Values, Values]], skip: Collection[str] = ()
) -> tuple[ColumnChange, ...]:
    """Every column but the identity and ``skip`` whose value differs, row pair by row pair."""
    changes = []
    for before, after in pairs:
        for column in sheet.columns:
            if column.key in skip or column.key in sheet.identity:
                continue
            if before.get(column.key) != after.get(column.key):
                changes.append(
                    ColumnChange(after, _change(column, before.get(column.key), after.get(column.key)))
                )
    return tuple(changes)


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _compare_sheet(
    sheet: Sheet, old: Sequence[Values], new: Sequence[Values], codes: Mapping[str, str]
) -> SheetChanges:
    if sheet.layout is Layout.FORM:
        return SheetChanges(fields=_form_changes(sheet, old, new))
    if sheet.identity:
        return SheetChanges(rows=compare_rows(sheet, old, new, codes))
    return SheetChanges(lists=_compare_groups(sheet, old, new))


def compare_rows(
    sheet: Sheet, old: Sequence[Values], new: Sequence[Values], codes: Mapping[str, str] | None = None
) -> RowChanges:
    """Rows matched by the sheet's identity columns (a repeated identity paired in order).

    ``codes`` maps an old process code (key) to its new code, so the rows of a process whose code
    changed still match: an identity column named ``process`` holds a process code.
    """
    codes = codes or {}

    def identity(row: Values, renamed: bool) -> tuple[str, ...]:
        parts = []
        for key in sheet.identity:
            text = _key(_text(row.get(key)))
            if renamed and key == "process":
                text = _key(codes.get(text, text))
            parts.append(text)
        return tuple(parts)

    def keyed(rows: Sequence[Values], renamed: bool) -> dict[tuple[tuple[str, ...], int], Values]:
        seen: Counter[tuple[str, ...]] = Counter()
        out = {}
        for row in rows:
            key = identity(row, renamed)
            out[(key, seen[key])] = row
            seen[key] += 1
        return out

    before, after = keyed(old, True), keyed(new, False)
    return RowChanges(
        added=tuple(row for key, row in after.items() if key not in before),
        removed=tuple(row for key, row in before.items() if key not in after),
        changed=_column_changes(sheet, ((row, after[key]) for key, row in before.items() if key in after)),
    )


def _compare_groups(sheet: Sheet, old: Sequence[Values], new: Sequence[Values]) -> tuple[ListGroup, ...]:
    """A list sheet: the last column's texts compared as a list within each group of the other columns."""
    *grouping, last = sheet.columns

    def grouped(rows: Sequence[Values]) -> dict[tuple[str, ...], tuple[tuple[str, ...], list[str]]]:
        groups: dict[tuple[str, ...], tuple[tuple[str, ...], list[str]]] = {}
        for row in rows:
            shown = tuple(show_value(row.get(c.key), c.kind) for c in grouping)
            text = show_value(row.get(last.key), last.kind)
            groups.setdefault(tuple(_key(v) for v in shown), (shown, []))[1].append(text)
        return groups

    before, after = grouped(old), grouped(new)
    found = []
    for key in [*after, *(k for k in before if k not in after)]:
        shown = (after.get(key) or before[key])[0]
        change = compare_lists(before.get(key, ((), []))[1], after.get(key, ((), []))[1])
        if change:
            found.append(ListGroup(shown, change))
    return tuple(found)


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


def _by_code(decree: Decree, sheet: Sheet) -> dict[str, Values]:
    return {_key(_text(row.get("code"))): row for row in rows_of(decree, sheet)}


def _own_columns(
    sheet: Sheet, old: Decree, new: Decree, pairs: Iterable[tuple[Process | Unit | Kinerja, ...]]
) -> tuple[ColumnChange, ...]:
    """The generic changes of a coded sheet's matched records, past the columns told in own words."""
    before, after = _by_code(old, sheet), _by_code(new, sheet)
    rows = [
        (before[_key(a.code)], after[_key(b.code)])
        for a, b in pairs
        if _key(a.code) in before and _key(b.code) in after
    ]
    return _column_changes(sheet, rows, skip=_OWN_WORDS[sheet.key])


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


def _compare_units(old_decree: Decree, new_decree: Decree) -> UnitChanges:
    old, new = old_decree.units, new_decree.units
    old_by = {_key(u.code): u for u in old}
    new_by = {_key(u.code): u for u in new}
    pairs = [(u, new_by[_key(u.code)]) for u in old if _key(u.code) in new_by]
    code_map = {_key(a.code): b.code for a, b in pairs}
    return UnitChanges(
        added=tuple(u for u in new if _key(u.code) not in old_by),
        removed=tuple(u for u in old if _key(u.code) not in new_by),
        renamed=tuple(Renamed(b.code, a.name, b.name) for a, b in pairs if a.name != b.name),
        moved=_parent_moves(pairs, old_by, new_by, code_map),
        columns=_own_columns(schema.UNIT, old_decree, new_decree, pairs),
    )


def _matched_processes(
    old: Sequence[Process], new: Sequence[Process]
) -> tuple[list[tuple[Process, Process]], list[tuple[Process, Process]]]:
    """(pairs with the same code, pairs whose code changed but whose name is the same)."""
    new_by = {_key(p.code): p for p in new}
    old_keys = {_key(p.code) for p in old}
    pairs = [(p, new_by[_key(p.code)]) for p in old if _key(p.code) in new_by]
    fresh = [p for p in new if _key(p.code) not in old_keys]
    recoded: list[tuple[Process, Process]] = []
    for before in (p for p in old if _key(p.code) not in new_by):
        after = next((p for p in fresh if _key(p.name) == _key(before.name)), None)
        if after is not None:
            fresh.remove(after)
            recoded.append((before, after))
    return pairs, recoded


def _process_codes(old: Sequence[Process], new: Sequence[Process]) -> dict[str, str]:
    """Old code key -> new code, for the processes whose code changed."""
    return {_key(a.code): b.code for a, b in _matched_processes(old, new)[1]}


def _compare_processes(old_decree: Decree, new_decree: Decree) -> ProcessChanges:
    """Processes matched by code; an unmatched pair with the same name is a changed code."""
    old, new = old_decree.processes, new_decree.processes
    old_by = {_key(p.code): p for p in old}
    new_by = {_key(p.code): p for p in new}
    pairs, recoded = _matched_processes(old, new)
    matched = pairs + recoded
    gone = [p for p in old if _key(p.code) not in new_by and all(p is not a for a, _ in recoded)]
    fresh = [p for p in new if _key(p.code) not in old_by and all(p is not b for _, b in recoded)]
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
        columns=_own_columns(schema.PROSES, old_decree, new_decree, matched),
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


def _compare_parties(old: Decree, new: Decree, codes: Mapping[str, str]) -> PartyChanges:
    """Parties new or gone altogether, then the rows of the parties that stay (their processes, kind)."""
    before, after = _parties(old), _parties(new)
    rows = compare_rows(schema.RELASI, rows_of(old, schema.RELASI), rows_of(new, schema.RELASI), codes)

    def staying(row: Values) -> bool:
        key = _key(_text(row.get("party")))
        return key in before and key in after

    return PartyChanges(
        added=tuple(p for k, p in after.items() if k not in before),
        removed=tuple(p for k, p in before.items() if k not in after),
        rows=RowChanges(
            tuple(r for r in rows.added if staying(r)),
            tuple(r for r in rows.removed if staying(r)),
            rows.changed,
        ),
    )


def _compare_kinerja(old_decree: Decree, new_decree: Decree) -> KinerjaChanges:
    old, new = old_decree.kinerja, new_decree.kinerja
    old_by = {_key(k.code): k for k in old}
    new_by = {_key(k.code): k for k in new}
    pairs = [(k, new_by[_key(k.code)]) for k in old if _key(k.code) in new_by]
    return KinerjaChanges(
        added=tuple(k for k in new if _key(k.code) not in old_by),
        removed=tuple(k for k in old if _key(k.code) not in new_by),
        reworded=tuple(Renamed(b.code, a.text, b.text) for a, b in pairs if a.text != b.text),
        columns=_own_columns(schema.KINERJA, old_decree, new_decree, pairs),
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

    def value(self, text: str, quoted: bool = True) -> str:
        """A field value: quoted (a number as is), or the empty marker."""
        if not text:
            return EMPTY
        return self.quote(text) if quoted else self.raw(text)


PLAIN = Style()
MARKDOWN = Style(escape_markdown)


def section_order() -> tuple[tuple[str, str], ...]:
    """(sheet key, title) of every sheet of the contract, in report order."""
    named = {key for key, _ in SECTIONS}
    return SECTIONS + tuple((s.key, s.name) for s in schema.SHEETS if s.key not in named)


def sections(comparison: Comparison, style: Style = PLAIN) -> list[Section]:
    """Non-empty sections in document order."""
    found = (Section(title, _lines(key, comparison, style)) for key, title in section_order())
    return [section for section in found if section.lines]


def _lines(key: str, comparison: Comparison, s: Style) -> tuple[str, ...]:
    own: dict[str, Callable[[], tuple[str, ...]]] = {
        "decree": lambda: _field_lines(comparison.info, s),
        "signer": lambda: _field_lines(comparison.signer, s),
        "menimbang": lambda: _list_lines(comparison.menimbang, s, _position("menimbang")),
        "mengingat": lambda: _list_lines(comparison.mengingat, s, _position("mengingat")),
        "units": lambda: _unit_lines(comparison.units, s),
        "processes": lambda: _process_lines(comparison.processes, s),
        "relations": lambda: _party_lines(comparison.parties, s),
        "kinerja": lambda: _kinerja_lines(comparison.kinerja, s),
    }
    if key in own:
        return own[key]()
    changes = comparison.sheets.get(key)
    if changes is None:
        return ()
    sheet = schema.SHEET_BY_KEY[key]
    if key == "steps":
        return _step_lines(changes.rows, s, comparison.process_names)
    return (
        *_field_lines(changes.fields, s),
        *_row_lines(sheet, changes.rows, s, comparison.process_names),
        *_group_lines(key, changes.lists, s),
    )


def _field_lines(changes: Sequence[FieldChange], s: Style) -> tuple[str, ...]:
    return tuple(
        f"{c.label} berubah: {s.value(c.old, c.quoted)} menjadi {s.value(c.new, c.quoted)}" for c in changes
    )


def _position(key: str) -> Callable[[int], str]:
    """How an item of a list sheet is counted in the printed decree."""
    if key == "menimbang":
        return lambda n: f"butir {fmt.letter_label(n)}"
    if key == "kop":
        return lambda n: f"baris {n}"
    if key == "texts":
        return lambda n: f"paragraf {n}"
    return lambda n: f"nomor {n}."


def _list_lines(change: ListChange, s: Style, where: Callable[[int], str]) -> tuple[str, ...]:
    removed = (f"Dihapus {where(i.position)} (lama): {s.quote(i.text)}" for i in change.removed)
    added = (f"Ditambah {where(i.position)} (baru): {s.quote(i.text)}" for i in change.added)
    return (*removed, *added)


def _group_lines(key: str, groups: Sequence[ListGroup], s: Style) -> tuple[str, ...]:
    """A list sheet's changes, each item named by its group ("U1 Fungsi nomor 2.")."""
    count = _position(key)
    lines: list[str] = []
    for group in groups:
        prefix = "".join(f"{s.raw(value)} " for value in group.group if value)
        lines += _list_lines(group.change, s, lambda n, prefix=prefix: prefix + count(n))
    return tuple(lines)


def _row_lines(sheet: Sheet, changes: RowChanges, s: Style, names: Mapping[str, str]) -> tuple[str, ...]:
    def who(row: Values) -> str:
        return _who(sheet, row, s, names)

    return (
        *(f"Ditambah: {who(r)}{_details(sheet, r, s)}" for r in changes.added),
        *(f"Dihapus: {who(r)}{_details(sheet, r, s)}" for r in changes.removed),
        *(
            f"{c.change.label} berubah: {who(c.row)}: {s.value(c.change.old, c.change.quoted)} menjadi "
            f"{s.value(c.change.new, c.change.quoted)}"
            for c in changes.changed
        ),
    )


def _who(sheet: Sheet, row: Values, s: Style, names: Mapping[str, str]) -> str:
    """How the report names one row of a table with an identity."""
    if sheet is schema.DIKTUM:
        number, item = row.get("number"), _text(row.get("item"))
        ordinal = fmt.diktum_ordinal(int(number)) if isinstance(number, int) and number > 0 else _text(number)
        return f"diktum {ordinal}" + (f" butir {s.raw(item)}." if item else "")
    if sheet is schema.INDIKATOR:
        return f"{s.raw(_text(row.get('kinerja')))} {s.quote(_text(row.get('name')))}"
    if "process" in sheet.identity:
        code = _text(row.get("process"))
        name = names.get(_key(code), "")
        return f"{s.raw(code)} {s.quote(name)}" if name else s.raw(code)
    return " ".join(s.raw(show_value(row.get(k), sheet.column(k).kind)) for k in sheet.identity)


def _details(sheet: Sheet, row: Values, s: Style) -> str:
    """What an added or removed row says beyond its name: a diktum's text, an indicator's measures."""
    if sheet is schema.DIKTUM:
        return f": {s.quote(_text(row.get('text')))}"
    shown = ("number",) if sheet is schema.SOP else tuple(c.key for c in sheet.columns)
    parts = []
    for column in sheet.columns:
        if column.key not in shown or column.key in sheet.identity or column.key == "name":
            continue
        text = show_value(row.get(column.key), column.kind)
        if text:
            parts.append(f"{column.header} {s.value(text, column.kind not in UNQUOTED)}")
    return f" ({', '.join(parts)})" if parts else ""


def _step_lines(changes: RowChanges, s: Style, names: Mapping[str, str]) -> tuple[str, ...]:
    """Langkah grouped by process (in the new decree's order), then by step number."""
    order = {key: index for index, key in enumerate(names)}
    entries: list[tuple[int, int, int, str]] = []

    def who(row: Values) -> str:
        code = _text(row.get("process"))
        name = names.get(_key(code), "")
        named = f"{s.raw(code)} {s.quote(name)}" if name else s.raw(code)
        return f"{named} langkah {row.get('number')}"

    def entry(row: Values, rank: int, line: str) -> None:
        number = row.get("number")
        entries.append((order.get(_key(_text(row.get("process"))), len(order)), int(number or 0), rank, line))

    def step(row: Values) -> str:
        kind = show_value(row.get("kind"), Kind.CHOICE)
        return (
            f"({kind}, pelaksana {s.raw(_text(row.get('pelaksana')))}): {s.quote(_text(row.get('activity')))}"
        )

    for row in changes.removed:
        entry(row, 0, f"{who(row)} dihapus {step(row)}")
    for row in changes.added:
        entry(row, 1, f"{who(row)} ditambah {step(row)}")
    for change in changes.changed:
        c = change.change
        entry(
            change.row,
            2,
            f"{who(change.row)}: {c.label} {s.value(c.old, c.quoted)} menjadi {s.value(c.new, c.quoted)}",
        )
    return tuple(line for *_, line in sorted(entries, key=lambda e: e[:3]))


def _named(ref: Ref | None, s: Style) -> str:
    if ref is None:
        return TOP_LEVEL
    return f"{s.raw(ref.code)} {s.quote(ref.name)}" if ref.name else s.raw(ref.code)


def _parent_lines(moves: Sequence[ParentMove], s: Style) -> list[str]:
    return [f"Pindah induk: {_named(m.item, s)} dari {_named(m.old, s)} ke {_named(m.new, s)}" for m in moves]


def _under(parent: str | None, s: Style) -> str:
    return f"induk {s.raw(parent)}" if parent else TOP_LEVEL


def _column_lines(changes: Sequence[ColumnChange], name_key: str, s: Style) -> tuple[str, ...]:
    """'Keluaran berubah: P.1 "Proses Umum": "a" menjadi "b"' for a coded sheet's other columns."""
    return tuple(
        f"{c.change.label} berubah: {s.raw(_text(c.row.get('code')))} {s.quote(_text(c.row.get(name_key)))}: "
        f"{s.value(c.change.old, c.change.quoted)} menjadi {s.value(c.change.new, c.change.quoted)}"
        for c in changes
    )


def _unit_lines(changes: UnitChanges, s: Style) -> tuple[str, ...]:
    return (
        *(f"Ditambah: {s.raw(u.code)} {s.quote(u.name)} ({_under(u.parent, s)})" for u in changes.added),
        *(f"Dihapus: {s.raw(u.code)} {s.quote(u.name)}" for u in changes.removed),
        *(
            f"Nama berubah: {s.raw(r.code)} {s.quote(r.old)} menjadi {s.quote(r.new)}"
            for r in changes.renamed
        ),
        *_parent_lines(changes.moved, s),
        *_column_lines(changes.columns, "name", s),
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
        *_column_lines(changes.columns, "name", s),
    )


def _party_lines(changes: PartyChanges, s: Style) -> tuple[str, ...]:
    def on(party: Party) -> str:
        codes = ", ".join(s.raw(code) for code in party.processes)
        return f" (pada proses {codes})" if codes else ""

    def party(row: Values) -> str:
        return s.quote(_text(row.get("party")))

    def process(row: Values) -> str:
        return s.raw(_text(row.get("process")))

    rows = changes.rows
    return (
        *(f"Ditambah: {s.quote(p.name)}{on(p)}" for p in changes.added),
        *(f"Dihapus: {s.quote(p.name)}{on(p)}" for p in changes.removed),
        *(f"Ditambah pada proses {process(r)}: {party(r)}" for r in rows.added),
        *(f"Dihapus dari proses {process(r)}: {party(r)}" for r in rows.removed),
        *(
            f"{c.change.label} berubah: {party(c.row)} pada proses {process(c.row)}: "
            f"{s.value(c.change.old, c.change.quoted)} menjadi {s.value(c.change.new, c.change.quoted)}"
            for c in rows.changed
        ),
    )


def _kinerja_lines(changes: KinerjaChanges, s: Style) -> tuple[str, ...]:
    return (
        *(f"Ditambah: {s.raw(k.code)} {k.level} {s.quote(k.text)}" for k in changes.added),
        *(f"Dihapus: {s.raw(k.code)} {k.level} {s.quote(k.text)}" for k in changes.removed),
        *(
            f"Uraian berubah: {s.raw(r.code)} {s.quote(r.old)} menjadi {s.quote(r.new)}"
            for r in changes.reworded
        ),
        *_column_lines(changes.columns, "text", s),
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
