"""One workbook through every stage: read, validate, figures, render, write."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .atomic import TargetIsFolder
from .failures import describe_os_error
from .figures import plan_figures
from .model import Decree
from .problems import Problem, Problems, Severity, WorkbookError
from .reader import read_workbook
from .render import TemplateError
from .validator import validate
from .writer import OutputError, output_name, write_output

PROJECT_DIR = Path(__file__).resolve().parent.parent
DEFAULT_TEMPLATE = PROJECT_DIR / "templates" / "keputusan.docx"
DEFAULT_INPUTS = PROJECT_DIR / "inputs"
DEFAULT_OUTPUTS = PROJECT_DIR / "outputs"

Claim = Callable[[Path], str]  # output about to be written -> "" or why this workbook may not write it
OnStage = Callable[[str], None]  # told each stage's name ("baca", "validasi", ...) as it starts


@dataclass(frozen=True)
class Options:
    out_dir: Path = DEFAULT_OUTPUTS
    template: Path = DEFAULT_TEMPLATE
    figures: bool = True
    force: bool = False
    cache_dir: Path | None = None
    files_allowed: bool = True  # False (web uploads): a workbook may not name files on this machine
    sop: bool = False  # also write SOP-<Kecamatan>-<Tahun>.docx for the processes with steps


@dataclass
class Result:
    """What happened to one workbook; ``error`` is one Indonesian sentence when it failed."""

    workbook: Path
    output: Path | None = None
    written: bool = False
    problems: list[Problem] = field(default_factory=list)
    error: str = ""
    timings: dict[str, float] = field(default_factory=dict)
    decree: Decree | None = None
    trace: str = ""  # full traceback of an unexpected error, shown only with KEPUTUSAN_DEBUG=1
    sop_output: Path | None = None
    sop_written: bool = False
    unreadable: bool = False  # the file itself was refused (not a workbook, damaged, over a limit)

    @property
    def ok(self) -> bool:
        return not self.error and not any(p.severity is Severity.ERROR for p in self.problems)


@contextmanager
def _timed(timings: dict[str, float], stage: str, on_stage: OnStage | None = None) -> Iterator[None]:
    if on_stage is not None:
        on_stage(stage)
    start = time.perf_counter()
    try:
        yield
    finally:
        timings[stage] = timings.get(stage, 0.0) + time.perf_counter() - start


def load_decree(
    path: Path,
    timings: dict[str, float] | None = None,
    *,
    files_allowed: bool = True,
    data: bytes | None = None,
    on_stage: OnStage | None = None,
) -> tuple[Decree | None, Problems]:
    """Read and validate; raises WorkbookError when the file is not a readable workbook.

    ``files_allowed=False`` is for uploads: a cell naming a file (the Logo) is then an error, since
    nothing on the server may be read on a visitor's behalf. ``data``: the workbook's bytes, already
    read once (reader.check_file), to validate instead of reading ``path`` again. ``on_stage`` hears
    each stage start (a face showing progress).
    """
    timings = {} if timings is None else timings
    with _timed(timings, "baca", on_stage):
        raw = read_workbook(Path(path), data)
    with _timed(timings, "validasi", on_stage):
        return validate(raw, files_allowed=files_allowed)


def renderer_for(template: Path):
    """One loaded template per process and template file: loading it is the costly part.

    Keyed by the file's path, size and modification time, so a long-lived process (the web app) never
    fills a template that was replaced on disk with the old one. Raises TemplateError (one Indonesian
    sentence) when the template cannot be used.
    """
    path = Path(template)
    try:
        info = path.stat()
        key = (info.st_size, info.st_mtime_ns)
    except OSError:
        key = None  # the Renderer says why the file cannot be read
    return _renderer(path, key)


@lru_cache(maxsize=4)
def _renderer(template: Path, stamp: tuple[int, int] | None):
    from .render import Renderer

    return Renderer(template)


def template_problem(template: Path) -> str:
    """The sentence saying why ``template`` cannot be used, or "": checked once before a batch."""
    try:
        renderer_for(Path(template))
    except TemplateError as exc:
        return str(exc)
    return ""


def build_document(
    decree: Decree, options: Options, timings: dict[str, float], on_stage: OnStage | None = None
) -> bytes:
    """Render the decree to reproducible .docx bytes (diagrams drawn first unless turned off)."""
    figures = plan_figures(decree)
    images = {}
    if options.figures and figures:
        from .diagrams import render_diagrams

        with _timed(timings, "gambar", on_stage):
            images = render_diagrams(decree, figures, options.cache_dir, pieces=True)
    renderer = renderer_for(Path(options.template))
    with _timed(timings, "render", on_stage):
        return renderer.render(decree, images)


def generate(
    path: Path, options: Options, *, claim: Claim | None = None, on_stage: OnStage | None = None
) -> Result:
    """Generate one decree; invalid input, an edited output or a refused claim writes nothing.

    ``claim`` is asked before any work on the document: a batch refuses a second workbook that would
    write the same output. OS errors (full disk, read-only folder, ...) become one Indonesian sentence.
    ``on_stage`` hears each stage as it starts, for a face that shows progress.
    """
    result = Result(Path(path))
    try:
        decree, problems = load_decree(
            path, result.timings, files_allowed=options.files_allowed, on_stage=on_stage
        )
    except WorkbookError as exc:
        result.error = str(exc)
        result.unreadable = True
        return result
    except OSError as exc:
        result.error = describe_os_error(exc, path, "membaca")
        return result
    result.problems = list(problems.items)
    if decree is None:
        result.error = f"{len(problems.errors)} galat pada buku kerja; tidak ada berkas yang ditulis."
        return result
    result.decree = decree
    if not Path(options.template).is_file():
        result.error = f"Templat {options.template} tidak ditemukan."
        return result
    output = Path(options.out_dir) / output_name(decree.office.kecamatan, decree.info.year)
    refusal = claim(output) if claim is not None else ""
    if refusal:
        result.error = refusal
        return result
    result.output = output
    writing: Path | None = None  # what an OSError is about: the output, once writing has begun
    try:
        data = build_document(decree, options, result.timings, on_stage)
        result.problems.extend(
            Problem(Severity.WARNING, removed) for removed in renderer_for(Path(options.template)).removed
        )
        writing = output
        with _timed(result.timings, "tulis", on_stage):
            result.written = write_output(output, data, force=options.force)
    except (TemplateError, OutputError, TargetIsFolder) as exc:
        result.error = str(exc)
    except OSError as exc:  # a full disk, a read-only folder, the picture cache refused ...
        result.error = describe_os_error(exc, writing, "menulis" if writing else "memakai")
    if options.sop and not result.error:
        write_sop(decree, options, result)
    return result


NO_STEPS = (
    "Belum ada proses yang dijabarkan ke dalam langkah (lembar Langkah kosong), sehingga dokumen SOP "
    "tidak dibuat."
)


def write_sop(decree: Decree, options: Options, result: Result) -> None:
    """Write SOP-<Kecamatan>-<Tahun>.docx beside the decree, by the same rules (stamp, no overwrite)."""
    from .sop import build_sop, sop_name

    if not decree.steps:
        sheet = decree.locations.title("steps", "Langkah")
        result.problems.append(Problem(Severity.WARNING, NO_STEPS, sheet=sheet))
        return
    result.sop_output = Path(options.out_dir) / sop_name(decree.office.kecamatan, decree.info.year)
    with _timed(result.timings, "sop"):
        data = build_sop(decree)
    try:
        with _timed(result.timings, "tulis"):
            result.sop_written = write_output(result.sop_output, data, force=options.force)
    except (OutputError, TargetIsFolder) as exc:
        result.error = str(exc)
    except OSError as exc:
        result.error = describe_os_error(exc, result.sop_output, "menulis")
