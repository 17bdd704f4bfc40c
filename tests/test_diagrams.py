"""Tests of the Lampiran figures: DOT sources checked as text, one rendering checked as pixels."""

from __future__ import annotations

import html
import re
import shutil
from collections import deque
from dataclasses import replace
from pathlib import Path

import graphviz
import pytest

from benchmarks.synthetic import write_synthetic
from generator import diagrams
from generator.atomic import is_temporary
from generator.closing import closing_figure, signature_height_mm
from generator.context import FIGURE_ALLOWANCE_MM, FIGURE_SLACK_MM, text_height_mm, text_width_mm
from generator.diagrams import (
    Box,
    Diagram,
    DiagramError,
    Drawing,
    GraphvizMissing,
    build_drawings,
    build_sources,
    fit_width_mm,
    placed_font_pt,
    printable_box,
    render_diagrams,
    runner,
    style,
    wrap_label,
)
from generator.diagrams import processes as process_boxes
from generator.diagrams import render as rendering
from generator.diagrams.drawing import longest, pack, smallest_font
from generator.figures import (
    CASCADING,
    KETERKAITAN,
    ORGANISASI,
    PETA,
    RELASI,
    Figure,
    category_key,
    lintas_key,
    plan_figures,
    process_key,
)
from generator.model import (
    Category,
    Decree,
    DecreeInfo,
    Kinerja,
    KinerjaSource,
    LampiranText,
    Office,
    Paper,
    PartyKind,
    Process,
    Relation,
    Signer,
    Unit,
)
from generator.reader import read_workbook
from generator.validator import validate
from tests.conftest import SALE, TEMPURSARI

M, U, L = Category.MANAJERIAL, Category.UTAMA, Category.LAINNYA
RPJMD, RENSTRA = KinerjaSource.RPJMD, KinerjaSource.RENSTRA


def units() -> tuple[Unit, ...]:
    """Susunan organisasi of Kecamatan Sale (Perbup Rembang 69/2016)."""
    rows = [
        ("camat", "Camat", None, False),
        ("sekcam", "Sekretariat", "camat", False),
        ("prokeu", "Sub Bagian Program dan Keuangan", "sekcam", False),
        ("umpeg", "Sub Bagian Umum dan Kepegawaian", "sekcam", False),
        ("tapem", "Seksi Tata Pemerintahan", "camat", False),
        ("pmd", "Seksi Pemberdayaan Masyarakat dan Desa", "camat", False),
        ("kesra", "Seksi Kesejahteraan Rakyat", "camat", False),
        ("trantib", "Seksi Ketentraman dan Ketertiban Umum", "camat", False),
        ("kel", "Kelurahan", "camat", False),
        ("kel-sek", "Sekretariat", "kel", False),
        ("kel-pem", "Seksi Pemerintahan, Ketentraman dan Ketertiban", "kel", False),
        ("kel-eko", "Seksi Ekonomi, Pembangunan dan Kesejahteraan Rakyat", "kel", False),
        ("jf", "Kelompok Jabatan Fungsional", "camat", True),
    ]
    return tuple(
        Unit(code, name, parent, order=index, functional=functional)
        for index, (code, name, parent, functional) in enumerate(rows)
    )


def processes() -> tuple[Process, ...]:
    """Peta Proses Bisnis of Kecamatan Tempursari (abridged: four Proses Lainnya)."""
    rows = [
        ("P.1", "Proses Umum dan Kepegawaian", M, None),
        ("P1.1", "Proses Persuratan", M, "P.1"),
        ("P1.1.1", "Proses Penatausahaan Surat Masuk", M, "P1.1"),
        ("P1.1.2", "Proses Penatausahaan Surat Keluar", M, "P1.1"),
        ("P1.2", "Proses Kepegawaian", M, "P.1"),
        ("P1.3", "Proses Pengelolaan Sarana dan Prasarana", M, "P.1"),
        ("P.2", "Proses Perencanaan dan Pelaporan", M, None),
        ("P.3", "Proses Pengelolaan Keuangan", M, None),
        ("U.1", "Proses Pelayanan Publik", U, None),
        ("U.2", "Proses Pemberdayaan Masyarakat", U, None),
        ("U.3", "Proses Pembinaan dan Pengawasan Pemerintah Desa", U, None),
        ("L.1", "Proses Pelaksanaan Musrenbang", L, None),
        ("L.2", "Proses Validasi Usulan Musrenbang", L, None),
        ("L.3", "Proses Permintaan Data", L, None),
        ("L.4", "Proses Membuat Informasi dan Peraturan Baru", L, None),
    ]
    return tuple(
        Process(
            code,
            name,
            category,
            parent=parent,
            order=index,
            output="Indeks Kepuasan Masyarakat" if code == "U.1" else "",
        )
        for index, (code, name, category, parent) in enumerate(rows)
    )


