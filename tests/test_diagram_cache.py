"""The picture cache: what a run killed while writing a picture leaves, the next run removes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from generator import atomic
from generator.diagrams import render_diagrams
from generator.figures import ORGANISASI, plan_figures
from tests.conftest import PROJECT
from tests.factories import sale_decree

needs_dot = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz (dot) tidak terpasang")

KILLED_WHILE_DRAWING = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from generator.diagrams import render_diagrams
    from generator.figures import plan_figures
    from tests.factories import sale_decree

    def killed(*args):  # the run is killed with the picture written, before it is renamed into place
        os.kill(os.getpid(), signal.SIGKILL)

    os.replace = killed
    subject = sale_decree()
    figure = int(sys.argv[2])
    render_diagrams(subject, plan_figures(subject)[figure : figure + 1], Path(sys.argv[1]))
    """
)


def killed_run(folder: Path, figure: int = 0) -> list[Path]:
    """The files a run killed while caching a picture of the Sale decree left in ``folder``, made
    old enough that no live write can own them (as by the time a person runs the program again)."""
    before = set(folder.iterdir()) if folder.exists() else set()
    done = subprocess.run(
        [sys.executable, "-c", KILLED_WHILE_DRAWING, str(folder), str(figure)], cwd=PROJECT
    )
    assert done.returncode == -9
    left = sorted(set(folder.iterdir()) - before)
    earlier = time.time() - atomic.STALE_SECONDS - 60
    for path in left:
        os.utime(path, (earlier, earlier))
    return left


@needs_dot
def test_the_next_run_removes_what_a_killed_run_left(tmp_path: Path) -> None:
    folder = tmp_path / "gambar"
    left = killed_run(folder)
    assert len(left) == 1 and atomic.is_temporary(left[0].name) and left[0].name.endswith(".png")

    subject = sale_decree()
    drawn = render_diagrams(subject, plan_figures(subject)[:1], folder)
    names = sorted(path.name for path in folder.iterdir())
    assert drawn[ORGANISASI].path.name in names
    assert len(names) == 2 and not any(atomic.is_temporary(name) for name in names)  # picture, record


@needs_dot
def test_a_run_that_draws_nothing_still_removes_them(tmp_path: Path) -> None:
    folder = tmp_path / "gambar"
    subject = sale_decree()
    figures = plan_figures(subject)[:1]
    render_diagrams(subject, figures, folder)
    cached = sorted(folder.iterdir())
    assert len(killed_run(folder, figure=1)) == 1  # killed while caching another figure
    atomic._swept.clear()  # the next run is a new process
    render_diagrams(subject, figures, folder)  # all cached: nothing drawn, nothing written
    assert sorted(folder.iterdir()) == cached
