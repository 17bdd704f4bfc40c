"""The admin's pages: the status board and the year's zip, accounts, kecamatan, opening a year, the log."""

from __future__ import annotations

import io
import re
import zipfile

from docx import Document

from tests.web.helpers import text_of
from tests.web.ruang import PASSWORD, finished, login, post, upload


def _board_row(page: str, name: str) -> str:
    row = re.search(
        rf"<tr[^>]*>\s*<th scope=\"row\"><a [^>]*>{re.escape(name)}</a></th>(.*?)</tr>", page, re.S
    )
    assert row, f"baris {name} tidak ada"
    return text_of(row.group(1))


def test_board_shows_each_kecamatan_and_sorts(ruang, people, workbook_bytes):
    operator = ruang.login(people.op_a)
    finished(operator, upload(operator, people.a, 2020, "a.xlsx", workbook_bytes(people.a_name)))
    admin = ruang.login("admin")
    assert admin.get("/ruang", follow_redirects=False).headers["location"] == "/ruang/papan"
    page = admin.get("/ruang/papan?tahun=2020").text
    assert "Papan status tahun 2020" in text_of(page) and "Kabupaten Rembang" in text_of(page)
    sent = _board_row(page, people.a_name)
    assert "Versi 1" in sent and "pukul" in sent
    assert "Belum mengunggah" in _board_row(page, people.b_name)
    names = re.findall(r'<th scope="row"><a [^>]*>([^<]+)</a></th>', page)
    assert names == sorted(names, key=str.casefold)
    down = admin.get("/ruang/papan?tahun=2020&urut=kecamatan&arah=turun").text
    assert re.findall(r'<th scope="row"><a [^>]*>([^<]+)</a></th>', down) == sorted(
        names, key=str.casefold, reverse=True
    )
    assert 'aria-sort="descending"' in down
    by_change = admin.get("/ruang/papan?tahun=2020&urut=perubahan&arah=turun").text
    ordered = re.findall(r'<th scope="row"><a [^>]*>([^<]+)</a></th>', by_change)
    assert ordered.index(people.a_name) < ordered.index(people.b_name)  # submitted before not submitted


def test_year_zip_is_built_as_a_job_with_every_decree(ruang, people, workbook_bytes):
    operator = ruang.login(people.op_a)
    finished(operator, upload(operator, people.a, 2020, "a.xlsx", workbook_bytes(people.a_name)))
    admin = ruang.login("admin")
    url, page = finished(admin, post(admin, "/ruang/papan/2020/zip", token_from="/ruang/papan"), seconds=600)
    words = text_of(page)
    assert "keputusan tahun 2020 dalam satu berkas .zip" in words
    assert f"Kecamatan {people.b_name}: belum mengunggah buku kerja" in words
    answer = admin.get(url + "/zip")
    assert answer.status_code == 200 and "Keputusan-Camat-2020.zip" in answer.headers["content-disposition"]
    archive = zipfile.ZipFile(io.BytesIO(answer.content))
    name = f"Keputusan-Camat-{people.a_name.replace(' ', '-')}-2020.docx"
    assert name in archive.namelist()
    listing = archive.read("DAFTAR.txt").decode("utf-8")
    assert f"Kecamatan {people.a_name}: {name}" in listing
    text = " ".join(p.text for p in Document(io.BytesIO(archive.read(name))).paragraphs)
    assert people.a_name.upper() in text.upper()
    assert ruang.login(people.op_a).get(url).status_code == 404  # the admin's job, not the operator's


def test_admin_creates_an_operator_who_then_logs_in(ruang, people):
    admin = ruang.login("admin")
    page = admin.get("/ruang/akun").text
    assert people.op_a in text_of(page)
    new = "Bakso-Urat-Malam-4"
    fields = {
        "nama_pengguna": "Operator.Baru",
        "nama": "Rina",
        "peran": "operator",
        "kecamatan": str(people.b),
        "kata_sandi": new,
        "kata_sandi_ulang": new,
    }
    answer = post(admin, "/ruang/akun", fields, token_from="/ruang/akun")
    assert answer.status_code == 303
    assert "Akun operator.baru sudah dibuat" in text_of(admin.get(answer.headers["location"]).text)
    operator = ruang.login("operator.baru", new)
    assert (
        operator.get("/ruang", follow_redirects=False).headers["location"] == f"/ruang/kecamatan/{people.b}"
    )
    taken = post(admin, "/ruang/akun", fields, token_from="/ruang/akun")
    assert taken.status_code == 400 and "sudah dipakai" in text_of(taken.text)
    weak = post(
        admin,
        "/ruang/akun",
        {
            **fields,
            "nama_pengguna": "lemah",
            "kata_sandi": "Rahasia2026!",
            "kata_sandi_ulang": "Rahasia2026!",
        },
        token_from="/ruang/akun",
    )
    assert weak.status_code == 400 and "mudah ditebak" in text_of(weak.text)
    differ = post(
        admin,
        "/ruang/akun",
        {**fields, "nama_pengguna": "beda", "kata_sandi_ulang": "x"},
        token_from="/ruang/akun",
    )
    assert "Kedua kata sandi tidak sama" in text_of(differ.text)


