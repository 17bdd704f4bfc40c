"""The figure the Lampiran's signature follows is drawn and placed short enough to share its page.

The page itself is checked on the PDF in tests/test_examples.py (Tempursari's signature block stands
on the page of its last Peta Lintas Fungsi); here, which figure that is and the room it leaves.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace

import pytest

from generator.closing import closing_figure, signature_height_mm
from generator.context import (
    FIGURE_ALLOWANCE_MM,
    FIGURE_SLACK_MM,
    build_context,
    text_height_mm,
    text_width_mm,
)
from generator.diagrams import Diagram, build_sources
from generator.diagrams.page import MM_PER_INCH, printable_box
from generator.figures import PETA, category_key, lintas_key, plan_figures
from generator.model import Category, Decree
from generator.pipeline import load_decree
from tests.conftest import TEMPURSARI
from tests.factories import sale_decree, with_lampiran, with_signer, write_png

_SIZE = re.compile(r'size="([\d.]+),([\d.]+)"')


@pytest.fixture(scope="module")
def tempursari() -> Decree:
    decree, problems = load_decree(TEMPURSARI)
    assert decree is not None, [str(p) for p in problems.errors]
    return decree


def test_tempursari_ends_its_lampiran_with_its_last_peta_lintas_fungsi(tempursari: Decree) -> None:
    assert closing_figure(tempursari, plan_figures(tempursari)) == lintas_key("L.8")


def test_text_between_the_last_figure_and_the_signature_leaves_every_figure_its_page() -> None:
    with_kinerja = sale_decree()  # the Cascading Kinerja's boxes follow its figure
    assert with_kinerja.kinerja and closing_figure(with_kinerja, plan_figures(with_kinerja)) is None
    narrative = with_lampiran(sale_decree(kinerja=(), relations=()), narrative=True)
    plan = plan_figures(narrative)
    assert plan[-1].key == PETA  # its paragraphs per category are printed after the figure
    assert closing_figure(narrative, plan) is None
    maps = sale_decree(kinerja=())  # without the narrative, the last category map ends the Lampiran
    assert closing_figure(maps, plan_figures(maps)) == category_key(Category.PENDUKUNG)


def test_the_closing_figure_is_laid_out_in_the_box_less_the_signature(tempursari: Decree) -> None:
    box = printable_box(tempursari.info.paper)
    closing = lintas_key("L.8")
    for key, source in build_sources(tempursari, plan_figures(tempursari)).items():
        width, height = map(float, _SIZE.search(source).groups())
        assert width == box.width_in, key
        if key == closing:
            expected = math.floor((box.height_in - signature_height_mm(tempursari) / MM_PER_INCH) * 1000)
            assert height == expected / 1000
        else:
            assert height == box.height_in, key


def test_a_taller_signature_leaves_more_room() -> None:
    base = sale_decree()
    two_lines = with_signer(base, position="a.n. CAMAT SALE\nSekretaris Kecamatan")
    electronic = with_signer(base, electronic=True)
    larger = replace(base, tata_naskah=replace(base.tata_naskah, font_size=14))
    height = signature_height_mm(base)
    assert 50 < height < 70  # the template's block at 12 pt: about 53 mm as LibreOffice sets it, a line spare
    assert signature_height_mm(two_lines) > height
    assert signature_height_mm(electronic) > height
    assert signature_height_mm(larger) > height


def test_the_closing_figure_is_never_enlarged_into_the_signature(tmp_path, tempursari: Decree) -> None:
    """A small picture is enlarged up to 1.2 times, but not the closing one past the room it has."""
    widths: dict[str, float] = {}

    def image(path, width_mm):
        widths[path.name] = width_mm
        return path.name

    images = {
        figure.key: Diagram(write_png(tmp_path / f"{number}.png"), 150, 170)
        for number, figure in enumerate(plan_figures(tempursari))
    }
    build_context(tempursari, images, image)
    closing, other = images[lintas_key("L.8")], images[PETA]
    height = text_height_mm(tempursari.info.paper) - FIGURE_ALLOWANCE_MM
    width = text_width_mm(tempursari.info.paper) - FIGURE_SLACK_MM
    assert widths[other.path.name] == width  # as wide as the text block: 186 mm tall, within 240 mm
    room = height - signature_height_mm(tempursari)
    assert widths[closing.path.name] * 170 / 150 == pytest.approx(room, abs=0.01)
