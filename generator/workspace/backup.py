"""One consistent backup of the workspace (database snapshot and the files its rows name, with a
manifest of hashes), and its restore into an empty data folder.

The database is copied first (SQLite's online backup API; PostgreSQL's pg_dump inside an exported
snapshot), then exactly the files the copied rows name: a file stored after the snapshot is not in
the backup, and every row in it has its file. A restore checks every hash before it touches anything.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import func, inspect, select, text
from sqlalchemy.exc import SQLAlchemyError

from ..archive import ArchiveError, Limits
from ..archive import inspect as inspect_archive
from . import pgtools
from .config import Config
from .consistency import Consistency, check_consistency
from .database import current_revision, make_engine
from .errors import BackupError, StorageError
from .log import Action, record
from .models import Base, Output, Version, utcnow
from .space import Workspace
from .storage import CHUNK, FILES, ORPHANS, SCRATCH, STORED_NAME, Files, fsync_dir, sha256_file

FORMAT = "keputusan-cadangan"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SQLITE_SNAPSHOT = "basis-data.sqlite3"
PG_SNAPSHOT = "basis-data.pgdump"
GB = 1 << 30
LIMITS = Limits(
    max_entries=1_000_000,
    max_total=256 * GB,
    max_entry=16 * GB,
    max_ratio=1_100.0,  # past deflate's own limit (about 1 030:1, which a young SQLite file nears)
    # a backup holds its files stored as they are and one deflated database: past 256 MB it never
    # unpacks to 50 times its size on the whole, which a zip bomb of a few MB does (deflate: 1 030:1)
    parts={MANIFEST: 16 << 20},  # about 90 000 files; json.loads stays well under 1 GB at that size
    total_ratio=50.0,
    total_free=256 << 20,
)


@dataclass(frozen=True)
class FileEntry:
    name: str
    sha256: str
    size: int


@dataclass
class BackupResult:
    path: Path
    database: str  # "sqlite" or "postgresql"
    files: int
    size: int
    rows: dict[str, int]
    problems: list[str] = field(default_factory=list)  # rows whose file was missing or damaged


@dataclass
class RestoreResult:
    data_dir: Path
    database: str
    files: int
    rows: dict[str, int]
    consistency: Consistency
    previous: Path | None = None  # where the content that was replaced was backed up first


# --- writing ---------------------------------------------------------------------------------------


def default_name() -> str:
    """ "keputusan-cadangan-20270105-093000": sorts by time, never the same twice a second."""
    return f"keputusan-cadangan-{_stamp()}"


def backup(workspace: Workspace, destination: Path, *, as_folder: bool = False) -> BackupResult:
    """Write one backup: ``destination`` is the .zip (or, with ``as_folder``, the folder) to create."""
    destination = Path(destination)
    if destination.exists():
        raise BackupError(f"{destination} sudah ada; cadangan tidak pernah menimpa. Pilih nama lain.")
    if _inside(destination, workspace.config.data_dir):
        raise BackupError(
            f"Cadangan tidak boleh di dalam folder data {workspace.config.data_dir}; simpan di luar, "
            "sebaiknya di disk lain."
        )
    destination.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".cadangan-", dir=destination.parent) as work:
        staging = Path(work) / "isi"
        staging.mkdir()
        kind, snapshot, entries, rows, revision = _snapshot(workspace, staging)
        copied, problems = _copy_files(workspace.files, entries, staging)
        manifest = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "created_at": utcnow().isoformat(),
            "database": {
                "kind": kind,
                "file": snapshot.name,
                "sha256": sha256_file(snapshot),
                "size": snapshot.stat().st_size,
                "revision": revision,
            },
            "rows": rows,
            "files": [e.__dict__ for e in copied],
            "problems": problems,
        }
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
        if as_folder:
            _fsync_tree(staging)
            os.replace(staging, destination)
        else:
            _zip_into(staging, manifest, destination)
        fsync_dir(destination.parent)
    size = destination.stat().st_size if destination.is_file() else sum(e.size for e in copied)
    return BackupResult(destination, kind, len(copied), size, rows, problems)


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(Path(folder).resolve())
    except ValueError:
        return False
    return True


def _snapshot(workspace: Workspace, staging: Path) -> tuple[str, Path, list[FileEntry], dict[str, int], str]:
    """Copy the database into ``staging``; the file list and row counts are read from that same copy."""
    if workspace.config.is_sqlite:
        return ("sqlite", *_sqlite_snapshot(workspace.config.sqlite_file, staging / SQLITE_SNAPSHOT))
    return ("postgresql", *_pg_snapshot(workspace, staging / PG_SNAPSHOT))


def _sqlite_snapshot(database: Path, target: Path) -> tuple[Path, list[FileEntry], dict[str, int], str]:
    if not database.is_file():
        raise BackupError(f"Basis data {database} tidak ada; tidak ada yang dapat dicadangkan.")
    try:
        with contextlib.closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as source:
            with contextlib.closing(sqlite3.connect(target)) as copy:
                source.backup(copy)
        with contextlib.closing(sqlite3.connect(target)) as copy:
            copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
            entries = [FileEntry(*row) for row in copy.execute(_FILES_SQL)]
            present = {r[0] for r in copy.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            rows = {
                t: copy.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
                for t in _tables()
                if t in present
            }
            revision = copy.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    except sqlite3.Error as exc:
        raise BackupError(f"Basis data {database.name} tidak dapat disalin ({exc}).") from exc
    return target, entries, rows, revision


_FILES_SQL = (
    f"SELECT stored_name, sha256, size FROM {Version.__tablename__} "
    f"UNION SELECT stored_name, sha256, size FROM {Output.__tablename__} ORDER BY 1"
)


def _tables() -> list[str]:
    return [t.name for t in Base.metadata.sorted_tables]


def _pg_snapshot(workspace: Workspace, target: Path) -> tuple[Path, list[FileEntry], dict[str, int], str]:
    """pg_dump in the snapshot of an open REPEATABLE READ transaction, which then lists the files."""
    engine = workspace.engine
    try:
        with engine.connect().execution_options(isolation_level="REPEATABLE READ") as connection:
            with connection.begin():
                snapshot_id = connection.execute(text("SELECT pg_export_snapshot()")).scalar_one()
                pgtools.run(
                    "pg_dump",
                    ["--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot_id}",
                     f"--file={target}"],
                    engine.url,
                )  # fmt: skip
                entries = [FileEntry(*row) for row in connection.execute(text(_FILES_SQL))]
                present = set(inspect(connection).get_table_names())
                rows = {
                    t: connection.execute(text(f'SELECT count(*) FROM "{t}"')).scalar_one()
                    for t in _tables()
                    if t in present
                }
                revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    except SQLAlchemyError as exc:
        raise BackupError(f"Basis data tidak dapat dicadangkan ({type(exc).__name__}).") from exc
    return target, entries, rows, revision


def _copy_files(files: Files, entries: list[FileEntry], staging: Path) -> tuple[list[FileEntry], list[str]]:
    """Copy each named file, checking it against its row; a missing or damaged one is reported."""
    copied: list[FileEntry] = []
    problems: list[str] = []
    for entry in entries:
        source = files.path(entry.name)
        if not source.is_file():
            problems.append(f"Berkas {entry.name} hilang dari folder data; tidak ada di cadangan.")
            continue
        target = staging / entry.name
        target.parent.mkdir(parents=True, exist_ok=True)
        digest = _copy_hashing(source, target)
        if digest != entry.sha256:
            target.unlink()
            problems.append(
                f"Berkas {entry.name} rusak (isinya tidak sama dengan saat disimpan); tidak dicadangkan."
            )
            continue
        copied.append(entry)
    return copied, problems


def _copy_hashing(source: Path, target: Path) -> str:
    digest = hashlib.sha256()
    with source.open("rb") as read, target.open("wb") as write:
        while chunk := read.read(CHUNK):
            digest.update(chunk)
            write.write(chunk)
    return digest.hexdigest()


def _zip_into(staging: Path, manifest: dict[str, Any], destination: Path) -> None:
    """The staged backup as one zip, written beside ``destination`` and renamed into place."""
    fd, temp = tempfile.mkstemp(prefix=f".{destination.name}.", suffix=".tmp", dir=destination.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            with zipfile.ZipFile(handle, "w", allowZip64=True) as archive:
                archive.write(staging / MANIFEST, MANIFEST, zipfile.ZIP_DEFLATED)
                database = manifest["database"]["file"]
                archive.write(staging / database, database, zipfile.ZIP_DEFLATED)
                for entry in manifest["files"]:
                    archive.write(staging / entry["name"], entry["name"], zipfile.ZIP_STORED)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, destination)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _fsync_tree(root: Path) -> None:
    for folder, _dirs, names in os.walk(root):
        for name in names:
            with open(Path(folder) / name, "rb") as handle:
                os.fsync(handle.fileno())
        fsync_dir(Path(folder))


# --- reading a backup ------------------------------------------------------------------------------


class _Source:
    """A backup as a zip or a folder: its manifest, and each member's bytes by name."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.archive: zipfile.ZipFile | None = None
        if self.path.is_dir():
            self.names = None
            self.root = self.path.resolve()
        elif self.path.is_file():
            try:
                entries = inspect_archive(self.path, LIMITS, f"Cadangan {self.path.name}")
            except ArchiveError as exc:
                raise BackupError(str(exc)) from exc
            self.names = {e.filename for e in entries}
            self.archive = zipfile.ZipFile(self.path)
        elif self.path.exists():  # a pipe, a device
            raise BackupError(
                f"Cadangan {self.path} bukan berkas biasa (misalnya pipa atau perangkat) dan tidak dibaca."
            )
        else:
            raise BackupError(f"Cadangan {self.path} tidak ditemukan.")

    def close(self) -> None:
        if self.archive is not None:
            self.archive.close()

    @contextlib.contextmanager
    def open(self, name: str) -> Iterator[BinaryIO]:
        if self.archive is not None:
            if name not in (self.names or ()):
                raise BackupError(f"Cadangan {self.path.name} tidak utuh: {name} tidak ada di dalamnya.")
            with self.archive.open(name) as handle:
                yield handle  # type: ignore[misc]
            return
        member = self.path / name
        inside = member.resolve().is_relative_to(self.root)  # no folder of it links out of the backup
        if member.is_symlink() or not member.is_file() or not inside:
            raise BackupError(f"Cadangan {self.path.name} tidak utuh: {name} tidak ada di dalamnya.")
        with member.open("rb") as handle:
            yield handle

    def manifest(self) -> dict[str, Any]:
        try:
            with self.open(MANIFEST) as handle:
                manifest = json.loads(handle.read(LIMITS.parts[MANIFEST] + 1))
        except (ValueError, UnicodeDecodeError, RecursionError) as exc:  # deep nesting: RecursionError
            raise BackupError(
                f"{MANIFEST} di cadangan {self.path.name} rusak dan tidak dapat dibaca."
            ) from exc
        except (zipfile.BadZipFile, OSError) as exc:
            raise BackupError(f"Cadangan {self.path.name} rusak dan tidak dapat dibaca.") from exc
        return _checked_manifest(manifest, self.path.name, self.names)


