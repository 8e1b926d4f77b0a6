"""The build: gather everything first (seeds, extractions, knowledge), then render and swap."""

from __future__ import annotations

import datetime as dt
import fcntl
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from generator.config import SiteConfig
from generator.enrich import KnowledgeIndex, enrich
from generator.errors import InputError, InputErrors
from generator.extract.runner import cache_for, extract_all
from generator.knowledge import load_knowledge
from generator.model import Article
from generator.output import SiteWriter
from generator.progress import Progress
from generator.render import Renderer
from generator.search import run_pagefind
from generator.seeds import RESERVED_SLUGS, assign_unique_slugs, list_seeds, read_article
from generator.site import assemble, render_site


@dataclass
class BuildReport:
    explainers: int = 0
    actors: int = 0
    pages: int = 0
    parsed: int = 0  # articles parsed by spaCy (not from the cache)
    written: int = 0  # files whose bytes changed
    kept: int = 0  # files identical to the previous build's
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)
    errors: list[InputError] = field(default_factory=list)  # per-seed failures

    def summary(self) -> str:
        text = (
            f"Built {self.explainers} explainers, {self.actors} actors, {self.pages} pages "
            f"in {self.seconds:.2f} s ({self.parsed} parsed, {self.written} files written)"
        )
        if self.errors:
            text += f"; {len(self.errors)} seed(s) failed:\n" + "\n".join(
                f"  {error}" for error in self.errors
            )
        return text


@contextmanager
def build_lock(config: SiteConfig) -> Iterator[None]:
    """One build at a time per site; a second one stops with a clear message."""
    config.cache_dir.mkdir(parents=True, exist_ok=True)
    with open(config.cache_dir / "build.lock", "w") as handle:
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


@contextmanager
def _timed(report: BuildReport, stage: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    report.stages[stage] = report.stages.get(stage, 0.0) + time.perf_counter() - start


def read_seeds(config: SiteConfig, reserved: set[str]) -> tuple[list[Article], list[InputError]]:
    """Every readable seed, slugs made unique; unreadable ones become errors, not exceptions."""
    articles, errors = [], []
    for path in list_seeds(config.seeds_dir):
        try:
            articles.append(read_article(path))
        except InputError as exc:
            errors.append(exc)
    dropped = assign_unique_slugs(articles, reserved)
    errors.extend(dropped)
    bad = {e.path for e in dropped}
    return [a for a in articles if a.path not in bad], errors


def build(config: SiteConfig, *, live_reload: bool = False, search: bool = True) -> BuildReport:
    """Build the whole site into config.output_dir; raise InputErrors when nothing can be built.

    Per-seed failures do not stop the build: they are listed in the report and the other
    explainers are published.
    """
    report = BuildReport()
    started = time.perf_counter()
    with build_lock(config):
        with _timed(report, "knowledge"):
            knowledge = load_knowledge(config.content_dir)
        with _timed(report, "read"):
            articles, report.errors = read_seeds(config, RESERVED_SLUGS | set(knowledge.pages))
        with _timed(report, "extract"):
            progress = Progress(len(articles), "Extracting")
            result = extract_all(
                articles,
                config.extract,
                cache_for(config.extract, config.cache_dir),
                progress.advance,
            )
            progress.close()
            report.errors.extend(result.errors)
            report.parsed = result.parsed
        with _timed(report, "enrich"):
            index = KnowledgeIndex.build(knowledge)
            explainers = [
                enrich(result.extractions[a.slug], index)
                for a in articles
                if a.slug in result.extractions
            ]
            site = assemble(explainers, knowledge, dt.datetime.now(dt.UTC))
        writer = SiteWriter(config.output_dir)
        try:
            with _timed(report, "render"):
                report.pages = render_site(site, Renderer(config, live_reload=live_reload), writer)
            if search:
                with _timed(report, "search"):
                    run_pagefind(writer.staging)
            writer.commit()
        except BaseException:
            writer.abort()
            raise
    report.explainers = len(site.explainers)
    report.actors = len(site.actors)
    report.written, report.kept = writer.written, writer.kept
    report.errors.sort(key=lambda e: str(e.path))
    report.seconds = time.perf_counter() - started
    return report
