"""The web app's routes through FastAPI's TestClient: same results as the CLI, limits, privacy."""

from __future__ import annotations

import io
import re
import threading
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from fastapi.testclient import TestClient

from generator.cli import main
from generator.compare import compare, describe, format_markdown
from generator.pipeline import DEFAULT_TEMPLATE, load_decree
from generator.problems import Severity
from generator.web.app import create_app
from generator.web.jobs import Job, State
from generator.web.present import by_sheet
from generator.web.security import COOKIE
from generator.web.storage import Storage
from tests.web.helpers import SALE, base_settings, links, submit_and_wait, text_of, upload, wait_done

PAGES = ["/", "/impor", "/buat", "/tahun-baru", "/banding", "/audit", "/templat"]


def _docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join(parts)


# --- pages and headers ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", PAGES)
def test_pages_are_indonesian_with_strict_security_headers(shared_client, path):
    page = shared_client.get(path)
    assert page.status_code == 200
    assert '<html lang="id">' in page.text
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "http" not in policy
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["referrer-policy"] == "no-referrer"
    assert page.headers["cache-control"] == "no-store"
    assert not re.search(r"<script(?![^>]*\bsrc=)", page.text), "skrip sebaris dilarang CSP"
    assert " style=" not in page.text and "<style" not in page.text
    words = text_of(page.text)
    for label in ("Beranda", "Impor", "Buat keputusan", "Tahun baru", "Banding", "Audit", "Templat"):
        assert label in words
    assert not re.search(r"https?://", page.text), "halaman memuat sesuatu dari luar server"


def test_static_files_come_from_the_app(shared_client):
    script = shared_client.get("/static/halaman.js")
    style = shared_client.get("/static/gaya.css")
    assert script.status_code == 200 and "fetch(" in script.text
    assert style.status_code == 200 and "--utama" in style.text


def test_unknown_page_and_wrong_method_answer_in_indonesian(shared_client):
    missing = shared_client.get("/tidak-ada")
    assert missing.status_code == 404
    assert "Halaman yang dicari tidak ada" in text_of(missing.text)
    assert missing.headers["x-content-type-options"] == "nosniff"
    wrong = shared_client.put("/buat")
    assert wrong.status_code == 405 and "tidak dapat dibuka dengan cara itu" in text_of(wrong.text)


def test_blank_workbook_and_examples_download(shared_client):
    blank = shared_client.get("/isian.xlsx")
    assert blank.status_code == 200
    assert "filename*=UTF-8''isian-keputusan-camat.xlsx" in blank.headers["content-disposition"]
    book = openpyxl.load_workbook(io.BytesIO(blank.content))
    assert {"Kantor", "Keputusan", "Proses"} <= set(book.sheetnames)
    example = shared_client.get("/contoh/sale-2020.xlsx")
    assert example.status_code == 200 and example.content == SALE.read_bytes()
    for sneaky in (
        "/contoh/..%2Fpyproject.toml",
        "/contoh/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "/contoh/pyproject.toml",
    ):
        answer = shared_client.get(sneaky)
        assert answer.status_code == 404, sneaky
        assert "tool.setuptools" not in answer.text and "root:" not in answer.text


# --- the same result as the CLI ------------------------------------------------------------------


