"""Peta Lintas Fungsi: planned in document order, a lane per pelaksana, steps in order, printable."""

from __future__ import annotations

import shutil
from dataclasses import replace

import pytest

from generator.context import build_context
from generator.diagrams import build_sources, placed_font_pt, render_diagrams
from generator.diagrams.lintas import lintas_map
from generator.diagrams.page import printable_box
from generator.figures import CASCADING, lintas_key, plan_figures, process_key
from generator.figures import labels as figure_labels
from generator.model import Category, Decree, Process, Relation, Step, StepKind, Unit
from generator.narrative import build_narrative
from generator.pipeline import load_decree
from generator.steps import lanes
from tests.conftest import TEMPURSARI
from tests.factories import narrative_decree, sale_decree
from tests.test_diagrams import cluster, edges, labels, page, positions

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz tidak terpasang")
M, K, D, S = StepKind.MULAI, StepKind.KEGIATAN, StepKind.KEPUTUSAN, StepKind.SELESAI


@pytest.fixture(scope="module")
def tempursari() -> Decree:
    decree, problems = load_decree(TEMPURSARI)
    assert decree is not None, [str(p) for p in problems.errors]
    return decree


def flow_decree(steps: tuple[Step, ...], **changes) -> Decree:
    """The Sale-like decree of the factories with one leaf process broken into ``steps``."""
    base = sale_decree()
    leaf = Process("Z.1", "Proses Contoh", Category.PENDUKUNG, order=99, unit="U2")
    return replace(base, processes=(*base.processes, leaf), steps=steps, **changes)


def step(number: int, kind: StepKind, pelaksana: str, **more) -> Step:
    return Step("Z.1", number, f"Kegiatan langkah {number}", pelaksana, kind, **more)


SIMPLE = (
    step(1, M, "U4", next=2),
    step(2, D, "U2", yes=3, no=4),
    step(3, K, "U1", next=4),
    step(4, S, "U4"),
)


def test_tempursari_lanes_are_its_pelaksana_in_order_of_appearance(tempursari: Decree) -> None:
    def names(code: str) -> list[str]:
        return [lane.name for lane in lanes(tempursari, code)]

    assert names("P.1.1.1") == ["Subbag Umum dan Kepegawaian", "Sekretariat", "Camat"]
    assert names("P.1.1.2") == ["Subbag Umum dan Kepegawaian", "Sekretariat", "Camat"]
    assert names("L.8") == ["Desa", "Subbag Umum dan Kepegawaian", "Seksi Pemerintahan", "Camat"]
    assert [lane.internal for lane in lanes(tempursari, "L.8")] == [False, True, True, True]


def test_every_process_with_steps_gets_a_map_after_the_process_maps(tempursari: Decree) -> None:
    """Deliberate addition to the Tempursari decree: three Peta Lintas Fungsi after its two process
    maps, numbered on from them; the figures before them keep their numbers."""
    plan = plan_figures(tempursari)
    assert [(f.key, f.label) for f in plan] == [
        ("peta", "Gambar 3.1."),
        ("relasi", "Gambar 3.2."),
        (process_key("P.1"), "Gambar 3.3."),
        (process_key("P.1.1"), "Gambar 3.4."),
        (lintas_key("P.1.1.1"), "Gambar 3.5."),
        (lintas_key("P.1.1.2"), "Gambar 3.6."),
        (lintas_key("L.8"), "Gambar 3.7."),
    ]
    assert plan[4].caption == "Peta Lintas Fungsi P.1.1.1. Proses Penatausahaan Surat Masuk"


def test_lintas_maps_stand_before_the_cascade() -> None:
    keys = [f.key for f in plan_figures(flow_decree(SIMPLE))]
    assert keys.index(lintas_key("Z.1")) == keys.index(CASCADING) - 1


def test_a_lane_per_pelaksana_and_each_step_in_its_lane() -> None:
    subject = flow_decree(SIMPLE)
    source = build_sources(subject, plan_figures(subject))[lintas_key("Z.1")]
    heads = [labels(source).get(f"h{i}") for i in range(3)]
    assert heads == ["Sub Bagian Umum dan Kepegawaian", "Sekretariat", "Camat"]
    for number, lane in ((1, 0), (2, 1), (3, 2), (4, 0)):
        assert f"s{number} [" in cluster(source, f"cluster_lane{lane}")
    assert 'shape="diamond"' in source.split("s2 [", 1)[1].split("\n", 1)[0]
    assert 'style="rounded,filled"' in source.split("s1 [", 1)[1].split("\n", 1)[0]
    flow = {(tail, head): attrs for tail, head, attrs in edges(source) if "invis" not in attrs}
    assert set(flow) == {("s1", "s2"), ("s2", "s3"), ("s2", "s4"), ("s3", "s4")}
    assert 'xlabel="Ya"' in flow[("s2", "s3")] and 'xlabel="Tidak"' in flow[("s2", "s4")]


def test_an_external_pelaksana_has_a_lane_of_its_own_colour() -> None:
    with_party = (step(1, M, "Desa", next=2), *SIMPLE[1:])
    subject = flow_decree(with_party, relations=(Relation("Z.1", "Desa"),))
    source = lintas_map(subject, printable_box(subject.info.paper), "Z.1").source
    assert labels(source)["h0"] == "Desa"
    assert 'fillcolor="#FFF2CC"' in cluster(source, "cluster_lane0")
    assert 'fillcolor="#EEF3FA"' in cluster(source, "cluster_lane1")


