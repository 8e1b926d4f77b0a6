"""Score the extractor against hand-written gold files (tests/extraction/gold/*.json).

Actors are scored over the kinds person, organization and group (places are reported apart,
not gated); roles over matched actors that have a gold role; quotes by their first words, and
attribution over every gold quote (a missed quote counts as wrongly attributed).
Run with `pytest -s tests/test_extraction_gold.py` to see the table while it runs; it is also
written to the terminal summary.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from generator.config import ExtractConfig
from generator.extract.pipeline import extract
from generator.seeds import read_article

ROOT = Path(__file__).resolve().parent.parent
GOLD_DIR = ROOT / "tests" / "extraction" / "gold"
GOLD_FILES = sorted(GOLD_DIR.glob("*.json"))
GATED_KINDS = ("person", "organization", "group")
THRESHOLDS = {"actor_p": 0.95, "actor_r": 0.95, "role": 0.9, "attribution": 0.9}
QUOTE_WORDS = 6  # a gold quote matches when its first words (up to this many) agree


def norm_name(name: str) -> str:
    name = re.sub(r"[’']", "'", name.lower()).strip()
    name = re.sub(r"^the\s+", "", name)
    return re.sub(r"\s+", " ", name)


def roles_agree(found: str | None, gold: str) -> bool:
    if not found:
        return False
    a = " ".join(re.findall(r"[a-z]+", found.lower()))
    b = " ".join(re.findall(r"[a-z]+", gold.lower()))
    return bool(a and b) and (a in b or b in a)


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("’", "'").replace("'", ""))


@dataclass
class Score:
    actors_found: int = 0
    actors_gold: int = 0
    actors_matched: int = 0
    places_found: int = 0
    places_gold: int = 0
    places_matched: int = 0
    roles_gold: int = 0
    roles_right: int = 0
    quotes_gold: int = 0
    quotes_found: int = 0
    quotes_matched: int = 0
    quotes_attributed: int = 0
    problems: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in self.__dataclass_fields__:
            if name != "problems":
                setattr(self, name, getattr(self, name) + getattr(other, name))

    @staticmethod
    def ratio(a: int, b: int) -> float:
        return a / b if b else 1.0

    @property
    def figures(self) -> dict[str, float]:
        r = self.ratio
        return {
            "actor_p": r(self.actors_matched, self.actors_found),
            "actor_r": r(self.actors_matched, self.actors_gold),
            "place_p": r(self.places_matched, self.places_found),
            "place_r": r(self.places_matched, self.places_gold),
            "role": r(self.roles_right, self.roles_gold),
            "quote_p": r(self.quotes_matched, self.quotes_found),
            "quote_r": r(self.quotes_matched, self.quotes_gold),
            "attribution": r(self.quotes_attributed, self.quotes_gold),
        }


def names_of(actor) -> set[str]:
    return {norm_name(actor.name), *(norm_name(a) for a in actor.aliases)}


def gold_names(actor: dict) -> set[str]:
    return {norm_name(actor["name"]), *(norm_name(a) for a in actor.get("aliases", []))}


def match_actors(found: list, gold: list[dict], score: Score, kinds: tuple[str, ...]) -> tuple:
    """Pair extracted and gold actors one to one; returns gold name -> extracted actor."""
    gated = [g for g in gold if g["kind"] in kinds]
    candidates = [a for a in found if a.kind in kinds]
    pairs: dict[str, object] = {}
    used: set[str] = set()
    for g in gated:
        names = gold_names(g)
        actor = next((a for a in candidates if a.id not in used and names & names_of(a)), None)
        if actor is not None:
            used.add(actor.id)
            pairs[g["name"]] = actor
        else:
            score.problems.append(f"missed {g['kind']} {g['name']!r}")
    for a in candidates:
        if a.id not in used:
            score.problems.append(f"extra {a.kind} {a.name!r}")
    return pairs, len(candidates), len(gated)


def score_article(extraction, gold: dict) -> Score:
    score = Score()
    pairs, score.actors_found, score.actors_gold = match_actors(
        extraction.actors, gold["actors"], score, GATED_KINDS
    )
    score.actors_matched = len(pairs)
    place_pairs, score.places_found, score.places_gold = match_actors(
        extraction.actors, gold["actors"], Score(), ("place",)
    )
    score.places_matched = len(place_pairs)
    by_gold_name = {g["name"]: g for g in gold["actors"]}
    for g in gold["actors"]:
        if g["kind"] not in GATED_KINDS or not g.get("role"):
            continue
        score.roles_gold += 1
        actor = pairs.get(g["name"])
        if actor is not None and roles_agree(actor.role, g["role"]):
            score.roles_right += 1
        elif actor is not None:
            score.problems.append(f"role of {g['name']!r}: {actor.role!r}, gold {g['role']!r}")
    actors = {a.id: a for a in extraction.actors}
    found = list(extraction.quotes)
    score.quotes_found = len(found)
    score.quotes_gold = len(gold["quotes"])
    for q in gold["quotes"]:
        first = words(q["text"])[:QUOTE_WORDS]
        quote = next((f for f in found if words(f.text)[: len(first)] == first), None)
        if quote is None:
            score.problems.append(f"missed quote {q['text'][:40]!r}")
            continue
        found.remove(quote)
        score.quotes_matched += 1
        speaker = actors.get(quote.speaker) if quote.speaker else None
        if q["speaker"] is None:
            right = speaker is None
        else:
            right = speaker is not None and bool(
                gold_names(by_gold_name[q["speaker"]]) & names_of(speaker)
            )
        if right:
            score.quotes_attributed += 1
        else:
            score.problems.append(
                f"quote {q['text'][:30]!r}: {speaker.name if speaker else None!r} "
                f"({quote.speaker_label!r}), gold {q['speaker']!r}"
            )
    for f in found:
        score.problems.append(f"extra quote {f.text[:40]!r}")
    return score


def table(rows: list[tuple[str, Score]]) -> list[str]:
    keys = ["actor_p", "actor_r", "role", "quote_p", "quote_r", "attribution", "place_p", "place_r"]
    lines = [f"{'article':42} " + " ".join(f"{k:>11}" for k in keys)]
    for name, score in rows:
        figures = score.figures
        lines.append(f"{name[:42]:42} " + " ".join(f"{figures[k]:>11.2f}" for k in keys))
    return lines


@pytest.fixture(scope="session")
def nlp():
    from generator.extract.nlp import load_model

    settings = ExtractConfig()
    return load_model(settings.model, settings.model_version)


def held_out(gold: dict) -> bool:
    return not gold["article"].startswith("seeds/")


class _Summary:
    """A plugin registered by the test, so the table also lands in the terminal summary."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines

    def pytest_terminal_summary(self, terminalreporter) -> None:
        terminalreporter.write_sep("=", "extraction scores")
        for line in self.lines:
            terminalreporter.write_line(line)


def test_extraction_against_gold(nlp, capsys, request):
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in GOLD_FILES]
    articles = [read_article(ROOT / g["article"]) for g in golds]
    docs = nlp.pipe(a.text for a in articles)
    rows: dict[str, list[tuple[str, Score]]] = {"seeds": [], "held-out": []}
    total = Score()
    problems = []
    for gold, article, doc in zip(golds, articles, docs, strict=True):
        score = score_article(extract(article, doc), gold)
        rows["held-out" if held_out(gold) else "seeds"].append((article.path.stem, score))
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
    failing = {k: round(figures[k], 3) for k, t in THRESHOLDS.items() if figures[k] < t}
    assert not failing, f"below the thresholds {THRESHOLDS}: {failing}"
