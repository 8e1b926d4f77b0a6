"""The plain data passed between the pipeline's stages (see docs/architecture.md).

With `slots=True`: a build restores tens of thousands of these from the saved state, and
without a `__dict__` each they load a fifth faster and take less memory.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

ACTOR_KINDS = ("person", "organization", "place", "group")
# A context box's kind: what the article itself gives (the first three), or what a
# knowledge-base entry is about.
CONTEXT_KINDS = (
    "background",
    "why-it-matters",
    "whats-next",
    "place",
    "organization",
    "event",
    "process",
    "person",
)


@dataclass(frozen=True)
class Dateline:
    place: str
    source: str


@dataclass(slots=True)
class Article:
    """One seed file, read and split, before any NLP."""

    path: Path
    slug: str
    headline: str
    paragraphs: list[str]
    dateline: Dateline | None = None
    date: dt.date | None = None
    tags: list[str] = field(default_factory=list)
    source_url: str | None = None
    # sha256 of what it was read from (the file's bytes, or a news item's XML) and the
    # readers' version: the extraction cache key's main part.
    digest: str = ""
    paragraph_lines: list[int] = field(default_factory=list)  # 1-based line of each; 0: unknown
    slug_chosen: bool = False  # set in front matter, rather than derived from the headline
    # Who reported it (the byline, "contributed to this report", "Reporting by"), as named.
    credits: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The body as parsed: paragraphs joined by blank lines (offsets refer to this)."""
        return "\n\n".join(self.paragraphs)


@dataclass(slots=True)
class Mention:
    """Where an actor is named in the body: character offsets into Article.text."""

    actor: str
    start: int
    end: int


@dataclass(slots=True)
class Actor:
    id: str
    name: str
    kind: str
    role: str | None = None
    affiliation: str | None = None
    aliases: list[str] = field(default_factory=list)
    mentions: int = 0
    key: bool = False
    bio: str | None = None  # HTML, from a content/actors profile
    pinned: bool = False
    # Set when the site is assembled: the role and affiliation another explainer gave this
    # person (which fields, and that explainer's slug), where this article gives none.
    learned: list[str] = field(default_factory=list)
    learned_from: str | None = None


@dataclass(slots=True)
class Quote:
    text: str
    speaker: str | None  # an Actor.id, or None for an unnamed source
    speaker_label: str
    paragraph: int  # 1-based, the dateline paragraph is 1
    start: int = 0  # offsets of the quoted words in Article.text
    end: int = 0


@dataclass(slots=True)
class Claim:
    """What someone is reported to have said outside quotation marks: "Netanyahu said his
    decision was meant to deliver a message", "…, according to WHO figures"."""

    text: str  # the content clause as written, without the reporting verb and speaker
    speaker: str | None  # an Actor.id, or None for an unnamed source
    speaker_label: str  # how the page names the speaker: "a senior Fed official"
    verb: str  # the reporting words: "said", "told reporters", "according to"
    paragraph: int  # 1-based, as Quote.paragraph
    partial_quote: bool = False  # the clause holds quoted words
    start: int = 0  # offsets of the clause in Article.text
    end: int = 0


@dataclass(slots=True)
class ContextBox:
    id: str
    title: str
    kind: str
    body: str  # plain text from the article; HTML when it comes from content/
    source: str = "article"  # "article" or "knowledge"


@dataclass(slots=True)
class Term:
    """A glossary entry attached to an explainer."""

    term: str
    # Plain text from the article or the dictionary; HTML when it comes from content/.
    definition: str
    source: str = "article"  # "article", "knowledge" or "dictionary" (Open English WordNet)
    id: str = ""
    start: int = -1  # first use in Article.text, for inline annotation
    end: int = -1
    sense: int = 0  # for the dictionary's: the sense's 1-based place under its lemma


@dataclass(slots=True)
class TokenTable:
    """What knowledge-base matching needs from the parse, kept so it never needs spaCy.

    Parallel lists, one item per token of Article.text; `entity` is the index of the named
    entity span the token belongs to in `entities`, or -1.
    """

    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    lowers: list[str] = field(default_factory=list)
    lemmas: list[str] = field(default_factory=list)
    entity: list[int] = field(default_factory=list)
    entities: list[tuple[int, int, str]] = field(default_factory=list)  # token start, end, label
    sentences: list[tuple[int, int]] = field(default_factory=list)  # char start, end
    # The words matching walks (match.Words), computed once when the article is extracted:
    # tokens joined by hyphens, folded three ways, with their first and last token.
    word_folded: list[str] = field(default_factory=list)
    word_lemma: list[str] = field(default_factory=list)
    word_cased: list[str] = field(default_factory=list)
    word_first: list[int] = field(default_factory=list)
    word_last: list[int] = field(default_factory=list)


@dataclass(slots=True)
class Extraction:
    """What the NLP stage found in one article; cached on disk as JSON."""

    slug: str
    title: str
    dateline: Dateline | None
    date: dt.date | None
    summary: list[str]
    actors: list[Actor]
    quotes: list[Quote]
    context: list[ContextBox]
    terms: list[Term]
    mentions: list[Mention]
    tokens: TokenTable
    paragraphs: list[str]
    tags: list[str] = field(default_factory=list)
    source_url: str | None = None
    source_path: str = ""
    credits: list[str] = field(default_factory=list)  # the article's, set when it is enriched
    claims: list[Claim] = field(default_factory=list)


@dataclass(slots=True)
class Explainer:
    """What one explainer page shows: the extraction joined with the knowledge base."""

    extraction: Extraction
    actors: list[Actor]
    quotes: list[Quote]
    summary: list[str]
    context: list[ContextBox]
    glossary: list[Term]
    mentions: list[Mention] = field(default_factory=list)  # of the actors shown
    notes: list[str] = field(default_factory=list)  # editor's notes, HTML
    related: list[str] = field(default_factory=list)  # slugs of explainers sharing actors/terms
    # The knowledge-base files it drew on ("glossary/cease-fire", "explainers/<slug>"), with
    # their digests then (None: absent), so a build can tell whether it is still current.
    sources: dict[str, str | None] = field(default_factory=dict)
    claims: list[Claim] = field(default_factory=list)
    # Words in the article: every card and reading time shows it. Counted when the explainer
    # is made, so a build that restores it from the saved state does not count again.
    word_count: int = field(init=False)

    def __post_init__(self) -> None:
        self.word_count = sum(len(p.split()) for p in self.extraction.paragraphs)

    @property
    def slug(self) -> str:
        return self.extraction.slug

    @property
    def title(self) -> str:
        return self.extraction.title
