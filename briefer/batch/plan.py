"""Which files a batch reads, where their outputs go, and which of them a resume can skip.

Folders are walked recursively in sorted order; hidden files and folders (``.git``,
``.DS_Store``, our own ``.briefer`` state), anything under OUTDIR, symlinked folders and
(unless ``follow_links``) symlinked files pointing out of the folder are skipped. The output
tree mirrors the inputs below their common folder: ``batch corpus -o out`` maps
``corpus/a/b.md`` to ``out/a/b.{json,pdf}``, names chosen by the one naming rule of
:func:`briefer.output.output_bases` (``b.md.json`` beside ``b.html.json``; never an input's
name, never the index's). Outputs that would land among a folder's inputs (``batch DIR -o
DIR``) are refused, so a batch never reads its own outputs.
"""

from __future__ import annotations

import fnmatch
import logging
import os
import posixpath
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from briefer._version import __version__
from briefer.batch.fs import exists as exists_at
from briefer.batch.fs import is_local, join, list_tree, local_path, sha256_of
from briefer.batch.index import INDEX_FILES
from briefer.batch.work import Job, Row, Status, Task, load_stamp
from briefer.errors import ConfigError
from briefer.ingest import SUFFIXES
from briefer.options import FORMATS, OutputFormat
from briefer.output import output_bases, printable

log = logging.getLogger(__name__)


def plan(
    inputs: Sequence[str],
    outdir: str,
    *,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    absolute: bool = False,
    formats: Sequence[OutputFormat] = FORMATS,
    follow_links: bool = False,
    urls: Sequence[str] = (),
) -> list[Task]:
    """The tasks of a batch, sorted by input path, then one per URL in list order.

    Args:
        absolute: name local inputs by absolute path (for workers on other machines).
        formats: the outputs written per input (their names must not collide).
        follow_links: brief symlinked files whose target lies outside the input folder.
        urls: web pages to fetch and brief (``--urls``).

    Raises:
        ConfigError: a missing input, inputs on different filesystems, nothing to brief, or
            outputs that would land among the inputs of a folder (``batch DIR -o DIR``).
    """
    if urls and not inputs:
        return url_tasks(urls, set())
    found: dict[str, str] = {}  # input path -> the root it is mirrored from
    folders: list[str] = []  # the folders walked (a file named on its own is not one)
    protocols = {_protocol(url) for url in inputs}
    if len(protocols) > 1:
        raise ConfigError(f"inputs mix filesystems ({', '.join(sorted(protocols))}); run one each")
    for url in inputs:
        root, paths, is_folder = _walk(url, outdir, include, exclude, absolute, follow_links)
        folders += [root] if is_folder else []
        for path in paths:
            found.setdefault(path, root)
    if not found:
        raise ConfigError(
            f"no files to brief in {', '.join(inputs)} (briefer reads "
            f"{', '.join(sorted(SUFFIXES))}; check --include/--exclude)"
        )
    common = _common_root(sorted(set(found.values())))
    tasks = _name_outputs(sorted(found), common, outdir, tuple(formats))
    _check_apart(tasks, outdir, folders, tuple(formats))
    return tasks + url_tasks(urls, {t.base for t in tasks})


def _protocol(url: str) -> str:
    return "file" if is_local(url) else url.split("://", 1)[0]


def _walk(
    url: str,
    outdir: str,
    include: Sequence[str],
    exclude: Sequence[str],
    absolute: bool,
    follow_links: bool,
) -> tuple[str, list[str], bool]:
    """(root, the wanted files under ``url``, whether it is a folder); a file named on the
    command line is mirrored from its own folder, and not filtered."""
    if is_local(url):
        root, rels = _list_local(url, outdir, absolute, follow_links)
    else:
        root, rels = _list_remote(url, outdir)
    if rels is None:
        return _parent(root), [root], False
    return root, [_child(root, rel) for rel in rels if _wanted(rel, include, exclude)], True


def _list_local(
    url: str, outdir: str, absolute: bool, follow_links: bool
) -> tuple[str, list[str] | None]:
    base = local_path(url)
    base = base.resolve() if absolute else Path(os.path.normpath(base))
    if base.is_file():
        return str(base), None
    if not base.is_dir():
        raise ConfigError(f"{url}: no such file or folder")
    skip = local_path(outdir).resolve() if is_local(outdir) else None
    real = base.resolve()
    rels = []
    for folder, dirs, names in os.walk(base):
        # Prune hidden folders and OUTDIR in place, so they are never even listed.
        # (os.walk does not descend into symlinked folders.)
        dirs[:] = [d for d in dirs if not d.startswith(".") and Path(folder, d).resolve() != skip]
        for name in names:
            path = Path(folder, name)
            if not follow_links and path.is_symlink() and not path.resolve().is_relative_to(real):
                log.warning("skipped %s: a link out of %s (use --follow-links)", path, base)
                continue
            rels.append(path.relative_to(base).as_posix())
    return str(base), rels


def _list_remote(url: str, outdir: str) -> tuple[str, list[str] | None]:
    listed = list_tree(url)
    if listed is None:
        raise ConfigError(f"{url}: no such file or folder")
    root, rels = listed
    if rels is None:
        return root, None
    skip = outdir.rstrip("/") + "/"
    return root, [r for r in rels if not (_child(root, r) + "/").startswith(skip)]


def _parent(path: str) -> str:
    return str(Path(path).parent) if is_local(path) else posixpath.dirname(path)


