"""The SOP AP document (PermenPAN-RB 35/2012) of every process a workbook broke into steps.

``build_sop(decree)`` gives the .docx bytes: per process its identity table, then its flowchart on
landscape pages (No | Kegiatan | a column per pelaksana with the symbols | Mutu Baku | Keterangan), the
two header rows on every page. The same workbook always gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io

from ..model import Decree, SopIdentity
from ..render import set_properties
from ..steps import lanes, processes_with_steps
from ..writer import reproducible_zip
from .document import Flowchart, Pictures, flowchart, identity, new_document, page_break, page_size_mm
from .draw import tiles
from .geometry import CONNECTOR_ROW_MM, HEADER_ROW_MM, PAGE_SLACK, columns, header_height, step_height
from .pages import paginate
from .route import draw_page

__all__ = ["build_sop", "flowcharts", "sop_name"]


def sop_name(kecamatan: str, year: int) -> str:
    """ "SOP-Tempursari-2024.docx", named like the decree beside it."""
    from ..writer import output_name

    return output_name(kecamatan, year).replace("Keputusan-Camat-", "SOP-", 1)


def flowcharts(decree: Decree) -> list[Flowchart]:
    """Every process with steps, laid out for the decree's paper: pages, symbols, pictures."""
    width, height = page_size_mm(decree)
    charts = []
    for process in processes_with_steps(decree):
        columns_of = lanes(decree, process.code)
        lane_of = {lane.key: index for index, lane in enumerate(columns_of)}
        cols = columns(width, len(columns_of))
        head = header_height([lane.name for lane in columns_of], cols)
        capacity = height * PAGE_SLACK - HEADER_ROW_MM - head

        def height_of(step, cols=cols):
            return step_height(step, cols)

        pages = paginate(decree.steps_of(process.code), lane_of, height_of, capacity, CONNECTOR_ROW_MM)
        drawn = [draw_page(page, lane_of, len(columns_of), cols.lane) for page in pages]
        charts.append(
            Flowchart(
                process=process,
                identity=decree.sop_of(process.code) or SopIdentity(process.code),
                lanes=tuple(columns_of),
                columns=cols,
                header_height=head,
                pages=tuple(pages),
                tiles=tuple(tiles(drawing, len(columns_of)) for drawing in drawn),
            )
        )
    return charts


def build_sop(decree: Decree) -> bytes:
    """The SOP document as reproducible .docx bytes; ValueError when no process has steps."""
    charts = flowcharts(decree)
    if not charts:
        raise ValueError("Tidak ada proses yang dijabarkan ke dalam langkah (lembar Langkah kosong).")
    document = new_document(decree)
    pictures = Pictures(document)
    width, _ = page_size_mm(decree)
    for number, chart in enumerate(charts):
        if number:
            page_break(document)
        identity(document, pictures, decree, chart, width)
        page_break(document)
        flowchart(document, pictures, chart)
    document.add_paragraph(style="SOP Gambar")
    _properties(document, decree)
    out = io.BytesIO()
    document.save(out)
    return reproducible_zip(out.getvalue(), decree.info.date or dt.date(decree.info.year, 1, 1))


def _properties(document, decree: Decree) -> None:
    """The decree's core properties (from the decree only: same workbook, same document), retitled."""
    set_properties(document, decree)
    props = document.core_properties
    props.title = f"Standar Operasional Prosedur {decree.kecamatan_title} Tahun {decree.info.year}"
    props.subject = "Standar Operasional Prosedur Administrasi Pemerintahan"
    props.keywords = "SOP"
