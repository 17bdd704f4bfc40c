"""The pages in a real browser (Debian's Chromium driven by Playwright) against `keputusan layani`.

The server runs as a user would start it, on a free port; every page is photographed under the test's
temporary folder (``layar/``), and the browser's console must stay free of errors (a Content-Security-
Policy violation shows up there).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from generator.cli import main
from generator.pipeline import load_decree
from tests.web.helpers import PROJECT, SALE

playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}
WAIT_MS = 120_000


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def serving(env: dict[str, str], port: int, log_path: Path) -> Iterator[str]:
    """Start `keputusan layani` on the port, yield its address once /sehat answers; on leaving, stop it
    with SIGINT and require a clean exit and a log free of tracebacks."""
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "generator", "layani", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/sehat", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail("server tidak mulai: " + log_path.read_text()[-3000:])
            time.sleep(0.2)
        yield base
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0, log_path.read_text()[-3000:]
    text = log_path.read_text()
    assert "Traceback" not in text, text[-3000:]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`keputusan layani` on a free port; on teardown it must stop cleanly and leave no visit behind."""
    data = tmp_path_factory.mktemp("layani")
    port = _free_port()
    env = {
        **os.environ,
        "PYTHONPATH": str(PROJECT),
        "KEPUTUSAN_WEB_DATA_DIR": str(data),
        "KEPUTUSAN_WEB_WORKERS": "2",
        "KEPUTUSAN_DATA": str(data / "ruang-kerja"),  # the workspace too, never the project's data/
        "KEPUTUSAN_DB_URL": "",
    }
    with serving(env, port, data / "server.log") as base:
        yield base
    assert not (data / "kunjungan").exists(), "berkas kunjungan tertinggal setelah server berhenti"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    assert Path(CHROMIUM).exists(), "Chromium belum terpasang: jalankan make test (memasangnya)"
    with playwright_api.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


