"""Fill a Word template with one decree (docxtpl, in Jinja's sandbox, bounded) to .docx bytes.

The program's own template (templates/keputusan.docx) is filled in this process. Any other template
(``--templat``, an upload, bytes) is untrusted: it is checked as a zip first (generator.template_file)
and then loaded, compiled and filled in a child process with hard limits (generator.template_worker).
Either way Jinja runs in generator.sandbox, each part compiled once per process and template.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

import jinja2
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from lxml import etree

from . import field_codes, sandbox
from .context import FIGURE_SLACK_MM, build_context
from .diagrams import Diagram
from .docxzip import package_bytes
from .layout import finish_layout, side_margins_mm
from .model import Decree
from .properties import document_properties, fit
from .sandbox import Bounds, ForbiddenConstruct, SandboxEnvironment
from .template_file import TemplateFileError, read_template

BUNDLED_TEMPLATE = Path(__file__).resolve().parent.parent / "templates" / "keputusan.docx"
BODY = "isi dokumen"
_UNDEFINED = re.compile(r"^'(?P<name>[^']+)' is undefined$")
_NO_ATTRIBUTE = re.compile(r"^'(?P<owner>[^']+)' has no attribute '(?P<name>[^']+)'$")
_TAGS = re.compile(r"<[^>]+>")
_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
"""The core properties docxtpl renders as templates (DocxTemplate.render_properties)."""
_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)
_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_FAILURES = (
    (ZeroDivisionError, "pembagian dengan nol"),
    (RecursionError, "pemanggilan bersarang terlalu dalam"),
    (MemoryError, "kehabisan memori"),
    (OverflowError, "bilangan terlalu besar"),
    ((KeyError, IndexError), "unsur yang diminta tidak ada"),
    (TypeError, "jenis nilai tidak cocok untuk perintah itu"),
    (ValueError, "nilai tidak sesuai untuk perintah itu"),
)


class TemplateError(Exception):
    """The template cannot be used or filled; the message is one Indonesian sentence."""


@dataclass
class TemplateScan:
    """What `periksa-templat` learns without filling the template."""

    problems: list[str] = field(default_factory=list)
    names: set[str] = field(default_factory=set)


def is_bundled(template: Path | str | bytes) -> bool:
    """True for the program's own template file, the one template that is trusted."""
    if isinstance(template, bytes):
        return False
    try:
        return Path(template).resolve() == BUNDLED_TEMPLATE
    except OSError:
        return False


class _PreparedTemplate(DocxTemplate):
    """A DocxTemplate whose XML clean-up before Jinja (``patch_xml``, a few dozen regular expressions,
    as costly as the rest of a render) runs once per part source: its input is the same at every
    render of one template, so the result is too."""

    def __init__(self, template_file: io.BytesIO, patched: dict[str, str] | None) -> None:
        super().__init__(template_file)
        self._patched = patched  # None: clean up at every render, as docxtpl does

    def patch_xml(self, src_xml: str) -> str:
        if self._patched is None:
            return super().patch_xml(src_xml)
        patched = self._patched.get(src_xml)
        if patched is None:
            patched = super().patch_xml(src_xml)
            if len(self._patched) < 64:
                self._patched[src_xml] = patched
        return patched


