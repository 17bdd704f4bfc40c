"""Everything templates/keputusan.docx prints, preformatted from a Decree (the template only loops)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from . import figures as fig
from .diagrams import Diagram, fit_width_mm
from .figures import CATEGORY_HEADINGS, Figure
from .formatting import (
    diktum_ordinal,
    format_date,
    format_month_year,
    format_nip,
    letter_label,
    normalize_golongan,
    pangkat_for,
)
from .model import Category, Decree, Indicator, Kinerja, Office, Paper, Unit
from .narrative import Section, build_narrative
from .schema import TTE_FOOTER
from .steps import processes_with_steps

ImageFactory = Callable[[Path | bytes, float], object]
"""(picture path or checked bytes, width in mm) -> a docxtpl InlineImage for the document being rendered."""

BLANK = "\u00a0" * 24
"""A place left empty to fill by hand (number, date, name): non-breaking spaces, never invented text."""
DAY_BLANK = "\u00a0" * 8
"""The day of a drafting date ("        Februari 2021"), written in when the decree is signed."""

MARGINS_MM = (30 + 20, 20 + 25)  # left + right, top + bottom: the template's section margins
FIGURE_ALLOWANCE_MM = 45  # heading, caption and spacing that share a page with a figure
FIGURE_SLACK_MM = 0.5  # margins are stored in twips: keep pictures clear of the rounded edge
LOGO_WIDTH_MM = 20
Row = dict[str, object]


# ---------------------------------------------------------------------------- small helpers


def text_width_mm(paper: Paper, margins_mm: tuple[float, float] = MARGINS_MM) -> float:
    """Width of the text block on this paper (margins: left + right, top + bottom)."""
    return paper.size_mm[0] - margins_mm[0]


def text_height_mm(paper: Paper, margins_mm: tuple[float, float] = MARGINS_MM) -> float:
    """Height of the text block on this paper."""
    return paper.size_mm[1] - margins_mm[1]


TEMPLATE_MARGINS_MM = (30, 20, 20, 25)  # left, right, top, bottom of templates/keputusan.docx


def margins_mm(decree: Decree) -> tuple[float, float]:
    """(left + right, top + bottom) of the decree's pages: the Tata Naskah's margins over the template's."""
    left, right, top, bottom = (
        given if given is not None else default
        for given, default in zip(decree.tata_naskah.margins_mm, TEMPLATE_MARGINS_MM, strict=True)
    )
    return left + right, top + bottom


def _or_blank(text: str) -> str:
    return text if text.strip() else BLANK


def _lines(text: str) -> str:
    """Line breaks typed in a cell kept as line breaks; each line trimmed."""
    return "\n".join(line.strip() for line in text.strip().splitlines() if line.strip())


DEFAULT_TUPOKSI_HEADING = "TUGAS POKOK DAN FUNGSI"
DEFAULT_INSTRUMENT_HEADING = "ISI TABEL INSTRUMEN"
DEFAULT_SKEMA_HEADING = "SKEMA PROSES BISNIS"


def default_iku_title(kecamatan_title: str) -> str:
    """ "INDIKATOR KINERJA UTAMA KECAMATAN SALE": the IKU table's heading when the workbook gives none."""
    return f"INDIKATOR KINERJA UTAMA {kecamatan_title.upper()}"


def split_title(title: str, min_length: int = 40) -> str:
    """A long title on two lines, broken before its last "KABUPATEN"/"KOTA" as the seed prints it."""
    text = _lines(title)
    if "\n" in text or len(text) < min_length:
        return text
    cut = max(text.upper().rfind(" KABUPATEN "), text.upper().rfind(" KOTA "))
    return f"{text[:cut]}\n{text[cut + 1 :]}" if cut > 0 else text


def _numbered(texts: Sequence[str]) -> list[Row]:
    return [{"label": f"{i}.", "text": t} for i, t in enumerate(texts, start=1)]


def _lettered(texts: Sequence[str]) -> list[Row]:
    return [{"label": letter_label(i), "text": t} for i, t in enumerate(texts, start=1)]


