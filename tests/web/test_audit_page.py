"""The Audit page through FastAPI's TestClient: `keputusan audit`'s findings, scores, table and .xlsx."""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl
import pytest
from docx import Document

from generator.audit import SCORING_RULE, SECTIONS, audit, percent_text, whole_percent
from generator.cli import main
from tests.web.helpers import SALE, submit_and_wait, text_of, upload

TEMPURSARI = SALE.parent / "tempursari-2024.xlsx"


def _article(page: str, label: str) -> str:
    """The words of the result of one workbook."""
    found = re.search(rf"<article[^>]*>\s*<h2[^>]*>{re.escape(label)}</h2>(.*?)</article>", page, re.S)
    assert found, label
    return text_of(found.group(1))


def _xlsx_values(data: bytes) -> dict[str, list[list[object]]]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return {sheet.title: [[c.value for c in row] for row in sheet.iter_rows()] for sheet in book}


def test_audit_page_is_in_the_navigation(shared_client):
    form = shared_client.get("/audit")
    assert form.status_code == 200
    words = text_of(form.text)
    assert "Audit kelengkapan" in words and 'aria-current="page">Audit</a>' in form.text
    for section in SECTIONS:
        assert section.title in words and section.rule in words


def test_one_workbook_shows_what_keputusan_audit_prints(shared_client, capsys):
    url, page = submit_and_wait(shared_client, "/audit", [("buku_kerja", TEMPURSARI)])
    report = audit(TEMPURSARI, files_allowed=False)
    assert report.findings
    assert main(["audit", str(TEMPURSARI)]) == 0
    printed = capsys.readouterr().out
    words = _article(page, "tempursari-2024.xlsx")
    assert f"Nilai keseluruhan: {percent_text(report.overall)}; {len(report.findings)} temuan." in words
    for section in SECTIONS:
        found = report.findings_of(section.key)
        score = report.score(section.key)
        row = f"{section.title} {score.passed} dari {score.total} {percent_text(score.percent)}"
        assert row in words, row
        if found:
            region = re.search(rf'aria-label="{section.title}" open>(.*?)</details>', page, re.S).group(1)
            assert f"{section.title} {len(found)} temuan" in text_of(region)
            for finding in found:
                assert f"    {finding}" in printed  # as the CLI prints it
                assert f"{finding.where} {finding.message}" in text_of(region)
    assert f"Keseluruhan {percent_text(report.overall)}" in words
    assert SCORING_RULE in text_of(page)
    assert "Ringkasan audit" not in text_of(page)  # one workbook: no table of several


def test_several_workbooks_get_one_table_and_one_xlsx_equal_to_the_clis(
    shared_client, rows, make_workbook, tmp_path
):
    rows["signer"][0]["nip"] = "123"
    broken = make_workbook(rows)
    files = [SALE, TEMPURSARI, broken]
    url, page = submit_and_wait(shared_client, "/audit", [("buku_kerja", path) for path in files])
    table = re.search(r'<table class="ringkasan nilai">(.*?)</table>', page, re.S).group(1)
    header = re.findall(r"<abbr[^>]*>([^<]+)</abbr>", table)
    assert header == [section.short for section in SECTIONS]
    for path in (SALE, TEMPURSARI):
        report = audit(path, files_allowed=False)
        cells = [whole_percent(s.percent) for s in report.scores] + [whole_percent(report.overall)]
        row = re.search(rf">{re.escape(path.name)}</a></th>(.*?)</tr>", table, re.S).group(1)
        assert re.findall(r"<td[^>]*>([^<]*)</td>", row) == cells, path.name
    broken_row = re.search(rf">{re.escape(broken.name)}</a></th>(.*?)</tr>", table, re.S).group(1)
    assert "tidak sah" in broken_row
    words = _article(page, broken.name)
    assert "Belum sah: 1 galat" in words and "Penandatangan!B6" in words

    answer = shared_client.get(url + "/audit.xlsx")
    assert answer.status_code == 200
    assert "filename*=UTF-8''Audit-semua.xlsx" in answer.headers["content-disposition"]
    target = tmp_path / "cli.xlsx"
    assert main(["audit", *map(str, files), "--keluaran", str(target)]) == 2  # one is not valid
    assert _xlsx_values(answer.content) == _xlsx_values(target.read_bytes())


