"""`keputusan pulihkan` with hostile backups, built in the test from a real one, under 1 GB / 30 s: a zip
bomb, a JSON bomb in the manifest, a huge file, a pipe, a device, a folder, links out of a backup folder.
Each gets one Indonesian sentence and a clean exit; nothing is restored, and neither the data folder
nor a staging folder is left behind."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from generator.cli import EXIT_INVALID
from generator.workspace.backup import LIMITS, MANIFEST, SQLITE_SNAPSHOT, backup
from generator.workspace.config import Config
from generator.workspace.space import Workspace

ENV = {"KEPUTUSAN_DB_URL": ""}  # SQLite in the data folder


@pytest.fixture(scope="module")
def real_backup(tmp_path_factory) -> Path:
    """A backup as `keputusan cadangan` writes it, of a fresh workspace."""
    root = tmp_path_factory.mktemp("asli")
    with Workspace.open(Config(root / "data")) as workspace:
        backup(workspace, root / "cadangan.zip")
    return root / "cadangan.zip"


def restore_refused(limited, source: Path, tmp_path: Path, *needles: str):
    data = tmp_path / "pulih" / "data"
    outcome = limited(["pulihkan", source, "--data", data], env=ENV)
    outcome.assert_clean(EXIT_INVALID)
    for needle in needles:
        assert needle in outcome.stderr, outcome.text
    assert not data.exists()
    assert not data.parent.exists() or list(data.parent.iterdir()) == []  # no staging folder left
    return outcome


def rezip(
    source: Path, target: Path, manifest: dict | bytes, members: dict[str, bytes] | None = None
) -> Path:
    """``source`` with its manifest and the named members replaced."""
    members = members or {}
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            if item.filename == MANIFEST:
                data = manifest if isinstance(manifest, bytes) else json.dumps(manifest).encode()
                dst.writestr(MANIFEST, data)
            else:
                dst.writestr(item, members.get(item.filename, src.read(item)))
    return target


def manifest_of(source: Path) -> dict:
    with zipfile.ZipFile(source) as archive:
        return json.loads(archive.read(MANIFEST))


def raw_zip(target: Path, entries: list[tuple[str, bytes, int, int]]) -> Path:
    """A zip written field by field: (name, deflated bytes, unpacked size, CRC) per entry."""
    out, central = bytearray(), bytearray()
    for name, packed, size, crc in entries:
        offset, encoded = len(out), name.encode()
        out += struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x5A25, crc, len(packed), size, len(encoded), 0
        )
        out += encoded + packed
        central += struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0x5A25, crc, len(packed), size, len(encoded),
            0, 0, 0, 0, 0, offset,
        )  # fmt: skip
        central += encoded
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), len(out), 0)
    target.write_bytes(bytes(out + central + end))
    return target


def zeros_bomb(target: Path, source: Path, size: int) -> Path:
    """``source`` with its database replaced by ``size`` zero bytes, never made: one full-flushed
    deflate block of 1 MiB of zeros, repeated (about 1 030:1, deflate's own limit)."""
    chunk = 1 << 20
    encoder = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = encoder.compress(b"\0" * chunk) + encoder.flush(zlib.Z_FULL_FLUSH)
    database = block * (size // chunk) + encoder.flush(zlib.Z_FINISH)
    manifest = manifest_of(source)
    manifest["database"]["size"] = size
    text = json.dumps(manifest).encode()
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    packed = packer.compress(text) + packer.flush()
    return raw_zip(
        target, [(MANIFEST, packed, len(text), zlib.crc32(text)), (SQLITE_SNAPSHOT, database, size, 0)]
    )


def test_a_zip_bomb_for_a_database_is_refused_before_anything_is_unpacked(limited, real_backup, tmp_path):
    bomb = zeros_bomb(tmp_path / "bom.zip", real_backup, 2 << 30)
    assert bomb.stat().st_size < 3 << 20  # 2 GiB inside a file of about 2 MB
    restore_refused(limited, bomb, tmp_path, "bom zip", "Cadangan bom.zip ditolak")


def test_a_manifest_nested_past_the_parser_is_one_sentence(limited, real_backup, tmp_path):
    nested = rezip(real_backup, tmp_path / "bersarang.zip", b"[" * 200_000 + b"]" * 200_000)
    restore_refused(limited, nested, tmp_path, "manifest.json di cadangan bersarang.zip rusak")


def test_a_manifest_too_large_to_parse_is_refused_unread(limited, real_backup, tmp_path):
    # 60 MB of one-letter strings would be 15 million Python objects: well past 1 GB
    limit = LIMITS.parts[MANIFEST]
    huge = b"[" + b'"a",' * (60 << 18) + b'"a"]'
    assert len(huge) > limit
    many = rezip(real_backup, tmp_path / "besar.zip", huge)
    restore_refused(limited, many, tmp_path, "bagian manifest.json", f"lebih dari batas {limit >> 20} MB")


def test_a_huge_file_that_is_no_zip(limited, tmp_path):
    source = tmp_path / "cadangan.zip"
    with open(source, "wb") as handle:
        handle.truncate(8 << 30)  # sparse: nothing on disk
    restore_refused(limited, source, tmp_path, "rusak")


@pytest.mark.parametrize("kind", ["pipa", "perangkat"])
def test_a_pipe_or_a_device_is_never_read(limited, tmp_path, kind):
    source = tmp_path / "cadangan.zip"
    if kind == "pipa":
        os.mkfifo(source)
    else:
        source.symlink_to("/dev/zero")
    restore_refused(limited, source, tmp_path, "bukan berkas biasa")


def test_a_folder_that_is_no_backup(limited, tmp_path):
    folder = tmp_path / "bukan-cadangan"
    folder.mkdir()
    (folder / "catatan.txt").write_text("bukan cadangan", encoding="utf-8")
    restore_refused(limited, folder, tmp_path, "manifest.json tidak ada")


def unpacked(real_backup: Path, folder: Path) -> Path:
    with zipfile.ZipFile(real_backup) as archive:
        archive.extractall(folder)
    return folder


def test_a_backup_folder_whose_members_lead_outside_is_refused(limited, real_backup, tmp_path):
    folder = unpacked(real_backup, tmp_path / "cadangan")
    secret = tmp_path / "rahasia.sqlite3"
    shutil.move(folder / SQLITE_SNAPSHOT, secret)
    (folder / SQLITE_SNAPSHOT).symlink_to(secret)  # the database "in" the backup is a file elsewhere
    restore_refused(limited, folder, tmp_path, f"{SQLITE_SNAPSHOT} tidak ada di dalamnya")


def test_a_backup_folder_whose_files_folder_links_outside_is_refused(limited, real_backup, tmp_path):
    """Each member is a plain file, but the folder holding it is a link to elsewhere on the machine."""
    folder = unpacked(real_backup, tmp_path / "cadangan")
    content = b"buku kerja orang lain"
    digest = hashlib.sha256(content).hexdigest()
    elsewhere = tmp_path / "di-luar" / "unggahan"
    elsewhere.mkdir(parents=True)
    (elsewhere / f"{digest}.xlsx").write_bytes(content)
    (folder / "berkas").symlink_to(elsewhere.parent, target_is_directory=True)
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    name = f"berkas/unggahan/{digest}.xlsx"
    manifest["files"] = [{"name": name, "sha256": digest, "size": len(content)}]
    (folder / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    restore_refused(limited, folder, tmp_path, f"{name} tidak ada di dalamnya")


def test_a_manifest_that_is_a_pipe_in_a_backup_folder(limited, real_backup, tmp_path):
    folder = unpacked(real_backup, tmp_path / "cadangan")
    (folder / MANIFEST).unlink()
    os.mkfifo(folder / MANIFEST)
    restore_refused(limited, folder, tmp_path, f"{MANIFEST} tidak ada di dalamnya")


def test_the_real_backup_still_restores(limited, real_backup, tmp_path):
    """The bounds above refuse none of what `keputusan cadangan` writes."""
    data = tmp_path / "pulih" / "data"
    outcome = limited(["pulihkan", real_backup, "--data", data], env=ENV)
    outcome.assert_clean(0)
    assert "semua sidik cocok" in outcome.stdout and Config(data).sqlite_path.exists()
