"""What the CLI prints: Rich consoles that never read data as markup."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape

from ..problems import Problems

console = Console(stderr=False, highlight=False, emoji=False)
err_console = Console(stderr=True, highlight=False, emoji=False)

ERROR = "[bold red]GALAT[/]"
WARNING = "[yellow]PERINGATAN[/]"
FAILED = "[bold red]GAGAL[/]"


def say(text: str, stderr: bool = False) -> None:
    """Plain text from data (a path, a value, a sentence): printed as written, never as markup."""
    (err_console if stderr else console).out(text, highlight=False)


def fail(message: str) -> None:
    """One Indonesian sentence after a red GALAT label."""
    err_console.print(f"{ERROR} {escape(message)}", soft_wrap=True)


def print_problems(problems: Problems, source: str = "") -> None:
    """Errors first, then warnings, each with sheet!cell."""
    head = f"{source}: " if source else ""
    for label, items in ((ERROR, problems.errors), (WARNING, problems.warnings)):
        for problem in items:
            err_console.print(f"{label} {escape(head + str(problem))}", soft_wrap=True)
