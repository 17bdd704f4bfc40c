"""Building hostile workbooks and pictures by hand, for the hostile-input tests."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

import openpyxl
from PIL import Image


def png(width: int = 60, height: int = 40, color: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), color).save(out, "PNG")
    return out.getvalue()


def jpeg(width: int = 200, height: int = 120) -> bytes:
    out = io.BytesIO()
    Image.effect_noise((width, height), 40).convert("RGB").save(out, "JPEG", quality=90)
    return out.getvalue()


def sheet_part(path: Path, title: str) -> str:
    """The zip entry holding sheet ``title``: "xl/worksheets/sheet3.xml"."""
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return book[title]._worksheet_path.lstrip("/")
    finally:
        book.close()


def rewrite(
    source: Path,
    target: Path,
    change: Callable[[str, bytes], bytes | None],
    extra: Iterable[tuple[str, bytes]] = (),
) -> Path:
    """Copy the zip ``source`` to ``target``, each entry through ``change`` (None drops it)."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = change(item.filename, src.read(item))
            if data is not None:
                dst.writestr(item.filename, data)
        for name, data in extra:
            dst.writestr(name, data)
    return target


def replace_sheet(source: Path, target: Path, title: str, edit: Callable[[bytes], bytes]) -> Path:
    part = sheet_part(source, title)
    return rewrite(source, target, lambda name, data: edit(data) if name == part else data)


def paste_picture(path: Path, data: bytes, anchor: str = "D11", sheet: str = "Kantor") -> Path:
    """Paste a picture onto a sheet, as staff do in Excel (a drawing anchored at ``anchor``)."""
    from openpyxl.drawing.image import Image as SheetImage

    book = openpyxl.load_workbook(path)
    book[sheet].add_image(SheetImage(io.BytesIO(data)), anchor)
    book.save(path)
    return path


def streamed_entry(
    target: Path, source: Path, name: str, head: bytes, body: bytes, count: int, tail: bytes
) -> Path:
    """``source`` with entry ``name`` replaced by head + body * count + tail, deflated as it streams
    (a part that unpacks to gigabytes is written without holding it in memory)."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            if item.filename != name:
                dst.writestr(item.filename, src.read(item))
        info = zipfile.ZipInfo(name)
        info.compress_type = zipfile.ZIP_DEFLATED
        with dst.open(info, "w", force_zip64=True) as handle:
            handle.write(head)
            for _ in range(count):
                handle.write(body)
            handle.write(tail)
    return target


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{i} "{"&lol;" * 10 if i == 1 else f"&lol{i - 1};" * 10}">'.encode() for i in range(1, 9)
    )
    + b']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol8;</t></is></c></row></sheetData></worksheet>'
)
"""A sheet that is a billion laughs (entity expansion) bomb."""


def hostile_files(folder: Path, good: Path) -> dict[str, str]:
    """Hostile inputs beside a good workbook in ``folder``: file name -> the words of its sentence.

    A zip bomb (a sheet 4 MB of zeros, about 1 000:1), an XML bomb, a file past the size limit; and
    "pipa.xlsx" (a named pipe), "nol.xlsx" (a link to /dev/zero), "folder.xlsx" (a folder), which a
    folder's listing skips and which, named one by one, each get their sentence."""
    import os

    from generator import limits

    part = sheet_part(good, "Menimbang")
    rewrite(good, folder / "bom-zip.xlsx", lambda name, data: b"\0" * (4 << 20) if name == part else data)
    kantor = sheet_part(good, "Kantor")
    rewrite(good, folder / "bom-xml.xlsx", lambda name, data: LAUGHS if name == kantor else data)
    with (folder / "besar.xlsx").open("wb") as handle:
        handle.write(b"PK\x03\x04")
        handle.truncate(limits.WORKBOOK_BYTES.value + 1)
    os.mkfifo(folder / "pipa.xlsx")
    (folder / "nol.xlsx").symlink_to("/dev/zero")
    (folder / "folder.xlsx").mkdir()
    return {
        "bom-zip.xlsx": "bom zip",
        "bom-xml.xlsx": "XML berbahaya",
        "besar.xlsx": f"lebih dari batas {limits.WORKBOOK_BYTES.text}",
        "pipa.xlsx": "bukan berkas biasa",
        "nol.xlsx": "bukan berkas biasa",
        "folder.xlsx": "adalah folder",
    }
