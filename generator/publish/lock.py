"""One build at a time per site: a lock file in the cache folder.

The lock is `flock` on an open file, so the kernel drops it when the last process holding
that open file dies: a killed build never leaves a lock to wait on. Forked children share
the open file, so each one lets go of it first thing (`release_inherited`, run by
`children.tie_to_parent`): a child must never keep a dead build's lock.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager

from generator.config import SiteConfig
from generator.errors import InputError, InputErrors

LOCK_NAME = "build.lock"


@contextmanager
def build_lock(config: SiteConfig) -> Iterator[None]:
    """One build at a time per site; a second one stops with a clear message."""
    path = config.cache_dir / LOCK_NAME
    try:
        config.cache_dir.mkdir(parents=True, exist_ok=True)
        handle = open(path, "w")  # noqa: SIM115 (closed below)
    except OSError as exc:
        raise InputErrors(
            [
                InputError(
                    f"cannot write the cache folder: {exc.strerror or exc}",
                    path=config.cache_dir,
                    hint="set `cache` in site.toml to a folder you can write to",
                )
            ]
        ) from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise InputErrors(
                [
                    InputError(
                        "another build of this site is running",
                        path=path,
                        hint="wait for it to finish (or stop `make serve`), then build again",
                    )
                ]
            ) from None
        yield


def release_inherited() -> None:
    """In a forked child: stop sharing the parent's build lock.

    The descriptor is pointed at /dev/null rather than closed, so its number stays taken:
    the parent's file object, copied into the child, can never close another file that
    reused it."""
    try:
        descriptors = os.listdir("/proc/self/fd")
    except OSError:  # no /proc: the child still dies with its parent (children.py)
        return
    for name in descriptors:
        try:
            target = os.readlink(f"/proc/self/fd/{name}")
        except OSError:  # the listing's own descriptor, closed by now
            continue
        if os.path.basename(target) == LOCK_NAME:
            null = os.open(os.devnull, os.O_RDWR)
            os.dup2(null, int(name), inheritable=False)
            os.close(null)