def test_admin_resets_a_password_and_ends_its_sessions(ruang, people):
    operator = ruang.login(people.op_a)
    admin = ruang.login("admin")
    new = "Soto-Ayam-Siang-3"
    answer = post(
        admin,
        f"/ruang/akun/{people.op_a_id}/sandi",
        {"kata_sandi": new, "kata_sandi_ulang": new},
        token_from="/ruang/akun",
    )
    assert answer.status_code == 200 and "sudah diganti" in text_of(answer.text)
    assert operator.get("/ruang", follow_redirects=False).headers["location"].startswith("/masuk")
    assert login(ruang.client(), people.op_a, PASSWORD).status_code == 401
    assert login(ruang.client(), people.op_a, new).status_code == 303


def test_deactivated_account_cannot_log_in_and_admin_not_itself(ruang, people):
    admin = ruang.login("admin")
    post(admin, f"/ruang/akun/{people.op_b_id}/aktif", {"aktif": "tidak"}, token_from="/ruang/akun")
    refused = login(ruang.client(), people.op_b, PASSWORD)
    assert refused.status_code == 401 and "tidak aktif" in text_of(refused.text)
    itself = post(admin, f"/ruang/akun/{ruang.admin_id}/aktif", {"aktif": "tidak"}, token_from="/ruang/akun")
    assert itself.status_code == 400 and "tidak dapat menonaktifkan akunnya sendiri" in text_of(itself.text)
    post(admin, f"/ruang/akun/{people.op_b_id}/aktif", {"aktif": "ya"}, token_from="/ruang/akun")
    assert login(ruang.client(), people.op_b, PASSWORD).status_code == 303
    assert admin.get("/ruang/akun/99999").status_code == 404


def test_admin_registers_kecamatan_and_names_the_office(ruang, people):
    admin = ruang.login("admin")
    name = f"{people.a_name} Baru"
    made = post(admin, "/ruang/kecamatan", {"nama": name}, token_from="/ruang/kecamatan")
    assert made.status_code == 200 and f"Kecamatan {name} sudah didaftarkan." in text_of(made.text)
    twice = post(admin, "/ruang/kecamatan", {"nama": name.upper()}, token_from="/ruang/kecamatan")
    assert twice.status_code == 400 and "sudah terdaftar" in text_of(twice.text)
    listing = text_of(admin.get("/ruang/kecamatan").text)
    assert name in listing and people.a_name in listing
    office = post(admin, "/ruang/kantor", {"nama": "Kabupaten Rembang"}, token_from="/ruang/kecamatan")
    assert "Nama kantor sudah disimpan." in text_of(office.text)


def test_opening_a_year_carries_last_years_workbooks_and_says_which_not(ruang, people, workbook_bytes):
    operator = ruang.login(people.op_a)
    finished(operator, upload(operator, people.a, 2020, "a.xlsx", workbook_bytes(people.a_name)))
    admin = ruang.login("admin")
    page = text_of(admin.get("/ruang/tahun").text)
    assert "Buka tahun baru" in page and "2020" in page
    url, done = finished(
        admin, post(admin, "/ruang/tahun", {"tahun": "2021"}, token_from="/ruang/tahun"), seconds=600
    )
    words = text_of(done)
    assert "Tahun 2021 sudah dibuka." in words
    assert f"Kecamatan {people.a_name}: versi 1" in words
    assert f"Kecamatan {people.b_name}: Tidak ada buku kerja tahun 2020" in words
    carried = re.search(rf'href="/ruang/versi/(\d+)">Kecamatan {re.escape(people.a_name)}:', done).group(1)
    version = text_of(operator.get(f"/ruang/versi/{carried}").text)
    assert "Versi 1 tahun 2021" in version and "Nomor dan Tanggal Penetapan dikosongkan" in version
    again = post(admin, "/ruang/tahun", {"tahun": "2021"}, token_from="/ruang/tahun")
    assert again.status_code == 400 and "Tahun 2021 sudah dibuka." in text_of(again.text)
    wrong = post(admin, "/ruang/tahun", {"tahun": "20x1"}, token_from="/ruang/tahun")
    assert wrong.status_code == 400 and "bukan tahun empat angka" in text_of(wrong.text)
    board = admin.get("/ruang/papan?tahun=2021").text
    assert "(dibawa)" in _board_row(board, people.a_name)


def test_audit_log_says_who_did_what_and_when(ruang, people, workbook_bytes):
    operator = ruang.login(people.op_a)
    finished(operator, upload(operator, people.a, 2020, "a.xlsx", workbook_bytes(people.a_name)))
    login(ruang.client(), people.op_a, "salah-sekali-123")
    admin = ruang.login("admin")
    log = admin.get(f"/ruang/catatan?kecamatan={people.a}").text
    words = text_of(log)
    assert f"Versi 1 buku kerja Kecamatan {people.a_name} tahun 2020 (a.xlsx) diunggah" in words
    assert "Gagal masuk" in words and f"Percobaan masuk gagal sebagai {people.op_a}" in words
    assert "pukul" in words and "testclient" in words  # when, and from which address
    everything = text_of(admin.get("/ruang/catatan").text)
    assert "admin (Sri Lestari)" in everything
