"""Fill templates/keputusan.docx with one decree (docxtpl, StrictUndefined, autoescape) to .docx bytes."""

from __future__ import annotations

import datetime as dt
import io
import re
import threading
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType

import jinja2
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage

from .context import FIGURE_SLACK_MM, build_context
from .diagrams import Diagram
from .docxzip import package_bytes
from .layout import finish_layout, side_margins_mm
from .model import Decree
from .properties import document_properties

_UNDEFINED = re.compile(r"^'(?P<name>[^']+)' is undefined$")
_NO_ATTRIBUTE = re.compile(r"^'(?P<owner>[^']+)' has no attribute '(?P<name>[^']+)'$")
_TAGS = re.compile(r"<[^>]+>")


class TemplateError(Exception):
    """The template cannot be filled: a misspelt name or a broken Jinja tag (message in Indonesian)."""


class Renderer:
    """One template loaded once; ``render`` may be called for many decrees, one at a time."""

    def __init__(self, template: Path | str | bytes) -> None:
        if isinstance(template, bytes):
            self.name, self._source = "templat", template
        else:
            self.name, self._source = Path(template).name, Path(template).read_bytes()
        self._lock = threading.Lock()
        self._env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True)
        self._template = self._load()
        self._margins_mm = _margins_mm(self._template.docx)  # (left, right) as set in Word
        self._max_width_mm = 0.0

    def _load(self) -> DocxTemplate:
        """A DocxTemplate over the cached bytes; docxtpl re-reads them before each render."""
        template = DocxTemplate(io.BytesIO(self._source))
        template.init_docx()
        return template

    def _image(self, source: Path | bytes, width_mm: float) -> InlineImage:
        """A picture of this render (a file, or checked bytes such as the logo), never wider than the
        template's text block on this paper."""
        width = min(width_mm, self._max_width_mm) if self._max_width_mm else width_mm
        picture = io.BytesIO(source) if isinstance(source, bytes) else str(source)
        return InlineImage(self._template, picture, width=Mm(width))

    def context(self, decree: Decree, images: Mapping[str, Diagram]) -> dict[str, object]:
        """The values the template receives (its pictures bound to this renderer)."""
        return build_context(decree, images, self._image)

    def render(self, decree: Decree, images: Mapping[str, Diagram]) -> bytes:
        """The filled document as .docx bytes: paper size and core properties set."""
        with self._lock:
            template = self._template
            margins = side_margins_mm(decree.tata_naskah, *self._margins_mm)
            self._max_width_mm = decree.info.paper.size_mm[0] - margins - FIGURE_SLACK_MM
            try:
                template.render(self.context(decree, images), jinja_env=self._env, autoescape=True)
            except jinja2.TemplateError as exc:
                self._template = self._load()  # a half-rendered document must not be reused
                raise TemplateError(self._message(exc, template)) from exc
            except BaseException:
                self._template = self._load()
                raise
            document = template.docx
            set_paper(document, decree)
            finish_layout(document, decree)
            set_properties(document, decree)
            return package_bytes(document, document_date(decree))

    def _message(self, exc: jinja2.TemplateError, template: DocxTemplate) -> str:
        """Indonesian description of a Jinja error, with the paragraph where it happened."""
        message = exc.message or str(exc)
        if isinstance(exc, jinja2.TemplateSyntaxError):
            problem = f"tag Jinja salah tulis ({message})"
        elif match := _UNDEFINED.match(message):
            problem = f"nama '{match['name']}' tidak dikenal"
        elif match := _NO_ATTRIBUTE.match(message):
            problem = f"nilai '{match['name']}' tidak ada"
        else:
            problem = message
        where = _docx_context(exc) or _paragraph_at(template, _template_line(exc.__traceback__))
        text = f"Templat {self.name} tidak dapat diisi: {problem}"
        return f"{text}, pada paragraf «{where}»." if where else f"{text}."


def _margins_mm(document: DocumentObject) -> tuple[float, float]:
    """Left and right margin of the template, as a person may have changed them in Word."""
    section = document.sections[-1]
    return section.left_margin / 36000, section.right_margin / 36000


def set_paper(document: DocumentObject, decree: Decree) -> None:
    """Every section on the decree's paper (F4 215 x 330 mm or A4 210 x 297 mm), portrait."""
    width, height = decree.info.paper.size_mm
    for section in document.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(width), Mm(height)


def document_date(decree: Decree) -> dt.date:
    """The date a decree's document carries (properties, zip entries): enacted or drafted, else 1 January."""
    return decree.info.dated or dt.date(decree.info.year, 1, 1)


def set_properties(document: DocumentObject, decree: Decree) -> None:
    """Core properties from the decree only, so the same workbook gives the same document."""
    info, office = decree.info, decree.office
    when = dt.datetime.combine(document_date(decree), dt.time())
    texts = document_properties(office.kecamatan, office.regency, info.title)
    props = document.core_properties
    props.title = texts["title"]
    props.subject = texts["subject"]
    props.author = texts["author"]
    props.last_modified_by = texts["author"]
    props.created = when
    props.modified = when
    props.revision = 1
    props.language = "id-ID"
    props.comments = ""
    props.keywords = f"Keputusan Camat; {decree.kecamatan_title}; {info.year}"


def _docx_context(exc: Exception) -> str:
    """The template lines docxtpl attaches to a syntax error, as plain text."""
    lines = getattr(exc, "docx_context", None) or ()
    return " ".join(" ".join(line.split()) for line in lines if line.strip())


def _template_line(trace: TracebackType | None) -> int | None:
    """Line of the rendered template source where a runtime error happened (Jinja's frames)."""
    line = None
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == "<template>":
            line = trace.tb_lineno
        trace = trace.tb_next
    return line


def _paragraph_at(template: DocxTemplate, line: int | None) -> str:
    """Text of the template paragraph on that source line (docxtpl puts one paragraph per line)."""
    if line is None:
        return ""
    try:
        source = template.patch_xml(template.get_xml())
    except Exception:  # noqa: BLE001 - only a hint for the message
        return ""
    lines = re.sub(r"<w:p([ >])", r"\n<w:p\1", source).splitlines()
    if not 0 < line <= len(lines):
        return ""
    return " ".join(_TAGS.sub("", lines[line - 1]).split())
