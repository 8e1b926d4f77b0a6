"""Extraction throughput on Dask against this machine's own worker processes.

The same articles are extracted in rounds, each time into an empty cache and by the runner
the build uses: by the local executor (forked workers, one per core), then by a
`distributed.LocalCluster` of one and of two single-threaded worker processes. A cluster is
started and its workers have loaded the model before the clock starts, as a cluster kept
for an archive would be; how long that took is reported beside. The build's own CPU time per
article (receiving and caching what the workers send; in a LocalCluster the scheduler's
too) says how many workers one building machine can keep fed. Run alone:
`python -m generator.bench.dask`.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from generator.bench.corpus import generate
from generator.bench.extraction import default_model
from generator.bench.tables import markdown_table
from generator.config import ExtractConfig
from generator.errors import InputError
from generator.extract.runner import ExtractResult, available_cores, iter_extractions
from generator.incremental.extraction_cache import ExtractionCache
from generator.model import Article
from generator.read.seeds import list_seeds, read_article

ARTICLES = 200
ROUNDS = 3


@dataclass
class ExecutorFigures:
    executor: str  # as the report names it
    processes: int  # parsing processes
    articles: int
    tokens: int
    seconds: float  # extracting them, the model loaded
    build_cpu: float  # CPU seconds of the building process meanwhile
    start: float  # seconds to start the cluster and load the model in its workers
    cache_bytes: int  # what the extraction cache holds afterwards

    @property
    def per_second(self) -> float:
        return self.articles / self.seconds


def _extract_all(articles: list[Article], settings: ExtractConfig, cache_dir: Path, model) -> int:
    """Extract every article into an empty cache; the bytes the cache holds afterwards."""
    cache = ExtractionCache(cache_dir, "bench", "bench")
    stats = ExtractResult()
    outcomes = list(iter_extractions(articles, settings, cache, stats, model=model))
    failed = [o for _, o in outcomes if isinstance(o, InputError)]
    if failed or stats.parsed != len(articles):
        raise RuntimeError(f"extraction failed: {failed[:3]}")
    return sum(p.stat().st_size for p in cache_dir.rglob("*.json"))


def _measure(
    name: str, articles: list[Article], settings: ExtractConfig, model, work: Path
) -> tuple[float, float, int]:
    with tempfile.TemporaryDirectory(dir=work, prefix=f"cache-{name}-") as cache_dir:
        wall, cpu = time.perf_counter(), time.process_time()
        size = _extract_all(articles, settings, Path(cache_dir), model)
        return time.perf_counter() - wall, time.process_time() - cpu, size


def _on_cluster(workers: int, articles: list[Article], work: Path) -> tuple[float, float, float]:
    """Seconds and build CPU to extract the articles on a new LocalCluster of `workers`
    processes, and seconds to start it and load the model in its workers."""
    import distributed

    started = time.perf_counter()
    with distributed.LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        settings = ExtractConfig(executor="dask", scheduler=cluster.scheduler_address)
        with tempfile.TemporaryDirectory(dir=work) as warm:  # the workers load the model
            _extract_all(articles[:workers], settings, Path(warm), None)
        start = time.perf_counter() - started
        seconds, cpu, _ = _measure(f"dask{workers}", articles, settings, None, work)
    return seconds, cpu, start


def bench_executors(
    work: Path, n: int = ARTICLES, seed: int = 1, rounds: int = ROUNDS
) -> list[ExecutorFigures]:
    """The same n generated articles through the local executor and Dask with 1 and 2
    worker processes, in rounds of one each (this machine is shared: its speed drifts, and
    measured side by side the drift weighs on all three alike); medians of the rounds."""
    folder = work / "dask-seeds"
    if len(list_seeds(folder)) != n:
        generate(folder, n, seed)
    articles = [read_article(p, folder) for p in list_seeds(folder)]
    nlp = default_model()
    tokens = sum(len(nlp.make_doc(a.text)) for a in articles)
    cores = available_cores()
    local = ExtractConfig(processes=cores)
    runs: dict[int, list[tuple[float, float, float]]] = {0: [], 1: [], 2: []}
    size = 0
    for _ in range(rounds):
        seconds, cpu, size = _measure("local", articles, local, lambda: nlp, work)
        runs[0].append((seconds, cpu, 0.0))
        for workers in (1, 2):
            runs[workers].append(_on_cluster(workers, articles, work))
    figures = []
    for workers, measured in runs.items():
        seconds, cpu, start = (statistics.median(m[i] for m in measured) for i in range(3))
        name, processes = ("Dask", workers) if workers else ("local", cores)
        figures.append(ExecutorFigures(name, processes, n, tokens, seconds, cpu, start, size))
    return figures


def dask_section(work: Path, seed: int = 1) -> str:
    """The report's section: each executor's throughput, and the 2-worker cluster's share of
    the local executor's."""
    figures = bench_executors(work, seed=seed)
    local = figures[0]
    rows = [
        [
            f.executor if f.executor == "local" else "Dask LocalCluster",
            str(f.processes),
            str(f.articles),
            f"{f.seconds:.1f}",
            f"{f.per_second:.1f}",
            f"{f.tokens / f.seconds:,.0f}",
            f"{f.per_second / local.per_second:.0%}",
            f"{f.build_cpu / f.articles * 1000:.1f}",
            f"{f.start:.1f}" if f.executor != "local" else "",
        ]
        for f in figures
    ]
    return (
        "### Extraction on Dask\n\nThe same articles extracted by the build's runner into "
        "an empty cache: by the local executor (forked workers), and by a LocalCluster of "
        "single-threaded worker processes on this machine, started and with the model "
        f"loaded beforehand (*start*); medians of {ROUNDS} rounds of one run each. "
        "*Build CPU* is the building process's CPU time per "
        "article, which bounds how many workers one building machine can keep busy. "
        f"Extraction cache: {local.cache_bytes / local.articles / 1024:.0f} KB an "
        "article.\n\n"
        + markdown_table(
            [
                "executor",
                "processes",
                "articles",
                "seconds",
                "articles/s",
                "tokens/s",
                "vs local",
                "build CPU (ms/article)",
                "start (s)",
            ],
            rows,
        )
    )


if __name__ == "__main__":
    with tempfile.TemporaryDirectory(dir="/dev/shm", prefix="explainer-bench-dask-") as work:
        print(dask_section(Path(work)))
