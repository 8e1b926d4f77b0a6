"""Producing many output files across the CPU cores.

Workers are forked after the site is assembled, so they inherit it (and the Jinja
environment) instead of receiving it pickled; only the rendered HTML travels back.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

PARALLEL_FROM = 300  # files; below this, starting workers costs more than it saves
CHUNK = 50


@dataclass
class Job:
    """One output file: its path in the site and how to make its text."""

    path: str
    produce: Callable[[], str]


# The jobs of the build in progress, read by forked workers. Set only around the pool's life.
_work: list[Job] | None = None


def _produce_range(start: int, stop: int) -> list[tuple[str, str]]:
    return [(job.path, job.produce()) for job in _work[start:stop]]


def produce_all(jobs: list[Job], processes: int) -> Iterator[tuple[str, str]]:
    """(path, text) for every job, in order; InputErrors from templates propagate."""
    global _work
    if processes <= 1 or len(jobs) < PARALLEL_FROM:
        for job in jobs:
            yield job.path, job.produce()
        return
    _work = jobs
    try:
        with ProcessPoolExecutor(
            max_workers=processes, mp_context=multiprocessing.get_context("fork")
        ) as pool:
            ranges = [(i, min(i + CHUNK, len(jobs))) for i in range(0, len(jobs), CHUNK)]
            for batch in pool.map(_produce_range, *zip(*ranges, strict=True)):
                yield from batch
    finally:
        _work = None