def _clauses(head: str, rows: list[Row]) -> list[Row]:
    """Menimbang/Mengingat rows: the label and colon on the first only."""
    return [
        {"head": head if i == 0 else "", "colon": ":" if i == 0 else "", **row} for i, row in enumerate(rows)
    ]


# ---------------------------------------------------------------------------- decree parts


def _kop_lines(decree: Decree) -> list[str]:
    """The lines under the kecamatan's name: the Kop sheet as written, else the composed address."""
    if decree.office.kop_lines:
        return list(decree.office.kop_lines)
    return [line for line in _kop_address(decree).split("\n") if line]


def _number_line(decree: Decree) -> str:
    """ "NOMOR 890 /    /2020", "Nomor : 188 / / 427.95 / 2021": the label as the office writes it."""
    return f"{decree.info.number_label} {_or_blank(decree.info.number)}"


def _date_text(decree: Decree) -> str:
    """ "29 Mei 2020"; a drafting date with the day left blank; a blank when no date is known."""
    info = decree.info
    if info.date:
        return format_date(info.date)
    if info.drafted:
        return f"{DAY_BLANK}{format_month_year(info.drafted)}"
    return BLANK


def _cover_title(decree: Decree) -> str:
    """The cover's lines: as the workbook writes them, else from the subject."""
    info = decree.info
    if info.cover_title.strip():
        return _lines(info.cover_title)
    return derived_cover_title(decree.office.kecamatan, info.year, info.title, bool(decree.processes))


def derived_cover_title(kecamatan: str, year: int, title: str, processes: bool) -> str:
    """The cover's lines when Judul Sampul is empty: PROSES BISNIS for a Peta Proses Bisnis, else the
    subject."""
    if processes:
        return f"PROSES BISNIS\nKECAMATAN {kecamatan.strip().upper()}\nTAHUN {year}"
    return f"{split_title(title)}\nTAHUN {year}"


def _kop_address(decree: Decree) -> str:
    return composed_kop_address(decree.office)


def composed_kop_address(office: Office) -> str:
    """Address, telephone, postal code and place; email and website on a second line."""
    phone = office.phone.strip()
    if phone and not phone.lower().startswith("tel"):
        phone = f"Telp. {phone}"
    first = [office.address.strip(), phone]
    if office.postal_code.strip():
        first.append(f"Kode Pos {office.postal_code.strip()}")
    first.append(office.locality.strip())
    second = [
        f"{label} {value.strip()}"
        for label, value in (("Email:", office.email), ("Laman:", office.website))
        if value.strip()
    ]
    lines = [" ".join(p for p in first if p), "  ".join(second)]
    return "\n".join(line for line in lines if line)


def _signer(decree: Decree) -> Row:
    signer = decree.signer
    pangkat = signer.pangkat.strip() or (pangkat_for(signer.golongan) or "" if signer.golongan else "")
    golongan = normalize_golongan(signer.golongan) if signer.golongan.strip() else None
    if signer.show_golongan and golongan:
        pangkat = f"{pangkat} ({golongan})" if pangkat else golongan
    return {
        "position": "\n".join(signer.position_lines),
        "position_lines": list(signer.position_lines),
        "name": _or_blank(signer.name),
        "pangkat": pangkat,
        "nip": format_nip(signer.nip) if signer.nip.strip() else BLANK,
        "electronic": signer.electronic,
    }


def _diktum(decree: Decree) -> list[Row]:
    return [
        {"ordinal": diktum_ordinal(d.number), "text": d.text, "butir": _lettered(d.items)}
        for d in decree.diktum
    ]


# ---------------------------------------------------------------------------- figures


