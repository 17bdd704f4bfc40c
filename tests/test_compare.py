"""banding: changes between two workbooks built in the test, each reported in its own section."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from generator.cli import EXIT_INVALID, EXIT_OK, main
from generator.compare import (
    NOTHING,
    Comparison,
    compare,
    compare_lists,
    format_markdown,
    format_text,
    sections,
)
from generator.pipeline import load_decree

Rows = dict[str, list[dict[str, object]]]


@pytest.fixture
def pair(rows, make_workbook) -> Callable[[Callable[[Rows], None]], tuple[Path, Path]]:
    """(old, new) workbooks: new is the fixture's rows after ``change``."""

    def build(change: Callable[[Rows], None]) -> tuple[Path, Path]:
        new_rows = copy.deepcopy(rows)
        change(new_rows)
        return make_workbook(rows), make_workbook(new_rows)

    return build


def decree_of(path: Path):
    decree, problems = load_decree(path)
    assert decree is not None, [str(p) for p in problems.errors]
    return decree


@pytest.fixture
def changes(pair) -> Callable[[Callable[[Rows], None]], tuple[Comparison, dict[str, tuple[str, ...]]]]:
    """The comparison after ``change`` and its report lines by section title."""

    def run(change: Callable[[Rows], None]) -> tuple[Comparison, dict[str, tuple[str, ...]]]:
        old, new = pair(change)
        comparison = compare(decree_of(old), decree_of(new))
        return comparison, {s.title: s.lines for s in sections(comparison)}

    return run


def only(by_section: dict[str, tuple[str, ...]], title: str) -> tuple[str, ...]:
    """The lines of ``title``, checking no other section reported anything."""
    assert list(by_section) == [title]
    return by_section[title]


def test_process_added(changes):
    comparison, report = changes(
        lambda r: r["processes"].append(
            {"code": "U.2", "name": "Proses Pengaduan", "category": "Utama", "parent": "U.1"}
        )
    )
    assert [p.code for p in comparison.processes.added] == ["U.2"]
    assert only(report, "Proses Bisnis") == ('Ditambah: U.2 "Proses Pengaduan" (Proses Utama, induk U.1)',)


def test_process_removed(changes):
    comparison, report = changes(lambda r: r["processes"].pop(1))
    assert [p.code for p in comparison.processes.removed] == ["P.1.1"]
    assert only(report, "Proses Bisnis") == ('Dihapus: P.1.1 "Proses Persuratan" (Proses Manajerial)',)


def test_process_renamed(changes):
    comparison, report = changes(lambda r: r["processes"][0].update(name="Proses Umum dan Kepegawaian"))
    assert not comparison.processes.added and not comparison.processes.removed
    assert only(report, "Proses Bisnis") == (
        'Nama berubah: P.1 "Proses Umum" menjadi "Proses Umum dan Kepegawaian"',
    )


def test_process_code_changed_with_same_name(changes):
    comparison, report = changes(lambda r: r["processes"][1].update(code="P.1.2"))
    assert not comparison.processes.added and not comparison.processes.removed
    assert only(report, "Proses Bisnis") == ('Kode berubah: P.1.1 menjadi P.1.2 ("Proses Persuratan")',)


def test_parent_code_change_is_not_a_move(changes):
    def recode(r: Rows) -> None:
        r["processes"][0]["code"] = "P.9"
        r["processes"][1].update(code="P.9.1", parent="P.9")

    comparison, report = changes(recode)
    assert comparison.processes.moved == ()
    assert only(report, "Proses Bisnis") == (
        'Kode berubah: P.1 menjadi P.9 ("Proses Umum")',
        'Kode berubah: P.1.1 menjadi P.9.1 ("Proses Persuratan")',
    )


def test_process_moved_to_another_category(changes):
    comparison, report = changes(lambda r: r["processes"][2].update(category="Pendukung"))
    assert only(report, "Proses Bisnis") == (
        'Pindah kategori: U.1 "Proses Pelayanan Publik" dari Proses Utama ke Proses Pendukung',
    )


