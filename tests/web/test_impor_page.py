"""The Impor page through FastAPI's TestClient: `keputusan impor`'s workbook and lists; hostile uploads."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest

from generator.cli import main
from generator.importer import import_decree
from generator.pipeline import load_decree
from generator.web.security import COOKIE
from tests.importer.hand_typed import LOGO, MENIMBANG, build
from tests.web.helpers import SALE, links, submit_and_wait, text_of, upload, wait_done

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


@pytest.fixture(scope="module")
def kaliori() -> bytes:
    """Kaliori's decree as a person typed it (labels aligned with tabs, a logo in the kop)."""
    return build("tab")


def _job(client, url):
    visit = client.app.state.storage.get(client.cookies[COOKIE])
    return visit.submissions[url.rsplit("/", 1)[1]].jobs[0]


def _values(data: bytes | Path) -> dict[str, list[list[object]]]:
    """Every sheet's cell values (the .xlsx zip itself carries the time it was written)."""
    book = openpyxl.load_workbook(io.BytesIO(data) if isinstance(data, bytes) else data)
    return {sheet.title: [[c.value for c in row] for row in sheet.iter_rows()] for sheet in book}


def _download(client, page: str, key: str):
    link = next(link for link in links(page) if link.endswith(f"/{key}"))
    answer = client.get(link)
    assert answer.status_code == 200
    return answer


def test_pages_link_to_impor(shared_client):
    form = shared_client.get("/impor")
    assert form.status_code == 200
    words = text_of(form.text)
    assert "Impor keputusan lama" in words and "Keputusan dalam Word" in words
    assert 'aria-current="page">Impor</a>' in form.text
    assert 'href="/impor"' in shared_client.get("/").text


def test_kaliori_gives_the_workbook_and_lists_impor_prints(shared_client, kaliori, tmp_path, capsys):
    url, page = submit_and_wait(shared_client, "/impor", [("dokumen", ("keputusan-kaliori.docx", kaliori))])
    words = text_of(page)
    assert "Buku kerja sudah jadi dan sah menurut pemeriksaan." in words

    expected = import_decree(kaliori, name="keputusan-kaliori.docx", logo_stem=None)
    workbook = _download(shared_client, page, "xlsx")
    assert "filename*=UTF-8''keputusan-kaliori.xlsx" in workbook.headers["content-disposition"]
    assert _values(workbook.content) == _values(expected.workbook)  # the core's own workbook

    # what `keputusan impor` prints: each paragraph not placed, each guessed cell with its reason
    source = tmp_path / "keputusan-kaliori.docx"
    source.write_bytes(kaliori)
    assert main(["impor", str(source)]) == 0
    printed = capsys.readouterr().out
    assert expected.unplaced and expected.warnings
    for item in expected.unplaced:
        assert f"  {item}" in printed and str(item) in words
    for warning in expected.warnings:
        assert f"{warning.where} {warning.reason}" in words
    cli_warnings = import_decree(kaliori, logo_stem="keputusan-kaliori-lambang").warnings
    for warning in cli_warnings:
        assert f"  {warning}" in printed
    # the web adds one: the Logo cell it left empty (the CLI names the picture it saved there)
    assert [w for w in expected.warnings if w not in cli_warnings] == [
        w for w in expected.warnings if w.where == "Kantor!B11"
    ]
    section = page[page.index("Paragraf yang tidak ditempatkan") : page.index("Isian yang diduga")]
    assert "«Memperhatikan" in text_of(section)

    # the same workbook as the CLI's but for the Logo cell, which an upload may not fill with a name
    cli, web = _values(tmp_path / "keputusan-kaliori.xlsx"), _values(workbook.content)
    assert web["Menimbang"][1:] == [[item] for item in MENIMBANG]
    logo = next(row for row in cli["Kantor"] if row[0] == "Logo")
    assert logo[1] == "keputusan-kaliori-lambang.png"
    assert next(row for row in web["Kantor"] if row[0] == "Logo")[1] is None
    for sheet in (cli, web):
        sheet["Kantor"] = [row for row in sheet["Kantor"] if row[0] != "Logo"]
        del sheet["Petunjuk"]  # its notes list the Logo cell's doubt on the web only
    assert web == cli


