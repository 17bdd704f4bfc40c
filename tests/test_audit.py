"""The completeness audit: every rule with a workbook built in the test, the scores, the report files."""

from __future__ import annotations

import copy
import datetime as dt
import io
import zipfile

import openpyxl
import pytest

from generator.audit import SECTIONS, AuditReport, audit, audit_xlsx, percent_text
from generator.cli import EXIT_FAILED, EXIT_INVALID, EXIT_OK, main

LIST = "Butir satu\nButir dua"


def sop(process: str) -> dict[str, object]:
    return {
        "process": process,
        "number": f"800/{process}/2020",
        "made": dt.date(2020, 1, 2),
        "effective": dt.date(2020, 2, 3),
        **{
            k: LIST
            for k in ("dasar_hukum", "kualifikasi", "keterkaitan", "peralatan", "peringatan", "pencatatan")
        },
    }


def chain(process: str, *pelaksana: str) -> list[dict[str, object]]:
    """Steps of a process: Mulai, Kegiatan ..., Selesai, one per pelaksana."""
    last = len(pelaksana)
    return [
        {
            "process": process,
            "number": n,
            "activity": f"Langkah {n}",
            "pelaksana": who,
            "kind": "Mulai" if n == 1 else "Selesai" if n == last else "Kegiatan",
        }
        for n, who in enumerate(pelaksana, start=1)
    ]


@pytest.fixture
def complete(rows):
    """A workbook the audit finds nothing in: every section at 100."""
    rows["units"] = [
        {"code": "U1", "name": "Camat"},
        {"code": "U2", "name": "Sekretariat", "parent": "U1"},
        {"code": "U3", "name": "Sub Bagian Umum", "parent": "U2"},
    ]
    rows["processes"] = [
        {
            "code": "P.1",
            "name": "Proses Umum",
            "category": "Manajerial",
            "unit": "U2",
            "output": "Laporan",
            "kinerja": "K2",
        },
        {
            "code": "P.1.1",
            "name": "Proses Persuratan",
            "category": "Manajerial",
            "parent": "P.1",
            "unit": "U3",
            "output": "Surat",
        },
        {
            "code": "U.1",
            "name": "Proses Pelayanan",
            "category": "Utama",
            "unit": "U2",
            "output": "IKM",
            "kinerja": "K2",
        },
        {
            "code": "S.1",
            "name": "Proses Sarana",
            "category": "Pendukung",
            "unit": "U3",
            "output": "Sarana",
            "kinerja": "K2",
        },
    ]
    rows["relations"] = [
        {"process": "P.1", "party": "Camat"},
        {"process": "P.1", "party": "Sekretariat"},
        {"process": "P.1", "party": "Sub Bagian Umum"},
        {"process": "U.1", "party": "Sekretariat"},
        {"process": "S.1", "party": "Sub Bagian Umum"},
    ]
    rows["kinerja"] = [
        {"code": "K1", "source": "RPJMD", "level": "Tujuan", "text": "MENINGKATKAN", "indicator": "Indeks"},
        {
            "code": "K2",
            "source": "Renstra",
            "level": "Tujuan",
            "text": "KEPUASAN",
            "indicator": "IKM",
            "parent": "K1",
        },
    ]
    rows["steps"] = chain("P.1.1", "U3", "U2", "U1") + chain("U.1", "U2", "U2") + chain("S.1", "U3", "U3")
    rows["sop"] = [sop("P.1.1"), sop("U.1"), sop("S.1")]
    return rows


def report_of(make_workbook, data) -> AuditReport:
    report = audit(make_workbook(data))
    assert report.audited, (report.error, [str(p) for p in report.problems])
    return report


def findings(report: AuditReport, section: str) -> list[str]:
    return [str(f) for f in report.findings_of(section)]


def score(report: AuditReport, section: str) -> tuple[int, int]:
    found = report.score(section)
    return found.passed, found.total


