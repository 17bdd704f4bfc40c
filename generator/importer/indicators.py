"""Each cascade box's indicators: the ones printed under it ("Indikator : X (target 82)"), with the
formula, sumber data and target the IKU table gives them. A box with one plain indicator keeps it in the
Kinerja sheet's Indikator column; any other box gets its indicators as rows of the Indikator sheet."""

from __future__ import annotations

from dataclasses import dataclass, field

from .draft import Draft
from .parts.iku import IkuRow
from .parts.kinerja import Box, split_target
from .shape import clean


@dataclass
class Measure:
    name: str
    formula: str = ""
    source: str = ""
    target: str = ""
    doubts: list[tuple[str, str]] = field(default_factory=list)  # (Indikator column, reason)

    @property
    def detailed(self) -> bool:
        return bool(self.formula or self.source or self.target)


def _key(text: str) -> str:
    return clean(text).casefold()


@dataclass
class Matched:
    boxes: list[Box]
    measures: list[list[Measure]]
    unmatched: bool = False  # IKU rows with nowhere to go: no box at all


def match_iku(boxes: list[Box], rows: list[IkuRow], levels: tuple[str, ...]) -> Matched:
    """The boxes (with those only the IKU table names added) and every box's measures."""
    boxes = list(boxes)
    measures = [[_printed(text) for text in box.indicator_texts()] for box in boxes]
    named = [{_key(m.name): m for m in found} for found in measures]  # per box: name -> its measure
    first_box: dict[str, int] = {}  # name -> the first box printing it
    for index in reversed(range(len(named))):
        first_box |= dict.fromkeys(named[index], index)
    by_text = {_key(box.text): index for index, box in enumerate(boxes)}
    previous: int | None = None
    unmatched = False
    for row in rows:
        name = _key(row.name)
        target = by_text.get(_key(row.kinerja)) if row.kinerja else None
        if target is None and row.kinerja:  # a box the cascade does not print
            boxes.append(Box([row.kinerja], [], level=levels[0] if len(levels) == 1 else ""))
            measures.append([])
            named.append({})
            target = by_text[_key(row.kinerja)] = len(boxes) - 1
        guessed = False
        if target is None:  # a table without the box column: the box that prints this indicator
            target = first_box.get(name)
            if target is None:
                target, guessed = previous, True
        if target is None:
            unmatched = True
            continue
        found = named[target].get(name)
        if found is None:
            found = named[target][name] = Measure(row.name)
            measures[target].append(found)
            first_box.setdefault(name, target)
            if guessed:
                found.doubts.append(
                    (
                        "name",
                        "indikator tabel IKU ini tidak tercetak di cascading; dipasangkan ke kotak di "
                        "atasnya.",
                    )
                )
        _merge(found, row)
        previous = target
    return Matched(boxes, measures, unmatched)


def _printed(text: str) -> Measure:
    name, target = split_target(text)
    return Measure(name, target=target)


def _merge(found: Measure, row: IkuRow) -> None:
    """The IKU row's formula, sumber data and target onto the indicator the cascade prints."""
    found.formula = found.formula or row.formula
    found.source = found.source or row.source
    if row.target and found.target and _key(row.target) != _key(found.target):
        found.doubts.append(
            (
                "target",
                f'target di cascading "{found.target}", di tabel IKU "{row.target}"; dipakai tabel IKU.',
            )
        )
    found.target = row.target or found.target


def write_measures(draft: Draft, code: str, record: dict[str, object], measures: list[Measure]) -> None:
    """One plain indicator in the Kinerja record itself; otherwise each as a row of the Indikator sheet."""
    if len(measures) == 1 and not measures[0].detailed and not measures[0].doubts:
        record["indicator"] = measures[0].name
        return
    for measure in measures:
        row: dict[str, object] = {"kinerja": code, "name": measure.name}
        row |= {
            k: v
            for k, v in (("formula", measure.formula), ("source", measure.source), ("target", measure.target))
            if v
        }
        index = draft.add("indicators", row)
        for column, reason in measure.doubts:
            draft.doubt("indicators", column, reason, index)
