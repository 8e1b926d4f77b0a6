"""`python -m generator.bench` (what `make bench` runs): every benchmark, one report.

Writes to tmpfs (/dev/shm) by default, prints the tables, and puts them in docs/benchmarks.md
between the results markers (the notes around them are kept).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shlex
import shutil
import sys
import tempfile
from pathlib import Path

from generator.bench.corpus import generate, markdown_bodies
from generator.bench.dask import dask_section
from generator.bench.extraction import bench_runner, default_model
from generator.bench.live import bench_live
from generator.bench.others import bench_others
from generator.bench.preview import preview_section
from generator.bench.sites import (
    ROOT,
    SiteFigures,
    bench_site,
    make_site,
    rerender_after_template_edit,
)
from generator.extract.runner import available_cores
from generator.read.seeds import read_article

START, END = "<!-- results -->", "<!-- /results -->"


def _machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{cpu}, {available_cores()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def _table(head: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m generator.bench")
    parser.add_argument(
        "--n",
        type=int,
        nargs="+",
        default=[100, 1000],
        help="site sizes in articles (default: 100 1000)",
    )
    parser.add_argument("--huge", action="store_true", help="also 10,000 articles")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default: 1)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (median)")
    parser.add_argument(
        "--cold-repeat", type=int, default=2, help="runs per cold build (they are long; default: 2)"
    )
    parser.add_argument(
        "--workdir",
        default="/dev/shm/explainer-bench",
        help="where sites are written (tmpfs by default)",
    )
    parser.add_argument(
        "--skip",
        nargs="*",
        default=[],
        choices=["extraction", "sites", "others", "live", "dask", "preview"],
    )
    parser.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"))
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    sizes = sorted(set(args.n + ([10_000] if args.huge else [])))
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    sections = [
        f"Measured {dt.date.today().isoformat()} on {_machine()}, with "
        f"`{shlex.join(['python', '-m', 'generator.bench', *(argv or sys.argv[1:])])}` "
        f"(sites written to `{work}`). Times are medians of {args.repeat} runs "
        f"({args.cold_repeat} for cold builds), in seconds.",
    ]

    def say(text: str) -> None:
        print(text + "\n", flush=True)
        sections.append(text)

    if "extraction" not in args.skip:
        say(_extraction_section(work, args.seed))
    figures: dict[int, SiteFigures] = {}
    if "sites" not in args.skip:
        say(_builds_section(work, sizes, args, figures))
    if "others" not in args.skip:
        say(_others_section(work, sizes, args, figures))
    if "live" not in args.skip:
        say(_live_section(work, sizes, args.seed))
    if "dask" not in args.skip:
        say(dask_section(work, args.seed))
    if "preview" not in args.skip:
        say(preview_section(work, sizes, args.seed))
    _write_results(Path(args.out), sections)
    return 0


def _extraction_section(work: Path, seed: int) -> str:
    """spaCy's nlp.pipe against our whole extraction, in one process and on every core."""
    generate(work / "extraction-seeds", 100, seed)
    texts = [read_article(p).text for p in sorted((work / "extraction-seeds").glob("*.txt"))]
    model = default_model()
    rows = []
    for processes in sorted({1, available_cores()}):
        with tempfile.TemporaryDirectory(dir=work) as cache:
            r = bench_runner(model, texts, processes, Path(cache))
        rows.append(
            [
                str(processes),
                str(r["articles"]),
                f"{r['tokens']:,}",
                f"{r['pipe_tokens_per_s']:,.0f}",
                f"{r['ours_tokens_per_s']:,.0f}",
                f"{r['ratio']:.0%}",
            ]
        )
    return (
        "### Extraction\n\nspaCy's `nlp.pipe` alone against the whole extraction (parse, "
        "rules, cache writes), same texts, same processes, in the same run.\n\n"
        + _table(
            [
                "processes",
                "articles",
                "tokens",
                "nlp.pipe tokens/s",
                "extraction tokens/s",
                "extraction / nlp.pipe",
            ],
            rows,
        )
    )


