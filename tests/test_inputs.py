"""Which files of a folder are read as workbooks."""

from __future__ import annotations

from generator.inputs import is_workbook_name, workbooks_in


def test_input_listing_skips_lock_hidden_and_temporary_files(tmp_path):
    names = [
        "sale-2020.xlsx",
        "Tempursari.XLSX",
        "~$sale-2020.xlsx",
        ".sale-2020.xlsx",
        ".~keputusan-123-0123abcd-sale-2021.xlsx",
        "catatan.txt",
    ]
    for name in names:
        (tmp_path / name).write_bytes(b"")
    (tmp_path / "folder.xlsx").mkdir()
    assert [p.name for p in workbooks_in(tmp_path)] == ["Tempursari.XLSX", "sale-2020.xlsx"]
    assert not is_workbook_name(".~keputusan-123-0123abcd-sale-2021.xlsx")
