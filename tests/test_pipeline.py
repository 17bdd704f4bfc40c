"""One workbook end to end, and batches where one bad workbook stops nothing else."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document

from generator.batch import run_all
from generator.cli import EXIT_FAILED, EXIT_INVALID, EXIT_OK, main
from generator.pipeline import Options, generate
from tests.conftest import SALE


def test_same_workbook_gives_byte_identical_docx(tmp_path):
    first = generate(SALE, Options(out_dir=tmp_path / "a", figures=False))
    second = generate(SALE, Options(out_dir=tmp_path / "b", figures=False))
    assert first.ok and second.ok
    assert first.output.name == "Keputusan-Camat-Sale-2020.docx"
    assert first.output.read_bytes() == second.output.read_bytes()


def test_regenerating_unchanged_workbook_rewrites_nothing(tmp_path):
    options = Options(out_dir=tmp_path, figures=False)
    assert generate(SALE, options).written is True
    again = generate(SALE, options)
    assert again.ok and again.written is False


def test_edited_output_is_kept_and_reported(tmp_path, capsys):
    out = tmp_path / "hasil"
    assert main(["buat", str(SALE), "-o", str(out), "--tanpa-gambar"]) == EXIT_OK
    target = out / "Keputusan-Camat-Sale-2020.docx"
    document = Document(str(target))
    document.add_paragraph("Catatan tangan staf")
    document.save(str(target))
    edited = target.read_bytes()
    assert main(["buat", str(SALE), "-o", str(out), "--tanpa-gambar"]) == EXIT_FAILED
    assert target.read_bytes() == edited
    assert "--timpa" in capsys.readouterr().err
    assert main(["buat", str(SALE), "-o", str(out), "--tanpa-gambar", "--timpa"]) == EXIT_OK
    assert target.read_bytes() != edited


def test_batch_finishes_good_workbooks_despite_bad_ones(tmp_path, rows, make_workbook):
    rows["signer"][0]["nip"] = "12"
    invalid = make_workbook(rows)
    not_excel = tmp_path / "bukan.xlsx"
    not_excel.write_text("bukan excel", encoding="utf-8")
    out = tmp_path / "hasil"
    results = run_all([invalid, SALE, not_excel], Options(out_dir=out, figures=False), jobs=2)
    assert [r.ok for r in results] == [False, True, False]
    assert results[1].output.exists()
    assert "bukan buku kerja" in results[2].error
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "Keputusan-Camat-Sale-2020.docx"
    ]


def test_batch_command_summary_and_exit_status(tmp_path, rows, make_workbook, capsys):
    rows["signer"][0]["nip"] = "12"
    invalid = make_workbook(rows)
    out = tmp_path / "hasil"
    status = main(["buat", str(invalid), str(SALE), "-o", str(out), "--tanpa-gambar", "-j", "2"])
    assert status == EXIT_INVALID
    err = capsys.readouterr().err
    assert "Ringkasan" in err and "dibuat" in err and "gagal" in err
    assert "Penandatangan!B6" in err
    assert (out / "Keputusan-Camat-Sale-2020.docx").exists()


def test_folder_argument_takes_every_workbook(tmp_path, rows, make_workbook, capsys):
    folder = Path(make_workbook(rows)).parent
    (folder / "~$kunci.xlsx").write_bytes(b"lock file of an open Excel")
    out = tmp_path / "hasil"
    assert main(["buat", str(folder), "-o", str(out), "--tanpa-gambar"]) == EXIT_OK
    assert [p.name for p in out.glob("*.docx")] == ["Keputusan-Camat-Sale-2020.docx"]


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz tidak terpasang")
def test_docx_with_figures_is_byte_identical_across_fresh_caches(tmp_path):
    first = generate(SALE, Options(out_dir=tmp_path / "a", cache_dir=tmp_path / "cache-a"))
    second = generate(SALE, Options(out_dir=tmp_path / "b", cache_dir=tmp_path / "cache-b"))
    assert first.ok and second.ok
    assert first.output.read_bytes() == second.output.read_bytes()


def test_stages_are_announced_in_order_as_they_start(tmp_path):
    """A face showing progress hears each stage as it begins (the web's 'sedang ...' line)."""
    heard: list[str] = []
    result = generate(SALE, Options(out_dir=tmp_path), on_stage=heard.append)
    assert result.ok
    assert heard == ["baca", "validasi", "gambar", "render", "tulis"]
