"""`make bench-huge`: a site of 100,000 articles, its time, memory and size.

Parsing 100,000 articles takes hours here, so it is taken out of the measure: 1,000 generated
articles are parsed, and each of the 100,000 seeds is one of them under a headline of its own
(the same paragraphs), its extraction cache entry that article's with the headline changed.
Everything after parsing is the product's own work: reading 100,000 seeds, decoding their
extractions, enriching, assembling, rendering, indexing with Pagefind (in parts) and swapping
the site in. Each build is a command of its own, timed, with the peak memory of its largest
process (Pagefind and the render workers included).

Writes to disk, not tmpfs (`--workdir`): the site, its cache and its saved blocks take
gigabytes. Run: `python -m generator.bench.huge [--n 100000]`.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from generator.bench.sites import make_site, rerender_after_template_edit
from generator.bench.tables import markdown_table
from generator.bench.timing import Run, run
from generator.config import load_config
from generator.errors import InputError
from generator.extract.runner import ExtractResult, iter_extractions
from generator.incremental import Incremental
from generator.incremental.cachefile import write_bytes
from generator.read.seeds import list_seeds, read_article

BASE = 1_000
HEADLINE_NUMBER = re.compile(r" \((\d+)\)$")  # corpus.py ends each headline with its number


@dataclass
class HugeFigures:
    articles: int
    base: int  # articles parsed, which the others copy
    parse_base: float  # seconds to parse the base articles (not part of any build)
    synthesise: float  # seconds to write the seeds and their cache entries
    builds: dict[str, Run]
    site_bytes: int
    site_files: int
    largest_site_wide: tuple[str, int]  # the largest page that is not an explainer's


def _parse_base(work: Path, count: int, seed: int) -> tuple[list[dict], float]:
    """The base articles' extractions as the cache writes them, parsed on every core."""
    site = make_site(work / "base", count, seed)
    config = load_config(site)
    articles = [read_article(p, config.seeds_dir) for p in list_seeds(config.seeds_dir)]
    cache = Incremental(config).extractions
    started = time.perf_counter()
    for article, outcome in iter_extractions(articles, config.extract, cache, ExtractResult()):
        if isinstance(outcome, InputError):
            raise RuntimeError(f"{article.path}: {outcome}")
    seconds = time.perf_counter() - started
    entries = [cache.folder / _entry(cache.key(a)) for a in articles]
    return [json.loads(path.read_text(encoding="utf-8")) for path in entries], seconds


def _entry(key: str) -> str:
    """Where the extraction cache keeps the entry of a key (extraction_cache.py)."""
    return f"{key[:2]}/{key}.json"


def _synthesise(site: Path, base: list[dict], n: int) -> float:
    """n seeds, each a base article under a headline of its own, and their cache entries."""
    started = time.perf_counter()
    config = load_config(site)
    cache = Incremental(config).extractions
    texts = [(d, json.dumps(d, ensure_ascii=False)) for d in base]
    for index in range(n):
        data, text = texts[index % len(texts)]
        title = HEADLINE_NUMBER.sub(f" ({index})", data["title"])
        body = "\n\n".join(data["paragraphs"])
        path = config.seeds_dir / f"article-{index:06d}.txt"
        path.write_text(f"{title}\n\n{_dateline(data)}{body}\n", encoding="utf-8")
        article = read_article(path, config.seeds_dir)
        entry = text.replace(
            f'"title": {json.dumps(data["title"], ensure_ascii=False)}',
            f'"title": {json.dumps(article.headline, ensure_ascii=False)}',
            1,
        )
        write_bytes(cache.folder / _entry(cache.key(article)), entry.encode("utf-8"))
    return time.perf_counter() - started


def _dateline(data: dict) -> str:
    """The dateline the reader removed from the first paragraph, put back."""
    dateline = data.get("dateline")
    return f"{dateline['place']} ({dateline['source']}) -- " if dateline else ""


def _build(site: Path, *options: str) -> Run:
    return run([sys.executable, "-m", "generator", "--config", str(site), "build", *options])


def _site_size(output: Path) -> tuple[int, int, tuple[str, int]]:
    """Bytes and files of the site, and its largest page that is not an explainer's."""
    total = files = 0
    largest = ("", 0)
    for folder, _, names in os.walk(output):
        explainer = "explainer.json" in names
        for name in names:
            size = os.stat(os.path.join(folder, name)).st_size
            total, files = total + size, files + 1
            if name.endswith(".html") and not explainer and size > largest[1]:
                largest = (os.path.relpath(os.path.join(folder, name), output), size)
    return total, files, largest


def bench_huge(work: Path, n: int, base_count: int = BASE, seed: int = 1) -> HugeFigures:
    base, parse_base = _parse_base(work, base_count, seed)
    site = make_site(work / f"site-{n}", 0, seed)  # seeds written below
    synthesise = _synthesise(site, base, n)
    builds = {"cold (extractions cached)": _build(site)}
    builds["template edit"] = rerender_after_template_edit(site.parent)
    seed_file = next(iter(sorted((site.parent / "seeds").glob("*.txt"))))
    seed_file.write_text(seed_file.read_text() + "\nA closing paragraph, added.\n")
    builds["one seed edit"] = _build(site)
    size, files, largest = _site_size(site.parent / "_site")
    return HugeFigures(n, len(base), parse_base, synthesise, builds, size, files, largest)


def huge_section(f: HugeFigures) -> str:
    rows = [[name, f"{r.seconds:,.1f}", f"{r.peak_rss_mb:,.0f}"] for name, r in f.builds.items()]
    path, size = f.largest_site_wide
    return (
        f"### {f.articles:,} articles\n\n`make bench-huge`: {f.base:,} generated articles "
        f"parsed ({f.parse_base:.0f} s, not part of the builds), then {f.articles:,} seeds "
        f"made of them under headlines of their own, with their cache entries "
        f"({f.synthesise:.0f} s). Peak memory is that of the largest process of the build "
        "(Pagefind and the render workers included).\n\n"
        + markdown_table(["build", "seconds", "peak memory (MB)"], rows)
        + f"\n\n`_site/`: {f.site_bytes / 2**30:.2f} GiB in {f.site_files:,} files; the "
        f"largest site-wide page is `{path}`, {size / 1024:.0f} KB."
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.bench.huge")
    parser.add_argument("--n", type=int, default=100_000, help="articles (default: 100000)")
    parser.add_argument(
        "--base", type=int, default=BASE, help="articles parsed, that the others copy (1000)"
    )
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default: 1)")
    parser.add_argument(
        "--workdir",
        default="/tmp/explainer-bench-huge",
        help="where the sites are written (on disk: they take gigabytes)",
    )
    args = parser.parse_args(argv)
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    print(huge_section(bench_huge(work, args.n, args.base, args.seed)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
