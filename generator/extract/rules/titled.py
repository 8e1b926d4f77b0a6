"""People NER missed, found by their title or by what they do.

A title word followed by two or more capitalised proper nouns is a person, whatever label
the model gave those words (it often calls "Chair Miriam Castellanos" a work of art). So is
an unlabelled two- or three-word proper name that says something ("Nina Castillo … said") or
is described by an appositive noun ("Nina Castillo, a cotton grower").
"""

from __future__ import annotations

from generator.extract.lexicon import (
    PLACE_NAMES,
    POST_NOMINALS,
    SPEECH_VERBS,
    TITLE_ABBREVIATIONS,
    TITLE_HEADS,
)
from generator.extract.rules.entities import life_dates_follow
from generator.extract.state import Candidate, State


def name_after(doc, i: int) -> tuple[int, int] | None:
    """Token range of a proper name starting at i: capitalised PROPN words, with hyphens,
    without the letters after it ("FRS")."""
    end = i
    while end < len(doc):
        token = doc[end]
        if token.pos_ == "PROPN" and token.text[:1].isupper() and token.is_alpha:
            if token.lower_ in TITLE_HEADS:
                return None
            end += 1
        elif token.text == "-" and end > i and end + 1 < len(doc) and doc[end + 1].is_title:
            end += 1
        else:
            break
    while end - i > 2 and doc[end - 1].text in POST_NOMINALS:
        end -= 1
    return (i, end) if end - i >= 2 else None


def apply(state: State) -> None:
    doc = state.doc
    covered = {}
    for candidate in state.candidates:
        for i in range(candidate.span.start, candidate.span.end):
            covered[i] = candidate
    for token in doc:
        if token.lower_ not in TITLE_ABBREVIATIONS and token.lower_ not in TITLE_HEADS:
            continue
        found = name_after(doc, token.i + 1)
        if found is None:
            continue
        start, end = found
        if any(covered.get(i) and covered[i].kind == "person" for i in range(start, end)):
            continue
        # Replace any wrong-kind candidate overlapping the name.
        state.candidates = [
            c for c in state.candidates if c.span.end <= start or c.span.start >= end
        ]
        span = doc[start:end]
        state.candidates.append(
            Candidate(
                span=span, name=span.text, kind="person", in_quote=state.in_quote(span.start_char)
            )
        )
    by_deeds(state)
    state.candidates.sort(key=lambda c: c.span.start)


def by_deeds(state: State) -> None:
    doc = state.doc
    covered = {i for c in state.candidates for i in range(c.span.start, c.span.end)}
    i = 0
    while i < len(doc):
        found = name_after(doc, i) if doc[i].i not in covered and not doc[i].ent_type_ else None
        if found is None or found[1] - found[0] > 3:
            i += 1
            continue
        start, end = found
        span = doc[start:end]
        root = span.root
        speaks = root.dep_ == "nsubj" and root.head.lemma_ in SPEECH_VERBS
        described = any(c.dep_ == "appos" and c.pos_ == "NOUN" for c in root.children)
        described = described or life_dates_follow(span)  # "Edmund Carrow (1901 – 1980)"
        known = span.text in PLACE_NAMES or any(t.i in covered or t.ent_type_ for t in span)
        if (speaks or described) and not known and not (start and doc[start - 1].lower_ == "the"):
            in_quote = state.in_quote(span.start_char)
            state.candidates.append(Candidate(span, span.text, "person", in_quote=in_quote))
        i = end
