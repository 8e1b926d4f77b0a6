"""Worker processes forked from the build, and what they inherit from it.

Workers are forked once what they need is ready (the assembled site and the Jinja
environment for rendering, the loaded spaCy model for extraction), so they inherit it as the
fork copied it instead of receiving it pickled. Render workers also deliver what they
produce (write the file), so only a small result per file travels back, not the text. Every
worker dies with the build (children.py).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar

from generator.incremental.children import tie_to_parent
from generator.incremental.memory import frozen_for_workers

PARALLEL_FROM = 300  # files; below this, starting workers costs more than it saves
CHUNK = 50

T = TypeVar("T")


class Inherited:
    """What a forked worker inherited from the build, for the tasks it runs.

    A task reaches a worker pickled by name, so what the fork copied (too big or impossible
    to pickle) can be found only through a name: `Inherited.value`. The pool's initializer
    sets it in each worker, never in the build's own process; it is the one module-level
    value of the generator that changes."""

    value: ClassVar[Any] = None

    @classmethod
    def receive(cls, value: object, parent: int) -> None:
        """Run first in each worker of `forked_pool`."""
        tie_to_parent(parent)  # a worker left behind by a killed build would hold its lock
        cls.value = value


def forked_pool(processes: int, inherited: object) -> ProcessPoolExecutor:
    """`processes` workers forked from this process, each holding `inherited` as
    `Inherited.value`. A forked process's arguments are copied by the fork, not pickled, so
    `inherited` may hold lambdas and open resources."""
    return ProcessPoolExecutor(
        max_workers=processes,
        mp_context=multiprocessing.get_context("fork"),
        initializer=Inherited.receive,
        initargs=(inherited, os.getpid()),
    )


@dataclass
class Job:
    """One output file: its path in the site and how to make it (what `deliver` takes)."""

    path: str
    produce: Callable[[], object]


def _produce_range(start: int, stop: int) -> list[tuple[str, object]]:
    """In a worker: deliver the inherited jobs start to stop."""
    jobs, deliver = Inherited.value
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
    if processes <= 1 or len(jobs) < PARALLEL_FROM:
        if meanwhile is not None:
            meanwhile()
        for job in jobs:
            yield job.path, deliver(job.path, job.produce())
        return
    with frozen_for_workers(), forked_pool(processes, (jobs, deliver)) as pool:
        ranges = [(i, min(i + CHUNK, len(jobs))) for i in range(0, len(jobs), CHUNK)]
        batches = pool.map(_produce_range, *zip(*ranges, strict=True))  # all submitted
        if meanwhile is not None:
            meanwhile()
        for batch in batches:
            yield from batch
