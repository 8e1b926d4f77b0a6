"""Compiling the theme's templates in a second process while this one restores the last
build's state: that phase runs on one core, and without this each render worker compiles
every template it uses (a template-edit rebuild at 1,000 articles takes 3-5% longer; see
docs/benchmarks.md, fifth round). A build with nothing changed stops before it starts. The
child also parses, for the analysis of saved blocks (template_analysis.py), any template
whose source is new.

The child is forked, so it compiles with this very environment, and sends the code back
through a pipe as Jinja bytecode. Jinja checks each template's source against the bytecode's
checksum before using it, so a template edited in between is compiled again. Nothing is
written to disk: `.cache/` never holds code.

The child dies with the build (children.py) and closes its copy of the pipe's receiving end,
so a send to a parent that is gone fails instead of filling a pipe nobody reads.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from multiprocessing.connection import Connection

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket

from generator.incremental.children import tie_to_parent
from generator.incremental.template_analysis import TemplateAnalysis


class CompiledTemplates(BytecodeCache):
    """Bytecode in memory, by Jinja's bucket key; whatever compiles later is added."""

    def __init__(self, code: dict[str, bytes] | None = None) -> None:
        self.code = dict(code or {})

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self.code.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


def _compile(
    env: Environment,
    names: list[str],
    analysis: TemplateAnalysis | None,
    into: Connection,
    parent: int,
    parents_end: Connection,
) -> None:
    tie_to_parent(parent)
    parents_end.close()
    compiled = CompiledTemplates()
    env.bytecode_cache = compiled
    for name in names:
        with contextlib.suppress(Exception):  # the build compiles it again and reports it
            env.get_template(name)
    with contextlib.suppress(OSError):  # the build is gone: nobody to send to
        into.send((compiled.code, analysis.facts_of(names) if analysis else {}))


class Precompiler:
    """Starts compiling `names` in a child process; `install` puts the result in `env`, and
    what the child found out about new template sources in `analysis`."""

    def __init__(
        self, env: Environment, names: list[str], analysis: TemplateAnalysis | None = None
    ) -> None:
        self.env = env
        self.analysis = analysis
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._child = context.Process(
            target=_compile,
            args=(env, names, analysis, send, os.getpid(), self._receive),
            daemon=True,
        )
        self._child.start()
        send.close()  # so a child that dies makes recv() fail instead of waiting

    def install(self) -> None:
        """Wait for the child, then use its work; if it failed, templates compile as usual."""
        if self._child is None:
            return
        try:
            code, facts = self._receive.recv()
        except (EOFError, OSError):
            code, facts = {}, {}
        self._finish(stop=False)
        self.env.bytecode_cache = CompiledTemplates(code)
        if self.analysis is not None:
            self.analysis.learn(facts)

    def close(self) -> None:
        """Stop the child if it is still running (the build failed before rendering)."""
        self._finish(stop=True)

    def _finish(self, stop: bool) -> None:
        if self._child is None:
            return
        self._receive.close()
        if stop:
            self._child.terminate()
        self._child.join()
        self._child = None