class Figures:
    """The planned figures of a decree, each with its picture when one was drawn."""

    def __init__(self, decree: Decree, images: Mapping[str, Diagram], image: ImageFactory) -> None:
        self.plan = fig.plan_figures(decree)
        self._by_key = {f.key: f for f in self.plan}
        self._images = images
        self._image = image
        margins = margins_mm(decree)
        self._width = text_width_mm(decree.info.paper, margins) - FIGURE_SLACK_MM
        self._height = text_height_mm(decree.info.paper, margins) - FIGURE_ALLOWANCE_MM

    def __contains__(self, key: str) -> bool:
        return key in self._by_key

    def caption(self, key: str) -> str:
        return self._by_key[key].caption

    def get(self, key: str | None) -> Row | None:
        """{label, caption, text, image} of a planned figure; None when it is not planned."""
        if key is None or key not in self._by_key:
            return None
        return self._row(self._by_key[key])

    def _row(self, figure: Figure) -> Row:
        """The figure's picture and caption, then each piece continuing it "(lanjutan)"."""
        diagram = self._images.get(figure.key)
        text = f"{figure.label} {figure.caption}"
        return {
            "label": figure.label,
            "caption": figure.caption,
            "text": text,
            "image": self._picture(diagram) if diagram is not None else None,
            "continued": [
                {"image": self._picture(piece), "text": f"{text} (lanjutan)"}
                for piece in (diagram.continued if diagram is not None else ())
            ],
        }

    def _picture(self, diagram: Diagram) -> object:
        return self._image(diagram.path, fit_width_mm(diagram, self._width, text_height_mm=self._height))


# ---------------------------------------------------------------------------- Lampiran parts


def _unit_rows(decree: Decree) -> list[Row]:
    """Roots and their children lettered; deeper units numbered under their lettered parent."""
    entries: list[tuple[Unit, list[Unit]]] = []
    for root in decree.unit_children(None):
        entries.append((root, []))
        for child in decree.unit_children(root.code):
            entries.append((child, _descendants(decree, child.code)))
    lines = [(unit, [m.name.strip().rstrip(" ;.,:") + ";" for m in members]) for unit, members in entries]
    rows: list[Row] = []
    for index, (unit, members) in enumerate(lines, start=1):
        name = unit.name.strip().rstrip(" ;.,:")
        text = f"{name}, terdiri dari :" if members else f"{name};"
        if index == len(lines):  # the list's last line ends without a semicolon, as in the seed
            members = [*members[:-1], members[-1].removesuffix(";")] if members else []
            text = text if members else text.removesuffix(";")
        rows.append({"label": letter_label(index), "text": text, "members": _numbered(members)})
    return rows


def _descendants(decree: Decree, code: str) -> list[Unit]:
    """Every unit below ``code``, depth first; iterative, and each unit once even in a cycle."""
    found: list[Unit] = []
    seen = {code}
    stack = list(reversed(decree.unit_children(code)))
    while stack:
        unit = stack.pop()
        if unit.code in seen:
            continue
        seen.add(unit.code)
        found.append(unit)
        stack.extend(reversed(decree.unit_children(unit.code)))
    return found


def _unit_order(decree: Decree) -> list[Unit]:
    """Every unit depth first from the roots; units outside the tree last, in workbook order."""
    ordered: list[Unit] = []
    for root in decree.unit_children(None):
        ordered.append(root)
        ordered.extend(_descendants(decree, root.code))
    codes = {u.code for u in ordered}
    return ordered + [u for u in decree.units if u.code not in codes]


def _tupoksi_units(decree: Decree) -> list[Row]:
    """ "1. Camat" with "a. Tugas Pokok :" paragraphs and "b. Fungsi :" numbered items."""
    tugas: dict[str, list[str]] = {}
    fungsi: dict[str, list[str]] = {}
    for record in decree.tupoksi:
        tugas.setdefault(record.unit, []).extend(record.tugas_pokok)
        fungsi.setdefault(record.unit, []).extend(record.fungsi)
    names = {u.code: (u.jabatan.strip() or u.name.strip()) for u in _unit_order(decree)}
    codes = [code for code in names if code in tugas] + [c for c in tugas if c not in names]
    rows: list[Row] = []
    for number, code in enumerate(codes, start=1):
        parts = [
            (title, paragraphs, items)
            for title, paragraphs, items in (
                ("Tugas Pokok :", tugas[code], []),
                ("Fungsi :", [], _numbered(fungsi[code])),
            )
            if paragraphs or items
        ]
        lettered = len(parts) > 1
        rows.append(
            {
                "heading": f"{number}. {names.get(code, code)}",
                "parts": [
                    {
                        "heading": f"{letter_label(i)} {title}" if lettered else title,
                        "paragraphs": paragraphs,
                        "butir": items,
                    }
                    for i, (title, paragraphs, items) in enumerate(parts, start=1)
                ],
            }
        )
    return rows


