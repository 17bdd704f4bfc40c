# ruff: noqa: F811 (the fixtures imported from test_browser.py are parameters of the tests here)
"""Impor, Audit and the SOP option in a real browser (Debian's Chromium), against `keputusan layani`.

The server, browser, page and screenshot fixtures are those of test_browser.py; every page and result
is photographed under the test's temporary folder (``layar/``).
"""

from __future__ import annotations

import openpyxl
import pytest
from pypdf import PdfReader

from tests.importer.hand_typed import LOGO, MENIMBANG, build
from tests.web.helpers import SALE
from tests.web.test_browser import (  # noqa: F401 (fixtures)
    PHONE,
    _choose_by_keyboard,
    _done,
    _tab_to,
    browser,
    page,
    phone,
    server,
    shoot,
)

TEMPURSARI = SALE.parent / "tempursari-2024.xlsx"


@pytest.fixture
def kaliori(tmp_path):
    path = tmp_path / "keputusan-kaliori-2023.docx"
    path.write_bytes(build("tabel"))
    return path


def _save(page, link_name: str, folder):
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).click()
    target = folder / info.value.suggested_filename
    info.value.save_as(target)
    return target


# --- Impor ---------------------------------------------------------------------------------------


def test_impor_upload_then_download_workbook_and_logo(page, server, shoot, kaliori, tmp_path):
    page.goto(server + "/")
    page.get_by_role("navigation").get_by_role("link", name="Impor").click()
    page.wait_for_url("**/impor")
    shoot(page, "impor")
    page.set_input_files("#dokumen", str(kaliori))
    page.get_by_role("button", name="Impor menjadi buku kerja").click()
    page.get_by_text("Buku kerja sudah jadi").wait_for()
    _done(page)
    assert page.locator("figure.lambang img").evaluate("img => img.complete && img.naturalWidth > 0")
    unplaced = page.get_by_role("region", name="Paragraf yang tidak ditempatkan")
    assert "«Memperhatikan" in unplaced.inner_text()
    guessed = page.get_by_role("region", name="Isian yang diduga")
    assert guessed.locator("li", has_text="Unit!C3").count() == 1
    assert guessed.locator("li", has_text="Kantor!B11").count() == 1
    shoot(page, "impor-hasil")
    workbook = _save(page, "Unduh buku kerja (.xlsx)", tmp_path)
    assert workbook.name == "keputusan-kaliori-2023.xlsx"
    book = openpyxl.load_workbook(workbook)
    assert [c.value for c in book["Menimbang"]["A"][1:]] == list(MENIMBANG)
    logo = _save(page, "Unduh lambang kop (keputusan-kaliori-2023-lambang.png)", tmp_path)
    assert logo.read_bytes() == LOGO


def test_impor_refuses_a_workbook_with_one_sentence(page, server, shoot):
    page.goto(server + "/impor")
    page.set_input_files("#dokumen", str(SALE))
    page.get_by_role("button", name="Impor menjadi buku kerja").click()
    page.get_by_text("Ditolak.").wait_for()
    sentences = page.locator("article .kalimat-galat")
    assert sentences.count() == 1
    assert sentences.inner_text().startswith("Berkas sale-2020.xlsx adalah buku kerja Excel, bukan keputusan")
    shoot(page, "impor-hasil-ditolak")


# --- the SOP option ------------------------------------------------------------------------------


def test_buat_with_the_sop_option_downloads_the_sop_and_its_pdf(page, server, shoot, tmp_path):
    page.goto(server + "/buat")
    page.set_input_files("#buku_kerja", str(TEMPURSARI))
    page.get_by_label("Juga dokumen SOP").check()
    shoot(page, "buat-sop")
    page.get_by_role("button", name="Periksa dan buat keputusan").click()
    page.get_by_text("Dokumen SOP: SOP-Tempursari-2024.docx.").wait_for()
    _done(page)
    shoot(page, "buat-hasil-sop")
    sop = _save(page, "Unduh SOP (.docx)", tmp_path)
    assert sop.name == "SOP-Tempursari-2024.docx"
    pdf = _save(page, "Unduh SOP (PDF)", tmp_path)
    reader = PdfReader(str(pdf))
    assert any(p.mediabox.width > p.mediabox.height for p in reader.pages)
    assert "Penatausahaan Surat Masuk" in " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


# --- Audit ---------------------------------------------------------------------------------------


