"""The chain of rules, in the order they run, and `extract`, which runs them.

Bump generator.extract.EXTRACTOR_VERSION when a rule changes its output.
"""

from __future__ import annotations

from collections.abc import Sequence
from types import ModuleType
from typing import TYPE_CHECKING

from generator.extract.rules import (
    attribution,
    backrefs,
    claims,
    context,
    coref,
    definitions,
    dialogue,
    entities,
    merge,
    namebounds,
    prune,
    quotes,
    roles,
    salience,
    summary,
    titled,
    tokens,
)
from generator.extract.state import State
from generator.model import Article, Extraction

if TYPE_CHECKING:
    from spacy.tokens import Doc

RULES: list[ModuleType] = [
    tokens,  # the token table later stages match against
    quotes,  # where the quotations are (names inside them are the speaker's, not actors)
    entities,  # NER names, trimmed and re-kinded
    titled,  # people NER missed, found by their title
    namebounds,  # captions cut off, glued names split, first names NER left out
    merge,  # one actor per person or body, across forms
    prune,  # names that do not act
    roles,  # role and affiliation
    backrefs,  # "the prime minister" → the person
    coref,  # "she", "the league" → the actor; each person's gender
    attribution,  # who said each quotation
    claims,  # what each speaker is reported to have said outside quotation marks
    dialogue,  # the untagged lines of a conversation
    salience,  # the few key actors
    definitions,  # terms the article defines
    summary,  # the sentences that tell the story
    context,  # background, why it matters, what's next
]


def extract(article: Article, doc: Doc, rules: Sequence[ModuleType] = RULES) -> Extraction:
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
        claims=state.claims,
        context=state.context,
        terms=state.terms,
        mentions=state.mentions,
        tokens=state.tokens,
        paragraphs=list(article.paragraphs),
        tags=list(article.tags),
        source_url=article.source_url,
        source_path=str(article.path),
    )
