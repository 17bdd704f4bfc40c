"""`keputusan admin-baru`: the kabupaten's first admin account (never a default password)."""

from __future__ import annotations

import argparse
import getpass
import sys

from ..workspace.errors import StorageError, WorkspaceError
from .output import fail, say
from .registry import EXIT_FAILED, EXIT_INVALID, EXIT_OK, command
from .workspace_options import add_workspace_arguments, workspace_config


def _arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "nama_pengguna", metavar="NAMA_PENGGUNA", help="nama untuk masuk, misalnya admin.ortala"
    )
    parser.add_argument("--nama", default="", metavar="NAMA", help="nama lengkap pemilik akun")
    parser.add_argument(
        "--kabupaten",
        default="",
        metavar="NAMA",
        help='nama kantor yang tercetak di halaman, misalnya "Kabupaten Rembang"',
    )
    parser.add_argument(
        "--sandi-stdin",
        action="store_true",
        help="baca kata sandi dari baris pertama masukan standar (untuk skrip), bukan diketik dua kali",
    )
    add_workspace_arguments(parser)


class _NoPassword(Exception):
    """No password could be read; the message is one Indonesian sentence."""


def _password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        if not line.strip():
            raise _NoPassword("Masukan standar kosong; kirim kata sandi pada baris pertamanya.")
        return line.rstrip("\r\n")
    if not sys.stdin.isatty():
        raise _NoPassword(
            "Tidak ada terminal untuk mengetik kata sandi tanpa terlihat; pakai --sandi-stdin untuk "
            "mengirimnya lewat masukan standar."
        )
    try:
        first = getpass.getpass("Kata sandi: ")
        second = getpass.getpass("Ulangi kata sandi: ")
    except EOFError:
        raise _NoPassword("Kata sandi tidak diketik; tidak ada akun yang dibuat.") from None
    if first != second:
        raise _NoPassword("Kedua kata sandi tidak sama; tidak ada akun yang dibuat. Ulangi perintahnya.")
    return first


@command(
    "admin-baru",
    "membuat akun admin kabupaten untuk ruang kerja (kata sandi diketik dua kali, tidak terlihat)",
    'keputusan admin-baru admin.ortala --nama "Sri Lestari" --kabupaten "Kabupaten Rembang"\n'
    "  printf '%s\\n' \"$SANDI\" | keputusan admin-baru admin.ortala --sandi-stdin --data /srv/keputusan",
    _arguments,
)
def cmd_admin_baru(args: argparse.Namespace) -> int:
    from ..workspace.accounts import create_admin
    from ..workspace.passwords import check_strength
    from ..workspace.space import Workspace

    try:
        config = workspace_config(args)
        password = _password(args.sandi_stdin)
        check_strength(password, args.nama_pengguna.strip().casefold())
        with Workspace.open(config) as workspace, workspace.begin() as session:
            account = create_admin(session, args.nama_pengguna, password, args.nama, args.kabupaten)
    except _NoPassword as exc:
        fail(str(exc))
        return EXIT_INVALID
    except StorageError as exc:
        fail(str(exc))
        return EXIT_FAILED
    except WorkspaceError as exc:
        fail(str(exc))
        return EXIT_INVALID
    say(f"Admin {account.username} dibuat di ruang kerja {config.describe()}.")
    say(f"Jalankan halaman web (keputusan layani), lalu masuk sebagai {account.username}.")
    return EXIT_OK
