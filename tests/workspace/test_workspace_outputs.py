"""The decree of a version, made by the same core as `keputusan buat`, kept once with its row."""

from __future__ import annotations

import io

import pytest
from docx import Document
from pypdf import PdfReader

from generator.pdf import libreoffice_available
from generator.workspace.errors import WorkspaceError
from generator.workspace.log import Action, entries
from generator.workspace.models import OutputKind
from generator.workspace.outputs import generate_output
from generator.workspace.versions import output_file, upload_version
from tests.workspace.helpers import document_text


def _text(path) -> str:
    return document_text(Document(str(path)))


def test_the_decree_of_a_version_is_made_once_and_kept(session, ws, world, workbook_bytes):
    version = upload_version(
        session, ws.files, world.op_sale, world.sale.id, 2020, workbook_bytes(), "s.xlsx"
    )
    made = generate_output(session, ws.files, world.op_sale, version.id)
    docx = made.of(OutputKind.DOCX)
    assert docx is not None and docx.file_name == "Keputusan-Camat-Sale-2020.docx"
    _, path = output_file(session, ws.files, world.op_sale, docx.id)
    text = _text(path)
    assert "KEPUTUSAN CAMAT SALE" in text.upper() and "Drs. SUBHAN" in text
    assert entries(session, limit=1)[0].action == Action.GENERATED.value
    again = generate_output(session, ws.files, world.op_sale, version.id)
    assert [o.id for o in again.outputs] == [docx.id]


def test_a_version_with_errors_makes_no_decree(session, ws, world, workbook_bytes):
    broken = workbook_bytes(change=lambda d: d["processes"][1].update(parent="P.9"))
    version = upload_version(session, ws.files, world.op_sale, world.sale.id, 2020, broken, "s.xlsx")
    with pytest.raises(WorkspaceError, match="galat"):
        generate_output(session, ws.files, world.op_sale, version.id)
    assert version.outputs == [] and not any(
        n.startswith("berkas/keputusan") for n in ws.files.stored_names()
    )


@pytest.mark.skipif(not libreoffice_available(), reason="LibreOffice tidak terpasang")
@pytest.mark.parametrize("backend", ["sqlite"])  # LibreOffice is slow, and the database plays no part
def test_the_pdf_of_a_version_prints_the_decree(session, ws, world, workbook_bytes):
    version = upload_version(
        session, ws.files, world.op_sale, world.sale.id, 2020, workbook_bytes(), "s.xlsx"
    )
    made = generate_output(session, ws.files, world.op_sale, version.id, pdf=True)
    pdf = made.of(OutputKind.PDF)
    assert made.pdf_error == "" and pdf is not None and pdf.file_name == "Keputusan-Camat-Sale-2020.pdf"
    reader = PdfReader(io.BytesIO(output_file(session, ws.files, world.op_sale, pdf.id)[1].read_bytes()))
    first = reader.pages[0].extract_text()
    assert "SALE" in first.upper() and len(reader.pages) >= 2