def _instrument_rows(decree: Decree) -> list[Row]:
    return [
        {
            "number": f"{i}.",
            "name": p.name,
            "category": p.category_label.strip() or p.category.value,
            "code": p.instrument_code.strip() or p.code,
        }
        for i, p in enumerate(decree.children(None), start=1)
    ]


def cascade_order(decree: Decree) -> list[Kinerja]:
    """Performance boxes depth first from the top; a box with an unknown parent starts a tree."""
    codes = {k.code for k in decree.kinerja}

    def parent(k: Kinerja) -> str | None:
        return k.parent if k.parent in codes and k.parent != k.code else None

    def children(code: str | None) -> list[Kinerja]:
        return sorted((k for k in decree.kinerja if parent(k) == code), key=lambda k: k.order)

    ordered: list[Kinerja] = []
    seen: set[str] = set()
    stack = list(reversed(children(None)))
    while stack:
        box = stack.pop()
        if box.code not in seen:
            seen.add(box.code)
            ordered.append(box)
            stack.extend(reversed(children(box.code)))
    return ordered + [k for k in decree.kinerja if k.code not in seen]  # boxes in a parent cycle


def _indicator_name(indicator: Indicator) -> str:
    target = indicator.target.strip()
    return f"{indicator.name.strip()} (target {target})" if target else indicator.name.strip()


def indicator_lines(box: Kinerja) -> list[str]:
    """ "Indikator : X" for one indicator; "Indikator :" then "1. X", "2. Y" for several."""
    measures = box.measures
    if len(measures) == 1:
        return [f"Indikator : {_indicator_name(measures[0])}"]
    if not measures:
        return []
    return ["Indikator :", *(f"{i}. {_indicator_name(m)}" for i, m in enumerate(measures, start=1))]


def _kinerja_rows(decree: Decree) -> list[Row]:
    """Each box and its indicators, one per line (lines of one paragraph)."""
    return [{"text": k.text, "indicator": "\n".join(indicator_lines(k))} for k in cascade_order(decree)]


def _iku_rows(decree: Decree) -> list[Row]:
    """The IKU table: indicators with a formula, source or target, under their box (named once)."""
    rows: list[Row] = []
    number = 0
    for box in cascade_order(decree):
        detailed = [m for m in box.measures if m.detailed]
        for index, measure in enumerate(detailed):
            if index == 0:
                number += 1
            rows.append(
                {
                    "number": f"{number}." if index == 0 else "",
                    "kinerja": box.text if index == 0 else "",
                    "indicator": measure.name,
                    "formula": measure.formula,
                    "source": measure.source,
                    "target": measure.target,
                }
            )
    return rows


def _iku_level_heading(decree: Decree) -> str:
    """ "SASARAN", or "TUJUAN / SASARAN" when the table holds several levels."""
    levels = dict.fromkeys(
        k.level.upper() for k in cascade_order(decree) if any(m.detailed for m in k.measures)
    )
    return " / ".join(levels) or "SASARAN"


def _narrative_rows(decree: Decree, figures: Figures) -> list[Row]:
    """Sections A, B, C ... flattened in print order; heading levels 1-3 pick Heading 2-4."""
    narrative = build_narrative(decree, fig.labels(figures.plan))
    return [_section_row(section, figures) for section in narrative.flat]


def _section_row(section: Section, figures: Figures) -> Row:
    return {
        "heading": section.heading,
        "level": min(max(section.level, 1), 3),
        "before": list(section.before),
        "figure": figures.get(section.figure),
        "after": list(section.after),
        "butir": _numbered(section.items),
    }


