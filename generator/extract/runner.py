"""Extract every article that the cache does not hold, in parallel across the CPU cores."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from generator.config import ExtractConfig
from generator.errors import InputError
from generator.extract import EXTRACTOR_VERSION
from generator.incremental.children import tie_to_parent
from generator.incremental.extraction_cache import ExtractionCache
from generator.model import Article, Extraction

CHUNK = 4  # articles per task: big enough for nlp.pipe batching, small enough to balance


@dataclass
class ExtractResult:
    extractions: dict[str, Extraction] = field(default_factory=dict)  # by slug
    errors: list[InputError] = field(default_factory=list)
    parsed: int = 0  # articles parsed by spaCy in this run (the rest came from the cache)
    tokens: int = 0  # tokens in the parsed articles


def cache_for(settings: ExtractConfig, cache_dir) -> ExtractionCache:
    return ExtractionCache(
        cache_dir, f"{settings.model}-{settings.model_version}", EXTRACTOR_VERSION
    )


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


_worker_nlp = None  # the pipeline a pool worker inherited at fork; one per process


def _init_worker(nlp, parent: int) -> None:
    global _worker_nlp
    tie_to_parent(parent)  # a worker left behind by a killed build would hold its lock
    _worker_nlp = nlp


def _extract_chunk(articles: list[Article], nlp=None) -> list[tuple[object, int]]:
    """Parse a few articles with nlp.pipe and run the rules: each one's extraction (or error
    message, not raised) and token count, in order."""
    from generator.extract.pipeline import extract  # here: a build that only renders skips it

    nlp = nlp or _worker_nlp
    results = []
    for article, doc in zip(articles, nlp.pipe(a.text for a in articles), strict=True):
        try:
            results.append((extract(article, doc), len(doc)))
        except Exception as exc:  # one article's bug must not hide the others
            results.append((f"extraction failed: {type(exc).__name__}: {exc}", len(doc)))
    return results


def iter_extractions(
    articles: list[Article],
    settings: ExtractConfig,
    cache: ExtractionCache,
    stats: ExtractResult,
    on_done: Callable[[int], None] | None = None,
    memory: dict[str, Extraction] | None = None,
    model: Callable[[], object] | None = None,
) -> Iterator[tuple[Article, Extraction | InputError]]:
    """Each article's extraction (or its error) as soon as it is ready: from memory or the
    cache when they hold it, else parsed. A caller that uses each one and lets it go keeps
    memory flat however many articles there are; `stats` counts what was parsed.

    `memory` (cache key -> Extraction) lets a long-running process skip even the cache's JSON;
    `model` returns an already loaded pipeline, so such a process loads it only once.
    """
    todo = []
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
    if not todo:
        return

    if model is not None:
        nlp = model()
    else:
        from generator.extract.nlp import load_model  # only now: spaCy is slow to import

        nlp = load_model(settings.model, settings.model_version)
    processes = settings.processes or available_cores()
    processes = max(1, min(processes, (len(todo) + CHUNK - 1) // CHUNK))
    chunks = [todo[i : i + CHUNK] for i in range(0, len(todo), CHUNK)]
    if processes == 1:
        batches = (_extract_chunk(chunk, nlp) for chunk in chunks)
        pool = None
    else:
        # Fork after loading, so every worker shares the loaded model instead of reloading it.
        pool = ProcessPoolExecutor(
            max_workers=processes,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_init_worker,
            initargs=(nlp, os.getpid()),
        )
        batches = pool.map(_extract_chunk, chunks)
    try:
        # The caller's articles, not the workers' copies: an extraction's paragraphs are then
        # the very list the article holds, and a saved build state holds the text once.
        for chunk, batch in zip(chunks, batches, strict=True):
            for article, (outcome, n_tokens) in zip(chunk, batch, strict=True):
                stats.parsed += 1
                stats.tokens += n_tokens
                if on_done:
                    on_done(1)
                if isinstance(outcome, str):
                    yield article, InputError(outcome, path=article.path)
                    continue
                cache.put(article, outcome)
                if memory is not None:
                    memory[cache.key(article)] = outcome
                yield article, outcome
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
