"""Helpers of the web tests: page text as a person reads it, uploads, waiting for results."""

from __future__ import annotations

import html
import re
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from generator.web.settings import Settings

PROJECT = Path(__file__).resolve().parents[2]
SALE = PROJECT / "inputs" / "sale-2020.xlsx"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def text_of(page: str) -> str:
    """The words of an HTML page, tags dropped and entities decoded, spaces collapsed."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def base_settings(folder: Path, **changes: object) -> Settings:
    """Two workers, no PDF (LibreOffice is tested where a test asks for it), data under ``folder``."""
    values: dict[str, object] = {"workers": 2, "data_dir": folder, "pdf": False, "sweep_seconds": 3600}
    values.update(changes)
    return Settings(**values)


def upload(client: TestClient, route: str, files: list[tuple[str, Path | tuple[str, bytes]]], **fields: str):
    """POST files (a path, or (name, bytes)) to ``route``; the answer, redirects not followed."""
    parts = []
    for field, item in files:
        name, data = (item.name, item.read_bytes()) if isinstance(item, Path) else item
        parts.append((field, (name, data, XLSX)))
    return client.post(route, files=parts, data=fields, follow_redirects=False)


def wait_done(client: TestClient, url: str, seconds: float = 120) -> str:
    """The result page once nothing on it is still being worked on."""
    deadline = time.monotonic() + seconds
    while True:
        page = client.get(url)
        assert page.status_code == 200, page.text
        if "data-pantau" not in page.text:
            return page.text
        if time.monotonic() > deadline:
            pytest.fail(f"{url} masih dikerjakan setelah {seconds} detik")
        time.sleep(0.2)


def submit_and_wait(client: TestClient, route: str, files, **fields: str) -> tuple[str, str]:
    """(result URL, finished result page) of an upload."""
    answer = upload(client, route, files, **fields)
    assert answer.status_code == 303, answer.text
    url = answer.headers["location"]
    return url, wait_done(client, url)


def links(page: str, prefix: str = "/berkas/") -> list[str]:
    return re.findall(rf'href="({re.escape(prefix)}[^"]+)"', page)
