"""The Langkah and SOP sheets: one test per rule, each with a bad workbook built in the test."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.model import Lane, StepKind
from generator.pipeline import load_decree
from generator.steps import lanes, processes_with_steps


def steps() -> list[dict[str, object]]:
    """Four valid steps of P.1.1 (rows 2-5 of Langkah): a decision whose Tidak skips a step."""
    return [
        {"process": "P.1.1", "number": 1, "activity": "Menerima surat", "pelaksana": "U3", "kind": "Mulai"},
        {
            "process": "P.1.1",
            "number": 2,
            "activity": "Memeriksa surat",
            "pelaksana": "U2",
            "kind": "Keputusan",
            "yes": 3,
            "no": 4,
        },
        {
            "process": "P.1.1",
            "number": 3,
            "activity": "Menandatangani",
            "pelaksana": "U1",
            "kind": "Kegiatan",
        },
        {"process": "P.1.1", "number": 4, "activity": "Mengarsipkan", "pelaksana": "U3", "kind": "Selesai"},
    ]


@pytest.fixture
def with_steps(rows):
    rows["steps"] = steps()
    return rows


def check(make_workbook, data):
    decree, problems = load_decree(make_workbook(data))
    return decree, [str(p) for p in problems.errors], [str(p) for p in problems.warnings]


def only_error(make_workbook, data) -> str:
    decree, errors, _ = check(make_workbook, data)
    assert decree is None
    assert len(errors) == 1, errors
    return errors[0]


# --- a valid flow ---------------------------------------------------------------------------------


def test_valid_steps_are_built_with_their_flow(with_steps, make_workbook):
    decree, errors, warnings = check(make_workbook, with_steps)
    assert errors == [] and not any("Langkah" in w for w in warnings)
    built = decree.steps_of("P.1.1")
    assert [(s.number, s.kind, s.pelaksana) for s in built] == [
        (1, StepKind.MULAI, "U3"),
        (2, StepKind.KEPUTUSAN, "U2"),
        (3, StepKind.KEGIATAN, "U1"),
        (4, StepKind.SELESAI, "U3"),
    ]
    assert built[0].next == 2 and built[2].next == 4  # empty Berikutnya: the next number
    assert built[1].targets == (("Ya", 3), ("Tidak", 4)) and built[3].targets == ()
    assert lanes(decree, "P.1.1") == [
        Lane("U3", "Sub Bagian Umum", True),
        Lane("U2", "Sekretariat", True),
        Lane("U1", "Camat", True),
    ]
    assert [p.code for p in processes_with_steps(decree)] == ["P.1.1"]
    assert decree.locations.cell("steps", "P.1.1#2", "no") == "H3"


def test_pelaksana_may_be_a_unit_name_or_a_party_of_the_relasi_sheet(with_steps, make_workbook):
    with_steps["steps"][0]["pelaksana"] = "desa"  # a party of U.1 in the Relasi sheet
    with_steps["steps"][2]["pelaksana"] = "camat"  # a unit's name
    decree, errors, _ = check(make_workbook, with_steps)
    assert errors == []
    assert [lane.key for lane in lanes(decree, "P.1.1")] == ["Desa", "U2", "U1", "U3"]
    assert lanes(decree, "P.1.1")[0] == Lane("Desa", "Desa", False)


def test_steps_of_several_processes_follow_the_lampiran_order(with_steps, make_workbook):
    with_steps["steps"] = [{**s, "process": "U.1"} for s in steps()] + steps()
    decree, errors, _ = check(make_workbook, with_steps)
    assert errors == []
    assert [p.code for p in processes_with_steps(decree)] == ["P.1.1", "U.1"]  # Manajerial before Utama


# --- one rule each --------------------------------------------------------------------------------


def test_unknown_process(with_steps, make_workbook):
    with_steps["steps"][1]["process"] = "P.1.9"
    error = only_error(make_workbook, with_steps)
    assert error.startswith('Langkah!A3: Kode Proses "P.1.9" tidak ada di lembar Proses.')


def test_a_process_with_sub_processes_has_no_steps(with_steps, make_workbook):
    with_steps["steps"] = [{**s, "process": "P.1"} for s in steps()]
    _, errors, _ = check(make_workbook, with_steps)
    assert len(errors) == 4
    assert errors[0].startswith("Langkah!A2: Proses P.1 punya subproses (P.1.1); langkah hanya untuk proses")


def test_unknown_pelaksana(with_steps, make_workbook):
    with_steps["steps"][1]["pelaksana"] = "Sekretariatt"
    error = only_error(make_workbook, with_steps)
    assert error.startswith('Langkah!D3: Pelaksana "Sekretariatt" tidak dikenal')
    assert "lembar Relasi" in error and 'Mungkin maksudnya "Sekretariat"?' in error


def test_duplicate_step_number(with_steps, make_workbook):
    with_steps["steps"][2]["number"] = 2
    _, errors, _ = check(make_workbook, with_steps)
    assert errors[0].startswith("Langkah!B4: Langkah nomor 2 proses P.1.1 sudah ada di Langkah!B3")


def test_step_number_below_one(with_steps, make_workbook):
    with_steps["steps"][0]["number"] = 0
    _, errors, _ = check(make_workbook, with_steps)
    assert 'Langkah!B2: "No" tidak sah: diharapkan bilangan bulat 1 sampai 999. (ditemukan: 0)' in errors


def test_no_mulai(with_steps, make_workbook):
    with_steps["steps"][0]["kind"] = "Kegiatan"
    error = only_error(make_workbook, with_steps)
    assert error.startswith("Langkah!E2: Proses P.1.1 tidak punya langkah Mulai")


def test_two_mulai(with_steps, make_workbook):
    with_steps["steps"][2]["kind"] = "Mulai"
    _, errors, _ = check(make_workbook, with_steps)
    assert errors[0].startswith("Langkah!E4: Proses P.1.1 sudah punya langkah Mulai (langkah 1)")


def test_no_selesai(with_steps, make_workbook):
    with_steps["steps"][3]["kind"] = "Kegiatan"
    with_steps["steps"][3]["next"] = 1
    _, errors, _ = check(make_workbook, with_steps)
    assert any(e.startswith("Langkah!E5: Proses P.1.1 tidak punya langkah Selesai") for e in errors)


def test_decision_without_two_branches(with_steps, make_workbook):
    del with_steps["steps"][1]["no"]
    error = only_error(make_workbook, with_steps)
    assert error.startswith(
        "Langkah!H3: Keputusan pada langkah 2 proses P.1.1 harus punya dua cabang: isi Jika"
    )


def test_decision_branches_to_one_step(with_steps, make_workbook):
    with_steps["steps"][1]["no"] = 3
    _, errors, _ = check(make_workbook, with_steps)
    assert errors[0].startswith("Langkah!H3: Jika Ya dan Jika Tidak sama-sama menuju langkah 3")


def test_step_pointing_to_a_step_that_does_not_exist(with_steps, make_workbook):
    with_steps["steps"][2]["next"] = 9
    error = only_error(make_workbook, with_steps)
    assert error.startswith("Langkah!F4: Berikutnya menuju langkah 9 yang tidak ada pada proses P.1.1")
    assert "(1, 2, 3, 4)" in error


def test_step_pointing_to_itself(with_steps, make_workbook):
    with_steps["steps"][2]["next"] = 3
    assert only_error(make_workbook, with_steps).startswith(
        "Langkah!F4: Berikutnya menuju langkah ini sendiri."
    )


def test_step_pointing_back_to_mulai(with_steps, make_workbook):
    with_steps["steps"][1]["no"] = 1
    error = only_error(make_workbook, with_steps)
    assert error.startswith("Langkah!H3: Jika Tidak menuju langkah Mulai (1)")


@pytest.mark.parametrize(
    ("row", "key", "cell", "reason"),
    [
        (2, "yes", "G4", "Jika Ya dan Jika Tidak hanya untuk langkah Keputusan"),
        (3, "next", "F5", "langkah Selesai tidak punya langkah berikutnya"),
        (1, "next", "F3", "Keputusan bercabang lewat Jika Ya dan Jika Tidak"),
    ],
)
def test_a_branch_cell_that_must_stay_empty(with_steps, make_workbook, row, key, cell, reason):
    with_steps["steps"][row][key] = 4
    _, errors, _ = check(make_workbook, with_steps)
    assert any(e.startswith(f"Langkah!{cell}: ") and reason in e for e in errors), errors


def test_last_step_that_is_not_selesai(with_steps, make_workbook):
    with_steps["steps"].append(
        {"process": "P.1.1", "number": 5, "activity": "Lapor", "pelaksana": "U1", "kind": "Kegiatan"}
    )
    with_steps["steps"][2]["next"] = 5
    _, errors, _ = check(make_workbook, with_steps)
    assert any(
        e.startswith("Langkah!E6: Langkah 5 proses P.1.1 adalah langkah terakhir tetapi bukan")
        for e in errors
    )


def flow(*rows: tuple[object, ...]) -> list[dict[str, object]]:
    """Steps of P.1.1 from (number, kind, branches) tuples; pelaksana U1, one activity each."""
    return [
        {
            "process": "P.1.1",
            "number": n,
            "activity": f"Langkah {n}",
            "pelaksana": "U1",
            "kind": kind,
            **branches,
        }
        for n, kind, branches in rows
    ]


def test_unreachable_step(rows, make_workbook):
    rows["steps"] = flow(
        (1, "Mulai", {}),
        (2, "Keputusan", {"yes": 4, "no": 5}),
        (3, "Kegiatan", {"next": 4}),  # nothing leads here
        (4, "Selesai", {}),
        (5, "Kegiatan", {"next": 4}),
    )
    error = only_error(make_workbook, rows)
    assert error.startswith("Langkah!B4: Langkah 3 proses P.1.1 tidak pernah dicapai dari langkah Mulai (1)")


def test_a_loop_that_never_reaches_selesai(rows, make_workbook):
    rows["steps"] = flow(
        (1, "Mulai", {}),
        (2, "Keputusan", {"yes": 3, "no": 4}),
        (3, "Kegiatan", {"next": 2}),
        (4, "Selesai", {}),
    )
    decree, errors, _ = check(make_workbook, rows)
    assert errors == [] and decree is not None  # a loop with a way out is a proper flow
    rows["steps"] = flow(
        (1, "Mulai", {}), (2, "Kegiatan", {}), (3, "Kegiatan", {"next": 2}), (4, "Selesai", {})
    )
    _, errors, _ = check(make_workbook, rows)
    assert any(e.startswith("Langkah!B3: Dari langkah 2 proses P.1.1 alurnya berputar") for e in errors), (
        errors
    )
    assert any(e.startswith("Langkah!B5: Langkah 4 proses P.1.1 tidak pernah dicapai") for e in errors), (
        errors
    )


def test_mulai_not_first_is_a_warning(with_steps, make_workbook):
    with_steps["steps"][0]["number"] = 5
    with_steps["steps"][0]["next"] = 2
    with_steps["steps"][2]["next"] = 4
    decree, errors, warnings = check(make_workbook, with_steps)
    assert errors == [] and decree is not None
    assert any(w.startswith("Langkah!B2: Langkah Mulai proses P.1.1 bernomor 5") for w in warnings)


def test_every_problem_of_the_sheet_in_one_run(with_steps, make_workbook):
    with_steps["steps"][0]["pelaksana"] = "U9"
    with_steps["steps"][1]["no"] = 8
    with_steps["steps"][3]["process"] = "X.1"
    _, errors, _ = check(make_workbook, with_steps)
    cells = [e.split(":", 1)[0] for e in errors]
    assert {"Langkah!D2", "Langkah!H3", "Langkah!A5"} <= set(cells)


# --- SOP sheet and the kinerja link ---------------------------------------------------------------


def test_sop_identity_is_built_with_items_per_line(with_steps, make_workbook):
    with_steps["sop"] = [
        {
            "process": "P.1.1",
            "number": "800/  /2020",
            "made": dt.date(2020, 1, 2),
            "dasar_hukum": "1. Undang-Undang Nomor 43 Tahun 2009;\n"
            "2. Peraturan Pemerintah Nomor 17 Tahun 2018",
            "peralatan": "- Komputer\n\n- Buku agenda",
        }
    ]
    decree, errors, _ = check(make_workbook, with_steps)
    assert errors == []
    sop = decree.sop_of("P.1.1")
    assert sop.number == "800/  /2020" and sop.made == dt.date(2020, 1, 2)
    assert sop.dasar_hukum == (
        "Undang-Undang Nomor 43 Tahun 2009;",
        "Peraturan Pemerintah Nomor 17 Tahun 2018",
    )
    assert sop.peralatan == ("Komputer", "Buku agenda") and sop.peringatan == ()


def test_sop_for_an_unknown_process(with_steps, make_workbook):
    with_steps["sop"] = [{"process": "Q.1"}]
    assert only_error(make_workbook, with_steps).startswith(
        'SOP!A2: Kode Proses "Q.1" tidak ada di lembar Proses.'
    )


def test_sop_written_twice_for_one_process(with_steps, make_workbook):
    with_steps["sop"] = [{"process": "P.1.1"}, {"process": "p.1.1"}]
    error = only_error(make_workbook, with_steps)
    assert error.startswith("SOP!A3: Identitas SOP proses P.1.1 sudah ada di SOP!A2")


def test_sop_of_a_process_without_steps_is_a_warning(with_steps, make_workbook):
    with_steps["sop"] = [{"process": "U.1"}]
    decree, errors, warnings = check(make_workbook, with_steps)
    assert errors == [] and decree is not None
    assert (
        "SOP!A2: Proses U.1 belum punya langkah di lembar Langkah; identitas SOP ini tidak dicetak."
        in warnings
    )


def test_sop_dates_out_of_order_are_a_warning(with_steps, make_workbook):
    with_steps["sop"] = [{"process": "P.1.1", "made": dt.date(2020, 5, 1), "effective": dt.date(2020, 4, 1)}]
    _, errors, warnings = check(make_workbook, with_steps)
    assert errors == [] and "SOP!F2: Tanggal Efektif lebih awal daripada Tanggal Pembuatan." in warnings


def test_process_linked_to_kinerja(rows, make_workbook):
    rows["processes"][0]["kinerja"] = "k1, K2"
    decree, errors, _ = check(make_workbook, rows)
    assert errors == [] and decree.processes[0].kinerja == ("K1", "K2")


def test_process_linked_to_an_unknown_kinerja(rows, make_workbook):
    rows["processes"][2]["kinerja"] = "K1; K7"
    error = only_error(make_workbook, rows)
    assert error.startswith('Proses!J4: "Kode Kinerja" merujuk kode "K7" yang tidak ada di lembar Kinerja.')