def relations() -> tuple[Relation, ...]:
    internal, external = PartyKind.INTERNAL, PartyKind.EKSTERNAL
    rows = [
        ("P.1", "Subbag Umum dan Kepegawaian", internal),
        ("P.2", "Subbag Keuangan", internal),
        ("P.3", "Subbag Keuangan", internal),
        ("U.1", "Seksi Pelayanan Umum", internal),
        ("U.2", "Seksi Pemberdayaan Masyarakat", internal),
        ("U.3", "Seksi Pemerintahan", internal),
        ("L.1", "Bappeda", external),
        ("L.1", "OPD terkait", external),
        ("L.1", "Desa", external),
        ("L.2", "Kepala Desa", external),
        ("L.3", "Bagian pada Setda Kabupaten Lumajang", external),
        ("L.4", "desa ", None),
        ("L.4", "Polres/Polsek", external),
        ("L.4", "BPJS Kesehatan", external),
        ("L.4", "Dispendukcapil", external),
    ]
    return tuple(Relation(process, party, kind) for process, party, kind in rows)


def kinerja() -> tuple[Kinerja, ...]:
    """Cascading Kinerja of Kecamatan Sale."""
    rows = [
        (
            "T1",
            RPJMD,
            "Tujuan",
            "MENINGKATKAN TATA KELOLA PEMERINTAHAN YANG PROFESIONAL DAN "
            "AKUNTABEL UNTUK PENINGKATAN PELAYANAN PUBLIK",
            "Indek Reformasi Birokrasi",
            None,
        ),
        ("S1", RPJMD, "Sasaran", "MENINGKATNYA KINERJA PELAYANAN PUBLIK", "Indeks Kepuasan Masyarakat", "T1"),
        (
            "T2",
            RENSTRA,
            "Tujuan",
            "MENINGKATKAN KEPUASAN MASYARAKAT TERHADAP PELAYANAN DI KECAMATAN",
            "Indek Kepuasan Masyarakat ( IKM )",
            "S1",
        ),
        (
            "PR1",
            RENSTRA,
            "Program",
            "Peningkatan Kualitas Pelayanan Kecamatan",
            "Prosentase Pelayanan Publik yang sesuai SOP",
            "T2",
        ),
        (
            "K1",
            RENSTRA,
            "Kegiatan",
            "Sarana Prasarana Administrasi Terpadu",
            "Jumlah sarana Prasarana Tercukupi",
            "PR1",
        ),
    ]
    return tuple(
        Kinerja(code, source, level, text, indicator, parent, order=index)
        for index, (code, source, level, text, indicator, parent) in enumerate(rows)
    )


def decree(**changes: object) -> Decree:
    base = Decree(
        office=Office("PEMERINTAH KABUPATEN LUMAJANG", "Tempursari", "Kabupaten Lumajang"),
        info=DecreeInfo(2020, "890 /   /2020", "PETA PROSES BISNIS", "CAMAT TEMPURSARI,", "Tempursari", None),
        signer=Signer("CAMAT TEMPURSARI", "Drs. CONTOH"),
        lampiran=LampiranText(figure_chapter="3", stakeholders=("Masyarakat", "Pemerintah Desa")),
        units=units(),
        processes=processes(),
        relations=relations(),
        kinerja=kinerja(),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def sources(**changes: object) -> dict[str, str]:
    subject = decree(**changes)
    return build_sources(subject, plan_figures(subject))


# ---------------------------------------------------------------- reading DOT text

_NODE = re.compile(r"^\s*(\w+) \[label=<(.*)>(?:, .*)?\];$", re.M)
_EDGE = re.compile(r"^\s*(\w+) -> (\w+)(?: \[(.*)\])?;$", re.M)


def plain(label: str) -> str:
    """The text a reader sees in an HTML-like label."""
    return html.unescape(" ".join(re.sub(r"<[^>]*>", " ", label).split()))


def labels(source: str) -> dict[str, str]:
    return {node_id: plain(label) for node_id, label in _NODE.findall(source)}


def nodes(source: str, text: str) -> list[str]:
    """Nodes whose label is exactly ``text`` or starts with it followed by a space."""
    return [n for n, label in labels(source).items() if label == text or label.startswith(text + " ")]


def node(source: str, text: str) -> str:
    found = nodes(source, text)
    assert len(found) == 1, f"{text!r}: {found}"
    return found[0]


def edges(source: str) -> list[tuple[str, str, str]]:
    return _EDGE.findall(source)


def visible(source: str) -> set[tuple[str, str]]:
    return {(tail, head) for tail, head, attrs in edges(source) if "invis" not in attrs}


def joined(source: str, start: str, goal: str) -> bool:
    """``start`` and ``goal`` are linked by visible lines, passing only through junction points."""
    links: dict[str, set[str]] = {}
    for tail, head in visible(source):
        links.setdefault(tail, set()).add(head)
        links.setdefault(head, set()).add(tail)
    queue, seen = deque([start]), {start}
    while queue:
        current = queue.popleft()
        if current == goal:
            return True
        for neighbour in links.get(current, ()):
            if neighbour not in seen and (neighbour == goal or neighbour.startswith("j")):
                seen.add(neighbour)
                queue.append(neighbour)
    return False


def cluster(source: str, name: str) -> str:
    """The text of one ``subgraph cluster_...`` block."""
    lines = source.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == f"subgraph {name} {{")
    depth = 0
    for end in range(start, len(lines)):
        depth += lines[end].count("{") - lines[end].count("}")
        if depth == 0:
            return "\n".join(lines[start : end + 1])
    raise AssertionError(f"{name} is not closed")