def test_sale_gives_the_cli_docx_byte_for_byte(shared_client, tmp_path):
    url, page = submit_and_wait(shared_client, "/buat", [("buku_kerja", SALE)])
    words = text_of(page)
    assert "Sah, tanpa galat dan peringatan." in words
    docx_link = next(link for link in links(page) if link.endswith("/docx"))
    answer = shared_client.get(docx_link)
    assert answer.status_code == 200
    disposition = answer.headers["content-disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=UTF-8''Keputusan-Camat-Sale-2020.docx" in disposition
    assert main(["buat", str(SALE), "-o", str(tmp_path)]) == 0
    assert answer.content == (tmp_path / "Keputusan-Camat-Sale-2020.docx").read_bytes()
    text = " ".join(_docx_text(answer.content).split())
    assert "PETA PROSES BISNIS KECAMATAN SALE KABUPATEN REMBANG" in text
    assert "NOMOR 890 / /2020" in text


def _broken(rows):
    """Three planted errors on three sheets and one warning."""
    rows["decree"][0]["year"] = 1890  # Keputusan: year out of range
    rows["signer"][0]["nip"] = "123"  # Penandatangan: NIP too short
    rows["processes"][1]["parent"] = "P.9"  # Proses: a parent that does not exist
    rows["decree"][0]["number"] = None  # a warning: number left for registration
    return rows


def test_broken_workbook_lists_the_periksa_problems_by_sheet(shared_client, rows, make_workbook):
    path = make_workbook(_broken(rows))
    _, expected = load_decree(path)
    assert len(expected.errors) >= 3 and expected.warnings
    url, page = submit_and_wait(shared_client, "/buat", [("buku_kerja", path)])
    visit = shared_client.app.state.storage.get(shared_client.cookies[COOKIE])
    job = next(iter(visit.submissions[url.rsplit("/", 1)[1]].jobs))
    assert job.outcome.problems == expected.items  # the same list `keputusan periksa` prints
    words = text_of(page)
    assert "Belum sah" in words and not [link for link in links(page) if link.endswith("/docx")]
    for problem in expected.items:
        assert problem.where in words and problem.message in words
    for sheet in {p.sheet for p in expected.items}:
        section = re.search(rf'aria-label="Lembar {sheet}">(.*?)</section>', page, re.S).group(1)
        kinds = re.findall(r'<li class="(galat|peringatan)">', section)
        assert kinds == sorted(kinds, key=lambda k: k == "peringatan"), "galat sebelum peringatan"
    sheets = re.findall(r'aria-label="Lembar (\w+)"', page)
    assert sheets.index("Keputusan") < sheets.index("Penandatangan") < sheets.index("Proses")


def test_found_value_is_shown_as_written(shared_client, rows, make_workbook):
    rows["signer"][0]["nip"] = "123"
    _, page = submit_and_wait(shared_client, "/buat", [("buku_kerja", make_workbook(rows))])
    assert "Ditemukan: «123»" in text_of(page)


# --- what is not a workbook ----------------------------------------------------------------------


def test_non_workbook_gets_one_sentence_and_no_job(shared_client):
    runner = shared_client.app.state.runner
    before = runner.counts()
    url, page = submit_and_wait(
        shared_client, "/buat", [("buku_kerja", ("laporan.xlsx", b"Nama,Umur\nAni,30\n"))]
    )
    words = text_of(page)
    assert "Ditolak." in words
    assert "Berkas laporan.xlsx bukan buku kerja Excel (.xlsx)" in words
    assert runner.counts() == before
    assert "Traceback" not in page and "Error" not in words


def test_content_decides_not_the_name(shared_client, tmp_path):
    word = io.BytesIO()
    Document().save(word)
    _, page = submit_and_wait(
        shared_client,
        "/buat",
        [("buku_kerja", ("sale.pdf", SALE.read_bytes())), ("buku_kerja", ("surat.xlsx", word.getvalue()))],
    )
    words = text_of(page)
    assert "sale.xlsx Sah" in words  # a workbook named .pdf is a workbook
    assert "surat.xlsx Ditolak." in words and "bukan buku kerja Excel" in words


def test_zip_bomb_refused_before_any_parser(shared_client):
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", b"<" + b" " * (20 << 20) + b"/>")
    _, page = submit_and_wait(shared_client, "/buat", [("buku_kerja", ("bom.xlsx", bomb.getvalue()))])
    words = text_of(page)
    assert "Ditolak." in words and "bom zip" in words


def test_xml_bomb_fails_alone(shared_client):
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><workbook>&lol2;</workbook>'
    )
    book = io.BytesIO()
    with zipfile.ZipFile(SALE) as source, zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = laughs.encode() if item.filename == "xl/workbook.xml" else source.read(item)
            target.writestr(item, data)
    _, page = submit_and_wait(
        shared_client, "/buat", [("buku_kerja", ("lol.xlsx", book.getvalue())), ("buku_kerja", SALE)]
    )
    words = text_of(page)
    assert re.search(r"lol\.xlsx (Gagal|Belum sah)", words)
    assert "sale-2020.xlsx Sah" in words
    assert "Traceback" not in page


# --- limits --------------------------------------------------------------------------------------


def test_oversize_upload_refused_with_413_and_nothing_kept(make_client):
    client = make_client(upload_mb=0.02)  # 20 KB; the Sale workbook is 28 KB
    answer = upload(client, "/buat", [("buku_kerja", SALE)])
    assert answer.status_code == 413
    words = text_of(answer.text)
    assert "Berkas terlalu besar" in words and "sale-2020.xlsx lebih besar dari batas 20 KB" in words
    root = client.app.state.storage.root
    assert [p for p in root.rglob("*") if p.is_file()] == []


def test_declared_body_far_over_the_limit_refused_unread(make_client):
    client = make_client(upload_mb=0.02, max_files=2)
    body = b"x" * (2 << 20)
    answer = client.post(
        "/buat", content=body, headers={"content-type": "multipart/form-data; boundary=batas"}
    )
    assert answer.status_code == 413 and "Unggahan terlalu besar" in text_of(answer.text)