def _checked_manifest(manifest: Any, label: str, names: set[str] | None) -> dict[str, Any]:
    """The manifest, when it is one this program wrote: known names only, every field of its type."""
    bad = BackupError(f"Cadangan {label} bukan cadangan ruang kerja keputusan, atau manifesnya rusak.")
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise bad
    if manifest.get("version") != FORMAT_VERSION:
        raise BackupError(
            f"Cadangan {label} berformat versi {manifest.get('version')!r}; program ini membaca versi "
            f"{FORMAT_VERSION}. Perbarui program."
        )
    database, files, rows = manifest.get("database"), manifest.get("files"), manifest.get("rows")
    if not (isinstance(database, dict) and isinstance(files, list) and isinstance(rows, dict)):
        raise bad
    expected = {"sqlite": SQLITE_SNAPSHOT, "postgresql": PG_SNAPSHOT}
    if expected.get(database.get("kind")) != database.get("file") or not _hash_and_size(database):
        raise bad
    seen: set[str] = set()
    for entry in files:
        if not (isinstance(entry, dict) and _hash_and_size(entry) and isinstance(entry.get("name"), str)):
            raise bad
        if not STORED_NAME.fullmatch(entry["name"]) or entry["name"] in seen:
            raise bad
        seen.add(entry["name"])
    if not all(isinstance(k, str) and isinstance(v, int) for k, v in rows.items()):
        raise bad
    if names is not None and names != {MANIFEST, database["file"], *seen}:
        raise BackupError(f"Cadangan {label} memuat bagian yang tidak disebut manifesnya; tidak dipulihkan.")
    return manifest


