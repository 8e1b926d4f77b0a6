"""Our own builds of a synthetic site: cold, warm, after a template edit, after one seed edit."""

from __future__ import annotations

import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from generator.bench.corpus import generate
from generator.bench.timing import Run, median_of, run
from generator.config import DEFAULT_THEME

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class SiteFigures:
    n: int
    cold: Run  # empty cache: every article parsed
    warm: Run  # nothing changed
    template: Run  # one template edited, cache warm: everything re-rendered
    one_seed: Run  # one seed edited: one parse, everything that lists it re-rendered
    pages: int


def make_site(folder: Path, n: int, seed: int) -> Path:
    """A synthetic site: n generated seeds, the real knowledge base, a copy of the theme."""
    shutil.rmtree(folder, ignore_errors=True)
    generate(folder / "seeds", n, seed)
    shutil.copytree(ROOT / "content", folder / "content")
    shutil.copytree(DEFAULT_THEME, folder / "theme")
    (folder / "site.toml").write_text(
        'title = "Bench"\nbase_url = "https://example.org/"\ntheme = "theme"\n'
    )
    return folder / "site.toml"


def _build(site: Path, *extra: str) -> Run:
    return run([sys.executable, "-m", "generator", "--config", str(site), "build", *extra])


def rerender_after_template_edit(folder: Path) -> Run:
    """Edit the layout every page extends, then build (a site made by make_site, built)."""
    # A visible edit to every page (outside what search indexes), so every page is rendered
    # and written again, as after a real change to the site's chrome.
    template = folder / "theme" / "templates" / "base.html"
    text = template.read_text()
    template.write_text(text.replace("</body>", f"<!-- edit {time.time_ns()} -->\n</body>", 1))
    return _build(folder / "site.toml")


def bench_site(folder: Path, n: int, seed: int, repeat: int, cold_repeat: int) -> SiteFigures:
    site = make_site(folder, n, seed)
    cache, output = folder / ".cache", folder / "_site"

    def clear() -> None:
        shutil.rmtree(cache, ignore_errors=True)
        shutil.rmtree(output, ignore_errors=True)

    cold = median_of(cold_repeat, lambda: _build(site), before=clear)
    warm = median_of(repeat, lambda: _build(site))
    rerender = median_of(repeat, lambda: rerender_after_template_edit(folder))
    seed_file = sorted((folder / "seeds").glob("*.txt"))[0]
    seed_text = seed_file.read_text()
    edits = iter(range(1000))

    def edit_seed() -> None:
        seed_file.write_text(seed_text + f"\nA new closing paragraph, edit {next(edits)}.\n")

    one = median_of(repeat, lambda: _build(site), before=edit_seed)
    pages = sum(1 for _ in output.rglob("*.html"))
    return SiteFigures(n, cold, warm, rerender, one, pages)
