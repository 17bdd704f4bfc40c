"""generator.archive refuses zip bombs from the central directory alone, before any parser runs."""

from __future__ import annotations

import io
import zipfile

import pytest

from generator.archive import MB, ArchiveError, Limits, inspect


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def test_ordinary_archive_passes():
    data = _zip({"xl/workbook.xml": b"<workbook/>", "xl/worksheets/sheet1.xml": b"<x/>" * 1000})
    assert [e.filename for e in inspect(data, Limits(), "Berkas a.xlsx")][0] == "xl/workbook.xml"


def test_too_many_entries():
    data = _zip({f"f{i}.xml": b"" for i in range(30)})
    with pytest.raises(ArchiveError, match="30 bagian, lebih dari batas 20"):
        inspect(data, Limits(max_entries=20), "Berkas a.xlsx")


def test_highly_compressed_entry_is_a_bomb():
    data = _zip({"xl/worksheets/sheet1.xml": b"\0" * (8 * MB)})
    assert len(data) < 100_000
    with pytest.raises(ArchiveError, match="bom zip"):
        inspect(data, Limits(), "Berkas a.xlsx")


def test_entry_and_part_and_total_caps():
    data = _zip({"a.xml": b"ab" * 600_000, "xl/sharedStrings.xml": b"ab" * 300_000})
    with pytest.raises(ArchiveError, match="bagian a.xml"):
        inspect(data, Limits(max_entry=1 * MB, max_ratio=1e9), "X")
    with pytest.raises(ArchiveError, match="sharedStrings"):
        inspect(data, Limits(parts={"xl/sharedStrings.xml": 100_000}, max_ratio=1e9), "X")
    with pytest.raises(ArchiveError, match="isinya"):
        inspect(data, Limits(max_total=1 * MB, max_ratio=1e9), "X")


def test_not_a_zip_is_one_sentence(tmp_path):
    with pytest.raises(ArchiveError, match="rusak"):
        inspect(b"PK\x03\x04 not really", Limits(), "Berkas a.xlsx")
    with pytest.raises(ArchiveError, match="tidak dapat dibuka"):
        inspect(tmp_path / "nothing.xlsx", Limits(), "Berkas nothing.xlsx")


def test_long_entry_names_are_cut():
    data = _zip({"x" * 500: b"\0" * (2 * MB)})
    with pytest.raises(ArchiveError) as info:
        inspect(data, Limits(), "X")
    assert len(str(info.value)) < 250


def test_the_whole_archive_may_be_bounded_by_its_packed_size():
    """Entries each within their own ratio, many of them: the total bounds what a few MB can unpack to."""
    data = _zip({f"f{i}.bin": b"\0" * (1 * MB) for i in range(8)})  # 8 MB from a few KB
    whole = Limits(max_ratio=2_000.0, total_ratio=50.0, total_free=2 * MB)
    with pytest.raises(ArchiveError, match="bom zip"):
        inspect(data, whole, "Cadangan c.zip")
    assert len(inspect(data, Limits(max_ratio=2_000.0), "Cadangan c.zip")) == 8  # no whole bound: passes
    assert len(inspect(data, Limits(max_ratio=2_000.0, total_ratio=50.0, total_free=8 * MB), "X")) == 8
