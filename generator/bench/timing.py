"""Running a command and measuring it: wall time and the peak memory of its processes."""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Run:
    seconds: float
    peak_rss_mb: float  # the largest resident set of the process or its waited-for children


def run(command: list[str], cwd=None, env=None) -> Run:
    """Run to completion (failing loudly), timing it and reading its peak RSS from wait4."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    out, err = process.stdout.read(), process.stderr.read()
    process.stdout.close()
    process.stderr.close()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0,):
        raise RuntimeError(
            f"{' '.join(command)} failed ({process.returncode}):\n"
            f"{out.decode()[-2000:]}\n{err.decode()[-2000:]}"
        )
    return Run(seconds, usage.ru_maxrss / 1024)


def median_of(
    repeat: int, measure: Callable[[], Run], before: Callable[[], None] | None = None
) -> Run:
    """Median seconds (and the largest peak RSS) over `repeat` runs; `before` resets state."""
    runs = []
    for _ in range(repeat):
        if before is not None:
            before()
        runs.append(measure())
    return summary(runs)


def summary(runs: list[Run]) -> Run:
    """The median seconds and the largest peak RSS of these runs."""
    return Run(statistics.median(r.seconds for r in runs), max(r.peak_rss_mb for r in runs))
