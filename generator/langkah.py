"""The Langkah and SOP sheets: steps of lowest-level processes and their SOP identities.

Checked cell by cell like every other sheet (each problem names its cell), then built into the model.
The flow of a process's steps must be a proper flowchart: one Mulai, at least one Selesai, every
branch pointing to a step of the same process, every step reached from Mulai and leading to a Selesai.
Also here: the Proses sheet's link to the Kinerja it serves.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from openpyxl.utils.escape import unescape

from . import limits
from .cells import CellChecker, Record, ref_of, value_of
from .formatting import clean_text
from .model import Locations, SopIdentity, Step, StepKind, step_key
from .reader import closest
from .schema import LANGKAH, SHEETS, SOP, Layout
from .steps import party_key

_LIST_MARK = re.compile(r"^\s*(?:\d+[.)]|[a-zA-Z][.)]|[-\u2022*])\s+")
_CODE_SEPARATOR = re.compile(r"[,;]")
_BRANCHES = (("next", "Berikutnya"), ("yes", "Jika Ya"), ("no", "Jika Tidak"))


def _lookup(codes: Iterable[str]) -> dict[str, str]:
    """casefolded code -> code as written."""
    return {code.casefold(): code for code in codes}


# --- who a pelaksana is --------------------------------------------------------------------------


@dataclass(frozen=True)
class Pelaksana:
    """What a Pelaksana cell may name: unit codes and names, and the parties of the Relasi sheet."""

    units: Mapping[str, str]  # casefolded unit code or name -> unit code
    parties: Mapping[str, str]  # party key -> party as first written
    labels: tuple[str, ...] = ()  # every code, name and party as written, for suggestions

    @classmethod
    def of(cls, units: Mapping[str, Record], relations: list[Record]) -> Pelaksana:
        known: dict[str, str] = {code.casefold(): code for code in units}
        names = [(str(value_of(r, "name")), code) for code, r in units.items() if value_of(r, "name")]
        for name, code in names:
            known.setdefault(party_key(name), code)
        parties: dict[str, str] = {}
        for record in relations:
            party = value_of(record, "party")
            if party:
                parties.setdefault(party_key(str(party)), clean_text(str(party)))
        return cls(known, parties, (*units, *(name for name, _ in names), *parties.values()))

    def resolve(self, value: object) -> str | None:
        """The lane key: a unit's code, or the party as the Relasi sheet writes it; None: unknown."""
        key = party_key(str(value))
        return self.units.get(key) or self.parties.get(key)

    def suggestion(self, value: object) -> str:
        found = closest(str(value), list(self.labels))
        return f' Mungkin maksudnya "{found}"?' if found else ""


# --- checks --------------------------------------------------------------------------------------


def check_steps(
    check: CellChecker,
    steps: list[Record],
    processes: Mapping[str, Record],
    units: Mapping[str, Record],
    relations: list[Record],
) -> None:
    """Every rule of the Langkah sheet, each problem at its cell."""
    sheet = check.title(LANGKAH.key)
    process_codes = _lookup(processes)
    parents = {str(value_of(r, "parent")).casefold() for r in processes.values() if value_of(r, "parent")}
    pelaksana = Pelaksana.of(units, relations)
    groups: dict[str, list[Record]] = {}
    for record in steps:
        code = value_of(record, "process")
        if code is None:
            continue
        known = process_codes.get(str(code).casefold())
        if known is None:
            check.problems.error(
                f'Kode Proses "{code}" tidak ada di lembar {check.title("processes")}.'
                + _maybe(str(code), list(processes)),
                sheet=sheet,
                cell=ref_of(record, "process"),
                value=code,
            )
            continue
        if known.casefold() in parents:
            children = [
                c
                for c, r in processes.items()
                if str(value_of(r, "parent") or "").casefold() == known.casefold()
            ]
            check.problems.error(
                f"Proses {known} punya subproses ({', '.join(children)}); langkah hanya untuk proses "
                "terendah: tuliskan langkahnya pada subprosesnya.",
                sheet=sheet,
                cell=ref_of(record, "process"),
                value=code,
            )
            continue
        actor = value_of(record, "pelaksana")
        if actor is not None and pelaksana.resolve(actor) is None:
            check.problems.error(
                f'Pelaksana "{actor}" tidak dikenal: diharapkan kode atau nama unit dari lembar '
                f"{check.title('units')}, atau pihak luar yang tercantum di lembar "
                f"{check.title('relations')}." + pelaksana.suggestion(actor),
                sheet=sheet,
                cell=ref_of(record, "pelaksana"),
                value=actor,
            )
        groups.setdefault(known, []).append(record)
    for code, records in groups.items():
        if len(records) > limits.STEPS_PER_PROCESS.value:
            check.problems.error(
                f"Proses {code} punya {len(records)} langkah, lebih dari batas "
                f"{limits.STEPS_PER_PROCESS.text}; pecah prosesnya menjadi beberapa subproses.",
                sheet=sheet,
                cell=ref_of(records[limits.STEPS_PER_PROCESS.value], "number"),
            )
            continue
        _check_flow(check, sheet, code, records)


