"""Files sent to the browser: the right media type and a Content-Disposition that keeps the name.

The name goes out twice (RFC 6266): ``filename`` in plain ASCII for old clients and ``filename*``
(RFC 5987, UTF-8, percent-encoded) with the name as it is, Indonesian letters and all.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from urllib.parse import quote

from fastapi.responses import FileResponse, Response

MEDIA_TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pdf": "application/pdf",
    ".md": "text/markdown; charset=utf-8",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".zip": "application/zip",
}


def ascii_name(name: str) -> str:
    """ "Perubahan-Kecamatan-Sé.md" -> "Perubahan-Kecamatan-Se.md"; nothing a header could misread."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    plain = re.sub(r"[^A-Za-z0-9._-]+", "_", plain).strip("._") or "berkas"
    return plain


def content_disposition(name: str, inline: bool = False) -> str:
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{ascii_name(name)}\"; filename*=UTF-8''{quote(name, safe='')}"


def media_type(name: str) -> str:
    return MEDIA_TYPES.get(Path(name).suffix.lower(), "application/octet-stream")


def send_file(path: Path, name: str, inline: bool = False) -> FileResponse:
    return FileResponse(
        path,
        media_type=media_type(name),
        headers={"content-disposition": content_disposition(name, inline)},
    )


def send_bytes(data: bytes, name: str) -> Response:
    return Response(
        data, media_type=media_type(name), headers={"content-disposition": content_disposition(name)}
    )