# ---------------------------------------------------------------- labels


def test_wrap_label_wraps_at_width_and_escapes_markup() -> None:
    assert wrap_label("Seksi A & B <Umum>", 12) == "Seksi A &amp; B<BR/>&lt;Umum&gt;"
    wrapped = wrap_label("Seksi Pemberdayaan Masyarakat dan Desa Kecamatan Sale", 16)
    assert all(len(line) <= 16 for line in wrapped.split("<BR/>"))
    assert wrap_label("Dispendukcapil", 5) == "Dispendukcapil"  # words are never cut
    assert wrap_label("a\x07b  c", 10) == "a b c"


def test_markup_in_workbook_text_reaches_dot_escaped() -> None:
    odd = Process("U.9", 'Proses "A" & <B> > C', Category.UTAMA, order=99, output="X & Y")
    source = sources(processes=processes() + (odd,))[PETA]
    assert "&amp;" in source and "&lt;B&gt;" in source and "&gt; C" in source
    assert "<B> >" not in source and "X &amp; Y" in source
    assert labels(source)[node(source, "U.9")] == 'U.9 Proses "A" & <B> > C'


# ---------------------------------------------------------------- one source per figure


def test_every_planned_figure_has_a_source() -> None:
    with_narrative = decree()
    keys = [figure.key for figure in plan_figures(with_narrative)]
    assert keys == [ORGANISASI, KETERKAITAN, PETA, RELASI, process_key("P.1"), process_key("P1.1"), CASCADING]
    assert list(build_sources(with_narrative, plan_figures(with_narrative))) == keys
    without = decree(lampiran=LampiranText(narrative=False))
    keys = [figure.key for figure in plan_figures(without)]
    assert category_key(Category.UTAMA) in keys
    assert list(build_sources(without, plan_figures(without))) == keys


def test_unknown_figure_is_refused() -> None:
    with pytest.raises(ValueError, match="tidak dikenal"):
        build_sources(decree(), [Figure("peta-lain", "Gambar 1.", "Lain")])
    with pytest.raises(ValueError, match="P.2"):
        build_sources(decree(), [Figure(process_key("P.2"), "Gambar 1.", "P.2")])


def test_sources_are_deterministic() -> None:
    assert sources() == sources()
    assert all(
        "digraph" in source and 'fontname="Liberation Sans"' in source for source in sources().values()
    )


# ---------------------------------------------------------------- Bagan Susunan Organisasi


def test_organisation_chart_follows_the_hierarchy() -> None:
    source = sources()[ORGANISASI]
    camat, (sekretariat, kelurahan_sekretariat) = node(source, "Camat"), nodes(source, "Sekretariat")
    assert 'fillcolor="#1F3864"' in source.split(f"{camat} [label")[1].split("\n")[0]
    assert joined(source, camat, sekretariat)
    assert joined(source, sekretariat, node(source, "Sub Bagian Program dan Keuangan"))
    assert joined(source, camat, node(source, "Seksi Tata Pemerintahan"))
    assert not joined(source, camat, node(source, "Sub Bagian Program dan Keuangan"))
    assert joined(source, node(source, "Kelurahan"), kelurahan_sekretariat)
    assert not joined(source, camat, kelurahan_sekretariat)
    assert 'splines="line"' in source and 'dir="none"' in source


def test_functional_group_hangs_by_a_dashed_line() -> None:
    source = sources()[ORGANISASI]
    kjf = node(source, "Kelompok Jabatan Fungsional")
    touching = [attrs for tail, head, attrs in edges(source) if kjf in (tail, head)]
    assert touching and all('style="dashed"' in attrs for attrs in touching)
    dashed = [(tail, head) for tail, head, attrs in edges(source) if "dashed" in attrs]
    assert all(kjf in pair for pair in dashed)
    assert joined(source, node(source, "Camat"), kjf)


def test_long_unit_names_wrap_instead_of_stretching() -> None:
    source = sources()[ORGANISASI]
    assert "Sub Bagian<BR/>Program dan<BR/>Keuangan" in source


def test_wide_rows_of_sections_are_split_evenly() -> None:
    extra = tuple(Unit(f"x{i}", f"Seksi Tambahan {i}", "camat", order=6) for i in range(2))
    source = sources(units=units() + extra)[ORGANISASI]
    rows = [line for line in source.splitlines() if line.strip().startswith("{rank=same; j")]
    widths = sorted(line.count("; j") for line in rows)
    assert max(widths) <= style.MAX_ROW + 1  # drops plus the trunk passing through
    assert all(joined(source, node(source, "Camat"), node(source, f"Seksi Tambahan {i}")) for i in range(2))


