"""The `keputusan` command: documented in Indonesian with examples, and honest exit statuses."""

from __future__ import annotations

import pytest

from generator.cli import COMMANDS, EXIT_INVALID, EXIT_OK, main


def test_top_level_help_is_indonesian(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--help"])
    out = capsys.readouterr().out
    assert info.value.code == 0
    assert out.startswith("Penggunaan: keputusan")
    assert "perintah" in out and "tampilkan bantuan" in out
    for name in COMMANDS:
        assert name in out


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help_with_an_example(capsys, name):
    with pytest.raises(SystemExit):
        main([name, "--help"])
    out = capsys.readouterr().out
    assert out.startswith(f"Penggunaan: keputusan {name}")
    assert "Contoh:\n  keputusan " + name in out
    assert "show this help" not in out and "usage:" not in out


def test_argument_errors_are_indonesian(capsys):
    with pytest.raises(SystemExit) as info:
        main(["periksa"])
    err = capsys.readouterr().err
    assert info.value.code == EXIT_INVALID
    assert "argumen berikut wajib diisi" in err


def test_periksa_valid_workbook(capsys, rows, make_workbook):
    assert main(["periksa", str(make_workbook(rows))]) == EXIT_OK
    assert "sah" in capsys.readouterr().out


def test_periksa_lists_every_problem_and_exits_2(capsys, rows, make_workbook):
    rows["decree"][0]["title"] = None
    rows["processes"][0]["category"] = "Entah"
    assert main(["periksa", str(make_workbook(rows))]) == EXIT_INVALID
    err = capsys.readouterr().err
    assert "Keputusan!B4" in err and "Proses!C2" in err and "2 galat" in err


def test_periksa_not_a_workbook_is_one_sentence(capsys, tmp_path):
    path = tmp_path / "data.csv"
    path.write_text("a,b\n", encoding="utf-8")
    assert main(["periksa", str(path)]) == EXIT_INVALID
    err = capsys.readouterr().err
    assert "bukan buku kerja Excel" in err and "Traceback" not in err


def test_buat_invalid_workbook_writes_nothing(capsys, rows, make_workbook, tmp_path):
    rows["signer"][0]["nip"] = "12"
    out_dir = tmp_path / "hasil"
    assert main(["buat", str(make_workbook(rows)), "-o", str(out_dir), "--tanpa-gambar"]) == EXIT_INVALID
    assert not out_dir.exists() or list(out_dir.iterdir()) == []
    assert "Penandatangan!B6" in capsys.readouterr().err
