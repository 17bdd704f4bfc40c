"""Web fixtures: the app under FastAPI's TestClient, started with its worker processes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from generator.web.app import create_app
from tests.web.helpers import base_settings


@pytest.fixture
def make_client(tmp_path: Path) -> Iterator[Callable[..., TestClient]]:
    """``make_client(**settings)``: a started app (workers running) closed at the test's end."""
    with ExitStack() as stack:
        counter = iter(range(100))

        def make(**changes: object) -> TestClient:
            settings = base_settings(tmp_path / f"data-{next(counter)}", **changes)
            return stack.enter_context(TestClient(create_app(settings), raise_server_exceptions=False))

        yield make


@pytest.fixture(scope="module")
def shared_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """One app for the tests of a module that need no special settings."""
    folder = tmp_path_factory.mktemp("web-data")
    with TestClient(create_app(base_settings(folder)), raise_server_exceptions=False) as client:
        yield client