# ---------------------------------------------------------------- Peta Proses Bisnis


def test_level_zero_map_has_bands_and_a_value_chain() -> None:
    source = sources()[PETA]
    manajerial, utama = cluster(source, "cluster_manajerial"), cluster(source, "cluster_utama")
    lainnya = cluster(source, "cluster_lainnya")
    ids = {code: node(source, code) for code in ("P.1", "U.1", "U.2", "U.3", "L.4")}
    assert f"{ids['P.1']} [" in manajerial and f"{ids['L.4']} [" in lainnya
    assert all(f"{ids[c]} [" in utama and 'shape="cds"' in utama for c in ("U.1", "U.2", "U.3"))
    assert {(ids["U.1"], ids["U.2"]), (ids["U.2"], ids["U.3"])} <= visible(source)
    assert "P1.1 " not in " ".join(labels(source).values())  # level 0 only
    assert cluster(source, "cluster_manajerial") and "cluster_pendukung" not in source


def test_stakeholders_left_and_outcome_right_of_the_chain() -> None:
    source = sources()[PETA]
    stakeholders, outcome = node(source, "Pemangku Kepentingan"), node(source, "Outcome")
    assert "Masyarakat" in labels(source)[stakeholders]
    assert "Pemerintah Desa" in labels(source)[stakeholders]
    assert labels(source)[outcome] == "Outcome Indeks Kepuasan Masyarakat"
    assert (stakeholders, node(source, "U.1")) in visible(source)
    assert (node(source, "U.3"), outcome) in visible(source)
    # dot starts each rank with the first node declared: stakeholders before every cluster
    assert source.index(f"  {stakeholders} [") < source.index("subgraph cluster_")


def test_without_stakeholders_the_public_is_the_stakeholder() -> None:
    source = sources(lampiran=LampiranText())[PETA]
    assert labels(source)[node(source, "Pemangku Kepentingan")] == "Pemangku Kepentingan Masyarakat"


def test_a_long_value_chain_wraps_and_keeps_its_arrows() -> None:
    more = tuple(Process(f"U.{n}", f"Proses Utama {n}", Category.UTAMA, order=20 + n) for n in range(4, 6))
    source = sources(processes=processes() + more)[PETA]
    assert (node(source, "U.3"), node(source, "U.4")) in visible(source)
    rows = [line for line in source.splitlines() if "{rank=same;" in line and node(source, "U.1") in line]
    assert rows and node(source, "U.4") not in rows[0]


# ---------------------------------------------------------------- sub-process and category maps


def test_sub_process_map_nests_grandchildren_in_a_frame() -> None:
    source = sources()[process_key("P.1")]
    frame = cluster(source, "cluster_frame")
    assert "P.1. Proses Umum dan Kepegawaian" in plain(frame.splitlines()[1])
    persuratan = cluster(source, "cluster_" + process_boxes.process_ids(decree())["P1.1"])
    masuk, keluar = node(source, "P1.1.1"), node(source, "P1.1.2")
    assert f"{masuk} [" in persuratan and f"{keluar} [" in persuratan
    assert (masuk, keluar) in visible(source)
    assert 'lhead="cluster_p1"' not in source and 'ltail="cluster_p1"' in source
    assert (node(source, "P1.2"), node(source, "P1.3")) in visible(source)
    assert "P.2" not in " ".join(labels(source).values())


def test_category_maps_chain_only_the_utama_processes() -> None:
    subject = decree(lampiran=LampiranText(narrative=False))
    found = build_sources(subject, plan_figures(subject))
    utama = found[category_key(Category.UTAMA)]
    assert (node(utama, "U.1"), node(utama, "U.2")) in visible(utama)
    lainnya = found[category_key(Category.LAINNYA)]
    assert not visible(lainnya)
    assert {"L.1", "L.4"} <= {label.split()[0] for label in labels(lainnya).values()}
    manajerial = found[category_key(Category.MANAJERIAL)]
    assert "cluster_p0" in manajerial  # P.1 framed with its children


# ---------------------------------------------------------------- Peta Relasi


def test_a_party_named_twice_is_one_node() -> None:
    source = sources()[RELASI]
    desa = [n for n, label in labels(source).items() if label.casefold() == "desa"]
    assert len(desa) == 1
    assert joined(source, desa[0], node(source, "L.1"))
    assert joined(source, desa[0], node(source, "L.4"))
    keuangan = node(source, "Subbag Keuangan")
    assert joined(source, keuangan, node(source, "P.2")) and joined(source, keuangan, node(source, "P.3"))


