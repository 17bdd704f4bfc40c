"""The job runner with real worker processes: a slow, greedy or killed job fails only itself."""

from __future__ import annotations

import secrets
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.web.jobs import FINISHED, Job, JobRunner, QueueFull, State
from generator.web.worker import OUT_OF_MEMORY, UNEXPECTED
from tests.web.helpers import SALE, base_settings

TASKS = "tests.web.tasks:"


@pytest.fixture
def runner_for(tmp_path: Path) -> Iterator:
    runners: list[JobRunner] = []

    def make(**changes: object) -> JobRunner:
        runner = JobRunner(base_settings(tmp_path, **changes))
        runner.start()
        runners.append(runner)
        return runner

    yield make
    for runner in runners:
        runner.close()


def job(tmp_path: Path, task: str, *args: object) -> Job:
    folder = tmp_path / secrets.token_hex(4)
    (folder / "hasil").mkdir(parents=True)
    return Job(secrets.token_hex(8), task, args, folder, "uji")


def wait(*jobs: Job, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not all(j.state in FINISHED for j in jobs):
        if time.monotonic() > deadline:
            pytest.fail(f"pekerjaan belum selesai: {[j.state for j in jobs]}")
        time.sleep(0.05)


def alive(pid: int) -> bool:
    """True while the process runs (a zombie waiting to be reaped is dead)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _children_of(pids: list[int]) -> list[int]:
    found = subprocess.run(["ps", "-eo", "pid=,ppid="], capture_output=True, text=True).stdout.split("\n")
    pairs = [tuple(map(int, line.split())) for line in found if line.strip()]
    return [pid for pid, parent in pairs if parent in pids]


def test_a_job_past_its_time_limit_is_killed_and_the_others_go_on(runner_for, tmp_path):
    runner = runner_for(workers=2, job_seconds=10)
    slow = job(tmp_path, TASKS + "sleep", 300)
    runner.submit([slow])
    while slow.state is not State.RUNNING or slow.stage != "gambar":
        time.sleep(0.05)
    pids = runner.pids()
    children = _children_of(pids)
    assert children, "pekerja lambat memulai proses anak"
    real = job(tmp_path, "generator.web.worker:make_decree")
    real.args = (str(SALE), str(real.results), None, False)
    runner.submit([real])
    wait(real)
    assert real.state is State.DONE and slow.state is State.RUNNING  # the slow job blocks no one
    wait(slow)
    assert slow.state is State.FAILED and "melewati batas waktu 10 detik" in slow.error
    assert not [child for child in children if alive(child)]  # the job's own children went with it
    after = job(tmp_path, TASKS + "quick", "lagi")
    runner.submit([after])
    wait(after)
    assert after.state is State.DONE


def test_a_job_over_the_memory_cap_fails_alone(runner_for, tmp_path):
    runner = runner_for(workers=1, worker_memory_mb=400)
    greedy = job(tmp_path, TASKS + "eat_memory", 4000)
    after = job(tmp_path, TASKS + "quick", "lagi")
    runner.submit([greedy, after])
    wait(greedy, after)
    assert greedy.state is State.FAILED and greedy.error == OUT_OF_MEMORY
    assert after.state is State.DONE


def test_a_worker_killed_mid_job_fails_only_that_job(runner_for, tmp_path):
    runner = runner_for(workers=1)
    victim = job(tmp_path, TASKS + "killed")
    after = job(tmp_path, TASKS + "quick", "lagi")
    runner.submit([victim, after])
    wait(victim, after)
    assert victim.state is State.FAILED and "dihentikan oleh sistem" in victim.error
    assert after.state is State.DONE


def test_an_unexpected_error_says_one_sentence_without_its_path(runner_for, tmp_path):
    runner = runner_for(workers=1)
    broken = job(tmp_path, TASKS + "crash")
    runner.submit([broken])
    wait(broken)
    assert broken.state is State.FAILED and broken.error == UNEXPECTED
    assert "/srv" not in broken.error


def test_queue_positions_count_down(runner_for, tmp_path):
    runner = runner_for(workers=1)
    slow = job(tmp_path, TASKS + "sleep", 5)
    waiting = [job(tmp_path, TASKS + "quick", str(i)) for i in range(3)]
    runner.submit([slow, *waiting])
    while slow.state is not State.RUNNING:
        time.sleep(0.02)
    assert [runner.position(j) for j in waiting] == [1, 2, 3]
    wait(slow, *waiting)
    assert [runner.position(j) for j in waiting] == [0, 0, 0]
    assert all(j.state is State.DONE for j in waiting)


def test_a_full_queue_refuses_in_indonesian(runner_for, tmp_path):
    runner = runner_for(workers=1, max_queue=2)
    slow = job(tmp_path, TASKS + "sleep", 300)
    runner.submit([slow])
    while slow.state is not State.RUNNING:
        time.sleep(0.02)
    runner.submit([job(tmp_path, TASKS + "quick", "a"), job(tmp_path, TASKS + "quick", "b")])
    with pytest.raises(QueueFull, match="Antrean server sedang penuh"):
        runner.submit([job(tmp_path, TASKS + "quick", "c")])


def test_closing_stops_workers_and_fails_what_waits(tmp_path):
    runner = JobRunner(base_settings(tmp_path, workers=1))
    runner.start()
    slow = job(tmp_path, TASKS + "sleep", 300)
    waiting = job(tmp_path, TASKS + "quick", "x")
    runner.submit([slow, waiting])
    while slow.state is not State.RUNNING:
        time.sleep(0.02)
    pids = runner.pids()
    runner.close()
    assert waiting.state is State.FAILED and "Server sedang berhenti" in waiting.error
    assert slow.state is State.FAILED
    assert pids and not [pid for pid in pids if alive(pid)]


def test_a_visit_that_ends_mid_job_leaves_no_files(runner_for, tmp_path):
    runner = runner_for(workers=1)
    running = job(tmp_path, TASKS + "sleep", 4)
    waiting = job(tmp_path, TASKS + "quick", "x")
    running.visit = waiting.visit = "kunjungan-berakhir"
    runner.submit([running, waiting])
    while running.state is not State.RUNNING:
        time.sleep(0.02)
    runner.forget("kunjungan-berakhir")
    assert waiting.state is State.FAILED and "kunjungan sudah berakhir" in waiting.error
    wait(running)
    assert not running.folder.exists() and not waiting.folder.exists()
