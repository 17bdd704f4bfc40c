"""After the pass: values that come from several parts (names, year, paper, flags), the unit tree with
its tupoksi, the processes and parties of the narrative, the kinerja boxes; and every guess as a doubt."""

from __future__ import annotations

import datetime as dt
import re
from difflib import SequenceMatcher

from .. import formatting as fmt
from ..context import default_iku_title, derived_cover_title, split_title
from ..figures import cascading_caption, keterkaitan_caption
from ..model import Category
from ..schema import CATEGORY_SYNONYMS
from .draft import Draft
from .indicators import match_iku, write_measures
from .listing import split_listing
from .naskah import tata_naskah
from .parts.kinerja import Box
from .parts.kop import read_kop
from .parts.lampiran import lampiran_date
from .parts.organisation import UnitLine, unit_name
from .parts.peta import Narrative
from .reading import LAMPIRAN, Items, Reading
from .shape import Shape, clean

PAPERS = {"F4": (215.0, 330.0), "A4": (210.0, 297.0)}
PAPER_TOLERANCE_MM = 3.0
CODE_PREFIX = {Category.MANAJERIAL: "M", Category.UTAMA: "U", Category.PENDUKUNG: "D", Category.LAINNYA: "L"}
MATCH_RATIO = 0.6
PROCESS_RATIO = 0.9  # a process name misspelt in one sentence ("Penyampian" for "Penyampaian")


def finish(reading: Reading, today: dt.date | None = None) -> Draft:
    """Fill what the parts could not fill alone; return the finished draft."""
    _kop_from_header(reading)
    _logo(reading)
    _names(reading)
    _decree(reading, today or dt.date.today())
    _lampiran(reading)
    _units(reading)
    _processes(reading)
    _kinerja(reading)
    _cover(reading)
    _headings(reading)
    tata_naskah(reading)
    _required(reading)
    return reading.draft


# --- names ----------------------------------------------------------------------------------------


def _kop_from_header(reading: Reading) -> None:
    """A kop typed in the page header: from its PEMERINTAH (or KECAMATAN) line on."""
    if reading.seen("kop"):
        return
    lines = [line for line in reading.printed.header_lines if not line.blank]
    start = next(
        (i for i, line in enumerate(lines) if line.text.upper().startswith(("PEMERINTAH ", "KECAMATAN "))),
        None,
    )
    if start is not None:
        read_kop(lines[start:], reading)


PICTURES = {b"\x89PNG\r\n\x1a\n": ".png", b"\xff\xd8\xff": ".jpg"}


def _logo(reading: Reading) -> None:
    """The first picture of the kop, when it is a PNG or JPEG the workbook's Logo can name."""
    keys = [str(k) for k in reading.facts.get("kop_images", [])]  # type: ignore[union-attr]
    keys += [key for line in reading.printed.header_lines for key in line.images]
    kinds: list[str] = []
    for key in keys:
        found = reading.printed.picture(key)
        if found is None:
            continue
        kind, data = found
        suffix = next((s for magic, s in PICTURES.items() if data.startswith(magic)), None)
        if suffix:
            reading.facts["logo"] = (suffix, data)
            return
        kinds.append(kind.rsplit("/", 1)[-1] or "tidak dikenal")
    if kinds:
        reading.draft.doubt(
            "office",
            "logo",
            f"lambang pada kop ({kinds[0]}) bukan gambar PNG atau JPG yang dapat dipakai; simpan lambangnya "
            "sebagai PNG lalu tulis nama berkasnya di sel ini.",
        )


def mixed_case(phrase: str, texts: list[str]) -> str | None:
    """How a phrase printed in capitals is written in running text ("SALE" -> "Sale"), if anywhere."""
    words = phrase.split()
    if not words:
        return None
    pattern = re.compile(r"\b" + r"\s+".join(re.escape(w) for w in words) + r"\b", re.IGNORECASE)
    for text in texts:
        for match in pattern.finditer(text):
            found = match.group(0)
            if not found.isupper():
                return " ".join(found.split())
    return None


def _after(word: str, text: str) -> str:
    match = re.search(rf"\b{word}\s+(.+)$", text, re.IGNORECASE)
    return clean(match[1]) if match else ""


