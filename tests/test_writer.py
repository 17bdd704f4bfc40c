"""Outputs: atomic, stamped, byte-reproducible, and never written over a person's edits."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest

from generator.writer import (
    OutputEdited,
    output_name,
    reproducible_zip,
    stamp_path,
    write_output,
)


@pytest.mark.parametrize(
    ("kecamatan", "year", "expected"),
    [
        ("Sale", 2020, "Keputusan-Camat-Sale-2020.docx"),
        ("Kota Anyar", 2021, "Keputusan-Camat-Kota-Anyar-2021.docx"),
        ("Tempursari ", 2024, "Keputusan-Camat-Tempursari-2024.docx"),
    ],
)
def test_output_name(kecamatan, year, expected):
    assert output_name(kecamatan, year) == expected


def make_zip(entries: dict[str, bytes], when: tuple[int, ...]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=when), data)
    return buffer.getvalue()


def test_reproducible_zip_ignores_entry_times_and_keeps_order():
    entries = {"[Content_Types].xml": b"<a/>", "word/document.xml": b"<b/>"}
    first = make_zip(entries, (2024, 1, 2, 3, 4, 5))
    second = make_zip(entries, (2025, 6, 7, 8, 9, 10))
    assert first != second
    date = dt.date(2020, 5, 29)
    assert reproducible_zip(first, date) == reproducible_zip(second, date)
    with zipfile.ZipFile(io.BytesIO(reproducible_zip(first, date))) as archive:
        assert archive.namelist() == list(entries)
        assert archive.infolist()[0].date_time == (2020, 5, 29, 0, 0, 0)
        assert archive.read("word/document.xml") == b"<b/>"


def test_write_then_unchanged_then_changed(tmp_path):
    path = tmp_path / "hasil.docx"
    assert write_output(path, b"satu") is True
    assert stamp_path(path).exists()
    assert write_output(path, b"satu") is False
    assert write_output(path, b"dua") is True
    assert path.read_bytes() == b"dua"


def test_edited_output_is_not_overwritten(tmp_path):
    path = tmp_path / "hasil.docx"
    write_output(path, b"asli")
    path.write_bytes(b"diubah oleh staf")
    with pytest.raises(OutputEdited) as info:
        write_output(path, b"baru")
    assert "--timpa" in str(info.value)
    assert path.read_bytes() == b"diubah oleh staf"
    assert write_output(path, b"baru", force=True) is True
    assert path.read_bytes() == b"baru"


def test_foreign_file_without_stamp_is_not_overwritten(tmp_path):
    path = tmp_path / "hasil.docx"
    path.write_bytes(b"dibuat tangan")
    with pytest.raises(OutputEdited):
        write_output(path, b"baru")


def test_no_temporary_files_left_behind(tmp_path):
    write_output(tmp_path / "hasil.docx", b"isi")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".hasil.docx.sha256", "hasil.docx"]


def test_outputs_are_readable_by_others(tmp_path):
    path = tmp_path / "hasil.docx"
    write_output(path, b"isi")
    assert path.stat().st_mode & 0o044 == 0o044


# --- the stamp accepts old or new content during a write ---------------------------------------------


def test_stamp_accepts_old_and_new_while_the_output_is_replaced(tmp_path, monkeypatch):
    from generator import atomic
    from generator.writer import Entry, digest, read_stamp

    path = tmp_path / "hasil.docx"
    write_output(path, b"lama")
    seen = []

    def look(point, target):
        if point == "stamp-recorded":
            seen.append([e.digest for e in read_stamp(path).entries])

    monkeypatch.setattr(atomic, "checkpoint", look)
    write_output(path, b"baru")
    assert seen == [[digest(b"lama"), digest(b"baru")]]
    assert read_stamp(path).entries == (Entry(digest(b"baru"), 4),)


def test_a_stamp_of_the_old_format_is_still_accepted(tmp_path):
    from generator.writer import digest

    path = tmp_path / "hasil.docx"
    path.write_bytes(b"dibuat versi lama")
    stamp_path(path).write_text(digest(b"dibuat versi lama") + "\n", encoding="ascii")
    assert write_output(path, b"baru") is True


def test_identical_content_without_a_stamp_is_accepted_and_stamped(tmp_path):
    from generator.writer import read_stamp

    path = tmp_path / "hasil.docx"
    path.write_bytes(b"isi")
    assert write_output(path, b"isi") is False
    assert read_stamp(path).entries


def test_a_large_foreign_file_is_refused_without_reading_it_whole(tmp_path):
    path = tmp_path / "hasil.docx"
    write_output(path, b"isi")
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: a size no stamp line has
    with pytest.raises(OutputEdited, match="telah diubah sejak dibuat"):
        write_output(path, b"isi baru")
