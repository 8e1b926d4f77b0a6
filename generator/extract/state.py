"""The working state the extraction rules read and refine, one article at a time."""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator.model import Actor, Article, Claim, ContextBox, Mention, Quote, Term, TokenTable

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


@dataclass
class Candidate:
    """One mention of a possible actor before actors are merged."""

    span: Span
    name: str
    kind: str
    actor: str | None = None  # Actor.id once merged
    in_quote: bool = False  # named inside a quotation, by a speaker, not by the reporter


@dataclass
class QuoteSpan:
    """Where one quotation sits, before it is attributed."""

    start: int  # offsets of the quoted words in Article.text
    end: int
    closed: bool = True  # False: an opening mark with no closing one (it runs on)
    continues: bool = False  # it opens a paragraph that continues the previous quotation


@dataclass
class State:
    article: Article
    doc: Doc
    tokens: TokenTable = field(default_factory=TokenTable)
    quote_spans: list[QuoteSpan] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    actors: dict[str, Actor] = field(default_factory=dict)  # by id, in order of first mention
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    context: list[ContextBox] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    token_actor: dict[int, str] = field(default_factory=dict)  # doc token index -> Actor.id
    # Coreference (rules/coref.py): a pronoun's or description's token index -> Actor.id, and
    # each person's gender ("female"/"male") where the article or the name shows it.
    references: dict[int, str] = field(default_factory=dict)
    genders: dict[str, str] = field(default_factory=dict)
    _quote_starts: list[int] = field(default_factory=list, repr=False)

    def paragraph_of(self, char: int) -> int:
        """1-based paragraph holding a character offset of Article.text."""
        return self.article.text.count("\n\n", 0, char) + 1

    def in_quote(self, char: int) -> bool:
        """Whether a character offset lies inside a quotation (its marks included)."""
        if len(self._quote_starts) != len(self.quote_spans):
            self._quote_starts = [q.start for q in self.quote_spans]
        i = bisect.bisect_right(self._quote_starts, char) - 1
        if i < 0:
            return False
        q = self.quote_spans[i]
        return q.start - 1 <= char <= q.end

    def mentioned_before(self, char: int) -> Iterator[tuple[Mention, Actor]]:
        """Each mention of a known actor that starts before a character offset, in order."""
        for mention in self.mentions:
            if mention.start >= char:
                return
            actor = self.actors.get(mention.actor)
            if actor is not None:
                yield mention, actor

    def actor_at(self, token_i: int) -> Actor | None:
        """The actor a token names, if a merged mention covers it."""
        actor_id = self.token_actor.get(token_i)
        return self.actors.get(actor_id) if actor_id else None
