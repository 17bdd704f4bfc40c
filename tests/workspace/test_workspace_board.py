"""The admin's board (one row per kecamatan) and every decree of the year in one zip."""

from __future__ import annotations

import io
import zipfile

from docx import Document

from generator.workspace.board import LIST_NAME, board, write_year_zip
from generator.workspace.versions import upload_version
from tests.workspace.helpers import document_text


def test_the_board_has_a_row_per_kecamatan_submitted_or_not(session, ws, world, workbook_bytes):
    good = upload_version(session, ws.files, world.op_sale, world.sale.id, 2020, workbook_bytes(), "s.xlsx")
    broken = workbook_bytes(change=lambda d: d["processes"][1].update(parent="P.9"))
    bad = upload_version(session, ws.files, world.op_sale, world.sale.id, 2020, broken, "s2.xlsx")
    rows = {r.kecamatan.name: r for r in board(session, world.admin, 2020)}
    assert list(rows) == ["Pamotan", "Sale"]
    pamotan, sale = rows["Pamotan"], rows["Sale"]
    assert not pamotan.submitted and pamotan.errors is None and pamotan.last_change is None
    assert sale.submitted and sale.versions == 2 and sale.latest.id == bad.id
    assert sale.errors == bad.errors >= 1 and sale.warnings == bad.warnings
    assert sale.decree_version.id == good.id and sale.last_change == bad.uploaded_at
    assert sale.audit_score == bad.audit_score


def test_a_year_without_uploads_is_a_board_of_empty_rows(session, world):
    assert [r.submitted for r in board(session, world.admin, 2020)] == [False, False]


def test_the_year_zip_holds_each_kecamatans_latest_valid_decree_and_says_what_is_missing(
    session, ws, world, workbook_bytes
):
    upload_version(session, ws.files, world.op_sale, world.sale.id, 2020, workbook_bytes(), "s.xlsx")
    out = io.BytesIO()
    summary = write_year_zip(session, ws.files, world.admin, 2020, out)
    assert summary.included == {"Sale": ["Keputusan-Camat-Sale-2020.docx"]}
    assert set(summary.missing) == {"Pamotan"}
    with zipfile.ZipFile(io.BytesIO(out.getvalue())) as archive:
        assert sorted(archive.namelist()) == sorted([LIST_NAME, "Keputusan-Camat-Sale-2020.docx"])
        listing = archive.read(LIST_NAME).decode("utf-8")
        document = Document(io.BytesIO(archive.read("Keputusan-Camat-Sale-2020.docx")))
    assert "Kabupaten Rembang" in listing.splitlines()[0] and "tahun 2020" in listing.splitlines()[0]
    assert "Kecamatan Pamotan: tidak ada - belum mengunggah buku kerja" in listing
    assert "Kecamatan Sale: Keputusan-Camat-Sale-2020.docx (versi 1," in listing
    assert "Drs. SUBHAN" in document_text(document)


def test_the_year_zip_can_be_written_to_a_stream_that_cannot_seek(session, ws, world, workbook_bytes):
    class Stream(io.RawIOBase):
        def __init__(self) -> None:
            self.chunks: list[bytes] = []

        def writable(self) -> bool:
            return True

        def write(self, data) -> int:
            self.chunks.append(bytes(data))
            return len(data)

    upload_version(session, ws.files, world.op_sale, world.sale.id, 2020, workbook_bytes(), "s.xlsx")
    stream = Stream()
    write_year_zip(session, ws.files, world.admin, 2020, stream)
    with zipfile.ZipFile(io.BytesIO(b"".join(stream.chunks))) as archive:
        assert archive.testzip() is None and "Keputusan-Camat-Sale-2020.docx" in archive.namelist()
