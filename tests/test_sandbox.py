"""generator.sandbox: what a template may read, each bound of one render, the static look."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import jinja2
import pytest

from generator.model import Paper
from generator.sandbox import Bounds, LimitExceeded, SandboxEnvironment, describe_syntax_error, scan
from tests.factories import sale_decree


def render(source: str, bounds: Bounds | None = None, **context: object) -> str:
    env = SandboxEnvironment(bounds)
    env.start()
    return env.from_string(source).render(context)


# ---------------------------------------------------------------------------- what may be read


class Handle:
    """Stands for an object the context may carry that reaches files (a docxtpl picture does)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.name = "gambar"

    def save(self, name: str) -> None:
        (self.folder / name).write_text("ditulis")


def test_plain_data_and_the_programs_dataclasses_are_readable():
    decree = sale_decree()
    text = render(
        "{{ d.office.kecamatan|upper }} {{ d.info.paper.value }} {{ rows[0].label }} {{ '%02d' % n }} "
        "{{ 'a-b'.split('-')|join('+') }} {% for k, v in m.items() %}{{ k }}={{ v }}{% endfor %}",
        d=decree,
        rows=[{"label": "1."}],
        n=7,
        m={"x": 1},
    )
    assert text == "SALE F4 1. 07 a+b x=1"
    assert render("{% macro m(x) %}{{ x }}{% endmacro %}{{ n|filesizeformat }} {{ m(n) }}", n=150_000) == (
        "150.0 kB 150000"
    )
    assert decree.info.paper is Paper.F4


def test_objects_that_reach_files_are_not_readable(tmp_path):
    handle = Handle(tmp_path)
    for source in ("{{ h.save('bocor.txt') }}", "{{ h.folder }}", "{{ h.name }}", "{{ h|attr('folder') }}"):
        with pytest.raises(jinja2.exceptions.SecurityError, match="tidak boleh dibaca templat"):
            render(source, h=handle)
    assert not (tmp_path / "bocor.txt").exists()


@pytest.mark.parametrize(
    "source",
    [
        "{{ cycler.__init__.__globals__ }}",
        "{{ ''.__class__.__mro__ }}",
        "{{ x['__class__'] }}",
        "{{ lst|map(attribute='__class__')|list }}",
        "{{ namespace|attr('__init__') }}",
    ],
)
def test_python_internals_are_refused(source):
    with pytest.raises(jinja2.TemplateError, match="atribut terlarang"):
        render(source, x="teks", lst=[1])


def test_mutating_and_data_as_markup_are_refused():
    with pytest.raises(jinja2.exceptions.SecurityError):
        render("{{ lst.append(1) }}", lst=[])
    with pytest.raises(jinja2.TemplateSyntaxError, match="'safe'"):
        render("{{ x|safe }}", x="<w:p/>")
    assert render("{{ x ~ y }}", x="<a>", y="&") == "&lt;a&gt;&amp;"


# ---------------------------------------------------------------------------- bounds of one render


@pytest.mark.parametrize(
    ("source", "bounds", "message"),
    [
        ("{% for i in range(50) %}{% endfor %}", Bounds(range=10), "range() meminta 50 nilai"),
        ("{{ 'ab' * 6 }}", Bounds(value=10), "nilai yang dibangun terlalu besar (12"),
        ("{{ [1, 2] + [3] * 9 }}", Bounds(value=10), "nilai yang dibangun terlalu besar"),
        (
            "{% for i in range(9) %}{% for j in range(9) %}{% endfor %}{% endfor %}",
            Bounds(steps=50),
            "langkah",
        ),
        ("{% for i in range(9) %}{{ 'abcdef' }}{% endfor %}", Bounds(output=40), "hasil terlalu besar"),
        ("{{ 'x'|center(500) }}", Bounds(argument=100), "bilangan 500 terlalu besar"),
        ("{{ '{:>500}'.format(1) }}", Bounds(argument=100), "bilangan 500 terlalu besar"),
        ("{{ 'aaaa'|replace('a', 'bbbbbb') }}", Bounds(value=10), "nilai yang dibangun terlalu besar"),
        ("{{ 7 ** 3000 }}", Bounds(integer_bits=1000), "lebih dari 1.000 bit"),
        ("{{ [[1], [2]]|sum(start=[]) }}", None, "sum hanya menjumlahkan bilangan"),
    ],
)
def test_each_bound_stops_the_render_with_a_sentence(source, bounds, message):
    with pytest.raises(LimitExceeded, match=message.replace("(", r"\(").replace(")", r"\)")):
        render(source, bounds)


def test_the_budget_is_paid_inside_buffered_macros_and_blocks():
    """A macro body or {% set %} block collects its output instead of yielding it: still paid for."""
    bounds = Bounds(output=1_000)
    for source in (
        "{% macro m() %}{% for i in range(100) %}0123456789abcdef{% endfor %}{% endmacro %}{% set x = m() %}",
        "{% set x %}{% for i in range(100) %}0123456789abcdef{% endfor %}{% endset %}",
    ):
        with pytest.raises(LimitExceeded, match="hasil terlalu besar"):
            render(source, bounds)


