"""Named points in a write where a test may stop the process, to prove a crash there loses nothing.

Nothing is installed in a real run: ``reach`` is then a dictionary look-up that finds nothing.
"""

from __future__ import annotations

from collections.abc import Callable

FILE_WRITTEN = "berkas-ditulis"  # temp file written and fsynced, not yet renamed to its hash name
FILE_STORED = "berkas-disimpan"  # file under its hash name, its row not yet committed
COMMITTED = "baris-disimpan"  # row committed, the caller not yet answered

_hooks: dict[str, Callable[[], None]] = {}


def install(point: str, hook: Callable[[], None]) -> None:
    _hooks[point] = hook


def clear() -> None:
    _hooks.clear()


def reach(point: str) -> None:
    hook = _hooks.get(point)
    if hook is not None:
        hook()
