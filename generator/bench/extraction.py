"""Extraction throughput: spaCy's own `nlp.pipe` against the full extraction (parse + rules).

Both run in the same process on the same texts, best of three, so the ratio is the cost of
the rules on top of the parse. Every pipe of the model is used by the rules (tags, lemmas,
dependencies, entities), so none is disabled. Run: `python -m generator.bench.extraction`.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from generator.config import ExtractConfig
from generator.extract.nlp import load_model
from generator.extract.pipeline import extract
from generator.model import Article
from generator.read.seeds import list_seeds, read_article

if TYPE_CHECKING:
    from spacy.language import Language

ROOT = Path(__file__).resolve().parents[2]
TARGET_ARTICLES = 50
ROUNDS = 3
BATCH = 8


def default_model() -> Language:
    """The pipeline a site uses by default, loaded once by each benchmark's caller."""
    settings = ExtractConfig()
    return load_model(settings.model, settings.model_version)


def _best(run) -> float:
    best = float("inf")
    for _ in range(ROUNDS):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def bench_extraction(model: Language, texts: list[str], processes: int) -> dict:
    """Tokens per second of `nlp.pipe` alone and of parse + rules, and their ratio."""
    articles = [
        Article(
            path=Path(f"bench-{i}.txt"), slug=f"bench-{i}", headline="", paragraphs=t.split("\n\n")
        )
        for i, t in enumerate(texts)
    ]
    texts = [a.text for a in articles]
    tokens = sum(len(model.make_doc(t)) for t in texts)
    rules_time = 0.0

    def parse() -> None:
        for _ in model.pipe(texts, batch_size=BATCH, n_process=processes):
            pass

    def full() -> None:
        nonlocal rules_time
        rules_time = 0.0
        for article, doc in zip(
            articles, model.pipe(texts, batch_size=BATCH, n_process=processes), strict=True
        ):
            start = time.perf_counter()
            extract(article, doc)
            rules_time += time.perf_counter() - start

    parse()  # warm up
    parse_s = _best(parse)
    full_s = _best(full)
    return {
        "articles": len(texts),
        "tokens": tokens,
        "processes": processes,
        "parse_tokens_per_s": tokens / parse_s,
        "full_tokens_per_s": tokens / full_s,
        "parse_s": parse_s,
        "full_s": full_s,
        "rules_s": rules_time,
        "overhead": full_s / parse_s - 1,
    }


def bench_runner(model: Language, texts: list[str], processes: int, cache_dir: Path) -> dict:
    """The product's extraction (runner: pool, rules, cache writes) against `nlp.pipe` with
    the same number of processes, on the same texts; the model is loaded before both."""
    from generator.errors import InputError
    from generator.extract.runner import ExtractResult, iter_extractions
    from generator.incremental.extraction_cache import ExtractionCache

    articles = [
        Article(
            path=Path(f"bench-{i}.txt"),
            slug=f"bench-{i}",
            headline="",
            paragraphs=t.split("\n\n"),
            digest=f"{i}-{hash(t)}",
        )
        for i, t in enumerate(texts)
    ]
    texts = [a.text for a in articles]
    tokens = sum(len(model.make_doc(t)) for t in texts)
    start = time.perf_counter()
    for _ in model.pipe(texts, batch_size=BATCH, n_process=processes):
        pass
    pipe_s = time.perf_counter() - start
    settings = ExtractConfig(processes=processes)
    start = time.perf_counter()
    stats = ExtractResult()
    cache = ExtractionCache(cache_dir, "bench", "bench")
    outcomes = list(iter_extractions(articles, settings, cache, stats, model=lambda: model))
    ours_s = time.perf_counter() - start
    assert stats.parsed == len(articles) and not any(isinstance(o, InputError) for _, o in outcomes)
    return {
        "articles": len(texts),
        "tokens": tokens,
        "processes": processes,
        "pipe_tokens_per_s": tokens / pipe_s,
        "ours_tokens_per_s": tokens / ours_s,
        "ratio": pipe_s / ours_s,
    }


def sample_texts() -> list[str]:
    paths = list_seeds(ROOT / "seeds") + list_seeds(ROOT / "tests" / "extraction" / "articles")
    texts = [read_article(p).text for p in paths]
    return (texts * (TARGET_ARTICLES // len(texts) + 1))[:TARGET_ARTICLES]


def main(processes: int = 1) -> None:
    result = bench_extraction(default_model(), sample_texts(), processes)
    print(
        f"{result['articles']} articles, {result['tokens']} tokens, "
        f"{result['processes']} process(es), best of {ROUNDS}\n"
        f"  nlp.pipe (parse only)   {result['parse_tokens_per_s']:>9,.0f} tokens/s"
        f"  ({result['parse_s']:.2f} s)\n"
        f"  extraction (parse+rules){result['full_tokens_per_s']:>9,.0f} tokens/s"
        f"  ({result['full_s']:.2f} s; rules {result['rules_s']:.2f} s)\n"
        f"  rules cost {result['overhead']:+.1%} on top of the parse (budget +25%)"
    )


if __name__ == "__main__":
    main()