def _category_maps(decree: Decree, figures: Figures) -> list[Row]:
    """Narrative off: one heading and map per category, "PROSES BISNIS INTI KECAMATAN SALE", then the
    Peta Lintas Fungsi of each process with steps."""
    return [
        {
            "heading": f"{CATEGORY_HEADINGS[c]} {decree.kecamatan_title}".upper(),
            "figure": figures.get(fig.category_key(c)),
        }
        for c in Category
        if fig.category_key(c) in figures
    ] + _lintas_maps(decree, figures)


def _lintas_maps(decree: Decree, figures: Figures) -> list[Row]:
    """ "PETA LINTAS FUNGSI P.1.1.1. PROSES ..." and its map, for each process with steps."""
    return [
        {"heading": fig.lintas_caption(p).upper(), "figure": figures.get(fig.lintas_key(p.code))}
        for p in processes_with_steps(decree)
    ]


def _peta_title(decree: Decree, lampiran_title: str) -> str:
    """Heading over the narrative; empty when the Lampiran title already says the same."""
    title = f"PETA PROSES BISNIS {decree.kecamatan_title.upper()}"
    return "" if " ".join(lampiran_title.split()).upper() == title else title


def _numbered_headings(titles: Mapping[str, tuple[str, bool]]) -> dict[str, str]:
    """ "1. Sejarah Pembentukan", numbering only the sections that are printed."""
    headings: dict[str, str] = {}
    number = 0
    for key, (title, shown) in titles.items():
        if shown:
            number += 1
            headings[key] = f"{number}. {title}"
        else:
            headings[key] = ""
    return headings


# ---------------------------------------------------------------------------- the context


