"""Check a (custom) Word template before use: Jinja syntax, names it needs, names it leaves unused."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from docxtpl import DocxTemplate
from jinja2 import meta

from .pipeline import DEFAULT_INPUTS, load_decree
from .render import Renderer, TemplateError

_TAGS = re.compile(r"<[^>]+>")
SAMPLE_WORKBOOKS = ("sale-2020.xlsx", "tempursari-2024.xlsx")


@dataclass
class TemplateReport:
    """Errors stop the template from being used; ``unused`` is information only."""

    errors: list[str] = field(default_factory=list)
    unused: list[str] = field(default_factory=list)
    used: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _sources(template: DocxTemplate) -> list[tuple[str, str]]:
    """(part name, Jinja source) for the body, headers and footers, as docxtpl will see them."""
    template.init_docx()
    parts = [("isi dokumen", template.patch_xml(template.get_xml()))]
    for uri, label in ((template.HEADER_URI, "kepala halaman"), (template.FOOTER_URI, "kaki halaman")):
        for _, part in template.get_headers_footers(uri):
            parts.append((label, template.patch_xml(template.get_part_xml(part))))
    return parts


def _one_paragraph_per_line(source: str) -> str:
    """Jinja reports line numbers; with one paragraph per line a line number names a paragraph."""
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", source.replace("\n", " "))


def _paragraph(source: str, line: int) -> str:
    lines = source.splitlines()
    if not 0 < line <= len(lines):
        return ""
    return " ".join(_TAGS.sub("", lines[line - 1]).split())


def _sample_context() -> dict[str, object]:
    """A real context from the bundled example workbook, pictures left out."""
    renderer = Renderer(Path(__file__).resolve().parent.parent / "templates" / "keputusan.docx")
    decree, _ = load_decree(DEFAULT_INPUTS / SAMPLE_WORKBOOKS[0])
    if decree is None:
        raise RuntimeError("contoh buku kerja bawaan tidak sah")
    return renderer.context(decree, {})


def check_template(path: Path) -> TemplateReport:
    """Everything wrong with the template at ``path``, in Indonesian."""
    report = TemplateReport()
    try:
        data = Path(path).read_bytes()
        zipfile.ZipFile(io.BytesIO(data)).testzip()
        template = DocxTemplate(io.BytesIO(data))
        sources = _sources(template)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        report.errors.append(f"{Path(path).name} bukan dokumen Word (.docx) yang dapat dibaca ({exc}).")
        return report
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True)
    names: set[str] = set()
    for label, raw in sources:
        source = _one_paragraph_per_line(raw)
        try:
            names |= meta.find_undeclared_variables(env.parse(source))
        except jinja2.TemplateSyntaxError as exc:
            where = _paragraph(source, exc.lineno)
            report.errors.append(
                f"Tag Jinja salah tulis di {label} ({exc.message}), pada paragraf «{where}»."
            )
    if report.errors:
        return report
    provided = _sample_context()
    report.used = sorted(names)
    for name in sorted(names - provided.keys()):
        report.errors.append(f"Templat memakai nama '{name}' yang tidak disediakan program.")
    report.unused = sorted(provided.keys() - names)
    if not report.errors:
        report.errors.extend(_trial_render(data))
    return report


def _trial_render(data: bytes) -> list[str]:
    """Render the bundled examples: catches misspelt attributes that only show at render time."""
    renderer = Renderer(data)
    errors = []
    for name in SAMPLE_WORKBOOKS:
        decree, _ = load_decree(DEFAULT_INPUTS / name)
        if decree is None:
            continue
        try:
            renderer.render(decree, {})
        except TemplateError as exc:
            errors.append(str(exc))
    return errors