def test_one_workbooks_xlsx_is_named_after_its_kecamatan(shared_client):
    url, page = submit_and_wait(shared_client, "/audit", [("buku_kerja", SALE)])
    assert "Unduh hasil audit (.xlsx)" in text_of(page)
    answer = shared_client.get(url + "/audit.xlsx")
    assert "filename*=UTF-8''Audit-Sale-2020.xlsx" in answer.headers["content-disposition"]
    summary = openpyxl.load_workbook(io.BytesIO(answer.content))["Ringkasan"]
    assert summary["A2"].value == "sale-2020.xlsx" and summary["B2"].value == "Sale"


def test_xlsx_waits_for_every_workbook(shared_client):
    """Asked for before the audit ended: a sentence to wait, never a half table."""
    from generator.web.jobs import State
    from generator.web.security import COOKIE

    url, _ = submit_and_wait(shared_client, "/audit", [("buku_kerja", SALE)])
    visit = shared_client.app.state.storage.get(shared_client.cookies[COOKIE])
    job = visit.submissions[url.rsplit("/", 1)[1]].jobs[0]
    job.state = State.RUNNING
    try:
        answer = shared_client.get(url + "/audit.xlsx")
        assert answer.status_code == 409 and "Audit belum selesai" in text_of(answer.text)
        assert "Unduh hasil audit" not in text_of(shared_client.get(url).text)
    finally:
        job.state = State.DONE


def test_workbook_data_stays_text_on_the_page(shared_client, rows, make_workbook):
    rows["units"][0]["name"] = '<script>alert("x")</script> [bold]Camat[/]'
    _, page = submit_and_wait(shared_client, "/audit", [("buku_kerja", make_workbook(rows))])
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; [bold]Camat[/]" in page


# --- hostile uploads -----------------------------------------------------------------------------


def test_wrong_type_gets_one_sentence_and_no_job(shared_client):
    runner = shared_client.app.state.runner
    before = runner.counts()
    word = io.BytesIO()
    Document().save(word)
    url, page = submit_and_wait(
        shared_client,
        "/audit",
        [("buku_kerja", ("surat.xlsx", word.getvalue())), ("buku_kerja", ("catatan.xlsx", b"Nama,Umur\n"))],
    )
    assert runner.counts() == before
    for name in ("surat.xlsx", "catatan.xlsx"):
        words = _article(page, name)
        assert "Ditolak." in words and f"Berkas {name}" in words, words
    assert "Traceback" not in page
    xlsx = shared_client.get(url + "/audit.xlsx")
    found = _xlsx_values(xlsx.content)["Temuan"]
    assert [row[0] for row in found[1:]] == ["surat.xlsx", "catatan.xlsx"]


def test_oversize_upload_refused_with_413(make_client):
    client = make_client(upload_mb=0.02)
    answer = upload(client, "/audit", [("buku_kerja", SALE)])
    assert answer.status_code == 413 and "sale-2020.xlsx lebih besar dari batas 20 KB" in text_of(answer.text)
    assert [p for p in client.app.state.storage.root.rglob("*") if p.is_file()] == []


def test_zip_bomb_refused_and_the_others_audited(shared_client):
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", b"<" + b" " * (20 << 20) + b"/>")
    _, page = submit_and_wait(
        shared_client, "/audit", [("buku_kerja", ("bom.xlsx", bomb.getvalue())), ("buku_kerja", SALE)]
    )
    assert "bom zip" in _article(page, "bom.xlsx")
    assert "Nilai keseluruhan" in _article(page, "sale-2020.xlsx")


@pytest.mark.parametrize("logo", ["/etc/passwd", "../rahasia.png"])
def test_a_workbook_naming_a_server_file_is_not_audited(shared_client, rows, make_workbook, logo):
    rows["office"][0]["logo"] = logo
    path = make_workbook(rows)
    _, page = submit_and_wait(shared_client, "/audit", [("buku_kerja", path)])
    words = _article(page, path.name)
    assert "Belum sah" in words and "Kantor!B11" in words
    assert "root:" not in page
