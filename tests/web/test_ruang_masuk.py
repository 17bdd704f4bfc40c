"""Logging in and out of the workspace: cookies, rotation, CSRF, the rate limit, expiry, passwords."""

from __future__ import annotations

import pytest

from generator.web.sessions import LOGIN_COOKIE, SESSION_COOKIE
from tests.web.helpers import text_of
from tests.web.ruang import PASSWORD, form_token, login, post


def _cookie_header(answer, name: str) -> str:
    found = [h for h in answer.headers.get_list("set-cookie") if h.startswith(f"{name}=")]
    assert found, f"tidak ada kuki {name}"
    return found[-1]


def test_workspace_pages_need_a_login_and_send_back_after_it(ruang, people):
    browser = ruang.client()
    for path in ("/ruang", "/ruang/papan", f"/ruang/kecamatan/{people.a}", "/ruang/akun", "/sandi"):
        answer = browser.get(path, follow_redirects=False)
        assert answer.status_code == 303, path
        assert answer.headers["location"].startswith("/masuk?alasan=perlu"), path
    page = browser.get("/ruang/papan?tahun=2020")
    assert "Silakan masuk dahulu untuk membuka ruang kerja." in text_of(page.text)
    back = page.url.params["lanjut"]
    answer = login(browser, "admin", PASSWORD, lanjut=back)
    assert answer.status_code == 303 and answer.headers["location"] == "/ruang/papan?tahun=2020"


def test_login_cookie_is_signed_httponly_samesite_and_rotated(ruang, people):
    browser = ruang.client()
    first = login(browser, people.op_a, PASSWORD)
    header = _cookie_header(first, SESSION_COOKIE)
    assert "HttpOnly" in header and "SameSite=lax" in header and "Path=/" in header
    assert "Secure" not in header  # plain http on the office network
    assert f'{LOGIN_COOKIE}=""' in _cookie_header(first, LOGIN_COOKIE)  # the form's seed is dropped
    token = browser.cookies[SESSION_COOKIE]
    assert "." in token  # token.signature
    assert first.headers["location"] == "/ruang"
    # a second login in the same browser is a new session; the old token no longer works
    again = login(browser, people.op_a, PASSWORD)
    assert again.status_code == 303
    assert browser.cookies[SESSION_COOKIE] != token
    stale = ruang.client()
    stale.cookies.set(SESSION_COOKIE, token)
    assert stale.get("/ruang", follow_redirects=False).headers["location"].startswith("/masuk")
    # a forged signature is no session at all
    forged = ruang.client()
    forged.cookies.set(SESSION_COOKIE, browser.cookies[SESSION_COOKIE][:-2] + "xx")
    assert forged.get("/ruang", follow_redirects=False).status_code == 303


def test_cookie_is_secure_behind_an_https_proxy(ruang):
    browser = ruang.client()
    page = browser.get("/masuk", headers={"x-forwarded-proto": "https"})
    seed = _cookie_header(page, LOGIN_COOKIE)
    assert "SameSite=strict" in seed
    # TestClient is not uvicorn: the scheme the proxy reports reaches the app as the request's own
    secure = TestClientHttps(ruang)
    answer = login(secure, "admin", PASSWORD)
    assert "Secure" in _cookie_header(answer, SESSION_COOKIE)


def TestClientHttps(ruang):
    from fastapi.testclient import TestClient

    return TestClient(ruang.app, base_url="https://testserver", raise_server_exceptions=False)


@pytest.mark.parametrize("username,password", [("admin", "salah-sekali-123"), ("tidak.ada", PASSWORD)])
def test_wrong_login_gets_one_sentence_that_never_says_which(ruang, username, password):
    answer = login(ruang.client(), username, password)
    assert answer.status_code == 401
    words = text_of(answer.text)
    assert "Nama pengguna atau kata sandi salah." in words
    assert SESSION_COOKIE not in answer.cookies