def _maybe(value: str, candidates: list[str]) -> str:
    found = closest(value, candidates)
    return f' Mungkin maksudnya "{found}"?' if found else ""


def _check_flow(check: CellChecker, sheet: str, code: str, records: list[Record]) -> None:
    """One process's steps: numbers, Mulai and Selesai, branches, reachability."""
    problems = check.problems
    before = len(problems.errors)
    by_number: dict[int, Record] = {}
    for record in records:
        number = value_of(record, "number")
        if number is None or value_of(record, "kind") is None:
            continue
        first = by_number.get(number)
        if first is not None:
            problems.error(
                f"Langkah nomor {number} proses {code} sudah ada di {sheet}!{ref_of(first, 'number')}; "
                "setiap nomor langkah unik dalam prosesnya.",
                sheet=sheet,
                cell=ref_of(record, "number"),
                value=number,
            )
            continue
        by_number[number] = record
    if not by_number:
        return
    numbers = sorted(by_number)
    kinds = {n: StepKind(value_of(by_number[n], "kind")) for n in numbers}
    starts = [n for n in numbers if kinds[n] is StepKind.MULAI]
    if not starts:
        problems.error(
            f"Proses {code} tidak punya langkah Mulai; langkah pertamanya diberi Jenis Langkah Mulai.",
            sheet=sheet,
            cell=ref_of(by_number[numbers[0]], "kind"),
        )
    for extra in starts[1:]:
        problems.error(
            f"Proses {code} sudah punya langkah Mulai (langkah {starts[0]}); hanya satu langkah Mulai.",
            sheet=sheet,
            cell=ref_of(by_number[extra], "kind"),
            value="Mulai",
        )
    if starts and starts[0] != numbers[0]:
        problems.warning(
            f"Langkah Mulai proses {code} bernomor {starts[0]}, padahal ada langkah bernomor lebih kecil; "
            "SOP mencetak langkah menurut nomornya.",
            sheet=sheet,
            cell=ref_of(by_number[starts[0]], "number"),
        )
    if not any(kinds[n] is StepKind.SELESAI for n in numbers):
        problems.error(
            f"Proses {code} tidak punya langkah Selesai; langkah terakhirnya diberi Jenis Langkah Selesai.",
            sheet=sheet,
            cell=ref_of(by_number[numbers[-1]], "kind"),
        )
    targets = {n: _targets(check, sheet, code, n, by_number, numbers, kinds, starts) for n in numbers}
    if len(problems.errors) > before or not starts:
        return  # reachability only means something once the flow itself is sound
    reached = _walk(starts[0], targets)
    for number in numbers:
        if number not in reached:
            problems.error(
                f"Langkah {number} proses {code} tidak pernah dicapai dari langkah Mulai ({starts[0]}); "
                "periksa kolom Berikutnya, Jika Ya dan Jika Tidak yang menuju ke sini.",
                sheet=sheet,
                cell=ref_of(by_number[number], "number"),
                value=number,
            )
    ends = {n for n in numbers if kinds[n] is StepKind.SELESAI}
    finishing = _walk_back(ends, targets)
    for number in numbers:
        if number in reached and number not in finishing:
            problems.error(
                f"Dari langkah {number} proses {code} alurnya berputar dan tidak pernah sampai ke "
                "langkah Selesai.",
                sheet=sheet,
                cell=ref_of(by_number[number], "number"),
                value=number,
            )