def test_relations_are_grouped_by_category() -> None:
    source = sources()[RELASI]
    manajerial, lainnya = cluster(source, "cluster_manajerial"), cluster(source, "cluster_lainnya")
    assert f"{node(source, 'P.1')} [" in manajerial and f"{node(source, 'Bappeda')} [" in lainnya
    assert "cluster_pendukung" not in source
    assert f"{node(source, 'BPJS Kesehatan')} [" in lainnya
    assert joined(source, node(source, "BPJS Kesehatan"), node(source, "L.4"))
    assert not joined(source, node(source, "BPJS Kesehatan"), node(source, "L.1"))


def test_a_party_of_several_processes_stands_outside_the_categories() -> None:
    source = sources()[RELASI]
    desa = node(source, "Desa")
    assert all(f"{desa} [" not in cluster(source, f"cluster_{c}") for c in ("manajerial", "lainnya"))
    assert source.index(f"  {desa} [") > source.rindex("subgraph cluster_")
    assert {(node(source, "L.1"), desa), (node(source, "L.4"), desa)} <= visible(source)


def test_internal_parties_stand_left_and_external_right() -> None:
    source = sources()[RELASI]
    internal, process = node(source, "Subbag Umum dan Kepegawaian"), node(source, "P.1")
    external = node(source, "Kepala Desa")
    assert (internal, process) in visible(source)  # flat edges are drawn tail left of head
    assert (node(source, "L.2"), external) in visible(source)
    assert "Pihak Internal" in labels(source).values()


# ---------------------------------------------------------------- kinerja


def test_cascading_boxes_show_text_and_indicator() -> None:
    source = sources()[CASCADING]
    program = node(source, "PROGRAM")
    assert labels(source)[program] == (
        "PROGRAM Peningkatan Kualitas Pelayanan Kecamatan "
        "Indikator: Prosentase Pelayanan Publik yang sesuai SOP"
    )
    assert joined(source, node(source, "TUJUAN MENINGKATKAN TATA"), node(source, "SASARAN"))
    assert joined(source, program, node(source, "KEGIATAN"))
    assert not joined(source, node(source, "SASARAN"), program)


def test_keterkaitan_links_rpjmd_to_renstra_across_columns() -> None:
    source = sources()[KETERKAITAN]
    rpjmd, renstra = cluster(source, "cluster_rpjmd"), cluster(source, "cluster_renstra")
    sasaran, tujuan = node(source, "SASARAN"), node(source, "TUJUAN MENINGKATKAN KEPUASAN")
    assert f"{sasaran} [" in rpjmd and f"{tujuan} [" in renstra
    assert f"{node(source, 'PROGRAM')} [" in renstra
    assert (sasaran, tujuan) in visible(source)
    assert f"{{rank=same; {sasaran}; {tujuan};}}" in source
    assert "RPJMD" in plain(rpjmd.splitlines()[1]) and "RENSTRA" in plain(renstra.splitlines()[1])


# ---------------------------------------------------------------- placing and rendering


def test_fit_width_never_exceeds_text_and_never_blows_up() -> None:
    path = Path("x.png")
    assert fit_width_mm(Diagram(path, 200.0, 100.0), 165) == 165
    assert fit_width_mm(Diagram(path, 100.0, 50.0), 165) == 120
    assert fit_width_mm(Diagram(path, 150.0, 50.0), 160) == 160
    assert fit_width_mm(Diagram(path, 100.0, 400.0), 165, text_height_mm=250) == 62.5


def test_missing_graphviz_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert not diagrams.graphviz_available()
    with pytest.raises(GraphvizMissing, match="sudo apt-get install graphviz.*--tanpa-gambar"):
        render_diagrams(decree(), plan_figures(decree()), Path("/nonexistent"))


def test_cache_dir_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KEPUTUSAN_CACHE", str(tmp_path / "gambar"))
    assert diagrams.default_cache_dir() == tmp_path / "gambar"
    monkeypatch.delenv("KEPUTUSAN_CACHE")
    assert diagrams.default_cache_dir() == Path.home() / ".cache" / "keputusan-camat" / "gambar"


def test_cache_name_depends_on_source_and_version(monkeypatch: pytest.MonkeyPatch) -> None:
    first = diagrams.cache_name("digraph {}")
    assert re.fullmatch(r"[0-9a-f]{64}\.png", first)
    assert diagrams.cache_name("digraph { a }") != first
    monkeypatch.setattr(rendering, "RENDER_VERSION", "lain")
    rendering._version.cache_clear()
    try:
        assert diagrams.cache_name("digraph {}") != first
    finally:
        monkeypatch.undo()
        rendering._version.cache_clear()


needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz (dot) tidak terpasang")


