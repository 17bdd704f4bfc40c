"""Prose of the Lampiran's Peta Proses Bisnis sections (A, B, C ...), counted from the data."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from . import figures
from .formatting import clean_text, count_words, join_words, letter_label
from .model import Category, Decree, Process, StepKind
from .steps import lanes, party_key, processes_with_steps

PARTY = "Pihak / Elemen"
_SENTENCE_ENDS = (".", "!", "?")
_CLAUSE_ENDS = ",;:"
_SPACE_BEFORE_MARK = re.compile(r"\s+([,.;:!?])")


@dataclass(frozen=True)
class Section:
    """One titled part of the narrative; the template prints the fields top to bottom."""

    heading: str  # "A. PETA PROSES BISNIS KECAMATAN TEMPURSARI"; "" for an untitled block
    level: int  # 1: A, B, C ...; 2: a top-level process or a category block of B; 3+: deeper
    before: tuple[str, ...] = ()  # paragraphs before the figure
    figure: str | None = None  # figure key (figures.PETA, figures.process_key(code), ...)
    after: tuple[str, ...] = ()  # paragraphs after the figure
    items: tuple[str, ...] = ()  # numbered list "1.", "2.", ... printed after the paragraphs
    subsections: tuple[Section, ...] = ()

    def walk(self) -> Iterator[Section]:
        """This section, then every subsection depth first (an explicit stack, not recursion)."""
        stack: list[Section] = [self]
        while stack:
            section = stack.pop()
            yield section
            stack.extend(reversed(section.subsections))


@dataclass(frozen=True)
class Narrative:
    """Sections A (peta), B (relasi) and one per category with sub-processes, in print order."""

    peta: Section | None  # None: the decree has no processes
    relasi: Section | None  # None: the decree has no relations (no relationship map is drawn)
    categories: tuple[Section, ...]
    party_count: int  # distinct parties over all categories
    lintas: Section | None = None  # None: no process has steps (no cross-functional map is drawn)

    @property
    def sections(self) -> tuple[Section, ...]:
        """Top-level sections in print order."""
        return tuple(s for s in (self.peta, self.relasi, *self.categories, self.lintas) if s is not None)

    @property
    def flat(self) -> tuple[Section, ...]:
        """Every section and subsection in print order, for a template without recursion."""
        return tuple(sub for section in self.sections for sub in section.walk())

    def texts(self) -> Iterator[str]:
        """Every string the narrative prints."""
        for section in self.flat:
            yield section.heading
            yield from section.before
            yield from section.after
            yield from section.items


@dataclass(frozen=True)
class _Party:
    """A party as first written, with the processes that name it."""

    name: str
    processes: tuple[str, ...]


# --- small text helpers --------------------------------------------------------------------------


def _tidy(text: str) -> str:
    """Text with single spaces and no space before punctuation."""
    return _SPACE_BEFORE_MARK.sub(r"\1", clean_text(text))


def _sentence(text: str) -> str:
    """Text ending in exactly one sentence mark."""
    text = _tidy(text).rstrip(_CLAUSE_ENDS).rstrip()
    return text if text.endswith(_SENTENCE_ENDS) else f"{text}."


def _paragraph(*sentences: str) -> str:
    """Sentences joined into one paragraph, empty ones dropped."""
    return " ".join(_sentence(s) for s in sentences if _tidy(s))


def _listing(items: Sequence[str]) -> str:
    """ "yaitu A" for one item, "antara lain A, B, dan C" for more."""
    return f"yaitu {items[0]}" if len(items) == 1 else f"antara lain {join_words(items)}"


def _label(labels: Mapping[str, str], key: str) -> str:
    """ "Gambar 3.1." of a figure the narrative refers to; a clear error if it was not planned."""
    try:
        return labels[key]
    except KeyError:
        raise ValueError(
            f"no figure label for {key!r}: pass figures.labels(figures.plan_figures(decree))"
        ) from None


def _name(process: Process) -> str:
    """Process name as printed in prose."""
    return _tidy(process.name)


def _code(process: Process) -> str:
    """Code as written, ending in one dot: "P.1."."""
    code = clean_text(process.code)
    return code if code.endswith(".") else f"{code}."


# --- the process tree ----------------------------------------------------------------------------


def top_level(decree: Decree, category: Category) -> list[Process]:
    """Top-level processes of a category, in print order."""
    return [p for p in decree.children(None) if p.category is category]


def _subtree(decree: Decree, process: Process) -> Iterator[Process]:
    """A process and all its descendants, depth first (an explicit stack, not recursion)."""
    stack = [process]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(decree.children(current.code)))


def category_processes(decree: Decree, category: Category) -> list[Process]:
    """A category's processes and all their sub-processes, depth first."""
    return [p for top in top_level(decree, category) for p in _subtree(decree, top)]


