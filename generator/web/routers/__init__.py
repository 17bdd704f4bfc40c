"""One router per area of the site; ``AREAS`` is their order in the navigation.

Each module has ``router`` (an APIRouter) and ``NAV`` (its navigation entry, or None). A new area
(Impor, SOP, Audit, accounts) is a new module added to ``AREAS``. The workspace's routers (``masuk``,
``ruang`` and the admin's ``papan``, ``akun``, ``tahun``, ``catatan``, with ``versi``) share one entry,
"Ruang kerja"; their own menu is in ``ruang_pages.menu``.
"""

from . import (
    akun,
    audit,
    banding,
    beranda,
    berkas,
    buat,
    catatan,
    impor,
    masuk,
    papan,
    ruang,
    tahun,
    tahun_baru,
    templat,
    versi,
)

AREAS = (beranda, impor, buat, tahun_baru, banding, audit, templat, berkas)
WORKSPACE = (ruang, masuk, versi, papan, akun, tahun, catatan)