@needs_dot
def test_rendering_is_deterministic_and_cached(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    subject = decree()
    figures = plan_figures(subject)
    first = render_diagrams(subject, figures, tmp_path / "a")
    second = render_diagrams(subject, figures, tmp_path / "b")
    assert list(first) == [figure.key for figure in figures]
    for key, drawn in first.items():
        data = drawn.path.read_bytes()
        assert data.startswith(b"\x89PNG") and data == second[key].path.read_bytes(), key
        assert drawn.path.parent == tmp_path / "a"
        assert 20 < drawn.width_mm < 250 and 20 < drawn.height_mm < 300, key
    assert not [p for p in (tmp_path / "a").iterdir() if is_temporary(p.name)]

    calls: list[str] = []
    real_draw, real_scale = runner.draw, runner.Prober.scale
    monkeypatch.setattr(runner, "draw", lambda key, source: calls.append(key) or real_draw(key, source))
    monkeypatch.setattr(
        runner.Prober, "scale", lambda prober, source: calls.append(prober.key) or real_scale(prober, source)
    )
    stamps = {key: drawn.path.stat().st_mtime_ns for key, drawn in first.items()}
    again = render_diagrams(subject, figures, tmp_path / "a")
    assert calls == [] and again == first
    assert {key: d.path.stat().st_mtime_ns for key, d in again.items()} == stamps
    changed = replace(subject, lampiran=replace(subject.lampiran, stakeholders=("Warga",)))
    render_diagrams(changed, figures, tmp_path / "a")
    assert set(calls) == {PETA}  # measured, then drawn


@needs_dot
def test_natural_size_is_the_pixel_size_at_print_resolution(tmp_path: Path) -> None:
    drawn = render_diagrams(decree(), plan_figures(decree()), tmp_path)[ORGANISASI]
    width, height = rendering._png_size(drawn.path) or (0, 0)
    assert drawn.width_mm == pytest.approx(width * 25.4 / style.DPI)
    assert drawn.height_mm == pytest.approx(height * 25.4 / style.DPI)
    # text stays at least 8 pt once the chart is placed at the F4 text width
    assert style.FONT_SIZE * fit_width_mm(drawn, 165) / drawn.width_mm >= 8


@needs_dot
def test_broken_dot_source_names_the_figure() -> None:
    with pytest.raises(DiagramError, match="peta.*syntax error"):
        runner.draw("peta", "digraph { a -> }")
    with runner.Prober("peta") as prober, pytest.raises(DiagramError, match="peta.*syntax error"):
        prober.scale("digraph { a -> }")


def positions(source: str) -> dict[str, tuple[float, float]]:
    """Node centres (inches, y up) as dot lays them out."""
    layout = graphviz.pipe("dot", "plain", source.encode()).decode()
    found: dict[str, tuple[float, float]] = {}
    for line in layout.splitlines():
        parts = line.split()
        if parts and parts[0] == "node":
            found[parts[1]] = (float(parts[2]), float(parts[3]))
    return found


@needs_dot
def test_layout_reads_left_to_right_and_top_down() -> None:
    found = sources()
    peta = found[PETA]
    at = positions(peta)
    stakeholders, outcome = node(peta, "Pemangku Kepentingan"), node(peta, "Outcome")
    chain = [node(peta, code) for code in ("U.1", "U.2", "U.3")]
    xs = [at[stakeholders][0], *(at[n][0] for n in chain), at[outcome][0]]
    assert xs == sorted(xs)
    assert at[node(peta, "P.1")][1] > at[chain[0]][1] > at[node(peta, "L.1")][1]
    relasi = found[RELASI]
    at = positions(relasi)
    internal, process = node(relasi, "Subbag Umum dan Kepegawaian"), node(relasi, "P.1")
    assert at[internal][0] < at[process][0]
    assert at[node(relasi, "L.1")][0] < at[node(relasi, "Bappeda")][0] < at[node(relasi, "Desa")][0]
    assert at[process][1] > at[node(relasi, "U.1")][1] > at[node(relasi, "L.1")][1]


# ---------------------------------------------------------------- the page a figure goes on


def test_every_layout_is_capped_at_the_printable_box_of_its_paper() -> None:
    assert printable_box(Paper.F4) == Box(6.476, 9.448)  # 164.5 x 240 mm: text block less caption
    assert printable_box(Paper.A4) == Box(6.279, 8.149)
    for paper in Paper:
        subject = decree(info=replace(decree().info, paper=paper))
        drawings = build_drawings(subject, plan_figures(subject), printable_box(paper))
        for drawing in drawings.values():
            assert all(f'size="{printable_box(paper).size}"' in source for source in drawing.layouts)


def test_smallest_font_reads_node_defaults_and_html_sizes() -> None:
    source = sources()[CASCADING]
    assert smallest_font(source) == style.SMALL_SIZE  # the level headers
    assert (
        smallest_font('digraph { node [fontsize=10]; a [label=<<FONT POINT-SIZE="7.5">x</FONT>>]; }') == 7.5
    )


def test_placed_font_follows_the_width_the_figure_gets() -> None:
    small = Diagram(Path("x.png"), 100.0, 50.0, font_pt=9.0)
    assert placed_font_pt(small, 165, 240) == pytest.approx(9.0 * 1.2)  # enlarged at most 1.2 times
    tall = Diagram(Path("x.png"), 100.0, 480.0, font_pt=9.0)
    assert placed_font_pt(tall, 165, 240) == pytest.approx(4.5)


def test_the_longest_readable_run_is_found_in_a_few_layouts() -> None:
    asked: list[int] = []

    def room(size: int) -> float:  # a column: twice as long prints at half the size
        asked.append(size)
        return 13 / (size + 0.5)

    assert longest(40, room) == 12 and len(asked) <= 4
    assert longest(1, room) == 1
    assert longest(5, lambda size: 0.1) == 1  # a unit too large alone still is a piece
    assert longest(8, lambda size: 1.0) == 8


def test_pack_cuts_runs_in_order_each_as_long_as_fits() -> None:
    def build(run: list[int], number: int) -> Drawing:
        return Drawing("x", (f"{number}:" + ",".join(map(str, run)),))

    def room(drawing: Drawing) -> float:
        return 4.2 / len(drawing.source.split(":")[1].split(","))

    pieces = pack(list(range(10)), build, room)
    assert [piece.source for piece in pieces] == ["0:0,1,2,3", "1:4,5,6,7", "2:8,9"]


# ---------------------------------------------------------------- figures in pieces


def deep_cascade(
    depth: int, text: str = "MENINGKATNYA KUALITAS PELAYANAN PUBLIK KECAMATAN"
) -> tuple[Kinerja, ...]:
    """One chain of ``depth`` boxes, each also with a leaf beside the next box."""
    items = []
    for level in range(depth):
        parent = f"K{level - 1}" if level else None
        items.append(
            Kinerja(f"K{level}", RENSTRA, "Program", f"{text} {level}", f"Indeks {level}", parent, level)
        )
        if level:
            items.append(Kinerja(f"L{level}", RENSTRA, "Kegiatan", f"KEGIATAN {level}", "", parent, level))
    return tuple(items)


def boxes(source: str) -> int:
    return len([label for label in labels(source).values() if "Indeks" in label or "KEGIATAN" in label])


def test_a_cascade_too_large_is_cut_into_pieces_that_continue_each_other() -> None:
    subject = decree(kinerja=deep_cascade(12))
    drawing = build_drawings(subject, plan_figures(subject), printable_box(Paper.F4))[CASCADING]
    assert drawing.cut is not None

    def room(piece: Drawing) -> float:  # a page holds six boxes
        return 6.5 / boxes(piece.layouts[-1])

    def cut(piece: Drawing) -> list[Drawing]:  # as the renderer does: pieces too large are cut again
        parts = piece.cut(room) if room(piece) < 1 and piece.cut else []
        return [part for each in parts for part in cut(each)] if len(parts) > 1 else [piece]

    pieces = cut(drawing)
    texts = [" ".join(labels(piece.source).values()) for piece in pieces]
    assert len(pieces) > 1 and all(boxes(piece.source) <= 6 for piece in pieces)
    assert "(bersambung)" in texts[0] and "(lanjutan)" not in texts[0]
    assert all("(lanjutan)" in text for text in texts[1:])
    shown = {
        re.sub(r"\s*\((lanjutan|bersambung)\)", "", label)
        for piece in pieces
        for label in labels(piece.source).values()
    }
    assert all(any(item.text in label for label in shown) for item in subject.kinerja)


def test_siblings_of_the_cascade_stand_side_by_side_under_one_bar() -> None:
    items = (
        Kinerja("T", RPJMD, "Tujuan", "TUJUAN SATU", "", None, 0),
        *(Kinerja(f"S{n}", RPJMD, "Sasaran", f"SASARAN {n}", "", "T", n) for n in range(1, 4)),
        *(Kinerja(f"P{n}", RENSTRA, "Program", f"PROGRAM {n}", "", "S1", n) for n in range(1, 6)),
    )
    source = sources(kinerja=items)[CASCADING]
    sasaran = [node(source, f"SASARAN SASARAN {n}") for n in range(1, 4)]
    ranks = [line for line in source.splitlines() if "{rank=same;" in line]
    assert all(joined(source, node(source, "TUJUAN TUJUAN SATU"), s) for s in sasaran)
    assert not any(s in line for s in sasaran for line in ranks)  # hung from a bar, not beside the trunk
    programs = [node(source, f"PROGRAM PROGRAM {n}") for n in range(1, 6)]
    assert all(joined(source, sasaran[0], p) for p in programs)
    bars = [line.count(" j") for line in ranks]  # junctions of each bar: one drop per box, and the trunk
    assert bars == [3, 4, 3]  # three sasaran; then five leaves wrap into rows of three and two


def test_relasi_of_many_processes_puts_parties_in_columns() -> None:
    many = tuple(Process(f"L.{n}", f"Proses Lain {n}", L, order=30 + n) for n in range(5, 25))
    more = tuple(Relation(f"L.{n}", f"Pihak {n % 7}", PartyKind.EKSTERNAL) for n in range(5, 25))
    source = sources(processes=processes() + many, relations=relations() + more)[RELASI]
    assert "cluster_" not in source and 'splines="line"' in source  # too tall beside: columns
    pihak = node(source, "Pihak 3")
    assert joined(source, node(source, "L.10"), pihak) and joined(source, node(source, "L.17"), pihak)
    internal = node(source, "Subbag Keuangan")
    assert (internal, node(source, "P.2")) in visible(source) or (internal, node(source, "P.3")) in visible(
        source
    )


# ---------------------------------------------------------------- rendering real and synthetic decrees


def read_decree(path: Path) -> Decree:
    found, problems = validate(read_workbook(path))
    assert found is not None, problems
    return found


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> list[Decree]:
    """The benchmark's realistic decrees: two typical ones and one of 300 processes."""
    return [read_decree(path) for path in write_synthetic(tmp_path_factory.mktemp("sintetis"), 3)]


@pytest.fixture(scope="module")
def in_pieces(synthetic: list[Decree], tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Diagram]]:
    folder = tmp_path_factory.mktemp("potongan")
    return [render_diagrams(subject, plan_figures(subject), folder, pieces=True) for subject in synthetic]