def test_the_kops_picture_is_offered_and_the_logo_cell_said_empty(shared_client, kaliori):
    _, page = submit_and_wait(shared_client, "/impor", [("dokumen", ("kaliori.docx", kaliori))])
    logo = _download(shared_client, page, "logo")
    assert logo.content == LOGO and logo.headers["content-type"] == "image/png"
    assert "filename*=UTF-8''kaliori-lambang.png" in logo.headers["content-disposition"]
    words = text_of(page)
    assert "Unduh lambang kop (kaliori-lambang.png)" in words
    assert "Sel Logo (Kantor!B11) sengaja dikosongkan" in words
    assert "tempelkan gambar ini di lembar Kantor" in words


def test_a_decree_this_project_made_comes_back_as_the_clis_workbook(shared_client, tmp_path):
    """No logo in the kop: the web's workbook is the CLI's, byte for byte, and passes periksa."""
    assert main(["buat", str(SALE), "-o", str(tmp_path), "--tanpa-gambar"]) == 0
    decree = tmp_path / "Keputusan-Camat-Sale-2020.docx"
    assert main(["impor", str(decree), "-o", str(tmp_path / "cli.xlsx")]) == 0
    _, page = submit_and_wait(shared_client, "/impor", [("dokumen", decree)])
    assert "Buku kerja sudah jadi dan sah" in text_of(page)
    assert "Unduh lambang kop" not in text_of(page)
    workbook = _download(shared_client, page, "xlsx")
    assert _values(workbook.content) == _values(tmp_path / "cli.xlsx")
    target = tmp_path / "web.xlsx"
    target.write_bytes(workbook.content)
    imported, _ = load_decree(target)
    original, _ = load_decree(SALE)
    assert imported.menimbang == original.menimbang and imported.mengingat == original.mengingat


def test_a_workbook_that_is_not_yet_valid_lists_its_errors(shared_client):
    document = docx.Document()
    document.add_paragraph("KEPUTUSAN CAMAT KALIORI")
    document.add_paragraph("Surat ini hanya berisi satu baris.")
    out = io.BytesIO()
    document.save(out)
    url, page = submit_and_wait(shared_client, "/impor", [("dokumen", ("sepotong.docx", out.getvalue()))])
    outcome = _job(shared_client, url).outcome
    words = text_of(page)
    assert not outcome.valid and "xlsx" in _job(shared_client, url).downloads
    errors = [p for p in outcome.problems if p.severity.value == "galat"]
    assert errors
    assert f"Buku kerja sudah jadi, tetapi belum sah: {len(errors)} galat" in words
    for problem in errors:
        assert problem.message in words
    assert "Surat ini hanya berisi satu baris." in words  # not placed, said with its page


# --- what is not a decree ------------------------------------------------------------------------


def test_wrong_types_get_one_sentence_and_no_job(shared_client):
    runner = shared_client.app.state.runner
    before = runner.counts()
    cases = {
        "buku.docx": (SALE.read_bytes(), "Berkas buku.xlsx adalah buku kerja Excel, bukan keputusan dalam"),
        "catatan.docx": (b"Nomor: 061/2023\n", "Berkas catatan.docx bukan dokumen Word (.docx)"),
        "kosong.docx": (b"", "Berkas kosong.docx kosong."),
    }
    for name, (data, sentence) in cases.items():
        _, page = submit_and_wait(shared_client, "/impor", [("dokumen", (name, data))])
        words = text_of(page)
        assert "Ditolak." in words and sentence in words, name
        assert "Traceback" not in page
    assert runner.counts() == before


def test_oversize_document_refused_with_413_and_nothing_kept(make_client, kaliori):
    client = make_client(upload_mb=0.01)
    assert len(kaliori) > 10 * 1024
    answer = upload(client, "/impor", [("dokumen", ("kaliori.docx", kaliori))])
    assert answer.status_code == 413
    assert "kaliori.docx lebih besar dari batas 10 KB" in text_of(answer.text)
    assert [p for p in client.app.state.storage.root.rglob("*") if p.is_file()] == []


def test_no_file_asks_for_one(shared_client):
    files = {"lain": ("x.txt", b"", "text/plain")}
    answer = shared_client.post("/impor", files=files, follow_redirects=False)
    assert answer.status_code == 400
    assert "Pilih keputusan dalam Word (.docx) lebih dahulu" in text_of(answer.text)


