"""The summary: the lede, as wire stories put the news in their first sentences."""

from __future__ import annotations

from generator.extract.state import State

MAX_SENTENCES = 2


def apply(state: State) -> None:
    first_paragraph_end = state.article.text.find("\n\n")
    if first_paragraph_end < 0:
        first_paragraph_end = len(state.article.text)
    for sent in state.doc.sents:
        text = sent.text.strip()
        if not text or text[0] in '"“':
            continue
        state.summary.append(text)
        if len(state.summary) >= MAX_SENTENCES or sent.end_char >= first_paragraph_end:
            break