def test_a_slow_template_stops_at_the_wall_clock():
    bounds = Bounds(seconds=0.2, steps=10**9)
    source = (
        "{% set big = 'x' * 1000000 %}{% for i in range(100000) %}{% if 'zz' in big %}{% endif %}{% endfor %}"
    )
    with pytest.raises(LimitExceeded, match="terlalu lama"):
        render(source, bounds)


def test_printing_a_list_nested_in_itself_is_measured_before_it_is_printed():
    source = (
        "{% set ns = namespace(l=[1]) %}{% for i in range(40) %}{% set ns.l = [ns.l, ns.l] %}{% endfor %}"
    )
    with pytest.raises(LimitExceeded, match="nilai yang dibangun terlalu besar"):
        render(source + "{{ ns.l }}", Bounds(value=10_000))
    with pytest.raises(LimitExceeded):
        render(source + "{{ ns.l|string }}", Bounds(value=10_000))


def test_each_render_starts_with_a_fresh_budget():
    env = SandboxEnvironment(Bounds(output=100))
    template = env.from_string("{% for i in range(8) %}0123456789{% endfor %}")
    for _ in range(3):
        env.start()
        assert len(template.render()) == 80


def test_loops_behave_as_in_plain_jinja():
    source = (
        "{% for x in items %}{{ loop.index }}/{{ loop.length }}{{ '.' if loop.last }} "
        "{% else %}kosong{% endfor %}{% for x in gen %}{{ x }}{% endfor %}|"
        "{% for n in tree recursive %}{{ n.k }}{{ loop(n.c) }}{% endfor %}"
        "|{% for x in items if x > 1 %}{{ x }}{% endfor %}"
    )
    context = {"items": [1, 2, 3], "gen": (i for i in "ab"), "tree": [{"k": "a", "c": [{"k": "b", "c": []}]}]}
    expected = (
        jinja2.Environment(autoescape=True).from_string(source).render({**context, "gen": (i for i in "ab")})
    )
    assert render(source, **context) == expected == "1/3 2/3 3/3. ab|ab|23"


# ---------------------------------------------------------------------------- compile once


def test_a_source_is_compiled_once_unless_the_cache_is_off():
    cached, uncached = SandboxEnvironment(), SandboxEnvironment(compile_cache=False)
    for env in (cached, uncached):
        for _ in range(3):
            env.start()
            assert env.from_string("{{ a }}-{{ b }}").render(a=1, b=2) == "1-2"
        assert env.from_string("lain").render() == "lain"
    assert cached.compilations == 2
    assert uncached.compilations == 4


# ---------------------------------------------------------------------------- the static look


def test_scan_reports_every_forbidden_construct_with_its_line():
    source = (
        "{{ cycler.__init__ }}\n{{ x|urlize }}\n{% include 'kop.docx' %}\n{{ y is ganjil }}\n"
        "{{ z|attr('__class__') }}\n{{ nama_isian }}\n{{ range(3)|list }}"
    )
    findings, names = scan(SandboxEnvironment(), source)
    assert [(f.line, f.message.split(" ")[0]) for f in findings] == [
        (1, "atribut"),
        (2, "filter"),
        (3, "tag"),
        (4, "uji"),
        (5, "atribut"),
    ]
    assert names >= {"nama_isian"} and "range" not in names


def test_scan_of_a_syntax_error_names_its_line():
    findings, _ = scan(SandboxEnvironment(), "baik\n{% for x in y %}\ntanpa penutup")
    assert len(findings) == 1 and findings[0].message.startswith("tag Jinja salah tulis")
    assert "endfor" in findings[0].message


@pytest.mark.parametrize(
    "source",
    ["{{ x }", "{% for x in y %}", "{% foo %}", "{{ x|tidakada }}", "{{ 1 + }}", "{# komentar", "{{ x.1a }}"],
)
def test_syntax_errors_are_described_without_english(source):
    with pytest.raises(jinja2.TemplateSyntaxError) as caught:
        SandboxEnvironment().from_string(source)
    text = describe_syntax_error(caught.value)
    for english in ("expected", "unexpected", "Jinja was", "Encountered", "named", "end of"):
        assert english not in text, text


def test_the_sandbox_keeps_strict_undefined_and_autoescape():
    env = SandboxEnvironment()
    assert env.undefined is jinja2.StrictUndefined and env.autoescape is True
    with pytest.raises(jinja2.UndefinedError):
        render("{{ tidak_ada }}")
    assert render("{{ x }}", x="<w:t>&") == "&lt;w:t&gt;&amp;"
    assert dataclasses.is_dataclass(sale_decree())
