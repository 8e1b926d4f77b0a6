import contextlib
import os
import sys

from generator.cli import main

status = main()
# Exit without the interpreter's teardown (a garbage collection over the Jinja environments,
# then every module freed): an eighth of a build with nothing changed, 3% of a template-edit
# rebuild (docs/benchmarks.md, fifth round). Every command has finished its work, joined its
# processes and closed its files by now; only the standard streams remain.
for stream in (sys.stdout, sys.stderr):
    with contextlib.suppress(OSError, ValueError):  # a reader that went away, say
        stream.flush()
os._exit(status)
