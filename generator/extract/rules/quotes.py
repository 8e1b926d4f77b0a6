"""Find direct quotations: straight or curly marks, partial quotes, quotes over paragraphs.

Attribution is a later rule; this one only says where the quoted words are. AP style runs a
quotation over paragraphs by leaving the first paragraph without a closing mark and opening
the next one again, so an unclosed quote ends with its paragraph.
"""

from __future__ import annotations

import re

from generator.extract.state import QuoteSpan, State
from generator.model import Quote

OPEN = {'"', "“"}
CLOSE = {'"', "”"}
MARKS = re.compile(r"[\"“”]")


def find_spans(paragraph: str, offset: int) -> list[QuoteSpan]:
    spans = []
    start = None
    for match in MARKS.finditer(paragraph):
        mark = match.group()
        if start is None:
            if mark in OPEN:
                start = match.end()
        elif mark in CLOSE:
            spans.append(QuoteSpan(offset + start, offset + match.start()))
            start = None
    if start is not None:
        spans.append(QuoteSpan(offset + start, offset + len(paragraph), closed=False))
    return spans


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop the spaces and the comma or stop that AP puts before a closing mark."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def apply(state: State) -> None:
    text = state.article.text
    offset = 0
    previous_open = False
    for paragraph in state.article.paragraphs:
        spans = find_spans(paragraph, offset)
        for i, span in enumerate(spans):
            span.start, span.end = trim(text, span.start, span.end)
            span.continues = i == 0 and previous_open and span.start - offset <= 1
        previous_open = bool(spans) and not spans[-1].closed
        offset += len(paragraph) + 2
        for span in spans:
            words = text[span.start : span.end]
            if not re.search(r"[A-Za-z]", words):
                continue
            state.quote_spans.append(span)
            state.quotes.append(
                Quote(
                    text=words,
                    speaker=None,
                    speaker_label="",
                    paragraph=state.paragraph_of(span.start),
                    start=span.start,
                    end=span.end,
                )
            )
