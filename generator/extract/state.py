"""The working state the extraction rules read and refine, one article at a time."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator.model import Actor, Article, ContextBox, Mention, Quote, Term, TokenTable

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


@dataclass
class Candidate:
    """One named-entity mention before actors are merged."""

    span: Span
    name: str
    kind: str
    actor: str | None = None  # Actor.id once merged


@dataclass
class State:
    article: Article
    doc: Doc
    tokens: TokenTable = field(default_factory=TokenTable)
    candidates: list[Candidate] = field(default_factory=list)
    actors: dict[str, Actor] = field(default_factory=dict)  # by id, in order of first mention
    mentions: list[Mention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    context: list[ContextBox] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)

    def paragraph_of(self, char: int) -> int:
        """1-based paragraph holding a character offset of Article.text."""
        return self.article.text.count("\n\n", 0, char) + 1
