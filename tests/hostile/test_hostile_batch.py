"""Batches: a dead worker fails only its own workbook, two workbooks never write one output, two runs
never write one folder at once, and -j is checked. Faults are armed in a child (tests/hostile/faults.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator import limits
from generator.batch import run_all
from generator.locks import folder_lock
from generator.pipeline import Options, generate
from generator.writer import digest, read_stamp
from tests.hostile.conftest import PROJECT, _limits, run_limited
from tests.hostile.faults import COMMAND

OUTPUT = "Keputusan-Camat-Sale-2020.docx"

# run_all in a child with the fault module preloaded into its workers; prints every on_done report
# and the returned results as JSON.
RUN_ALL = """
import json, sys
from pathlib import Path
from tests.hostile import faults
from generator import batch
from generator.pipeline import Options
batch.WORKER_MODULES.append("tests.hostile.faults")
reported = []
results = batch.run_all(
    [Path(p) for p in sys.argv[3:]],
    Options(out_dir=Path(sys.argv[1]), figures=False),
    jobs=int(sys.argv[2]),
    on_done=lambda r: reported.append(r.workbook.name),
)
fields = ("ok", "written", "error")
print(json.dumps({
    "reported": reported,
    "results": [{"name": r.workbook.name, **{f: getattr(r, f) for f in fields}} for r in results],
}))
"""


@pytest.fixture
def kecamatan_workbooks(rows, make_workbook):
    """One workbook per kecamatan name, each its own output."""

    def make(*names: str) -> list[Path]:
        paths = []
        for name in names:
            rows["office"][0]["kecamatan"] = name
            paths.append(make_workbook(rows))
        return paths

    return make


def run_all_in_child(out: Path, jobs: int, workbooks: list[Path], env: dict[str, str]) -> dict:
    outcome = run_limited([out, jobs, *workbooks], env=env, command=[sys.executable, "-c", RUN_ALL])
    outcome.assert_clean(0)
    return json.loads(outcome.stdout)


# --- a worker killed mid-way -------------------------------------------------------------------------


@pytest.mark.parametrize("victims", [("Bunuh",), ("Bunuh", "Mati")])
def test_killed_worker_fails_only_its_own_workbook(victims, kecamatan_workbooks, tmp_path):
    names = ["Satu", "Dua", victims[0], "Tiga", "Empat", *victims[1:], "Lima", "Enam"]
    workbooks = kecamatan_workbooks(*names)
    out = tmp_path / "hasil"
    pids = tmp_path / "pids.txt"
    env = {"FAULT_KECAMATAN": ",".join(victims), "FAULT_PIDS": str(pids)}
    report = run_all_in_child(out, 2, workbooks, env)
    assert sorted(report["reported"]) == sorted(p.name for p in workbooks)  # each reported once
    dead = {workbooks[names.index(v)].name for v in victims}
    for result in report["results"]:
        if result["name"] in dead:
            assert "Proses pekerja berhenti mendadak" in result["error"], result
            assert "SIGKILL" in result["error"] and result["name"] in result["error"]
        else:
            assert result["ok"] and result["written"], result
    assert len(list(out.glob("*.docx"))) == len(names) - len(victims)
    # two long-lived workers did everything, plus one replacement per dead worker
    assert len(set(pids.read_text(encoding="ascii").split())) == 2 + len(victims)


def test_batch_summary_after_a_dead_worker(kecamatan_workbooks, tmp_path, limited):
    workbooks = kecamatan_workbooks("Satu", "Bunuh", "Dua", "Tiga")
    out = tmp_path / "hasil"
    outcome = run_limited(
        ["buat", *workbooks, "-o", out, "--tanpa-gambar", "-j", "2"],
        env={"FAULT_KECAMATAN": "Bunuh"},
        command=COMMAND,
    )
    outcome.assert_clean(1)
    assert outcome.stderr.count("dibuat") == 3
    assert f"GAGAL {workbooks[1].name}: Proses pekerja berhenti mendadak" in outcome.stderr


def test_workers_start_once_for_the_whole_batch(kecamatan_workbooks, tmp_path):
    workbooks = kecamatan_workbooks(*(f"Kec{n}" for n in range(8)))
    pids = tmp_path / "pids.txt"
    report = run_all_in_child(tmp_path / "hasil", 2, workbooks, {"FAULT_PIDS": str(pids)})
    assert all(r["ok"] for r in report["results"])
    drawn_by = pids.read_text(encoding="ascii").split()
    assert len(drawn_by) == 8 and len(set(drawn_by)) <= 2


def test_on_done_hears_every_result_in_this_process(kecamatan_workbooks, tmp_path):
    workbooks = kecamatan_workbooks("Satu", "Dua", "Tiga")
    heard = []
    results = run_all(workbooks, Options(out_dir=tmp_path / "hasil", figures=False), 2, heard.append)
    assert sorted(r.workbook for r in heard) == sorted(workbooks)
    assert [r.workbook for r in results] == workbooks and all(r.ok for r in results)


# --- two workbooks, one output ------------------------------------------------------------------------


@pytest.mark.parametrize("jobs", [1, 2])
def test_second_workbook_for_the_same_output_fails_naming_both(jobs, rows, make_workbook, tmp_path):
    # The earlier workbook is much slower to read, so with two workers the later one reaches its
    # write first; the earlier one still wins, whatever the timing.
    for number in range(limits.PROCESS_ROWS.value - len(rows["processes"])):
        rows["processes"].append({"code": f"X.{number}", "name": f"Proses {number}", "category": "Lainnya"})
    slow = make_workbook(rows)
    rows["processes"] = rows["processes"][:3]
    rows["menimbang"].append({"text": "bahwa tiga;"})
    fast = make_workbook(rows)
    rows["office"][0]["kecamatan"] = "Lain"
    other = make_workbook(rows)
    out = tmp_path / "hasil"
    results = run_all([slow, fast, other], Options(out_dir=out, figures=False), jobs)
    assert [r.ok for r in results] == [True, False, True]
    assert results[0].written and results[2].written and not results[1].written
    error = results[1].error
    assert f"{OUTPUT} juga hasil {slow.name}" in error and f"{fast.name} tidak ditulis" in error
    expected = generate(slow, Options(out_dir=tmp_path / "bersih", figures=False)).output.read_bytes()
    assert (out / OUTPUT).read_bytes() == expected
    assert [e.digest for e in read_stamp(out / OUTPUT).entries] == [digest(expected)]


def test_output_names_differing_only_in_case_collide(rows, make_workbook, tmp_path):
    first = make_workbook(rows)
    rows["office"][0]["kecamatan"] = "SALE"
    second = make_workbook(rows)
    results = run_all([first, second], Options(out_dir=tmp_path / "hasil", figures=False), 1)
    assert results[0].ok and not results[1].ok
    assert "Keputusan-Camat-SALE-2020.docx juga hasil" in results[1].error


def test_collision_in_the_cli_summary(rows, make_workbook, tmp_path, limited):
    first, second = make_workbook(rows), make_workbook(rows)
    outcome = limited(["buat", first, second, "-o", tmp_path / "hasil", "--tanpa-gambar", "-j", "2"])
    outcome.assert_clean(1)
    assert f"GAGAL {second.name}: {OUTPUT} juga hasil {first.name}" in outcome.stderr
    assert outcome.stderr.count("dibuat") == 1


# --- two runs, one output folder ---------------------------------------------------------------------


def test_a_run_on_a_busy_folder_stops_in_one_sentence(rows, make_workbook, tmp_path, limited):
    out = tmp_path / "hasil"
    with folder_lock(out):
        outcome = limited(
            ["buat", make_workbook(rows), "-o", out, "--tanpa-gambar"], env={"KEPUTUSAN_TUNGGU": "0.3"}
        )
    outcome.assert_clean(1)
    assert f"Folder keluaran {out} sedang ditulis oleh proses keputusan lain" in outcome.stderr
    assert list(out.iterdir()) == []


@pytest.fixture
def paused_first_run(rows, make_workbook, tmp_path):
    """Two workbooks for the same output, and a first run on the first one stopped inside its write
    (stamp recorded, document not yet renamed) until ``release`` is touched."""
    first = make_workbook(rows)
    rows["menimbang"].append({"text": "bahwa tiga;"})
    second = make_workbook(rows)
    out = tmp_path / "hasil"
    ready, release = tmp_path / "siap", tmp_path / "lepas"
    env = {
        **os.environ,
        "PYTHONPATH": str(PROJECT),
        "FAULT_POINT": "stamp-recorded",
        "FAULT_TARGET": OUTPUT,
        "FAULT_ACTION": "pause",
        "FAULT_READY": str(ready),
        "FAULT_RELEASE": str(release),
    }
    process = subprocess.Popen(
        [*COMMAND, "buat", str(first), "-o", str(out), "--tanpa-gambar", "-j", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_limits(1024, 30),
    )
    deadline = time.monotonic() + 30
    while not ready.exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the first run never reached its write"
        time.sleep(0.05)
    try:
        yield first, second, out, process, release
    finally:
        release.touch()
        process.communicate(timeout=60)


def expected_output(workbook: Path, tmp_path: Path) -> bytes:
    return generate(workbook, Options(out_dir=tmp_path / "bersih", figures=False)).output.read_bytes()


def test_two_concurrent_runs_with_the_same_output_exactly_one_writes(paused_first_run, tmp_path):
    first, second, out, process, release = paused_first_run
    other = run_limited(["buat", second, "-o", out, "--tanpa-gambar"], env={"KEPUTUSAN_TUNGGU": "0.5"})
    release.touch()
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 0, stderr
    other.assert_clean(1)
    assert "sedang ditulis oleh proses keputusan lain" in other.stderr
    expected = expected_output(first, tmp_path)
    assert (out / OUTPUT).read_bytes() == expected
    assert [e.digest for e in read_stamp(out / OUTPUT).entries] == [digest(expected)]


def test_a_second_run_waits_its_turn_within_the_bound(paused_first_run, tmp_path):
    first, second, out, process, release = paused_first_run
    log = tmp_path / "kedua.txt"
    with log.open("w", encoding="utf-8") as handle:
        waiting = subprocess.Popen(
            [sys.executable, "-m", "generator", "buat", str(second), "-o", str(out), "--tanpa-gambar"],
            env={**os.environ, "PYTHONPATH": str(PROJECT), "KEPUTUSAN_TUNGGU": "60"},
            stdout=handle,
            stderr=handle,
            preexec_fn=_limits(1024, 30),
        )
    deadline = time.monotonic() + 30
    while "menunggu" not in log.read_text(encoding="utf-8"):  # it says it waits for the first run
        assert waiting.poll() is None, log.read_text(encoding="utf-8")
        assert time.monotonic() < deadline
        time.sleep(0.05)
    release.touch()
    process.communicate(timeout=60)
    waiting.wait(timeout=90)
    text = log.read_text(encoding="utf-8")
    assert waiting.returncode == 0, text
    assert f"Folder keluaran {out} sedang ditulis proses lain; menunggu." in text and "dibuat" in text
    expected = expected_output(second, tmp_path)
    assert (out / OUTPUT).read_bytes() == expected  # the first run's output was ours: replaced
    assert [e.digest for e in read_stamp(out / OUTPUT).entries] == [digest(expected)]


# --- -j -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["-5", "0", "65", "abc", "1.5", ""])
def test_jobs_out_of_range_is_one_indonesian_sentence(value, rows, make_workbook, tmp_path, limited):
    outcome = limited(["buat", make_workbook(rows), "-o", tmp_path / "hasil", "-j", value])
    outcome.assert_clean(2)
    assert "jumlah proses paralel harus 1 sampai 64" in outcome.stderr
    assert not (tmp_path / "hasil").exists()


def test_jobs_at_the_bounds_are_accepted(rows, make_workbook, tmp_path, capsys):
    from generator.cli import main

    workbook = make_workbook(rows)
    assert main(["buat", str(workbook), "-o", str(tmp_path / "a"), "--tanpa-gambar", "-j", "1"]) == 0
    assert main(["buat", str(workbook), "-o", str(tmp_path / "b"), "--tanpa-gambar", "-j", "64"]) == 0


def test_core_refuses_a_bad_job_count_in_indonesian(rows, make_workbook, tmp_path):
    with pytest.raises(ValueError, match="Jumlah proses paralel harus 1 sampai 64"):
        run_all([make_workbook(rows)], Options(out_dir=tmp_path, figures=False), jobs=-5)