def _cut_region(text: str) -> tuple[str, str]:
    """ "SALE KABUPATEN REMBANG," -> ("SALE", "KABUPATEN REMBANG")."""
    text = text.strip(" ,.")
    match = re.search(r"\s+((?:KABUPATEN|KOTA)\s+.+)$", text, re.IGNORECASE)
    return (text[: match.start()].strip(), match[1].strip(" ,.")) if match else (text, "")


def _fill_name(draft: Draft, column: str, printed: str, written: str | None, what: str) -> None:
    """A name as running text writes it; only capitals printed: title case, and a doubt saying so."""
    if written:
        draft.setdefault("office", column, written)
        return
    draft.setdefault(
        "office",
        column,
        printed.title(),
        doubt=f'{what} hanya tercetak dalam huruf kapital ("{printed}"); ditulis "{printed.title()}".',
    )


def _names(reading: Reading) -> None:
    draft, facts = reading.draft, reading.facts
    texts = reading.texts()
    of = [str(x) for x in facts.get("lampiran_of", [])]  # type: ignore[union-attr]
    of_name = _cut_region(_after("camat", of[0]))[0] if of else ""
    heading_name, heading_region = _cut_region(_after("camat", str(facts.get("heading", ""))))
    office_name, office_region = _cut_region(_after("camat", str(draft.get("decree", "office_line") or "")))
    name = str(facts.get("kop_kecamatan") or heading_name or office_name or of_name)
    if name:
        written = of_name if of_name and not of_name.isupper() and of_name.upper() == name.upper() else None
        found = mixed_case(f"Kecamatan {name}", texts)
        written = written or (found.split(None, 1)[1] if found else None) or mixed_case(name, texts)
        _fill_name(draft, "kecamatan", name, written, "nama kecamatan")
    government = str(draft.get("office", "government") or "")
    region = ""
    if len(of) > 1 and re.match(r"^(kabupaten|kota)\b", of[1], re.IGNORECASE):
        region = of[1].strip(" ,.")
    region = region or _after("pemerintah", government) or heading_region or office_region
    if region:
        written = region if not region.isupper() else mixed_case(region, texts)
        _fill_name(draft, "regency", region, written, "nama kabupaten/kota")
    regency = str(draft.get("office", "regency") or "")
    if not government and regency:
        draft.set(
            "office",
            "government",
            f"PEMERINTAH {regency.upper()}",
            doubt="kop tidak memuat baris PEMERINTAH ...; disusun dari nama kabupaten/kota.",
        )


# --- the decree -----------------------------------------------------------------------------------


def _year(reading: Reading, today: dt.date) -> None:
    draft, facts = reading.draft, reading.facts
    date = draft.get("decree", "date")
    drafted = fmt.parse_month_year(date) if isinstance(date, str) else None
    if isinstance(date, dt.date) or drafted is not None:
        draft.set("decree", "year", date.year if isinstance(date, dt.date) else drafted.year)
        return
    for source, text in (
        ("nomor keputusan", str(draft.get("decree", "number") or "")),
        ("halaman sampul", str(facts.get("cover_year", ""))),
        ("judul", str(draft.get("decree", "title") or "")),
        ("judul Lampiran", str(facts.get("lampiran_title", ""))),
    ):
        years = re.findall(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)", text)
        if years:
            draft.set(
                "decree",
                "year",
                int(years[-1]),
                doubt=f"tahun keputusan diambil dari {source} ({years[-1]}).",
            )
            return
    draft.set(
        "decree",
        "year",
        today.year,
        doubt=f"tahun keputusan tidak tertulis di dokumen (nomor dan tanggal kosong); diisi {today.year}.",
    )


def _paper(reading: Reading) -> None:
    size = reading.printed.paper_mm
    if size is None:
        reading.draft.set("decree", "paper", "F4", doubt="ukuran kertas tidak tercatat di dokumen; diisi F4.")
        return
    for name, (width, height) in PAPERS.items():
        if abs(size[0] - width) <= PAPER_TOLERANCE_MM and abs(size[1] - height) <= PAPER_TOLERANCE_MM:
            reading.draft.set("decree", "paper", name)
            return
    nearest = min(PAPERS, key=lambda n: abs(PAPERS[n][1] - size[1]) + abs(PAPERS[n][0] - size[0]))
    reading.draft.set(
        "decree",
        "paper",
        nearest,
        doubt=f"kertas dokumen {size[0]:.0f} x {size[1]:.0f} mm, bukan F4 atau A4; dipilih {nearest} yang "
        "paling dekat.",
    )


