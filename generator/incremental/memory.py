"""The garbage collector's policy, in one place.

Python's cyclic collector walks every tracked object of a generation when it runs. Two
moments of a build make that pure cost, and both are handled here:

- Loading the saved state (saved_state.py) creates a few hundred thousand objects and none
  is garbage: the collector would run hundreds of times over them (loading three times
  slower). It is off while loading; the objects are then frozen (moved where collections
  do not look), since they live as long as the build.
- Forking render workers (workers.py): everything alive is frozen first, so a collection in
  a worker does not touch every inherited object and so copy the whole inherited heap page
  by page. Everything frozen, the loaded state included, is unfrozen when the pool is done.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def loading_live_objects() -> Iterator[None]:
    """Around making many objects that all stay alive: no collection meanwhile, and none
    looks at them afterwards."""
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


@contextmanager
def frozen_for_workers() -> Iterator[None]:
    """Around the life of forked workers: what they inherit is out of the collector's
    sight, in them and here, until they are done."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
