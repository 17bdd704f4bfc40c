"""`keputusan impor`: writes the workbook atomically, never over one without --timpa, and says in the
terminal what it could not place and what it guessed."""

from __future__ import annotations

import io
import shutil
import subprocess

import docx
import openpyxl
import pytest

from generator.cli import EXIT_FAILED, EXIT_INVALID, EXIT_OK, main
from tests.importer.hand_typed import LOGO, MENIMBANG, build


@pytest.fixture
def kaliori(tmp_path):
    path = tmp_path / "keputusan-kaliori-2023.docx"
    path.write_bytes(build("tab"))
    return path


def test_writes_the_workbook_and_reports(kaliori, capsys):
    assert main(["impor", str(kaliori)]) == EXIT_OK
    target = kaliori.with_suffix(".xlsx")
    out = capsys.readouterr().out
    assert f"Buku kerja ditulis ke {target}" in out
    assert "1 paragraf tidak ditempatkan" in out and "«Memperhatikan" in out
    assert "Unit!C3" in out and "isian diisi dengan dugaan" in out
    assert "sah menurut keputusan periksa" in out
    book = openpyxl.load_workbook(target)
    assert [c.value for c in book["Menimbang"]["A"][1:]] == list(MENIMBANG)
    logo = kaliori.parent / "keputusan-kaliori-2023-lambang.png"
    assert book["Kantor"]["B11"].value == logo.name and logo.read_bytes() == LOGO
    assert f"Lambang pada kop disimpan ke {logo}" in out


def test_never_overwrites_without_timpa(kaliori, tmp_path, capsys):
    target = tmp_path / "buku.xlsx"
    target.write_bytes(b"buku kerja yang sudah diisi staf")
    assert main(["impor", str(kaliori), "-o", str(target)]) == EXIT_FAILED
    assert target.read_bytes() == b"buku kerja yang sudah diisi staf"
    assert "--timpa" in capsys.readouterr().err
    assert main(["impor", str(kaliori), "-o", str(target), "--timpa"]) == EXIT_OK
    assert openpyxl.load_workbook(target)["Kantor"]["B3"].value == "Kaliori"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_target_must_be_a_workbook(kaliori, tmp_path, capsys):
    assert main(["impor", str(kaliori), "-o", str(tmp_path / "buku.docx")]) == EXIT_FAILED
    assert ".xlsx" in capsys.readouterr().err


def test_data_is_printed_as_written_never_as_markup(tmp_path, capsys):
    document = docx.Document()
    document.add_paragraph("[bold red]PERHATIAN[/] :warning: [link=http://x]klik[/link]")
    path = tmp_path / "aneh.docx"
    document.save(str(path))
    status = main(["impor", str(path)])
    captured = capsys.readouterr()
    assert status == EXIT_INVALID  # nothing of a decree: the workbook is written but does not pass periksa
    assert "[bold red]PERHATIAN[/] :warning: [link=http://x]klik[/link]" in captured.out
    assert "galat" in captured.err and path.with_suffix(".xlsx").exists()


def test_a_document_that_is_not_word_is_one_sentence(tmp_path, capsys):
    path = tmp_path / "bukan.docx"
    path.write_text("teks biasa", encoding="utf-8")
    assert main(["impor", str(path)]) == EXIT_FAILED
    err = capsys.readouterr().err
    assert "bukan dokumen Word" in err and "Traceback" not in err
    assert not path.with_suffix(".xlsx").exists()


def test_old_doc_is_converted_by_libreoffice(tmp_path, capsys):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) tidak terpasang")
    source = tmp_path / "kaliori.docx"
    source.write_bytes(build("tab"))
    profile = (tmp_path / "profil").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "doc", "--outdir",
         str(tmp_path / "lama"), str(source)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    old = tmp_path / "lama" / "kaliori.doc"
    assert old.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"
    assert main(["impor", str(old), "-o", str(tmp_path / "dari-doc.xlsx")]) == EXIT_OK
    book = openpyxl.load_workbook(tmp_path / "dari-doc.xlsx")
    assert [c.value for c in book["Menimbang"]["A"][1:]] == list(MENIMBANG)
    assert book["Penandatangan"]["B6"].value == "19700101 199503 1 002"


def test_bytes_in_bytes_out_for_the_web_page():
    """The core function the web Impor page calls: bytes in, workbook bytes and both lists out."""
    from generator.importer import import_decree

    result = import_decree(build("tabel"), name="unggahan.docx", convert_doc=False)
    book = openpyxl.load_workbook(io.BytesIO(result.workbook))
    assert book["Keputusan"]["B4"].value.startswith("PETA")
    # no file may be named by an upload: the kop's picture comes back as bytes, the Logo cell stays empty
    assert result.logo.data == LOGO and book["Kantor"]["B11"].value is None
    assert "lambang" in {w.where: w.reason for w in result.warnings}["Kantor!B11"]
    assert [str(u).split(":")[0] for u in result.unplaced] == ["sekitar halaman 1, paragraf 34"]
    assert all(w.where and w.reason for w in result.warnings)
