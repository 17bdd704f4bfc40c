"""banding: changes between two workbooks built in the test, each reported in its own section."""

from __future__ import annotations

import copy
import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from generator.cli import EXIT_INVALID, EXIT_OK, main
from generator.compare import (
    NOTHING,
    Comparison,
    RowChanges,
    SheetChanges,
    compare,
    compare_lists,
    format_markdown,
    format_text,
    sections,
    xlsx_bytes,
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


# --- the sheets added to the contract --------------------------------------------------------------


def steps(process: str = "P.1.1") -> list[dict[str, object]]:
    """1 Mulai -> 2 Keputusan (Ya 3, Tidak 4) -> 3 -> 4 -> 5 Selesai."""
    return [
        {"process": process, "number": 1, "activity": "Menerima surat", "pelaksana": "U3", "kind": "Mulai"},
        {
            "process": process,
            "number": 2,
            "activity": "Memeriksa surat",
            "pelaksana": "U2",
            "kind": "Keputusan",
            "yes": 3,
            "no": 4,
        },
        {
            "process": process,
            "number": 3,
            "activity": "Menandatangani",
            "pelaksana": "U1",
            "kind": "Kegiatan",
        },
        {"process": process, "number": 4, "activity": "Mencatat", "pelaksana": "U3", "kind": "Kegiatan"},
        {"process": process, "number": 5, "activity": "Mengarsipkan", "pelaksana": "U3", "kind": "Selesai"},
    ]


@pytest.fixture
def with_steps(rows) -> Rows:
    rows["steps"] = steps()
    rows["sop"] = [{"process": "P.1.1", "number": "800/ /2020", "made": dt.date(2020, 1, 2)}]
    return rows


def test_a_changed_flow_is_told_per_step(changes, with_steps):
    _, report = changes(lambda r: r["steps"][2].update(next=5))
    assert only(report, "Peta Lintas Fungsi dan Langkah SOP (Langkah)") == (
        'P.1.1 "Proses Persuratan" langkah 3: Berikutnya 4 menjadi 5',
    )


def test_an_empty_berikutnya_written_out_is_no_change(changes, with_steps):
    comparison, report = changes(lambda r: r["steps"][2].update(next=4))
    assert not comparison and report == {}


def test_steps_are_matched_by_number_and_grouped_by_process(changes, with_steps):
    def grow(r: Rows) -> None:
        r["steps"][4].update(number=6)
        r["steps"].insert(4, {"process": "P.1.1", "number": 5, "activity": "Memindai", "pelaksana": "U3"})
        r["steps"][4]["kind"] = "Kegiatan"
        r["steps"] += steps("U.1")[:1] + [{**steps("U.1")[4], "number": 2}]

    _, report = changes(grow)
    assert only(report, "Peta Lintas Fungsi dan Langkah SOP (Langkah)") == (
        'P.1.1 "Proses Persuratan" langkah 5: Kegiatan "Mengarsipkan" menjadi "Memindai"',
        'P.1.1 "Proses Persuratan" langkah 5: Jenis Langkah "Selesai" menjadi "Kegiatan"',
        'P.1.1 "Proses Persuratan" langkah 5: Berikutnya (kosong) menjadi 6',
        'P.1.1 "Proses Persuratan" langkah 6 ditambah (Selesai, pelaksana U3): "Mengarsipkan"',
        'U.1 "Proses Pelayanan Publik" langkah 1 ditambah (Mulai, pelaksana U3): "Menerima surat"',
        'U.1 "Proses Pelayanan Publik" langkah 2 ditambah (Selesai, pelaksana U3): "Mengarsipkan"',
    )


def test_steps_and_sop_follow_a_process_whose_code_changed(changes, with_steps):
    def recode(r: Rows) -> None:
        r["processes"][1]["code"] = "P.1.2"
        for row in (*r["steps"], *r["sop"]):
            row["process"] = "P.1.2"

    _, report = changes(recode)
    assert report == {"Proses Bisnis": ('Kode berubah: P.1.1 menjadi P.1.2 ("Proses Persuratan")',)}


def test_sop_identity_changes_are_told_per_process(changes, with_steps):
    def revise(r: Rows) -> None:
        r["sop"][0].update(revised=dt.date(2021, 3, 1), dasar_hukum="Undang-Undang Nomor 43 Tahun 2009")

    _, report = changes(revise)
    assert only(report, "Identitas SOP (SOP)") == (
        'Tanggal Revisi berubah: P.1.1 "Proses Persuratan": (kosong) menjadi "1 Maret 2021"',
        'Dasar Hukum berubah: P.1.1 "Proses Persuratan": (kosong) menjadi "Undang-Undang Nomor 43 Tahun '
        '2009"',
    )


def test_an_indicator_formula_is_told_under_indikator_not_kinerja(changes, rows):
    rows["indicators"] = [{"kinerja": "K1", "name": "Indeks", "formula": "a / b", "target": "80 %"}]
    _, report = changes(lambda r: r["indicators"][0].update(formula="a / b x 100%"))
    assert only(report, "Indikator Kinerja (Indikator)") == (
        'Formula berubah: K1 "Indeks": "a / b" menjadi "a / b x 100%"',
    )


def test_kop_lines_and_tata_naskah(changes, rows):
    rows["kop"] = [{"text": "Jalan Blora No. 45"}, {"text": "SALE - 59265"}]

    def restyle(r: Rows) -> None:
        r["kop"][1]["text"] = "SALE - REMBANG 59265"
        r["tata_naskah"] = [{"font": "Bookman Old Style", "margin_left": 25}]

    _, report = changes(restyle)
    assert report == {
        "Baris Kop (Kop)": (
            'Dihapus baris 2 (lama): "SALE - 59265"',
            'Ditambah baris 2 (baru): "SALE - REMBANG 59265"',
        ),
        "Tata Naskah": (
            'Huruf berubah: (kosong) menjadi "Bookman Old Style"',
            "Margin Kiri (mm) berubah: (kosong) menjadi 25",
        ),
    }


def test_a_number_label_and_a_drafting_date_are_changes(changes):
    def draft(r: Rows) -> None:
        r["decree"][0].update(number="NOMOR : 890 /        /2020", date="Juni 2020")

    _, report = changes(draft)
    assert only(report, "Keputusan") == (
        'Nomor berubah: "890 /        /2020" menjadi "NOMOR : 890 /        /2020"',
        'Tanggal Penetapan berubah: "29 Mei 2020" menjadi "Juni 2020"',
    )


def test_sections_follow_the_decree_lampiran_and_sop(changes, with_steps):
    def everywhere(r: Rows) -> None:
        r["sop"][0]["number"] = "800/ /2021"
        r["steps"][0]["activity"] = "Menerima dan mencatat surat"
        r["kinerja"][1]["text"] = "KEPUASAN MASYARAKAT"
        r["tupoksi"][0]["text"] = "Membantu Bupati dalam pemerintahan."
        r["diktum"][3]["text"] = "Berlaku sejak ditetapkan."
        r["signer"][0]["name"] = "SITI AMINAH"
        r["kop"] = [{"text": "SALE"}]
        r["office"][0]["phone"] = "(0295) 391405"

    _, report = changes(everywhere)
    assert list(report) == [
        "Kop Surat (Kantor)",
        "Baris Kop (Kop)",
        "Penandatangan",
        "Diktum",
        "Tugas Pokok dan Fungsi (Tupoksi)",
        "Kinerja dan Indikator",
        "Peta Lintas Fungsi dan Langkah SOP (Langkah)",
        "Identitas SOP (SOP)",
    ]
    assert report["Diktum"] == ('Isi berubah: diktum KETIGA: "Berlaku." menjadi "Berlaku sejak ditetapkan."',)
    assert report["Tugas Pokok dan Fungsi (Tupoksi)"] == (
        'Dihapus U1 Tugas Pokok nomor 1. (lama): "Membantu Bupati."',
        'Ditambah U1 Tugas Pokok nomor 1. (baru): "Membantu Bupati dalam pemerintahan."',
    )


def test_xlsx_report_never_holds_a_formula():
    formula = '=HYPERLINK("http://contoh.invalid","klik")'
    row = {"process": formula, "number": 1, "activity": "=1+1", "pelaksana": "@U1", "kind": "Mulai"}
    comparison = Comparison(sheets={"steps": SheetChanges(rows=RowChanges(added=(row,)))})
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(comparison, "=lama", "+baru"))).active
    values = [cell for line in sheet.iter_rows() for cell in line if cell.value is not None]
    assert any(cell.value.startswith(formula) for cell in values)
    assert all(cell.data_type == "s" for cell in values)
