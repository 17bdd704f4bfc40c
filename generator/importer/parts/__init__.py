"""One recogniser per part of a decree, in the order their opening words are tried.

To read a new part, write a :class:`~generator.importer.reading.Part` (its opening words in ``opens``,
what its lines mean in ``take``, what it writes in ``close``) and add it here.
"""

from __future__ import annotations

from ..reading import Part
from .body import Clause, Diktum, Tembusan
from .heading import Heading
from .iku import Iku
from .kinerja import Kinerja
from .kop import Cover, Kop
from .lampiran import Header, Section
from .organisation import Bagan, Organisation, Tupoksi
from .peta import Peta
from .signature import Signature
from .tables import Instrument, Keterkaitan


def all_parts() -> list[Part]:
    """Fresh recognisers for one document."""
    return [
        Cover(),
        Kop(),
        Heading(),
        Clause("menimbang", "Menimbang", "menimbang"),
        Clause("mengingat", "Mengingat", "mengingat"),
        Clause("memperhatikan", "Memperhatikan", None),
        Clause("membaca", "Membaca", None),
        Diktum(),
        Signature(),
        Tembusan(),
        Header(),
        Section("sejarah", "sejarah", ("SEJARAH PEMBENTUKAN", "SEJARAH")),
        Section("dasar_hukum", "dasar_hukum", ("DASAR HUKUM",)),
        Organisation(),
        Bagan(),
        Tupoksi(),
        Instrument(),
        Keterkaitan(),
        Peta(),
        Kinerja(),
        Iku(),
    ]
