"""The summary: the lede, then the sentences that carry the most salient actors and facts.

Extractive: 2–4 of the article's own sentences, in their order, never one holding a quote.
"""

from __future__ import annotations

from generator.extract.rules.salience import weights
from generator.extract.state import State

MIN_SENTENCES = 2
MAX_SENTENCES = 4
MIN_WORDS = 8
QUOTE_MARKS = '"“”'


def candidates(state: State) -> list:
    return [
        s
        for s in state.doc.sents
        if len(s) >= MIN_WORDS
        and not any(m in s.text for m in QUOTE_MARKS)
        and not state.in_quote(s.start_char + 1)
        and s[0].pos_ != "PRON"  # "He added …" means nothing out of its paragraph
    ]


def score(state: State, sent, index: int, scores: dict[str, float]) -> float:
    actors = {state.token_actor[t.i] for t in sent if t.i in state.token_actor}
    facts = sum(1 for e in sent.ents if e.label_ in ("DATE", "MONEY", "PERCENT", "CARDINAL"))
    return sum(scores.get(a, 0) for a in actors) + 2 * facts - 3 * index


def apply(state: State) -> None:
    sents = candidates(state)
    if not sents:
        return
    scores = weights(state)
    lede, rest = sents[0], sents[1:]
    ranked = sorted(
        range(len(rest)), key=lambda i: score(state, rest[i], i + 1, scores), reverse=True
    )
    chosen = sorted(ranked[: MAX_SENTENCES - 1])
    picked = [lede] + [rest[i] for i in chosen]
    total = 0
    for count, sent in enumerate(picked, start=1):
        total += len(sent)
        if count >= MIN_SENTENCES and total > 110:
            picked = picked[:count]
            break
    state.summary = [s.text.strip() for s in picked]
