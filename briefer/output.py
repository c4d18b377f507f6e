"""Naming and writing outputs: one naming rule for ``brief`` and ``batch``, atomic writes.

The naming rule (:func:`output_bases`), given each input's path relative to the output
folder and the formats to write:

1. an input's outputs are ``<folder>/<stem>.<ext>``;
2. where that would collide (two inputs sharing the base, or an output landing on a
   reserved name: an input, or the batch index), the input keeps its suffix:
   ``<folder>/<name>.<ext>`` (``a.md.json`` beside ``a.html.json``);
3. where even that collides (the same name from two folders in ``brief``, or ``a.md``'s
   name equal to ``a.md.txt``'s stem), ``~`` and 8 hex digits of the sha256 of the
   input's path are appended: ``x.md~1a2b3c4d.json``;
4. a name longer than :data:`MAX_NAME_BYTES` is cut (at a character) and gets the same
   ``~hash``, so the name plus an extension plus a temp file's 15 bytes fit in NAME_MAX.

The result depends only on the inputs and formats, so every run names them the same way.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from briefer.errors import OutputError

#: The longest file name most filesystems accept (ext4, xfs, btrfs, APFS, NTFS: 255 bytes).
NAME_MAX = 255
#: The longest output base name: room for ``.html`` and a temp file's ``.NAME.RANDOM.part``.
MAX_NAME_BYTES = 200
#: How many bytes of a temp file's name come from the final name (see :func:`write_atomic`).
_TEMP_NAME_BYTES = NAME_MAX - len("..RANDOMXX.part") - 5


def printable(text: str) -> str:
    """``text`` with undecodable file-name bytes (surrogate escapes) shown as U+FFFD."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:8]


def _cut(name: str, limit: int) -> str:
    """The longest prefix of ``name`` (whole characters) of at most ``limit`` bytes."""
    size = 0
    for i, char in enumerate(name):
        size += len(char.encode("utf-8", "surrogateescape"))
        if size > limit:
            return name[:i]
    return name


def _fit(base: str, key: str) -> str:
    folder, name = posixpath.split(base)
    if len(name.encode("utf-8", "surrogateescape")) <= MAX_NAME_BYTES:
        return base
    return posixpath.join(folder, f"{_cut(name, MAX_NAME_BYTES - 9)}~{_digest(key)}")


def _candidate(rel: str, key: str, level: int) -> str:
    stem, suffix = posixpath.splitext(rel)
    if level == 0 and suffix:
        return _fit(stem, key)
    if level <= 1:
        return _fit(rel, key)
    return _fit(f"{rel}~{_digest(key)}", key)


def output_bases(
    rels: Sequence[str],
    formats: Iterable[str],
    *,
    taken: Iterable[str] = (),
    keys: Sequence[str] | None = None,
) -> list[str]:
    """A unique output base (path without extension, posix) for each input.

    Args:
        rels: each input's path relative to the output folder's mirror (posix).
        formats: the extensions written for every base.
        taken: paths relative to the output folder no output may have (inputs, index files).
        keys: what tells inputs with the same ``rels`` apart (default: ``rels``).
    """
    fmts = tuple(formats)
    keys = list(keys) if keys is not None else list(rels)
    reserved = set(taken)
    levels = [0] * len(rels)
    while True:
        bases = [_candidate(r, k, lv) for r, k, lv in zip(rels, keys, levels, strict=True)]
        shared = Counter(bases)
        clashing = [
            i
            for i, base in enumerate(bases)
            if shared[base] > 1 or any(f"{base}.{fmt}" in reserved for fmt in fmts)
        ]
        if not clashing:
            return bases
        # Within a clash, the plainer names give way first (a stem before a full name).
        groups: dict[str, list[int]] = {}
        for i in clashing:
            groups.setdefault(bases[i], []).append(i)
        bumped = False
        for members in groups.values():
            low = min(levels[i] for i in members)
            for i in members:
                if levels[i] == low and levels[i] < 2:
                    levels[i] += 1
                    bumped = True
        if not bumped:  # identical keys: only a counter tells them apart
            for n, i in enumerate(clashing):
                keys[i] = f"{keys[i]}#{n}"


def temp_prefix(name: str) -> str:
    """``.NAME.``: with 8 random characters and ``.part``, a temp name that fits NAME_MAX
    even when ``name`` nearly fills it."""
    return f".{_cut(name, _TEMP_NAME_BYTES)}."


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write to a temporary file beside ``path``, then rename it into place.

    Raises OSError; the temporary file is removed whatever fails.
    """
    import tempfile

    payload = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=temp_prefix(path.name), suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp creates 0600; outputs are documents meant to be shared like any other file.
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_output(path: Path, data: bytes | str) -> None:
    """:func:`write_atomic`, with an OSError turned into a one-line :class:`OutputError`."""
    try:
        write_atomic(path, data)
    except OSError as exc:
        raise cannot_write(path, exc) from exc


def cannot_write(path: Path | str, exc: OSError) -> OutputError:
    """The error for an output that could not be written (read-only, full disk, ...)."""
    reason = exc.strerror or str(exc)
    return OutputError(
        f"cannot write: {reason} (check that the folder is writable and has space,"
        " or choose another -o)",
        path=printable(str(path)),
    )


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