def _categories(decree: Decree) -> list[Category]:
    """Categories that have top-level processes, in Category order."""
    return [c for c in Category if top_level(decree, c)]


def process_parties(decree: Decree, process: Process) -> list[str]:
    """Distinct parties of one process, as first written."""
    found: dict[str, str] = {}
    for relation in decree.relations:
        if relation.process == process.code and _tidy(relation.party):
            found.setdefault(party_key(relation.party), _tidy(relation.party))
    return list(found.values())


def _parties(decree: Decree, processes: Sequence[Process]) -> list[_Party]:
    """Distinct parties of some processes, each with the processes naming it, in first order."""
    names: dict[str, str] = {}
    users: dict[str, list[str]] = {}
    for process in processes:
        for party in process_parties(decree, process):
            key = party_key(party)
            names.setdefault(key, party)
            users.setdefault(key, []).append(_name(process))
    return [_Party(names[key], tuple(users[key])) for key in names]


def party_count(decree: Decree) -> int:
    """Distinct parties over all categories' processes."""
    processes = [p for c in Category for p in category_processes(decree, c)]
    return len(_parties(decree, processes))


# --- A. Peta Proses Bisnis -----------------------------------------------------------------------


def _peta_opening(decree: Decree, categories: Sequence[Category]) -> str:
    """ "Proses Bisnis Kecamatan X dibagi menjadi N yaitu ..."."""
    subject = f"Proses Bisnis {decree.kecamatan_title}"
    titles = [c.title for c in categories]
    count = count_words(len(titles))
    if len(titles) == 1:
        return _sentence(f"{subject} hanya terdiri atas {count} yaitu {titles[0]}")
    return _sentence(f"{subject} dibagi menjadi {count} yaitu {join_words(titles)}")


def _peta_lead(index: int, label: str, category: Category) -> str:
    """How the i-th category paragraph of section A starts, varied as a writer would."""
    if index == 0:
        return f"Pada {label} dapat dilihat bahwa {category.title} memiliki"
    if index == 1:
        return f"{category.title} pada gambar di atas memiliki"
    return f"Pada gambar di atas dapat dilihat juga bahwa {category.title} memiliki"


def _peta_category(decree: Decree, index: int, label: str, category: Category) -> str:
    """One category's top-level processes, counted and listed, then their descriptions."""
    processes = top_level(decree, category)
    names = [_name(p) for p in processes]
    count = (
        f"{_peta_lead(index, label, category)} {count_words(len(names))} proses di dalamnya "
        f"yaitu {join_words(names)}"
    )
    return _paragraph(count, *(p.description for p in processes))


def build_peta(decree: Decree, labels: Mapping[str, str], letter: str) -> Section:
    """Section A: the categories, the level-0 map and each category's top-level processes."""
    categories = _categories(decree)
    label = _label(labels, figures.PETA)
    return Section(
        heading=f"{letter} PETA PROSES BISNIS {decree.kecamatan_title.upper()}",
        level=1,
        before=(
            _peta_opening(decree, categories),
            *(_paragraph(t) for t in decree.lampiran.peta_intro if _tidy(t)),
        ),
        figure=figures.PETA,
        after=tuple(_peta_category(decree, i, label, c) for i, c in enumerate(categories)),
    )


