"""The article's paragraphs as HTML, with the first mention of each actor and the first use
of each glossary term marked up. All article text is escaped here."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup, escape

from generator.model import Explainer, Term
from generator.slugs import slugify


@dataclass(frozen=True)
class Annotation:
    start: int
    end: int
    html_open: Markup
    html_close: Markup


_BLOCK_TAG = re.compile(
    r"\s*</?(?:p|ul|ol|li|dl|dt|dd|blockquote|div|h[1-6]|pre|hr|table|thead|tbody|tr|td|th)"
    r"\b[^>]*>\s*"
)


@lru_cache(maxsize=4096)  # the same definitions recur on page after page
def _inline(definition_html: str) -> Markup:
    """A definition fit for inside a paragraph: block tags turned into spaces."""
    return Markup(_BLOCK_TAG.sub(" ", definition_html).strip())


def term_slug(term: Term) -> str:
    """The anchor of a glossary term: its knowledge-base id, else a slug of the term."""
    return term.id or slugify(term.term) or "term"


def annotations(explainer: Explainer, url) -> list[Annotation]:
    found: list[Annotation] = []
    seen: set[str] = set()
    close_link = Markup("</a>")
    glossary = escape(url("/glossary/"))
    for mention in sorted(explainer.mentions, key=lambda m: m.start):
        if mention.actor in seen:
            continue
        seen.add(mention.actor)
        # f-strings over escaped values: Markup.format is slow and this runs for every page.
        found.append(
            Annotation(
                mention.start,
                mention.end,
                Markup(f'<a class="actor-link" href="#actor-{escape(mention.actor)}">'),
                close_link,
            )
        )
    for term in explainer.glossary:
        if term.start < 0:
            continue
        slug = escape(term_slug(term))
        name = escape(term.term)
        definition = (
            _inline(term.definition) if term.source == "knowledge" else escape(term.definition)
        )
        if term.source == "dictionary":
            definition += Markup(' <small class="term-source">Dictionary definition</small>')
        # A declarative popover: the button opens and closes it by keyboard and pointer with
        # no script, Escape or a click elsewhere closes it; the article's glossary repeats it.
        found.append(
            Annotation(
                term.start,
                term.end,
                Markup(f'<button type="button" class="term" popovertarget="def-{slug}">'),
                Markup(
                    # Definitions are not indexed for search: they recur on many pages.
                    f'</button><span class="term-pop" id="def-{slug}" popover data-pagefind-ignore>'
                    f'<dfn>{name}</dfn> <span class="term-def">{definition}</span> '
                    f'<a class="term-more" href="{glossary}#{slug}">In the glossary</a>'
                    f'<button type="button" class="term-close" popovertarget="def-{slug}" '
                    f'popovertargetaction="hide" aria-label="Close the definition of {name}">'
                    '<span aria-hidden="true">×</span></button></span>'
                ),
            )
        )
    # Keep the earliest, then the longest; drop anything overlapping what is kept.
    found.sort(key=lambda a: (a.start, -(a.end - a.start)))
    kept: list[Annotation] = []
    for annotation in found:
        if not kept or annotation.start >= kept[-1].end:
            kept.append(annotation)
    return kept


def annotated_paragraphs(explainer: Explainer, url) -> list[Markup]:
    """One HTML string per paragraph, annotations inserted, everything else escaped."""
    marks = annotations(explainer, url)
    paragraphs: list[Markup] = []
    offset = 0
    k = 0
    for paragraph in explainer.extraction.paragraphs:
        end = offset + len(paragraph)
        parts: list[str] = []
        cursor = offset
        while k < len(marks) and marks[k].start < end:
            mark = marks[k]
            if mark.end > end:  # never straddle paragraphs
                k += 1
                continue
            parts.append(escape(paragraph[cursor - offset : mark.start - offset]))
            parts.append(mark.html_open)
            parts.append(escape(paragraph[mark.start - offset : mark.end - offset]))
            parts.append(mark.html_close)
            cursor = mark.end
            k += 1
        parts.append(escape(paragraph[cursor - offset :]))
        paragraphs.append(Markup("").join(parts))
        offset = end + 2  # the blank line between paragraphs
    return paragraphs
