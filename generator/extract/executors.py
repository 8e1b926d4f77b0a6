"""Where articles are parsed: worker processes on this machine, or a Dask cluster.

An executor takes the articles the cache does not hold and gives back batches of them, each
with what extraction made of every article in it (its Extraction, or the message of the error
that stopped it), as each batch is done and in any order. The runner keeps the cache; the
executor only parses. `[extract] executor` in site.toml chooses one (`executor_for`).
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from generator.config import ExtractConfig
from generator.incremental.extraction_cache import entry
from generator.incremental.workers import Inherited, forked_pool
from generator.model import Article, Extraction

if TYPE_CHECKING:
    from spacy.language import Language

CHUNK = 4  # articles per local task: big enough for nlp.pipe batching, small enough to balance

# Each article's extraction with its cache entry (made where it was parsed), or the message
# of the error that stopped it.
Outcomes = list[tuple[Extraction, bytes] | str]


class Executor(Protocol):
    def map(self, articles: list[Article]) -> Iterator[tuple[list[Article], Outcomes]]:
        """Batches of `articles`, each with its outcomes in order, as they are done."""
        ...


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def extract_batch(nlp: Language, articles: list[Article]) -> Outcomes:
    """Parse a few articles with nlp.pipe and run the rules: each one's extraction and cache
    entry (or error message, not raised), in order."""
    from generator.extract.pipeline import extract  # here: a build that only renders skips it

    results: Outcomes = []
    for article, doc in zip(articles, nlp.pipe(a.text for a in articles), strict=True):
        try:
            extraction = extract(article, doc)
            results.append((extraction, entry(extraction)))
        except Exception as exc:  # one article's bug must not hide the others
            results.append(f"extraction failed: {type(exc).__name__}: {exc}")
    return results


def _loaded(settings: ExtractConfig) -> Language:
    from generator.extract.nlp import load_model  # spaCy is slow to import

    return load_model(settings.model, settings.model_version)


class ModelLoader:
    """The spaCy pipeline site.toml names, loaded once per process: when first needed, or
    ahead of that in a background thread (`start`), which a caller in need then waits for
    instead of loading it a second time."""

    def __init__(self, settings: ExtractConfig) -> None:
        self.settings = settings
        self._lock = threading.Lock()
        self._nlp: Language | None = None

    def __call__(self) -> Language:
        with self._lock:
            if self._nlp is None:
                self._nlp = _loaded(self.settings)
            return self._nlp

    @property
    def loaded(self) -> bool:
        return self._nlp is not None

    def start(self) -> None:
        """Load it in a background thread and extract a line with it (which imports the rules
        and warms spaCy up: its first parse takes twice as long); an error is raised to
        whoever needs the model next."""
        threading.Thread(target=self._load_quietly, name="load-model", daemon=True).start()

    def _load_quietly(self) -> None:
        # An error (the model is not installed, say) is the next build's to report.
        with contextlib.suppress(Exception), self._lock:
            if self._nlp is None:
                self._nlp = _loaded(self.settings)
            line = '"It is ready," the editor, Jane Roe, said in Washington on Monday.'
            article = Article(path=Path("warm-up"), slug="", headline="", paragraphs=[line])
            extract_batch(self._nlp, [article])


def _extract_in_worker(articles: list[Article]) -> Outcomes:
    return extract_batch(Inherited.value, articles)


@dataclass
class LocalExecutor:
    """This machine: in this process, or in up to `processes` workers forked after the model
    is loaded, so that they share it instead of each loading it again."""

    model: Callable[[], Language]
    processes: int

    def map(self, articles: list[Article]) -> Iterator[tuple[list[Article], Outcomes]]:
        nlp = self.model()
        chunks = [articles[i : i + CHUNK] for i in range(0, len(articles), CHUNK)]
        if min(self.processes, len(chunks)) <= 1:
            for chunk in chunks:
                yield chunk, extract_batch(nlp, chunk)
            return
        pool = forked_pool(min(self.processes, len(chunks)), nlp)
        try:
            yield from zip(chunks, pool.map(_extract_in_worker, chunks), strict=True)
        finally:
            pool.shutdown(cancel_futures=True)


def executor_for(settings: ExtractConfig, model: Callable[[], Language] | None = None) -> Executor:
    """The executor `settings` name. `model` returns the loaded pipeline for local parsing
    (a long-running process passes its own, loaded once); the cluster's workers load theirs."""
    if settings.executor == "dask":
        from generator.extract.cluster import DaskExecutor  # imports Dask, which takes a while

        return DaskExecutor(settings)
    return LocalExecutor(model or ModelLoader(settings), settings.processes or available_cores())
