"""What the pages show of core answers: no server path, problems grouped by sheet, safe names."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.problems import Problem, Severity
from generator.web.downloads import content_disposition
from generator.web.present import add_root, by_sheet, scrub, scrub_outcome, shown_value
from generator.web.uploads import safe_name
from generator.web.worker import DecreeOutcome


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Templat /srv/keputusan/kunjungan/ab12/03/masukan/kop.docx tidak ditemukan.",
            "Templat kop.docx tidak ditemukan.",
        ),
        ("Berkas /tmp/keputusan-web-x/kunjungan/ab/01/masukan/sale.xlsx rusak.", "Berkas sale.xlsx rusak."),
        ("[Errno 2] No such file: '/home/staf/rahasia.txt'", "[Errno 2] No such file: 'rahasia.txt'"),
        ("Nomor 890 /        /2020 dan/atau 12/2020", "Nomor 890 /        /2020 dan/atau 12/2020"),
        ("Peraturan Bupati Nomor 28/2017", "Peraturan Bupati Nomor 28/2017"),
    ],
)
def test_scrub_keeps_only_file_names(text, expected):
    assert scrub(text) == expected


def test_scrub_knows_a_data_folder_anywhere(tmp_path):
    odd = tmp_path.parent / "data kantor"
    add_root(odd)
    assert scrub(f"Berkas {odd}/kunjungan/x/01/masukan/a.xlsx hilang") == "Berkas a.xlsx hilang"


def test_scrub_reaches_every_string_of_an_outcome():
    outcome = DecreeOutcome(
        error="Templat /var/lib/keputusan/kop.docx tidak ditemukan.",
        problems=[Problem(Severity.ERROR, "berkas /etc/passwd tidak ada", "Kantor", "B11", "/etc/passwd")],
    )
    clean = scrub_outcome(outcome)
    assert clean.error == "Templat kop.docx tidak ditemukan."
    assert clean.problems[0].message == "berkas passwd tidak ada" and clean.problems[0].value == "passwd"
    assert clean.problems[0].where == "Kantor!B11"


def test_problems_grouped_by_sheet_in_contract_order_errors_first():
    items = [
        Problem(Severity.WARNING, "w1", "Proses", "C4"),
        Problem(Severity.ERROR, "e1", "Proses", "C9"),
        Problem(Severity.ERROR, "e2", "Kantor", "B2"),
        Problem(Severity.ERROR, "e3"),
        Problem(Severity.WARNING, "w2", "LembarLain", "A1"),
    ]
    groups = by_sheet(items)
    assert [g.title for g in groups] == [
        "Seluruh berkas",
        "Lembar Kantor",
        "Lembar Proses",
        "Lembar LembarLain",
    ]
    assert [p.message for p in groups[2].items] == ["e1", "w1"]


def test_found_values_as_staff_wrote_them():
    assert shown_value(dt.datetime(2020, 5, 29)) == "29/05/2020"
    assert shown_value(2020.0) == "2020" and shown_value("  ") == "  " and shown_value(None) == ""


@pytest.mark.parametrize(
    ("client", "suffix", "expected"),
    [
        ("sale-2020.xlsx", ".xlsx", "sale-2020.xlsx"),
        ("C:\\Users\\staf\\Desktop\\Buku Kerja Sale.xlsx", ".xlsx", "Buku-Kerja-Sale.xlsx"),
        ("../../etc/passwd", ".xlsx", "passwd.xlsx"),
        ("laporan.pdf", ".xlsx", "laporan.xlsx"),
        ("...", ".docx", "berkas.docx"),
        ("Kecamatan Pagerwojo – Ngadirejo.xlsx", ".xlsx", "Kecamatan-Pagerwojo-Ngadirejo.xlsx"),
    ],
)
def test_upload_names_are_safe(client, suffix, expected):
    assert safe_name(client, suffix) == expected


def test_download_names_keep_indonesian_letters_rfc_5987():
    header = content_disposition("Perbandingan-Sélo-2020-2021.md")
    assert header.startswith('attachment; filename="Perbandingan-Selo-2020-2021.md"; ')
    assert "filename*=UTF-8''Perbandingan-S%C3%A9lo-2020-2021.md" in header
    assert '"' not in content_disposition('a"b.md').split("filename*")[0][len('attachment; filename="') : -3]