def test_a_complete_map_scores_100_everywhere(complete, make_workbook):
    report = report_of(make_workbook, complete)
    assert report.findings == ()
    assert [s.section for s in report.scores] == [s.key for s in SECTIONS]
    assert all(s.percent == 100 for s in report.scores) and report.overall == 100
    assert (report.kecamatan, report.year) == ("Sale", 2020)


def test_a_unit_in_no_process(complete, make_workbook):
    complete["units"].append({"code": "U4", "name": "Seksi Tata Pemerintahan", "parent": "U1"})
    report = report_of(make_workbook, complete)
    assert findings(report, "unit") == [
        "Unit!A5: Unit U4 (Seksi Tata Pemerintahan) tidak terlibat dalam satu proses pun: jadikan unit "
        "penanggung jawab sebuah proses, pelaksana langkah, atau cantumkan di lembar Relasi."
    ]
    assert score(report, "unit") == (3, 4)


def test_a_unit_taking_part_only_as_a_pelaksana(complete, make_workbook):
    complete["units"].append({"code": "U4", "name": "Seksi Tata Pemerintahan", "parent": "U1"})
    complete["steps"][1]["pelaksana"] = "U4"
    complete["relations"].append({"process": "P.1.1", "party": "Seksi Tata Pemerintahan"})
    report = report_of(make_workbook, complete)
    assert findings(report, "unit") == [] and score(report, "unit") == (4, 4)


def test_a_unit_named_in_the_relasi_by_its_head(complete, make_workbook):
    complete["units"].append(
        {
            "code": "U4",
            "name": "Seksi Tata Pemerintahan",
            "parent": "U1",
            "jabatan": "Kepala Seksi Tata Pemerintahan",
        }
    )
    complete["relations"].append({"process": "U.1", "party": "kepala seksi tata  pemerintahan"})
    assert score(report_of(make_workbook, complete), "unit") == (4, 4)


def test_a_process_without_responsible_unit_or_output(complete, make_workbook):
    complete["processes"][3]["unit"] = None
    complete["processes"][3]["output"] = None
    complete["processes"][1]["unit"] = None  # P.1.1 takes P.1's unit
    report = report_of(make_workbook, complete)
    assert findings(report, "proses") == [
        "Proses!F5: Proses S.1 Proses Sarana belum punya unit penanggung jawab (juga tidak dari "
        "induknya); isi "
        "Unit Penanggung Jawab dengan kode dari lembar Unit.",
        "Proses!H5: Proses S.1 Proses Sarana belum punya keluaran; isi kolom Keluaran dengan hasil "
        "proses itu.",
    ]
    assert score(report, "proses") == (6, 8)


def test_a_category_of_the_guideline_missing(complete, make_workbook):
    complete["processes"].pop()
    complete["steps"] = [s for s in complete["steps"] if s["process"] != "S.1"]
    complete["sop"].pop()
    complete["relations"].pop()
    report = report_of(make_workbook, complete)
    (finding,) = findings(report, "kategori")
    assert finding.startswith("Proses!C1: Belum ada proses tingkat teratas berkategori Pendukung")
    assert score(report, "kategori") == (2, 3)


def rename(data, old: str, new: str) -> None:
    """A process recoded everywhere it is named."""
    for sheet, column in (
        ("processes", "code"),
        ("processes", "parent"),
        ("steps", "process"),
        ("relations", "process"),
        ("sop", "process"),
    ):
        for record in data[sheet]:
            if record.get(column) == old:
                record[column] = new


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("S.1", "S-1", 'Proses!A5: Kode "S-1" tidak mengikuti pola kode proses lain seperti "P.1"'),
        (
            "P.1.1",
            "P.2.1",
            'Proses!A3: Kode "P.2.1" tidak sesuai induknya P.1: kode subproses adalah kode induk',
        ),
        ("U.1", "U.1.1", 'Proses!A4: Kode "U.1.1" bernomor 2 tingkat padahal prosesnya tingkat teratas'),
    ],
)
def test_codes_that_break_the_convention(complete, make_workbook, old, new, message):
    rename(complete, old, new)
    report = report_of(make_workbook, complete)
    (finding,) = findings(report, "kode")
    assert finding.startswith(message), finding
    assert score(report, "kode") == (3, 4)


