"""Values and helpers the workspace tests share (fixtures are in conftest.py)."""

from __future__ import annotations

PASSWORD = "Kopi-Tubruk-Sore-9"
ADDRESS = "192.0.2.10"
