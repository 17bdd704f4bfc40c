"""Failures told in Indonesian: every common OS error, and bugs without their English text."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from generator.failures import describe_crash, describe_os_error, reason


@pytest.mark.parametrize(
    ("code", "phrase"),
    [
        (errno.ENOENT, "tidak ditemukan"),
        (errno.EACCES, "izin ditolak"),
        (errno.EPERM, "izin ditolak"),
        (errno.EROFS, "hanya dapat dibaca"),
        (errno.ENOSPC, "ruang disk penuh"),
        (errno.EDQUOT, "kuota disk"),
        (errno.EISDIR, "adalah folder, bukan berkas"),
        (errno.ENOTDIR, "bukan folder"),
        (errno.ENAMETOOLONG, "namanya terlalu panjang"),
        (errno.EIO, "disk rusak atau terlepas"),
        (errno.EMFILE, "terlalu banyak berkas terbuka"),
    ],
)
def test_os_errors_are_indonesian_sentences(code, phrase):
    exc = OSError(code, "English strerror text", "/tmp/.~keputusan-1-abcdef12-x.docx")
    sentence = describe_os_error(exc, Path("outputs/Keputusan-Camat-Sale-2020.docx"))
    assert sentence.startswith("Tidak dapat menulis outputs/Keputusan-Camat-Sale-2020.docx: ")
    assert phrase in sentence and sentence.endswith(".")
    assert "English" not in sentence and ".~keputusan" not in sentence


def test_without_a_path_only_the_file_name_is_shown():
    exc = PermissionError(errno.EACCES, "Permission denied", "/srv/rahasia/dalam/sale.xlsx")
    assert describe_os_error(exc, action="membaca") == (
        "Tidak dapat membaca sale.xlsx: izin ditolak (periksa hak akses berkas dan foldernya)."
    )


def test_an_unknown_errno_is_named_not_explained_in_english():
    assert reason(OSError(errno.EXDEV, "Invalid cross-device link")) == "letaknya di penyimpanan lain"
    assert reason(OSError(errno.ENOEXEC, "Exec format error")) == "galat sistem ENOEXEC"
    assert reason(OSError("no errno at all")) == "galat sistem yang tidak dikenal"


def test_a_bug_is_reported_without_its_text_and_with_how_to_report():
    from generator.formatting import format_nip

    try:
        format_nip(None)  # type: ignore[arg-type]  # a bug inside the package
    except TypeError as caught:
        message = describe_crash(caught, "sale.xlsx")
    expected = "Kesalahan tak terduga saat memproses sale.xlsx (TypeError, formatting.py baris "
    assert message.startswith(expected)
    assert "laporkan kepada pengembang" in message and "KEPUTUSAN_DEBUG=1" in message
    assert "NoneType" not in message and "/" not in message.split("(")[1].split(")")[0]


def test_a_bug_outside_the_package_names_no_file_and_no_text():
    try:
        raise ValueError("secret /home/staf/data and English words")
    except ValueError as caught:
        message = describe_crash(caught, "sale.xlsx")
    assert "(ValueError)" in message
    assert "secret" not in message and "/home" not in message


def test_running_out_of_memory_is_not_called_a_bug():
    message = describe_crash(MemoryError(), "besar.xlsx")
    assert message.startswith("Memori tidak cukup untuk memproses besar.xlsx")
    assert "Kesalahan tak terduga" not in message
