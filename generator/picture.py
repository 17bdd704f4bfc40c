"""A picture a workbook brings (the logo): confined to the workbook's folder, checked as a real PNG/JPEG.

A file named in a cell is opened relative to the workbook's folder only, one path component at a time
without following symbolic links, and read with a bound on its size; its bytes are then decoded by
Pillow (format, pixel count and integrity) and parsed the way python-docx will embed them. The checked
bytes travel in the model, so ``buat`` never opens the file again and ``periksa`` and ``buat`` agree.
"""

from __future__ import annotations

import errno
import io
import os
import stat
import warnings
from pathlib import Path, PurePosixPath

from docx.image.image import Image as DocxImage
from PIL import Image, UnidentifiedImageError

from . import limits
from .bounded_read import ReadRefused, read_regular
from .model import Picture

Image.MAX_IMAGE_PIXELS = limits.LOGO_PIXELS.value  # Pillow's decompression-bomb bound, stated explicitly
FORMATS = {"PNG": "png", "JPEG": "jpeg"}
SUFFIXES = {".png", ".jpg", ".jpeg"}


class PictureError(Exception):
    """The picture cannot be used; the message is an Indonesian clause ("berkas x.png ...")."""


def read_confined(folder: Path, name: str) -> bytes:
    """The bytes of ``name`` inside ``folder``: no absolute path, no "..", no symbolic link, no folder,
    pipe or device, and at most ``LOGO_BYTES``."""
    parts = _parts(name)
    try:
        directory = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        raise PictureError(f"folder buku kerja {folder} tidak dapat dibuka") from exc
    try:
        for part in parts[:-1]:
            directory = _step(directory, part, name)
        return _read_file(directory, parts[-1], name)
    finally:
        os.close(directory)


def _parts(name: str) -> list[str]:
    text = name.replace("\\", "/")
    if text.startswith("/") or PurePosixPath(text).is_absolute() or (len(text) > 1 and text[1] == ":"):
        raise PictureError(
            f"berkas {name} ditulis dengan jalur mutlak; tulis nama berkas relatif terhadap folder buku "
            "kerja (misalnya logo.png) dan letakkan berkasnya di folder itu"
        )
    parts = [p for p in text.split("/") if p not in ("", ".")]
    if ".." in parts:
        raise PictureError(
            f'berkas {name} berada di luar folder buku kerja (".." tidak diizinkan); letakkan berkasnya '
            "di folder buku kerja atau di subfoldernya"
        )
    if not parts:
        raise PictureError("nama berkas kosong")
    return parts


def _step(directory: int, part: str, name: str) -> int:
    """Open subfolder ``part`` of ``directory`` (never through a symbolic link) and close the parent."""
    try:
        child = os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=directory)
    except OSError as exc:
        if exc.errno == errno.ENOTDIR and _is_link(directory, part):  # Linux says ENOTDIR for a link here
            exc = OSError(errno.ELOOP, os.strerror(errno.ELOOP))
        raise PictureError(_missing(name, exc)) from exc
    os.close(directory)
    return child


def _is_link(directory: int, part: str) -> bool:
    try:
        return stat.S_ISLNK(os.stat(part, dir_fd=directory, follow_symlinks=False).st_mode)
    except OSError:
        return False


def _read_file(directory: int, part: str, name: str) -> bytes:
    try:
        fd = os.open(part, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=directory)
    except OSError as exc:
        raise PictureError(_missing(name, exc)) from exc
    try:
        return read_regular(fd, limits.LOGO_BYTES.value)
    except ReadRefused as refused:
        if refused.reason == "folder":
            raise PictureError(f"{name} adalah folder, bukan berkas gambar") from None
        if refused.reason == "special":
            raise PictureError(f"{name} bukan berkas biasa (misalnya pipa atau perangkat)") from None
        raise PictureError(too_large(f"berkas {name}", refused.size)) from None
    except OSError as exc:
        raise PictureError(f"berkas {name} tidak dapat dibaca") from exc


def _missing(name: str, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:  # O_NOFOLLOW met a symbolic link
        return (
            f"berkas {name} adalah atau melewati tautan simbolik; tautan tidak diikuti, salin berkasnya "
            "ke folder buku kerja"
        )
    if exc.errno in (errno.EPERM, errno.EACCES):
        return f"berkas {name} tidak dapat dibaca: tidak ada izin untuk membukanya"
    if exc.errno == errno.ENOTDIR:
        return f"berkas {name} tidak ditemukan: salah satu bagian jalurnya bukan folder"
    if exc.errno == errno.ENAMETOOLONG:
        return f"nama berkas {name[:60]}... terlalu panjang"
    return f"berkas {name} tidak ditemukan (letakkan relatif terhadap folder buku kerja)"


def too_large(what: str, size: int) -> str:
    return f"{what} berukuran {size / limits.MB:.1f} MB, lebih dari batas {limits.LOGO_BYTES.text}"


def check_picture(data: bytes, what: str, source: str) -> Picture:
    """``data`` as a checked Picture: a whole PNG or JPEG within the pixel limit that Word can embed.

    ``what`` names the picture in a message ("berkas logo.png", "gambar tempelan di C11").
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=tuple(FORMATS)) as image:
                width, height = image.size
                kind = FORMATS[image.format or ""]
                if width * height > limits.LOGO_PIXELS.value:
                    raise PictureError(_too_many(what, width, height))
                image.load()  # the whole picture decoded: a truncated file fails here
    except PictureError:
        raise
    except UnidentifiedImageError as exc:
        raise PictureError(f"{what} bukan gambar PNG atau JPEG (isinya teks atau format lain)") from exc
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise PictureError(f"{what} terlalu luas (lebih dari {limits.LOGO_PIXELS.text})") from exc
    except Exception as exc:  # noqa: BLE001 - Pillow raises many types for a damaged picture
        raise PictureError(f"{what} rusak atau terpotong; simpan ulang gambarnya sebagai PNG") from exc
    try:
        DocxImage.from_blob(data)
    except Exception as exc:  # noqa: BLE001 - python-docx must be able to embed exactly these bytes
        raise PictureError(f"{what} tidak dapat dimuat ke dokumen Word; simpan ulang sebagai PNG") from exc
    return Picture(data, kind, width, height, source)


def _too_many(what: str, width: int, height: int) -> str:
    return (
        f"{what} berukuran {width} x {height} piksel, lebih dari batas {limits.LOGO_PIXELS.text}; "
        "perkecil gambarnya"
    )