def _hash_and_size(entry: dict[str, Any]) -> bool:
    sha, size = entry.get("sha256"), entry.get("size")
    return (
        isinstance(sha, str)
        and len(sha) == 64
        and all(c in "0123456789abcdef" for c in sha)
        and isinstance(size, int)
        and size >= 0
    )


def verify_backup(path: Path) -> dict[str, Any]:
    """Check every member of a backup against its manifest without restoring it; the manifest."""
    source = _Source(path)
    try:
        manifest = source.manifest()
        for entry in [manifest["database"] | {"name": manifest["database"]["file"]}, *manifest["files"]]:
            with source.open(entry["name"]) as handle:
                _expect(handle, None, entry, source.path.name)
        return manifest
    finally:
        source.close()


def _expect(handle: BinaryIO, target: Path | None, entry: dict[str, Any], label: str) -> None:
    """Read a member to its end (copying it to ``target``), refusing one whose hash or size differs."""
    digest, size = hashlib.sha256(), 0
    with open(target, "wb") if target is not None else contextlib.nullcontext() as out:
        try:
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                if size > entry["size"]:
                    break
                if out is not None:
                    out.write(chunk)
        except (zipfile.BadZipFile, OSError) as exc:
            raise BackupError(f"Cadangan {label} rusak: {entry['name']} tidak dapat dibaca.") from exc
    if size != entry["size"] or digest.hexdigest() != entry["sha256"]:
        raise BackupError(
            f"Cadangan {label} rusak: isi {entry['name']} tidak sama dengan manifesnya; tidak ada yang "
            "dipulihkan."
        )


