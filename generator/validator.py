"""Check the workbook's sheets against each other (codes, parents, references) and build the Decree."""

from __future__ import annotations

import datetime as dt
import re

from . import formatting as fmt
from . import limits
from .assemble import Checked, build_decree, canonical
from .cells import CellChecker, Record, Value, ref_of, value_of
from .langkah import check_kinerja_links, check_sops, check_steps
from .model import Decree, Diktum
from .picture import PictureError, check_picture, too_large
from .problems import Problems
from .properties import overlong
from .reader import RawWorkbook, closest
from .schema import FONT_SIZES, MARGIN_RANGE_MM, SHEET_BY_KEY, SHEETS, Layout
from .writer import name_words, output_name

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
            suggestion = closest(str(parent), list(by_code))
            check.problems.error(
                f'Induk "{parent}" tidak ada di kolom Kode lembar {sheet}; diharapkan kode {noun} '
                "yang ada atau kosong." + (f' Mungkin maksudnya "{suggestion}"?' if suggestion else ""),
                sheet=sheet,
                cell=ref_of(record, "parent"),
                value=parent,
            )
    _check_depth(check, key, by_code, known, noun)


def _check_depth(
    check: CellChecker, key: str, by_code: dict[str, Record], known: dict[str, str], noun: str
) -> None:
    """Cycles and depth in one linear pass: each code's level is found once, walking up iteratively."""
    sheet = check.title(key)
    parent_of: dict[str, str] = {}
    for code, record in by_code.items():
        parent = value_of(record, "parent")
        if parent is not None and str(parent).casefold() in known:
            parent_of[code] = known[str(parent).casefold()]
    level: dict[str, int] = {}
    reported: set[str] = set()
    for start in by_code:
        path: list[str] = []
        on_path: dict[str, int] = {}
        current: str | None = start
        while current is not None and current not in level and current not in on_path:
            on_path[current] = len(path)
            path.append(current)
            current = parent_of.get(current)
        if current is not None and current in on_path:
            cycle = path[on_path[current] :]
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
            level.update(dict.fromkeys(path, 0))  # a cycle has no depth; it is reported above
            continue
        above = level[current] if current is not None else 0
        for code in reversed(path):
            above += 1
            level[code] = above
    _report_depth(check, key, by_code, parent_of, level, noun)


def _report_depth(
    check: CellChecker,
    key: str,
    by_code: dict[str, Record],
    parent_of: dict[str, str],
    level: dict[str, int],
    noun: str,
) -> None:
    """The first code (in sheet order) deeper than the limit: one error for the sheet."""
    limit = limits.HIERARCHY_DEPTH
    deep = next((code for code in by_code if level.get(code, 0) > limit.value), None)
    if deep is None:
        return
    chain = [deep]
    while chain[-1] in parent_of and len(chain) <= level[deep]:
        chain.append(parent_of[chain[-1]])
    chain.reverse()
    shown = " -> ".join(chain if len(chain) <= 6 else [*chain[:3], "...", *chain[-2:]])
    check.problems.error(
        f"Hierarki terlalu dalam: {noun} {deep} berada di tingkat {level[deep]} ({shown}); batasnya "
        f"{limit.text}. Periksa kolom Induk.",
        sheet=check.title(key),
        cell=ref_of(by_code[deep], "parent"),
        value=value_of(by_code[deep], "parent"),
    )


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


def _check_parties(check: CellChecker, records: list[Record]) -> None:
    """The relationship map draws every distinct party: beyond the limit it cannot be laid out."""
    seen: set[str] = set()
    for record in records:
        party = value_of(record, "party")
        if party is None:
            continue
        seen.add(fmt.clean_text(str(party)).casefold())
        if len(seen) > limits.PARTIES.value:
            check.problems.error(
                f"Lembar {check.title('relations')} menyebut lebih dari {limits.PARTIES.text} berbeda; "
                "peta relasi tidak dapat digambar terbaca. Gabungkan pihak yang sejenis (misalnya "
                '"Desa") atau hapus yang tidak perlu.',
                sheet=check.title("relations"),
                cell=ref_of(record, "party"),
                value=party,
            )
            return


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
    if isinstance(year, int) and isinstance(date, dt.date | fmt.MonthYear) and date.year != year:
        shown = fmt.format_date(date) if isinstance(date, dt.date) else str(date)
        check.problems.warning(
            f"Tanggal penetapan ({shown}) tidak jatuh pada tahun keputusan {year}.",
            sheet=check.title("decree"),
            cell=ref_of(info, "date"),
        )