def test_login_is_rate_limited_per_account_and_address(ruang, people):
    browser = ruang.client()
    for _ in range(5):
        assert login(browser, people.op_b, "bukan-sandinya-1").status_code == 401
    blocked = login(browser, people.op_b, PASSWORD)  # even the right password, now
    assert blocked.status_code == 429
    assert int(blocked.headers["retry-after"]) > 0
    assert "Terlalu banyak percobaan masuk yang gagal" in text_of(blocked.text)
    assert SESSION_COOKIE not in blocked.cookies
    assert login(ruang.client(), people.op_a, PASSWORD).status_code == 303  # another account: fine


def test_login_form_without_or_with_a_wrong_csrf_token_is_refused(ruang):
    browser = ruang.client()
    browser.get("/masuk")
    missing = browser.post("/masuk", data={"nama_pengguna": "admin", "kata_sandi": PASSWORD})
    assert missing.status_code == 403 and "kedaluwarsa" in text_of(missing.text)
    wrong = browser.post("/masuk", data={"csrf": "abc", "nama_pengguna": "admin", "kata_sandi": PASSWORD})
    assert wrong.status_code == 403
    other = ruang.client()  # a token from another browser's form does not fit this browser's seed
    token = form_token(other.get("/masuk").text, "/masuk")
    fields = {"csrf": token, "nama_pengguna": "admin", "kata_sandi": PASSWORD}
    assert browser.post("/masuk", data=fields).status_code == 403


def test_logged_in_forms_refuse_a_missing_or_wrong_csrf_token(ruang, people):
    admin = ruang.login("admin")
    new = "Teh-Manis-Pagi-7"
    for url, data in [
        ("/keluar", {}),
        ("/sandi", {"sandi_lama": PASSWORD, "sandi_baru": new, "sandi_ulang": new}),
        ("/ruang/kecamatan", {"nama": "Kaliori"}),
        ("/ruang/akun", {"nama_pengguna": "x.y.z", "kata_sandi": "a", "kata_sandi_ulang": "a"}),
        (f"/ruang/akun/{people.op_a_id}/aktif", {"aktif": "tidak"}),
        (f"/ruang/akun/{people.op_a_id}/sandi", {"kata_sandi": new, "kata_sandi_ulang": new}),
        ("/ruang/tahun", {"tahun": "2031"}),
        ("/ruang/papan/2020/zip", {}),
        ("/ruang/kantor", {"nama": "Kabupaten Lain"}),
    ]:
        for token in (None, "salah"):
            fields = dict(data) if token is None else {"csrf": token, **data}
            answer = admin.post(url, data=fields, follow_redirects=False)
            assert answer.status_code == 403, (url, token)
            assert "Formulir ini sudah kedaluwarsa" in text_of(answer.text)
    assert admin.get("/ruang/papan").status_code == 200  # nothing happened: still logged in
    assert "Kaliori" not in admin.get("/ruang/kecamatan").text
    assert ruang.login(people.op_a).get("/ruang", follow_redirects=False).status_code == 303  # still active
    assert "2031" not in admin.get("/ruang/tahun").text


def test_changing_state_needs_post(ruang, people):
    admin = ruang.login("admin")
    for url in ("/keluar", f"/ruang/akun/{people.op_a_id}/aktif", "/ruang/papan/2020/zip", "/ruang/kantor"):
        assert admin.get(url).status_code in (404, 405), url


def test_logout_ends_the_session_everywhere_it_was_used(ruang):
    browser = ruang.login("admin")
    copy = ruang.client()
    copy.cookies.set(SESSION_COOKIE, browser.cookies[SESSION_COOKIE])
    answer = post(browser, "/keluar")
    assert answer.status_code == 303 and answer.headers["location"] == "/masuk?alasan=keluar"
    assert "Anda sudah keluar dari ruang kerja." in text_of(browser.get(answer.headers["location"]).text)
    assert copy.get("/ruang/papan", follow_redirects=False).headers["location"].startswith("/masuk")


