"""Extraction: an ordered chain of small rules over spaCy's parse of one article.

Each rule is a module in generator/extract/rules with `apply(state)`; RULES lists them in the
order they run. Bump EXTRACTOR_VERSION when a rule changes its output, so the cache refreshes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from generator.extract.rules import entities, merge, quotes, salience, summary, tokens
from generator.extract.state import State
from generator.model import Article, Extraction

if TYPE_CHECKING:
    from spacy.tokens import Doc

EXTRACTOR_VERSION = "1"

RULES = [tokens, entities, merge, quotes, summary, salience]


def extract(article: Article, doc: Doc, rules=RULES) -> Extraction:
    """Run the rules over a parsed article and return what they found."""
    state = State(article=article, doc=doc)
    for rule in rules:
        rule.apply(state)
    return Extraction(
        slug=article.slug,
        title=article.headline,
        dateline=article.dateline,
        date=article.date,
        summary=state.summary,
        actors=list(state.actors.values()),
        quotes=state.quotes,
        context=state.context,
        terms=state.terms,
        mentions=state.mentions,
        tokens=state.tokens,
        paragraphs=list(article.paragraphs),
        tags=list(article.tags),
        source_url=article.source_url,
        source_path=str(article.path),
    )
