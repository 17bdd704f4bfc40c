"""Check the workbook's sheets against each other (codes, parents, references) and build the Decree."""

from __future__ import annotations

import datetime as dt

from . import formatting as fmt
from .assemble import Checked, build_decree, canonical
from .cells import CellChecker, Record, ref_of, value_of
from .langkah import check_kinerja_links, check_sops, check_steps
from .model import Decree, Diktum
from .problems import Problems
from .reader import RawWorkbook, closest
from .schema import SHEET_BY_KEY, SHEETS, Layout

# --- cross-sheet checks ---------------------------------------------------------------------------


def _unique_codes(check: CellChecker, key: str, records: list[Record]) -> dict[str, Record]:
    """Code -> record; a repeated code is an error naming both cells."""
    seen: dict[str, Record] = {}
    for record in records:
        code = value_of(record, "code")
        if code is None:
            continue
        first = seen.get(str(code).casefold())
        if first is not None:
            check.problems.error(
                f'Kode "{code}" sudah dipakai di {check.title(key)}!{ref_of(first, "code")}; '
                "setiap kode harus unik.",
                sheet=check.title(key),
                cell=ref_of(record, "code"),
                value=code,
            )
            continue
        seen[str(code).casefold()] = record
    return {str(value_of(r, "code")): r for r in seen.values()}


def _check_parents(check: CellChecker, key: str, by_code: dict[str, Record], noun: str) -> None:
    """Every parent exists, and following parents never comes back to the start."""
    sheet = check.title(key)
    known = {c.casefold(): c for c in by_code}
    for record in by_code.values():
        parent = value_of(record, "parent")
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
                cell=ref_of(record, "parent"),
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
                        cell=ref_of(record, "parent"),
                        value=value_of(record, "parent"),
                    )
                break
            path.append(current)
            parent = value_of(by_code[known[current.casefold()]], "parent")
            current = known.get(str(parent).casefold()) if parent is not None else None