def build_context(decree: Decree, images: Mapping[str, Diagram], image: ImageFactory) -> dict[str, object]:
    """Every value the template prints, as strings, lists of rows and section flags."""
    office, info, lampiran = decree.office, decree.info, decree.lampiran
    kecamatan = office.kecamatan.strip()
    figures = Figures(decree, images, image)
    date_text = _date_text(decree)
    lampiran_title = _lines(lampiran.title) or split_title(info.title)
    iku_rows = _iku_rows(decree)
    has_iku = any(row["formula"] for row in iku_rows)
    signer = _signer(decree)
    tata = decree.tata_naskah

    has_susunan = lampiran.organisation and bool(
        lampiran.dasar_susunan or lampiran.susunan_intro.strip() or decree.units
    )
    headings = _numbered_headings(
        {
            "sejarah": ("Sejarah Pembentukan", bool(lampiran.sejarah)),
            "dasar_hukum": ("Dasar Hukum", bool(lampiran.dasar_hukum)),
            "susunan": ("SUSUNAN ORGANISASI", has_susunan),
        }
    )
    tupoksi_units = _tupoksi_units(decree)
    has_peta = bool(decree.processes)
    narrative = lampiran.narrative
    has_keterkaitan = fig.KETERKAITAN in figures

    return {
        "paper": info.paper.value,
        # cover
        "has_cover": info.cover,
        "cover_title": _cover_title(decree),
        "has_regulasi": bool(decree.regulasi),
        "regulasi": list(decree.regulasi),
        # kop
        "logo": image(office.logo.data, LOGO_WIDTH_MM) if office.logo else "",
        "kop_government": office.government,
        "kop_kecamatan": f"KECAMATAN {kecamatan.upper()}",
        "kop_address": _kop_address(decree),
        "kop_lines": _kop_lines(decree),
        # title block
        "decree_heading": f"KEPUTUSAN CAMAT {kecamatan.upper()}",
        "number": _or_blank(info.number),
        "number_line": _number_line(decree),
        "title": split_title(info.title),
        "with_blessing": info.with_blessing,
        "office_line": info.office_line,
        # body
        "menimbang": _clauses("Menimbang", _lettered(decree.menimbang)),
        "mengingat": _clauses("Mengingat", _numbered(decree.mengingat)),
        "diktum": _diktum(decree),
        "place": info.place,
        "date_text": date_text,
        "signer": signer,
        # electronic signature (TTE)
        "tte": signer["electronic"],
        "tte_footer": _lines(tata.tte_footer) or TTE_FOOTER,
        "tte_anchor": tata.tte_anchor.strip(),
        "has_tembusan": bool(decree.tembusan),
        "tembusan": _numbered(decree.tembusan),
        # Lampiran header
        "has_lampiran": decree.has_lampiran,
        "lampiran_of": f"Keputusan Camat {kecamatan}\n{office.regency.strip()}",
        "lampiran_title": lampiran_title,
        # 1-3
        "has_sejarah": bool(lampiran.sejarah),
        "sejarah_heading": headings["sejarah"],
        "sejarah": list(lampiran.sejarah),
        "has_dasar_hukum": bool(lampiran.dasar_hukum),
        "dasar_hukum_heading": headings["dasar_hukum"],
        "dasar_hukum": list(lampiran.dasar_hukum),
        "has_susunan": has_susunan,
        "susunan_heading": headings["susunan"],
        "dasar_susunan": _lettered(lampiran.dasar_susunan),
        "susunan_intro": lampiran.susunan_intro.strip(),
        "units": _unit_rows(decree),
        "bagan_title": _lines(lampiran.bagan_title),
        "figure_organisasi": figures.get(fig.ORGANISASI),
        # tugas pokok dan fungsi
        "has_tupoksi": bool(tupoksi_units or lampiran.tupoksi_intro),
        "tupoksi_heading": lampiran.tupoksi_heading.strip() or DEFAULT_TUPOKSI_HEADING,
        "tupoksi_title": _lines(lampiran.tupoksi_title),
        "tupoksi_intro": list(lampiran.tupoksi_intro),
        "tupoksi_units": tupoksi_units,
        # instrument table
        "has_instrument": lampiran.instrument_table and has_peta,
        "instrument_heading": lampiran.instrument_heading.strip() or DEFAULT_INSTRUMENT_HEADING,
        "instrument_rows": _instrument_rows(decree),
        # keterkaitan RPJMD - Renstra
        "has_keterkaitan": has_keterkaitan,
        "keterkaitan_title": _lines(lampiran.keterkaitan_title)
        or (figures.caption(fig.KETERKAITAN).upper() if has_keterkaitan else ""),
        "has_keterkaitan_columns": bool(
            lampiran.keterkaitan_rpjmd.strip() or lampiran.keterkaitan_renstra.strip()
        ),
        "keterkaitan_rpjmd": _lines(lampiran.keterkaitan_rpjmd),
        "keterkaitan_renstra": _lines(lampiran.keterkaitan_renstra),
        "figure_keterkaitan": figures.get(fig.KETERKAITAN),
        # peta proses bisnis
        "has_peta": has_peta,
        "narrative": narrative,
        "peta_title": _peta_title(decree, lampiran_title),
        "narrative_sections": _narrative_rows(decree, figures) if has_peta and narrative else [],
        "figure_peta": figures.get(fig.PETA),
        "category_maps": _category_maps(decree, figures) if not narrative else [],
        "skema_heading": lampiran.skema_heading.strip() or DEFAULT_SKEMA_HEADING,
        # cascading kinerja
        "has_cascading": bool(decree.kinerja),
        "cascading_title": _lines(lampiran.cascading_title)
        or (figures.caption(fig.CASCADING) if decree.kinerja else ""),
        "figure_cascading": figures.get(fig.CASCADING),
        "kinerja": _kinerja_rows(decree),
        # indikator kinerja utama
        "has_iku": has_iku,
        "iku_title": _lines(lampiran.iku_title) or default_iku_title(decree.kecamatan_title),
        "iku_level": _iku_level_heading(decree) if has_iku else "",
        "iku_has_target": has_iku and any(row["target"] for row in iku_rows),
        "iku_rows": iku_rows if has_iku else [],
    }
