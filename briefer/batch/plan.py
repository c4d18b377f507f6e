"""Which files a batch reads, where their outputs go, and which of them a resume can skip.

Folders are walked recursively in sorted order; hidden files and folders (``.git``,
``.DS_Store``, our own ``.briefer`` state) and anything under OUTDIR are skipped, so a
batch never reads its own outputs. The output tree mirrors the inputs below their common
folder: ``batch corpus -o out`` maps ``corpus/a/b.md`` to ``out/a/b.{json,pdf}``; two
inputs in one folder with the same stem keep their suffix (``b.md.json``, ``b.html.json``).
"""

from __future__ import annotations

import fnmatch
import os
import posixpath
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import urlsplit

from briefer._version import __version__
from briefer.batch.fs import exists as exists_at
from briefer.batch.fs import filesystem, is_local, join, local_path, sha256_of
from briefer.batch.work import Job, Row, Task, load_stamp
from briefer.errors import ConfigError
from briefer.ingest import SUFFIXES


def plan(
    inputs: Sequence[str],
    outdir: str,
    *,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    absolute: bool = False,
    urls: Sequence[str] = (),
) -> list[Task]:
    """The tasks of a batch, sorted by input path, then one per URL in list order.

    Args:
        absolute: name local inputs by absolute path (for workers on other machines).
        urls: web pages to fetch and brief (``--urls``).

    Raises:
        ConfigError: a missing input, inputs on different filesystems, or nothing to brief.
    """
    if urls and not inputs:
        return url_tasks(urls, set())
    found: dict[str, str] = {}  # input path -> the root it is mirrored from
    protocols = {_protocol(url) for url in inputs}
    if len(protocols) > 1:
        raise ConfigError(f"inputs mix filesystems ({', '.join(sorted(protocols))}); run one each")
    for url in inputs:
        for path, root in _walk(url, outdir, include, exclude, absolute):
            found.setdefault(path, root)
    if not found:
        raise ConfigError(
            f"no files to brief in {', '.join(inputs)} (briefer reads "
            f"{', '.join(sorted(SUFFIXES))}; check --include/--exclude)"
        )
    common = _common_root(sorted(set(found.values())))
    tasks = _name_outputs(sorted(found), common)
    return tasks + url_tasks(urls, {t.base for t in tasks})


def _protocol(url: str) -> str:
    return "file" if is_local(url) else url.split("://", 1)[0]


def _walk(
    url: str, outdir: str, include: Sequence[str], exclude: Sequence[str], absolute: bool
) -> list[tuple[str, str]]:
    """(path, root) of each wanted file under ``url``; a file is mirrored from its folder."""
    listing = _list_local(url, outdir, absolute) if is_local(url) else _list_remote(url, outdir)
    root, rels = listing
    if rels is None:  # a single file named on the command line: no filtering
        return [(root, _parent(root))]
    return [(_child(root, rel), root) for rel in rels if _wanted(rel, include, exclude)]


def _list_local(url: str, outdir: str, absolute: bool) -> tuple[str, list[str] | None]:
    base = local_path(url)
    base = base.resolve() if absolute else Path(os.path.normpath(base))
    if base.is_file():
        return str(base), None
    if not base.is_dir():
        raise ConfigError(f"{url}: no such file or folder")
    skip = local_path(outdir).resolve() if is_local(outdir) else None
    rels = []
    for folder, dirs, names in os.walk(base):
        # Prune hidden folders and OUTDIR in place, so they are never even listed.
        dirs[:] = [d for d in dirs if not d.startswith(".") and Path(folder, d).resolve() != skip]
        rels += [Path(folder, n).relative_to(base).as_posix() for n in names]
    return str(base), rels


def _list_remote(url: str, outdir: str) -> tuple[str, list[str] | None]:
    fs, path = filesystem(url)
    if fs.isfile(path):
        return fs.unstrip_protocol(path), None
    if not fs.isdir(path):
        raise ConfigError(f"{url}: no such file or folder")
    root = fs.unstrip_protocol(path.rstrip("/"))
    skip = outdir.rstrip("/") + "/"
    rels = [posixpath.relpath(f, path) for f in fs.find(path)]
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


def _name_outputs(paths: list[str], common: str) -> list[Task]:
    """Output bases relative to OUTDIR; a stem shared within one folder keeps its suffix."""
    rels = [_relative(p, common) for p in paths]
    bases = [posixpath.splitext(r)[0] for r in rels]
    counts = Counter(bases)
    return [
        Task(path, rel if counts[base] > 1 else base)
        for path, rel, base in zip(paths, rels, bases, strict=True)
    ]


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
    row = stamp.get("row") or {}
    return Row(
        task.source,
        "resumed",
        title=row.get("title"),
        authors=tuple(row.get("authors") or ()),
        date=row.get("date"),
        outputs=outputs,
    )