# --- B. Peta Relasi ------------------------------------------------------------------------------


def _relasi_lead(index: int, total: int, label: str, category: Category) -> str:
    """How the i-th category block of section B starts: the figure first, "Sedangkan" last."""
    if index == 0:
        return f"Pada {label} dapat dilihat bahwa pada {category.title}"
    if index == total - 1:
        return f"Sedangkan pada {category.title}"
    return f"Pada {category.title}"


def _relasi_item(process: Process, parties: Sequence[str]) -> str:
    """One numbered item: the parties of one process."""
    return _sentence(f"Pada {_name(process)} {PARTY} yang terkait {_listing(parties)}")


def _relasi_block(decree: Decree, category: Category, lead: str) -> Section:
    """One category's parties: inline when each process names one party, else a numbered list."""
    processes = [
        (p, named) for p in category_processes(decree, category) if (named := process_parties(decree, p))
    ]
    parties = _parties(decree, [p for p, _ in processes])
    opening = f"{lead} terdapat {count_words(len(parties))} {PARTY} yang berkaitan dengan proses tersebut"
    if all(len(named) == 1 for _, named in processes):
        pairs = [f"{party.name} pada {join_words(party.processes)}" for party in parties]
        return Section("", 2, before=(_sentence(f"{opening}, yaitu {join_words(pairs, 'serta')}"),))
    return Section(
        "",
        2,
        before=(f"{opening}, antara lain:",),
        items=tuple(_relasi_item(p, named) for p, named in processes),
    )


def build_relasi(decree: Decree, labels: Mapping[str, str], letter: str) -> Section:
    """Section B: the relationship map and, per category, its distinct parties."""
    categories = [c for c in Category if _parties(decree, category_processes(decree, c))]
    label = _label(labels, figures.RELASI)
    blocks = tuple(
        _relasi_block(decree, c, _relasi_lead(i, len(categories), label, c)) for i, c in enumerate(categories)
    )
    return Section(
        heading=f"{letter} PETA RELASI {decree.kecamatan_title.upper()}",
        level=1,
        before=tuple(_paragraph(t) for t in decree.lampiran.relasi_intro if _tidy(t)),
        figure=figures.RELASI,
        subsections=blocks,
    )


# --- C ... per category --------------------------------------------------------------------------


def _with_count(intro: Sequence[str], subject: str, count: int) -> tuple[str, ...]:
    """Intro paragraphs with ", dimana pada X terdapat N proses di dalamnya." joined to the last."""
    paragraphs = [_tidy(t) for t in intro if _tidy(t)]
    clause = f"{subject} terdapat {count_words(count)} proses di dalamnya."
    if not paragraphs:
        return (f"Pada {clause}",)
    last = paragraphs[-1].rstrip(_CLAUSE_ENDS).rstrip()
    if last.endswith(_SENTENCE_ENDS):
        joined = f"{last} Pada {clause}"
    else:
        joined = f"{last}, dimana pada {clause}"
    return (*(_paragraph(p) for p in paragraphs[:-1]), joined)


def _children_sentence(process: Process, children: Sequence[Process]) -> str:
    """ "Pada X terdapat N proses di dalamnya antara lain ..."; the caller ends the sentence."""
    names = [_name(c) for c in children]
    return f"Pada {_name(process)} terdapat {count_words(len(names))} proses di dalamnya {_listing(names)}"


def _process_heading(process: Process, path: Sequence[int]) -> str:
    """ "P.1. PROSES UMUM" at the top; "1.1. P.1.1. Proses Persuratan" deeper."""
    if len(path) == 1:
        return f"{_code(process)} {_name(process).upper()}"
    return f"{'.'.join(map(str, path))}. {_code(process)} {_name(process)}"


def _process_section(decree: Decree, process: Process, path: tuple[int, ...]) -> Section:
    """A process with children: its description, its children listed, its figure, then deeper."""
    children = decree.children(process.code)
    return Section(
        heading=_process_heading(process, path),
        level=len(path) + 1,
        before=(_paragraph(process.description, _children_sentence(process, children)),),
        figure=figures.process_key(process.code),
        subsections=_process_sections(decree, children, path),
    )


