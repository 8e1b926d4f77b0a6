"""The glossary against its gold (tests/extraction/glossary/): are the terms a general reader
needs defined, are the dictionary's senses right, are the entries worth showing?

Each gold file lists, for one article, the terms a general reader needs defined (`needed`;
"a|b" when either form will do), the terms it is fine to define (`acceptable`), and, for
each dictionary definition the glossary showed, whether its sense fits the article
(`senses`). An entry shown that is neither needed nor acceptable counts as obvious. A
dictionary definition nobody has judged yet is listed, to be judged, and not counted.

Every article is enriched twice: with the starter knowledge base (the repository's
content/) and with an empty one, where the dictionary does all the work.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from generator.config import SiteConfig
from generator.errors import InputError
from generator.extract.runner import ExtractResult, iter_extractions
from generator.knowledge.enrich import KnowledgeIndex, enrich
from generator.knowledge.load import Knowledge, load_knowledge
from generator.knowledge.terms import term_key
from generator.model import Explainer, Term
from generator.read.seeds import read_article

GOLD_FOLDER = Path("tests") / "extraction" / "glossary" / "gold"
KNOWLEDGE = ("starter", "empty")
HINT = "see tests/extraction/glossary/README.md for the gold file's fields"


@dataclass
class GlossaryGold:
    path: Path
    article: Path
    written: int  # the order it was written in
    blind: bool  # written after the glossary was tuned, never tuned on
    needed: list[set[str]]  # each term as its accepted keys (term_key)
    acceptable: set[str]
    senses: dict[tuple[str, str], bool]  # (term_key, definition) -> right


@dataclass
class Shown:
    """A glossary entry one run showed, as the gold judges it."""

    term: str
    definition: str
    source: str
    obvious: bool
    right: bool | None = None  # a dictionary sense's judgement; None: not judged yet


@dataclass
class ArticleGlossary:
    name: str
    blind: bool
    needed: int
    defined: dict[str, int] = field(default_factory=dict)  # knowledge -> needed and defined
    shown: dict[str, list[Shown]] = field(default_factory=dict)  # knowledge -> entries


def _keys(phrase: str) -> set[str]:
    return {term_key(p) for p in phrase.split("|") if p.strip()}


def load_glossary_gold(path: Path) -> GlossaryGold:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        senses = {(term_key(s["term"]), s["definition"]): bool(s["right"]) for s in data["senses"]}
        return GlossaryGold(
            path,
            path.parent.parent / data["article"],
            int(data["written"]),
            bool(data["blind"]),
            [_keys(t) for t in data["needed"]],
            set().union(*(_keys(t) for t in data["acceptable"])),
            senses,
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"is not a glossary gold file: {exc!r}", path=path, hint=HINT) from None


def _term_keys(term: Term, text: str) -> set[str]:
    """A term as the gold may name it: its headword, or the words the article used."""
    keys = {term_key(term.term)}
    if 0 <= term.start < term.end:
        keys.add(term_key(text[term.start : term.end]))
    return keys


def judge(explainer: Explainer, gold: GlossaryGold) -> tuple[int, list[Shown]]:
    """How many needed terms the explainer defines, and each entry it shows, judged."""
    text = "\n\n".join(explainer.extraction.paragraphs)
    shown, covered = [], set()
    for term in explainer.glossary:
        keys = _term_keys(term, text)
        covered |= keys
        needed = any(keys & wanted for wanted in gold.needed)
        entry = Shown(
            term.term, term.definition, term.source, not needed and not keys & gold.acceptable
        )
        if term.source == "dictionary":
            entry.right = gold.senses.get((term_key(term.term), term.definition))
        shown.append(entry)
    defined = sum(1 for wanted in gold.needed if wanted & covered)
    return defined, shown


def evaluate_glossary(
    config: SiteConfig, root: Path
) -> tuple[list[ArticleGlossary], list[InputError]]:
    """Every gold article enriched with the starter and the empty knowledge base, judged."""
    from generator.eval.evaluate import evaluation_cache

    errors: list[InputError] = []
    golds = []
    for path in sorted((root / GOLD_FOLDER).glob("*.json")):
        try:
            golds.append(load_glossary_gold(path))
        except InputError as exc:
            errors.append(exc)
    indexes = {
        "starter": KnowledgeIndex.build(load_knowledge(root / "content")),
        "empty": KnowledgeIndex.build(Knowledge()),
    }
    articles, by_article = [], {}
    for gold in golds:
        try:
            article = read_article(gold.article)
        except InputError as exc:
            errors.append(exc)
            continue
        articles.append(article)
        by_article[id(article)] = gold
    results = []
    cache = evaluation_cache(config)
    for article, outcome in iter_extractions(articles, config.extract, cache, ExtractResult()):
        if isinstance(outcome, InputError):
            errors.append(outcome)
            continue
        gold = by_article[id(article)]
        result = ArticleGlossary(gold.path.stem, gold.blind, len(gold.needed))
        for name, index in indexes.items():
            result.defined[name], result.shown[name] = judge(enrich(outcome, index), gold)
        results.append(result)
    results.sort(key=lambda r: r.name)
    return results, errors


@dataclass
class GlossaryFigures:
    """The targets of the glossary, over a group of articles."""

    articles: int = 0
    needed: int = 0
    defined: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KNOWLEDGE, 0))
    shown: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KNOWLEDGE, 0))
    obvious: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KNOWLEDGE, 0))
    senses_right: int = 0
    senses_judged: int = 0
    unjudged: list[str] = field(default_factory=list)

    def add(self, result: ArticleGlossary) -> None:
        self.articles += 1
        self.needed += result.needed
        senses: dict[tuple[str, str], bool | None] = {}
        for name in KNOWLEDGE:
            self.defined[name] += result.defined[name]
            self.shown[name] += len(result.shown[name])
            self.obvious[name] += sum(s.obvious for s in result.shown[name])
            for s in result.shown[name]:
                if s.source == "dictionary":
                    senses[(s.term, s.definition)] = s.right
        # Each definition shown in either run is judged once.
        for (term, definition), right in senses.items():
            if right is None:
                self.unjudged.append(f"{result.name}: {term}: {definition}")
            else:
                self.senses_judged += 1
                self.senses_right += right

    def figures(self) -> dict[str, float | None]:
        def share(part: int, whole: int) -> float | None:
            return part / whole if whole else None

        return {
            "defined_starter": share(self.defined["starter"], self.needed),
            "defined_empty": share(self.defined["empty"], self.needed),
            "senses_right": share(self.senses_right, self.senses_judged),
            "obvious_starter": share(self.obvious["starter"], self.shown["starter"]),
            "obvious_empty": share(self.obvious["empty"], self.shown["empty"]),
        }


def group_figures(results: list[ArticleGlossary]) -> dict[str, GlossaryFigures]:
    """Figures for the articles tuned on, the blind ones, and all."""
    groups = {"tuned on": GlossaryFigures(), "blind": GlossaryFigures(), "all": GlossaryFigures()}
    for result in results:
        groups["blind" if result.blind else "tuned on"].add(result)
        groups["all"].add(result)
    return groups


TARGETS = [  # (figure, heading, target, at least?)
    ("defined_starter", "needed+defined (starter KB)", 0.85, True),
    ("defined_empty", "needed+defined (empty KB)", 0.70, True),
    ("senses_right", "dictionary senses right", 0.85, True),
    ("obvious_starter", "obvious entries (starter KB)", 0.10, False),
    ("obvious_empty", "obvious entries (empty KB)", 0.10, False),
]


def glossary_table(results: list[ArticleGlossary]) -> str:
    groups = group_figures(results)
    heads = "".join(f"{name:>16}" for name in groups)
    lines = [f"{'glossary figure':30} {'target':>7}{heads}"]
    for key, heading, target, at_least in TARGETS:
        cells = ""
        for figures in groups.values():
            value = figures.figures()[key]
            cells += f"{'—' if value is None else f'{value:.2f}':>16}"
        lines.append(f"{heading:30} {('≥ ' if at_least else '≤ ') + f'{target:.2f}':>7}{cells}")
    every = groups["all"]
    lines.append(
        f"{every.articles} articles, {every.needed} terms needed, "
        f"{every.senses_judged} dictionary senses judged"
    )
    if every.unjudged:
        lines.append(f"{len(every.unjudged)} dictionary definition(s) not judged yet:")
        lines.extend(f"  {line}" for line in every.unjudged)
    return "\n".join(lines)


def glossary_json(results: list[ArticleGlossary]) -> dict:
    return {
        "groups": {name: f.figures() for name, f in group_figures(results).items()},
        "articles": {
            r.name: {
                "blind": r.blind,
                "needed": r.needed,
                "defined": r.defined,
                "shown": {
                    name: [
                        {
                            "term": s.term,
                            "source": s.source,
                            "obvious": s.obvious,
                            "right": s.right,
                            "definition": s.definition,
                        }
                        for s in shown
                    ]
                    for name, shown in r.shown.items()
                },
            }
            for r in results
        },
    }