def _decree(reading: Reading, today: dt.date) -> None:
    draft, facts = reading.draft, reading.facts
    lampiran_date(reading)
    _year(reading, today)
    _paper(reading)
    draft.set("decree", "cover", bool(facts.get("cover")))
    number = facts.get("lampiran_number")
    current = draft.get("decree", "number")
    written = fmt.split_number_label(str(current))[1] if current is not None else ""
    if number is not None and not clean(written) and clean(str(number)):
        draft.set("decree", "number", str(number), doubt="nomor keputusan diambil dari kepala Lampiran.")
    elif number is not None and clean(str(number)) and clean(str(number)) != clean(written):
        draft.doubt(
            "decree",
            "number",
            f'nomor pada Lampiran ("{clean(str(number))}") berbeda; dipakai nomor di bawah judul keputusan.',
        )


def _lampiran(reading: Reading) -> None:
    draft, facts = reading.draft, reading.facts
    if reading.stage != LAMPIRAN:
        return  # no Lampiran printed: its switches keep their defaults, nothing says otherwise
    lines = [clean(str(line)) for line in facts.get("lampiran_title_lines", [])]  # type: ignore[union-attr]
    decree_title = split_title(str(draft.get("decree", "title") or "")).upper().split("\n")
    if lines and [line.upper() for line in lines] != decree_title:
        draft.set("lampiran", "title", "\n".join(lines))
    if "figure_chapter" in facts:
        chapter = str(facts["figure_chapter"])
        if chapter:
            draft.set("lampiran", "figure_chapter", chapter)
    draft.set("lampiran", "organisation", bool(facts.get("susunan")))
    draft.set("lampiran", "instrument_table", bool(facts.get("instrument_table")))
    narrative = facts.get("peta")
    if isinstance(narrative, Narrative):
        draft.set("lampiran", "narrative", narrative.seen_a)


def _cover(reading: Reading) -> None:
    """Judul Sampul only when the cover does not print what the template would derive by itself."""
    draft = reading.draft
    lines = [clean(str(line)) for line in reading.facts.get("cover_lines", [])]  # type: ignore[union-attr]
    if not lines:
        return
    derived = derived_cover_title(
        str(draft.get("office", "kecamatan") or ""),
        int(draft.get("decree", "year") or 0),  # type: ignore[call-overload]
        str(draft.get("decree", "title") or ""),
        bool(draft.rows("processes")),
    )
    if lines != derived.split("\n"):
        draft.set("decree", "cover_title", "\n".join(lines))


def _headings(reading: Reading) -> None:
    """A heading printed as the template prints it when the workbook is silent is left empty."""
    draft = reading.draft
    kecamatan = f"Kecamatan {draft.get('office', 'kecamatan') or ''}"
    for column, usual in (
        ("keterkaitan_title", keterkaitan_caption(kecamatan).upper()),
        ("cascading_title", cascading_caption(kecamatan)),
    ):
        if clean(str(draft.get("lampiran", column) or "")) == usual:
            draft.set("lampiran", column, None)
    title = [clean(str(line)) for line in reading.facts.get("iku_title", [])]  # type: ignore[union-attr]
    if title and " ".join(title) != default_iku_title(kecamatan):
        draft.set("lampiran", "iku_title", "\n".join(title))


# --- units and their duties -----------------------------------------------------------------------


def _key(name: str) -> str:
    words = clean(name).lower().split()
    if words and words[0] == "kepala":
        words = words[1:]
    return " ".join(words)


