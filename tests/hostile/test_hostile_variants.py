"""Hostile values in the sheets of issue 10 (Kop, Indikator, Tata Naskah), under the child's limits."""

from __future__ import annotations

import copy
from pathlib import Path

from docx import Document

from generator import limits
from generator.blank import write_blank
from tests.conftest import MINIMAL

MARKUP = "{{ signer.nip }} {% for x in range(10**9) %}x{% endfor %} <w:p/> & [bold]x[/bold]"


def _workbook(tmp_path: Path, **sheets: list[dict[str, object]]) -> Path:
    rows = copy.deepcopy(MINIMAL)
    rows.update(sheets)
    path = tmp_path / "buku.xlsx"
    write_blank(path, rows)
    return path


def test_a_font_name_that_is_not_a_choice_is_refused_with_its_cell(tmp_path, limited):
    path = _workbook(tmp_path, tata_naskah=[{"font": "Arial:file=/etc/passwd"}])
    outcome = limited(["periksa", path])
    outcome.assert_clean(2)
    assert "Tata Naskah!B2" in outcome.text and "Arial, Bookman Old Style, Times New Roman" in outcome.text


def test_markup_in_kop_tte_and_the_most_indicators_print_as_text(tmp_path, limited):
    indicators = [
        {"kinerja": "K1", "name": f"Indikator {i} {MARKUP}", "formula": MARKUP * 3, "source": MARKUP}
        for i in range(limits.INDICATOR_ROWS.value)
    ]
    path = _workbook(
        tmp_path,
        kop=[{"text": MARKUP}],
        indicators=indicators,
        tata_naskah=[{"tte_footer": MARKUP, "tte_anchor": "{{ x }}"}],
        signer=[{**MINIMAL["signer"][0], "electronic": True, "position": f"CAMAT {MARKUP}"}],
    )
    out = tmp_path / "hasil"
    outcome = limited(["buat", path, "-o", out, "--tanpa-gambar"])
    outcome.assert_clean(0)
    document = Document(str(out / "Keputusan-Camat-Sale-2020.docx"))
    lines = [p.text for p in document.paragraphs]
    assert MARKUP in lines
    cells = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert f"Indikator {limits.INDICATOR_ROWS.value - 1} {MARKUP}" in cells
    assert any(MARKUP in p.text for s in document.sections for p in s.footer.paragraphs)
