"""Extract every article that the cache does not hold, in parallel across the CPU cores."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from generator.config import ExtractConfig
from generator.errors import InputError
from generator.incremental.extraction_cache import ExtractionCache
from generator.incremental.workers import Inherited, forked_pool
from generator.model import Article, Extraction

if TYPE_CHECKING:
    from spacy.language import Language

CHUNK = 4  # articles per task: big enough for nlp.pipe batching, small enough to balance


@dataclass
class ExtractResult:
    parsed: int = 0  # articles parsed by spaCy in this run (the rest came from the cache)


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _extract_chunk(nlp: Language, articles: list[Article]) -> list[Extraction | str]:
    """Parse a few articles with nlp.pipe and run the rules: each one's extraction (or error
    message, not raised), in order."""
    from generator.extract.pipeline import extract  # here: a build that only renders skips it

    results = []
    for article, doc in zip(articles, nlp.pipe(a.text for a in articles), strict=True):
        try:
            results.append(extract(article, doc))
        except Exception as exc:  # one article's bug must not hide the others
            results.append(f"extraction failed: {type(exc).__name__}: {exc}")
    return results


def _extract_chunk_in_worker(articles: list[Article]) -> list[Extraction | str]:
    return _extract_chunk(Inherited.value, articles)


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
    if model is not None:
        nlp = model()
    else:
        from generator.extract.nlp import load_model  # only now: spaCy is slow to import

        nlp = load_model(settings.model, settings.model_version)
    # The caller's articles, not the workers' copies: an extraction's paragraphs are then
    # the very list the article holds, and a saved build state holds the text once.
    for chunk, batch in _parsed(todo, nlp, settings.processes or available_cores()):
        for article, outcome in zip(chunk, batch, strict=True):
            stats.parsed += 1
            if on_done:
                on_done(1)
            if isinstance(outcome, str):
                yield article, InputError(outcome, path=article.path)
                continue
            cache.put(article, outcome)
            if memory is not None:
                memory[cache.key(article)] = outcome
            yield article, outcome


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


def _parsed(
    articles: list[Article], nlp: Language, processes: int
) -> Iterator[tuple[list[Article], list[Extraction | str]]]:
    """Chunks of the articles, each with what `_extract_chunk` made of it, in order: in this
    process, or in up to `processes` workers forked after the model was loaded, so that
    they share it instead of each loading it again."""
    chunks = [articles[i : i + CHUNK] for i in range(0, len(articles), CHUNK)]
    if min(processes, len(chunks)) <= 1:
        for chunk in chunks:
            yield chunk, _extract_chunk(nlp, chunk)
        return
    pool = forked_pool(min(processes, len(chunks)), nlp)
    try:
        yield from zip(chunks, pool.map(_extract_chunk_in_worker, chunks), strict=True)
    finally:
        pool.shutdown(cancel_futures=True)
