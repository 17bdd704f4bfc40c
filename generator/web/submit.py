"""The steps every upload page shares: receive the form into a new submission, make its jobs, queue,
and show a one-job result."""

from __future__ import annotations

import secrets
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool

from .deps import get_runner, get_settings, get_storage, submission_of
from .jobs import Job, State, Submission
from .pages import error_page, render
from .present import scrub
from .progress import JobView, view
from .storage import Visit
from .uploads import Form, Upload, UploadRefused, read_form

TASKS = "generator.web.worker:"
GONE = "Hasil ini tidak ditemukan: mungkin sudah dihapus karena kunjungan Anda berakhir. Unggah lagi."


async def receive(
    request: Request, visit: Visit, kind: str, suffixes: dict[str, str]
) -> tuple[Submission, Form]:
    """A new submission of ``kind`` holding the request's files; nothing is kept when it is refused."""
    settings = get_settings(request)
    ident, folder = visit.new_folder()
    try:
        form = await read_form(
            request, folder, suffixes, max_file=settings.upload_bytes, max_files=settings.max_files
        )
        get_storage(request).reserve(visit, sum(upload.size for upload in form.files))
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    submission = Submission(ident, kind, folder, fields=form.fields)
    return submission, form


@contextmanager
def discarded_on_failure(submission: Submission) -> Iterator[None]:
    """Nothing of a submission that could not be started stays on disk."""
    try:
        yield
    except BaseException:
        shutil.rmtree(submission.folder, ignore_errors=True)
        raise


def add_job(
    submission: Submission, visit: Visit, upload: Upload, task: str, args: Callable[[Job], tuple]
) -> Job:
    """A job for ``upload``: its folder is the upload's (NN/), its results go to NN/hasil/."""
    folder = upload.path.parent.parent
    job = Job(secrets.token_urlsafe(16), TASKS + task, (), folder, upload.name, visit=visit.key)
    job.results.mkdir(parents=True, exist_ok=True, mode=0o700)
    job.args = args(job)
    submission.jobs.append(job)
    return job


async def check(job: Job, checker: Callable[[Path], str], path: Path) -> bool:
    """Check ``path`` by its content; a failing file's job is rejected with the checker's sentence."""
    sentence = await run_in_threadpool(checker, path)
    if sentence:
        job.state, job.error = State.REJECTED, scrub(sentence)
        return False
    return True


def start(request: Request, visit: Visit, submission: Submission, result_route: str) -> RedirectResponse:
    """Queue the submission's accepted jobs and send the browser to its result page."""
    get_runner(request).submit([job for job in submission.jobs if job.state is State.QUEUED])
    visit.submissions[submission.id] = submission
    url = request.url_for(result_route, kiriman=submission.id).path
    return RedirectResponse(url, status_code=303)


def require(form: Form, field: str, what: str) -> list[Upload]:
    """The files of ``field``, or a 400 with a sentence naming what to choose."""
    uploads = form.named(field)
    if not uploads:
        raise UploadRefused(400, f"Pilih {what} lebih dahulu, lalu kirim.")
    return uploads


def one_job_page(
    request: Request,
    visit: Visit | None,
    kiriman: str,
    kind: str,
    template: str,
    title: str,
    extra: Callable[[Job], dict[str, object]] | None = None,
) -> HTMLResponse:
    """The result page of a submission with one job (tahun baru, banding, templat)."""
    submission = submission_of(visit, kiriman, kind)
    if submission is None:
        return error_page(request, 404, GONE)
    job = submission.jobs[0]
    state = view(job, get_runner(request))
    context = {"area": kind, "title": title, "job": job, "view": state, "waiting": state.waiting}
    return render(request, template, {**context, **(extra(job) if extra else {})})


def submission_views(
    request: Request, visit: Visit | None, kiriman: str, kind: str
) -> tuple[Submission, dict[str, JobView]] | None:
    """The visit's submission ``kiriman`` of area ``kind`` and how far each of its jobs has come (by job
    id); None when it is not the visitor's or has expired (the page then says GONE)."""
    submission = submission_of(visit, kiriman, kind)
    if submission is None:
        return None
    runner = get_runner(request)
    return submission, {job.id: view(job, runner) for job in submission.jobs}