def test_top_processes_of_one_category_share_a_prefix(complete, make_workbook):
    complete["processes"].append(
        {
            "code": "M.2",
            "name": "Proses Lain",
            "category": "Manajerial",
            "unit": "U2",
            "output": "X",
            "kinerja": "K2",
        }
    )
    report = report_of(make_workbook, complete)
    assert findings(report, "kode") == [
        'Proses!A6: Kode "M.2" berawalan "M" padahal proses Manajerial lain berawalan "P".'
    ]


def test_a_lowest_process_without_steps(complete, make_workbook):
    complete["steps"] = [s for s in complete["steps"] if s["process"] != "S.1"]
    complete["sop"].pop()
    report = report_of(make_workbook, complete)
    assert findings(report, "langkah") == [
        "Proses!A5: Proses S.1 Proses Sarana belum dijabarkan ke dalam langkah di lembar Langkah, sehingga "
        "belum punya Peta Lintas Fungsi dan SOP."
    ]
    assert score(report, "langkah") == (2, 3)


def test_a_pelaksana_missing_from_the_peta_relasi(complete, make_workbook):
    complete["relations"] = [r for r in complete["relations"] if r["party"] != "Camat"]
    complete["relations"].append({"process": "U.1", "party": "Camat"})  # Camat takes part, elsewhere
    report = report_of(make_workbook, complete)
    assert findings(report, "relasi") == [
        "Langkah!D4: Pelaksana Camat pada proses P.1.1 tidak tercantum sebagai pihak proses itu (atau "
        "induknya) di lembar Relasi."
    ]
    assert score(report, "relasi") == (4, 5)


def test_a_renstra_level_without_indicator_or_link_to_the_rpjmd(complete, make_workbook):
    complete["kinerja"][1]["indicator"] = None
    complete["kinerja"][1]["parent"] = None
    report = report_of(make_workbook, complete)
    assert findings(report, "kinerja") == [
        "Kinerja!E3: Tujuan K2 (Renstra) belum punya indikator; isi kolom Indikator.",
        "Kinerja!F3: Tujuan K2 (Renstra) tidak terhubung ke RPJMD: kolom Induk tingkat ini dan tingkat di "
        "atasnya harus berujung pada sasaran atau tujuan RPJMD.",
    ]
    assert score(report, "kinerja") == (0, 2)


def test_no_renstra_at_all(complete, make_workbook):
    complete["kinerja"] = complete["kinerja"][:1]
    for process in complete["processes"]:
        if process.get("kinerja"):
            process["kinerja"] = "K1"
    report = report_of(make_workbook, complete)
    (finding,) = findings(report, "kinerja")
    assert finding.startswith("Kinerja!B1: Belum ada tingkat Renstra kecamatan di lembar Kinerja")
    assert score(report, "kinerja") == (0, 1)


def test_a_process_not_linked_to_the_kinerja_it_serves(complete, make_workbook):
    complete["processes"][0]["kinerja"] = None
    report = report_of(make_workbook, complete)
    assert findings(report, "keterkaitan") == [
        "Proses!J2: Proses P.1 Proses Umum belum dihubungkan ke kinerja yang didukungnya (berlaku "
        "juga untuk 1 "
        "subprosesnya); isi Kode Kinerja dengan kode dari lembar Kinerja."
    ]
    assert score(report, "keterkaitan") == (2, 4)


def test_a_sub_process_linked_itself_counts(complete, make_workbook):
    complete["processes"][0]["kinerja"] = None
    complete["processes"][1]["kinerja"] = "K2"
    report = report_of(make_workbook, complete)
    assert score(report, "keterkaitan") == (3, 4)
    assert findings(report, "keterkaitan")[0].startswith(
        "Proses!J2: Proses P.1 Proses Umum belum dihubungkan"
    )