# --- restoring -------------------------------------------------------------------------------------


def restore(config: Config, source_path: Path, *, overwrite: bool = False) -> RestoreResult:
    """Restore a backup into ``config``'s data folder (and database), which must be empty unless
    ``overwrite``: then what is there is first backed up beside the data folder, then replaced."""
    source = _Source(source_path)
    try:
        manifest = source.manifest()
        kind = manifest["database"]["kind"]
        wanted = "sqlite" if config.is_sqlite else "postgresql"
        if kind != wanted:
            raise BackupError(
                f"Cadangan ini berisi basis data {kind}, sedangkan ruang kerja ini memakai {wanted}; "
                + (
                    "atur KEPUTUSAN_DB_URL ke PostgreSQL"
                    if kind == "postgresql"
                    else "kosongkan KEPUTUSAN_DB_URL"
                )
                + " lalu ulangi."
            )
        data_dir = Path(config.data_dir)
        data_dir.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=f".{data_dir.name}.pulihkan-", dir=data_dir.parent) as work:
            staging = Path(work)
            _extract(source, manifest, staging)  # every hash checked before anything is touched
            previous = _make_room(config, overwrite)
            _place(config, manifest, staging)
    finally:
        source.close()
    with Workspace.open(config) as workspace, workspace.begin() as session:
        rows = {
            t: session.scalar(select(func.count()).select_from(Base.metadata.tables[t])) for t in _tables()
        }
        mismatch = [t for t, n in manifest["rows"].items() if t in rows and rows[t] != n]
        if mismatch:
            raise BackupError(
                f"Pemulihan tidak lengkap: jumlah baris {', '.join(mismatch)} tidak sama dengan manifes."
            )
        consistency = check_consistency(session, workspace.files, verify_hashes=True)
        record(
            session,
            Action.RESTORED,
            f"Ruang kerja dipulihkan dari cadangan {Path(source_path).name} "
            f"(dibuat {manifest['created_at']}).",
        )
        session.commit()
    return RestoreResult(data_dir, kind, len(manifest["files"]), rows, consistency, previous)