def _docx_with(document_xml: bytes) -> bytes:
    base = io.BytesIO()
    docx.Document().save(base)
    out = io.BytesIO()
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = document_xml if info.filename == "word/document.xml" else source.read(info)
            target.writestr(info.filename, data)
    return out.getvalue()


def _body(inner: str) -> bytes:
    return f'<?xml version="1.0"?><w:document {W}><w:body>{inner}</w:body></w:document>'.encode()


LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
    + f"]><w:document {W}><w:body><w:p><w:r><w:t>&i;</w:t></w:r></w:p></w:body></w:document>"
).encode()


def _nested(depth: int) -> str:
    inner = "<w:p><w:r><w:t>dalam</w:t></w:r></w:p>"
    for _ in range(depth):
        inner = f"<w:tbl><w:tr><w:tc>{inner}<w:p/></w:tc></w:tr></w:tbl>"
    return inner


def test_docx_bomb_refused_at_upload_before_any_parser(shared_client):
    bomb = _docx_with(_body("<w:p/>" * 4_000_000))  # 24 MB of XML in a small zip
    assert len(bomb) < 1 << 20
    runner = shared_client.app.state.runner
    before = runner.counts()
    _, page = submit_and_wait(shared_client, "/impor", [("dokumen", ("bom.docx", bomb))])
    words = text_of(page)
    assert "Ditolak." in words and "Berkas bom.docx" in words
    assert runner.counts() == before  # never reached a worker


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("tawa.docx", _docx_with(LAUGHS), "bom XML"),
        ("bertumpuk.docx", _docx_with(_body(_nested(12))), "bertumpuk"),
        ("rusak.docx", _docx_with(b"<w:document><w:body><w:p>"), "rusak"),
    ],
)
def test_hostile_document_fails_alone_with_one_sentence(make_client, kaliori, name, data, words):
    """Read in a worker under its memory cap: the hostile one fails, the next upload is served."""
    client = make_client(workers=1, worker_memory_mb=512)
    hostile = upload(client, "/impor", [("dokumen", (name, data))])
    honest = upload(client, "/impor", [("dokumen", ("kaliori.docx", kaliori))])
    page = wait_done(client, hostile.headers["location"])
    sentences = text_of(page)
    assert "Gagal." in sentences and words in sentences, sentences
    assert f"Dokumen {name}" in sentences and "Traceback" not in page
    assert "Buku kerja sudah jadi" in text_of(wait_done(client, honest.headers["location"]))


# --- the old .doc --------------------------------------------------------------------------------


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504


def test_doc_without_libreoffice_asks_for_docx(shared_client, monkeypatch):
    monkeypatch.setattr("generator.web.routers.impor.libreoffice_available", lambda: False)
    form = text_of(shared_client.get("/impor").text)
    assert "Keputusan dalam Word (.docx)" in form and "simpan sebagai .docx" in form
    _, page = submit_and_wait(shared_client, "/impor", [("dokumen", ("lama.doc", OLE))])
    words = text_of(page)
    assert "Ditolak." in words
    assert "Berkas lama.doc adalah dokumen Word lama (.doc) dan server ini tidak punya LibreOffice" in words


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice tidak terpasang")
def test_doc_converted_in_the_worker_pool(shared_client, kaliori, tmp_path):
    source = tmp_path / "kaliori.docx"
    source.write_bytes(kaliori)
    profile = (tmp_path / "profil").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "doc",
         "--outdir", str(tmp_path / "lama"), str(source)],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    old = (tmp_path / "lama" / "kaliori.doc").read_bytes()
    assert old.startswith(OLE[:8])
    assert "atau .doc" in text_of(shared_client.get("/impor").text)
    answer = upload(shared_client, "/impor", [("dokumen", ("kaliori.doc", old))])
    url = answer.headers["location"]
    page = wait_done(shared_client, url, seconds=240)
    words = text_of(page)
    assert "kaliori.doc Buku kerja sudah jadi" in words, words
    workbook = _download(shared_client, page, "xlsx")
    assert "filename*=UTF-8''kaliori.xlsx" in workbook.headers["content-disposition"]
    book = openpyxl.load_workbook(io.BytesIO(workbook.content))
    assert [c.value for c in book["Menimbang"]["A"][1:]] == list(MENIMBANG)
    assert Path(_job(shared_client, url).args[0]).suffix == ".doc"
