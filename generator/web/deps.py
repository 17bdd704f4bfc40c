"""What routes are given (FastAPI dependencies): settings, storage, job runner, the visitor's visit.

They come from ``app.state``, set by ``create_app``; tests hand the factory their own.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from .jobs import Job, JobRunner, Submission
from .security import COOKIE
from .settings import Settings
from .storage import Storage, Visit


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_storage(request: Request) -> Storage:
    return request.app.state.storage


def get_runner(request: Request) -> JobRunner:
    return request.app.state.runner


def known_visit(request: Request) -> Visit | None:
    """The visit named by the cookie, if it is still alive; never makes one (pages only read)."""
    return get_storage(request).get(request.cookies.get(COOKIE))


def current_visit(request: Request) -> Visit:
    """The visit named by the cookie, or a new one whose cookie goes out with the answer."""
    visit = known_visit(request)
    if visit is None:
        token, visit = get_storage(request).create()
        request.state.visit_cookie = token
    return visit


def submission_of(visit: Visit | None, ident: str, kind: str) -> Submission | None:
    """The visit's own submission ``ident`` of area ``kind``; None for anyone else's or an expired one."""
    if visit is None:
        return None
    found = visit.submissions.get(ident)
    return found if isinstance(found, Submission) and found.kind == kind else None


def job_of(visit: Visit | None, ident: str) -> Job | None:
    if visit is None:
        return None
    for submission in visit.submissions.values():
        for job in submission.jobs:
            if job.id == ident:
                return job
    return None


KnownVisit = Annotated[Visit | None, Depends(known_visit)]
CurrentVisit = Annotated[Visit, Depends(current_visit)]
