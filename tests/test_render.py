"""generator.render: each part compiled once per process and template, the same bytes as compiling
every time; templates never share a compiled part; a custom template filled in its child process
gives the same bytes as in this one."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest

from generator.batch import run_all
from generator.pipeline import DEFAULT_TEMPLATE, Options, load_decree, renderer_for, template_problem
from generator.render import Renderer
from generator.writer import reproducible_zip
from tests.conftest import SALE, TEMPURSARI
from tests.template_factory import template_bytes

WORKBOOKS = pytest.mark.parametrize("workbook", [SALE, TEMPURSARI], ids=["sale", "tempursari"])


def decree_of(workbook):
    decree, _ = load_decree(workbook)
    assert decree is not None
    return decree


def filled(renderer: Renderer, decree) -> bytes:
    """What the user gets: the rendered document as a reproducible zip."""
    return reproducible_zip(renderer.render(decree, {}), decree.info.date or dt.date(decree.info.year, 1, 1))


def texts(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "".join(archive.read(n).decode() for n in archive.namelist() if n.startswith("word/"))


@WORKBOOKS
def test_the_compiled_cache_gives_the_same_bytes_as_compiling_every_time(workbook):
    decree = decree_of(workbook)
    cached = Renderer(DEFAULT_TEMPLATE)
    uncached = Renderer(DEFAULT_TEMPLATE, compile_cache=False)
    parts = cached.compilations
    first = filled(cached, decree)
    assert filled(cached, decree) == first == filled(uncached, decree) == filled(uncached, decree)
    assert cached.compilations == parts  # compiled when loaded, never again
    assert uncached.compilations > parts


def test_two_templates_never_share_a_compiled_part():
    decree = decree_of(SALE)
    footer = zipfile.ZipFile(DEFAULT_TEMPLATE).read("word/footer1.xml").decode()
    assert footer.rstrip().endswith("</w:ftr>")  # a footer part, filled like the body
    other = template_bytes(
        {"{{ decree_heading }}": "KHUSUS {{ decree_heading }}"},
        parts={
            "word/footer1.xml": footer.replace(
                "</w:ftr>", "<w:p><w:r><w:t>KAKI KHUSUS</w:t></w:r></w:p></w:ftr>"
            )
        },
    )
    bundled, custom = Renderer(DEFAULT_TEMPLATE), Renderer(other, isolated=False)
    alone = filled(Renderer(DEFAULT_TEMPLATE), decree)
    outputs = [filled(r, decree) for r in (bundled, custom, bundled, custom)]
    assert outputs[0] == outputs[2] == alone
    assert outputs[1] == outputs[3] != alone
    assert "KHUSUS KEPUTUSAN CAMAT SALE" in texts(outputs[1]) and "KAKI KHUSUS" in texts(outputs[1])
    assert "KHUSUS" not in texts(alone)
    compiled = [set(map(id, r._env.compiled.values())) for r in (bundled, custom)]
    assert compiled[0] and compiled[1] and not compiled[0] & compiled[1]


@WORKBOOKS
def test_a_custom_template_fills_in_its_child_to_the_same_bytes(workbook):
    decree = decree_of(workbook)
    isolated = Renderer(DEFAULT_TEMPLATE.read_bytes(), name="salinan.docx")
    try:
        assert isolated.isolated and not Renderer(DEFAULT_TEMPLATE).isolated
        assert filled(isolated, decree) == filled(Renderer(DEFAULT_TEMPLATE), decree)
    finally:
        isolated.close()


def test_batch_workers_forked_after_the_template_check_get_their_own_child(tmp_path):
    """`buat` checks the template once in the parent, then forks workers: each starts its own child."""
    template = tmp_path / "templat-kabupaten.docx"
    template.write_bytes(template_bytes({"{{ decree_heading }}": "KHUSUS {{ decree_heading }}"}))
    assert template_problem(template) == ""
    assert renderer_for(template).isolated
    options = Options(out_dir=tmp_path / "hasil", template=template, figures=False)
    results = run_all([SALE, TEMPURSARI], options, jobs=2)
    assert [r.error for r in results] == ["", ""]
    for result in results:
        assert "KHUSUS KEPUTUSAN CAMAT" in texts(result.output.read_bytes())
    assert filled(renderer_for(template), decree_of(SALE))  # the parent's child still answers


def test_a_field_that_fetches_appearing_while_filling_is_refused(monkeypatch):
    """template_file unlinks every fetching field it can see; one that only exists once the template's
    tags have run (here put in by a stand-in for that) stops the decree instead of reaching it."""
    from docx.oxml import parse_xml

    from generator import render
    from generator.render import TemplateError

    layout = render.finish_layout

    def with_field(document, decree):
        layout(document, decree)
        document.element.body.insert(
            0,
            parse_xml(
                '<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                '<w:fldSimple w:instr=" INCLUDETEXT &quot;/etc/passwd&quot; "/></w:p>'
            ),
        )

    renderer = Renderer(DEFAULT_TEMPLATE)
    decree = decree_of(SALE)
    clean = renderer.render(decree, {})
    monkeypatch.setattr(render, "finish_layout", with_field)
    with pytest.raises(TemplateError, match="kode field INCLUDETEXT"):
        renderer.render(decree, {})
    monkeypatch.setattr(render, "finish_layout", layout)
    assert renderer.render(decree, {}) == clean  # the half-filled template was not kept