def _page(browser, viewport: dict[str, int], answers: tuple[int, ...] = (404,)) -> Iterator[object]:
    """A page whose console must stay free of errors but the refusals ``answers`` a test asks for."""
    context = browser.new_context(viewport=viewport, accept_downloads=True, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    # 404 answers are the only console errors a public page may cause (the expired-link test asks for one).
    refusals = tuple(f"status of {code} " for code in answers)
    assert [e for e in errors if not any(r in e for r in refusals)] == []


@pytest.fixture
def page(browser) -> Iterator[object]:
    yield from _page(browser, DESKTOP)


@pytest.fixture
def phone(browser) -> Iterator[object]:
    yield from _page(browser, PHONE)


@pytest.fixture
def shoot(tmp_path: Path):
    """``shoot(page, name)``: a full-page screenshot at tmp/layar/<name>.png."""
    folder = tmp_path / "layar"
    folder.mkdir()

    def take(page, name: str) -> Path:
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 5000
        return path

    return take


def _done(page) -> None:
    """Wait until the result updated in place and nothing is being worked on any more."""
    page.wait_for_selector("#hasil:not([data-pantau])", timeout=WAIT_MS)


def _docx_text(path: Path) -> str:
    document = Document(str(path))
    return " ".join(" ".join(p.text for p in document.paragraphs).split())


# --- Buat keputusan ------------------------------------------------------------------------------


def test_sale_upload_then_download_docx_and_pdf(page, server, shoot, tmp_path):
    page.goto(server + "/")
    shoot(page, "beranda")
    page.get_by_role("link", name="Buat keputusan").first.click()
    page.wait_for_url("**/buat")
    shoot(page, "buat")
    page.set_input_files("#buku_kerja", str(SALE))
    page.get_by_role("button", name="Periksa dan buat keputusan").click()
    page.wait_for_url("**/buat/*")
    result_url = page.url
    page.get_by_text("Sah, tanpa galat dan peringatan.").wait_for()
    _done(page)
    assert page.url == result_url  # updated in place, never reloaded to another page
    previews = page.locator(".pratinjau img")
    assert previews.count() == 4
    for index in range(previews.count()):
        assert previews.nth(index).evaluate("img => img.complete && img.naturalWidth > 300")
    assert "Halaman 5 (awal Lampiran)" in page.inner_text(".pratinjau")
    shoot(page, "buat-hasil-sale")
    with page.expect_download() as info:
        page.get_by_role("link", name="Unduh dokumen Word (.docx)").click()
    download = info.value
    assert download.suggested_filename == "Keputusan-Camat-Sale-2020.docx"
    docx = tmp_path / download.suggested_filename
    download.save_as(docx)
    text = _docx_text(docx)
    assert "PETA PROSES BISNIS KECAMATAN SALE KABUPATEN REMBANG" in text
    assert "NOMOR 890 / /2020" in text
    with page.expect_download() as info:
        page.get_by_role("link", name="Unduh PDF").click()
    pdf = tmp_path / info.value.suggested_filename
    info.value.save_as(pdf)
    reader = PdfReader(str(pdf))
    assert len(reader.pages) > 5
    assert "KEPUTUSAN CAMAT SALE" in " ".join(reader.pages[2].extract_text().split())


def _broken(rows):
    rows["decree"][0]["year"] = 1890
    rows["signer"][0]["nip"] = "123"
    rows["processes"][1]["parent"] = "P.9"
    return rows


def test_broken_workbook_shows_each_planted_problem_with_its_cell(page, server, shoot, rows, make_workbook):
    path = make_workbook(_broken(rows))
    _, problems = load_decree(path)
    page.goto(server + "/buat")
    page.set_input_files("#buku_kerja", str(path))
    page.get_by_role("button", name="Periksa dan buat keputusan").click()
    page.get_by_text("Belum sah").wait_for()
    _done(page)
    planted = {"Keputusan!B2": "1890", "Penandatangan!B6": "123", "Proses!D3": "P.9"}
    for where, value in planted.items():
        item = page.locator(".masalah li", has_text=where)
        assert item.count() == 1, where
        assert value in item.inner_text()
    for problem in problems.items:
        assert page.locator(".masalah li", has_text=problem.message).count() >= 1
    assert page.get_by_role("link", name="Unduh dokumen Word (.docx)").count() == 0
    shoot(page, "buat-hasil-galat")


def test_non_workbook_gets_one_sentence(page, server, shoot, tmp_path):
    notes = tmp_path / "catatan.xlsx"
    notes.write_text("Nama kecamatan: Sale\n")
    page.goto(server + "/buat")
    page.set_input_files("#buku_kerja", str(notes))
    page.get_by_role("button", name="Periksa dan buat keputusan").click()
    page.get_by_text("Ditolak.").wait_for()
    sentences = page.locator("article .kalimat-galat")
    assert sentences.count() == 1
    sentence = sentences.inner_text()
    assert sentence.startswith("Berkas catatan.xlsx bukan buku kerja Excel (.xlsx)")
    assert sentence.count(". ") <= 1 and "Traceback" not in page.content()
    shoot(page, "buat-hasil-ditolak")


# --- Tahun baru and Banding ----------------------------------------------------------------------


def test_tahun_baru_end_to_end(page, server, shoot, tmp_path):
    page.goto(server + "/tahun-baru")
    shoot(page, "tahun-baru")
    page.set_input_files("#buku_kerja", str(SALE))
    page.fill("#tahun", "2021")
    page.get_by_role("button", name="Buat buku kerja tahun baru").click()
    page.get_by_text("Buku kerja tahun 2021 sudah jadi.").wait_for()
    shoot(page, "tahun-baru-hasil")
    with page.expect_download() as info:
        page.get_by_role("link", name="Unduh buku kerja tahun 2021 (.xlsx)").click()
    assert info.value.suggested_filename == "sale-2021.xlsx"
    target = tmp_path / "sale-2021.xlsx"
    info.value.save_as(target)
    decree, _ = load_decree(target)
    assert decree is not None and decree.info.year == 2021 and not decree.info.number


def test_banding_end_to_end(page, server, shoot, tmp_path):
    newer = tmp_path / "sale-2021.xlsx"
    assert main(["tahun-baru", str(SALE), "2021", "-o", str(newer)]) == 0
    page.goto(server + "/banding")
    shoot(page, "banding")
    page.set_input_files("#lama", str(SALE))
    page.set_input_files("#baru", str(newer))
    page.get_by_role("button", name="Bandingkan").click()
    section = page.get_by_role("region", name="Keputusan")
    section.wait_for()
    assert 'Tahun berubah: "2020" menjadi "2021"' in section.inner_text()
    shoot(page, "banding-hasil")
    with page.expect_download() as info:
        page.get_by_role("link", name="Unduh sebagai Markdown (.md)").click()
    assert info.value.suggested_filename == "Perbandingan-Sale-2020-2021.md"
    saved = tmp_path / "perbandingan.md"
    info.value.save_as(saved)
    assert saved.read_text(encoding="utf-8").startswith("# Perbandingan Buku Kerja Keputusan Camat")


def test_templat_page_checks_the_bundled_template(page, server, shoot, tmp_path):
    page.goto(server + "/templat")
    shoot(page, "templat")
    with page.expect_download() as info:
        page.get_by_role("link", name="templat bawaan (.docx)").click()
    template = tmp_path / "kop-kabupaten.docx"
    info.value.save_as(template)
    page.set_input_files("#templat", str(template))
    page.get_by_role("button", name="Periksa templat").click()
    page.get_by_text("Templat dapat dipakai").wait_for()
    shoot(page, "templat-hasil")
    page.goto(server + "/buat")
    assert "kop-kabupaten.docx" in page.inner_text("form")


def test_missing_page_and_expired_link(page, server, shoot):
    page.goto(server + "/buat/tidak-ada-hasil-ini")
    assert "sudah dihapus" in page.inner_text("main")
    shoot(page, "galat-404")


# --- phone width and keyboard --------------------------------------------------------------------


def test_every_page_fits_a_360_px_phone(phone, server, shoot, rows, make_workbook):
    for name, path in [
        ("beranda", "/"),
        ("buat", "/buat"),
        ("tahun-baru", "/tahun-baru"),
        ("banding", "/banding"),
        ("templat", "/templat"),
    ]:
        phone.goto(server + path)
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path} melebar {width} px"
        shoot(phone, f"hp-{name}")
    phone.goto(server + "/buat")
    phone.set_input_files("#buku_kerja", [str(SALE), str(make_workbook(_broken(rows)))])
    phone.get_by_role("button", name="Periksa dan buat keputusan").click()
    phone.get_by_text("Belum sah").first.wait_for()
    _done(phone)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    shoot(phone, "hp-buat-hasil")


