"""Check a (custom) Word template before use, never running it outside the sandbox and its bounds.

In order: the file as a zip (limits, XML bombs, external relationships), a static look at every
part's tags (syntax, forbidden attributes, unknown filters and tests, tags that load other files,
names the program does not provide), then a trial fill with the bundled example workbooks. A custom
template is looked at and filled in the same bounded child process `buat` uses (generator.render).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .pipeline import DEFAULT_INPUTS, load_decree
from .render import Renderer, TemplateError
from .template_worker import WorkerBug

SAMPLE_WORKBOOKS = ("sale-2020.xlsx", "tempursari-2024.xlsx")


@dataclass
class TemplateReport:
    """Errors stop the template from being used; ``removed`` are warnings, the rest information."""

    errors: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # external relationships dropped from decrees
    links: list[str] = field(default_factory=list)  # http(s)/mailto links in the text, kept
    unused: list[str] = field(default_factory=list)
    used: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _samples():
    """The bundled example decrees (pictures left out)."""
    for name in SAMPLE_WORKBOOKS:
        decree, _ = load_decree(DEFAULT_INPUTS / name)
        if decree is None:
            raise RuntimeError(f"contoh buku kerja bawaan {name} tidak sah")
        yield decree


def check_template(path: Path) -> TemplateReport:
    """Everything wrong with the template at ``path``, in Indonesian."""
    report = TemplateReport()
    try:
        renderer = Renderer(Path(path), prepare=False)
    except TemplateError as exc:
        report.errors.append(str(exc))
        return report
    try:
        report.removed, report.links = list(renderer.removed), list(renderer.links)
        _check(renderer, report)
    except TemplateError as exc:
        report.errors.append(str(exc))
    except WorkerBug as exc:
        report.errors.append(
            f"Kesalahan tak terduga pada program saat memeriksa templat {renderer.name} ({exc}); "
            "mohon laporkan kepada pengelola program."
        )
    finally:
        renderer.close()
    return report


def _check(renderer: Renderer, report: TemplateReport) -> None:
    scan = renderer.scan()
    report.errors.extend(scan.problems)
    if report.errors:
        return
    decrees = list(_samples())
    provided = renderer.context(decrees[0], {})
    report.used = sorted(scan.names)
    for name in sorted(scan.names - provided.keys()):
        report.errors.append(f"Templat {renderer.name} memakai nama '{name}' yang tidak disediakan program.")
    report.unused = sorted(provided.keys() - scan.names)
    if report.errors:
        return
    renderer.prepare()
    for decree in decrees:  # catches misspelt attributes, which only show when filled
        renderer.render(decree, {})