def _units(reading: Reading) -> None:
    draft = reading.draft
    lines: list[UnitLine] = list(reading.facts.get("unit_lines", []))  # type: ignore[arg-type]
    duties = list(reading.facts.get("duties", []))  # type: ignore[arg-type]
    codes: list[str] = []
    for index, unit in enumerate(lines):
        code = f"U{index + 1}"
        codes.append(code)
        record: dict[str, object] = {"code": code, "name": unit.name}
        if unit.parent is not None:
            record["parent"] = f"U{unit.parent + 1}"
        if re.search(r"\bjabatan\s+fungsional\b", unit.name, re.IGNORECASE):
            record["functional"] = True
        row = draft.add("units", record, *unit.blocks)
        if unit.inferred:
            parent = lines[unit.parent].name if unit.parent is not None else ""
            draft.doubt(
                "units",
                "parent",
                f'induk "{parent}" diduga: daftar mencetak unit ini sejajar dengan "{parent}", pimpinan di '
                "urutan pertama.",
                row,
            )
    units = draft.rows("units")
    matched: set[int] = set()
    last = -1
    for heading, line, tugas, fungsi in duties:
        target = _match_unit(heading, units, matched, last)
        if target is None:
            created = len(units)
            name = re.sub(r"^kepala\s+", "", unit_name(heading), flags=re.IGNORECASE) or heading
            record = {"code": f"U{created + 1}", "name": name}
            if created:
                record["parent"] = units[0]["code"]
            row = draft.add("units", record)
            reason = "unit ini hanya tercetak sebagai judul tugas pokok; " + (
                f'induknya diduga "{units[0]["name"]}".' if created else "dianggap pimpinan."
            )
            if created:
                draft.doubt("units", "parent", reason, row)
            target, exact = row, True
        else:
            target, exact = target
            if not exact:
                draft.doubt(
                    "units",
                    "jabatan",
                    f'judul tugas pokok "{heading}" dipasangkan ke unit "{units[target]["name"]}" karena '
                    "namanya paling mirip.",
                    target,
                )
        matched.add(target)
        last = max(last, target)
        units[target]["jabatan"] = heading
        draft.place(line)
        code = units[target]["code"]
        for item in tugas:
            draft.add("tupoksi", {"unit": code, "kind": "Tugas Pokok", "text": item.text}, *item.blocks)
        for item in fungsi:
            row = draft.add("tupoksi", {"unit": code, "kind": "Fungsi", "text": item.text}, *item.blocks)
            if item.nested:
                draft.doubt("tupoksi", "text", "butir bertingkat di bawahnya digabung ke fungsi ini.", row)


def _match_unit(
    heading: str, units: list[dict[str, object]], matched: set[int], last: int
) -> tuple[int, bool] | None:
    key = _key(heading)
    for index, unit in enumerate(units):
        if index not in matched and _key(str(unit["name"])) == key:
            return index, True
    best, score = None, MATCH_RATIO
    for index, unit in enumerate(units):
        if index in matched or index < last:
            continue
        ratio = SequenceMatcher(None, key, _key(str(unit["name"]))).ratio()
        if ratio > score:
            best, score = index, ratio
    return (best, False) if best is not None else None


# --- processes and their parties ------------------------------------------------------------------


def _tidy(name: str) -> str:
    return re.sub(r"\s+([,.;:])", r"\1", clean(name))


def _category_from(text: str) -> tuple[str, Category | None]:
    """ "Manajemen" -> ("Manajemen", MANAJERIAL): the label as printed and its category."""
    key = clean(text).casefold()
    for category in Category:
        if category.value.casefold() == key:
            return clean(text), category
    if key in CATEGORY_SYNONYMS:
        return clean(text), Category(CATEGORY_SYNONYMS[key])
    return clean(text), None


class _Process:
    def __init__(self, name: str, category: Category | None, parent: _Process | None = None) -> None:
        self.name = name
        self.category = category
        self.parent = parent
        self.code = ""
        self.category_label = ""
        self.instrument_code = ""
        self.description = ""
        self.children: list[_Process] = []
        self.blocks: list = []


def _descriptions(text: str, processes: list[_Process]) -> dict[int, str]:
    """A category paragraph's tail split into descriptions: each starts with its process's name."""
    if not text.strip():
        return {}
    starts: list[tuple[int, int]] = []
    for position, process in enumerate(processes):
        pattern = re.compile(rf"(?:^|(?<=[.!?])\s+){re.escape(process.name)}\b", re.IGNORECASE)
        match = pattern.search(text)
        if match:
            starts.append((match.start() if match.start() == 0 else match.start() + 1, position))
    starts.sort()
    found: dict[int, str] = {}
    for index, (start, position) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(text)
        found[position] = text[start:end].strip()
    if starts and starts[0][0] > 0:
        found[-1] = text[: starts[0][0]].strip()
    elif not starts:
        found[-1] = text.strip()
    return found