def test_markup_in_a_step_reaches_dot_escaped() -> None:
    odd = (replace(SIMPLE[0], activity='Terima <b>surat</b> & "arsip"'), *SIMPLE[1:])
    subject = flow_decree(odd)
    source = lintas_map(subject, printable_box(subject.info.paper), "Z.1").source
    assert "&lt;b&gt;surat&lt;/b&gt; &amp;" in source and "<b>surat" not in source


@needs_dot
def test_steps_read_top_down_in_their_lanes_left_to_right() -> None:
    subject = flow_decree(SIMPLE)
    source = lintas_map(subject, printable_box(subject.info.paper), "Z.1").source
    at = positions(source)
    assert [at[f"h{i}"][0] for i in range(3)] == sorted(at[f"h{i}"][0] for i in range(3))
    assert at["s1"][1] > at["s2"][1] > at["s3"][1] > at["s4"][1]
    assert at["s1"][0] == pytest.approx(at["s4"][0], abs=0.01)  # one lane, one column
    assert at["h0"][0] < at["s2"][0] < at["s3"][0]


def long_flow(count: int) -> tuple[Step, ...]:
    """A chain over three lanes with a decision going back to step 2."""
    actors = ("U4", "U2", "U1")
    found = [step(1, M, "U4", next=2)]
    for number in range(2, count):
        if number == count - 2:
            found.append(step(number, D, actors[number % 3], yes=number + 1, no=2))
        else:
            found.append(step(number, K, actors[number % 3], next=number + 1))
    return (*found, step(count, S, "U4"))


@needs_dot
def test_a_map_too_long_for_a_page_continues_through_off_page_connectors(tmp_path) -> None:
    subject = flow_decree(long_flow(40))
    figures = [f for f in plan_figures(subject) if f.key == lintas_key("Z.1")]
    drawn = render_diagrams(subject, figures, tmp_path, pieces=True)[lintas_key("Z.1")]
    assert len(drawn.pieces) > 1
    for piece in drawn.pieces:
        assert placed_font_pt(piece, *page(subject)) >= 8
    drawing = lintas_map(subject, printable_box(subject.info.paper), "Z.1")
    parts = drawing.cut(lambda d: 1.0 if len(labels(d.source)) < 30 else 0.5)
    assert len(parts) > 1
    second = parts[1].source
    assert "(lanjutan)" in labels(second)["h0"]
    assert any(attrs and "invhouse" in attrs for _, attrs in _nodes(second))  # the flow comes in from piece 1


def _nodes(source: str) -> list[tuple[str, str]]:
    return [
        (line.strip().split(" ", 1)[0], line)
        for line in source.splitlines()
        if line.strip().startswith(("in", "out")) and "[" in line
    ]


def test_narrative_has_a_section_per_process_with_steps(tempursari: Decree) -> None:
    narrative = build_narrative(tempursari, figure_labels(plan_figures(tempursari)))
    section = narrative.lintas
    assert section is not None and narrative.sections[-1] is section
    assert section.heading == "D. PETA LINTAS FUNGSI KECAMATAN TEMPURSARI"
    assert "menjadi dasar penyusunan Standar Operasional Prosedur (SOP)" in section.before[0]
    assert section.before[1] == (
        "Kecamatan Tempursari telah menjabarkan 3 (tiga) proses ke dalam langkah-langkahnya, antara lain "
        "Proses Penatausahaan Surat Masuk, Proses Penatausahaan Surat Keluar, dan Proses Menindaklanjuti "
        "Permohonan dan Pemenuhan Data."
    )
    first = section.subsections[0]
    assert first.heading == "P.1.1.1. PROSES PENATAUSAHAAN SURAT MASUK"
    assert first.figure == lintas_key("P.1.1.1")
    assert first.before == (
        "Pada Gambar 3.5. dapat dilihat bahwa Proses Penatausahaan Surat Masuk terdiri atas 7 (tujuh) "
        "langkah yang dilaksanakan oleh 3 (tiga) pelaksana antara lain Subbag Umum dan Kepegawaian, "
        "Sekretariat, dan Camat, dengan 1 (satu) titik keputusan.",
    )


def test_without_narrative_the_maps_follow_the_category_maps() -> None:
    subject = flow_decree(SIMPLE)
    subject = replace(subject, lampiran=replace(subject.lampiran, narrative=False))
    context = build_context(subject, {}, lambda path, width: "")
    headings = [row["heading"] for row in context["category_maps"]]
    assert headings[-1] == "PETA LINTAS FUNGSI Z.1. PROSES CONTOH"
    assert context["category_maps"][-1]["figure"]["text"].endswith("Peta Lintas Fungsi Z.1. Proses Contoh")


def test_a_decree_without_steps_plans_no_lintas_map() -> None:
    subject = narrative_decree()
    assert not any(f.key.startswith("lintas:") for f in plan_figures(subject))
    assert build_narrative(subject, figure_labels(plan_figures(subject))).lintas is None


def test_units_named_in_the_model_are_lanes_by_name() -> None:
    subject = flow_decree(SIMPLE, units=(*sale_decree().units, Unit("U99", "Unit Tambahan")))
    assert [lane.key for lane in lanes(subject, "Z.1")] == ["U4", "U2", "U1"]