def _check_drafting(check: CellChecker, info: Record) -> None:
    """A date of month and year only is a draft: printed with the day left blank, which deserves a word."""
    date = value_of(info, "date")
    if isinstance(date, fmt.MonthYear):
        check.problems.warning(
            f'Tanggal Penetapan hanya bulan dan tahun ("{date}"): dokumen mencetak tempat kosong untuk '
            "tanggalnya, diisi saat penandatanganan.",
            sheet=check.title("decree"),
            cell=ref_of(info, "date"),
        )
    number = value_of(info, "number")
    if number is not None:
        label, rest = fmt.split_number_label(str(number))
        if not rest.strip("\u00a0 "):
            check.problems.warning(
                f'"Nomor" hanya berisi label "{label}"; dokumen mencetak tempat kosong untuk nomornya.',
                sheet=check.title("decree"),
                cell=ref_of(info, "number"),
            )


def _check_kop(check: CellChecker, office: Record, kop: list[Record]) -> None:
    """Kop lines given on their own sheet take the place of the address fields: say which are not printed."""
    if not kop:
        return
    keys = ("address", "phone", "postal_code", "locality", "email", "website")
    filled = [k for k in keys if value_of(office, k) is not None]
    if filled:
        sheet = SHEET_BY_KEY["office"]
        names = fmt.join_words([sheet.column(k).header for k in filled])
        check.problems.warning(
            f"{names} tidak dicetak pada kop karena lembar {check.title('kop')} berisi baris kop sendiri; "
            "tulis isinya di lembar itu bila perlu dicetak.",
            sheet=check.title("office"),
            cell=ref_of(office, filled[0]),
        )


def _check_tata_naskah(check: CellChecker, form: Record) -> None:
    sheet = check.title("tata_naskah")
    ranges = {"font_size": FONT_SIZES} | {
        f"margin_{side}": MARGIN_RANGE_MM for side in ("left", "right", "top", "bottom")
    }
    for key, (low, high) in ranges.items():
        value = value_of(form, key)
        if isinstance(value, int) and not low <= value <= high:
            header = SHEET_BY_KEY["tata_naskah"].column(key).header
            check.problems.error(
                f'"{header}" tidak sah: diharapkan {low} sampai {high}.',
                sheet=sheet,
                cell=ref_of(form, key),
                value=value,
            )


_LAMPIRAN_WORD = re.compile(r"\blampiran\b", re.IGNORECASE)


def _check_lampiran_named(check: CellChecker, decree: Decree, diktum: list[Record]) -> None:
    """A diktum that points to the Lampiran while the workbook gives none: the decree prints without it."""
    if decree.has_lampiran:
        return
    for record in diktum:
        if _LAMPIRAN_WORD.search(str(value_of(record, "text") or "")):
            check.problems.warning(
                "Diktum menyebut Lampiran, tetapi buku kerja tidak berisi data Lampiran (Uraian, Unit, "
                "Tupoksi, Proses atau Kinerja); keputusan dicetak tanpa Lampiran.",
                sheet=check.title("diktum"),
                cell=ref_of(record, "text"),
            )
            return


