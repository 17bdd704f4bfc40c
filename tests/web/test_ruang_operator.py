"""An operator's pages: upload versions, see problems and the audit score, make and download the
decree, compare versions; and never anything of another kecamatan, whatever id the URL names."""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
from pathlib import Path

import openpyxl
from docx import Document

from generator.pipeline import load_decree
from tests.web.helpers import text_of
from tests.web.ruang import finished, form_token, post, upload


def _broken(data: dict) -> None:
    data["signer"][0]["nip"] = "123"
    data["processes"][1]["parent"] = "P.9"


def _document_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    return " ".join(" ".join(parts).split())


def _version_id(page: str) -> int:
    return int(re.search(r'href="/ruang/versi/(\d+)"', page).group(1))


def test_operator_uploads_versions_and_sees_each_ones_result(ruang, people, workbook_bytes):
    operator = ruang.login(people.op_a)
    home = operator.get("/ruang")
    assert home.url.path == f"/ruang/kecamatan/{people.a}"
    assert f"Kecamatan {people.a_name}" in text_of(home.text) and "Unggah buku kerja tahun 2020" in text_of(
        home.text
    )

    good = workbook_bytes(people.a_name)
    _, first = finished(operator, upload(operator, people.a, 2020, "pertama.xlsx", good))
    words = text_of(first)
    assert "Tersimpan sebagai versi 1 tahun 2020." in words and "Nilai audit:" in words
    first_id = _version_id(first)

    bad = workbook_bytes(people.a_name, _broken)
    _, second = finished(operator, upload(operator, people.a, 2020, "kedua.xlsx", bad))
    words = text_of(second)
    assert "Tersimpan sebagai versi 2 tahun 2020." in words and "2 galat" in words
    _, problems = load_decree_bytes(bad)
    for problem in problems.errors:
        assert problem.message in words
    assert "Penandatangan!B6" in words and "Proses!D3" in words

    again = upload(operator, people.a, 2020, "sama.xlsx", bad)  # the very same bytes: no third version
    _, repeat = finished(operator, again)
    assert "sama persis dengan versi 2" in text_of(repeat)

    listing = text_of(operator.get(f"/ruang/kecamatan/{people.a}?tahun=2020").text)
    assert "Versi 1" in listing and "Versi 2" in listing and "Versi 3" not in listing
    assert f"{people.op_a} (Operator" in listing  # who
    assert "pukul" in listing  # when

    page = operator.get(f"/ruang/versi/{first_id}")
    assert "Sah" in text_of(page.text)
    original = operator.get(f"/ruang/versi/{first_id}/buku-kerja")
    assert original.status_code == 200 and original.content == good
    assert "pertama.xlsx" in original.headers["content-disposition"]


def load_decree_bytes(data: bytes):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.xlsx"
        path.write_bytes(data)
        return load_decree(path)


def test_upload_of_another_kecamatan_or_not_a_workbook_stores_nothing(ruang, people, workbook_bytes):
    operator = ruang.login(people.op_a)
    _, page = finished(
        operator, upload(operator, people.a, 2020, "salah.xlsx", workbook_bytes(people.b_name))
    )
    assert f"bukan Kecamatan {people.a_name}; tidak ada yang disimpan" in text_of(page)
    refused = upload(operator, people.a, 2020, "catatan.xlsx", b"Nama kecamatan: Sale\n")
    assert refused.status_code == 400
    assert "bukan buku kerja Excel" in text_of(refused.text) and "Tidak ada yang disimpan." in text_of(
        refused.text
    )
    closed = upload(operator, people.a, 2035, "x.xlsx", workbook_bytes(people.a_name))
    assert closed.status_code == 400 and "Tahun 2035 belum dibuka" in text_of(closed.text)
    assert "Versi 1" not in text_of(operator.get(f"/ruang/kecamatan/{people.a}?tahun=2020").text)


def test_upload_needs_the_csrf_token(ruang, people, workbook_bytes):
    operator = ruang.login(people.op_a)
    for token in ("", "salah"):
        answer = upload(operator, people.a, 2020, "x.xlsx", workbook_bytes(people.a_name), token=token)
        assert answer.status_code == 403
    assert "Versi 1" not in text_of(operator.get(f"/ruang/kecamatan/{people.a}").text)


