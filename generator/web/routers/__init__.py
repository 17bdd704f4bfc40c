"""One router per area of the site; ``AREAS`` is their order in the navigation.

Each module has ``router`` (an APIRouter) and ``NAV`` (its navigation entry, or None). A new area
(Impor, SOP, Audit, accounts) is a new module added to ``AREAS``.
"""

from . import audit, banding, beranda, berkas, buat, impor, tahun_baru, templat

AREAS = (beranda, impor, buat, tahun_baru, banding, audit, templat, berkas)