def test_idle_and_absolute_expiry(ruang, people):
    browser = ruang.login(people.op_a)
    assert browser.get("/ruang", follow_redirects=False).headers["location"].startswith("/ruang/kecamatan/")
    ruang.clock.now += 31 * 60  # idle longer than 30 minutes
    answer = browser.get("/ruang", follow_redirects=False)
    assert answer.headers["location"].startswith("/masuk?alasan=berakhir")
    assert "Sesi Anda sudah berakhir" in text_of(browser.get(answer.headers["location"]).text)
    busy = ruang.login(people.op_a)
    for _ in range(24):  # used every 25 minutes, for ten hours
        ruang.clock.now += 25 * 60
        assert busy.get("/ruang", follow_redirects=False).headers["location"].startswith("/ruang/kecamatan/")
    ruang.clock.now += 25 * 60
    assert busy.get("/ruang", follow_redirects=False).headers["location"].startswith("/masuk?alasan=berakhir")


def test_next_page_after_login_stays_on_this_site(ruang):
    for target in ("https://contoh.invalid/", "//contoh.invalid/x", "/\\contoh.invalid"):
        answer = login(ruang.client(), "admin", PASSWORD, lanjut=target)
        assert answer.headers["location"] == "/ruang", target


def test_change_own_password(ruang, people):
    browser = ruang.login(people.op_a)
    elsewhere = ruang.login(people.op_a)
    new = "Teh-Manis-Pagi-7"
    wrong = post(browser, "/sandi", {"sandi_lama": "bukan-ini-123", "sandi_baru": new, "sandi_ulang": new})
    assert wrong.status_code == 400 and "Kata sandi lama salah" in text_of(wrong.text)
    short = "pendek1"
    weak = post(browser, "/sandi", {"sandi_lama": PASSWORD, "sandi_baru": short, "sandi_ulang": short})
    assert "Kata sandi terlalu pendek" in text_of(weak.text)
    differ = post(browser, "/sandi", {"sandi_lama": PASSWORD, "sandi_baru": new, "sandi_ulang": new + "x"})
    assert "Kedua kata sandi baru tidak sama" in text_of(differ.text)
    done = post(browser, "/sandi", {"sandi_lama": PASSWORD, "sandi_baru": new, "sandi_ulang": new})
    assert done.status_code == 200 and "Kata sandi Anda sudah diganti." in text_of(done.text)
    assert browser.get("/ruang", follow_redirects=False).headers["location"].startswith("/ruang/kecamatan/")
    assert elsewhere.get("/ruang", follow_redirects=False).headers["location"].startswith("/masuk")
    assert login(ruang.client(), people.op_a, PASSWORD).status_code == 401
    assert login(ruang.client(), people.op_a, new).status_code == 303


def test_public_tools_need_no_account(ruang):
    browser = ruang.client()
    for path in ("/", "/buat", "/tahun-baru", "/banding", "/templat"):
        page = browser.get(path)
        assert page.status_code == 200, path
        assert "Ruang kerja" in text_of(page.text)  # the way in is in the menu


def test_header_names_who_is_logged_in_with_a_logout_button(ruang, people):
    browser = ruang.login(people.op_a)
    page = browser.get("/buat")
    words = text_of(page.text)
    assert f"Masuk sebagai {people.op_a}" in words and "Keluar" in words
    assert 'action="/keluar"' in page.text


def test_footer_says_what_becomes_of_the_files_on_each_kind_of_page(ruang, people):
    browser = ruang.client()
    public = text_of(browser.get("/buat").text)
    assert "dihapus 1 jam setelah terakhir dipakai" in public
    login(browser, people.op_a, PASSWORD)
    kept = text_of(browser.get("/ruang", follow_redirects=True).text)
    assert "sebagai versi yang tidak pernah dihapus atau ditimpa" in kept
    assert "setelah terakhir dipakai" not in kept
