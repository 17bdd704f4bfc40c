"""Values and helpers the workspace tests share (fixtures are in conftest.py)."""

from __future__ import annotations

from docx.oxml.ns import qn

PASSWORD = "Kopi-Tubruk-Sore-9"
ADDRESS = "192.0.2.10"


def document_text(document) -> str:
    """Every paragraph of a python-docx document, table cells included (the signature is a table)."""
    body = document.element.body
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p")))
