"""`keputusan audit` over hostile workbooks, built in the test, under 1 GB / 30 s: each bad file gets its
one sentence, the good ones are still audited, many workbooks with thousands of problems stay within
the bounds, and nothing is written."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from workbooks import hostile_files

from generator.cli import EXIT_FAILED, EXIT_INVALID

SPECIAL = ("pipa.xlsx", "nol.xlsx", "folder.xlsx")  # not files: a folder's listing passes over them


@pytest.fixture
def folder(rows, make_workbook, tmp_path) -> tuple[Path, dict[str, str]]:
    place = tmp_path / "kecamatan"
    place.mkdir()
    good = shutil.copy(make_workbook(rows), place / "sale.xlsx")
    return place, hostile_files(place, Path(good))


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_folder_with_hostile_workbooks(limited, folder):
    place, expected = folder
    before = listing(place)
    outcome = limited(["audit", place])
    outcome.assert_clean(EXIT_INVALID)
    for name, words in expected.items():
        if name in SPECIAL:  # neither audited nor refused: never opened
            assert name not in outcome.text
            continue
        [line] = [line for line in outcome.stderr.splitlines() if line.startswith(f"GALAT {name}:")]
        assert words in line, outcome.text
    assert "Audit sale.xlsx: Kecamatan Sale tahun 2020" in outcome.stdout
    assert "Ringkasan audit" in outcome.stdout
    assert listing(place) == before


def test_each_special_file_named_on_its_own(limited, folder):
    place, expected = folder
    outcome = limited(["audit", place / "pipa.xlsx", place / "nol.xlsx", place / "sale.xlsx"])
    outcome.assert_clean(EXIT_INVALID)
    for name in ("pipa.xlsx", "nol.xlsx"):
        assert any(
            line.startswith(f"GALAT {name}:") and expected[name] in line
            for line in outcome.stderr.splitlines()
        ), outcome.text
    assert "Audit sale.xlsx: Kecamatan Sale tahun 2020" in outcome.stdout


def test_an_audit_report_is_never_written_over_a_folder_or_a_pipe(limited, folder):
    place, _ = folder
    refused = limited(["audit", place / "sale.xlsx", "--keluaran", place / "folder.xlsx", "--timpa"])
    refused.assert_clean(EXIT_FAILED)
    assert f"{place / 'folder.xlsx'} adalah folder" in refused.stderr
    assert list((place / "folder.xlsx").iterdir()) == []
    kept = limited(["audit", place / "sale.xlsx", "--keluaran", place / "pipa.xlsx"])  # no --timpa
    kept.assert_clean(EXIT_FAILED)
    assert "sudah ada" in kept.stderr and (place / "pipa.xlsx").is_fifo()


def test_many_workbooks_full_of_problems(limited, rows, make_workbook, tmp_path):
    """Twelve workbooks, each with about 2 000 invalid Diktum rows: every one reported, within bounds."""
    rows["diktum"] = [{"number": "x", "text": "Berlaku " * 50} for _ in range(1_990)]
    place = tmp_path / "banyak"
    place.mkdir()
    source = make_workbook(rows)
    for number in range(12):
        shutil.copy(source, place / f"kecamatan-{number:02}.xlsx")
    outcome = limited(["audit", place])
    outcome.assert_clean(EXIT_INVALID)
    refused = [line for line in outcome.stderr.splitlines() if "memuat 1990 galat" in line]
    assert len(refused) == 12
    assert outcome.stdout.count("GALAT Diktum!A") >= 12 * 1_990


def test_a_folder_that_cannot_be_read(limited, tmp_path):
    """Root reads any folder, so as root the child runs without the capabilities that let it
    (setpriv, util-linux): the folder's missing permissions then hold for it too."""
    root = os.geteuid() == 0
    bounded = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--"] if root else []
    place = tmp_path / "terkunci"
    place.mkdir()
    place.chmod(0)
    try:
        outcome = limited(["audit", place], command=[*bounded, sys.executable, "-m", "generator"])
    finally:
        place.chmod(0o755)
    outcome.assert_clean(EXIT_FAILED)
    assert str(place) in outcome.stderr and "izin" in outcome.stderr, outcome.text
