"""Data is never markup: "[/bold red]" (and terminal control codes) from a cell, a file name or an
exception prints literally and never crashes, in a single run and in a batch summary."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest

from tests.hostile.faults import COMMAND

MARKUP = "[/bold red]"
LINK = "[link=file:///etc/passwd]klik[/link]"


def test_markup_in_a_cell_prints_literally_in_periksa_and_buat(rows, make_workbook, tmp_path, limited):
    rows["signer"][0]["nip"] = MARKUP
    rows["menimbang"][0]["text"] = f"bahwa {LINK} [bold]tebal[/bold];"
    workbook = make_workbook(rows)
    checked = limited(["periksa", workbook])
    checked.assert_clean(2)
    assert f"(ditemukan: '{MARKUP}')" in checked.stderr
    built = limited(["buat", workbook, "-o", tmp_path / "hasil", "--tanpa-gambar"])
    built.assert_clean(2)
    assert f"(ditemukan: '{MARKUP}')" in built.stderr and "Ringkasan" in built.stderr


def test_markup_in_a_valid_workbook_reaches_the_summary_literally(rows, make_workbook, tmp_path, limited):
    rows["office"][0]["kecamatan"] = f"Sale {MARKUP}"
    rows["decree"][0]["number"] = None  # a warning, so the batch prints a line quoting the workbook
    workbook = make_workbook(rows)
    checked = limited(["periksa", workbook])
    checked.assert_clean(0)
    assert f"Keputusan Camat Sale {MARKUP} tahun 2020" in checked.stdout


def test_markup_and_escapes_in_file_names_print_literally_in_a_batch(rows, make_workbook, tmp_path, limited):
    # A file name cannot hold "/", so no closing tag: but "[blink]" or "[link=...]" would still be
    # read as markup, and ESC would reach the terminal.
    folder = tmp_path / "masukan [bold red]"
    folder.mkdir()
    good = folder / "[bold red]merah[blink] [link=file:///etc]x.xlsx".replace("/", "")
    shutil.copy(make_workbook(rows), good)
    rows["signer"][0]["nip"] = "12"
    rows["office"][0]["kecamatan"] = "Lain"
    bad = folder / "\x1b[31mmerah [reverse].xlsx"
    shutil.copy(make_workbook(rows), bad)
    out = tmp_path / "hasil [blink]"
    outcome = limited(["buat", folder, "-o", out, "--tanpa-gambar", "-j", "2"])
    outcome.assert_clean(2)
    shown = bad.name.replace("\x1b", "\\x1b")
    assert f"GALAT {shown}: Penandatangan!B6" in outcome.stderr  # problems name the file as it is
    assert good.name in outcome.stderr  # in the summary table too
    assert "\x1b" not in outcome.text
    assert (out / "Keputusan-Camat-Sale-2020.docx").exists()


def test_markup_in_an_exception_message_prints_literally(rows, make_workbook, tmp_path, limited):
    template = tmp_path / "templat.docx"
    document = docx.Document()
    document.add_paragraph(f"{{{{ nama_yang_tidak_ada }}}} {MARKUP}")
    document.save(template)
    outcome = limited(
        ["buat", make_workbook(rows), "-o", tmp_path / "hasil", "--tanpa-gambar", "--templat", template]
    )
    outcome.assert_clean(1)
    assert "nama 'nama_yang_tidak_ada' tidak dikenal" in outcome.stderr
    assert MARKUP in outcome.stderr


def test_control_characters_are_shown_never_sent_to_the_terminal(rows, make_workbook, limited):
    # Excel cannot store ESC in a cell, but it can store the 8-bit CSI (0x9b) that some terminals obey.
    rows["office"][0]["kecamatan"] = "Sale\x9b2J\x7f"
    outcome = limited(["periksa", make_workbook(rows)])
    outcome.assert_clean(0)
    assert "\x9b" not in outcome.text and "\x7f" not in outcome.text
    assert "Keputusan Camat Sale\\x9b2J\\x7f tahun 2020" in outcome.stdout


def test_clean_makes_every_control_character_visible():
    from generator.cli.output import clean

    assert clean("a\x1b[2J\x07\tb\nc\x9b") == "a\\x1b[2J\\x07\tb\nc\\x9b"


def test_a_bug_says_how_to_report_it_and_hides_the_english_text(rows, make_workbook, tmp_path, limited):
    workbook = make_workbook(rows)
    args = ["buat", workbook, "-o", tmp_path / "hasil", "--tanpa-gambar", "-j", "1"]
    outcome = limited(args, env={"FAULT_CRASH": "Sale"}, command=COMMAND)
    outcome.assert_clean(1)
    err = outcome.stderr
    assert f"Kesalahan tak terduga saat memproses {workbook.name} (ValueError, pipeline.py baris" in err
    assert "laporkan kepada pengembang" in err and "KEPUTUSAN_DEBUG=1" in err
    assert "an English bug text" not in err and "/srv/secret" not in err and MARKUP not in err
    debug = limited(args, env={"FAULT_CRASH": "Sale", "KEPUTUSAN_DEBUG": "1"}, command=COMMAND)
    assert debug.returncode == 1
    assert "Traceback" in debug.stderr and "an English bug text" in debug.stderr


@pytest.mark.parametrize("command", ["periksa", "banding"])
def test_a_bug_outside_a_batch_is_reported_the_same_way(command, rows, make_workbook, monkeypatch, capsys):
    from generator.cli import banding, main, periksa

    def broken(path, *args, **kwargs):
        raise RuntimeError("English text [/bold red]")

    monkeypatch.setattr(periksa if command == "periksa" else banding, "load_decree", broken)
    workbook = str(make_workbook(rows))
    assert main([command, workbook] + ([workbook] if command == "banding" else [])) == 1
    err = capsys.readouterr().err
    assert f"Kesalahan tak terduga saat memproses perintah {command} (RuntimeError" in err
    assert "English text" not in err


def test_an_os_error_outside_a_batch_is_one_sentence(rows, make_workbook, monkeypatch, capsys):
    import errno

    from generator.cli import main, periksa

    def full(path, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(Path(path)))

    monkeypatch.setattr(periksa, "load_decree", full)
    workbook = make_workbook(rows)
    assert main(["periksa", str(workbook)]) == 1
    err = capsys.readouterr().err
    assert f"Tidak dapat memakai {workbook.name}: ruang disk penuh" in err
    assert "No space" not in err
