"""The terminal side of ``briefer batch``: progress bar, summary, exit code.

Kept out of ``cli.py`` so that file stays a list of thin commands. The progress bar (rich)
appears only when stderr is a terminal; otherwise the command prints just its summary.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType

import typer

from briefer.batch import BatchProgress, BatchReport, BatchSettings, run_batch
from briefer.errors import BrieferError, exit_code
from briefer.options import Options
from briefer.output import printable

#: Exit status after Ctrl-C, as shells report a SIGINT death (128 + 2).
INTERRUPTED = 130
#: Exit status after SIGTERM (``kill``, a service manager stopping the job): 128 + 15.
TERMINATED = 143


class Terminated(KeyboardInterrupt):
    """SIGTERM, handled as Ctrl-C is: stop submitting, let running files finish, index."""


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise Terminated


def run(inputs: list[str], outdir: str, settings: BatchSettings, options: Options) -> int:
    """Run the batch; 0 when every input is briefed, 1 when any failed, 2 on usage errors,
    73 when an output could not be written (the batch stops there), 130 after Ctrl-C and
    143 after SIGTERM (the index is written in each case)."""
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        with _progress() as progress:
            report = run_batch(inputs, outdir, settings, options=options, progress=progress)
    except BrieferError as exc:
        typer.echo(f"Error: {printable(str(exc))}", err=True)
        return exit_code(exc)
    except KeyboardInterrupt as exc:
        how = "terminated" if isinstance(exc, Terminated) else "interrupted"
        typer.echo(f"{how}: finished files are kept; run again to resume", err=True)
        return TERMINATED if isinstance(exc, Terminated) else INTERRUPTED
    finally:
        signal.signal(signal.SIGTERM, previous)
    _summarize(report, outdir)
    return 0 if report.ok else 1


def _summarize(report: BatchReport, outdir: str) -> None:
    for row in report.rows:
        if row.status == "failed":
            typer.echo(printable(f"failed: {row.path}: {row.error}"), err=True)
    n = report.counts
    parts = [f"{n['briefed']} briefed", f"{n['resumed']} unchanged", f"{n['failed']} failed"]
    if n["cancelled"]:
        parts.append(f"{n['cancelled']} not run")
    index = report.index[-1] if report.index else outdir
    typer.echo(f"{n['total']} inputs: {', '.join(parts)}; index: {index}", err=True)


@contextmanager
def _progress() -> Iterator[Callable[[BatchProgress], None]]:
    """A callback that drives a rich progress bar on a terminal, and does nothing elsewhere."""
    if not sys.stderr.isatty():
        yield lambda _: None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[failed]} failed"),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=False) as bar:
        task_id = bar.add_task("briefing", total=None, failed=0, rate="")

        def update(state: BatchProgress) -> None:
            speed = bar.tasks[0].speed
            rate = f"{speed:.1f} files/s" if speed else ""
            desc = f"briefing ({state.resumed} unchanged)" if state.resumed else "briefing"
            bar.update(
                task_id,
                total=state.total,
                completed=state.done,
                failed=state.failed,
                rate=rate,
                description=desc,
            )

        yield update
