"""Peta Lintas Fungsi (cross-functional map) of one process: a lane per pelaksana, a row per step.

Each lane is a column framed as a cluster; every row holds one step in its pelaksana's lane and
hidden cells in the others, so steps read top to bottom in their order and the lanes stay straight.
Arrows follow the flow (decisions labelled Ya / Tidak) with orthogonal lines. A map too long for one
page is cut into runs of steps; an arrow to or from a step of another piece ends in an off-page
connector that names the step.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..figures import lintas_key
from ..model import Decree, Lane, Step, StepKind
from ..steps import lanes
from .dot import Dot, pairs, start
from .drawing import Drawing, pack
from .labels import Html, join_lines, wrap, wrapped
from .page import Box
from .style import BAND_BLUE, BLUE, GOLD, GREY, INK, NAVY, PALE_BLUE, PALE_GOLD, SMALL_SIZE, WHITE


@dataclass(frozen=True)
class _Look:
    width: float  # lane and box width, inches
    wrap: int  # characters per line of an activity
    decision_wrap: int  # characters per line inside a diamond
    head_wrap: int  # characters per line of a lane's name


_LOOKS = (_Look(1.45, 18, 16, 16), _Look(1.15, 15, 14, 13))
_SMALL = 12  # steps of which the first look nearly always fits


@dataclass(frozen=True)
class _Row:
    """One row of the grid: a step, or an off-page connector in one lane."""

    lane: int
    step: Step | None = None
    connector: int = 0  # the step number an off-page connector names
    incoming: bool = False  # the connector brings the flow in from another piece

    @property
    def node_id(self) -> str:
        if self.step is not None:
            return f"s{self.step.number}"
        return f"{'in' if self.incoming else 'out'}{self.connector}_{self.lane}"


def lintas_map(decree: Decree, box: Box, code: str) -> Drawing:
    """The map of one process with steps; cut by runs of steps when it cannot be read whole."""
    steps = decree.steps_of(code)
    if not steps:
        raise ValueError(f"Proses {code!r} tidak punya langkah.")
    return _drawing(decree, box, code, [step.number for step in steps], whole=True)


def _drawing(decree: Decree, box: Box, code: str, shown: list[int], whole: bool) -> Drawing:
    looks = _LOOKS if whole else _LOOKS[-1:]
    layouts = tuple(_source(decree, box, code, look, shown) for look in looks)
    cut = None
    if whole:

        def cut(room):
            if room(_drawing(decree, box, code, shown[:1], whole=False)) < 1:
                return [_drawing(decree, box, code, shown, whole=False)]  # too wide: rows do not help
            return pack(shown, lambda run, _: _drawing(decree, box, code, run, whole=False), room)

    return Drawing(lintas_key(code), layouts, cut, small=whole and len(shown) <= _SMALL)


def _rows(steps: dict[int, Step], lane_of: dict[str, int], shown: list[int]) -> list[_Row]:
    """Connectors in from other pieces, the shown steps, connectors out to other pieces."""
    inside = set(shown)
    incoming: dict[int, int] = {}
    outgoing: list[tuple[int, int]] = []
    for number, step in steps.items():
        for _, target in step.targets:
            if number not in inside and target in inside:
                incoming.setdefault(target, lane_of[steps[target].pelaksana])
            elif number in inside and target not in inside:
                key = (target, lane_of[step.pelaksana])
                if key not in outgoing:
                    outgoing.append(key)
    return [
        *(_Row(lane, connector=target, incoming=True) for target, lane in sorted(incoming.items())),
        *(_Row(lane_of[steps[n].pelaksana], steps[n]) for n in shown),
        *(_Row(lane, connector=target) for target, lane in outgoing),
    ]


def _source(decree: Decree, box: Box, code: str, look: _Look, shown: list[int]) -> str:
    dot = start(f"lintas {code}", box, newrank="true", splines="ortho", nodesep=0.14, ranksep=0.2)
    dot.defaults("edge", color=INK, penwidth=1.1, arrowsize=0.7, fontsize=SMALL_SIZE, fontcolor=NAVY)
    all_steps = decree.steps_of(code)
    steps = {step.number: step for step in all_steps}
    columns = lanes(decree, code)
    lane_of = {lane.key: index for index, lane in enumerate(columns)}
    rows = _rows(steps, lane_of, shown)
    continued = shown[0] != all_steps[0].number
    grid = [[f"c{column}_{row}" for column in range(len(columns))] for row in range(len(rows))]
    for number, row in enumerate(rows):
        grid[number][row.lane] = row.node_id
    heads = [f"h{column}" for column in range(len(columns))]
    feet = [f"f{column}" for column in range(len(columns))]
    names = [wrapped(lane.name, look.head_wrap) + (["(lanjutan)"] if continued else []) for lane in columns]
    head_height = 0.08 + 0.19 * max(len(name) for name in names)
    for column, lane in enumerate(columns):
        with dot.cluster(f"cluster_lane{column}", **_lane_style(lane)):
            label = Html(f"<B>{join_lines(names[column])}</B>")
            dot.node(
                heads[column], label=label, shape="plaintext", style="", width=look.width, height=head_height
            )
            for number, row in enumerate(rows):
                node_id = grid[number][column]
                if row.lane != column:
                    dot.node(node_id, shape="point", style="invis", width=look.width, height=0.01)
                elif row.step is not None:
                    dot.node(node_id, **_step_style(row.step, look))
                else:
                    dot.node(node_id, **_connector_style(row.connector))
            dot.node(feet[column], shape="point", style="invis", width=look.width, height=0.05)
    grid = [heads, *grid, feet]  # the lanes start and end level whatever their first and last rows hold
    for line in grid:
        if len(line) > 1:
            dot.same_rank(*line)
        for left, right in pairs(line):
            dot.edge(left, right, style="invis")
    for column in range(len(columns)):
        for upper, lower in pairs([line[column] for line in grid]):
            dot.edge(upper, lower, style="invis", weight=20)
    _flow(dot, rows, steps, lane_of, set(shown))
    return dot.source()


def _flow(
    dot: Dot, rows: list[_Row], steps: dict[int, Step], lane_of: dict[str, int], inside: set[int]
) -> None:
    """Arrows along the steps; to and from another piece through its off-page connectors."""
    for row in rows:
        if row.step is None:
            if row.incoming:
                dot.edge(row.node_id, f"s{row.connector}", constraint="false")
            continue
        for label, target in row.step.targets:
            attrs: dict[str, str | float] = {"constraint": "false"}
            if label:
                attrs["xlabel"] = label
            if target in inside:
                dot.edge(row.node_id, f"s{target}", **attrs)
            else:
                head = _Row(lane_of[row.step.pelaksana], connector=target).node_id
                dot.edge(row.node_id, head, **attrs)


def _lane_style(lane: Lane) -> dict[str, str | float]:
    return {
        "label": "",
        "style": "filled",
        "fillcolor": BAND_BLUE if lane.internal else PALE_GOLD,
        "color": BLUE if lane.internal else GOLD,
        "penwidth": 1.0,
        "margin": 8,
    }


def _step_label(step: Step, width: int) -> Html:
    return Html(f"<B>{step.number}</B> {wrap(step.activity, width)}")


def _step_style(step: Step, look: _Look) -> dict[str, str | float]:
    if step.kind is StepKind.KEPUTUSAN:
        label = _step_label(step, look.decision_wrap)
        return {
            "label": label,
            "shape": "diamond",
            "fillcolor": PALE_GOLD,
            "color": GOLD,
            "margin": "0.02,0.02",
        }
    style: dict[str, str | float] = {
        "label": _step_label(step, look.wrap),
        "width": look.width,
        "height": 0.5,
    }
    if step.kind.terminator:
        style |= {"style": "rounded,filled", "fillcolor": PALE_BLUE, "color": NAVY}
    else:
        style |= {"fillcolor": WHITE, "color": NAVY}
    return style


def _connector_style(target: int) -> dict[str, str | float]:
    """An off-page connector (a pentagon pointing down) naming the step it leads to or comes from."""
    return {
        "label": Html(f"<B>{target}</B>"),
        "shape": "invhouse",
        "fillcolor": WHITE,
        "color": GREY,
        "width": 0.4,
        "height": 0.35,
        "fixedsize": "true",
    }
