"""The hostile-input runner of tests/hostile, for the importer's hostile documents."""

from __future__ import annotations

import pytest

from tests.hostile.conftest import run_limited


@pytest.fixture
def limited():
    return run_limited
