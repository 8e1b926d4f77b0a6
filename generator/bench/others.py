"""Hugo, Pelican and MkDocs building the same article bodies as plain Markdown pages.

They live in their own virtual environment (never in the product's dependencies), pinned in
generator/bench/requirements-others.txt, with the smallest templates each accepts and their
default outputs (Hugo: pages, lists, RSS, sitemap, robots.txt, 404; Pelican: pages, index,
archives, Atom feed; MkDocs: pages, sitemap, search index), as ours makes its feed, sitemap,
404 and search index.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path

from generator.bench.timing import Run, run, summary

REQUIREMENTS = Path(__file__).with_name("requirements-others.txt")


def environment(folder: Path) -> Path:
    """A venv with the other generators, created once per work folder; returns its bin/."""
    venv = folder / "venv-others"
    stamp = venv / ".installed"
    if not stamp.exists() or stamp.read_text() != REQUIREMENTS.read_text():
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
        done = subprocess.run(
            [
                str(venv / "bin" / "pip"),
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "-r",
                str(REQUIREMENTS),
            ],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            raise RuntimeError(f"installing the other generators failed:\n{done.stderr}")
        stamp.write_text(REQUIREMENTS.read_text())
    return venv / "bin"


def _front(title: str, index: int) -> tuple[str, str]:
    safe = title.replace('"', "'")
    return safe, f"2024-01-{index % 28 + 1:02d}"


def hugo_site(folder: Path, articles: list[tuple[str, str]]) -> None:
    (folder / "content" / "posts").mkdir(parents=True)
    (folder / "layouts" / "_default").mkdir(parents=True)
    (folder / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\ntitle = "Bench"\nenableRobotsTXT = true\n'
    )
    layout = folder / "layouts" / "_default"
    (layout / "baseof.html").write_text(
        "<!doctype html><html><head><title>{{ .Title }}</title></head>"
        '<body>{{ block "main" . }}{{ end }}</body></html>\n'
    )
    (layout / "single.html").write_text(
        '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}\n'
    )
    (layout / "list.html").write_text(
        '{{ define "main" }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">'
        "{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n"
    )
    for index, (title, body) in enumerate(articles):
        safe, date = _front(title, index)
        (folder / "content" / "posts" / f"a{index:05d}.md").write_text(
            f'+++\ntitle = "{safe}"\ndate = {date}\n+++\n{body}'
        )


def pelican_site(folder: Path, articles: list[tuple[str, str]]) -> None:
    (folder / "content").mkdir(parents=True)
    theme = folder / "theme" / "templates"
    theme.mkdir(parents=True)
    (folder / "pelicanconf.py").write_text(
        'SITENAME = "Bench"\nSITEURL = "https://example.org"\nTHEME = "theme"\n'
        'TIMEZONE = "UTC"\nDEFAULT_PAGINATION = False\nLOAD_CONTENT_CACHE = False\n'
    )
    (theme / "base.html").write_text(
        "<!doctype html><html><head><title>{{ SITENAME }}</title></head>"
        "<body>{% block content %}{% endblock %}</body></html>\n"
    )
    (theme / "article.html").write_text(
        '{% extends "base.html" %}{% block content %}<h1>{{ article.title }}</h1>'
        "{{ article.content }}{% endblock %}\n"
    )
    (theme / "index.html").write_text(
        '{% extends "base.html" %}{% block content %}<ul>{% for a in articles %}'
        '<li><a href="/{{ a.url }}">{{ a.title }}</a></li>{% endfor %}</ul>{% endblock %}\n'
    )
    for name in (
        "page",
        "category",
        "tag",
        "author",
        "archives",
        "period_archives",
        "categories",
        "tags",
        "authors",
    ):
        (theme / f"{name}.html").write_text('{% extends "base.html" %}\n')
    for index, (title, body) in enumerate(articles):
        safe, date = _front(title, index)
        (folder / "content" / f"a{index:05d}.md").write_text(
            f"Title: {safe}\nDate: {date}\nSlug: a{index:05d}\n\n{body}"
        )


def mkdocs_site(folder: Path, articles: list[tuple[str, str]]) -> None:
    (folder / "docs").mkdir(parents=True)
    (folder / "mkdocs.yml").write_text("site_name: Bench\ntheme:\n  name: mkdocs\n")
    (folder / "docs" / "index.md").write_text("# Bench\n")
    for index, (title, body) in enumerate(articles):
        (folder / "docs" / f"a{index:05d}.md").write_text(f"# {title}\n\n{body}")


SETUPS = {
    "Hugo": (hugo_site, lambda bin_: [str(bin_ / "hugo"), "--quiet", "-d", "public"], "public"),
    "Pelican": (
        pelican_site,
        lambda bin_: [
            str(bin_ / "pelican"),
            "content",
            "-o",
            "output",
            "-s",
            "pelicanconf.py",
            "-q",
        ],
        "output",
    ),
    "MkDocs": (mkdocs_site, lambda bin_: [str(bin_ / "mkdocs"), "build", "-q"], "site"),
}


def _full_build(argv: list[str], site: Path, output: Path) -> Run:
    shutil.rmtree(output, ignore_errors=True)
    return run(argv, cwd=site)


def bench_others(
    folder: Path,
    articles: list[tuple[str, str]],
    repeat: int,
    ours: Callable[[], Run] | None = None,
) -> dict[str, Run]:
    """Median full-build time of each generator on the same articles, and of `ours` if
    given. They run in rounds, one build of each per round, so a change in the machine's
    speed during the run (it is shared) weighs on all of them alike."""
    bin_ = environment(folder.parent)
    measures: dict[str, Callable[[], Run]] = {}
    for name, (setup, command, output) in SETUPS.items():
        site = folder / name.lower()
        shutil.rmtree(site, ignore_errors=True)
        setup(site, articles)
        measures[name] = partial(_full_build, command(bin_), site, site / output)
    if ours is not None:
        measures["ours"] = ours
    runs: dict[str, list[Run]] = {name: [] for name in measures}
    for _ in range(repeat):
        for name, measure in measures.items():
            runs[name].append(measure())
    return {name: summary(done) for name, done in runs.items()}
