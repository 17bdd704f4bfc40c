"""The workspace in a real browser (Debian's Chromium driven by Playwright) against `keputusan layani`
with a workspace of its own: the admin's first steps, an operator's upload and decree, the board and
its zip, opening a new year; at 360 px and by keyboard alone. Screenshots under tmp/layar/."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator

import pytest
from docx import Document
from pypdf import PdfReader

from tests.web import test_browser as base
from tests.web.helpers import PROJECT, SALE

playwright_api = pytest.importorskip("playwright.sync_api")
browser = base.browser  # the same Chromium, screenshots and console check as the public pages' tests
shoot = base.shoot

ADMIN_PASSWORD = "Kopi-Tubruk-Sore-9"
OPERATOR_PASSWORD = "Bakso-Urat-Malam-4"
WAIT_MS = 180_000
REFUSALS = (401, 403, 404)  # a wrong password and an operator at the admin's board are answered so


@pytest.fixture(scope="module")
def ruang_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`keputusan layani` with a fresh workspace whose first admin `keputusan admin-baru` made."""
    data = tmp_path_factory.mktemp("layani-ruang")
    env = {
        **os.environ,
        "PYTHONPATH": str(PROJECT),
        "KEPUTUSAN_WEB_DATA_DIR": str(data / "web"),
        "KEPUTUSAN_WEB_WORKERS": "2",
        "KEPUTUSAN_DATA": str(data / "ruang-kerja"),
        "KEPUTUSAN_DB_URL": "",
    }
    made = subprocess.run(
        [sys.executable, "-m", "generator", "admin-baru", "admin.ortala", "--nama", "Sri Lestari",
         "--kabupaten", "Kabupaten Rembang", "--sandi-stdin"],
        input=ADMIN_PASSWORD + "\n", text=True, capture_output=True, env=env, timeout=120,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    port = base._free_port()
    with base.serving(env, port, data / "server.log") as root:
        yield root
    text = (data / "server.log").read_text()
    assert "Ruang kerja kabupaten: SQLite" in text


@pytest.fixture
def page(browser) -> Iterator[object]:
    for made in base._page(browser, {"width": 1280, "height": 900}, REFUSALS):
        made.set_default_timeout(WAIT_MS)
        yield made


@pytest.fixture
def phone(browser) -> Iterator[object]:
    for made in base._page(browser, {"width": 360, "height": 740}, REFUSALS):
        made.set_default_timeout(WAIT_MS)
        yield made


# The table cells whose words break across lines (a column squeezed narrower than one word).
BROKEN_WORDS = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll("table th, table td")) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent;
      for (const match of text.matchAll(/[A-Za-z]{4,}/g)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        if (range.getClientRects().length > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""


def _login(page, server: str, username: str, password: str) -> None:
    page.goto(server + "/masuk")
    page.fill("#nama_pengguna", username)
    page.fill("#kata_sandi", password)
    page.get_by_role("button", name="Masuk", exact=True).click()
    page.wait_for_url(lambda url: "/masuk" not in url)


def _logout(page) -> None:
    page.get_by_role("button", name="Keluar").click()
    page.get_by_text("Anda sudah keluar dari ruang kerja.").wait_for()


def _done(page) -> None:
    page.wait_for_selector("#hasil:not([data-pantau])", timeout=WAIT_MS)


def test_admin_sets_up_kecamatan_operator_and_first_year(page, ruang_server, shoot):
    page.goto(ruang_server + "/")
    page.get_by_role("link", name="Ruang kerja").click()
    page.get_by_text("Silakan masuk dahulu").wait_for()
    shoot(page, "masuk")
    page.fill("#nama_pengguna", "admin.ortala")
    page.fill("#kata_sandi", "salah-sekali-123")
    page.get_by_role("button", name="Masuk", exact=True).click()
    assert page.get_by_text("Nama pengguna atau kata sandi salah.").is_visible()
    page.fill("#kata_sandi", ADMIN_PASSWORD)
    page.get_by_role("button", name="Masuk", exact=True).click()
    page.wait_for_url("**/ruang/papan")
    assert "Belum ada tahun yang dibuka" in page.inner_text("main")
    shoot(page, "papan-kosong")

    page.get_by_role("link", name="Kecamatan", exact=True).click()
    page.fill("#nama", "Sale")
    page.get_by_role("button", name="Daftarkan").click()
    page.get_by_text("Kecamatan Sale sudah didaftarkan.").wait_for()
    shoot(page, "kecamatan")

    page.get_by_role("link", name="Akun", exact=True).click()
    page.fill("#nama_pengguna", "operator.sale")
    page.fill("#nama", "Budi Santoso")
    page.select_option("#peran", "operator")
    page.select_option("#kecamatan", label="Sale")
    page.fill("#kata_sandi", OPERATOR_PASSWORD)
    page.fill("#kata_sandi_ulang", OPERATOR_PASSWORD)
    page.get_by_role("button", name="Buat akun").click()
    page.get_by_text("Akun operator.sale sudah dibuat").wait_for()
    assert "Operator Kecamatan Sale" in page.inner_text("table")
    shoot(page, "akun")

    page.get_by_role("link", name="Tahun", exact=True).click()
    page.fill("#tahun", "2020")
    page.get_by_role("button", name="Buka tahun").click()
    page.get_by_text("Tahun 2020 sudah dibuka.").wait_for()
    _done(page)
    assert "Kecamatan Sale: Tidak ada buku kerja tahun 2019" in page.inner_text("main")
    shoot(page, "tahun-2020")
    _logout(page)


def test_operator_uploads_and_downloads_its_decree(page, ruang_server, shoot, tmp_path):
    _login(page, ruang_server, "operator.sale", OPERATOR_PASSWORD)
    assert "/ruang/kecamatan/" in page.url
    assert "Unggah buku kerja tahun 2020" in page.inner_text("main")
    assert page.get_by_role("link", name="Papan status").count() == 0  # no admin menu for an operator
    shoot(page, "kecamatan-operator")
    page.set_input_files("#buku_kerja", str(SALE))
    page.get_by_role("button", name="Unggah dan periksa").click()
    page.get_by_text("Tersimpan sebagai versi 1 tahun 2020.").wait_for()
    assert "Nilai audit" in page.inner_text("main")
    shoot(page, "unggah-hasil")
    page.get_by_role("link", name="Buka versi 1").click()
    shoot(page, "versi")
    page.get_by_role("button", name="Buat keputusan").click()
    page.get_by_text("Keputusan versi 1 sudah jadi.").wait_for()
    _done(page)
    shoot(page, "keputusan-jadi")
    with page.expect_download() as info:
        page.get_by_role("link", name="Unduh dokumen Word (.docx)").click()
    assert info.value.suggested_filename == "Keputusan-Camat-Sale-2020.docx"
    saved = tmp_path / "keputusan.docx"
    info.value.save_as(saved)
    text = " ".join(p.text for p in Document(str(saved)).paragraphs)
    assert "PETA PROSES BISNIS KECAMATAN SALE KABUPATEN REMBANG" in " ".join(text.split())
    with page.expect_download() as info:
        page.get_by_role("link", name="Unduh PDF").click()
    assert info.value.suggested_filename == "Keputusan-Camat-Sale-2020.pdf"
    pdf = tmp_path / "keputusan.pdf"
    info.value.save_as(pdf)
    reader = PdfReader(str(pdf))
    assert len(reader.pages) > 5
    assert "KEPUTUSAN CAMAT SALE" in " ".join(reader.pages[2].extract_text().split())
    page.goto(ruang_server + "/ruang/papan")
    assert "Hanya admin kabupaten" in page.inner_text("main")
    _logout(page)


def test_admin_board_zip_and_new_year(page, ruang_server, shoot, tmp_path):
    _login(page, ruang_server, "admin.ortala", ADMIN_PASSWORD)
    page.wait_for_url("**/ruang/papan")
    row = page.locator("table.papan tbody tr", has_text="Sale")
    assert "Versi 1" in row.inner_text() and "pukul" in row.inner_text()
    assert "1 dari 1 kecamatan sudah mengunggah" in page.inner_text("main")
    shoot(page, "papan")
    page.get_by_role("link", name="Nilai audit").click()
    page.wait_for_url("**urut=nilai**")
    page.get_by_role("button", name="Buat .zip semua keputusan").click()
    page.get_by_text("1 keputusan tahun 2020 dalam satu berkas .zip.").wait_for()
    shoot(page, "zip")
    with page.expect_download() as info:
        page.get_by_role("link", name="Unduh Keputusan-Camat-2020.zip").click()
    saved = tmp_path / "semua.zip"
    info.value.save_as(saved)
    with zipfile.ZipFile(saved) as archive:
        assert "Keputusan-Camat-Sale-2020.docx" in archive.namelist()
        assert "Kecamatan Sale: Keputusan-Camat-Sale-2020.docx" in archive.read("DAFTAR.txt").decode()
        Document(io.BytesIO(archive.read("Keputusan-Camat-Sale-2020.docx")))

    page.get_by_role("link", name="Tahun", exact=True).click()
    assert page.input_value("#tahun") == "2021"
    shoot(page, "tahun")
    page.get_by_role("button", name="Buka tahun 2021").click()
    page.get_by_text("Tahun 2021 sudah dibuka.").wait_for()
    _done(page)
    assert "Dibawa dari tahun 2020 (1 kecamatan)" in page.inner_text("main")
    shoot(page, "tahun-2021")
    page.get_by_role("link", name="Papan status tahun 2021").click()
    assert "(dibawa)" in page.locator("table.papan tbody tr", has_text="Sale").inner_text()
    page.get_by_role("link", name="Catatan kegiatan").click()
    log = page.inner_text("table")
    for words in ("Tahun 2021 dibuka.", "diunggah", "Keputusan-Camat-Sale-2020.docx dibuat"):
        assert words in log
    shoot(page, "catatan")


def test_workspace_pages_fit_a_360_px_phone(phone, ruang_server, shoot):
    phone.goto(ruang_server + "/masuk")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    shoot(phone, "hp-masuk")
    _login(phone, ruang_server, "admin.ortala", ADMIN_PASSWORD)
    pages = [("papan", "/ruang/papan?tahun=2020"), ("akun", "/ruang/akun"), ("kecamatan", "/ruang/kecamatan"),
             ("tahun", "/ruang/tahun"), ("catatan", "/ruang/catatan"), ("sandi", "/sandi")]  # fmt: skip
    phone.goto(ruang_server + "/ruang/kecamatan")
    phone.get_by_role("link", name="Sale").first.click()
    pages.append(("kecamatan-sale", phone.url.removeprefix(ruang_server)))
    phone.get_by_role("link", name="Versi 1").first.click()
    pages.append(("versi", phone.url.removeprefix(ruang_server)))
    for name, path in pages:
        phone.goto(ruang_server + path)
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path} melebar {width} px"
        assert phone.evaluate(BROKEN_WORDS) == [], f"{path}: kata terpotong di tabel"
        shoot(phone, f"hp-{name}")


def test_login_and_upload_by_keyboard_alone(page, ruang_server):
    page.goto(ruang_server + "/masuk")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'nama_pengguna'")
    page.keyboard.type("operator.sale")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "kata_sandi"
    page.keyboard.type(OPERATOR_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/ruang/kecamatan/**")
    page.goto(page.url + "?tahun=2020")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Langsung ke isi halaman"
    base._tab_to(page, "el.id === 'buku_kerja'")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "fokus harus terlihat"
    base._choose_by_keyboard(page).set_files(str(SALE))
    base._tab_to(page, "el.tagName === 'BUTTON' && el.textContent === 'Unggah dan periksa'")
    page.keyboard.press("Enter")
    page.get_by_text("sama persis dengan versi").or_(page.get_by_text("Tersimpan sebagai versi")).wait_for()
    base._tab_to(page, "el.tagName === 'BUTTON' && el.textContent === 'Keluar'")
    page.keyboard.press("Enter")
    page.get_by_text("Anda sudah keluar dari ruang kerja.").wait_for()
