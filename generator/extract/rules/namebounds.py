"""Where each name starts and ends, where NER set the bounds wrong, and a person NER saw
that the syntax took for a place.

Real pages glue a caption or credit to a name ("Ahmed Mohamed Image", "Photo: Jane Roe"),
write two pollsters as one ("Newsmax / Zogby"),
NER runs an organisation into the name of its spokesperson ("the Council on American-Islamic
Relations Alia Salem") and leaves a first name out of a hyphenated surname ("Carmen
[Ruiz-Talley]"). A first name is known from the first-name data the coreference rule uses
(generator/extract/firstnames.py), and only where the syntax already points at a name.
"""

from __future__ import annotations

from generator.extract.firstnames import FirstNames
from generator.extract.lexicon import CAPTION_WORDS, INSTITUTION_HEADS, PLACE_NAMES
from generator.extract.rules.entities import clean_name, is_title
from generator.extract.state import Candidate, State

CREDIT_MARKS = {":", "/", "by", "©"}


def in_credit(span) -> bool:
    """ "Photo: Jane Roe", "Image by Jane Roe", "(AP Photo/Jane Roe)": who took a picture."""
    doc = span.doc
    if span.start == 0:
        return False
    mark = doc[span.start - 1]
    words = {t.lower_ for t in doc[max(0, span.start - 3) : span.start]}
    return (mark.lower_ in CREDIT_MARKS or mark.lower_ in CAPTION_WORDS) and bool(
        words & CAPTION_WORDS
    )


def without_caption(span):
    """ "Ahmed Mohamed Image" → "Ahmed Mohamed": a caption's word glued to the name."""
    end = span.end
    while end - span.start > 1 and span.doc[end - 1].lower_ in CAPTION_WORDS:
        end -= 1
    return span.doc[span.start : end]


def is_first_name(token, first_names: FirstNames) -> bool:
    """A capitalised word that is clearly a given name, and no place or title."""
    if not (token.is_alpha and token.is_title and token.pos_ == "PROPN"):
        return False
    if token.ent_type_ in ("GPE", "LOC") or token.text in PLACE_NAMES or is_title(token):
        return False
    return first_names.gender(token.text) is not None


def glued_person(span, first_names: FirstNames) -> int | None:
    """Where a person's name starts at the end of an organisation's: "the Council on
    American-Islamic Relations Alia Salem" → at "Alia". The name is a first name and one
    more word closing the span; what comes before is a body's name of two words or more."""
    if len(span) < 4 or span[-1].lower_ in INSTITUTION_HEADS:
        return None
    k = len(span) - 2
    first, before = span[k], span[k - 1]
    # The body's name ends as bodies' names do: "… Relations", "… Council", "… Party".
    body_end = before.lower_ in INSTITUTION_HEADS or before.tag_ == "NNPS"
    if not body_end or is_first_name(before, first_names):
        return None
    if not (is_first_name(first, first_names) and span[-1].is_title):
        return None
    return span.start + k


def first_name_before(span, first_names: FirstNames):
    """ "Carmen Ruiz-Talley", of which NER took only the surname: the span with the first
    name, or None."""
    doc = span.doc
    if span.start == 0 or len(span) > 3:
        return None
    before = doc[span.start - 1]
    if before.ent_type_ or not is_first_name(before, first_names):
        return None
    if before.is_sent_start and before.i + 1 < len(doc) and doc[before.i + 1].is_punct:
        return None
    return doc[span.start - 1 : span.end]


def between_slashes(span) -> list:
    """ "the Newsmax / Zogby poll": two bodies behind one slash, each a name of its own."""
    parts, start = [], span.start
    for token in [*span, None]:
        if token is None or token.text == "/":
            end = token.i if token is not None else span.end
            part = span.doc[start:end]
            if any(t.pos_ == "PROPN" for t in part):
                parts.append(part)
            start = end + 1
    return parts


def rebound(candidate: Candidate, first_names: FirstNames) -> list[Candidate]:
    """The candidates one candidate really is: none, itself, it with new bounds, or two."""
    span = candidate.span
    if in_credit(span):
        return []
    span = without_caption(span)
    if candidate.kind == "organization" and any(t.text == "/" for t in span):
        return [
            Candidate(part, clean_name(part.text), "organization", in_quote=candidate.in_quote)
            for part in between_slashes(span)
        ]
    split = glued_person(span, first_names) if candidate.kind == "organization" else None
    if split is not None:
        doc = span.doc
        body, person = doc[span.start : split], doc[split : span.end]
        return [
            Candidate(body, clean_name(body.text), "organization", in_quote=candidate.in_quote),
            Candidate(person, person.text, "person", in_quote=candidate.in_quote),
        ]
    kind = candidate.kind
    if kind in ("person", "organization"):
        fuller = first_name_before(span, first_names)
        if fuller is not None:
            span, kind = fuller, "person"
    named = len(span) > 1 and span[0].ent_type_ == "PERSON"
    if kind == "place" and named and is_first_name(span[0], first_names):
        kind = "person"  # "drove in Daniel Nava": a person NER saw, not a place after "in"
    if span == candidate.span and kind == candidate.kind:
        return [candidate]
    return [Candidate(span, clean_name(span.text), kind, in_quote=candidate.in_quote)]


def apply(state: State) -> None:
    if not state.candidates:
        return
    with FirstNames() as first_names:
        found = [c for old in state.candidates for c in rebound(old, first_names)]
    state.candidates = sorted(found, key=lambda c: c.span.start)
