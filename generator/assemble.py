"""Build the Decree model from checked records: the step from workbook rows to domain objects."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from . import formatting as fmt
from .cells import Record, texts, value_of
from .langkah import build_sops, build_steps, kinerja_codes, locate
from .model import (
    Category,
    Decree,
    DecreeInfo,
    Diktum,
    Indicator,
    Kinerja,
    KinerjaSource,
    LampiranText,
    Office,
    Paper,
    PartyKind,
    Process,
    Relation,
    Signer,
    TataNaskah,
    Tupoksi,
    Unit,
)
from .schema import SECTIONS


@dataclass(frozen=True)
class Checked:
    """Records that passed every check: form sheets, table sheets, coded sheets by code, diktum."""

    forms: dict[str, Record]
    tables: dict[str, list[Record]]
    codes: dict[str, dict[str, Record]]
    diktum: tuple[Diktum, ...]
    titles: dict[str, str] = field(default_factory=dict)  # sheet key -> title in the workbook


def canonical(code: object, targets: dict[str, Record]) -> str | None:
    if code is None:
        return None
    lookup = {c.casefold(): c for c in targets}
    return lookup.get(str(code).casefold(), str(code))


def _ordered(records: list[Record]) -> list[tuple[int, Record]]:
    """(order, record): the Urutan column when given, else the row position."""
    return [
        (int(value_of(r, "order")) if value_of(r, "order") is not None else index, r)
        for index, r in enumerate(records, start=1)
    ]


def _lampiran(form: Record, texts: list[Record]) -> LampiranText:
    by_section: dict[str, list[str]] = {}
    keys = {label: key for key, label in SECTIONS.items()}
    for record in texts:
        section, text = value_of(record, "section"), value_of(record, "text")
        if section and text:
            by_section.setdefault(keys[str(section)], []).append(str(text))
    intro = {key.split(":", 1)[1]: tuple(v) for key, v in by_section.items() if key.startswith("intro:")}
    plain = {k: tuple(v) for k, v in by_section.items() if not k.startswith("intro:")}
    fields = {k: (v.value if v.value is not None else "") for k, v in form.items()}
    fields["narrative"] = bool(form["narrative"].value)
    fields["instrument_table"] = bool(form["instrument_table"].value)
    return LampiranText(**fields, **plain, category_intro=intro)


def _written(record: Record, key: str) -> str:
    """The cell's text as staff typed it (a synonym such as "Manajemen" stays), tidied."""
    cell = record[key].cell
    return fmt.clean_text(str(cell.value)) if cell is not None and cell.value is not None else ""


def _tupoksi(records: list[Record], units: dict[str, Record]) -> tuple[Tupoksi, ...]:
    tugas: dict[str, list[str]] = {}
    fungsi: dict[str, list[str]] = {}
    for record in records:
        unit = canonical(value_of(record, "unit"), units)
        if unit is None or value_of(record, "text") is None:
            continue
        target = tugas if value_of(record, "kind") == "Tugas Pokok" else fungsi
        target.setdefault(unit, []).append(str(value_of(record, "text")))
    codes = [c for c in units if c in tugas or c in fungsi]
    return tuple(Tupoksi(c, tuple(tugas.get(c, ())), tuple(fungsi.get(c, ()))) for c in codes)


def _relations(
    records: list[Record], processes: dict[str, Record], units: dict[str, Record]
) -> tuple[Relation, ...]:
    unit_names = {str(value_of(r, "name")).casefold() for r in units.values()}
    relations = []
    for record in records:
        party = str(value_of(record, "party"))
        kind = value_of(record, "kind")
        if kind is None:
            kind = "Internal" if party.casefold() in unit_names else "Eksternal"
        relations.append(
            Relation(str(canonical(value_of(record, "process"), processes)), party, PartyKind(kind))
        )
    return tuple(relations)


def _text_of(record: Record, key: str) -> str:
    value = value_of(record, key)
    return "" if value is None else str(value)


def _office(form: Record, kop: list[Record]) -> Office:
    fields = {k: v.value if v.value is not None else "" for k, v in form.items()}
    return Office(**fields | {"logo": form["logo"].value, "kop_lines": _kop_lines(kop)})


def _kop_lines(records: list[Record]) -> tuple[str, ...]:
    """One kop line per row; a line break typed inside a row starts another line."""
    return tuple(line for r in records for line in _text_of(r, "text").splitlines() if line.strip())


def _info(form: Record) -> DecreeInfo:
    label, number = fmt.split_number_label(_text_of(form, "number"))
    when = value_of(form, "date")
    drafted = dt.date(when.year, when.month, 1) if isinstance(when, fmt.MonthYear) else None
    return DecreeInfo(
        year=int(value_of(form, "year")),
        number=number,
        number_label=label,
        title=str(value_of(form, "title")),
        office_line=str(value_of(form, "office_line")),
        place=str(value_of(form, "place")),
        date=None if drafted else when,
        drafted=drafted,
        paper=Paper(value_of(form, "paper") or "F4"),
        with_blessing=bool(value_of(form, "with_blessing")),
        cover=bool(value_of(form, "cover")),
        cover_title=_text_of(form, "cover_title"),
    )


