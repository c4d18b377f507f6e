"""One input of a batch, start to finish, inside a worker (a local process or a Dask worker).

Workers receive a small :class:`Job` (shared settings) and a :class:`Task` (paths only, never
contents), read the input themselves, render every output in memory, then write: outputs
first, each atomically (see :mod:`briefer.batch.fs`), and the resume *stamp* last. A kill at
any moment therefore leaves either no stamp (the input is redone next run) or a stamp whose
outputs are all complete.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import signal
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from briefer._version import __version__
from briefer.batch.fs import is_local, join, put, read, read_remote, remove
from briefer.errors import BrieferError, InputError, OutputError
from briefer.options import Options, OutputFormat

if TYPE_CHECKING:
    from briefer.schema import Briefing

log = logging.getLogger(__name__)

Status = Literal["briefed", "resumed", "failed", "cancelled"]
#: The folder under OUTDIR holding one resume stamp per input.
STATE_DIR = ".briefer"


@dataclass(frozen=True, slots=True)
class Job:
    """Settings shared by every task of one batch."""

    options: Options  # the briefing, the formats written and the time limit per input
    outdir: str  # local path or fsspec URL
    # Test hook: the worker calls os._exit for inputs whose path contains this string, to
    # simulate a crash (segfault, OOM kill) without shipping a crashing code path.
    crash_on: str | None = None
    # Written into every stamp of this run: a file whose stamp carries it was briefed by
    # this run even when its row never came back (it finished while Ctrl-C shut down).
    run_id: str = field(default_factory=lambda: uuid.uuid4().hex)

    @property
    def formats(self) -> tuple[OutputFormat, ...]:
        return self.options.formats

    @property
    def fingerprint(self) -> str:
        """What besides the input and version changes the outputs: the options."""
        return self.options.fingerprint()


@dataclass(frozen=True, slots=True)
class Task:
    """One input: where to read it and where its outputs go (relative to the OUTDIR)."""

    source: str  # local path or fsspec URL, also the label shown in the index
    base: str  # output path without extension, relative to OUTDIR, posix ("sub/a")

    def outputs(self, formats: tuple[OutputFormat, ...]) -> tuple[str, ...]:
        """The output paths relative to OUTDIR."""
        return tuple(f"{self.base}.{fmt}" for fmt in formats)

    @property
    def stamp(self) -> str:
        """The resume stamp, relative to OUTDIR."""
        return f"{STATE_DIR}/{self.base}.json"


@dataclass(frozen=True, slots=True)
class Row:
    """The outcome for one input: a row of index.json / index.csv."""

    path: str
    status: Status
    title: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None
    outputs: tuple[str, ...] = ()
    error: str | None = None
    #: The input's outputs could not be written (read-only OUTDIR, full disk): the batch stops.
    cannot_write: bool = False


def failed(task: Task, reason: str, status: Status = "failed") -> Row:
    """A row for an input that produced nothing; ``reason`` is kept to one line."""
    return Row(task.source, status, error=" ".join(reason.split()))


def run_task(job: Job, task: Task) -> Row:
    """Brief one input and write its outputs; every failure becomes a failed row."""
    try:
        if job.crash_on and job.crash_on in task.source:
            os._exit(70)
        with _deadline(job.options.timeout):
            briefing = _brief(task.source, job.options)
            rendered = _render(briefing, job)
        return _store(job, task, briefing, rendered)
    except OutputError as exc:  # names the output, not the input: keep its path
        return Row(task.source, "failed", error=" ".join(str(exc).split()), cannot_write=True)
    except BrieferError as exc:
        return failed(task, _strip_path(str(exc), exc.path))
    except Exception as exc:  # one bad file never stops the batch (trafilatura's examine)
        log.debug("unexpected error on %s", task.source, exc_info=True)
        return failed(task, f"unexpected {type(exc).__name__}: {exc}")


class _DeadlineError(BaseException):
    """BaseException, so that no ``except Exception`` inside the pipeline swallows it."""


@contextlib.contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Raise in the worker after ``seconds``; only where signals work (a main thread).

    Dask runs tasks in worker threads, so there the scheduler's own limits apply instead.
    """
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise _DeadlineError

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _DeadlineError:
        raise BrieferError(f"took longer than {seconds:g} s (raise --timeout)") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _strip_path(message: str, path: str | None) -> str:
    prefix = f"{path}: "
    return message[len(prefix) :] if path and message.startswith(prefix) else message


def _brief(source: str, options: Options) -> Briefing:
    from briefer.fetch import is_url
    from briefer.ingest import check_size
    from briefer.pipeline import brief, brief_url

    if is_url(source):
        return brief_url(source, options=options)
    if is_local(source):
        return brief(Path(source), options=options)
    # Remote input: read the bytes and keep the URL as the name, so format hints and
    # messages match what a local path would give.
    try:
        raw = read_remote(source, lambda size: check_size(size, options.max_bytes, source))
    except OSError as exc:
        raise InputError(f"cannot read: {exc}", path=source) from exc
    return brief(raw, options=options, name=source)


def _render(briefing: Briefing, job: Job) -> dict[OutputFormat, bytes]:
    from briefer.pipeline import render_outputs

    return render_outputs(briefing, job.formats, options=job.options).outputs


def _store(job: Job, task: Task, briefing: Briefing, rendered: dict[OutputFormat, bytes]) -> Row:
    """Outputs first, then the stamp: the stamp's presence promises complete outputs."""
    outputs = task.outputs(job.formats)
    remove(job.outdir, task.stamp)  # a stale stamp must not vouch for outputs being replaced
    for fmt, rel in zip(job.formats, outputs, strict=True):
        put(join(job.outdir, rel), rendered[fmt])
    src = briefing.source
    row = Row(
        task.source,
        "briefed",
        title=src.title,
        authors=tuple(src.authors),
        date=src.published.isoformat() if src.published else None,
        outputs=outputs,
    )
    stamp = {
        "input": task.source,
        "sha256": src.sha256,
        "version": __version__,
        "options": job.fingerprint,
        "run": job.run_id,
        "row": {"title": row.title, "authors": list(row.authors), "date": row.date},
    }
    put(join(job.outdir, task.stamp), json.dumps(stamp, indent=2) + "\n")
    return row


def load_stamp(outdir: str, task: Task) -> dict[str, Any] | None:
    """The task's stamp, or None if absent or unreadable (a torn write is impossible, but a
    hand-edited or foreign file is not)."""
    data = read(join(outdir, task.stamp))
    if data is None:
        return None
    try:
        stamp = json.loads(data)
    except ValueError:
        return None
    return stamp if isinstance(stamp, dict) else None
