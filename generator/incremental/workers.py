"""Producing many output files across the CPU cores.

Workers are forked after the site is assembled, so they inherit it (and the Jinja
environment) instead of receiving it pickled. Each also delivers what it produced (writes the
file), so only a small result per file travels back, not the text. They die with the build
(children.py).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from generator.incremental.children import tie_to_parent

PARALLEL_FROM = 300  # files; below this, starting workers costs more than it saves
CHUNK = 50

T = TypeVar("T")


@dataclass
class Job:
    """One output file: its path in the site and how to make it (what `deliver` takes)."""

    path: str
    produce: Callable[[], object]


# The jobs of the build in progress and what to do with each text, read by forked workers.
# Set only around the pool's life.
_work: tuple[list[Job], Callable[[str, Any], object]] | None = None


def _produce_range(start: int, stop: int) -> list[tuple[str, object]]:
    jobs, deliver = _work
    return [(job.path, deliver(job.path, job.produce())) for job in jobs[start:stop]]


def produce_all(
    jobs: list[Job],
    processes: int,
    deliver: Callable[[str, Any], T],
    meanwhile: Callable[[], None] | None = None,
) -> Iterator[tuple[str, T]]:
    """(path, deliver(path, produced)) for every job, in order; `deliver` runs where the job
    was produced, maybe a worker process. `meanwhile` runs in this process while the workers
    work (it would otherwise wait for them). InputErrors from templates propagate."""
    global _work
    if processes <= 1 or len(jobs) < PARALLEL_FROM:
        if meanwhile is not None:
            meanwhile()
        for job in jobs:
            yield job.path, deliver(job.path, job.produce())
        return
    _work = (jobs, deliver)
    # Move everything alive now out of the collector's sight: a collection in a worker
    # would otherwise touch every object and copy the whole inherited heap page by page.
    gc.freeze()
    try:
        with ProcessPoolExecutor(
            max_workers=processes,
            mp_context=multiprocessing.get_context("fork"),
            initializer=tie_to_parent,
            initargs=(os.getpid(),),
        ) as pool:
            ranges = [(i, min(i + CHUNK, len(jobs))) for i in range(0, len(jobs), CHUNK)]
            batches = pool.map(_produce_range, *zip(*ranges, strict=True))  # all submitted
            if meanwhile is not None:
                meanwhile()
            for batch in batches:
                yield from batch
    finally:
        _work = None
        gc.unfreeze()
