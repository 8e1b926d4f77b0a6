"""Explainers written by hand, for the render stage's tests: no seed, no parse, no build."""

from __future__ import annotations

import datetime as dt

from generator.model import (
    Actor,
    ContextBox,
    Dateline,
    Explainer,
    Extraction,
    Mention,
    Quote,
    Term,
    TokenTable,
)


def make_explainer(
    *paragraphs: str,
    slug: str = "story",
    title: str = "A headline",
    actors: list[Actor] | None = None,
    mentions: list[Mention] | None = None,
    quotes: list[Quote] | None = None,
    context: list[ContextBox] | None = None,
    glossary: list[Term] | None = None,
    summary: list[str] | None = None,
    date: dt.date | None = None,
    dateline: Dateline | None = None,
    source_url: str | None = None,
    tags: list[str] | None = None,
) -> Explainer:
    """An explainer of these paragraphs, holding exactly what it is given."""
    extraction = Extraction(
        slug=slug,
        title=title,
        dateline=dateline,
        date=date,
        summary=list(summary or []),
        actors=list(actors or []),
        quotes=list(quotes or []),
        context=list(context or []),
        terms=list(glossary or []),
        mentions=list(mentions or []),
        tokens=TokenTable(),
        paragraphs=list(paragraphs),
        tags=list(tags or []),
        source_url=source_url,
    )
    return Explainer(
        extraction=extraction,
        actors=list(actors or []),
        quotes=list(quotes or []),
        summary=list(summary or []),
        context=list(context or []),
        glossary=list(glossary or []),
        mentions=list(mentions or []),
    )


def span(paragraphs: tuple[str, ...] | list[str], phrase: str, nth: int = 0) -> tuple[int, int]:
    """Offsets of the nth occurrence of `phrase` in the article text (paragraphs joined by a
    blank line, as Article.text is), for mentions and terms."""
    text = "\n\n".join(paragraphs)
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)
