"""Word templates built in the test: the bundled template's bytes with a tag or a part changed."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from xml.sax.saxutils import escape

from generator.pipeline import DEFAULT_TEMPLATE

HEADING = "{{ decree_heading }}"


def complex_field(instruction: str, result: str = "hasil") -> str:
    """A Word complex field (fldChar begin, instrText, separate, its last result, end) as runs."""
    return (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve">{instruction}</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r><w:t>{result}</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def template_bytes(
    replace: Mapping[str, str] | None = None, parts: Mapping[str, bytes | None] | None = None
) -> bytes:
    """The bundled template with text replaced in word/document.xml (each once) and parts added,
    replaced (bytes) or left out (None)."""
    parts = dict(parts or {})
    out = io.BytesIO()
    with zipfile.ZipFile(DEFAULT_TEMPLATE) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            if item.filename in parts:
                data = parts.pop(item.filename)
                if data is not None:
                    dst.writestr(item, data)
                continue
            data = src.read(item)
            if item.filename == "word/document.xml" and replace:
                text = data.decode("utf-8")
                for old, new in replace.items():
                    assert old in text, old
                    text = text.replace(old, new, 1)
                data = text.encode("utf-8")
            dst.writestr(item, data)
        for name, data in parts.items():
            if data is not None:
                dst.writestr(name, data)
    return out.getvalue()


def with_tag(tag: str, where: str = HEADING) -> bytes:
    """The bundled template with ``tag`` typed in Word in place of ``where`` (so XML-escaped)."""
    return template_bytes({where: escape(tag)})


def document_xml() -> str:
    with zipfile.ZipFile(DEFAULT_TEMPLATE) as archive:
        return archive.read("word/document.xml").decode("utf-8")


def before_section(xml: str) -> str:
    """The bundled document.xml with ``xml`` added as the body's last block."""
    text = document_xml()
    cut = text.rindex("<w:sectPr")
    return text[:cut] + xml + text[cut:]
