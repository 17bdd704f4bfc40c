"""The flowchart's steps cut into pages, each arrow to another page ending in an off-page connector.

A forward arrow to a later page leaves through a connector under the last step of its page and comes
in through a connector with the same letter over the first step of the target's page; an arrow back
to an earlier page leaves over the page's first step and comes in under the target page's last step.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from ..model import Step


@dataclass(frozen=True)
class Connector:
    """An off-page connector: its letter, its lane, and whether the flow comes in or leaves there."""

    letter: str
    lane: int
    incoming: bool


@dataclass(frozen=True)
class Row:
    """One row of a page's flowchart: a step, or an off-page connector."""

    height: float
    step: Step | None = None
    connector: Connector | None = None


@dataclass(frozen=True)
class Edge:
    """An arrow between two rows of one page (indexes into ``Page.rows``)."""

    source: int
    target: int
    label: str = ""  # "Ya" / "Tidak" out of a decision


@dataclass(frozen=True)
class Page:
    rows: tuple[Row, ...]
    edges: tuple[Edge, ...]


@dataclass(frozen=True)
class _Link:
    """An arrow from one page to a step of another page."""

    letter: str
    source_page: int
    target: int  # step number
    lane_out: int
    lane_in: int


def _crossings(steps: Sequence[Step], group: set[int], before: set[int]) -> tuple[int, int]:
    """(connector rows over, connector rows under) a page holding ``group``, after ``before``."""
    top: set[tuple[str, int]] = set()
    bottom: set[tuple[str, int]] = set()
    for step in steps:
        for _, target in step.targets:
            if step.number in group and target not in group:
                (top if target in before else bottom).add(("out", target))
            elif target in group and step.number not in group:
                (top if step.number in before else bottom).add(("in", step.number))
    return len(top), len(bottom)


def paginate(
    steps: Sequence[Step],
    lane_of: Mapping[str, int],
    height_of: Callable[[Step], float],
    capacity: float,
    connector_height: float,
) -> list[Page]:
    """Steps in order, as many per page as fit in ``capacity`` with their connector rows."""
    groups: list[list[Step]] = []
    done: set[int] = set()
    rest = list(steps)
    while rest:
        group = [rest[0]]
        for step in rest[1:]:
            trial = {s.number for s in [*group, step]}
            over, under = _crossings(steps, trial, done)
            needed = sum(height_of(s) for s in [*group, step]) + (over + under) * connector_height
            if needed > capacity:
                break
            group.append(step)
        groups.append(group)
        done |= {s.number for s in group}
        rest = rest[len(group) :]
    return _pages(steps, groups, lane_of, height_of, connector_height)


def _pages(
    steps: Sequence[Step],
    groups: list[list[Step]],
    lane_of: Mapping[str, int],
    height_of: Callable[[Step], float],
    connector_height: float,
) -> list[Page]:
    page_of = {step.number: index for index, group in enumerate(groups) for step in group}
    by_number = {step.number: step for step in steps}
    links: dict[tuple[int, int], _Link] = {}
    letters = iter(_letters())
    for step in steps:
        for _, target in step.targets:
            source_page = page_of[step.number]
            if page_of[target] != source_page and (source_page, target) not in links:
                lane_in = lane_of[by_number[target].pelaksana]
                links[(source_page, target)] = _Link(
                    next(letters), source_page, target, lane_of[step.pelaksana], lane_in
                )
    pages = []
    for index, group in enumerate(groups):
        over: list[Row] = []
        under: list[Row] = []
        for link in links.values():
            forward = page_of[link.target] > link.source_page
            if link.source_page == index:
                (under if forward else over).append(
                    Row(connector_height, connector=Connector(link.letter, link.lane_out, False))
                )
            elif page_of[link.target] == index:
                (over if forward else under).append(
                    Row(connector_height, connector=Connector(link.letter, link.lane_in, True))
                )
        rows = [*over, *(Row(height_of(step), step) for step in group), *under]
        pages.append(Page(tuple(rows), tuple(_edges(rows, index, links, page_of))))
    return pages


def _edges(
    rows: list[Row], index: int, links: Mapping[tuple[int, int], _Link], page_of: Mapping[int, int]
) -> list[Edge]:
    row_of_step = {row.step.number: i for i, row in enumerate(rows) if row.step is not None}
    row_of_letter = {
        (row.connector.letter, row.connector.incoming): i for i, row in enumerate(rows) if row.connector
    }
    edges = []
    for i, row in enumerate(rows):
        if row.connector is not None:
            if row.connector.incoming:
                target = next(link.target for link in links.values() if link.letter == row.connector.letter)
                edges.append(Edge(i, row_of_step[target]))
            continue
        assert row.step is not None
        for label, target in row.step.targets:
            if page_of[target] == index:
                edges.append(Edge(i, row_of_step[target], label))
            else:
                letter = links[(index, target)].letter
                edges.append(Edge(i, row_of_letter[(letter, False)], label))
    return edges


def _letters() -> list[str]:
    """A, B, ... Z, AA, AB, ...: labels of off-page connectors."""
    single = list(string.ascii_uppercase)
    return single + [a + b for a in single for b in single]