def test_audit_of_several_shows_one_table_and_downloads_the_xlsx(page, server, shoot, tmp_path):
    page.goto(server + "/audit")
    shoot(page, "audit")
    page.set_input_files("#buku_kerja", [str(SALE), str(TEMPURSARI)])
    page.get_by_role("button", name="Audit buku kerja").click()
    page.get_by_text("Ringkasan audit, 2 buku kerja").wait_for()
    _done(page)
    table = page.locator("table.ringkasan.nilai")
    assert table.locator("tbody tr").count() == 2
    assert "43" in table.locator("tbody tr", has_text="sale-2020.xlsx").inner_text()
    sale = page.locator("article", has=page.get_by_role("heading", name="sale-2020.xlsx"))
    assert "Nilai keseluruhan: 42,9" in sale.inner_text()
    units = sale.get_by_role("group", name="Keterlibatan unit")
    assert units.locator("li").count() == 13
    assert not units.locator("li").first.is_visible()  # several workbooks: the table first, findings folded
    units.locator("summary").click()
    assert units.locator("li").first.is_visible()
    shoot(page, "audit-hasil")
    saved = _save(page, "Unduh hasil audit (.xlsx)", tmp_path)
    assert saved.name == "Audit-semua.xlsx"
    summary = openpyxl.load_workbook(saved)["Ringkasan"]
    assert [summary.cell(row, 1).value for row in (2, 3)] == ["sale-2020.xlsx", "tempursari-2024.xlsx"]


# --- phone width and keyboard --------------------------------------------------------------------


def test_impor_and_audit_fit_a_360_px_phone(phone, server, shoot, kaliori, rows, make_workbook):
    for name, path in [("impor", "/impor"), ("audit", "/audit")]:
        phone.goto(server + path)
        assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], path
        shoot(phone, f"hp-{name}")
    phone.set_input_files("#buku_kerja", [str(SALE), str(TEMPURSARI), str(make_workbook(rows))])
    phone.get_by_role("button", name="Audit buku kerja").click()
    phone.get_by_text("Ringkasan audit, 3 buku kerja").wait_for()
    _done(phone)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    scroller = phone.get_by_role("region", name="Ringkasan audit")
    assert scroller.evaluate("el => el.scrollWidth > el.clientWidth"), "tabel lebar digulir di tempatnya"
    overflowing = phone.evaluate(
        "[...document.querySelectorAll('article')].filter(a => a.scrollWidth > a.clientWidth).length"
    )
    assert overflowing == 0, "tabel nilai keluar dari kotaknya"
    shoot(phone, "hp-audit-hasil")
    phone.goto(server + "/impor")
    phone.set_input_files("#dokumen", str(kaliori))
    phone.get_by_role("button", name="Impor menjadi buku kerja").click()
    phone.get_by_text("Buku kerja sudah jadi").wait_for()
    _done(phone)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert phone.evaluate("(a => a.scrollWidth <= a.clientWidth)(document.querySelector('article'))")
    shoot(phone, "hp-impor-hasil")


def _by_keyboard(page, server, area: str, field: str, files, result: str, download: str) -> str:
    """From the home page by keys alone: the menu item ``area``, the file dialog of ``field``, the
    button, then (once ``result`` shows) the link ``download``; the downloaded file's name."""
    page.goto(server + "/")
    _tab_to(page, f"el.textContent === '{area}' && el.closest('nav')")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{area.lower()}")
    _tab_to(page, f"el.id === '{field}'")
    _choose_by_keyboard(page, field).set_files(files)
    _tab_to(page, "el.tagName === 'BUTTON'")
    page.keyboard.press("Enter")
    page.get_by_text(result).wait_for()
    _done(page)
    _tab_to(page, f"el.textContent === '{download}'")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    return info.value.suggested_filename


def test_impor_by_keyboard_alone(page, server, kaliori):
    saved = _by_keyboard(
        page, server, "Impor", "dokumen", str(kaliori), "Buku kerja sudah jadi", "Unduh buku kerja (.xlsx)"
    )
    assert saved == "keputusan-kaliori-2023.xlsx"


def test_audit_and_sop_option_by_keyboard_alone(page, server):
    saved = _by_keyboard(
        page, server, "Audit", "buku_kerja", str(SALE), "Nilai keseluruhan: 42,9", "Unduh hasil audit (.xlsx)"
    )
    assert saved == "Audit-Sale-2020.xlsx"

    page.goto(server + "/buat")
    _tab_to(page, "el.id === 'sop'")
    page.keyboard.press("Space")
    assert page.evaluate("document.getElementById('sop').checked")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "fokus kotak centang harus terlihat"
