"""What an office can tune about its server: limits, retention, workers, folders.

One frozen dataclass; every field can be set from the environment as ``KEPUTUSAN_WEB_<FIELD>``
(e.g. ``KEPUTUSAN_WEB_UPLOAD_MB=20``) and most from `keputusan layani` options, which win.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path

ENV_PREFIX = "KEPUTUSAN_WEB_"
MB = 1 << 20


def default_workers() -> int:
    """One worker per core, at most four: generation is CPU-bound and LibreOffice needs a core too."""
    return max(1, min(4, os.cpu_count() or 1))


class SettingsError(ValueError):
    """A setting with a value that cannot be used; the message is one Indonesian sentence."""


def _field(default: object = dataclasses.MISSING, help: str = "", option: str = "", shown: str = "", **kw):
    """A setting: ``help`` says what it is, ``option`` names its `keputusan layani` option, ``shown``
    writes its default for people (README) when the value itself does not say it well."""
    return field(default=default, metadata={"help": help, "option": option, "shown": shown}, **kw)


@dataclass(frozen=True)
class Settings:
    host: str = _field("127.0.0.1", "alamat yang didengarkan", "--host")
    port: int = _field(8000, "porta", "--port")
    upload_mb: float = _field(10.0, "batas ukuran satu berkas unggahan (MB)", "--batas-unggah MB", "10")
    max_files: int = _field(30, "berkas paling banyak dalam satu unggahan")
    retention_minutes: float = _field(
        60.0, "berkas kunjungan dihapus setelah sekian menit tidak dipakai", "--simpan MENIT", "60"
    )
    workers: int = _field(
        help="jumlah proses pekerja",
        option="--pekerja N",
        shown="jumlah inti, paling banyak 4",
        default_factory=default_workers,
    )
    job_seconds: float = _field(120.0, "batas waktu satu pekerjaan (detik)", "--batas-waktu DETIK", "120")
    worker_memory_mb: int = _field(1024, "batas memori satu proses pekerja (MB)")
    pdf: bool = _field(True, "buat PDF dan pratinjau halaman (LibreOffice)", "--tanpa-pdf", "ya")
    pdf_seconds: float = _field(120.0, "batas waktu LibreOffice per dokumen (detik)", shown="120")
    pdf_batch: int = _field(6, "dokumen paling banyak dalam satu jalan LibreOffice")
    preview_pages: int = _field(3, "halaman awal (sebelum Lampiran) yang dipratinjau")
    max_queue: int = _field(200, "pekerjaan paling banyak dalam antrean")
    storage_mb: float = _field(2048.0, "batas seluruh berkas unggahan yang disimpan (MB)", shown="2048")
    data_dir: Path | None = _field(None, "folder data", "--folder-data FOLDER", "folder sementara sistem")
    secure_cookie: bool = _field(
        False, "kuki kunjungan hanya lewat HTTPS (di balik proksi TLS)", shown="tidak"
    )
    root_path: str = _field(
        "", "awalan alamat bila dilayani di bawah sub-jalur proksi", "--root-path /AWALAN", "kosong"
    )
    sweep_seconds: float = _field(30.0, "selang pemeriksaan kunjungan kedaluwarsa (detik)", shown="30")

    @property
    def upload_bytes(self) -> int:
        return int(self.upload_mb * MB)

    @property
    def retention_seconds(self) -> float:
        return self.retention_minutes * 60

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        """Defaults, then ``KEPUTUSAN_WEB_*`` variables, then ``overrides`` that are not None."""
        environ = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for item in fields(cls):
            name = env_name(item.name)
            if name in environ and environ[name].strip() != "":
                values[item.name] = _parse(item, environ[name], name)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values).checked()

    def checked(self) -> Settings:
        """Self, after refusing values no server could run with."""
        positive = (
            "upload_mb",
            "max_files",
            "retention_minutes",
            "workers",
            "job_seconds",
            "worker_memory_mb",
            "pdf_seconds",
            "pdf_batch",
            "max_queue",
            "storage_mb",
            "sweep_seconds",
        )
        for name in positive:
            if getattr(self, name) <= 0:
                raise SettingsError(
                    f"Pengaturan {name} harus lebih dari 0 (ditemukan: {getattr(self, name)})."
                )
        if not 0 < self.port < 65536:
            raise SettingsError(f"Porta {self.port} di luar rentang 1-65535.")
        if self.preview_pages < 0:
            raise SettingsError(f"Pengaturan preview_pages tidak boleh negatif ({self.preview_pages}).")
        return self


def env_name(field_name: str) -> str:
    return ENV_PREFIX + field_name.upper()


_TRUE = {"1", "ya", "y", "true", "yes", "on"}
_FALSE = {"0", "tidak", "t", "false", "no", "off"}


def _parse(item: dataclasses.Field, text: str, name: str) -> object:
    kind = item.type if isinstance(item.type, str) else getattr(item.type, "__name__", str(item.type))
    text = text.strip()
    try:
        if kind == "bool":
            if text.casefold() in _TRUE:
                return True
            if text.casefold() in _FALSE:
                return False
            raise ValueError(text)
        if kind == "int":
            return int(text)
        if kind == "float":
            return float(text)
        if kind.startswith("Path"):
            return Path(text)
    except ValueError:
        expected = {"bool": "Ya atau Tidak", "int": "bilangan bulat", "float": "bilangan"}.get(kind, "nilai")
        raise SettingsError(f"{name} berisi {text!r}; diharapkan {expected}.") from None
    return text


def settings_table() -> str:
    """The README's table of settings, made from the fields above (the only list of them)."""
    lines = [
        "| Variabel lingkungan | Pilihan `keputusan layani` | Bawaan | Gunanya |",
        "| --- | --- | --- | --- |",
    ]
    for item in fields(Settings):
        meta = item.metadata
        option = f"`{meta['option']}`" if meta["option"] else ""
        default = meta["shown"] or str(item.default)
        purpose = meta["help"][0].upper() + meta["help"][1:]
        lines.append(f"| `{env_name(item.name)}` | {option} | {default} | {purpose} |")
    return "\n".join(lines)
