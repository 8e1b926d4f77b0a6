"""Find direct quotations: straight or curly marks, single curly marks, partial quotes, quotes
over paragraphs.

Attribution is a later rule; this one only says where the quoted words are. AP style runs a
quotation over paragraphs by leaving the first paragraph without a closing mark and opening
the next one again, so an unclosed quote ends with its paragraph.

British style and many novels quote with single curly marks (‘…’). The same right mark is
also the apostrophe ("don’t", "the girls’ room"), so ’ closes a quotation only where it cannot
be one: not before a letter, and not "s’" before a lowercase word. Marks of the other kind
inside a quotation are a quotation within it and do not end it.
"""

from __future__ import annotations

import re

from generator.extract.state import QuoteSpan, State
from generator.model import Quote

DOUBLE_OPEN = {'"', "“"}
DOUBLE_CLOSE = {'"', "”"}
MARKS = re.compile(r"[\"“”‘’]")
# What may stand right before an opening single mark: a quotation starts a word.
BEFORE_SINGLE = ' \t\n([{—–-“"'


def opens_single(paragraph: str, at: int) -> bool:
    before = paragraph[at - 1] if at else " "
    after = paragraph[at + 1 : at + 2]
    return before in BEFORE_SINGLE and bool(after) and not after.isspace()


def closes_single(paragraph: str, at: int) -> bool:
    """Whether ’ at `at` ends a quotation rather than being an apostrophe."""
    after = paragraph[at + 1 : at + 2]
    if at == 0 or paragraph[at - 1].isspace() or after.isalnum():
        return False  # "’tis", "don’t"
    rest = paragraph[at + 1 : at + 3]
    plural_possessive = paragraph[at - 1] == "s" and len(rest) == 2 and rest[1].islower()
    return not (plural_possessive and rest[0] == " ")  # "the girls’ room"


def find_spans(paragraph: str, offset: int) -> list[QuoteSpan]:
    spans = []
    start = None
    kind = ""  # the kind of mark that opened the quotation being read: '"' or "'"
    for match in MARKS.finditer(paragraph):
        mark, at = match.group(), match.start()
        if start is None:
            if mark in DOUBLE_OPEN:
                start, kind = match.end(), '"'
            elif mark == "‘" and opens_single(paragraph, at):
                start, kind = match.end(), "'"
        elif (kind == '"' and mark in DOUBLE_CLOSE) or (
            kind == "'" and mark == "’" and closes_single(paragraph, at)
        ):
            spans.append(QuoteSpan(offset + start, offset + at))
            start = None
    if start is not None and (kind == '"' or paragraph.startswith("‘")):
        # A single mark left open is a quotation only when it opens the paragraph, as a
        # speech running on does; elsewhere it was most likely a stray mark.
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
