"""`keputusan layani`: serve the web pages for kecamatan staff on the office network."""

from __future__ import annotations

import argparse
import errno
import socket
from pathlib import Path

from .output import fail, say
from .registry import EXIT_FAILED, EXIT_INVALID, EXIT_OK, command


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--host", default=None, help="alamat yang didengarkan (bawaan: 127.0.0.1; 0.0.0.0 = semua)"
    )
    parser.add_argument("--port", type=int, default=None, help="porta (bawaan: 8000)")
    parser.add_argument(
        "--batas-unggah",
        type=float,
        default=None,
        metavar="MB",
        help="ukuran terbesar satu berkas (bawaan: 10)",
    )
    parser.add_argument(
        "--simpan",
        type=float,
        default=None,
        metavar="MENIT",
        help="berkas kunjungan dihapus setelah sekian menit tidak dipakai (bawaan: 60)",
    )
    parser.add_argument("--pekerja", type=int, default=None, metavar="N", help="jumlah proses pekerja")
    parser.add_argument(
        "--batas-waktu",
        type=float,
        default=None,
        metavar="DETIK",
        help="batas waktu satu pekerjaan (bawaan: 120)",
    )
    parser.add_argument(
        "--folder-data",
        type=Path,
        default=None,
        metavar="FOLDER",
        help="folder berkas kunjungan (bawaan: folder sementara sistem)",
    )
    parser.add_argument("--tanpa-pdf", action="store_true", help="jangan buat PDF dan pratinjau halaman")
    parser.add_argument(
        "--root-path",
        default=None,
        metavar="/AWALAN",
        help="awalan alamat bila proksi melayani di bawah sub-jalur, misalnya /keputusan",
    )


@command(
    "layani",
    "menjalankan halaman web untuk staf kecamatan (unggah buku kerja, unduh keputusan)",
    "keputusan layani\n  keputusan layani --host 0.0.0.0 --port 8080 --batas-unggah 20",
    _arguments,
)
def cmd_layani(args: argparse.Namespace) -> int:
    import uvicorn

    from ..web.app import create_app
    from ..web.settings import Settings, SettingsError

    try:
        settings = Settings.from_env(
            host=args.host,
            port=args.port,
            upload_mb=args.batas_unggah,
            retention_minutes=args.simpan,
            workers=args.pekerja,
            job_seconds=args.batas_waktu,
            data_dir=args.folder_data,
            pdf=False if args.tanpa_pdf else None,
            root_path=args.root_path,
        )
    except SettingsError as exc:
        fail(str(exc))
        return EXIT_INVALID
    busy = _port_taken(settings.host, settings.port)
    if busy:
        fail(busy)
        return EXIT_FAILED
    app = create_app(settings)
    shown = {
        "127.0.0.1": "localhost",
        "::1": "localhost",
        "0.0.0.0": "ALAMAT-MESIN-INI",
        "::": "ALAMAT-MESIN-INI",
    }.get(settings.host, settings.host)
    say(
        f"Halaman keputusan dilayani di http://{shown}:{settings.port}{settings.root_path}/ "
        f"({settings.workers} proses pekerja). Tekan Ctrl+C untuk berhenti."
    )
    uvicorn.run(
        app,
        host=settings.host,
        port=settings.port,
        log_config=LOG_CONFIG,
        proxy_headers=True,
        server_header=False,
        timeout_graceful_shutdown=10,
    )
    say("Server berhenti; berkas kunjungan sudah dihapus.")
    return EXIT_OK


def _port_taken(host: str, port: int) -> str:
    """An Indonesian sentence when the address cannot be listened on, before uvicorn says it in English."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return f"Porta {port} sudah dipakai program lain; pilih porta lain dengan --port."
            return f"Tidak dapat mendengarkan di {host}:{port} ({exc.strerror}); periksa --host dan --port."
    return ""


# uvicorn's own start-up lines are English; keep its warnings and the access log, drop the rest.
LOG_CONFIG = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        "access": {"format": "%(asctime)s %(message)s"},
    },
    "handlers": {
        "plain": {"class": "logging.StreamHandler", "formatter": "plain", "stream": "ext://sys.stderr"},
        "access": {"class": "logging.StreamHandler", "formatter": "access", "stream": "ext://sys.stdout"},
    },
    "loggers": {
        "uvicorn": {"handlers": ["plain"], "level": "WARNING", "propagate": False},
        "uvicorn.error": {"handlers": ["plain"], "level": "WARNING", "propagate": False},
        "uvicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
        "generator": {"handlers": ["plain"], "level": "INFO", "propagate": False},
    },
}
