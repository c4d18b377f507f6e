"""File access for batches: local paths and fsspec URLs behind one small set of functions.

Local paths (and ``file://``) use the os directly, with :func:`briefer.output.write_atomic`;
anything else goes through fsspec, imported only when a URL needs it.

What "atomic" means per filesystem (:func:`put`):

- local paths: a temp file in the same folder, fsync, ``os.replace``: atomic on POSIX;
- other fsspec filesystems: write ``.<name>.<random>.part``, then ``fs.mv`` it onto the
  final name. ``memory://`` moves are atomic; on object stores (``s3://``, ``gs://``) a
  move is a server-side copy plus delete and each object appears whole (a PUT or COPY is
  all-or-nothing), so readers still never see half an object.

A kill leaves at most ``.*.part`` temp files, which :func:`clean_temps` removes next run.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import posixpath
import re
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from briefer.output import cannot_write, temp_prefix, write_output

if TYPE_CHECKING:
    from fsspec import AbstractFileSystem

#: Temp files a kill can leave behind: write_atomic's ``.<name>.<random>.part`` and ours.
TEMP_NAME = re.compile(r"^\..+\.part$")


def is_local(url: str) -> bool:
    """True for plain paths (and ``file://``), which take the os-level atomic write path."""
    return "://" not in url or url.startswith("file://")


def local_path(url: str) -> Path:
    """The filesystem path of a local ``url``."""
    return Path(url.removeprefix("file://"))


def join(base: str, rel: str) -> str:
    """``base``/``rel`` for paths and URLs alike."""
    return posixpath.join(base.rstrip("/"), rel) if not is_local(base) else str(Path(base, rel))


def _filesystem(url: str) -> tuple[AbstractFileSystem, str]:
    """The fsspec filesystem of ``url`` and the path within it (imports fsspec lazily)."""
    from fsspec.core import url_to_fs

    fs, path = url_to_fs(url)
    return fs, path


def list_tree(url: str) -> tuple[str, list[str] | None] | None:
    """A remote file as (its URL, None), a folder as (its URL, every file's relative path),
    or None when there is nothing at ``url``."""
    fs, path = _filesystem(url)
    if fs.isfile(path):
        return fs.unstrip_protocol(path), None
    if not fs.isdir(path):
        return None
    rels = [posixpath.relpath(f, path) for f in fs.find(path)]
    return fs.unstrip_protocol(path.rstrip("/")), rels


def read_remote(url: str, check: Callable[[int], None]) -> bytes:
    """The bytes of a remote file; ``check(size)`` may refuse it before the fetch."""
    fs, path = _filesystem(url)
    size = fs.size(path)
    if size is not None:
        check(size)
    data: bytes = fs.cat_file(path)
    return data


def put(url: str, data: bytes | str) -> None:
    """Write ``data`` so that ``url`` is either absent, the old content, or all of ``data``.

    Raises:
        OutputError: it cannot be written (read-only, full disk, no such bucket).
    """
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if is_local(url):
        write_output(local_path(url), payload)
        return
    fs, path = _filesystem(url)
    parent, name = posixpath.split(path)
    tmp = posixpath.join(parent, f"{temp_prefix(name)}{uuid.uuid4().hex[:8]}.part")
    try:
        fs.makedirs(parent, exist_ok=True)
        fs.pipe_file(tmp, payload)
        fs.mv(tmp, path)
    except OSError as exc:
        with contextlib.suppress(Exception):
            fs.rm_file(tmp)
        raise cannot_write(url, exc) from exc
    except BaseException:
        with contextlib.suppress(Exception):
            fs.rm_file(tmp)
        raise


def read(url: str) -> bytes | None:
    """The content of ``url``, or None when it does not exist."""
    try:
        if is_local(url):
            return local_path(url).read_bytes()
        fs, path = _filesystem(url)
        data: bytes = fs.cat_file(path)
        return data
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None


def exists(url: str) -> bool:
    """Whether ``url`` exists."""
    if is_local(url):
        return local_path(url).is_file()
    fs, path = _filesystem(url)
    return bool(fs.exists(path))


def remove(outdir: str, rel: str) -> None:
    """Delete ``outdir``/``rel`` if it exists; an OutputError if it cannot be."""
    url = join(outdir, rel)
    try:
        if is_local(url):
            local_path(url).unlink(missing_ok=True)
            return
        fs, path = _filesystem(url)
        if fs.exists(path):
            fs.rm_file(path)
    except NotADirectoryError:
        return  # nothing can exist below a file (and writing there reports it)
    except OSError as exc:
        raise cannot_write(url, exc) from exc


def sha256_of(url: str) -> str | None:
    """The sha256 of the file at ``url`` (streamed), or None when it cannot be read."""
    digest = hashlib.sha256()
    try:
        if is_local(url):
            with local_path(url).open("rb") as handle:
                for chunk in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(chunk)
        else:
            fs, path = _filesystem(url)
            with fs.open(path, "rb") as handle:
                for chunk in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def clean_temps(outdir: str) -> int:
    """Delete the temp files an interrupted run left under ``outdir``; returns how many."""
    if is_local(outdir):
        root = local_path(outdir)
        temps = [Path(d, n) for d, _, names in os.walk(root) for n in names if TEMP_NAME.match(n)]
        for temp in temps:
            temp.unlink(missing_ok=True)
        return len(temps)
    fs, path = _filesystem(outdir)
    if not fs.exists(path):
        return 0
    found = [p for p in fs.find(path) if TEMP_NAME.match(posixpath.basename(p))]
    for temp in found:
        fs.rm_file(temp)
    return len(found)