def page(subject: Decree) -> tuple[float, float]:
    """Width and height in mm the document places a figure within (the context's own numbers)."""
    paper = subject.info.paper
    return text_width_mm(paper) - FIGURE_SLACK_MM, text_height_mm(paper) - FIGURE_ALLOWANCE_MM


@needs_dot
def test_no_picture_holds_more_pixels_than_will_print(
    synthetic: list[Decree], in_pieces: list[dict[str, Diagram]], tmp_path: Path
) -> None:
    for subject, pieces in zip(synthetic, in_pieces, strict=True):
        whole = render_diagrams(subject, plan_figures(subject), tmp_path)
        width, height = printable_box(subject.info.paper).pixels
        for drawn in [*whole.values(), *pieces.values()]:
            for piece in drawn.pieces:
                pixels = rendering._png_size(piece.path) or (0, 0)
                assert pixels[0] <= width and pixels[1] <= height, (piece.path.name, pixels)
                assert piece.width_mm <= page(subject)[0] + 0.2 and piece.height_mm <= page(subject)[1] + 0.2


@needs_dot
def test_every_piece_prints_its_smallest_text_at_8_pt_or_more(
    synthetic: list[Decree], in_pieces: list[dict[str, Diagram]]
) -> None:
    for subject, drawn in zip(synthetic, in_pieces, strict=True):
        assert set(drawn) == {figure.key for figure in plan_figures(subject)}
        for key, diagram in drawn.items():
            for number, piece in enumerate(diagram.pieces, start=1):
                assert placed_font_pt(piece, *page(subject)) >= 8, (subject.office.kecamatan, key, number)
    largest = in_pieces[-1]  # 300 processes: its level-0 map and relations continue over pages
    assert len(largest[PETA].pieces) > 1 and len(largest[RELASI].pieces) > 1


