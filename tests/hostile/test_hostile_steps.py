"""Hostile Langkah and SOP sheets, run as a user runs them (a child process under hard limits): text is
printed as written, never read as markup or formulas; odd flows and numbers end in one sentence."""

from __future__ import annotations

import zipfile

from docx import Document

MARKUP = '{{ 7*7 }} {% raw %} [bold red]merah[/bold red] <w:t>x</w:t> & =HYPERLINK("http://x")'


def step(number, kind, activity, pelaksana, **branches):
    return {
        "process": "P.1.1",
        "number": number,
        "activity": activity,
        "pelaksana": pelaksana,
        "kind": kind,
        **branches,
    }


def hostile_rows(rows):
    rows["units"][2]["name"] = "Sub Bagian [bold]Umum[/bold]"
    rows["steps"] = [
        step(1, "Mulai", MARKUP, "U3"),
        step(2, "Keputusan", "Memeriksa {{ config }}", "U2", yes=3, no=4),
        step(3, "Selesai", "=1+1", "U1"),
        step(4, "Selesai", "[link=file:///etc/passwd]x[/link]", "U3"),
    ]
    rows["sop"] = [{"process": "P.1.1", "number": MARKUP, "dasar_hukum": f"{MARKUP}\n=SUM(A1:A9)"}]
    return rows


def test_markup_in_steps_and_sop_is_printed_as_written(rows, make_workbook, limited, tmp_path):
    workbook = make_workbook(hostile_rows(rows))
    out = tmp_path / "hasil"
    done = limited(["buat", workbook, "-o", out, "--sop", "--tanpa-gambar", "-j", "1"])
    done.assert_clean(0)
    document = Document(str(out / "SOP-Sale-2020.docx"))
    texts = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert MARKUP in texts and "=1+1" in texts and "[link=file:///etc/passwd]x[/link]" in texts
    assert any(text.startswith(f"Dasar Hukum :\n1.\t{MARKUP}\n2.\t=SUM(A1:A9)") for text in texts)
    assert "Sub Bagian [bold]Umum[/bold]" in texts  # a lane's name
    decree = Document(str(out / "Keputusan-Camat-Sale-2020.docx"))
    assert "Sub Bagian [bold]Umum[/bold]" in "\n".join(p.text for p in decree.paragraphs)


def test_markup_in_an_audit_is_printed_and_stored_as_written(rows, make_workbook, limited, tmp_path):
    rows["units"].append({"code": "U9", "name": "[bold red]Unit[/bold red] =CMD()", "parent": "U1"})
    workbook = make_workbook(hostile_rows(rows))
    output = tmp_path / "audit.xlsx"
    done = limited(["audit", workbook, "--keluaran", output])
    done.assert_clean(0)
    assert "Unit U9 ([bold red]Unit[/bold red] =CMD())" in done.stdout
    with zipfile.ZipFile(output) as archive:
        sheets = [archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/worksheets/")]
        strings = (
            archive.read("xl/sharedStrings.xml").decode()
            if "xl/sharedStrings.xml" in archive.namelist()
            else ""
        )
    assert not any("<f>" in sheet or "<f " in sheet for sheet in sheets)
    assert "=CMD()" in strings or any("=CMD()" in sheet for sheet in sheets)


def test_odd_numbers_in_branch_cells_are_one_sentence_each(rows, make_workbook, limited):
    rows["steps"] = [
        step(1, "Mulai", "a", "U3", next=10**15),
        step(2, "Keputusan", "b", "U2", yes=-3, no="dua"),
        step("1e309", "Selesai", "c", "U1"),
    ]
    done = limited(["periksa", make_workbook(rows)])
    done.assert_clean(2)
    assert 'Langkah!F2: "Berikutnya" tidak sah: diharapkan bilangan bulat 1 sampai 999.' in done.text
    assert "Langkah!G3:" in done.text and "Langkah!H3:" in done.text and "Langkah!B4:" in done.text


def test_a_long_flow_full_of_branches_stays_within_bounds(rows, make_workbook, limited, tmp_path):
    actors = ("U1", "U2", "U3")
    last = 60
    steps = [step(1, "Mulai", "Mulai", "U3")]
    for number in range(2, last):
        record = step(number, "Kegiatan", f"Langkah {number} " * 6, actors[number % 3])
        if number % 3 == 0:
            record |= {"kind": "Keputusan", "yes": number + 1, "no": 2 if number % 2 else last}
        steps.append(record)
    steps.append(step(last, "Selesai", "Selesai", "U3"))
    rows["steps"] = steps
    out = tmp_path / "hasil"
    limited(["buat", make_workbook(rows), "-o", out, "--sop", "--tanpa-gambar", "-j", "1"]).assert_clean(0)
    document = Document(str(out / "SOP-Sale-2020.docx"))
    assert len(document.tables) > 3  # the identity, then the flowchart over several pages
