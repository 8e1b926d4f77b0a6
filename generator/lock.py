"""One build at a time per site: a lock file in the cache folder."""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager

from generator.config import SiteConfig
from generator.errors import InputError, InputErrors


@contextmanager
def build_lock(config: SiteConfig) -> Iterator[None]:
    """One build at a time per site; a second one stops with a clear message."""
    try:
        config.cache_dir.mkdir(parents=True, exist_ok=True)
        handle = open(config.cache_dir / "build.lock", "w")  # noqa: SIM115 (closed below)
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
                        path=config.cache_dir / "build.lock",
                        hint="wait for it to finish (or stop `make serve`), then build again",
                    )
                ]
            ) from None
        yield
