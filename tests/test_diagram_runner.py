"""How figures are laid out: one probing `dot` per figure for sizes, a fresh `dot` per picture."""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from benchmarks.synthetic import write_synthetic
from generator.diagrams import DiagramError, GraphvizMissing, chosen_sources, render_diagrams, runner
from generator.figures import plan_figures
from generator.model import Decree
from generator.pipeline import load_decree

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz (dot) tidak terpasang")


@pytest.fixture(scope="module")
def typical(tmp_path_factory: pytest.TempPathFactory) -> Decree:
    """A realistic synthetic decree: its level-0 map, relations and cascade need a search."""
    path = write_synthetic(tmp_path_factory.mktemp("sintetis"), 2, large=False)[1]
    found, problems = load_decree(path)
    assert found is not None, problems
    return found


def fresh_png(source: str) -> bytes:
    """What `dot` alone makes of a source, nothing else run before it in the process."""
    done = subprocess.run(["dot", "-Tpng:cairo"], input=source.encode(), capture_output=True, check=True)
    return done.stdout


def fresh_scale(source: str) -> float:
    done = subprocess.run(["dot", "-Tplain"], input=source.encode(), capture_output=True, check=True)
    return float(done.stdout.split()[1])


@needs_dot
def test_no_process_per_candidate_and_no_source_drawn_twice(
    typical: Decree, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started: list[tuple[str, ...]] = []
    drawn: list[str] = []
    measured: Counter[tuple[int, str]] = Counter()
    real_popen, real_draw, real_scale = subprocess.Popen, runner.draw, runner.Prober.scale

    def popen(args: list[str], *rest: object, **options: object) -> subprocess.Popen[bytes]:
        started.append(tuple(args))
        return real_popen(args, *rest, **options)

    def draw(key: str, source: str) -> tuple[float, bytes]:
        drawn.append(source)
        return real_draw(key, source)

    def scale(prober: runner.Prober, source: str) -> float:
        measured[(id(prober), source)] += 1
        return real_scale(prober, source)

    monkeypatch.setattr(subprocess, "Popen", popen)
    monkeypatch.setattr(runner, "draw", draw)
    monkeypatch.setattr(runner.Prober, "scale", scale)
    figures = plan_figures(typical)
    found = render_diagrams(typical, figures, tmp_path, pieces=True)

    pictures = [piece for diagram in found.values() for piece in diagram.pieces]
    probers = [args for args in started if args == ("dot", "-Tplain")]
    assert len(probers) <= len(figures)  # one per figure at most, the small ones need none
    assert len(measured) > len(probers)  # a prober answers for several candidates
    assert max(measured.values()) == 1  # and never twice for one
    assert len(drawn) == len(set(drawn))  # every fresh process draws a source no other did
    assert len(pictures) <= len(drawn) <= len(pictures) + len(figures)
    layouts = [args for args in started if "-V" not in args]  # `dot -V`: the release, asked once
    assert len(layouts) == len(probers) + len(drawn)  # nothing else lays out


@needs_dot
def test_every_picture_is_byte_identical_to_dot_on_its_source_alone(typical: Decree, tmp_path: Path) -> None:
    figures = plan_figures(typical)
    found = render_diagrams(typical, figures, tmp_path, pieces=True)
    chosen = chosen_sources(typical, figures, pieces=True)
    assert list(chosen) == list(found)
    for key, diagram in found.items():
        assert len(chosen[key]) == len(diagram.pieces), key
        for source, piece in zip(chosen[key], diagram.pieces, strict=True):
            assert piece.path.read_bytes() == fresh_png(source), key


@needs_dot
def test_a_prober_answers_first_as_a_fresh_process_and_then_per_figure_alone(typical: Decree) -> None:
    chosen = chosen_sources(typical, plan_figures(typical))
    sources = [source for pieces in chosen.values() for source in pieces]
    first, second = sources[0], sources[1]
    with runner.Prober("a") as prober:
        assert prober.scale(first) == fresh_scale(first)
        after_first = prober.scale(second)
    with runner.Prober("b") as prober:
        prober.scale(first)
        assert prober.scale(second) == after_first  # the same history gives the same answer


@needs_dot
def test_a_prober_reads_a_source_without_a_final_line_break() -> None:
    with runner.Prober("kecil") as prober:
        assert prober.scale("digraph { a -> b }") == 1.0
        assert prober.scale('digraph { size="1,1"; a -> b }') == pytest.approx(2 / 3, abs=0.01)


@needs_dot
def test_a_picture_and_its_scale_come_from_one_layout() -> None:
    source = 'digraph { size="0.5,0.5"; dpi=72; a -> b -> c }'
    scale, png = runner.draw("kecil", source)
    assert png == fresh_png(source) and scale == fresh_scale(source) < 1


def test_without_graphviz_a_prober_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    with runner.Prober("peta") as prober, pytest.raises(GraphvizMissing, match="apt-get install graphviz"):
        prober.scale("digraph { a }")
    with pytest.raises(GraphvizMissing):
        runner.draw("peta", "digraph { a }")


@needs_dot
def test_a_prober_that_died_names_the_figure_and_is_closed() -> None:
    prober = runner.Prober("cascading")
    with prober, pytest.raises(DiagramError, match="cascading"):
        prober.scale("digraph { a -> }")
    assert prober._process is None