class Renderer:
    """One template loaded once; ``render`` may be called for many decrees, one at a time.

    ``isolated`` (default: every template but the bundled one) fills it in a child process;
    ``compile_cache=False`` cleans up and recompiles each part at every render, as bare docxtpl does
    (for the benchmark and the test that the cache changes no byte); ``prepare=False`` leaves
    compiling to the first render, so ``scan`` can list every problem first.
    """

    def __init__(
        self,
        template: Path | str | bytes,
        *,
        name: str | None = None,
        isolated: bool | None = None,
        compile_cache: bool = True,
        prepare: bool = True,
        bounds: Bounds | None = None,
    ) -> None:
        self.name = name or ("templat" if isinstance(template, bytes) else Path(template).name)
        try:
            checked = read_template(template, self.name)
        except TemplateFileError as exc:
            raise TemplateError(str(exc)) from exc
        self._source = checked.data
        self.removed: tuple[str, ...] = checked.removed  # external relationships dropped, as sentences
        self.links: tuple[str, ...] = checked.links  # http(s)/mailto links in the text, kept
        self.trusted = is_bundled(template)
        self._lock = threading.Lock()
        self._env = SandboxEnvironment(bounds, compile_cache=compile_cache)
        self._labels: dict[str, str] = {}
        self._patched: dict[str, str] = {}
        self._template = self._load()
        self._margins_mm = _margins_mm(self._template.docx)  # (left, right) as set in Word
        self._max_width_mm = 0.0
        self._prepared = False
        self._worker = None
        self.isolated = not self.trusted if isolated is None else isolated
        if self.isolated:
            from .template_worker import TemplateWorker

            self._worker = TemplateWorker(self._source, self.name)
        if prepare:
            self.prepare()

    def close(self) -> None:
        """End the child process of an isolated template now (it also ends when this object goes)."""
        if self._worker is not None:
            self._worker.close()

    @property
    def compilations(self) -> int:
        """Jinja compilations done in this process (the bundled template: one per part, ever)."""
        return self._env.compilations

    def _load(self) -> DocxTemplate:
        """A DocxTemplate over the checked bytes; docxtpl re-reads them before each render."""
        template = _PreparedTemplate(
            io.BytesIO(self._source), self._patched if self._env.compile_cache else {}
        )
        try:
            template.init_docx()
        except Exception as exc:  # noqa: BLE001 - python-docx has no common error type for a bad package
            raise TemplateError(
                f"Templat {self.name} bukan dokumen Word (.docx) yang dapat dibaca: bagian-bagiannya rusak "
                "atau tidak lengkap."
            ) from exc
        return template

    def _image(self, source: Path | bytes, width_mm: float) -> InlineImage:
        """A picture of this render (a file, or checked bytes such as the logo), never wider than the
        template's text block on this paper. Placed through an image index, so a decree of a thousand
        pictures is not quadratic."""
        from .docx_images import IndexedInlineImage

        width = min(width_mm, self._max_width_mm) if self._max_width_mm else width_mm
        picture = io.BytesIO(source) if isinstance(source, bytes) else str(source)
        return IndexedInlineImage(self._template, picture, width=Mm(width))

    def context(self, decree: Decree, images: Mapping[str, Diagram]) -> dict[str, object]:
        """The values the template receives (its pictures bound to this renderer)."""
        return build_context(decree, images, self._image)

    # ---- compile once, check without filling

    def _parts(self) -> Iterator[tuple[str, str]]:
        """(where, Jinja source) of every part exactly as docxtpl hands it to ``from_string``."""
        template = self._load()
        yield BODY, _as_compiled(template.patch_xml(template.get_xml()))
        for uri, label in ((template.HEADER_URI, "kepala halaman"), (template.FOOTER_URI, "kaki halaman")):
            for _, part in template.get_headers_footers(uri):
                yield label, _as_compiled(template.patch_xml(template.get_part_xml(part)))
        for part in template.docx.part.package.parts:
            if part.content_type == _FOOTNOTES:
                blob = part.blob.decode("utf-8") if isinstance(part.blob, bytes) else part.blob
                yield "catatan kaki", _as_compiled(template.patch_xml(blob))
        for prop in _PROPERTIES:
            yield "properti dokumen", getattr(template.docx.core_properties, prop)

    def prepare(self) -> None:
        """Compile every part now, so a broken template fails before the first decree."""
        if self._prepared:
            return
        if self._worker is not None:
            self._worker.prepare()
        else:
            for label, source in self._parts():
                self._labels.setdefault(source, label)
                try:
                    self._env.from_string(source)
                except jinja2.TemplateSyntaxError as exc:
                    raise TemplateError(self._message(exc)) from exc
                except (SyntaxError, RecursionError, MemoryError) as exc:
                    raise TemplateError(
                        f"Templat {self.name} tidak dapat disiapkan: tag-tagnya bersarang terlalu dalam "
                        f"atau terlalu banyak (di {label})."
                    ) from exc
        self._prepared = True

    def scan(self) -> TemplateScan:
        """Every forbidden construct and syntax error of every part, and the names the template reads."""
        if self._worker is not None:
            return self._worker.scan()
        result = TemplateScan()
        for label, source in self._parts():
            findings, names = sandbox.scan(self._env, source)
            result.names |= names
            for finding in findings:
                where = _paragraph(source, finding.line)
                place = f" di {label}" if label != BODY else ""
                if finding.message.startswith("tag Jinja salah tulis"):
                    text = f"Templat {self.name}: {finding.message}{place}"
                else:
                    text = f"Templat {self.name} memakai {finding.message}{place}"
                result.problems.append(f"{text}, pada paragraf «{where}»." if where else f"{text}.")
        return result

    # ---- fill

    def render(self, decree: Decree, images: Mapping[str, Diagram]) -> bytes:
        """The filled document as .docx bytes: paper size and core properties set."""
        with self._lock:
            if self._worker is not None:
                return self._worker.render(decree, images)
            self.prepare()
            template = self._template
            margins = side_margins_mm(decree.tata_naskah, *self._margins_mm)
            self._max_width_mm = decree.info.paper.size_mm[0] - margins - FIGURE_SLACK_MM
            context = self.context(decree, images)
            self._env.start()
            try:
                template.render(context, jinja_env=self._env, autoescape=True)
            except jinja2.TemplateError as exc:
                self._template = self._load()  # a half-rendered document must not be reused
                raise TemplateError(self._message(exc)) from exc
            except Exception as exc:
                self._template = self._load()
                if self.trusted and _template_frame(exc.__traceback__) is None:
                    raise  # the program's own template and code: a bug, reported as one
                raise TemplateError(self._message(exc)) from exc
            except BaseException:
                self._template = self._load()
                raise
            document = template.docx
            set_paper(document, decree)
            finish_layout(document, decree)
            set_properties(document, decree)
            self._refuse_fetching_fields(document)
            return package_bytes(document, document_date(decree))

    def _refuse_fetching_fields(self, document: DocumentObject) -> None:
        """No decree leaves with a field that fetches (template_file unlinked every one it could see;
        one here was put together by the template's Jinja tags while filling)."""
        try:
            found = fetching_fields(document)
        except field_codes.FieldNesting:
            found = [field_codes.Field("?", f"lebih dari {field_codes.MAX_NESTING} field bersarang")]
        if found:
            self._template = self._load()
            raise TemplateError(
                f"Templat {self.name} tidak dapat diisi: hasilnya memuat {found[0].describe()}, yang "
                "mengambil berkas atau alamat dari luar saat dokumen dibuka; tag Jinja tidak boleh "
                "menyusun kode field seperti itu."
            )

    def _message(self, exc: Exception) -> str:
        """Indonesian description of what went wrong while compiling or filling, with the paragraph."""
        message = getattr(exc, "message", None) or str(exc)
        if isinstance(exc, ForbiddenConstruct):
            problem = f"memakai {message}"
        elif isinstance(exc, jinja2.TemplateSyntaxError):
            problem = f"tag Jinja salah tulis ({sandbox.describe_syntax_error(exc)})"
        elif isinstance(exc, jinja2.exceptions.SecurityError):
            problem = message if isinstance(exc, sandbox.LimitExceeded) else f"memakai {message}"
        elif match := _UNDEFINED.match(message):
            problem = f"nama '{match['name']}' tidak dikenal"
        elif (match := _NO_ATTRIBUTE.match(message)) and sandbox.forbidden_name(match["name"]):
            problem = f"memakai atribut terlarang '{match['name']}'"
        elif match:
            problem = f"nilai '{match['name']}' tidak ada"
        elif isinstance(exc, jinja2.UndefinedError):
            problem = "nilai yang dipakai tidak ada"
        elif isinstance(exc, jinja2.TemplateError):
            problem = "perintah templat gagal"
        elif _template_frame(exc.__traceback__) is None:
            problem = "hasilnya bukan dokumen Word yang sah"
        else:
            problem = next(
                (text for kind, text in _FAILURES if isinstance(exc, kind)), "perintah templat gagal"
            )
        source, line = self._location(exc)
        where = _paragraph(source, line)
        label = self._labels.get(source, BODY)
        place = f" di {label}" if label != BODY and where else ""
        text = f"Templat {self.name} tidak dapat diisi: {problem}"
        return f"{text}, pada paragraf «{where}»{place}." if where else f"{text}."

    def _location(self, exc: Exception) -> tuple[str, int | None]:
        """(source, line) of the template part where ``exc`` happened."""
        if isinstance(exc, jinja2.TemplateSyntaxError):
            return self._env.sources.get(exc.filename or "", ""), exc.lineno
        frame = _template_frame(exc.__traceback__)
        if frame is None:
            return "", None
        return self._env.sources.get(frame[0], ""), frame[1]


