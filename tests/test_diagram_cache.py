"""The picture cache: temporary files a killed run leaves behind are recognised and removed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from generator.diagrams import cache, render_diagrams
from generator.figures import ORGANISASI, plan_figures
from tests.conftest import PROJECT
from tests.factories import sale_decree

KILLED_WRITER = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from generator.diagrams import cache

    def killed(*args):  # the run is killed after writing the picture, before renaming it
        os.kill(os.getpid(), signal.SIGKILL)

    os.replace = killed
    cache.write_atomic(Path(sys.argv[1]) / "gambar.png", b"\\x89PNG" + b"x" * 5000)
    """
)


def killed_run(folder: Path) -> list[Path]:
    """The leftovers of a process killed while writing into ``folder``."""
    done = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(folder)], cwd=PROJECT)
    assert done.returncode == -9
    return sorted(folder.iterdir())


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz (dot) tidak terpasang")
def test_a_run_killed_while_writing_leaves_a_file_the_next_run_removes(tmp_path: Path) -> None:
    folder = tmp_path / "gambar"
    folder.mkdir()
    left = killed_run(folder)
    assert [path.name.startswith(cache.TEMP_PREFIX) for path in left] == [True]
    assert not (folder / "gambar.png").exists()

    subject = sale_decree()
    drawn = render_diagrams(subject, plan_figures(subject)[:1], folder)  # the next run
    names = sorted(path.name for path in folder.iterdir())
    assert names == sorted([drawn[ORGANISASI].path.name, *(n for n in names if n.endswith(".gambar"))])
    assert len(names) == 2  # the picture and its record, nothing left over


def test_files_still_being_written_are_left_alone(tmp_path: Path) -> None:
    ours = tmp_path / f"{cache.temp_prefix()}abc"  # this process is alive
    other_machine = tmp_path / f"{cache.TEMP_PREFIX}00000000.1.abc"
    ours.write_bytes(b"x")
    other_machine.write_bytes(b"x")
    picture = tmp_path / "a.png"
    picture.write_bytes(b"x")
    assert cache.sweep(tmp_path) == []
    assert sorted(tmp_path.iterdir()) == sorted([ours, other_machine, picture])


def test_leftovers_a_day_old_are_removed_whoever_wrote_them(tmp_path: Path) -> None:
    other_machine = tmp_path / f"{cache.TEMP_PREFIX}00000000.1.abc"
    earlier_release = tmp_path / ".0123456789abcdef.k3j4h5.tmp"  # how releases before named them
    for path in (other_machine, earlier_release):
        path.write_bytes(b"x")
        day_ago = time.time() - cache.STALE_SECONDS - 60
        os.utime(path, (day_ago, day_ago))
    assert sorted(cache.sweep(tmp_path)) == sorted([other_machine, earlier_release])


def test_a_folder_is_swept_once_per_process(tmp_path: Path) -> None:
    cache.sweep(tmp_path)
    killed_run(tmp_path)
    assert cache.sweep(tmp_path) == []  # a second look would cost a directory listing per decree