def _tab_to(page, predicate: str, limit: int = 40) -> None:
    """Press Tab until the focused element satisfies ``predicate`` (JS, over ``el``)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            f"(() => {{ const el = document.activeElement; return !!(el && ({predicate})); }})()"
        ):
            return
    pytest.fail(f"fokus tidak pernah sampai ke {predicate}")


def _choose_by_keyboard(page, field: str = "buku_kerja"):
    """The file dialog, opened with Space on the focused file field ``field`` (pressed again if
    Chromium, busy, let the first press pass without a dialog)."""
    for _ in range(3):
        try:
            with page.expect_file_chooser(timeout=15_000) as chooser:
                page.keyboard.press("Space")
            return chooser.value
        except playwright_api.TimeoutError:
            assert page.evaluate("document.activeElement.id") == field
    pytest.fail(f"Spasi pada kolom {field} tidak membuka dialog berkas")


def test_keyboard_alone_from_home_to_download(page, server, tmp_path):
    page.goto(server + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Langsung ke isi halaman"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "fokus harus terlihat"
    _tab_to(page, "el.textContent === 'Buat keputusan' && el.closest('nav')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/buat")
    _tab_to(page, "el.id === 'buku_kerja'")
    _choose_by_keyboard(page).set_files(str(SALE))
    _tab_to(page, "el.tagName === 'BUTTON'")
    page.keyboard.press("Enter")
    page.get_by_text("Sah, tanpa galat dan peringatan.").wait_for()
    _done(page)
    _tab_to(page, "el.textContent === 'Unduh dokumen Word (.docx)'")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    assert info.value.suggested_filename == "Keputusan-Camat-Sale-2020.docx"
