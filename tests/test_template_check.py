"""`keputusan periksa-templat`: a kabupaten's own template is checked before it is used."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from generator.cli import EXIT_INVALID, EXIT_OK, main
from generator.pipeline import DEFAULT_TEMPLATE, Options, generate
from generator.template_check import check_template
from tests.conftest import SALE


def edited_template(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the bundled template with one piece of its document XML replaced."""
    path = tmp_path / "templat-kabupaten.docx"
    with zipfile.ZipFile(DEFAULT_TEMPLATE) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                assert old in text
                data = text.replace(old, new, 1).encode("utf-8")
            dst.writestr(item, data)
    return path


def test_bundled_template_passes(capsys):
    assert main(["periksa-templat", str(DEFAULT_TEMPLATE)]) == EXIT_OK
    assert "dapat dipakai" in capsys.readouterr().out


def test_syntax_error_names_the_paragraph(tmp_path):
    path = edited_template(tmp_path, "{{ decree_heading }}", "{{ decree_heading }")
    report = check_template(path)
    assert not report.ok
    assert "salah tulis" in report.errors[0]
    assert "decree_heading" in report.errors[0]


def test_unknown_variable_is_an_error(tmp_path, capsys):
    path = edited_template(tmp_path, "{{ decree_heading }}", "{{ judul_keputusan }}")
    assert main(["periksa-templat", str(path)]) == EXIT_INVALID
    assert "judul_keputusan" in capsys.readouterr().err


def test_unused_values_are_information_only(tmp_path):
    path = edited_template(tmp_path, "{{ decree_heading }}", "KEPUTUSAN")
    report = check_template(path)
    assert report.ok
    assert "decree_heading" in report.unused


def test_misspelt_attribute_found_by_trial_render(tmp_path):
    path = edited_template(tmp_path, "{{ item.text }}", "{{ item.teks }}")
    report = check_template(path)
    assert not report.ok
    assert "teks" in report.errors[0]


def test_not_a_docx(tmp_path):
    path = tmp_path / "templat.docx"
    path.write_text("bukan word", encoding="utf-8")
    report = check_template(path)
    assert not report.ok and "bukan dokumen Word" in report.errors[0]


def test_custom_template_is_used_by_buat(tmp_path):
    path = edited_template(tmp_path, "{{ decree_heading }}", "KEPUTUSAN KHUSUS {{ decree_heading }}")
    result = generate(SALE, Options(out_dir=tmp_path / "hasil", template=path, figures=False))
    assert result.ok
    with zipfile.ZipFile(result.output) as archive:
        assert "KEPUTUSAN KHUSUS KEPUTUSAN CAMAT SALE" in archive.read("word/document.xml").decode()


def test_broken_custom_template_fails_with_a_sentence(tmp_path):
    path = edited_template(tmp_path, "{{ decree_heading }}", "{{ salah_eja }}")
    result = generate(SALE, Options(out_dir=tmp_path / "hasil", template=path, figures=False))
    assert not result.ok
    assert "salah_eja" in result.error and "Traceback" not in result.error
    assert not (tmp_path / "hasil").exists() or not any((tmp_path / "hasil").glob("*.docx"))


@pytest.mark.parametrize("missing", ["tidak-ada.docx"])
def test_missing_template_file(tmp_path, missing):
    result = generate(SALE, Options(out_dir=tmp_path, template=tmp_path / missing, figures=False))
    assert not result.ok and "tidak ditemukan" in result.error
