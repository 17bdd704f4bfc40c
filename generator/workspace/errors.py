"""What a workspace service refuses, each as one Indonesian sentence a page or the CLI shows as is.

A face maps the class to its answer: NotFound 404, NotAllowed 403, RateLimited 429, the rest 400.
"""

from __future__ import annotations


class WorkspaceError(Exception):
    """A refusal; ``str(exc)`` is one Indonesian sentence for the person who asked."""


class NotAllowed(WorkspaceError):
    """The account's role may not do this (an operator opening a year, an inactive account)."""


class NotFound(WorkspaceError):
    """No such item, or one of another kecamatan: an operator is never told which."""


class Conflict(WorkspaceError):
    """The thing exists already: a user name taken, a year opened, an upload identical to the last."""


class LoginRefused(WorkspaceError):
    """Wrong user name or password, or an inactive account; the sentence never says which."""


class RateLimited(LoginRefused):
    """Too many failed logins for this account from this address; ``retry_after`` in seconds."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class WeakPassword(WorkspaceError):
    """A password too easy to guess."""


class UploadRefused(WorkspaceError):
    """An upload that is not stored: not a workbook, too large, or for another kecamatan or year."""


class StorageError(WorkspaceError):
    """The data folder or database could not be used (disk full, permissions, unknown schema)."""


class BackupError(WorkspaceError):
    """A backup that cannot be written, or one that cannot be trusted or restored."""