def test_a_workbook_without_the_kode_kinerja_column_is_told_to_add_it(complete, make_workbook):
    complete["processes"][0]["kinerja"] = None
    path = make_workbook(complete)
    book = openpyxl.load_workbook(path)
    book["Proses"].delete_cols(10)
    book.save(path)
    report = audit(path)
    finding = findings(report, "keterkaitan")[0]
    assert finding.startswith("Proses!A2: Proses P.1 Proses Umum belum dihubungkan")
    assert finding.endswith("Kolom Kode Kinerja belum ada di lembar Proses; tambahkan kolom itu.")


def test_a_process_with_steps_and_no_sop_identity(complete, make_workbook):
    complete["sop"] = complete["sop"][1:]
    report = report_of(make_workbook, complete)
    assert findings(report, "sop") == [
        "Langkah!A2: Proses P.1.1 punya langkah tetapi belum punya identitas SOP; tambahkan barisnya "
        "di lembar SOP."
    ]
    assert score(report, "sop") == (20, 30)


def test_an_sop_identity_with_empty_fields(complete, make_workbook):
    complete["sop"][2]["number"] = None
    complete["sop"][2]["peringatan"] = None
    complete["sop"][2]["approver"] = "SEKRETARIS KECAMATAN"  # someone else approves: their name is needed
    report = report_of(make_workbook, complete)
    assert findings(report, "sop") == [
        "SOP!B4: Identitas SOP proses S.1: Nomor SOP belum diisi.",
        "SOP!H4: Identitas SOP proses S.1: Nama Pengesah belum diisi.",
        "SOP!N4: Identitas SOP proses S.1: Peringatan belum diisi.",
    ]
    assert score(report, "sop") == (27, 30)


def test_scores_and_the_overall_mean_of_the_scored_sections(complete, make_workbook):
    complete["steps"], complete["sop"] = [], []
    complete["units"].append({"code": "U4", "name": "Seksi Tata Pemerintahan", "parent": "U1"})
    report = report_of(make_workbook, complete)
    assert report.score("relasi").percent is None and report.score("sop").percent is None  # nothing to check
    assert report.score("unit").percent == 75.0 and report.score("langkah").percent == 0.0
    scored = [s.percent for s in report.scores if s.percent is not None]
    assert len(scored) == 7 and report.overall == round(sum(scored) / 7, 1) == 82.1
    assert percent_text(report.overall) == "82,1" and percent_text(None) == "tidak dinilai"
    assert percent_text(100.0) == "100"


def test_an_invalid_workbook_is_not_audited(rows, make_workbook):
    rows["processes"][2]["category"] = "Intii"
    report = audit(make_workbook(rows))
    assert not report.audited and report.overall is None and report.scores == ()
    assert report.error.startswith("Buku kerja memuat 1 galat")
    assert str(report.problems[0]).startswith("Proses!C4:")


def test_an_unreadable_file_is_one_sentence(tmp_path):
    path = tmp_path / "bukan.xlsx"
    path.write_text("bukan buku kerja")
    report = audit(path)
    assert not report.audited and "bukan buku kerja Excel" in report.error


def test_the_decree_can_be_audited_without_its_file(complete, make_workbook):
    from generator.pipeline import load_decree

    decree, _ = load_decree(make_workbook(complete))
    assert audit(decree, label="unggahan.xlsx").overall == 100


# ------------------------------------------------------------------------------------ the spreadsheet


