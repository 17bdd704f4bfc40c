"""generator.field_codes: fields that fetch are found in every form Word writes, and unlinked so that
their last result stays and nothing else of the page changes."""

from __future__ import annotations

import pytest
from lxml import etree

from generator import field_codes
from generator.field_codes import FieldNesting, fetches, find_fetching, remove_fetching
from tests.template_factory import complex_field

W = field_codes.W
NS = f'xmlns:w="{W}"'


def body(xml: str) -> etree._Element:
    return etree.fromstring(f"<w:document {NS}><w:body>{xml}</w:body></w:document>")


def text(root: etree._Element) -> str:
    """What the page prints: the text runs (not the instructions)."""
    return "".join(t.text or "" for t in root.iter(f"{{{W}}}t"))


def instructions(root: etree._Element) -> list[str]:
    found = [e.get(f"{{{W}}}instr") for e in root.iter(f"{{{W}}}fldSimple")]
    return found + [e.text for e in root.iter(f"{{{W}}}instrText")]


@pytest.mark.parametrize(
    "instruction",
    [
        ' INCLUDEPICTURE "http://penyerang.example/p.png" \\d ',
        ' includetext "C:\\\\rahasia\\\\surat.docx" ',
        ' INCLUDE "/etc/passwd" ',
        ' IMPORT "http://x.example/a.wmf" ',
        ' LINK Excel.Sheet.12 "\\\\\\\\server\\\\share\\\\data.xlsx" "Sheet1!R1C1" \\a ',
        ' DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc.exe" ',
        ' DDE "excel" "data.xlsx" ',
        ' RD "bab-dua.docx" ',
        ' DATABASE \\d "C:\\\\data.mdb" \\s "select * from a" ',
        ' HYPERLINK "file:///etc/passwd" ',
        ' HYPERLINK "\\\\\\\\server\\\\share" ',
        ' HYPERLINK "{{ alamat }}" ',
        " {{ 'INCLUDE' }}PICTURE \"http://x.example/p.png\" ",
        " INCLUDE{{ 'PICTURE' }} \"http://x.example/p.png\" ",
        ' {% if 1 %}INCLUDETEXT{% endif %} "/etc/passwd" ',
    ],
)
def test_fields_that_fetch(instruction):
    assert fetches(instruction)


@pytest.mark.parametrize(
    "instruction",
    [" PAGE ", " NUMPAGES \\* MERGEFORMAT ", ' HYPERLINK "https://rembangkab.go.id/" ',
     ' HYPERLINK \\l "bab1" ', ' HYPERLINK "mailto:kec@rembangkab.go.id" ', ' QUOTE "{{ judul }}" ',
     " DATE \\@ \"d MMMM yyyy\" ", ""],
)  # fmt: skip
def test_fields_that_do_not_fetch(instruction):
    assert not fetches(instruction)


def test_a_simple_field_is_unlinked_to_its_result():
    root = body(
        "<w:p><w:r><w:t>sebelum </w:t></w:r>"
        '<w:fldSimple w:instr=" INCLUDEPICTURE &quot;http://x/p.png&quot; ">'
        "<w:r><w:t>gambar lama</w:t></w:r></w:fldSimple><w:r><w:t> sesudah</w:t></w:r></w:p>"
    )
    removed = remove_fetching(root)
    assert [(f.keyword, f.instruction) for f in removed] == [
        ("INCLUDEPICTURE", 'INCLUDEPICTURE "http://x/p.png"')
    ]
    assert text(root) == "sebelum gambar lama sesudah"
    assert instructions(root) == [] and find_fetching(root) == []


def test_a_complex_field_across_paragraphs_keeps_its_result_and_the_safe_fields():
    spread = (
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        "<w:r><w:instrText> INCLUDETEXT </w:instrText></w:r></w:p>"
        '<w:p><w:r><w:instrText>"/etc/passwd" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/>'
        '</w:r><w:r><w:t>isi lama</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )
    root = body(f"<w:p>{complex_field(' PAGE ', '3')}</w:p>{spread}")
    [removed] = remove_fetching(root)
    assert removed.keyword == "INCLUDETEXT" and "/etc/passwd" in removed.instruction
    assert text(root) == "3isi lama"
    assert instructions(root) == [" PAGE "]
    assert len(list(root.iter(f"{{{W}}}fldChar"))) == 3  # PAGE's begin, separate, end


def test_a_fetching_field_nested_in_a_safe_one_goes_and_the_outer_stays():
    inner = complex_field(' INCLUDEPICTURE "http://x/p.png" ', "p")
    outer = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> IF 1 = 1 "</w:instrText></w:r>'
        f'{inner}<w:r><w:instrText>" "" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        '<w:r><w:t>tampak</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    root = body(f"<w:p>{outer}</w:p>")
    assert [f.keyword for f in remove_fetching(root)] == ["INCLUDEPICTURE"]
    assert instructions(root) == [' IF 1 = 1 "', '" "" '] and text(root) == "ptampak"
    assert find_fetching(root) == []


def test_a_safe_field_inside_a_fetching_instruction_goes_with_it():
    nested = complex_field(" MERGEFIELD alamat ", "http://x/p.png")
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> INCLUDEPICTURE "</w:instrText></w:r>'
        f'{nested}<w:r><w:instrText>" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        '<w:r><w:t>logo</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    root = body(f"<w:p>{field}</w:p>")
    assert [f.keyword for f in remove_fetching(root)] == ["INCLUDEPICTURE"]
    assert text(root) == "logo" and instructions(root) == []
    assert list(root.iter(f"{{{W}}}fldChar")) == []


def test_a_field_never_ended_is_dropped_with_what_it_asks():
    root = body(
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        "<w:r><w:instrText> DDEAUTO cmd </w:instrText></w:r></w:p>"
    )
    assert [f.keyword for f in remove_fetching(root)] == ["DDEAUTO"]
    assert instructions(root) == [] and list(root.iter(f"{{{W}}}fldChar")) == []


def test_a_mail_merge_data_source_is_removed():
    root = etree.fromstring(
        f'<w:settings {NS}><w:mailMerge><w:mainDocumentType w:val="formLetters"/>'
        '<w:connectString w:val="Provider=Microsoft.ACE.OLEDB.12.0;Data Source=\\\\server\\x.xlsx"/>'
        '<w:query w:val="SELECT * FROM `Sheet1$`"/></w:mailMerge><w:zoom w:percent="100"/></w:settings>'
    )
    assert [f.keyword for f in remove_fetching(root)] == ["MAILMERGE"]
    assert [etree.QName(e).localname for e in root] == ["zoom"]


def test_fields_nested_past_the_limit_are_refused_quickly():
    begins = '<w:r><w:fldChar w:fldCharType="begin"/></w:r>' * 100_000
    root = body(f"<w:p>{begins}</w:p>")
    with pytest.raises(FieldNesting):
        remove_fetching(root)


def test_the_quick_look_sees_every_way_a_part_can_hold_a_field():
    assert field_codes.may_hold_fields(b'<w:fldSimple w:instr="PAGE"/>')
    assert field_codes.may_hold_fields("<a/>".encode("utf-16"))  # another encoding: always parsed
    assert not field_codes.may_hold_fields(b"<w:p><w:r><w:t>teks</w:t></w:r></w:p>")
