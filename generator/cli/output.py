"""What the CLI prints: Rich consoles that never read data as markup or let it drive the terminal.

Everything that comes from data (a cell, a file name, an exception's sentence) is printed as a Rich
``Text`` or through ``Console.out``, never parsed as markup, and with control characters (ESC, bell,
backspace) shown as ``\\x1b`` instead of being sent to the terminal. Only the labels below are markup.
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from ..failures import debug_enabled
from ..problems import Problems

console = Console(stderr=False, highlight=False, emoji=False)
err_console = Console(stderr=True, highlight=False, emoji=False)

ERROR = "[bold red]GALAT[/]"
WARNING = "[yellow]PERINGATAN[/]"
FAILED = "[bold red]GAGAL[/]"

_KEPT = {0x09, 0x0A}  # tab and newline
_CONTROL = {
    code: f"\\x{code:02x}" for code in [*range(0x20), 0x7F, *range(0x80, 0xA0)] if code not in _KEPT
}


def clean(text: object) -> str:
    """``text`` as a string with every control character made visible (never sent to the terminal)."""
    return str(text).translate(_CONTROL)


def plain(text: object, style: str = "") -> Text:
    """Data as a Rich Text: printed literally, "[/bold red]" included."""
    return Text(clean(text), style=style)


def labelled(label: str, message: object) -> Text:
    """One of the markup labels above, then ``message`` printed literally."""
    return Text.assemble(Text.from_markup(label), " ", plain(message))


def say(text: object, stderr: bool = False) -> None:
    """Plain text from data (a path, a value, a sentence): printed as written, never as markup."""
    (err_console if stderr else console).out(clean(text), highlight=False)


def fail(message: object) -> None:
    """One Indonesian sentence after a red GALAT label."""
    err_console.print(labelled(ERROR, message), soft_wrap=True)


def print_problems(problems: Problems, source: str = "") -> None:
    """Errors first, then warnings, each with sheet!cell."""
    head = f"{source}: " if source else ""
    for label, items in ((ERROR, problems.errors), (WARNING, problems.warnings)):
        for problem in items:
            err_console.print(labelled(label, head + str(problem)), soft_wrap=True)


def show_trace(trace: str) -> None:
    """A traceback, only when the person asked for it with KEPUTUSAN_DEBUG=1."""
    if trace and debug_enabled():
        err_console.out(clean(trace), highlight=False)