def test_audit_xlsx_has_the_summary_every_finding_and_the_rules(complete, make_workbook, rows):
    complete["units"].append({"code": "U4", "name": '=HYPERLINK("http://x","klik")', "parent": "U1"})
    good = report_of(make_workbook, complete)
    rows["processes"][2]["category"] = "Intii"
    bad = audit(make_workbook(rows))
    data = audit_xlsx([good, bad])
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Ringkasan", "Temuan", "Aturan Penilaian"]
    summary = [[c.value for c in row] for row in book["Ringkasan"].iter_rows()]
    assert summary[0][:3] == ["Buku kerja", "Kecamatan", "Tahun"] and summary[0][-2:] == [
        "Nilai keseluruhan",
        "Temuan",
    ]
    assert summary[1][:4] == [good.label, "Sale", 2020, 75] and summary[1][-1] == 1
    assert summary[2][0] == bad.label and summary[2][-2].startswith("Buku kerja memuat 1 galat")
    found = [[c.value for c in row] for row in book["Temuan"].iter_rows(min_row=2)]
    assert found[0][1:4] == ["Keterlibatan unit", "Unit", "A5"] and "=HYPERLINK" in found[0][4]
    assert found[1][1:4] == ["Pemeriksaan buku kerja", "Proses", "C4"]
    rules = [row[0].value for row in book["Aturan Penilaian"].iter_rows(min_row=2)]
    assert rules == [s.title for s in SECTIONS] + ["Nilai"]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert not any("<f>" in sheet or "<f " in sheet for sheet in sheets)  # text never became a formula


# ---------------------------------------------------------------------------------------- the command


def test_cli_audit_prints_findings_with_cells_and_scores(complete, make_workbook, capsys):
    complete["processes"][3]["output"] = None
    assert main(["audit", str(make_workbook(complete))]) == EXIT_OK
    out = capsys.readouterr().out
    assert "Kelengkapan proses:" in out
    assert "Proses!H5: Proses S.1 Proses Sarana belum punya keluaran" in out
    assert "7 dari 8" in out and "87,5" in out and "Keseluruhan" in out
    assert "Nilai tiap bagian = butir yang terpenuhi" in out


def test_cli_audit_of_a_batch_has_one_table_and_writes_the_xlsx(
    complete, make_workbook, rows, tmp_path, capsys
):
    first = make_workbook(complete)
    second = make_workbook(copy.deepcopy(rows))
    output = tmp_path / "audit.xlsx"
    assert main(["audit", str(first), str(second), "--keluaran", str(output)]) == EXIT_OK
    out = capsys.readouterr().out
    assert "Ringkasan audit" in out and f"Hasil audit ditulis ke {output}" in out
    book = openpyxl.load_workbook(output)
    assert [row[0].value for row in book["Ringkasan"].iter_rows(min_row=2)] == [first.name, second.name]


def test_cli_audit_never_overwrites_without_timpa(complete, make_workbook, tmp_path, capsys):
    workbook = make_workbook(complete)
    output = tmp_path / "audit.xlsx"
    output.write_bytes(b"catatan lama")
    assert main(["audit", str(workbook), "--keluaran", str(output)]) == EXIT_FAILED
    assert output.read_bytes() == b"catatan lama"
    assert "sudah ada; pakai --timpa" in capsys.readouterr().err
    assert main(["audit", str(workbook), "--keluaran", str(output), "--timpa"]) == EXIT_OK
    assert zipfile.is_zipfile(output)


@pytest.mark.parametrize("name", ["audit.csv", "SAME"])
def test_cli_audit_refuses_a_bad_output_name(complete, make_workbook, capsys, name):
    workbook = make_workbook(complete)
    target = workbook if name == "SAME" else workbook.with_name(name)
    assert main(["audit", str(workbook), "--keluaran", str(target), "--timpa"]) == EXIT_FAILED
    err = capsys.readouterr().err
    assert ("harus berakhiran .xlsx" in err) if name != "SAME" else ("adalah buku kerja yang diaudit" in err)


def test_cli_audit_of_an_invalid_workbook_exits_2(rows, make_workbook, capsys):
    rows["processes"][2]["category"] = "Intii"
    assert main(["audit", str(make_workbook(rows))]) == EXIT_INVALID
    captured = capsys.readouterr()
    assert "GALAT Proses!C4:" in captured.out and "Buku kerja memuat 1 galat" in captured.err