def _signer(form: Record) -> Signer:
    flags = ("show_golongan", "electronic")
    texts_ = {k: str(v.value) if v.value is not None else "" for k, v in form.items() if k not in flags}
    return Signer(**texts_, **{k: bool(value_of(form, k)) for k in flags})


def _tata_naskah(form: Record) -> TataNaskah:
    def number(key: str) -> int | None:
        value = value_of(form, key)
        return None if value is None else int(value)

    return TataNaskah(
        font=_text_of(form, "font"),
        font_size=number("font_size"),
        margins_mm=tuple(number(f"margin_{side}") for side in ("left", "right", "top", "bottom")),
        tte_footer=_text_of(form, "tte_footer"),
        tte_anchor=_text_of(form, "tte_anchor"),
    )


def _indicators(record: Record, rows: list[Record]) -> tuple[Indicator, ...]:
    """The Kinerja cell's indicator, then the Indikator sheet's rows; a row naming it gives its details."""
    extra = [
        Indicator(_text_of(r, "name"), _text_of(r, "formula"), _text_of(r, "source"), _text_of(r, "target"))
        for r in rows
    ]
    if not extra:
        return ()
    own = _text_of(record, "indicator").strip()
    if not own:
        return tuple(extra)
    same = [i for i in extra if i.name.strip().casefold() == own.casefold()]
    first = same[0] if same else Indicator(own)
    return (first, *(i for i in extra if i is not first))


def _kinerja(records: dict[str, Record], indicator_rows: list[Record]) -> tuple[Kinerja, ...]:
    rows_by_code: dict[str, list[Record]] = {}
    for row in indicator_rows:
        code = canonical(value_of(row, "kinerja"), records)
        if code is not None and value_of(row, "name") is not None:
            rows_by_code.setdefault(code, []).append(row)
    return tuple(
        Kinerja(
            code=str(value_of(r, "code")),
            source=KinerjaSource(value_of(r, "source")),
            level=str(value_of(r, "level")),
            text=str(value_of(r, "text")),
            indicator=_text_of(r, "indicator"),
            parent=canonical(value_of(r, "parent"), records),
            order=order,
            indicators=_indicators(r, rows_by_code.get(str(value_of(r, "code")), [])),
        )
        for order, r in _ordered(list(records.values()))
    )


def build_decree(checked: Checked) -> Decree:
    """The Decree a valid workbook describes."""
    office, info, signer = (checked.forms[k] for k in ("office", "decree", "signer"))
    tables, codes = checked.tables, checked.codes
    units, processes, kinerja = codes["units"], codes["processes"], codes["kinerja"]
    return Decree(
        office=_office(office, tables["kop"]),
        info=_info(info),
        signer=_signer(signer),
        menimbang=texts(tables["menimbang"]),
        mengingat=texts(tables["mengingat"]),
        diktum=checked.diktum,
        tembusan=texts(tables["tembusan"]),
        regulasi=texts(tables["regulasi"]),
        lampiran=_lampiran(checked.forms["lampiran"], tables["texts"]),
        units=tuple(
            Unit(
                code=str(value_of(r, "code")),
                name=str(value_of(r, "name")),
                parent=canonical(value_of(r, "parent"), units),
                order=order,
                jabatan=str(value_of(r, "jabatan") or ""),
                functional=bool(value_of(r, "functional")),
            )
            for order, r in _ordered(list(units.values()))
        ),
        tupoksi=_tupoksi(tables["tupoksi"], units),
        processes=tuple(
            Process(
                code=str(value_of(r, "code")),
                name=str(value_of(r, "name")),
                category=Category(value_of(r, "category")),
                category_label=_written(r, "category"),
                parent=canonical(value_of(r, "parent"), processes),
                order=order,
                unit=canonical(value_of(r, "unit"), units),
                description=str(value_of(r, "description") or ""),
                output=str(value_of(r, "output") or ""),
                instrument_code=str(value_of(r, "instrument_code") or ""),
                kinerja=tuple(canonical(c, kinerja) or c for c in kinerja_codes(value_of(r, "kinerja"))),
            )
            for order, r in _ordered(list(processes.values()))
        ),
        relations=_relations(tables["relations"], processes, units),
        kinerja=_kinerja(kinerja, tables["indicators"]),
        tata_naskah=_tata_naskah(checked.forms["tata_naskah"]),
        steps=build_steps(tables["steps"], processes, units, tables["relations"]),
        sops=build_sops(tables["sop"], processes),
        locations=locate(checked.titles, tables),
        rows=_values(checked),
    )


def _values(checked: Checked) -> dict[str, tuple[dict[str, object], ...]]:
    """Every sheet's checked values without their cells (Decree.rows); a form sheet is one row."""
    sheets = {key: [record] for key, record in checked.forms.items()} | checked.tables
    return {key: tuple({c: v.value for c, v in r.items()} for r in rows) for key, rows in sheets.items()}
