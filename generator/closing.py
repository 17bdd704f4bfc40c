"""The figure printed right before the Lampiran's signature, and the room that signature needs under it.

A signature never stands alone on a page. The block is one row that never splits, so when the Lampiran
ends with a figure, that figure is drawn (diagrams/) and placed (context.py) short enough to leave the
block room on the same page; both ask here, so they cannot disagree.
"""

from __future__ import annotations

from collections.abc import Sequence

from .figures import Figure, labels
from .model import Decree
from .narrative import build_narrative

BODY_PT = 12  # the template's body size (scripts/build_template.py), when the Tata Naskah sets none
LINE_RATIO = 1.2  # a line's height over its font size: Liberation Serif sets 1.15, Bookman a little more
MM_PER_PT = 25.4 / 72
# The template's signature styles: the spacer paragraph before the block (2 pt), "Ditetapkan di" 18 pt
# below it, the space to sign 60 pt; an electronic signature has its line 6 pt down, 4 pt under the
# position, the QR specimen's 2.5 cm and 6 pt over the name instead.
SPACER_PT, FIRST_PT, SIGN_PT = 2, 18, 60
ELECTRONIC_PT = 6 + 4 + 2.5 / 2.54 * 72 + 6


def closing_figure(decree: Decree, plan: Sequence[Figure]) -> str | None:
    """Key of the figure the Lampiran's signature follows directly; None when text comes between.

    The Cascading Kinerja's boxes (and the IKU table after them) follow the last figure whenever the
    decree has kinerja; in the narrative, the last section's paragraphs or list may follow its figure.
    """
    if not plan or not decree.processes or decree.kinerja:
        return None
    last = plan[-1].key
    if decree.lampiran.narrative:
        sections = build_narrative(decree, labels(list(plan))).flat
        end = sections[-1] if sections else None
        if end is None or end.figure != last or end.after or end.items:
            return None
    return last


def signature_height_mm(decree: Decree) -> float:
    """Height of the signature block as printed, with one line to spare for a wrapped name or position."""
    signer = decree.signer
    line = (decree.tata_naskah.font_size or BODY_PT) * LINE_RATIO
    pangkat = bool(signer.pangkat.strip() or signer.golongan.strip())
    lines = 2 + len(signer.position_lines) + 1 + pangkat + 1 + 1  # place and date, ..., name, NIP, spare
    space = SPACER_PT + FIRST_PT + (ELECTRONIC_PT + line if signer.electronic else SIGN_PT)
    return (space + lines * line) * MM_PER_PT
