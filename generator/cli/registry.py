"""Argument parsing in Bahasa Indonesia and the table of subcommands."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass

EXIT_OK, EXIT_FAILED, EXIT_INVALID = 0, 1, 2

Run = Callable[[argparse.Namespace], int]
Arguments = Callable[[argparse.ArgumentParser], None]


class Parser(argparse.ArgumentParser):
    """argparse speaking Bahasa Indonesia, including its error messages."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("add_help", False)
        kwargs.setdefault("formatter_class", Formatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumen"
        self._optionals.title = "pilihan"
        self.add_argument("-h", "--help", action="help", help="tampilkan bantuan ini lalu keluar")

    def error(self, message: str) -> None:  # type: ignore[override]
        message = (
            message.replace("the following arguments are required", "argumen berikut wajib diisi")
            .replace("unrecognized arguments", "argumen tidak dikenal")
            .replace("invalid choice", "pilihan tidak dikenal")
            .replace("expected one argument", "memerlukan satu nilai")
            .replace("invalid int value", "bukan bilangan bulat")
            .replace("argument ", "argumen ")
        )
        self.print_usage(sys.stderr)
        self.exit(EXIT_INVALID, f"{self.prog}: galat: {message}\n")


class Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:  # type: ignore[override]
        super().add_usage(usage, actions, groups, "Penggunaan: " if prefix is None else prefix)


def _no_arguments(parser: argparse.ArgumentParser) -> None:
    return None


@dataclass(frozen=True)
class Spec:
    summary: str
    example: str
    arguments: Arguments
    run: Run


COMMANDS: dict[str, Spec] = {}


def command(name: str, summary: str, example: str, arguments: Arguments = _no_arguments):
    """Register a subcommand; its help always ends with an example."""

    def register(func: Run) -> Run:
        COMMANDS[name] = Spec(summary, example, arguments, func)
        return func

    return register