def test_too_many_files_refused(make_client, rows, make_workbook):
    client = make_client(max_files=2)
    path = make_workbook(rows)
    answer = upload(client, "/buat", [("buku_kerja", path)] * 3)
    assert answer.status_code == 413 and "paling banyak 2 berkas" in text_of(answer.text)


def test_form_without_files_asks_for_one(shared_client):
    answer = shared_client.post("/buat", files={"lain": ("x.txt", b"", "text/plain")}, follow_redirects=False)
    assert answer.status_code == 400 and "Pilih buku kerja .xlsx lebih dahulu" in text_of(answer.text)
    plain = shared_client.post("/buat", data={"a": "b"}, follow_redirects=False)
    assert plain.status_code == 400 and "formulir unggah" in text_of(plain.text)


def test_twenty_parallel_uploads_are_all_answered(make_client, rows, make_workbook):
    client = make_client(workers=2)
    visitors = [TestClient(client.app) for _ in range(20)]  # own cookies each; the app is already started
    paths = []
    for index in range(20):
        rows["office"][0]["kecamatan"] = f"Sale{index}"
        paths.append(make_workbook(rows))
    answers: dict[int, object] = {}

    def send(index: int) -> None:
        answers[index] = upload(visitors[index], "/buat", [("buku_kerja", paths[index])])

    threads = [threading.Thread(target=send, args=(i,)) for i in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sorted(answers) == list(range(20))
    assert {a.status_code for a in answers.values()} == {303}
    for index, answer in answers.items():
        page = wait_done(visitors[index], answer.headers["location"])
        docx = next(link for link in links(page) if link.endswith("/docx"))
        data = visitors[index].get(docx)
        assert data.status_code == 200
        assert f"Keputusan-Camat-Sale{index}-2020.docx" in data.headers["content-disposition"]


# --- privacy -------------------------------------------------------------------------------------


def test_expired_visit_is_gone_with_its_files(tmp_path):
    now = [1000.0]
    settings = base_settings(tmp_path / "data")
    storage = Storage(settings, clock=lambda: now[0])
    with TestClient(create_app(settings, storage=storage), raise_server_exceptions=False) as client:
        url, page = submit_and_wait(client, "/buat", [("buku_kerja", SALE)])
        download = next(link for link in links(page) if link.endswith("/docx"))
        folders = list(storage.root.iterdir())
        assert folders and any(p.suffix == ".docx" for p in folders[0].rglob("*"))
        now[0] += 59 * 60
        assert storage.sweep() == 0 and client.get(url).status_code == 200  # used again: an hour more
        now[0] += 61 * 60
        assert storage.sweep() == 1
        assert list(storage.root.iterdir()) == []
        gone = client.get(url)
        assert gone.status_code == 404 and "sudah dihapus" in text_of(gone.text)
        assert client.get(download).status_code == 404


def test_another_visitors_links_show_nothing(shared_client, rows, make_workbook):
    url, page = submit_and_wait(shared_client, "/buat", [("buku_kerja", SALE)])
    download = next(link for link in links(page) if link.endswith("/docx"))
    mine = shared_client.cookies[COOKIE]
    try:
        shared_client.cookies.clear()  # a visitor with no visit
        for target in (url, download, url + "/semua.zip"):
            answer = shared_client.get(target)
            assert answer.status_code == 404 and "Sale" not in answer.text
        submit_and_wait(shared_client, "/buat", [("buku_kerja", make_workbook(rows))])  # their own visit
        assert shared_client.cookies[COOKIE] != mine
        for target in (url, download):
            assert shared_client.get(target).status_code == 404
        shared_client.cookies.set(COOKIE, mine[:-2] + ("AA" if not mine.endswith("AA") else "BB"))
        assert shared_client.get(download).status_code == 404
    finally:
        shared_client.cookies.clear()
        shared_client.cookies.set(COOKIE, mine)
    assert shared_client.get(download).status_code == 200


def test_visit_cookie_is_private(shared_client, rows, make_workbook):
    shared_client.cookies.clear()
    answer = upload(shared_client, "/buat", [("buku_kerja", make_workbook(rows))])
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Max-Age=3600" in cookie
    token = shared_client.cookies[COOKIE]
    assert len(token) >= 40
    storage = shared_client.app.state.storage
    assert not (storage.root / token).exists(), "nama folder bukan tokennya"


def test_no_server_path_is_ever_shown(make_client):
    client = make_client()
    _, page = submit_and_wait(
        client, "/templat", [("templat", ("kop kabupaten.docx", DEFAULT_TEMPLATE.read_bytes()))]
    )
    assert "Templat dapat dipakai" in text_of(page)
    visit = client.app.state.storage.get(client.cookies[COOKIE])
    visit.template.unlink()  # the core now says "Templat /…/kop-kabupaten.docx tidak ditemukan."
    _, page = submit_and_wait(client, "/buat", [("buku_kerja", SALE)])
    words = text_of(page)
    assert "Templat kop-kabupaten.docx tidak ditemukan." in words
    data_dir = str(client.app.state.settings.data_dir)
    for secret in (data_dir, "/tmp/", str(Path.home()), "/work/", "masukan/"):
        assert secret not in page


def test_shutdown_deletes_every_visit(tmp_path):
    from fastapi.testclient import TestClient

    app = create_app(base_settings(tmp_path / "data"))
    with TestClient(app) as client:
        submit_and_wait(client, "/buat", [("buku_kerja", SALE)])
        root = app.state.storage.root
        assert any(p.is_file() for p in root.rglob("*"))
    assert not root.exists()


# --- the other areas -----------------------------------------------------------------------------


def test_tahun_baru_makes_next_years_workbook(shared_client, tmp_path):
    _, page = submit_and_wait(shared_client, "/tahun-baru", [("buku_kerja", SALE)], tahun="2021")
    words = text_of(page)
    assert "Buku kerja tahun 2021 sudah jadi." in words
    assert "Tahun 2020 menjadi 2021" in words
    link = next(link for link in links(page) if link.endswith("/xlsx"))
    answer = shared_client.get(link)
    assert "filename*=UTF-8''sale-2021.xlsx" in answer.headers["content-disposition"]
    target = tmp_path / "sale-2021.xlsx"
    target.write_bytes(answer.content)
    decree, problems = load_decree(target)
    assert decree is not None and decree.info.year == 2021 and not decree.info.number
    assert main(["tahun-baru", str(SALE), "2021", "-o", str(tmp_path / "cli.xlsx")]) == 0
    cli, _ = load_decree(tmp_path / "cli.xlsx")
    assert cli == decree


def test_tahun_baru_names_the_cells_it_changed_and_what_to_check(shared_client):
    senduro, karanganyar = (SALE.parent / f"{name}-2021.xlsx" for name in ("senduro", "karanganyar"))
    _, page = submit_and_wait(shared_client, "/tahun-baru", [("buku_kerja", senduro)], tahun="2022")
    assert "5 target di lembar Indikator dibawa dari tahun 2021 apa adanya" in text_of(page)
    _, page = submit_and_wait(shared_client, "/tahun-baru", [("buku_kerja", karanganyar)], tahun="2022")
    assert "Diktum!C7 (Isi): «Segala biaya" in text_of(page) and "Tahun Anggaran 2022.»" in text_of(page)


def test_tahun_baru_refuses_a_bad_year(shared_client):
    answer = upload(shared_client, "/tahun-baru", [("buku_kerja", SALE)], tahun="21")
    assert answer.status_code == 422
    assert '"21" bukan tahun empat angka' in text_of(answer.text)
    _, page = submit_and_wait(shared_client, "/tahun-baru", [("buku_kerja", SALE)], tahun="2019")
    assert "harus lebih besar daripada tahun buku kerja sumber (2020)" in text_of(page)


def test_banding_shows_sections_and_offers_md_and_xlsx(shared_client, tmp_path):
    newer = tmp_path / "sale-2021.xlsx"
    assert main(["tahun-baru", str(SALE), "2021", "-o", str(newer)]) == 0
    _, page = submit_and_wait(shared_client, "/banding", [("lama", SALE), ("baru", newer)])
    words = text_of(page)
    assert "Lama sale-2020.xlsx (Kecamatan Sale, tahun 2020)" in words
    assert 'Tahun berubah: "2020" menjadi "2021"' in words
    md = shared_client.get(next(link for link in links(page) if link.endswith("/md")))
    assert "Perbandingan-Sale-2020-2021.md" in md.headers["content-disposition"]
    old, _ = load_decree(SALE)
    new, _ = load_decree(newer)
    expected = format_markdown(
        compare(old, new), describe("sale-2020.xlsx", old), describe("sale-2021.xlsx", new)
    )
    assert md.content.decode("utf-8") == expected
    xlsx = shared_client.get(next(link for link in links(page) if link.endswith("/xlsx")))
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet["A1"].value == "Perbandingan buku kerja Keputusan Camat"


def test_banding_with_a_broken_workbook_lists_its_problems(shared_client, rows, make_workbook):
    broken = make_workbook(_broken(rows))
    _, page = submit_and_wait(shared_client, "/banding", [("lama", SALE), ("baru", broken)])
    words = text_of(page)
    assert "Perbandingan tidak dapat dibuat sebelum kedua buku kerja sah." in words
    assert "Keputusan!B2" in words


def test_template_checked_then_used_for_the_visits_next_decrees(make_client):
    client = make_client()
    _, page = submit_and_wait(client, "/templat", [("templat", ("kop.docx", DEFAULT_TEMPLATE.read_bytes()))])
    assert "Templat dapat dipakai" in text_of(page) and "kunjungan ini memakai templat kop.docx" in text_of(
        page
    )
    assert "kop.docx" in text_of(client.get("/buat").text)
    url, _ = submit_and_wait(client, "/buat", [("buku_kerja", SALE)])
    visit = client.app.state.storage.get(client.cookies[COOKIE])
    job = visit.submissions[url.rsplit("/", 1)[1]].jobs[0]
    assert job.args[2] == str(visit.template) and visit.template.name == "kop.docx"
    client.post("/templat/bawaan")
    assert "templat bawaan" in text_of(client.get("/templat").text)


def test_broken_template_gets_its_report(shared_client, tmp_path):
    document = Document(DEFAULT_TEMPLATE)
    document.add_paragraph("{{ nama_yang_salah }}")
    out = io.BytesIO()
    document.save(out)
    _, page = submit_and_wait(shared_client, "/templat", [("templat", ("rusak.docx", out.getvalue()))])
    words = text_of(page)
    assert "memakai nama 'nama_yang_salah' yang tidak disediakan program." in words
    excel = submit_and_wait(shared_client, "/templat", [("templat", ("templat.docx", SALE.read_bytes()))])[1]
    assert "adalah buku kerja Excel, bukan templat Word (.docx)" in text_of(excel)


def test_several_workbooks_come_as_one_zip(shared_client):
    tempursari = SALE.parent / "tempursari-2024.xlsx"
    url, page = submit_and_wait(shared_client, "/buat", [("buku_kerja", SALE), ("buku_kerja", tempursari)])
    words = text_of(page)
    assert "2 buku kerja" in words and "Sah, dengan 4 peringatan." in words
    answer = shared_client.get(url + "/semua.zip")
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(answer.content)).namelist()
    assert names == ["Keputusan-Camat-Sale-2020.docx", "Keputusan-Camat-Tempursari-2024.docx"]


