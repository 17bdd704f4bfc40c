"""The steps of the model as the maps and the SOP use them: lanes, and the processes that have steps."""

from __future__ import annotations

from .formatting import clean_text
from .model import Category, Decree, Lane, Process


def party_key(name: str) -> str:
    """Identity of a party or pelaksana: case-insensitive, whitespace-normalised."""
    return clean_text(name).casefold()


def lanes(decree: Decree, process: str) -> list[Lane]:
    """The pelaksana of a process's steps in order of first appearance: one lane (column) each."""
    units = {unit.code: unit for unit in decree.units}
    found: dict[str, Lane] = {}
    for step in decree.steps_of(process):
        if step.pelaksana not in found:
            unit = units.get(step.pelaksana)
            name = clean_text(unit.name) if unit is not None else step.pelaksana
            found[step.pelaksana] = Lane(step.pelaksana, name, unit is not None)
    return list(found.values())


def processes_with_steps(decree: Decree) -> list[Process]:
    """Processes that have steps, in category then tree order (the order of the Lampiran)."""
    with_steps = {step.process for step in decree.steps}
    if not with_steps:
        return []
    children: dict[str | None, list[Process]] = {}
    for process in decree.processes:
        children.setdefault(process.parent, []).append(process)
    for siblings in children.values():
        siblings.sort(key=lambda p: p.order)
    found: list[Process] = []

    def walk(parent: str | None, category: Category, seen: frozenset[str]) -> None:
        for process in children.get(parent, []):
            if (parent is None and process.category is not category) or process.code in seen:
                continue
            if process.code in with_steps:
                found.append(process)
            walk(process.code, category, seen | {process.code})

    for category in Category:
        walk(None, category, frozenset())
    return found