@needs_dot
def test_the_seed_decrees_print_whole_at_8_pt_or_more(tmp_path: Path) -> None:
    """Every seed figure prints whole and readable, but the one the Lampiran's signature follows:
    Tempursari's last Peta Lintas Fungsi is not readable whole in the room the signature leaves, so it
    continues on the signature's page, each piece readable and short enough."""
    for workbook in (SALE, TEMPURSARI):
        subject = read_decree(workbook)
        plan = plan_figures(subject)
        closing = closing_figure(subject, plan)
        width, height = page(subject)
        for key, diagram in render_diagrams(subject, plan, tmp_path, pieces=True).items():
            room = height - signature_height_mm(subject) if key == closing else height
            assert len(diagram.pieces) == (2 if key == closing else 1), (workbook.name, key)
            for piece in diagram.pieces:
                assert placed_font_pt(piece, width, room) >= 8, (workbook.name, key)
                assert piece.height_mm <= room + 0.2, (workbook.name, key)
    assert closing == lintas_key("L.8")


@needs_dot
def test_smallest_text_is_the_source_font_times_the_scale_graphviz_applied(tmp_path: Path) -> None:
    subject = decree()
    drawn = render_diagrams(subject, plan_figures(subject), tmp_path)[CASCADING]
    source = sources()[CASCADING]
    scale = float(graphviz.pipe("dot", "plain", source.encode()).split()[1])
    assert drawn.path.name == diagrams.cache_name(source)
    assert drawn.font_pt == pytest.approx(smallest_font(source) * scale, abs=0.001)


@needs_dot
def test_pieces_are_byte_identical_from_a_fresh_cache(
    synthetic: list[Decree], in_pieces: list[dict[str, Diagram]], tmp_path: Path
) -> None:
    subject = synthetic[0]
    again = render_diagrams(subject, plan_figures(subject), tmp_path, pieces=True)
    for key, diagram in in_pieces[0].items():
        assert [p.path.read_bytes() for p in diagram.pieces] == [
            p.path.read_bytes() for p in again[key].pieces
        ]