def _targets(
    check: CellChecker,
    sheet: str,
    code: str,
    number: int,
    by_number: Mapping[int, Record],
    numbers: list[int],
    kinds: Mapping[int, StepKind],
    starts: list[int],
) -> list[int]:
    """The steps one step leads to, each branch cell checked."""
    problems = check.problems
    record, kind = by_number[number], kinds[number]
    given = {key: value_of(record, key) for key, _ in _BRANCHES}
    allowed = {
        StepKind.MULAI: ("next",),
        StepKind.KEGIATAN: ("next",),
        StepKind.KEPUTUSAN: ("yes", "no"),
        StepKind.SELESAI: (),
    }[kind]
    for key, header in _BRANCHES:
        if given[key] is not None and key not in allowed:
            reason = {
                StepKind.SELESAI: "langkah Selesai tidak punya langkah berikutnya",
                StepKind.KEPUTUSAN: "Keputusan bercabang lewat Jika Ya dan Jika Tidak",
            }.get(kind, "Jika Ya dan Jika Tidak hanya untuk langkah Keputusan")
            problems.error(
                f"{header} harus kosong: {reason}.", sheet=sheet, cell=ref_of(record, key), value=given[key]
            )
    found: list[int] = []
    if kind is StepKind.KEPUTUSAN:
        for key, header in _BRANCHES[1:]:
            if given[key] is None:
                problems.error(
                    f"Keputusan pada langkah {number} proses {code} harus punya dua cabang: isi {header} "
                    "dengan nomor langkahnya.",
                    sheet=sheet,
                    cell=ref_of(record, key),
                )
        if given["yes"] is not None and given["yes"] == given["no"]:
            problems.error(
                f"Jika Ya dan Jika Tidak sama-sama menuju langkah {given['no']}; keputusan harus bercabang "
                "ke dua langkah yang berbeda.",
                sheet=sheet,
                cell=ref_of(record, "no"),
                value=given["no"],
            )
    elif kind is not StepKind.SELESAI and given["next"] is None:
        later = [n for n in numbers if n > number]
        if not later:
            problems.error(
                f"Langkah {number} proses {code} adalah langkah terakhir tetapi bukan Selesai; beri Jenis "
                "Langkah Selesai atau isi Berikutnya.",
                sheet=sheet,
                cell=ref_of(record, "kind"),
                value=kind.value,
            )
        else:
            found.append(later[0])
    for key, header in _BRANCHES:
        target = given[key]
        if target is None or key not in allowed:
            continue
        if target not in by_number:
            problems.error(
                f"{header} menuju langkah {target} yang tidak ada pada proses {code}; diharapkan salah "
                f"satu nomor langkahnya ({_ranges(numbers)}).",
                sheet=sheet,
                cell=ref_of(record, key),
                value=target,
            )
        elif target == number:
            problems.error(
                f"{header} menuju langkah ini sendiri.", sheet=sheet, cell=ref_of(record, key), value=target
            )
        elif target in starts:
            problems.error(
                f"{header} menuju langkah Mulai ({target}); langkah Mulai tidak boleh dituju langkah lain.",
                sheet=sheet,
                cell=ref_of(record, key),
                value=target,
            )
        else:
            found.append(target)
    return found


