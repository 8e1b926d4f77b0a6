"""The article's paragraphs as HTML, with the first mention of each actor and the first use
of each glossary term marked up. All article text is escaped here."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from generator.model import Explainer


@dataclass(frozen=True)
class Annotation:
    start: int
    end: int
    html_open: Markup
    html_close: Markup


def _inline(definition_html: str) -> Markup:
    """A definition fit for inside a paragraph: block tags turned into spaces."""
    return Markup(
        re.sub(r"\s*</?(?:p|ul|ol|li|blockquote|div)[^>]*>\s*", " ", definition_html).strip()
    )


def annotations(explainer: Explainer, url) -> list[Annotation]:
    found: list[Annotation] = []
    seen: set[str] = set()
    for mention in sorted(explainer.mentions, key=lambda m: m.start):
        if mention.actor in seen:
            continue
        seen.add(mention.actor)
        found.append(
            Annotation(
                mention.start,
                mention.end,
                Markup('<a class="actor-link" href="#actor-{}">').format(mention.actor),
                Markup("</a>"),
            )
        )
    for term in explainer.glossary:
        if term.start < 0:
            continue
        pop = f"def-{term.id or re.sub(r'[^a-z0-9]+', '-', term.term.lower())}"
        definition = (
            _inline(term.definition) if term.source == "knowledge" else escape(term.definition)
        )
        found.append(
            Annotation(
                term.start,
                term.end,
                Markup(
                    '<span class="term"><button type="button" class="term-button" '
                    'popovertarget="{pop}" aria-describedby="{pop}">'
                ).format(pop=pop),
                Markup(
                    '</button><span class="term-popover" id="{pop}" popover role="tooltip">'
                    "<dfn>{term}</dfn>: {definition} "
                    '<a href="{href}">Glossary</a></span></span>'
                ).format(
                    pop=pop,
                    term=term.term,
                    definition=definition,
                    href=url("/glossary/") + "#" + (term.id or pop),
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
