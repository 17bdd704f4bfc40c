"""Check raw workbook cells against the schema and each other, and build the Decree when nothing is wrong."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from openpyxl.utils.datetime import from_excel
from openpyxl.utils.escape import unescape

from . import formatting as fmt
from .model import (
    Category,
    Decree,
    DecreeInfo,
    Diktum,
    Kinerja,
    KinerjaSource,
    LampiranText,
    Office,
    Paper,
    PartyKind,
    Process,
    Relation,
    Signer,
    Tupoksi,
    Unit,
)
from .problems import Problems
from .reader import Cell, RawWorkbook, closest
from .schema import SECTIONS, SHEET_BY_KEY, Column, Kind, Layout

YEAR_RANGE = (1945, 2100)
TRUE_WORDS = {"ya", "y", "yes", "benar", "true", "1", "v", "✓"}
FALSE_WORDS = {"tidak", "t", "no", "n", "bukan", "salah", "false", "0", "-"}
IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg"}


@dataclass(frozen=True)
class Value:
    """A converted cell value with the cell it came from, for later cross-sheet messages."""

    value: object
    cell: Cell | None


Record = dict[str, Value]


class _Checker:
    """Converts and checks one workbook, collecting every problem instead of stopping at the first."""

    def __init__(self, raw: RawWorkbook) -> None:
        self.raw = raw
        self.problems = raw.problems
        self.base_dir = raw.path.parent

    # --- per cell -------------------------------------------------------------------------------

    def title(self, key: str) -> str:
        sheet = self.raw.sheets.get(key)
        return sheet.title if sheet else SHEET_BY_KEY[key].name

    def records(self, key: str) -> list[Record]:
        raw_sheet = self.raw.sheets.get(key)
        if raw_sheet is None:
            return []
        sheet = raw_sheet.sheet
        records = [
            {c.key: self.convert(key, c, row.cells.get(c.key)) for c in sheet.columns}
            for row in raw_sheet.rows
        ]
        if sheet.layout is Layout.TABLE and len(records) < sheet.min_rows:
            self.problems.error(
                f"Lembar {raw_sheet.title} kosong; isi sedikitnya {sheet.min_rows} baris.",
                sheet=raw_sheet.title,
            )
        return records

    def form(self, key: str) -> Record:
        records = self.records(key)
        if records:
            return records[0]
        return {c.key: Value(c.default, None) for c in SHEET_BY_KEY[key].columns}

    def convert(self, key: str, column: Column, cell: Cell | None) -> Value:
        sheet = self.title(key)
        if cell is None:
            return Value(column.default, None)
        if cell.uncached_formula:
            self.problems.error(
                f'Sel "{column.header}" berisi rumus yang belum pernah dihitung; buka buku kerja di '
                "Excel, simpan ulang, atau ganti rumus dengan nilainya.",
                sheet=sheet,
                cell=cell.ref,
            )
            return Value(column.default, cell)
        value = cell.value
        if isinstance(value, str):
            if "_x" in value:
                value = unescape(value)  # Excel stores control characters as _xHHHH_
            bad = fmt.invalid_xml_chars(value)
            if bad:
                self.problems.error(
                    f'Sel "{column.header}" berisi karakter yang tidak dapat disimpan Word '
                    f"({', '.join(bad)}); hapus karakter tersebut.",
                    sheet=sheet,
                    cell=cell.ref,
                )
                return Value(column.default, cell)
            value = _verbatim(value) if column.verbatim else fmt.clean_text(value)
            if value == "":
                value = None
        if value is None:
            if column.required:
                self.problems.error(f'"{column.header}" wajib diisi.', sheet=sheet, cell=cell.ref)
            elif column.recommended:
                self.problems.warning(
                    f'"{column.header}" belum diisi; dokumen mencetak tempat kosong untuk diisi kemudian.',
                    sheet=sheet,
                    cell=cell.ref,
                )
            return Value(column.default, cell)
        converter = CONVERTERS[column.kind]
        converted, expected = converter(self, value, column)
        if expected:
            self.problems.error(
                f'"{column.header}" tidak sah: {expected}', sheet=sheet, cell=cell.ref, value=value
            )
            return Value(column.default, cell)
        return Value(converted, cell)

    def to_text(self, value: object, column: Column) -> tuple[object, str]:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, dt.datetime):
            return fmt.format_date(value.date()), ""
        return str(value), ""

    def to_integer(self, value: object, column: Column) -> tuple[object, str]:
        number = _as_int(value)
        if number is None:
            return None, "diharapkan bilangan bulat, misalnya 1, 2, 3."
        return number, ""

    def to_year(self, value: object, column: Column) -> tuple[object, str]:
        number = _as_int(value)
        if number is None:
            return None, "diharapkan tahun empat angka, misalnya 2020."
        low, high = YEAR_RANGE
        if not low <= number <= high:
            return None, f"tahun di luar rentang {low}-{high}."
        return number, ""

    def to_date(self, value: object, column: Column) -> tuple[object, str]:
        expected = 'diharapkan tanggal Excel atau teks seperti "29 Mei 2020".'
        if isinstance(value, dt.datetime):
            return value.date(), ""
        if isinstance(value, dt.date):
            return value, ""
        if isinstance(value, int | float) and 1 <= value < 100000:
            return from_excel(value).date(), ""
        parsed = fmt.parse_date_text(str(value))
        return (parsed, "") if parsed else (None, expected)

    def to_nip(self, value: object, column: Column) -> tuple[object, str]:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        nip = fmt.normalize_nip(str(value))
        if not (nip.isdigit() and len(nip) == 18):
            return None, (
                f"NIP harus 18 angka (ditemukan {len(nip)} karakter), misalnya "
                "19661124 199203 1 005; ketik NIP sebagai teks agar Excel tidak membulatkannya."
            )
        parts = fmt.parse_nip(nip)
        if parts is None or parts.birth_date is None:
            return None, "8 angka pertama NIP (tanggal lahir TTTTBBHH) bukan tanggal yang sah."
        if parts.tmt is None:
            return None, "angka ke-9 s.d. 14 NIP (TMT CPNS TTTTBB) bukan bulan yang sah."
        if parts.sex not in ("1", "2"):
            return None, "angka ke-15 NIP (jenis kelamin) harus 1 atau 2."
        return nip, ""

    def to_choice(self, value: object, column: Column) -> tuple[object, str]:
        text = str(value).strip()
        key = text.casefold()
        for choice in column.choices:
            if choice.casefold() == key:
                return choice, ""
        if key in column.synonyms:
            return column.synonyms[key], ""
        suggestion = closest(text, list(column.choices) + list(column.synonyms))
        hint = ""
        if suggestion:
            hint = f' Mungkin maksudnya "{column.synonyms.get(suggestion, suggestion)}"?'
        return None, f"diharapkan salah satu dari: {', '.join(column.choices)}.{hint}"

    def to_bool(self, value: object, column: Column) -> tuple[object, str]:
        if isinstance(value, bool):
            return value, ""
        key = str(value).strip().casefold()
        if key in TRUE_WORDS:
            return True, ""
        if key in FALSE_WORDS:
            return False, ""
        return None, "diharapkan Ya atau Tidak."

    def to_path(self, value: object, column: Column) -> tuple[object, str]:
        path = Path(str(value))
        if not path.is_absolute():
            path = self.base_dir / path
        if path.suffix.lower() not in IMAGE_SUFFIXES:
            return None, "diharapkan berkas gambar .png atau .jpg."
        if not path.is_file():
            return (
                None,
                f"berkas {path} tidak ditemukan (letakkan relatif terhadap folder buku kerja).",
            )
        return path, ""


def _verbatim(value: str) -> str:
    """Ends stripped and line breaks joined, inner spaces kept as typed."""
    return " ".join(line.strip() for line in value.splitlines()).strip() if "\n" in value else value.strip()


def _as_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = str(value).strip().rstrip(".")
    return int(text) if text.isdigit() else None


CONVERTERS: dict[Kind, Callable[[_Checker, object, Column], tuple[object, str]]] = {
    Kind.TEXT: _Checker.to_text,
    Kind.INTEGER: _Checker.to_integer,
    Kind.YEAR: _Checker.to_year,
    Kind.DATE: _Checker.to_date,
    Kind.NIP: _Checker.to_nip,
    Kind.CHOICE: _Checker.to_choice,
    Kind.BOOL: _Checker.to_bool,
    Kind.PATH: _Checker.to_path,
}


def _v(record: Record, key: str) -> object:
    return record[key].value


def _ref(record: Record, key: str) -> str:
    cell = record[key].cell
    return cell.ref if cell else ""


def _texts(records: Iterable[Record]) -> tuple[str, ...]:
    return tuple(str(_v(r, "text")) for r in records if _v(r, "text"))


# --- cross-sheet checks ---------------------------------------------------------------------------


def _unique_codes(check: _Checker, key: str, records: list[Record]) -> dict[str, Record]:
    """Code -> record; a repeated code is an error naming both cells."""
    seen: dict[str, Record] = {}
    for record in records:
        code = _v(record, "code")
        if code is None:
            continue
        first = seen.get(str(code).casefold())
        if first is not None:
            check.problems.error(
                f'Kode "{code}" sudah dipakai di {check.title(key)}!{_ref(first, "code")}; '
                "setiap kode harus unik.",
                sheet=check.title(key),
                cell=_ref(record, "code"),
                value=code,
            )
            continue
        seen[str(code).casefold()] = record
    return {str(_v(r, "code")): r for r in seen.values()}


def _check_parents(check: _Checker, key: str, by_code: dict[str, Record], noun: str) -> None:
    """Every parent exists, and following parents never comes back to the start."""
    sheet = check.title(key)
    known = {c.casefold(): c for c in by_code}
    for record in by_code.values():
        parent = _v(record, "parent")
        if parent is None:
            continue
        if str(parent).casefold() not in known:
            check.problems.error(
                f'Induk "{parent}" tidak ada di kolom Kode lembar {sheet}; diharapkan kode {noun} '
                "yang ada atau kosong."
                + (
                    f' Mungkin maksudnya "{closest(str(parent), list(by_code))}"?'
                    if closest(str(parent), list(by_code))
                    else ""
                ),
                sheet=sheet,
                cell=_ref(record, "parent"),
                value=parent,
            )
    reported: set[str] = set()
    for start in by_code:
        path: list[str] = []
        current: str | None = start
        while current is not None and current.casefold() in known:
            if current in path:
                cycle = path[path.index(current) :]
                if not reported & set(cycle):
                    reported.update(cycle)
                    record = by_code[cycle[0]]
                    check.problems.error(
                        "Hierarki berputar: "
                        + " -> ".join(cycle + [cycle[0]])
                        + f"; sebuah {noun} tidak boleh menjadi induk dirinya sendiri.",
                        sheet=sheet,
                        cell=_ref(record, "parent"),
                        value=_v(record, "parent"),
                    )
                break
            path.append(current)
            parent = _v(by_code[known[current.casefold()]], "parent")
            current = known.get(str(parent).casefold()) if parent is not None else None


def _check_refs(
    check: _Checker,
    key: str,
    records: list[Record],
    column: str,
    targets: dict[str, Record],
    target_sheet: str,
) -> None:
    sheet = check.title(key)
    header = SHEET_BY_KEY[key].column(column).header
    known = {c.casefold() for c in targets}
    for record in records:
        value = _v(record, column)
        if value is None or str(value).casefold() in known:
            continue
        suggestion = closest(str(value), list(targets))
        check.problems.error(
            f'"{header}" merujuk kode "{value}" yang tidak ada di lembar {target_sheet}.'
            + (f' Mungkin maksudnya "{suggestion}"?' if suggestion else ""),
            sheet=sheet,
            cell=_ref(record, column),
            value=value,
        )


def _canonical(code: object, targets: dict[str, Record]) -> str | None:
    if code is None:
        return None
    lookup = {c.casefold(): c for c in targets}
    return lookup.get(str(code).casefold(), str(code))


def _code_key(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _check_processes(check: _Checker, by_code: dict[str, Record]) -> None:
    """Sub-process category must match its parent; a code that contradicts its parent is a warning."""
    sheet = check.title("processes")
    for code, record in by_code.items():
        parent_code = _canonical(_v(record, "parent"), by_code)
        parent = by_code.get(parent_code) if parent_code else None
        if parent is None:
            continue
        mine, theirs = _v(record, "category"), _v(parent, "category")
        if mine and theirs and mine != theirs:
            check.problems.error(
                f'Kategori "{mine}" berbeda dengan kategori induknya {parent_code} ("{theirs}"); '
                "subproses harus berkategori sama dengan induknya.",
                sheet=sheet,
                cell=_ref(record, "category"),
                value=mine,
            )
        if not _code_key(code).startswith(_code_key(str(parent_code))):
            check.problems.warning(
                f'Kode "{code}" tidak diawali kode induknya "{parent_code}"; periksa kolom Induk.',
                sheet=sheet,
                cell=_ref(record, "code"),
                value=code,
            )


def _check_signer(check: _Checker, signer: Record) -> None:
    pangkat, golongan = _v(signer, "pangkat"), _v(signer, "golongan")
    sheet = check.title("signer")
    if golongan is not None and fmt.normalize_golongan(str(golongan)) is None:
        check.problems.error(
            f'Golongan "{golongan}" tidak dikenal; diharapkan misalnya "III/a" atau "IV/b".',
            sheet=sheet,
            cell=_ref(signer, "golongan"),
            value=golongan,
        )
        return
    if pangkat is not None and fmt.canonical_pangkat(str(pangkat)) is None:
        check.problems.warning(
            f'Pangkat "{pangkat}" tidak dikenal dalam tabel pangkat PNS; dicetak apa adanya.',
            sheet=sheet,
            cell=_ref(signer, "pangkat"),
        )
    elif pangkat is not None and golongan is not None:
        if not fmt.pangkat_matches(str(pangkat), str(golongan)):
            check.problems.warning(
                f'Pangkat "{pangkat}" tidak sesuai golongan {golongan} '
                f'(seharusnya "{fmt.pangkat_for(str(golongan))}"); pangkat dicetak seperti tertulis.',
                sheet=sheet,
                cell=_ref(signer, "pangkat"),
            )


def _diktum(check: _Checker, records: list[Record]) -> tuple[Diktum, ...]:
    sheet = check.title("diktum")
    texts: dict[int, str] = {}
    items: dict[int, list[str]] = {}
    for record in records:
        number, item, text = _v(record, "number"), _v(record, "item"), _v(record, "text")
        if number is None or text is None:
            continue
        if item is None:
            if number in texts:
                check.problems.error(
                    f"Diktum {number} ditulis dua kali tanpa Butir; butir di bawahnya beri huruf "
                    "a, b, ... di kolom Butir.",
                    sheet=sheet,
                    cell=_ref(record, "number"),
                    value=number,
                )
            texts[number] = str(text)
        else:
            items.setdefault(number, []).append(str(text))
    for record in records:
        number = _v(record, "number")
        if number is not None and _v(record, "item") is not None and number not in texts:
            check.problems.error(
                f"Butir milik Diktum {number}, tetapi isi Diktum {number} sendiri (baris tanpa "
                "Butir) tidak ada.",
                sheet=sheet,
                cell=_ref(record, "item"),
            )
    numbers = sorted(texts)
    if numbers and numbers != list(range(1, len(numbers) + 1)):
        missing = sorted(set(range(1, max(numbers) + 1)) - set(numbers))
        check.problems.error(
            "Nomor diktum harus berurutan mulai 1; tidak ada diktum nomor "
            + ", ".join(str(n) for n in missing)
            + ".",
            sheet=sheet,
        )
    return tuple(Diktum(n, texts[n], tuple(items.get(n, ()))) for n in numbers)


def _ordered(records: list[Record]) -> list[tuple[int, Record]]:
    """(order, record): the Urutan column when given, else the row position."""
    return [
        (int(_v(r, "order")) if _v(r, "order") is not None else index, r)
        for index, r in enumerate(records, start=1)
    ]


def _lampiran(form: Record, texts: list[Record]) -> LampiranText:
    by_section: dict[str, list[str]] = {}
    keys = {label: key for key, label in SECTIONS.items()}
    for record in texts:
        section, text = _v(record, "section"), _v(record, "text")
        if section and text:
            by_section.setdefault(keys[str(section)], []).append(str(text))
    intro = {key.split(":", 1)[1]: tuple(v) for key, v in by_section.items() if key.startswith("intro:")}
    plain = {k: tuple(v) for k, v in by_section.items() if not k.startswith("intro:")}
    fields = {k: (v.value if v.value is not None else "") for k, v in form.items()}
    fields["narrative"] = bool(form["narrative"].value)
    fields["instrument_table"] = bool(form["instrument_table"].value)
    return LampiranText(**fields, **plain, category_intro=intro)


def validate(raw: RawWorkbook) -> tuple[Decree | None, Problems]:
    """All problems of the workbook at once; the Decree only when there is no error."""
    check = _Checker(raw)
    office, info, signer = check.form("office"), check.form("decree"), check.form("signer")
    lampiran_form = check.form("lampiran")
    menimbang, mengingat = check.records("menimbang"), check.records("mengingat")
    diktum_records = check.records("diktum")
    tembusan, regulasi = check.records("tembusan"), check.records("regulasi")
    texts, unit_records = check.records("texts"), check.records("units")
    tupoksi_records, process_records = check.records("tupoksi"), check.records("processes")
    relation_records, kinerja_records = check.records("relations"), check.records("kinerja")

    _check_signer(check, signer)
    diktum = _diktum(check, diktum_records)
    units = _unique_codes(check, "units", unit_records)
    _check_parents(check, "units", units, "unit")
    processes = _unique_codes(check, "processes", process_records)
    _check_parents(check, "processes", processes, "proses")
    _check_processes(check, processes)
    kinerja = _unique_codes(check, "kinerja", kinerja_records)
    _check_parents(check, "kinerja", kinerja, "kinerja")
    _check_refs(check, "tupoksi", tupoksi_records, "unit", units, check.title("units"))
    _check_refs(check, "processes", process_records, "unit", units, check.title("units"))
    _check_refs(check, "relations", relation_records, "process", processes, check.title("processes"))
    _check_year(check, info)

    if raw.problems.errors:
        return None, raw.problems

    decree = Decree(
        office=Office(
            **{k: v.value if v.value is not None else "" for k, v in office.items()}
            | {"logo": office["logo"].value}
        ),
        info=DecreeInfo(
            year=int(_v(info, "year")),
            number=str(_v(info, "number") or ""),
            title=str(_v(info, "title")),
            office_line=str(_v(info, "office_line")),
            place=str(_v(info, "place")),
            date=_v(info, "date"),
            paper=Paper(_v(info, "paper") or "F4"),
            with_blessing=bool(_v(info, "with_blessing")),
            cover=bool(_v(info, "cover")),
        ),
        signer=Signer(**{k: str(v.value) if v.value is not None else "" for k, v in signer.items()}),
        menimbang=_texts(menimbang),
        mengingat=_texts(mengingat),
        diktum=diktum,
        tembusan=_texts(tembusan),
        regulasi=_texts(regulasi),
        lampiran=_lampiran(lampiran_form, texts),
        units=tuple(
            Unit(
                code=str(_v(r, "code")),
                name=str(_v(r, "name")),
                parent=_canonical(_v(r, "parent"), units),
                order=order,
                jabatan=str(_v(r, "jabatan") or ""),
                functional=bool(_v(r, "functional")),
            )
            for order, r in _ordered(list(units.values()))
        ),
        tupoksi=_tupoksi(tupoksi_records, units),
        processes=tuple(
            Process(
                code=str(_v(r, "code")),
                name=str(_v(r, "name")),
                category=Category(_v(r, "category")),
                category_label=_written(r, "category"),
                parent=_canonical(_v(r, "parent"), processes),
                order=order,
                unit=_canonical(_v(r, "unit"), units),
                description=str(_v(r, "description") or ""),
                output=str(_v(r, "output") or ""),
                instrument_code=str(_v(r, "instrument_code") or ""),
            )
            for order, r in _ordered(list(processes.values()))
        ),
        relations=_relations(relation_records, processes, units),
        kinerja=tuple(
            Kinerja(
                code=str(_v(r, "code")),
                source=KinerjaSource(_v(r, "source")),
                level=str(_v(r, "level")),
                text=str(_v(r, "text")),
                indicator=str(_v(r, "indicator") or ""),
                parent=_canonical(_v(r, "parent"), kinerja),
                order=order,
            )
            for order, r in _ordered(list(kinerja.values()))
        ),
    )
    return decree, raw.problems


def _written(record: Record, key: str) -> str:
    """The cell's text as staff typed it (a synonym such as "Manajemen" stays), tidied."""
    cell = record[key].cell
    return fmt.clean_text(str(cell.value)) if cell is not None and cell.value is not None else ""


