"""People NER missed, found by their title or by what they do.

A title word followed by two or more capitalised proper nouns is a person, whatever label
the model gave those words (it often calls "Chair Miriam Castellanos" a work of art). So is
an unlabelled two- or three-word proper name that says something ("Nina Castillo … said") or
is described by an appositive noun ("Nina Castillo, a cotton grower").
"""

from __future__ import annotations

from generator.extract.lexicon import (
    FACILITY_HEADS,
    INSTITUTION_HEADS,
    PERSON_NOUNS,
    PLACE_NAMES,
    POST_NOMINALS,
    RANKS,
    SPEECH_VERBS,
    TITLE_ABBREVIATIONS,
    TITLE_HEADS,
)
from generator.extract.rules.entities import conjuncts, is_a_person, life_dates_follow
from generator.extract.state import Candidate, State

# NER's labels for the names of places, bodies and things a title word can be part of (not
# WORK_OF_ART, which it often gives a titled person: "Chair Miriam Castellanos").
NAMES_OF_THINGS = {"ORG", "GPE", "LOC", "FAC", "EVENT", "PRODUCT", "NORP"}


def name_after(doc, i: int, shortest: int = 2) -> tuple[int, int] | None:
    """Token range of a proper name starting at i: capitalised PROPN words, with hyphens,
    without the letters after it ("FRS")."""
    if i < len(doc) and doc[i].text in POST_NOMINALS:
        return None  # "DBE RA" after a name: letters, not another name
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
    while end - i > 1 and doc[end - 1].text in POST_NOMINALS:
        end -= 1
    if doc[end - 1].lower_ in FACILITY_HEADS or doc[end - 1].lower_ in INSTITUTION_HEADS:
        return None  # "the Emperor Norton Bridge": a place or a body named after someone
    return (i, end) if end - i >= shortest else None


def person_after(doc, token) -> tuple[int, int] | None:
    """The name a title or a word for a person introduces: "Chair Miriam Castellanos", "his
    friend Auguste Chevalier", "his publisher, Simrock", "the grammarian Aelius Donatus"."""
    titled = token.lower_ in TITLE_ABBREVIATIONS or token.lower_ in TITLE_HEADS
    if titled and token.ent_type_ in NAMES_OF_THINGS:
        return None  # "General Dynamics", "Saint Petersburg": part of another name
    if token.lower_ in RANKS and token.text[:1].isupper():
        return name_after(doc, token.i + 1, shortest=1)  # "Pope Damasus I", "Saint Jerome"
    if titled:
        return name_after(doc, token.i + 1)
    if token.pos_ not in ("NOUN", "ADJ") or not token.is_lower or token.lemma_ not in PERSON_NOUNS:
        return None
    before = doc[token.i - 1] if token.i else None
    if before is None or not (before.pos_ == "DET" or before.tag_ in ("PRP$", "POS")):
        return None  # "the grammarian", "his friend", "Brahms's publisher"; not "friends Anna"
    i = token.i + 1
    if i < len(doc) and doc[i].text == ",":
        i += 1
    found = name_after(doc, i, shortest=1)
    if found is None or doc[found[0] : found[1]].text in PLACE_NAMES:
        return None
    return found


def apply(state: State) -> None:
    doc = state.doc
    covered = {}
    for candidate in state.candidates:
        for i in range(candidate.span.start, candidate.span.end):
            covered[i] = candidate
    for token in doc:
        found = person_after(doc, token)
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
    people = {
        i for c in state.candidates if c.kind == "person" for i in range(c.span.start, c.span.end)
    }
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
        listed = any(t.i in people for t in conjuncts(root))  # "Jerry Sands, Stolmy Pimentel"
        person = speaks or described or listed or is_a_person(root)
        if person and not known and not (start and doc[start - 1].lower_ == "the"):
            in_quote = state.in_quote(span.start_char)
            state.candidates.append(Candidate(span, span.text, "person", in_quote=in_quote))
        i = end
