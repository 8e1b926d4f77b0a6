"""Run the extractor over the evaluation sets and score it and the baseline.

Articles are read by the seed reader and extracted by the build's own runner (the model,
`nlp.pipe`, the rules), through the extraction cache, so a second run parses nothing. The
cache key adds a digest of the rules' source to EXTRACTOR_VERSION: whoever tunes a rule
measures the rule as it now is, even before bumping the version.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path

from generator.config import SiteConfig
from generator.errors import InputError
from generator.eval.baseline import baseline
from generator.eval.datasets import load_sets
from generator.eval.gold import Gold
from generator.eval.score import Score, score_article
from generator.extract import EXTRACTOR_VERSION
from generator.extract.runner import ExtractResult, iter_extractions
from generator.incremental.extraction_cache import ExtractionCache
from generator.model import Article
from generator.progress import Progress
from generator.read.seeds import read_article

EXTRACT_CODE = Path(__file__).resolve().parent.parent / "extract"


@dataclass
class ArticleResult:
    name: str  # the gold file's name, without .json
    extractor: Score
    baseline: Score


@dataclass
class SetResult:
    name: str
    label: str
    articles: list[ArticleResult] = field(default_factory=list)

    def total(self, system: str) -> Score:
        """The sum over the set's articles, for "extractor" or "baseline"."""
        total = Score()
        for article in self.articles:
            total.add(getattr(article, system))
        return total


@dataclass
class Evaluation:
    sets: list[SetResult]
    errors: list[InputError]
    parsed: int = 0  # articles spaCy parsed in this run; the others came from the cache
    seconds: float = 0.0


def rules_digest() -> str:
    """A digest of the extraction code's source (rules, word lists, pipeline)."""
    digest = hashlib.sha256()
    for path in sorted(EXTRACT_CODE.rglob("*.py")):
        digest.update(f"{path.relative_to(EXTRACT_CODE)}\0".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def evaluation_cache(config: SiteConfig) -> ExtractionCache:
    model = f"{config.extract.model}-{config.extract.model_version}"
    return ExtractionCache(config.cache_dir, model, f"{EXTRACTOR_VERSION}+{rules_digest()}")


def _read(golds: list[Gold], errors: list[InputError]) -> list[tuple[Gold, Article]]:
    pairs = []
    for gold in golds:
        try:
            pairs.append((gold, read_article(gold.article)))
        except InputError as exc:  # one unreadable article must not hide the others
            errors.append(exc)
    return pairs


def evaluate(names: list[str], config: SiteConfig, root: Path) -> Evaluation:
    """Score the extractor and the baseline on the named sets (datasets.SETS)."""
    started = time.perf_counter()
    sets, errors = load_sets(names, root)
    work = [(data.name, *pair) for data in sets for pair in _read(data.golds, errors)]
    results = {data.name: SetResult(data.name, data.label) for data in sets}
    by_article = {id(article): (name, gold) for name, gold, article in work}
    stats = ExtractResult()
    progress = Progress(len(work), "Extracting")
    articles = [article for _, _, article in work]
    cache = evaluation_cache(config)
    try:
        for article, outcome in iter_extractions(
            articles, config.extract, cache, stats, progress.advance
        ):
            name, gold = by_article[id(article)]
            if isinstance(outcome, InputError):
                errors.append(outcome)
                continue
            found = score_article(outcome.actors, outcome.quotes, gold)
            plain = score_article(*baseline(outcome), gold, roles=False)
            results[name].articles.append(ArticleResult(gold.path.stem, found, plain))
    finally:
        progress.close()
    for result in results.values():
        result.articles.sort(key=lambda a: a.name)
    elapsed = time.perf_counter() - started
    return Evaluation(list(results.values()), errors, stats.parsed, elapsed)
