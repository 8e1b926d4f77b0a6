"""Reading and writing files in the cache folder (`.cache/`), which anyone may have replaced.

The folder can be restored from a CI cache, shared between people or tampered with, so what
is read back is never trusted: only a regular file (not a link to a device, a pipe or a file
elsewhere) of a sane size is read, and any failure to decode it, `DAMAGE`, means the entry is
not there: the caller makes it again. Writing can fail too (a folder where a file should be):
that only costs the next build some speed.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
import tempfile
from pathlib import Path

# Far above any entry a build writes (a page's blocks, an article's extraction, the list of
# pages): a bigger file is not one of ours, and reading it could exhaust memory.
MAX_BYTES = 64 << 20

# What decoding a damaged or hostile entry can raise: besides bad bytes and wrong types,
# nesting deeper than the recursion limit and sizes that exhaust memory.
DAMAGE = (OSError, ValueError, TypeError, RecursionError, MemoryError)


def read_bytes(path: str | os.PathLike, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; OSError for anything else
    (FileNotFoundError when it is missing)."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)  # a pipe would block
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file", str(path))
        if info.st_size > limit:
            raise OSError(errno.EFBIG, "larger than any cache entry", str(path))
        chunks, size = [], 0
        while chunk := os.read(fd, 1 << 20):
            size += len(chunk)
            if size > limit:  # grew while being read
                raise OSError(errno.EFBIG, "larger than any cache entry", str(path))
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_json(path: str | os.PathLike, limit: int = MAX_BYTES) -> object:
    """A JSON file's value; raises one of `DAMAGE` (FileNotFoundError when it is missing)."""
    return json.loads(read_bytes(path, limit).decode("utf-8"))


def write_bytes(path: Path, data: bytes) -> None:
    """Write a file atomically (a killed build leaves the old file or none); OSError if it
    cannot be written, leaving nothing behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def discard(path: str | os.PathLike) -> None:
    """Remove a damaged entry, if it can be removed (a folder in its place cannot)."""
    with contextlib.suppress(OSError):
        os.unlink(path)
