"""Field codes that fetch a file or an address (INCLUDEPICTURE, INCLUDETEXT, LINK, DDE, IMPORT, ...),
simple or complex, in the body, a footer and a footnote, and a mail merge's data source: `periksa-templat`
names each, `buat` warns and no decree carries any of them, so neither Word nor LibreOffice (`--pdf`)
fetches anything; their last results still print. Run under 1 GB / 30 s."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from generator.cli import EXIT_OK
from tests.conftest import SALE
from tests.template_factory import before_section, complex_field, template_bytes

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


# (where, keyword as reported, instruction, last result that must still print)
FETCHING = [
    ("word/document.xml", "INCLUDETEXT", ' INCLUDETEXT "/etc/passwd" ', "hasil-sisip"),
    (
        "word/document.xml",
        "DDEAUTO",
        ' DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc.exe" ',
        "hasil-dde",
    ),
    ("word/document.xml", "HYPERLINK", ' HYPERLINK "file:///etc/passwd" ', "hasil-berkas"),
    (
        "word/document.xml",
        "{{ ... }}",
        " {{ 'INCLUDE' }}PICTURE \"http://penyerang.example/p.png\" ",
        "hasil-jinja",
    ),
    (
        "word/footer2.xml",
        "LINK",
        ' LINK Excel.Sheet.12 "\\\\\\\\server\\\\share\\\\data.xlsx" "A1" \\a ',
        "hasil-link",
    ),
    ("word/footnotes.xml", "IMPORT", ' IMPORT "http://penyerang.example/logo.wmf" ', "hasil-impor"),
]
SIMPLE = ("word/document.xml", "INCLUDEPICTURE", "gambar-sederhana")
KEPT = ("hasil-laman", ' HYPERLINK "https://rembangkab.go.id/" ')


def fields_template() -> bytes:
    """The bundled template with every kind of fetching field, a safe HYPERLINK and a mail merge."""
    with zipfile.ZipFile(template_bytes_path()) as base:
        footer = base.read("word/footer2.xml").decode()
        settings = base.read("word/settings.xml").decode()
        rels = base.read("word/_rels/document.xml.rels").decode()
        types = base.read("[Content_Types].xml").decode()
    in_body = "".join(complex_field(i, r) for where, _, i, r in FETCHING if where == "word/document.xml")
    body = before_section(
        f"<w:p>{in_body}{complex_field(KEPT[1], KEPT[0])}"
        '<w:fldSimple w:instr=" INCLUDEPICTURE &quot;http://penyerang.example/p.png&quot; \\d ">'
        f"<w:r><w:t>{SIMPLE[2]}</w:t></w:r></w:fldSimple>"
        '<w:r><w:footnoteReference w:id="1"/></w:r></w:p>'
    )
    [link] = [f for f in FETCHING if f[0] == "word/footer2.xml"]
    footer = footer.replace("</w:ftr>", f"<w:p>{complex_field(link[2], link[3])}</w:p></w:ftr>")
    [note] = [f for f in FETCHING if f[0] == "word/footnotes.xml"]
    footnotes = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
        f'</w:p></w:footnote><w:footnote w:id="1"><w:p>{complex_field(note[2], note[3])}</w:p></w:footnote>'
        "</w:footnotes>"
    )
    settings = re.sub(
        r"(<w:settings [^>]*>)",
        r'\1<w:mailMerge><w:mainDocumentType w:val="formLetters"/>'
        r'<w:connectString w:val="Provider=Microsoft.ACE.OLEDB.12.0;Data Source=\\\\server\\x.xlsx"/>'
        r'<w:query w:val="SELECT * FROM `Sheet1$`"/></w:mailMerge>',
        settings,
        count=1,
    )
    rels = rels.replace(
        "</Relationships>", f'<Relationship Id="rIdCatatan" Type="{RELS}/footnotes" Target="footnotes.xml"/>'
    )
    rels += "</Relationships>"
    types = types.replace(
        "</Types>", f'<Override PartName="/word/footnotes.xml" ContentType="{FOOTNOTES_TYPE}"/></Types>'
    )
    return template_bytes(
        parts={
            "word/document.xml": body.encode(),
            "word/footer2.xml": footer.encode(),
            "word/footnotes.xml": footnotes.encode(),
            "word/settings.xml": settings.encode(),
            "word/_rels/document.xml.rels": rels.encode(),
            "[Content_Types].xml": types.encode(),
        }
    )


def template_bytes_path() -> Path:
    from generator.pipeline import DEFAULT_TEMPLATE

    return DEFAULT_TEMPLATE


@pytest.fixture
def template(tmp_path: Path) -> Path:
    path = tmp_path / "kop-kabupaten.docx"
    path.write_bytes(fields_template())
    return path


def warnings_of(outcome) -> list[str]:
    return [line for line in outcome.stderr.splitlines() if line.startswith("PERINGATAN")]


def test_periksa_templat_names_every_fetching_field(limited, template, tmp_path):
    outcome = limited(["periksa-templat", template], cwd=tmp_path)
    outcome.assert_clean(EXIT_OK)
    warnings = [w for w in warnings_of(outcome) if "kode field" in w or "mail merge" in w]
    assert len(warnings) == len(FETCHING) + 2, outcome.stderr  # and the simple field, and the mail merge
    for where, keyword, _, _ in FETCHING:
        assert any(f"kode field {keyword} " in w and f"(di {where})" in w for w in warnings), keyword
    assert any("kode field INCLUDEPICTURE" in w and "penyerang.example/p.png" in w for w in warnings)
    assert any("penggabungan surat (mail merge)" in w and "word/settings.xml" in w for w in warnings)
    assert any("tag Jinja" in w for w in warnings)
    assert all("dibuang dari keputusan" in w for w in warnings)
    assert "rembangkab.go.id" not in outcome.stderr  # a web link is fetched only on a click: kept


def test_no_decree_carries_a_fetching_field(limited, template, tmp_path):
    out = tmp_path / "hasil"
    outcome = limited(
        ["buat", SALE, "--templat", template, "-o", out, "--tanpa-gambar", "-j", "1"], cwd=tmp_path
    )
    outcome.assert_clean(EXIT_OK)
    assert sum("kode field" in w for w in warnings_of(outcome)) == len(FETCHING) + 1
    [decree] = out.glob("*.docx")
    with zipfile.ZipFile(decree) as archive:
        parts = {n: archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".xml")}
    everything = "\n".join(parts.values())
    instructions = re.findall(r"<w:instrText[^>]*>([^<]*)<", everything)
    instructions += re.findall(r'w:instr="([^"]*)"', everything)
    assert sorted(text.split()[0] for text in instructions) == ["HYPERLINK", "PAGE"], instructions
    assert not any(word in text for text in instructions for word in ("file:///", "PICTURE", "{{"))
    assert "mailMerge" not in parts["word/settings.xml"]
    for _, _, _, result in FETCHING:
        assert result in everything, result  # what the field showed still prints
    assert SIMPLE[2] in parts["word/document.xml"]
    assert any("rembangkab.go.id" in text for text in instructions) and KEPT[0] in everything  # kept
    assert "hasil-impor" in parts["word/footnotes.xml"] and "hasil-link" in parts["word/footer2.xml"]
