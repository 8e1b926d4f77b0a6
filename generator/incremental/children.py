"""Forked children (the template compiler, extraction and render workers) die with the
build that forked them, and hold none of its locks.

A child of a killed build would otherwise live on, blocked on a pipe or a queue whose other
end it also holds, keeping the build lock that every later build waits on.
"""

from __future__ import annotations

import ctypes
import os
import signal

from generator.publish.lock import release_inherited

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def tie_to_parent(parent: int) -> None:
    """Run first in a child forked by the process `parent` (its pid, taken before forking):
    the kernel kills the child when the parent dies, and if the parent died already, the
    child exits now."""
    _kill_when_parent_dies()
    # The parent may have died between the fork and the line above: the child has then
    # been adopted by another process, and no signal will come.
    if os.getppid() != parent:
        os._exit(1)
    release_inherited()


def _kill_when_parent_dies() -> None:
    """Linux's PR_SET_PDEATHSIG (nothing where there is no prctl). The kernel's "parent" is
    the thread that forked: every fork here happens on the thread running the build, which
    outlives its children (the dev server's rebuild thread lives as long as the server)."""
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return
    prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
