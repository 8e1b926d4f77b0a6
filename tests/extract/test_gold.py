"""Score the extractor against the hand-written gold files (tests/extraction/gold/*.json).

These files were written together with the rules, so they hold the rules to what they were
made to do; `make eval` measures them on text annotated by others. The matching is
generator.eval.score's (the one `make eval` uses): actors over the kinds person, organization
and group (places reported apart, not gated), roles over matched actors that have a gold role,
quotes by their first words, and attribution over every gold quote (a missed quote counts as
wrongly attributed).
Run with `pytest -s tests/extract/test_gold.py` to see the table while it runs; it is also
written to the terminal summary.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import ExtractConfig
from generator.eval.gold import load_gold
from generator.eval.score import Score, score_article
from generator.extract.pipeline import extract
from generator.read.seeds import read_article

ROOT = Path(__file__).resolve().parents[2]
GOLD_DIR = ROOT / "tests" / "extraction" / "gold"
GOLD_FILES = sorted(GOLD_DIR.glob("*.json"))
THRESHOLDS = {"actor_p": 0.95, "actor_r": 0.95, "role": 0.9, "attr_all": 0.9}
COLUMNS = ["actor_p", "actor_r", "role", "quote_p", "quote_r", "attr_all", "place_p", "place_r"]


def table(rows: list[tuple[str, Score]]) -> list[str]:
    lines = [f"{'article':42} " + " ".join(f"{k:>11}" for k in COLUMNS)]
    for name, score in rows:
        figures = score.figures
        cells = (f"{'—' if figures[k] is None else f'{figures[k]:.2f}':>11}" for k in COLUMNS)
        lines.append(f"{name[:42]:42} " + " ".join(cells))
    return lines


@pytest.fixture(scope="session")
def nlp():
    from generator.extract.nlp import load_model

    settings = ExtractConfig()
    return load_model(settings.model, settings.model_version)


class _Summary:
    """A plugin registered by the test, so the table also lands in the terminal summary."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines

    def pytest_terminal_summary(self, terminalreporter) -> None:
        terminalreporter.write_sep("=", "extraction scores")
        for line in self.lines:
            terminalreporter.write_line(line)


def test_extraction_against_gold(nlp, capsys, request):
    golds = [load_gold(path, ROOT) for path in GOLD_FILES]
    articles = [read_article(g.article) for g in golds]
    docs = nlp.pipe(a.text for a in articles)
    rows: dict[str, list[tuple[str, Score]]] = {"seeds": [], "articles": []}
    total = Score()
    problems = []
    for gold, article, doc in zip(golds, articles, docs, strict=True):
        extraction = extract(article, doc)
        score = score_article(extraction.actors, extraction.quotes, gold)
        group = "seeds" if article.path.parent == ROOT / "seeds" else "articles"
        rows[group].append((article.path.stem, score))
        total.add(score)
        problems += [f"{article.path.stem}: {p}" for p in score.problems]
    lines = []
    for group, group_rows in rows.items():
        subtotal = Score()
        for _, s in group_rows:
            subtotal.add(s)
        lines += [f"-- {group}", *table([*group_rows, (f"TOTAL {group}", subtotal)])]
    lines += table([("TOTAL", total)])[1:]
    lines += ["", *problems]
    request.config.pluginmanager.register(_Summary(lines), "extraction-scores")
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    figures = total.figures
    failing = {k: figures[k] for k, t in THRESHOLDS.items() if figures[k] is None or figures[k] < t}
    assert not failing, f"below the thresholds {THRESHOLDS}: {failing}"