def test_problems_of_a_result_keep_severity_order(shared_client, rows, make_workbook):
    """Within one sheet the warnings come after every error, as `periksa` prints them."""
    rows["decree"][0]["number"] = None
    rows["decree"][0]["year"] = 1890
    url, _ = submit_and_wait(shared_client, "/buat", [("buku_kerja", make_workbook(rows))])
    visit = shared_client.app.state.storage.get(shared_client.cookies[COOKIE])
    job = visit.submissions[url.rsplit("/", 1)[1]].jobs[0]
    group = next(g for g in by_sheet(job.outcome.problems) if g.sheet == "Keputusan")
    severities = [p.severity for p in group.items]
    assert severities == sorted(severities, key=lambda s: s is Severity.WARNING)


def test_waiting_upload_shows_queue_position_then_stage(make_client):
    """Long work is never a frozen page: the queue position, then the stage, then the result."""
    client = make_client(workers=1)
    runner = client.app.state.runner
    folder = client.app.state.storage.root / "penghalang"
    (folder / "hasil").mkdir(parents=True)
    blocker = Job("penghalang", "tests.web.tasks:sleep", (8,), folder, "lama")
    runner.submit([blocker])
    while blocker.state is not State.RUNNING:
        time.sleep(0.02)
    answer = upload(client, "/buat", [("buku_kerja", SALE)])
    url = answer.headers["location"]
    page = client.get(url).text
    assert "data-pantau" in page and '<meta http-equiv="refresh"' in page  # refreshes without JavaScript too
    assert "Menunggu giliran (antrean ke-1)." in text_of(page)
    visit = client.app.state.storage.get(client.cookies[COOKIE])
    job = visit.submissions[url.rsplit("/", 1)[1]].jobs[0]
    job.state, job.stage = State.RUNNING, "gambar"  # as the worker reports it mid-way
    assert "Sedang dikerjakan: menggambar diagram." in text_of(client.get(url).text)
    job.state = State.QUEUED
    page = wait_done(client, url)
    assert "Sah, tanpa galat dan peringatan." in text_of(page) and "http-equiv" not in page