def test_process_moved_to_another_parent(changes):
    comparison, report = changes(lambda r: r["processes"][1].update(parent=None))
    assert only(report, "Proses Bisnis") == (
        'Pindah induk: P.1.1 "Proses Persuratan" dari P.1 "Proses Umum" ke tingkat teratas',
    )


def test_party_added_and_removed(changes):
    comparison, report = changes(
        lambda r: r.update(relations=[{"process": "U.1", "party": "BPJS Kesehatan"}])
    )
    assert only(report, "Pihak Terkait (Peta Relasi)") == (
        'Ditambah: "BPJS Kesehatan" (pada proses U.1)',
        'Dihapus: "Desa" (pada proses U.1)',
    )


def test_party_name_compared_case_insensitively(changes):
    comparison, report = changes(lambda r: r["relations"][0].update(party="DESA"))
    assert not comparison
    assert report == {}


def test_indicator_changed(changes):
    comparison, report = changes(lambda r: r["kinerja"][0].update(indicator="Indeks Kepuasan Masyarakat"))
    assert only(report, "Kinerja dan Indikator") == (
        'Indikator berubah: K1 "MENINGKATKAN": "Indeks" menjadi "Indeks Kepuasan Masyarakat"',
    )


def test_indicator_emptied(changes):
    _, report = changes(lambda r: r["kinerja"][0].update(indicator=None))
    assert only(report, "Kinerja dan Indikator") == (
        'Indikator berubah: K1 "MENINGKATKAN": "Indeks" menjadi (kosong)',
    )


def test_mengingat_added(changes):
    _, report = changes(lambda r: r["mengingat"].append({"text": "Peraturan Bupati Nomor 5 Tahun 2016;"}))
    assert only(report, "Mengingat") == ('Ditambah nomor 2. (baru): "Peraturan Bupati Nomor 5 Tahun 2016;"',)


def test_menimbang_removed(changes):
    _, report = changes(lambda r: r["menimbang"].pop(0))
    assert only(report, "Menimbang") == ('Dihapus butir a. (lama): "bahwa satu;"',)


def test_signer_changed(changes):
    _, report = changes(
        lambda r: r["signer"][0].update(name="SITI AMINAH, S.H.", nip="19700101 199503 2 001")
    )
    assert only(report, "Penandatangan") == (
        'Nama berubah: "Drs. SUBHAN" menjadi "SITI AMINAH, S.H."',
        'NIP berubah: "19661124 199203 1 005" menjadi "19700101 199503 2 001"',
    )


def test_decree_number_and_date_changed(changes):
    def renumber(r: Rows) -> None:
        r["decree"][0].update(number="890 / 12 /2020", date=None)

    _, report = changes(renumber)
    assert only(report, "Keputusan") == (
        'Nomor berubah: "890 /        /2020" menjadi "890 / 12 /2020"',
        'Tanggal Penetapan berubah: "29 Mei 2020" menjadi (kosong)',
    )


def test_unit_renamed(changes):
    _, report = changes(lambda r: r["units"][2].update(name="Sub Bagian Umum dan Kepegawaian"))
    assert only(report, "Susunan Organisasi (Unit)") == (
        'Nama berubah: U3 "Sub Bagian Umum" menjadi "Sub Bagian Umum dan Kepegawaian"',
    )


def test_same_workbook_has_no_changes(rows, make_workbook):
    decree = decree_of(make_workbook(rows))
    comparison = compare(decree, decree)
    assert not comparison
    assert NOTHING in format_text(comparison, "a", "b")
    assert NOTHING in format_markdown(comparison, "a", "b")


def test_changed_list_item_is_one_removed_and_one_added():
    change = compare_lists(["a", "b", "c"], ["a", "x", "c", "d"])
    assert [(i.position, i.text) for i in change.removed] == [(2, "b")]
    assert [(i.position, i.text) for i in change.added] == [(2, "x"), (4, "d")]