def _pasted_logo(check: CellChecker, office: Record) -> None:
    """A picture pasted on the Kantor sheet is the logo when the Logo cell names no file."""
    raw_sheet = check.raw.sheets.get("office")
    pasted = raw_sheet.pictures if raw_sheet else []
    if not pasted:
        return
    sheet = check.title("office")
    logo = office["logo"]
    if logo.cell is not None and logo.cell.value is not None and str(logo.cell.value).strip():
        if logo.value is not None:
            check.problems.warning(
                f"Lembar {sheet} memuat {pasted[0].place} dan sel Logo menyebut berkas "
                f"{logo.value.source}; yang dipakai berkas {logo.value.source}. Kosongkan sel Logo "
                "untuk memakai gambar tempelan.",
                sheet=sheet,
                cell=logo.cell.ref,
            )
        return
    row = logo.cell.ref[1:] if logo.cell is not None else ""
    chosen = next(
        (p for p in pasted if row and p.anchor[1:].lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ") == row), pasted[0]
    )
    if len(pasted) > 1:
        check.problems.warning(
            f"Lembar {sheet} memuat {len(pasted)} gambar tempelan; yang dipakai sebagai logo adalah "
            f"{chosen.place}.",
            sheet=sheet,
            cell=chosen.anchor,
        )
    try:
        if not chosen.data:
            raise PictureError(too_large(chosen.place, chosen.size))
        picture = check_picture(chosen.data, chosen.place, f"{chosen.place} lembar {sheet}")
    except PictureError as exc:
        check.problems.error(f"Logo tidak dapat dipakai: {exc}.", sheet=sheet, cell=chosen.anchor)
        return
    office["logo"] = Value(picture, None)


def _check_output_texts(check: CellChecker, office: Record, info: Record) -> None:
    """Warn, naming the cell, where a name is cut to fit the output file name or document properties."""
    kecamatan, regency = value_of(office, "kecamatan"), value_of(office, "regency")
    title, year = value_of(info, "title"), value_of(info, "year")
    if kecamatan is None:
        return
    kecamatan = str(kecamatan)
    sheet = check.title("office")
    words = name_words(kecamatan)
    if isinstance(year, int) and (not words or words != name_words(kecamatan, limit=None)):
        reason = (
            f"terlalu panjang untuk nama berkas (batas {limits.FILE_NAME_CHARS.text})"
            if words
            else "tidak memuat huruf Latin atau angka untuk nama berkas"
        )
        check.problems.warning(
            f"Nama Kecamatan {reason}; berkas keluarannya bernama {output_name(kecamatan, year)}.",
            sheet=sheet,
            cell=ref_of(office, "kecamatan"),
        )
    texts = {"kecamatan": kecamatan, "regency": str(regency or ""), "title": str(title or "")}
    for field, labels in overlong(**texts).items():
        record, key = (info, "decree") if field == "title" else (office, "office")
        check.problems.warning(
            f'"{SHEET_BY_KEY[key].column(field).header}" panjangnya {len(texts[field])} karakter; '
            f"properti dokumen Word {fmt.join_words(labels)} (File > Info) dibatasi "
            f"{limits.PROPERTY_CHARS.text} sehingga dipotong. Isi dokumen tidak terpengaruh.",
            sheet=check.title(key),
            cell=ref_of(record, field),
        )


def validate(raw: RawWorkbook, *, files_allowed: bool = True) -> tuple[Decree | None, Problems]:
    """All problems of the workbook at once; the Decree only when there is no error."""
    check = CellChecker(raw, files_allowed=files_allowed)
    forms = {s.key: check.form(s.key) for s in SHEETS if s.layout is Layout.FORM}
    tables = {s.key: check.records(s.key) for s in SHEETS if s.layout is Layout.TABLE}

    _pasted_logo(check, forms["office"])
    _check_output_texts(check, forms["office"], forms["decree"])
    _check_signer(check, forms["signer"])
    diktum = _diktum(check, tables["diktum"])
    codes = {}
    for key, noun in (("units", "unit"), ("processes", "proses"), ("kinerja", "kinerja")):
        codes[key] = _unique_codes(check, key, tables[key])
        _check_parents(check, key, codes[key], noun)
    _check_processes(check, codes["processes"])
    _check_parties(check, tables["relations"])
    units_title, processes_title = check.title("units"), check.title("processes")
    _check_refs(check, "tupoksi", tables["tupoksi"], "unit", codes["units"], units_title)
    _check_refs(check, "processes", tables["processes"], "unit", codes["units"], units_title)
    _check_refs(check, "relations", tables["relations"], "process", codes["processes"], processes_title)
    kinerja_title = check.title("kinerja")
    _check_refs(check, "indicators", tables["indicators"], "kinerja", codes["kinerja"], kinerja_title)
    _check_year(check, forms["decree"])
    _check_drafting(check, forms["decree"])
    _check_kop(check, forms["office"], tables["kop"])
    _check_tata_naskah(check, forms["tata_naskah"])
    check_kinerja_links(check, codes["processes"], codes["kinerja"])
    check_steps(check, tables["steps"], codes["processes"], codes["units"], tables["relations"])
    check_sops(check, tables["sop"], codes["processes"], tables["steps"])

    if raw.problems.errors:
        return None, raw.problems
    titles = {s.key: check.title(s.key) for s in SHEETS}
    decree = build_decree(Checked(forms, tables, codes, diktum, titles))
    _check_lampiran_named(check, decree, tables["diktum"])
    return decree, raw.problems