def _check_year(check: _Checker, info: Record) -> None:
    year, date = _v(info, "year"), _v(info, "date")
    if isinstance(year, int) and isinstance(date, dt.date) and date.year != year:
        check.problems.warning(
            f"Tanggal penetapan ({fmt.format_date(date)}) tidak jatuh pada tahun keputusan {year}.",
            sheet=check.title("decree"),
            cell=_ref(info, "date"),
        )


def _tupoksi(records: list[Record], units: dict[str, Record]) -> tuple[Tupoksi, ...]:
    tugas: dict[str, list[str]] = {}
    fungsi: dict[str, list[str]] = {}
    for record in records:
        unit = _canonical(_v(record, "unit"), units)
        if unit is None or _v(record, "text") is None:
            continue
        target = tugas if _v(record, "kind") == "Tugas Pokok" else fungsi
        target.setdefault(unit, []).append(str(_v(record, "text")))
    codes = [c for c in units if c in tugas or c in fungsi]
    return tuple(Tupoksi(c, tuple(tugas.get(c, ())), tuple(fungsi.get(c, ()))) for c in codes)


def _relations(
    records: list[Record], processes: dict[str, Record], units: dict[str, Record]
) -> tuple[Relation, ...]:
    unit_names = {str(_v(r, "name")).casefold() for r in units.values()}
    relations = []
    for record in records:
        party = str(_v(record, "party"))
        kind = _v(record, "kind")
        if kind is None:
            kind = "Internal" if party.casefold() in unit_names else "Eksternal"
        relations.append(Relation(str(_canonical(_v(record, "process"), processes)), party, PartyKind(kind)))
    return tuple(relations)