def test_markdown_escapes_workbook_text(changes):
    comparison, _ = changes(
        lambda r: r["processes"].append({"code": "U_2", "name": "Proses *Baru* <b>", "category": "Utama"})
    )
    markdown = format_markdown(comparison, "lama.xlsx", "baru.xlsx")
    assert "## Proses Bisnis" in markdown
    assert r'- Ditambah: U\_2 "Proses \*Baru\* \<b\>"' in markdown


# --- command ---------------------------------------------------------------------------------------


def test_banding_prints_sections_and_exits_zero(pair, capsys):
    old, new = pair(lambda r: r["processes"][0].update(name="Proses Umum Baru"))
    assert main(["banding", str(old), str(new)]) == EXIT_OK
    out = capsys.readouterr().out
    assert f"Lama: {old.name} (Kecamatan Sale, tahun 2020)" in out
    assert 'Proses Bisnis\n  - Nama berubah: P.1 "Proses Umum" menjadi "Proses Umum Baru"' in out


def test_banding_without_changes(rows, make_workbook, capsys):
    path = make_workbook(rows)
    assert main(["banding", str(path), str(path)]) == EXIT_OK
    assert NOTHING in capsys.readouterr().out


def test_banding_writes_markdown(pair, tmp_path):
    old, new = pair(lambda r: r["mengingat"].append({"text": "Peraturan Baru;"}))
    report = tmp_path / "memo" / "perubahan.md"
    assert main(["banding", str(old), str(new), "--keluaran", str(report)]) == EXIT_OK
    text = report.read_text(encoding="utf-8")
    assert text.startswith("# Perbandingan Buku Kerja Keputusan Camat\n")
    assert '## Mengingat\n\n- Ditambah nomor 2. (baru): "Peraturan Baru;"\n' in text


def test_banding_writes_xlsx(pair, tmp_path):
    old, new = pair(lambda r: r["signer"][0].update(name="SITI AMINAH"))
    old = old.rename(tmp_path / "=lama.xlsx")  # a name Excel would otherwise take for a formula
    report = tmp_path / "perubahan.xlsx"
    assert main(["banding", str(old), str(new), "--keluaran", str(report)]) == EXIT_OK
    sheet = openpyxl.load_workbook(report).active
    cells = {row[0].value: row[1] for row in sheet.iter_rows(min_row=2, max_col=2)}
    assert cells["Penandatangan"].value == 'Nama berubah: "Drs. SUBHAN" menjadi "SITI AMINAH"'
    assert cells["Lama"].value == "=lama.xlsx (Kecamatan Sale, tahun 2020)"
    assert cells["Lama"].data_type == "s"


def test_banding_refuses_other_output_suffix(pair, tmp_path, capsys):
    old, new = pair(lambda r: None)
    report = tmp_path / "perubahan.txt"
    assert main(["banding", str(old), str(new), "--keluaran", str(report)]) == EXIT_INVALID
    assert not report.exists()
    assert ".md atau .xlsx" in capsys.readouterr().err


def test_banding_never_writes_over_a_compared_workbook(pair):
    old, new = pair(lambda r: None)
    before = new.read_bytes()
    assert main(["banding", str(old), str(new), "--keluaran", str(new)]) == EXIT_INVALID
    assert new.read_bytes() == before


def test_banding_refuses_invalid_workbook(rows, make_workbook, capsys):
    good = make_workbook(rows)
    rows["processes"][2]["category"] = "Intii"
    bad = make_workbook(rows)
    assert main(["banding", str(good), str(bad)]) == EXIT_INVALID
    captured = capsys.readouterr()
    assert "Kategori" in captured.err and bad.name in captured.err
    assert "Perbandingan" not in captured.out


def test_banding_refuses_missing_file(rows, make_workbook, tmp_path, capsys):
    assert main(["banding", str(make_workbook(rows)), str(tmp_path / "tidak-ada.xlsx")]) == EXIT_INVALID
    assert "tidak ditemukan" in capsys.readouterr().err