def _child(root: str, rel: str) -> str:
    return str(Path(root, rel)) if is_local(root) else f"{root}/{rel}"


def _wanted(rel: str, include: Sequence[str], exclude: Sequence[str]) -> bool:
    """Supported suffix, no hidden part, and the globs (matched on the relative path or name)."""
    parts = rel.split("/")
    if any(part.startswith(".") for part in parts):
        return False
    if posixpath.splitext(rel)[1].lower() not in SUFFIXES:
        return False

    def matches(globs: Sequence[str]) -> bool:
        return any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(parts[-1], g) for g in globs)

    return (not include or matches(include)) and not matches(exclude)


def _common_root(roots: list[str]) -> str:
    if len(roots) == 1:
        return roots[0]
    if is_local(roots[0]):
        return os.path.commonpath(roots)
    scheme, _, _ = roots[0].partition("://")
    bare = [r.split("://", 1)[1] for r in roots]
    return f"{scheme}://{posixpath.commonpath(bare)}"


def _name_outputs(
    paths: list[str], common: str, outdir: str, formats: tuple[OutputFormat, ...]
) -> list[Task]:
    """Output bases relative to OUTDIR, by the one naming rule (``output.output_bases``):
    never two inputs' outputs on one name, never an input, never the index files."""
    rels = [_relative(p, common) for p in paths]
    taken = {*INDEX_FILES, *_inside(paths, outdir)}
    bases = output_bases(rels, formats, taken=taken)
    return [Task(path, base) for path, base in zip(paths, bases, strict=True)]


def _inside(paths: list[str], outdir: str) -> list[str]:
    """The inputs that lie in OUTDIR, relative to it (an output must never replace one)."""
    if not is_local(outdir):
        prefix = outdir.rstrip("/") + "/"
        return [p[len(prefix) :] for p in paths if p.startswith(prefix)]
    here = local_path(outdir).resolve()
    found = []
    for path in paths:
        entry = Path(path)
        for where in (entry.parent.resolve() / entry.name, entry.resolve()):
            if where.is_relative_to(here):
                found.append(where.relative_to(here).as_posix())
    return found


def _check_apart(
    tasks: list[Task], outdir: str, folders: list[str], formats: tuple[OutputFormat, ...]
) -> None:
    """Refuse outputs that would land inside a walked input folder (``batch DIR -o DIR``):
    they would mix with the articles and be read back as inputs by the next run. An OUTDIR
    inside an input folder is fine: the walk skips it."""
    here = _key(outdir)
    rels = [*INDEX_FILES, *(rel for task in tasks for rel in task.outputs(formats))]
    for folder in folders:
        root = _key(folder)
        if here != root and _under(here, root):
            continue
        hit = next((rel for rel in rels if _under(f"{here}/{rel}", root)), None)
        if hit is not None:
            raise ConfigError(
                f"{folder}: the outputs would be written among the inputs"
                f" ({printable(join(outdir, hit))}) and read back as inputs next run; choose an"
                f" OUTDIR outside it, or inside it such as {join(folder, 'briefs')}"
            )


def _key(url: str) -> str:
    """``url`` in a form where prefixes mean nesting: resolved, for local paths."""
    return str(local_path(url).resolve()) if is_local(url) else url.rstrip("/")


def _under(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip("/") + "/")


def _relative(path: str, common: str) -> str:
    if is_local(path):
        return Path(path).relative_to(common).as_posix()
    return posixpath.relpath(path.split("://", 1)[1], common.split("://", 1)[1])


def url_tasks(urls: Sequence[str], taken: set[str]) -> list[Task]:
    """One task per URL (repeats once), named ``<host>/<last segment>``, numbered on a clash."""
    tasks = []
    for url in dict.fromkeys(urls):
        parts = urlsplit(url)
        leaf = posixpath.splitext(posixpath.basename(parts.path.rstrip("/")))[0] or "index"
        base = stem = "/".join(_safe(p) or "page" for p in (parts.hostname or "web", leaf))
        n = 1
        while stem in taken:
            n += 1
            stem = f"{base}-{n}"
        taken.add(stem)
        tasks.append(Task(url, stem))
    return tasks


def _safe(name: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in name)[:80].strip(".")


def resumed(job: Job, task: Task) -> Row | None:
    """The earlier run's row when its outputs exist and input, version and options match."""
    stamp = load_stamp(job.outdir, task)
    if not stamp or stamp.get("version") != __version__ or stamp.get("options") != job.fingerprint:
        return None
    outputs = task.outputs(job.formats)
    if not all(exists_at(join(job.outdir, rel)) for rel in outputs):
        return None
    if sha256_of(task.source) != stamp.get("sha256"):
        return None
    return _stamped_row(task, stamp, "resumed", outputs)


def recovered(job: Job, task: Task) -> Row | None:
    """The row of a file this run briefed but never heard back about (it finished while
    the pool shut down after Ctrl-C or --fail-fast): its stamp carries this run's id."""
    stamp = load_stamp(job.outdir, task)
    if not stamp or stamp.get("run") != job.run_id:
        return None
    return _stamped_row(task, stamp, "briefed", task.outputs(job.formats))


def _stamped_row(
    task: Task, stamp: dict[str, Any], status: Status, outputs: tuple[str, ...]
) -> Row:
    row = stamp.get("row") or {}
    return Row(
        task.source,
        status,
        title=row.get("title"),
        authors=tuple(row.get("authors") or ()),
        date=row.get("date"),
        outputs=outputs,
    )
