"""`keputusan banding` with a hostile workbook on either side, built in the test, under 1 GB / 30 s: one
Indonesian sentence for each bad side, a clean exit, and no comparison written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from workbooks import hostile_files

from generator.cli import EXIT_INVALID

KINDS = ["bom-zip.xlsx", "bom-xml.xlsx", "besar.xlsx", "pipa.xlsx", "nol.xlsx", "folder.xlsx"]


@pytest.fixture
def place(rows, make_workbook, tmp_path) -> tuple[Path, Path, dict[str, str]]:
    folder = tmp_path / "kecamatan"
    folder.mkdir()
    good = Path(shutil.copy(make_workbook(rows), folder / "sale-2020.xlsx"))
    return folder, good, hostile_files(folder, good)


@pytest.mark.parametrize("kind", KINDS)
def test_a_hostile_new_workbook(limited, place, kind):
    folder, good, expected = place
    report = folder / "perubahan.md"
    outcome = limited(["banding", good, folder / kind, "--keluaran", report])
    outcome.assert_clean(EXIT_INVALID)
    assert expected[kind] in outcome.stderr, outcome.text
    assert kind in outcome.stderr
    assert not report.exists()


def test_both_sides_hostile_are_both_named(limited, place):
    folder, _, expected = place
    outcome = limited(["banding", folder / "bom-zip.xlsx", folder / "pipa.xlsx"])
    outcome.assert_clean(EXIT_INVALID)
    for kind in ("bom-zip.xlsx", "pipa.xlsx"):
        assert expected[kind] in outcome.stderr and kind in outcome.stderr, outcome.text
    assert outcome.stdout == ""  # no comparison of half the input