def _processes(reading: Reading) -> None:
    draft, facts = reading.draft, reading.facts
    narrative = facts.get("peta")
    instrument: list[dict[str, str]] = list(facts.get("instrument", []))  # type: ignore[arg-type]
    top: list[_Process] = []
    by_name: dict[str, _Process] = {}

    def known(name: str) -> _Process | None:
        return by_name.get(_tidy(name).casefold())

    def remember(process: _Process) -> None:
        by_name.setdefault(process.name.casefold(), process)

    if isinstance(narrative, Narrative):
        for sentence in narrative.categories:
            names_text, _, tail = sentence.text.partition(". ")
            names, certain = split_listing(names_text, sentence.count)
            found = []
            for name in names:
                process = _Process(_tidy(name), sentence.category)
                process.blocks = list(sentence.blocks)
                top.append(process)
                remember(process)
                found.append(process)
            if not certain:
                draft.doubt(
                    "processes",
                    "name",
                    f'daftar proses "{names_text[:80]}" dipisah menjadi {len(names)} nama; periksa.',
                    len(top) - len(found),
                )
            descriptions = _descriptions(tail, found)
            for position, text in descriptions.items():
                if position >= 0:
                    found[position].description = text
    for row in instrument:
        label, category = _category_from(row["category"])
        process = known(row["name"])
        if process is None:
            process = _Process(_tidy(row["name"]), category)
            top.append(process)
            remember(process)
        process.category_label = label if category is not None else ""
        process.category = process.category or category
        process.instrument_code = row["code"]
    if isinstance(narrative, Narrative):
        for heading in narrative.headings:
            process = known(heading.name)
            if process is None:
                process = _Process(_tidy(heading.name), heading.category)
                top.append(process)
                remember(process)
            process.code = heading.code
            if heading.description:
                process.description = heading.description
            if heading.children is not None:
                names, certain = split_listing(heading.children.text, heading.children.count)
                for name in names:
                    child = known(name) or _Process(_tidy(name), process.category, process)
                    child.parent = process
                    child.category = process.category
                    if child not in process.children:
                        process.children.append(child)
                    remember(child)
    ordered: list[_Process] = []

    def walk(process: _Process) -> None:
        ordered.append(process)
        for child in process.children:
            walk(child)

    for process in top:
        walk(process)
    _codes(top, draft)
    for process in ordered:
        record: dict[str, object] = {"code": process.code, "name": process.name}
        category = process.category or Category.LAINNYA
        record["category"] = process.category_label or category.value
        if process.parent is not None:
            record["parent"] = process.parent.code
        if process.description:
            record["description"] = process.description
        if process.instrument_code and process.instrument_code != process.code:
            record["instrument_code"] = process.instrument_code
        row = draft.add("processes", record)
        if process.category is None:
            draft.doubt(
                "processes", "category", "jenis proses tidak tercetak atau tidak dikenal; diisi Lainnya.", row
            )
    if isinstance(narrative, Narrative):
        _parties(narrative, ordered, draft)
        _intros(narrative, draft)


def _codes(top: list[_Process], draft: Draft) -> None:
    """Codes as printed where printed; the rest numbered after their parent or their category."""
    used = {p.code for p in _all(top) if p.code}
    instrument = [p.instrument_code for p in top if p.instrument_code]
    if instrument and len(set(instrument)) == len(instrument) and not used:
        for process in top:
            if process.instrument_code:
                process.code = process.instrument_code
                used.add(process.code)
    generated: list[_Process] = []

    def fresh(code: str) -> str:
        candidate, suffix = code, 1
        while candidate in used:
            suffix += 1
            candidate = f"{code}-{suffix}"
        used.add(candidate)
        return candidate

    counters: dict[Category | None, int] = {}
    prefixes: dict[Category | None, str] = {}
    for process in top:
        match = re.match(r"^([A-Za-z]+\.?\s?)\d+$", process.code)
        if match:
            prefixes.setdefault(process.category, match[1])
    for process in top:
        counters[process.category] = counters.get(process.category, 0) + 1
        if not process.code:
            prefix = prefixes.get(process.category, f"{CODE_PREFIX.get(process.category, 'P')}.")  # type: ignore[arg-type]
            process.code = fresh(f"{prefix}{counters[process.category]}")
            generated.append(process)

    def children(process: _Process) -> None:
        for position, child in enumerate(process.children, start=1):
            if not child.code:
                child.code = fresh(f"{process.code.rstrip('.')}.{position}")
                generated.append(child)
            children(child)

    for process in top:
        children(process)
    if generated:
        order = [p for p in _all(top)]
        draft.doubt(
            "processes",
            "code",
            f"kode {', '.join(p.code for p in generated[:6])}{' ...' if len(generated) > 6 else ''} tidak "
            "tercetak di dokumen dan diberikan program; boleh diganti asal lembar Relasi ikut diganti.",
            order.index(generated[0]),
        )