def _extract(source: _Source, manifest: dict[str, Any], staging: Path) -> None:
    database = manifest["database"] | {"name": manifest["database"]["file"]}
    for entry in [database, *manifest["files"]]:
        target = staging / entry["name"]
        target.parent.mkdir(parents=True, exist_ok=True)
        with source.open(entry["name"]) as handle:
            _expect(handle, target, entry, source.path.name)


def _occupied(config: Config) -> list[str]:
    """What a restore would replace: files in the data folder, rows in the database (an empty
    database and empty folders, as a first start leaves them, count as nothing)."""
    data_dir = Path(config.data_dir)
    found: set[str] = set()
    if data_dir.is_dir():
        database = config.sqlite_file.resolve() if config.is_sqlite else None
        for path in data_dir.rglob("*"):
            if path.is_file() and not _is_database_file(path, database):
                found.add(path.relative_to(data_dir).parts[0])
    if _database_rows(config):
        found.add("baris basis data")
    return sorted(found)


def _is_database_file(path: Path, database: Path | None) -> bool:
    if database is None:
        return False
    return path.resolve() in {Path(f"{database}{s}") for s in ("", "-wal", "-shm", "-journal")}


def _database_rows(config: Config) -> int:
    if config.is_sqlite and not config.sqlite_file.exists():
        return 0
    engine = make_engine(config)
    try:
        if current_revision(engine) is None:
            return 0
        with engine.connect() as connection:
            return sum(
                connection.scalar(select(func.count()).select_from(table)) or 0
                for table in Base.metadata.sorted_tables
            )
    except SQLAlchemyError as exc:
        raise BackupError(
            f"Basis data ruang kerja yang ada tidak dapat dibaca ({type(exc).__name__}); pindahkan sendiri "
            "lalu pulihkan ke tempat kosong."
        ) from exc
    finally:
        engine.dispose()


def _make_room(config: Config, overwrite: bool) -> Path | None:
    """Clear an empty target; with ``overwrite``, back up a full one beside the data folder first."""
    found = _occupied(config)
    previous = None
    if found and not overwrite:
        raise BackupError(
            f"Folder data {config.data_dir} tidak kosong ({', '.join(found[:5])}); pulihkan ke folder "
            "kosong, atau tambahkan --timpa (isi lama dicadangkan dahulu di samping folder data)."
        )
    if found:
        previous = config.data_dir.parent / f"{config.data_dir.name}-sebelum-pulihkan-{_stamp()}.zip"
        try:
            with Workspace.open(config, migrate=False) as workspace:
                backup(workspace, previous)
        except (BackupError, StorageError) as exc:
            raise BackupError(
                f"Isi lama tidak dapat dicadangkan dahulu ({exc}); pindahkan folder data sendiri lalu "
                "pulihkan ke folder kosong."
            ) from exc
    _clear(config)
    return previous


def _stamp() -> str:
    return dt.datetime.now().strftime("%Y%m%d-%H%M%S")


def _clear(config: Config) -> None:
    data_dir = Path(config.data_dir)
    for name in (FILES, ORPHANS, SCRATCH):
        shutil.rmtree(data_dir / name, ignore_errors=True)
    if config.is_sqlite:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{config.sqlite_file}{suffix}").unlink(missing_ok=True)
        return
    engine = make_engine(config)
    try:
        with engine.begin() as connection:
            Base.metadata.drop_all(connection)
            connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    finally:
        engine.dispose()


def _place(config: Config, manifest: dict[str, Any], staging: Path) -> None:
    """Move the checked copy into the data folder (renames on one disk), and load the database."""
    data_dir = Path(config.data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    if (staging / FILES).is_dir():
        os.replace(staging / FILES, data_dir / FILES)
    snapshot = staging / manifest["database"]["file"]
    if config.is_sqlite:
        config.sqlite_file.parent.mkdir(parents=True, exist_ok=True)
        os.replace(snapshot, config.sqlite_file)
    else:
        pgtools.run(
            "pg_restore",
            ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", str(snapshot)],
            config.url,
        )
    if (data_dir / FILES).is_dir():
        _fsync_tree(data_dir / FILES)
    fsync_dir(data_dir)