def _ranges(numbers: list[int]) -> str:
    return ", ".join(map(str, numbers)) if len(numbers) <= 6 else f"{numbers[0]}-{numbers[-1]}"


def _walk(start: int, targets: Mapping[int, list[int]]) -> set[int]:
    seen, queue = {start}, deque([start])
    while queue:
        for target in targets.get(queue.popleft(), []):
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


def _walk_back(ends: set[int], targets: Mapping[int, list[int]]) -> set[int]:
    sources: dict[int, list[int]] = {}
    for number, outs in targets.items():
        for target in outs:
            sources.setdefault(target, []).append(number)
    seen, queue = set(ends), deque(ends)
    while queue:
        for source in sources.get(queue.popleft(), []):
            if source not in seen:
                seen.add(source)
                queue.append(source)
    return seen


def check_sops(
    check: CellChecker, sops: list[Record], processes: Mapping[str, Record], steps: list[Record]
) -> None:
    """The SOP sheet: one row per known process, dates in order; a process without steps is noted."""
    sheet = check.title(SOP.key)
    codes = _lookup(processes)
    with_steps = {str(value_of(r, "process")).casefold() for r in steps if value_of(r, "process")}
    seen: dict[str, Record] = {}
    for record in sops:
        code = value_of(record, "process")
        if code is None:
            continue
        known = codes.get(str(code).casefold())
        where = ref_of(record, "process")
        if known is None:
            check.problems.error(
                f'Kode Proses "{code}" tidak ada di lembar {check.title("processes")}.'
                + _maybe(str(code), list(processes)),
                sheet=sheet,
                cell=where,
                value=code,
            )
            continue
        if known.casefold() in seen:
            first = ref_of(seen[known.casefold()], "process")
            check.problems.error(
                f"Identitas SOP proses {known} sudah ada di {sheet}!{first}; satu baris per proses.",
                sheet=sheet,
                cell=where,
                value=code,
            )
            continue
        seen[known.casefold()] = record
        if known.casefold() not in with_steps:
            check.problems.warning(
                f"Proses {known} belum punya langkah di lembar {check.title(LANGKAH.key)}; identitas SOP "
                "ini tidak dicetak.",
                sheet=sheet,
                cell=where,
            )
        made = value_of(record, "made")
        for key, label in (("revised", "Tanggal Revisi"), ("effective", "Tanggal Efektif")):
            later = value_of(record, key)
            if made is not None and later is not None and later < made:
                check.problems.warning(
                    f"{label} lebih awal daripada Tanggal Pembuatan.", sheet=sheet, cell=ref_of(record, key)
                )


def kinerja_codes(value: object) -> list[str]:
    """The codes of a Kode Kinerja cell: "K3, K4" -> ["K3", "K4"]."""
    if value is None:
        return []
    return [part.strip() for part in _CODE_SEPARATOR.split(str(value)) if part.strip()]


def check_kinerja_links(
    check: CellChecker, processes: Mapping[str, Record], kinerja: Mapping[str, Record]
) -> None:
    """Every code in the Proses sheet's Kode Kinerja column is a code of the Kinerja sheet."""
    known = _lookup(kinerja)
    for record in processes.values():
        for code in kinerja_codes(value_of(record, "kinerja")):
            if code.casefold() not in known:
                check.problems.error(
                    f'"Kode Kinerja" merujuk kode "{code}" yang tidak ada di lembar {check.title("kinerja")}.'
                    + _maybe(code, list(kinerja)),
                    sheet=check.title("processes"),
                    cell=ref_of(record, "kinerja"),
                    value=code,
                )


# --- building the model --------------------------------------------------------------------------


