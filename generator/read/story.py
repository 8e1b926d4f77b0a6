"""What a reader finds in a seed (`Story`), and the Article made from it.

Every reader, whatever the format, fills a Story: the headline, the paragraphs with their
lines, and what the format states outright (an NITF byline, a NewsML-G2 subject). `wire.tidy`
then applies the conventions of wire copy the same way to all of them, and `make_article`
gives the pipeline its Article.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import InputError
from generator.model import Article, Dateline
from generator.read.files import MAX_CHARS, too_long
from generator.slugs import slugify

# Part of every Article.digest, so the extraction cache (keyed by it) is made again when a
# reader changes what it reads from the same bytes: bump it when one does.
READERS_VERSION = "2"

Block = tuple[str, int]  # a paragraph's text and its 1-based line in the file (0: not known)


@dataclass
class Story:
    headline: str
    paragraphs: list[Block]
    headline_line: int = 0
    dateline: Dateline | None = None
    date: dt.date | None = None
    tags: list[str] = field(default_factory=list)
    credits: list[str] = field(default_factory=list)
    source_url: str | None = None


def digest(data: bytes) -> str:
    """The Article.digest of an article read from these bytes."""
    return hashlib.sha256(READERS_VERSION.encode() + b"\0" + data).hexdigest()


def make_article(path: Path, story: Story, data: bytes, meta: dict | None = None) -> Article:
    """The Article for a story read from `data`; `meta`: a text seed's checked front matter,
    which overrides what the text says."""
    meta = meta or {}
    if not story.paragraphs:
        raise InputError(
            "has a headline but no story text",
            path=path,
            line=story.headline_line or None,
            hint="the article's paragraphs are missing (only a byline, date or credits?)",
        )
    if sum(len(text) + 2 for text, _ in story.paragraphs) > MAX_CHARS:
        raise too_long(path, len(data))
    title = meta.get("title", story.headline)
    return Article(
        path=path,
        slug=meta.get("slug") or slugify(title) or slugify(path.stem) or "article",
        headline=title,
        paragraphs=[text for text, _ in story.paragraphs],
        paragraph_lines=[line for _, line in story.paragraphs],
        dateline=story.dateline,
        date=meta.get("date", story.date),
        tags=meta.get("tags", story.tags),
        source_url=meta.get("source_url", story.source_url),
        digest=digest(data),
        slug_chosen="slug" in meta,
        credits=story.credits,
    )


@dataclass
class SeedFile:
    """What one seed file gives: its articles (a NewsML-G2 message holds several) and an
    error for each of its items that could not be read (the others are still published)."""

    articles: list[Article]
    errors: list[InputError] = field(default_factory=list)
