"""Extractions for many articles: from memory, the cache, or parsed by an executor (worker
processes on this machine or a Dask cluster, see executors.py), each written to the cache as
it arrives, so that an interrupted build resumes where it stopped."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.config import ExtractConfig
from generator.errors import InputError
from generator.extract.executors import available_cores, executor_for
from generator.incremental.extraction_cache import ExtractionCache
from generator.model import Article, Extraction

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["ExtractResult", "available_cores", "iter_extractions"]


@dataclass
class ExtractResult:
    parsed: int = 0  # articles parsed by spaCy in this run (the rest came from the cache)


def iter_extractions(
    articles: list[Article],
    settings: ExtractConfig,
    cache: ExtractionCache,
    stats: ExtractResult,
    on_done: Callable[[int], None] | None = None,
    memory: dict[str, Extraction] | None = None,
    model: Callable[[], Language] | None = None,
) -> Iterator[tuple[Article, Extraction | InputError]]:
    """Each article's extraction (or its error) as soon as it is ready: from memory or the
    cache when they hold it, else parsed. A caller that uses each one and lets it go keeps
    memory flat however many articles there are; `stats` counts what was parsed.

    `memory` (cache key -> Extraction) lets a long-running process skip even the cache's JSON;
    `model` returns an already loaded pipeline, so such a process loads it only once.
    """
    todo: list[Article] = []
    yield from _known(articles, cache, memory, todo, on_done)
    if not todo:
        return
    # The caller's articles, not the executor's copies: an extraction's paragraphs are then
    # the very list the article holds, and a saved build state holds the text once.
    for chunk, batch in executor_for(settings, model).map(todo):
        stats.parsed += len(chunk)
        if on_done:
            on_done(len(chunk))
        # The whole batch is kept before the caller sees any of it: a build stopped while
        # it uses one loses none of the others.
        for article, outcome in zip(chunk, batch, strict=True):
            if not isinstance(outcome, str):
                cache.put(article, *outcome)
                if memory is not None:
                    memory[cache.key(article)] = outcome[0]
        for article, outcome in zip(chunk, batch, strict=True):
            if isinstance(outcome, str):
                yield article, InputError(outcome, path=article.path)
            else:
                yield article, outcome[0]


def _known(
    articles: list[Article],
    cache: ExtractionCache,
    memory: dict[str, Extraction] | None,
    todo: list[Article],
    on_done: Callable[[int], None] | None,
) -> Iterator[tuple[Article, Extraction]]:
    """The extractions memory or the cache holds; the other articles go into `todo`."""
    for article in articles:
        key = cache.key(article)
        cached = memory.get(key) if memory is not None else None
        if cached is not None:
            cached.slug = article.slug
        else:
            cached = cache.get(article)
            if cached is not None and memory is not None:
                memory[key] = cached
        if cached is None:
            todo.append(article)
            continue
        if on_done:
            on_done(1)
        yield article, cached