def _check_refs(
    check: CellChecker,
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
        value = value_of(record, column)
        if value is None or str(value).casefold() in known:
            continue
        suggestion = closest(str(value), list(targets))
        check.problems.error(
            f'"{header}" merujuk kode "{value}" yang tidak ada di lembar {target_sheet}.'
            + (f' Mungkin maksudnya "{suggestion}"?' if suggestion else ""),
            sheet=sheet,
            cell=ref_of(record, column),
            value=value,
        )


def _code_key(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _check_processes(check: CellChecker, by_code: dict[str, Record]) -> None:
    """Sub-process category must match its parent; a code that contradicts its parent is a warning."""
    sheet = check.title("processes")
    for code, record in by_code.items():
        parent_code = canonical(value_of(record, "parent"), by_code)
        parent = by_code.get(parent_code) if parent_code else None
        if parent is None:
            continue
        mine, theirs = value_of(record, "category"), value_of(parent, "category")
        if mine and theirs and mine != theirs:
            check.problems.error(
                f'Kategori "{mine}" berbeda dengan kategori induknya {parent_code} ("{theirs}"); '
                "subproses harus berkategori sama dengan induknya.",
                sheet=sheet,
                cell=ref_of(record, "category"),
                value=mine,
            )
        if not _code_key(code).startswith(_code_key(str(parent_code))):
            check.problems.warning(
                f'Kode "{code}" tidak diawali kode induknya "{parent_code}"; periksa kolom Induk.',
                sheet=sheet,
                cell=ref_of(record, "code"),
                value=code,
            )


def _check_signer(check: CellChecker, signer: Record) -> None:
    pangkat, golongan = value_of(signer, "pangkat"), value_of(signer, "golongan")
    sheet = check.title("signer")
    if golongan is not None and fmt.normalize_golongan(str(golongan)) is None:
        check.problems.error(
            f'Golongan "{golongan}" tidak dikenal; diharapkan misalnya "III/a" atau "IV/b".',
            sheet=sheet,
            cell=ref_of(signer, "golongan"),
            value=golongan,
        )
        return
    if pangkat is not None and fmt.canonical_pangkat(str(pangkat)) is None:
        check.problems.warning(
            f'Pangkat "{pangkat}" tidak dikenal dalam tabel pangkat PNS; dicetak apa adanya.',
            sheet=sheet,
            cell=ref_of(signer, "pangkat"),
        )
    elif pangkat is not None and golongan is not None:
        if not fmt.pangkat_matches(str(pangkat), str(golongan)):
            check.problems.warning(
                f'Pangkat "{pangkat}" tidak sesuai golongan {golongan} '
                f'(seharusnya "{fmt.pangkat_for(str(golongan))}"); pangkat dicetak seperti tertulis.',
                sheet=sheet,
                cell=ref_of(signer, "pangkat"),
            )


def _diktum(check: CellChecker, records: list[Record]) -> tuple[Diktum, ...]:
    sheet = check.title("diktum")
    texts: dict[int, str] = {}
    items: dict[int, list[str]] = {}
    for record in records:
        number, item, text = value_of(record, "number"), value_of(record, "item"), value_of(record, "text")
        if number is None or text is None:
            continue
        if item is None:
            if number in texts:
                check.problems.error(
                    f"Diktum {number} ditulis dua kali tanpa Butir; butir di bawahnya beri huruf "
                    "a, b, ... di kolom Butir.",
                    sheet=sheet,
                    cell=ref_of(record, "number"),
                    value=number,
                )
            texts[number] = str(text)
        else:
            items.setdefault(number, []).append(str(text))
    for record in records:
        number = value_of(record, "number")
        if number is not None and value_of(record, "item") is not None and number not in texts:
            check.problems.error(
                f"Butir milik Diktum {number}, tetapi isi Diktum {number} sendiri (baris tanpa "
                "Butir) tidak ada.",
                sheet=sheet,
                cell=ref_of(record, "item"),
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


def _check_year(check: CellChecker, info: Record) -> None:
    year, date = value_of(info, "year"), value_of(info, "date")
    if isinstance(year, int) and isinstance(date, dt.date) and date.year != year:
        check.problems.warning(
            f"Tanggal penetapan ({fmt.format_date(date)}) tidak jatuh pada tahun keputusan {year}.",
            sheet=check.title("decree"),
            cell=ref_of(info, "date"),
        )


def validate(raw: RawWorkbook, *, files_allowed: bool = True) -> tuple[Decree | None, Problems]:
    """All problems of the workbook at once; the Decree only when there is no error."""
    check = CellChecker(raw, files_allowed=files_allowed)
    forms = {s.key: check.form(s.key) for s in SHEETS if s.layout is Layout.FORM}
    tables = {s.key: check.records(s.key) for s in SHEETS if s.layout is Layout.TABLE}

    _check_signer(check, forms["signer"])
    diktum = _diktum(check, tables["diktum"])
    codes = {}
    for key, noun in (("units", "unit"), ("processes", "proses"), ("kinerja", "kinerja")):
        codes[key] = _unique_codes(check, key, tables[key])
        _check_parents(check, key, codes[key], noun)
    _check_processes(check, codes["processes"])
    units_title, processes_title = check.title("units"), check.title("processes")
    _check_refs(check, "tupoksi", tables["tupoksi"], "unit", codes["units"], units_title)
    _check_refs(check, "processes", tables["processes"], "unit", codes["units"], units_title)
    _check_refs(check, "relations", tables["relations"], "process", codes["processes"], processes_title)
    _check_year(check, forms["decree"])
    check_kinerja_links(check, codes["processes"], codes["kinerja"])
    check_steps(check, tables["steps"], codes["processes"], codes["units"], tables["relations"])
    check_sops(check, tables["sop"], codes["processes"], tables["steps"])

    if raw.problems.errors:
        return None, raw.problems
    titles = {s.key: check.title(s.key) for s in SHEETS}
    return build_decree(Checked(forms, tables, codes, diktum, titles)), raw.problems