def _builds_section(
    work: Path, sizes: list[int], args: argparse.Namespace, figures: dict[int, SiteFigures]
) -> str:
    """Our builds of each size; `figures` receives each size's."""
    rows = []
    for n in sizes:
        f = bench_site(
            work / f"site-{n}",
            n,
            args.seed,
            args.repeat,
            1 if n >= 10_000 else args.cold_repeat,
        )
        figures[n] = f
        rows.append(
            [
                f"{n:,}",
                f"{f.pages:,}",
                f"{f.cold.seconds:.2f}",
                f"{f.warm.seconds:.2f}",
                f"{f.template.seconds:.2f}",
                f"{f.one_seed.seconds:.2f}",
                f"{f.cold.peak_rss_mb:,.0f}",
            ]
        )
        print(f"  {n} articles done", flush=True)
    return (
        "### Builds\n\n`python -m generator build` on synthetic sites of ~600-word "
        "articles. *Warm*: nothing changed. *Template*: the layout every page extends "
        "edited, cache warm (every page rendered and written again). *One seed*: one "
        "article edited (spaCy loaded, one parse, everything re-rendered). Peak RSS is "
        "the largest process of a cold build.\n\n"
        + _table(
            [
                "articles",
                "pages",
                "cold",
                "warm",
                "template edit",
                "one seed edit",
                "peak RSS (MB)",
            ],
            rows,
        )
    )


def _others_section(
    work: Path, sizes: list[int], args: argparse.Namespace, figures: dict[int, SiteFigures]
) -> str:
    """Hugo, Pelican and MkDocs on the same bodies; ours where `figures` has the size built."""
    rows = []
    for n in sizes:
        if n > 1000 and not args.huge:
            continue
        seeds = work / f"site-{n}" / "seeds"
        if not seeds.is_dir():
            generate(seeds, n, args.seed)
        site = work / f"site-{n}"
        built = n in figures  # (else only the others are measured)
        others = bench_others(
            work / f"others-{n}",
            markdown_bodies(seeds),
            1 if n >= 10_000 else args.repeat,  # MkDocs takes minutes there
            (lambda s=site: rerender_after_template_edit(s)) if built else None,
        )
        row = [f"{n:,}", *(f"{others[k].seconds:.2f}" for k in ("Hugo", "Pelican", "MkDocs"))]
        if built:
            t = others["ours"].seconds
            row += [
                f"{t:.2f}",
                f"{t / others['Hugo'].seconds:.1f}×",
                f"{others['Pelican'].seconds / t:.1f}×",
                f"{others['MkDocs'].seconds / t:.1f}×",
            ]
        rows.append(row)
    return (
        "### Against Hugo, Pelican and MkDocs\n\nThe same article bodies as plain "
        "Markdown pages with minimal templates and each generator's default outputs, "
        "full builds, in a separate virtual "
        "environment (`generator/bench/requirements-others.txt`). *Ours* is the re-render "
        "after a template edit (cache warm). Each figure is the median of rounds of one "
        "build of each, ours included, so the shared machine's drift weighs on all "
        "alike.\n\n"
        + _table(
            [
                "articles",
                "Hugo",
                "Pelican",
                "MkDocs",
                "ours",
                "ours / Hugo",
                "Pelican / ours",
                "MkDocs / ours",
            ],
            rows,
        )
    )


def _live_section(work: Path, sizes: list[int], seed: int) -> str:
    """The dev server's latency on the sample site and on the largest site up to 1,000."""
    rows = []
    sample = work / "live-sample"
    shutil.rmtree(sample, ignore_errors=True)
    shutil.copytree(ROOT / "seeds", sample / "seeds")
    shutil.copytree(ROOT / "content", sample / "content")
    shutil.copytree(ROOT / "theme", sample / "theme")
    (sample / "site.toml").write_text('title = "Live"\ntheme = "theme"\n')
    targets = [("sample site", sample)]
    big = max(sizes) if max(sizes) <= 1000 else 1000
    site = work / f"site-{big}"
    if not (site / "site.toml").exists():
        make_site(site, big, seed)
    targets.append((f"{big:,} articles", site))
    for name, folder in targets:
        first_seed = sorted((folder / "seeds").glob("*.txt"))[0]
        content = folder / "content" / "glossary" / "cease-fire.md"
        template = folder / "theme" / "templates" / "explainer.html"
        f = bench_live(name, folder / "site.toml", first_seed, content, template)
        rows.append([name, f"{f.seed:.2f}", f"{f.content:.2f}", f"{f.template:.2f}"])
    return (
        "### Dev server\n\n`make serve`: from saving a file to the reload event the "
        "browser receives (median of 5 edits each). The search index is refreshed after "
        "the reload.\n\n" + _table(["site", "seed", "content file", "template"], rows)
    )


def _write_results(out: Path, sections: list[str]) -> None:
    """Put the sections between the results markers of `out`, keeping the notes around."""
    report = f"{START}\n" + "\n\n".join(sections) + f"\n{END}"
    old = out.read_text() if out.exists() else f"# Benchmarks\n\n{START}\n{END}\n"
    if START in old and END in old:
        new = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: report, old, flags=re.S)
    else:
        new = old + "\n" + report + "\n"
    out.write_text(new)
    print(f"written to {out}", file=sys.stderr)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main())