def test_operator_makes_and_downloads_the_decree(ruang, people, workbook_bytes):
    operator = ruang.login(people.op_a)
    _, page = finished(operator, upload(operator, people.a, 2020, "a.xlsx", workbook_bytes(people.a_name)))
    version = _version_id(page)
    made = post(operator, f"/ruang/versi/{version}/buat")
    _, result = finished(operator, made)
    assert "Keputusan versi 1 sudah jadi." in text_of(result)
    link = re.search(r'href="(/ruang/keputusan/\d+)"[^>]*>Unduh dokumen Word', result).group(1)
    docx = operator.get(link)
    assert docx.status_code == 200
    assert (
        f"Keputusan-Camat-{people.a_name.replace(' ', '-')}-2020.docx" in docx.headers["content-disposition"]
    )
    assert f"KECAMATAN {people.a_name.upper()}" in _document_text(docx.content)
    version_page = text_of(operator.get(f"/ruang/versi/{version}").text)
    assert "Unduh dokumen Word (.docx)" in version_page


def test_operator_compares_two_versions_and_downloads_the_report(ruang, people, workbook_bytes):
    operator = ruang.login(people.op_a)
    _, one = finished(operator, upload(operator, people.a, 2020, "a.xlsx", workbook_bytes(people.a_name)))

    def retitle(data):
        data["decree"][0]["title"] = "PETA PROSES BISNIS YANG DIPERBARUI"

    _, two = finished(
        operator, upload(operator, people.a, 2020, "b.xlsx", workbook_bytes(people.a_name, retitle))
    )
    old, new = _version_id(one), _version_id(two)
    kecamatan_page = operator.get(f"/ruang/kecamatan/{people.a}").text
    assert 'action="/ruang/banding"' in kecamatan_page and f'<option value="{old}"' in kecamatan_page
    answer = operator.get(f"/ruang/banding?lama={old}&baru={new}", follow_redirects=False)
    url, page = finished(operator, answer)
    words = text_of(page)
    assert "Keputusan" in words and "PETA PROSES BISNIS YANG DIPERBARUI" in words
    again = operator.get(f"/ruang/banding?lama={old}&baru={new}", follow_redirects=False)
    assert again.headers["location"] == url  # the same comparison is not made twice
    md = operator.get(url + "/md")
    assert md.status_code == 200 and md.text.startswith("# Perbandingan Buku Kerja Keputusan Camat")
    xlsx = operator.get(url + "/xlsx")
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames


