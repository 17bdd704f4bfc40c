"""One page's flowchart drawn with Pillow, then cut into one picture per cell of the lanes.

Each picture is exactly its cell: the lane's width by the row's exact height. Placed edge to edge in
cells without margins, the pictures join into one drawing, so a line leaving a cell at its bottom
edge continues at the top edge of the cell below, in Word and in LibreOffice alike.
"""

from __future__ import annotations

import functools
import io
import math

from PIL import Image, ImageDraw, ImageFont

from .geometry import font_file
from .route import Arrow, Drawing, Point, Shape, Symbol

DPI = 300
PX_PER_MM = DPI / 25.4
LINE_MM = 0.35  # lines and outlines
ARROW_MM = (2.2, 1.1)  # length, half width of an arrowhead
LABEL_PT = 6.5
INK = (38, 38, 38, 255)
WHITE = (255, 255, 255, 255)
CLEAR = (255, 255, 255, 0)  # the cell's borders show through where nothing is drawn
FILL = {
    Shape.TERMINATOR: (222, 235, 247, 255),  # pale blue
    Shape.PROCESS: (222, 235, 247, 255),
    Shape.DECISION: (255, 242, 204, 255),  # pale gold
    Shape.CONNECTOR: WHITE,
}

Tile = bytes | None  # a cell's PNG, or None when nothing is drawn there


def _palette() -> Image.Image:
    """The few colours of the drawing; the first, white, is stored as transparent."""
    colours = [WHITE, INK, *dict.fromkeys(FILL.values())]
    palette = Image.new("P", (1, 1))
    flat = [channel for colour in colours for channel in colour[:3]]
    palette.putpalette(flat + flat[-3:] * (256 - len(colours)))
    return palette


_PALETTE = _palette()


def _px(mm: float) -> int:
    return round(mm * PX_PER_MM)


def _xy(point: Point) -> tuple[int, int]:
    return _px(point[0]), _px(point[1])


@functools.cache
def _label_font(bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    size = round(LABEL_PT * DPI / 72)
    path = font_file(bold)
    if path is not None:
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


def render(drawing: Drawing) -> Image.Image:
    """The page's lanes as one picture: arrows under the symbols, arrowheads and labels on top."""
    image = Image.new("RGBA", (_px(drawing.width), _px(drawing.height)), CLEAR)
    pen = ImageDraw.Draw(image)
    width = max(1, _px(LINE_MM))
    for arrow in drawing.arrows:
        pen.line([_xy(p) for p in arrow.points], fill=INK, width=width, joint="curve")
    for symbol in drawing.symbols:
        _symbol(pen, symbol, width)
    for arrow in drawing.arrows:
        _head(pen, arrow)
        if arrow.label:
            _label(pen, arrow)
    return image


def _symbol(pen: ImageDraw.ImageDraw, symbol: Symbol, width: int) -> None:
    box = (_px(symbol.left), _px(symbol.top), _px(symbol.right), _px(symbol.bottom))
    fill = FILL[symbol.shape]
    if symbol.shape is Shape.TERMINATOR:
        pen.rounded_rectangle(box, radius=(box[3] - box[1]) // 2, fill=fill, outline=INK, width=width)
    elif symbol.shape is Shape.PROCESS:
        pen.rectangle(box, fill=fill, outline=INK, width=width)
    elif symbol.shape is Shape.DECISION:
        points = [symbol.port(side) for side in ("top", "right", "bottom", "left")]
        pen.polygon([_xy(p) for p in points], fill=fill, outline=INK, width=width)
    else:
        h = symbol.height
        points = [
            (symbol.left, symbol.top),
            (symbol.right, symbol.top),
            (symbol.right, symbol.top + h * 0.62),
            (symbol.cx, symbol.bottom),
            (symbol.left, symbol.top + h * 0.62),
        ]
        pen.polygon([_xy(p) for p in points], fill=fill, outline=INK, width=width)
        font = _label_font(bold=True)
        pen.text(_xy((symbol.cx, symbol.top + h * 0.4)), symbol.text, fill=INK, font=font, anchor="mm")


def _head(pen: ImageDraw.ImageDraw, arrow: Arrow) -> None:
    (x1, y1), (x2, y2) = arrow.points[-2], arrow.points[-1]
    length = math.hypot(x2 - x1, y2 - y1) or 1.0
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    long, half = ARROW_MM
    base = (x2 - ux * long, y2 - uy * long)
    points = [
        (x2, y2),
        (base[0] - uy * half, base[1] + ux * half),
        (base[0] + uy * half, base[1] - ux * half),
    ]
    pen.polygon([_xy(p) for p in points], fill=INK)


def _label(pen: ImageDraw.ImageDraw, arrow: Arrow) -> None:
    """ "Ya" or "Tidak" beside the start of the line leaving a decision."""
    (x1, y1), (x2, _) = arrow.points[0], arrow.points[1]
    font = _label_font()
    if abs(x1 - x2) < 1e-6:  # leaves downwards: the label right of the line
        pen.text(_xy((x1 + 1.0, y1 + 0.6)), arrow.label, fill=INK, font=font, anchor="la")
    elif x2 > x1:  # leaves to the right: the label over the line
        pen.text(_xy((x1 + 0.8, y1 - 0.6)), arrow.label, fill=INK, font=font, anchor="ld")
    else:
        pen.text(_xy((x1 - 0.8, y1 - 0.6)), arrow.label, fill=INK, font=font, anchor="rd")


def tiles(drawing: Drawing, lanes: int) -> list[list[Tile]]:
    """[row][lane] -> the PNG of that cell; None where the cell is blank. Equal cells share one PNG."""
    image = render(drawing)
    encoded: dict[bytes, bytes] = {}
    found: list[list[Tile]] = []
    for top, height in drawing.rows:
        line: list[Tile] = []
        for lane in range(lanes):
            box = (_px(lane * drawing.lane), _px(top), _px((lane + 1) * drawing.lane), _px(top + height))
            piece = image.crop(box)
            if not _inked(piece):
                line.append(None)
                continue
            raw = piece.tobytes()
            if raw not in encoded:
                encoded[raw] = _png(piece)
            line.append(encoded[raw])
        found.append(line)
    return found


def _inked(piece: Image.Image) -> bool:
    """Whether anything is drawn in the picture."""
    return piece.getchannel("A").getbbox() is not None


def _png(piece: Image.Image) -> bytes:
    """The cell as a palette PNG (a handful of colours, the blank ones transparent)."""
    out = io.BytesIO()
    piece.convert("RGB").quantize(palette=_PALETTE, dither=Image.Dither.NONE).save(
        out, format="PNG", optimize=False, compress_level=6, transparency=0
    )
    return out.getvalue()