def _all(top: list[_Process]) -> list[_Process]:
    found: list[_Process] = []

    def walk(process: _Process) -> None:
        found.append(process)
        for child in process.children:
            walk(child)

    for process in top:
        walk(process)
    return found


def _parties(narrative: Narrative, ordered: list[_Process], draft: Draft) -> None:
    """Rows of the Relasi sheet from section B; a sentence that cannot be read whole stays unplaced."""
    by_name = {p.name.casefold(): p for p in ordered}
    names = [p.name for p in ordered]
    for sentence in narrative.relasi:
        if not sentence.process:
            pairs = _pairs(sentence.text, names)
            if pairs is None:
                draft.unplace(*sentence.blocks)
                continue
            for party, processes in pairs:
                for name in processes:
                    draft.add(
                        "relations",
                        {"process": by_name[name.casefold()].code, "party": _tidy(party)},
                        *sentence.blocks,
                    )
            continue
        process, exact = _process_named(sentence.process, by_name)
        if process is None:
            draft.unplace(*sentence.blocks)
            continue
        parties, certain = split_listing(sentence.text)
        for party in parties:
            row = draft.add("relations", {"process": process.code, "party": _tidy(party)}, *sentence.blocks)
            if not certain:
                draft.doubt(
                    "relations",
                    "party",
                    f'daftar pihak "{sentence.text[:80]}" dipisah menurut "dan"; periksa.',
                    row,
                )
            if not exact:
                draft.doubt(
                    "relations",
                    "process",
                    f'"{sentence.process}" tidak ada di daftar proses; dipasangkan ke {process.code} '
                    f'"{process.name}" yang namanya paling mirip.',
                    row,
                )


def _process_named(name: str, by_name: dict[str, _Process]) -> tuple[_Process | None, bool]:
    """The process a sentence names: exactly, or by a name that differs by a slip of typing."""
    key = _tidy(name).casefold()
    if key in by_name:
        return by_name[key], True
    best, score = None, PROCESS_RATIO
    for other, process in by_name.items():
        ratio = SequenceMatcher(None, key, other).ratio()
        if ratio > score:
            best, score = process, ratio
    return best, False


def _pairs(text: str, names: list[str]) -> list[tuple[str, list[str]]] | None:
    """ "yaitu A pada Proses X, B pada Proses Y dan Proses Z, serta C pada Proses W" -> pairs; None when
    the sentence is not read to its end (a process the lists do not know)."""
    body = re.sub(r"^(?:yaitu|antara\s+lain)\s*[,:]?\s*", "", text.strip(), flags=re.IGNORECASE).rstrip(" .")
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    if not alternation or not body:
        return None
    process_list = rf"(?:{alternation})(?:\s*(?:,|,?\s+dan)\s+(?:{alternation}))*"
    pair = re.compile(
        rf"(?:^|\s*,\s*(?:serta\s+)?|\s+serta\s+)(?P<party>.+?)\s+pada\s+(?P<procs>{process_list})"
        r"(?=\s*,|\s+serta\s|$)",
        re.IGNORECASE,
    )
    found: list[tuple[str, list[str]]] = []
    position = 0
    while position < len(body):
        match = pair.match(body, position)
        if not match:
            return None
        procs, _ = split_listing(match["procs"], known=names)
        found.append((match["party"], procs))
        position = match.end()
    return found


def _intros(narrative: Narrative, draft: Draft) -> None:
    for section, lines in (
        ("Pengantar Peta Proses", narrative.peta_intro),
        ("Pengantar Peta Relasi", narrative.relasi_intro),
    ):
        items = Items(paragraphs=True)
        for line in lines:
            items.feed(line, Shape("", False, "", line.text, line.text))
        for item in items:
            draft.add("texts", {"section": section, "text": item.text}, *item.blocks)
    for category, texts in narrative.category_intro.items():
        for text in texts:
            draft.add("texts", {"section": f"Uraian {category.title}", "text": text})


# --- kinerja --------------------------------------------------------------------------------------

LEVELS = ("Tujuan", "Sasaran", "Program", "Kegiatan", "Sub Kegiatan")