def test_every_id_of_another_kecamatan_is_not_found(ruang, people, workbook_bytes):
    """Operator B changes the id in every URL that takes one, to A's: all "not found", nothing shown."""
    owner = ruang.login(people.op_a)
    _, page = finished(owner, upload(owner, people.a, 2020, "a.xlsx", workbook_bytes(people.a_name)))
    version = _version_id(page)
    _, made = finished(owner, post(owner, f"/ruang/versi/{version}/buat"))
    output = int(re.search(r'href="/ruang/keputusan/(\d+)"', made).group(1))
    _, two = finished(owner, upload(owner, people.a, 2020, "b.xlsx", workbook_bytes(people.a_name, _rename)))
    compared, _ = finished(
        owner, owner.get(f"/ruang/banding?lama={version}&baru={_version_id(two)}", follow_redirects=False)
    )

    other = ruang.login(people.op_b)
    _, mine = finished(other, upload(other, people.b, 2020, "b.xlsx", workbook_bytes(people.b_name)))
    my_version = _version_id(mine)
    token = form_token(other.get("/sandi").text)
    reads = [
        f"/ruang/kecamatan/{people.a}",
        f"/ruang/kecamatan/{people.a}?tahun=2020",
        f"/ruang/versi/{version}",
        f"/ruang/versi/{version}/buku-kerja",
        f"/ruang/keputusan/{output}",
        f"/ruang/banding?lama={version}&baru={my_version}",
        f"/ruang/banding?lama={my_version}&baru={version}",
        compared,
        compared + "/md",
        compared + "/xlsx",
        f"/ruang/catatan?kecamatan={people.a}",
    ]
    for url in reads:
        answer = other.get(url, follow_redirects=False)
        assert answer.status_code == 404, url
        assert people.a_name not in answer.text, url
        assert "tidak ditemukan" in text_of(answer.text), url
    writes = [
        (f"/ruang/versi/{version}/buat", {"csrf": token}),
    ]
    for url, data in writes:
        assert other.post(url, data=data, follow_redirects=False).status_code == 404, url
    smuggled = upload(other, people.a, 2020, "a.xlsx", workbook_bytes(people.a_name), token=token)
    assert smuggled.status_code == 404
    assert "Versi 3" not in text_of(owner.get(f"/ruang/kecamatan/{people.a}").text)
    for url in (
        "/ruang/papan",
        "/ruang/akun",
        "/ruang/kecamatan",
        "/ruang/tahun",
        f"/ruang/akun/{people.op_a_id}",
    ):
        answer = other.get(url, follow_redirects=False)
        assert answer.status_code == 403, url
        assert "Hanya admin kabupaten" in text_of(answer.text)
    for url, data in [
        ("/ruang/tahun", {"csrf": token, "tahun": "2033"}),
        ("/ruang/papan/2020/zip", {"csrf": token}),
        ("/ruang/akun", {"csrf": token, "nama_pengguna": "penyusup", "kata_sandi": "Kopi-Tubruk-Sore-9"}),
        (f"/ruang/akun/{people.op_a_id}/aktif", {"csrf": token, "aktif": "tidak"}),
        (f"/ruang/akun/{people.op_a_id}/sandi", {"csrf": token, "kata_sandi": "Kopi-Tubruk-Sore-8"}),
        ("/ruang/kecamatan", {"csrf": token, "nama": "Penyusup"}),
        ("/ruang/kantor", {"csrf": token, "nama": "Penyusup"}),
    ]:
        assert other.post(url, data=data, follow_redirects=False).status_code == 403, url
    log = text_of(other.get("/ruang/catatan").text)
    assert people.a_name not in log and people.b_name in log
    # the job pages of A's jobs are A's alone (B cannot open them by their URL either)
    assert other.get(compared).status_code == 404


def _rename(data):
    data["decree"][0]["title"] = "JUDUL LAIN"


def test_ids_that_are_no_number_are_not_found(ruang, people):
    operator = ruang.login(people.op_a)
    for url in (
        "/ruang/versi/abc",
        "/ruang/versi/1e3",
        "/ruang/keputusan/-1",
        "/ruang/kecamatan/%20",
        "/ruang/banding?lama=x&baru=1",
        "/ruang/pekerjaan/tidak-ada",
    ):
        assert operator.get(url).status_code == 404, url


def test_switched_off_operator_is_logged_out_at_once(ruang, people):
    operator = ruang.login(people.op_a)
    admin = ruang.login("admin")
    answer = post(admin, f"/ruang/akun/{people.op_a_id}/aktif", {"aktif": "tidak"}, token_from="/ruang/akun")
    assert answer.status_code == 200 and "dinonaktifkan" in text_of(answer.text)
    assert (
        operator.get(f"/ruang/kecamatan/{people.a}", follow_redirects=False)
        .headers["location"]
        .startswith("/masuk")
    )


def test_a_zip_bomb_named_xlsx_gets_one_sentence_and_stores_nothing(ruang, people):
    """Built here: a 'workbook' whose one part unpacks 1000 times larger than it is stored."""
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", b"\0" * (16 << 20))
    operator = ruang.login(people.op_a)
    answer = upload(operator, people.a, 2020, "bom.xlsx", packed.getvalue())
    assert answer.status_code == 400
    sentence = text_of(re.search(r'<p class="kalimat-galat"[^>]*>(.*?)</p>', answer.text, re.S).group(1))
    assert sentence.startswith("Berkas bom.xlsx") and sentence.endswith("Tidak ada yang disimpan.")
    assert "Traceback" not in answer.text and "/tmp/" not in answer.text
    assert "Versi 1" not in text_of(operator.get(f"/ruang/kecamatan/{people.a}").text)