def build_steps(
    steps: list[Record], processes: Mapping[str, Record], units: Mapping[str, Record], relations: list[Record]
) -> tuple[Step, ...]:
    """The steps of a valid workbook, by process (Proses sheet order) then number; next resolved."""
    codes = _lookup(processes)
    pelaksana = Pelaksana.of(units, relations)
    grouped: dict[str, list[Record]] = {}
    for record in steps:
        grouped.setdefault(codes[str(value_of(record, "process")).casefold()], []).append(record)
    built: list[Step] = []
    for code in processes:
        records = sorted(grouped.get(code, []), key=lambda r: value_of(r, "number"))
        numbers = [value_of(r, "number") for r in records]
        for index, record in enumerate(records):
            kind = StepKind(value_of(record, "kind"))
            following = value_of(record, "next")
            if following is None and kind in (StepKind.MULAI, StepKind.KEGIATAN):
                following = numbers[index + 1]
            built.append(
                Step(
                    process=code,
                    number=int(value_of(record, "number")),
                    activity=str(value_of(record, "activity")),
                    pelaksana=str(pelaksana.resolve(value_of(record, "pelaksana"))),
                    kind=kind,
                    next=following if kind in (StepKind.MULAI, StepKind.KEGIATAN) else None,
                    yes=value_of(record, "yes") if kind is StepKind.KEPUTUSAN else None,
                    no=value_of(record, "no") if kind is StepKind.KEPUTUSAN else None,
                    **{
                        k: str(value_of(record, k) or "")
                        for k in ("kelengkapan", "waktu", "output", "keterangan")
                    },
                )
            )
    return tuple(built)


def items(record: Record, key: str) -> tuple[str, ...]:
    """A cell holding one item per line (Alt+Enter) as its items, typed numbering removed."""
    cell = record[key].cell
    if cell is None or cell.value is None or value_of(record, key) is None:
        return ()
    text = str(cell.value)
    text = unescape(text) if "_x" in text else text
    lines = (clean_text(_LIST_MARK.sub("", line)) for line in text.replace("\r", "\n").split("\n"))
    return tuple(line for line in lines if line)


def build_sops(sops: list[Record], processes: Mapping[str, Record]) -> tuple[SopIdentity, ...]:
    """The SOP identities of a valid workbook, in SOP sheet order."""
    codes = _lookup(processes)
    built = []
    for record in sops:
        text = {k: str(value_of(record, k) or "") for k in ("number", "name", "approver", "approver_name")}
        built.append(
            SopIdentity(
                process=codes[str(value_of(record, "process")).casefold()],
                **text,
                made=value_of(record, "made"),
                revised=value_of(record, "revised"),
                effective=value_of(record, "effective"),
                approver_nip=str(value_of(record, "approver_nip") or ""),
                **{
                    k: items(record, k)
                    for k in (
                        "dasar_hukum",
                        "kualifikasi",
                        "keterkaitan",
                        "peralatan",
                        "peringatan",
                        "pencatatan",
                    )
                },
            )
        )
    return tuple(built)


def locate(titles: Mapping[str, str], tables: Mapping[str, list[Record]]) -> Locations:
    """The cells of every coded record (units, processes, kinerja, steps, SOP identities)."""
    cells: dict[tuple[str, str], dict[str, str]] = {}
    headers: dict[tuple[str, str], str] = {}
    keyed = {"units": "code", "processes": "code", "kinerja": "code", "sop": "process"}
    for sheet in SHEETS:
        if sheet.layout is not Layout.TABLE:
            continue
        for record in tables.get(sheet.key, []):
            refs = {key: value.cell.ref for key, value in record.items() if value.cell is not None}
            for key, ref in refs.items():
                headers.setdefault((sheet.key, key), re.sub(r"\d+$", "1", ref))
            if sheet.key == LANGKAH.key:
                process, number = value_of(record, "process"), value_of(record, "number")
                if process is not None and number is not None:
                    cells.setdefault((sheet.key, step_key(str(process), number)), refs)
            elif sheet.key in keyed and value_of(record, keyed[sheet.key]) is not None:
                cells.setdefault((sheet.key, str(value_of(record, keyed[sheet.key]))), refs)
    return Locations(dict(titles), cells, headers)