def _guess_level(box: Box, previous: str, source: str) -> str:
    if box.level:
        return box.level
    text = box.text
    words = text.split()
    first = words[0].lower() if words else ""
    if first == "program":
        return "Program"
    if first in ("kegiatan", "subkegiatan") or text.lower().startswith("sub kegiatan"):
        return "Sub Kegiatan" if "sub" in first or text.lower().startswith("sub") else "Kegiatan"
    if text.isupper():
        return "Sasaran" if first.endswith("nya") else "Tujuan"
    after = {"": "Program", "Tujuan": "Program", "Sasaran": "Program", "Program": "Kegiatan"}
    return after.get(previous, "Sub Kegiatan")


def _kinerja(reading: Reading) -> None:
    draft, facts = reading.draft, reading.facts
    matched = match_iku(
        list(facts.get("kinerja_boxes", [])),  # type: ignore[arg-type]
        list(facts.get("iku_rows", [])),  # type: ignore[arg-type]
        tuple(facts.get("iku_levels", ())),  # type: ignore[arg-type]
    )
    if matched.unmatched:
        draft.unplace(*facts.get("iku_tables", []))  # type: ignore[misc]  # no box to put it under
    boxes = matched.boxes
    columns = facts.get("keterkaitan_columns") or {}
    both = bool(reading.seen("keterkaitan"))
    source, previous = "RPJMD" if both else "Renstra", ""
    for index, box in enumerate(boxes):
        if both and source == "RPJMD" and index and _renstra_starts(box, previous):
            source, previous = "Renstra", ""
        if isinstance(columns, dict):
            if box.text in columns.get("Renstra", []):
                source = "Renstra"
            elif box.text in columns.get("RPJMD", []):
                source = "RPJMD"
        level = _guess_level(box, previous, source)
        record: dict[str, object] = {
            "code": f"K{index + 1}",
            "source": source,
            "level": level,
            "text": box.text,
        }
        write_measures(draft, str(record["code"]), record, matched.measures[index])
        if index:
            record["parent"] = f"K{index}"
        row = draft.add("kinerja", record, *box.blocks)
        draft.doubt(
            "kinerja",
            "level",
            f"tingkat {level}, dokumen {source}"
            + (f" dan induk K{index}" if index else "")
            + " diduga dari urutan dan bunyi kotak (hanya gambar cascading yang menunjukkannya).",
            row,
        )
        previous = level


def _renstra_starts(box: Box, previous: str) -> bool:
    """Where the cascade passes from the kabupaten's RPJMD to the kecamatan's Renstra."""
    text = box.text.upper()
    if "KECAMATAN" in text or "PERANGKAT DAERAH" in text:
        return True
    return (
        previous in ("Sasaran", "Program", "Kegiatan")
        and box.text.isupper()
        and not text.split()[0].endswith("NYA")
    )


# --- what the contract requires -------------------------------------------------------------------


def _required(reading: Reading) -> None:
    draft = reading.draft
    kecamatan = str(draft.get("office", "kecamatan") or "")
    regency = str(draft.get("office", "regency") or "")
    if kecamatan and not draft.get("decree", "office_line"):
        draft.set(
            "decree",
            "office_line",
            f"CAMAT {kecamatan} {regency},".upper().replace(" ,", ","),
            doubt="baris jabatan sebelum Menimbang tidak ditemukan; disusun dari nama kecamatan.",
        )
    if kecamatan and not draft.get("decree", "place"):
        draft.set(
            "decree", "place", kecamatan, doubt="tempat penetapan tidak ditemukan; diisi nama kecamatan."
        )
    if kecamatan and not draft.get("signer", "position"):
        draft.set(
            "signer",
            "position",
            f"CAMAT {kecamatan.upper()}",
            doubt="jabatan penanda tangan tidak ditemukan; diisi CAMAT dan nama kecamatan.",
        )
    for sheet, column, what in (
        ("office", "government", "baris PEMERINTAH ... pada kop"),
        ("office", "kecamatan", "nama kecamatan"),
        ("office", "regency", "nama kabupaten/kota"),
        ("decree", "title", "judul keputusan (setelah TENTANG)"),
    ):
        if not draft.get(sheet, column):
            draft.doubt(sheet, column, f"{what} tidak ditemukan di dokumen; isi sendiri.")
    for sheet, what in (
        ("menimbang", "Menimbang"),
        ("mengingat", "Mengingat"),
        ("diktum", "diktum KESATU ..."),
    ):
        if not draft.rows(sheet):
            draft.doubt(sheet, "text", f"butir {what} tidak ditemukan di dokumen; isi sendiri.")