def _process_sections(
    decree: Decree, processes: Sequence[Process], path: tuple[int, ...]
) -> tuple[Section, ...]:
    """Sections of those processes that have children; numbering counts every sibling."""
    return tuple(
        _process_section(decree, p, (*path, position))
        for position, p in enumerate(processes, start=1)
        if decree.children(p.code)
    )


def build_category(decree: Decree, category: Category, letter: str) -> Section:
    """Section C, D, ...: a category's intro and a sub-section per process with children."""
    processes = top_level(decree, category)
    return Section(
        heading=f"{letter} PETA {category.title.upper()} {decree.kecamatan_title.upper()}",
        level=1,
        before=_with_count(
            decree.lampiran.category_intro.get(category.value, ()), category.title, len(processes)
        ),
        subsections=_process_sections(decree, processes, ()),
    )


def _has_subprocesses(decree: Decree, category: Category) -> bool:
    """Whether a category gets its own section (C, D, ...)."""
    return any(decree.children(p.code) for p in top_level(decree, category))


# --- Peta Lintas Fungsi --------------------------------------------------------------------------

LINTAS_DEFINITION = (
    "Peta lintas fungsi (cross functional map) menggambarkan urutan langkah sebuah proses di antara "
    "unit kerja dan pihak yang melaksanakannya, sehingga terlihat siapa mengerjakan apa dan ke mana "
    "hasilnya diteruskan; peta ini menjadi dasar penyusunan Standar Operasional Prosedur (SOP)."
)


def _lintas_process(decree: Decree, process: Process, label: str, position: int) -> Section:
    """One process with steps: its steps, pelaksana and decisions counted, then its map."""
    steps = decree.steps_of(process.code)
    names = [lane.name for lane in lanes(decree, process.code)]
    decisions = sum(step.kind is StepKind.KEPUTUSAN for step in steps)
    sentence = (
        f"Pada {label} dapat dilihat bahwa {_name(process)} terdiri atas {count_words(len(steps))} "
        f"langkah yang dilaksanakan oleh {count_words(len(names))} pelaksana {_listing(names)}"
    )
    if decisions:
        sentence += f", dengan {count_words(decisions)} titik keputusan"
    return Section(
        heading=_process_heading(process, (position,)),
        level=2,
        before=(_sentence(sentence),),
        figure=figures.lintas_key(process.code),
    )


def build_lintas(decree: Decree, labels: Mapping[str, str], letter: str) -> Section:
    """The cross-functional maps: what they are, which processes have one, then one per process."""
    processes = processes_with_steps(decree)
    names = [_name(p) for p in processes]
    count = (
        f"{decree.kecamatan_title} telah menjabarkan {count_words(len(names))} proses ke dalam "
        f"langkah-langkahnya, {_listing(names)}"
    )
    return Section(
        heading=f"{letter} PETA LINTAS FUNGSI {decree.kecamatan_title.upper()}",
        level=1,
        before=(LINTAS_DEFINITION, _sentence(count)),
        subsections=tuple(
            _lintas_process(decree, p, _label(labels, figures.lintas_key(p.code)), i)
            for i, p in enumerate(processes, start=1)
        ),
    )


# --- the whole narrative -------------------------------------------------------------------------


def build_narrative(decree: Decree, figure_labels: Mapping[str, str]) -> Narrative:
    """Sections A, B, C ... of the Peta Proses Bisnis; letters follow the sections printed."""
    letters = (letter_label(i).upper() for i in itertools.count(1))
    peta = build_peta(decree, figure_labels, next(letters)) if decree.processes else None
    relasi = build_relasi(decree, figure_labels, next(letters)) if decree.relations else None
    categories = tuple(
        build_category(decree, c, next(letters)) for c in Category if _has_subprocesses(decree, c)
    )
    lintas = build_lintas(decree, figure_labels, next(letters)) if decree.steps else None
    return Narrative(peta, relasi, categories, party_count(decree), lintas)
