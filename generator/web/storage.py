"""Each visit's files in a private folder, addressed by an unguessable token, deleted when idle.

The token lives only in the visitor's cookie; on disk a visit's folder is named by the token's hash, so
a listing of the data folder gives no one a token. Visits idle longer than the retention time are
deleted by a sweeper thread, and all of them when the server stops (and any left over by a crash, when
it starts again).
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .settings import Settings

log = logging.getLogger(__name__)

VISITS_FOLDER = "kunjungan"
TOKEN_BYTES = 32


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_key(token: str) -> str:
    """The name of a visit's folder: a hash, so the folder name never gives the token away."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()[:40]


@dataclass
class Visit:
    """One visitor's work: its folder, the template it chose, its submissions (kiriman) by id."""

    key: str
    folder: Path
    last_used: float
    template: Path | None = None  # a checked template uploaded on the Templat page
    template_name: str = ""
    submissions: dict[str, object] = field(default_factory=dict)
    stored_bytes: int = 0

    def new_folder(self) -> tuple[str, Path]:
        """A fresh unguessable id and its folder inside this visit's folder."""
        ident = secrets.token_urlsafe(16)
        path = self.folder / ident
        path.mkdir(parents=True, mode=0o700)
        return ident, path


class StorageFull(Exception):
    """The server keeps too many uploads already; the message is one Indonesian sentence."""


class Storage:
    """Visits by token, their folders under ``root``; thread-safe."""

    def __init__(
        self, settings: Settings, root: Path | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.settings = settings
        self.clock = clock  # injectable, so a test can let an hour pass at once
        self._own_base: Path | None = None
        if root is None:
            if settings.data_dir is None:
                self._own_base = Path(tempfile.mkdtemp(prefix="keputusan-web-"))
                base = self._own_base
            else:
                base = Path(settings.data_dir)
            root = base / VISITS_FOLDER
        self.root = Path(root)
        self._visits: dict[str, Visit] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._sweeper: threading.Thread | None = None
        self.on_expire: list[Callable[[Visit], None]] = []

    # --- lifetime -----------------------------------------------------------------------------

    def start(self) -> None:
        """Clear what a previous run left behind, then sweep expired visits in the background."""
        if self.root.exists():
            shutil.rmtree(self.root, ignore_errors=True)
        self.root.mkdir(parents=True, mode=0o700)
        self._stop.clear()
        self._sweeper = threading.Thread(target=self._sweep_loop, name="penyapu-kunjungan", daemon=True)
        self._sweeper.start()

    def close(self) -> None:
        """Delete every visit's files (server shutdown)."""
        self._stop.set()
        if self._sweeper is not None:
            self._sweeper.join(timeout=5)
        with self._lock:
            visits = list(self._visits.values())
            self._visits.clear()
        for visit in visits:
            self._notify(visit)
        shutil.rmtree(self.root, ignore_errors=True)
        if self._own_base is not None:
            shutil.rmtree(self._own_base, ignore_errors=True)

    # --- visits -------------------------------------------------------------------------------

    def create(self) -> tuple[str, Visit]:
        """A new visit and the token that addresses it."""
        token = new_token()
        key = token_key(token)
        folder = self.root / key
        folder.mkdir(parents=True, mode=0o700)
        visit = Visit(key, folder, self.clock())
        with self._lock:
            self._visits[key] = visit
        return token, visit

    def get(self, token: str | None) -> Visit | None:
        """The live visit of ``token`` (its clock restarted), or None when unknown or expired."""
        if not token or len(token) > 200:
            return None
        key = token_key(token)
        now = self.clock()
        with self._lock:
            visit = self._visits.get(key)
            if visit is None:
                return None
            if now - visit.last_used > self.settings.retention_seconds:
                expired = self._visits.pop(key)
            else:
                visit.last_used = now
                return visit
        self._delete(expired)
        return None

    def reserve(self, visit: Visit, size: int) -> None:
        """Count ``size`` bytes of uploads against the server's limit, or refuse them."""
        limit = int(self.settings.storage_mb * (1 << 20))
        with self._lock:
            total = sum(v.stored_bytes for v in self._visits.values())
            if total + size > limit:
                raise StorageFull(
                    "Server sedang menyimpan terlalu banyak berkas; coba lagi beberapa menit lagi."
                )
            visit.stored_bytes += size

    def sweep(self) -> int:
        """Delete visits idle longer than the retention time; returns how many."""
        now = self.clock()
        with self._lock:
            expired = [
                v for v in self._visits.values() if now - v.last_used > self.settings.retention_seconds
            ]
            for visit in expired:
                del self._visits[visit.key]
        for visit in expired:
            self._delete(visit)
        return len(expired)

    def __len__(self) -> int:
        with self._lock:
            return len(self._visits)

    def _sweep_loop(self) -> None:
        while not self._stop.wait(self.settings.sweep_seconds):
            try:
                self.sweep()
            except Exception:  # the sweeper must outlive any one failure
                log.exception("penyapuan kunjungan gagal")

    def _delete(self, visit: Visit) -> None:
        self._notify(visit)
        shutil.rmtree(visit.folder, ignore_errors=True)

    def _notify(self, visit: Visit) -> None:
        for callback in self.on_expire:
            try:
                callback(visit)
            except Exception:
                log.exception("pemberitahuan kunjungan berakhir gagal")
