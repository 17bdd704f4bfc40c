"""PostgreSQL's own programs (pg_dump, pg_restore) run against the workspace's database URL."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from sqlalchemy.engine import URL

from .errors import BackupError

DEBIAN_BINARIES = Path("/usr/lib/postgresql")
TIMEOUT = 3600


def tool(name: str) -> str:
    """The newest installed ``name`` (Debian keeps each major version apart), else the one on PATH."""
    versions = sorted(
        (p for p in DEBIAN_BINARIES.glob(f"*/bin/{name}") if p.parent.parent.name.isdigit()),
        key=lambda p: int(p.parent.parent.name),
    )
    found = str(versions[-1]) if versions else shutil.which(name)
    if not found:
        raise BackupError(f"Program {name} tidak ditemukan; pasang paket postgresql-client lalu ulangi.")
    return found


def connection(url: URL) -> tuple[str, dict[str, str]]:
    """A libpq connection URI without the password, and the environment that carries the password."""
    env = {"PGPASSWORD": url.password} if url.password else {}
    plain = url.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def run(name: str, arguments: list[str], url: URL) -> None:
    """Run a PostgreSQL program; its failure becomes one sentence with the program's own last line."""
    uri, env = connection(url)
    command = [tool(name), f"--dbname={uri}", *arguments]
    try:
        done = subprocess.run(
            command,
            env={**os.environ, **env},
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise BackupError(f"{name} tidak selesai dalam {TIMEOUT // 60} menit.") from exc
    if done.returncode != 0:
        raise BackupError(f"{name} gagal: {_last_line(done.stderr)}.")


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    line = lines[-1] if lines else "tanpa keterangan"
    return re.sub(r"password=\S+", "password=***", line)[:300]