def fetching_fields(document: DocumentObject) -> list[field_codes.Field]:
    """Fields of a filled document that would fetch a file or an address, in every XML part."""
    found: list[field_codes.Field] = []
    for part in document.part.package.iter_parts():
        element = getattr(part, "element", None)
        if element is not None:
            found += field_codes.find_fetching(element)
        elif part.content_type.endswith("+xml") and field_codes.may_hold_fields(part.blob):
            found += field_codes.find_fetching(etree.fromstring(part.blob, _SAFE_PARSER))
    return found


def _as_compiled(source: str) -> str:
    """What DocxTemplate.render_xml_part compiles: one paragraph per line."""
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", source)


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
    props.keywords = fit(f"{texts['keywords']}; {info.year}")


def _template_frame(trace: TracebackType | None) -> tuple[str, int] | None:
    """(compiled file name, line) of the innermost template frame of a traceback (Jinja rewrites the
    frames of a failed render so they carry the template's own line numbers)."""
    found = None
    while trace is not None:
        name = trace.tb_frame.f_code.co_filename
        if name.startswith("<templat-"):
            found = (name, trace.tb_lineno)
        trace = trace.tb_next
    return found


def _paragraph(source: str, line: int | None, limit: int = 160) -> str:
    """Text of the template paragraph on that source line (one paragraph per line), cut short."""
    lines = source.splitlines()
    if line is None or not 0 < line <= len(lines):
        return ""
    text = " ".join(_TAGS.sub("", lines[line - 1]).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."
