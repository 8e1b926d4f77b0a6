"""Named entities from spaCy's NER that can be actors: people, organisations, places, groups."""

from __future__ import annotations

import re

from generator.extract.state import Candidate, State

KIND_OF_LABEL = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "NORP": "group",
    "FAC": "place",
}
NEWS_AGENCIES = {
    "ap",
    "associated press",
    "the associated press",
    "reuters",
    "afp",
    "agence france-presse",
    "upi",
    "bloomberg news",
}
# Words that name a department inside a title: "Defense Secretary", "Secretary of State".
TITLE_WORDS = {
    "secretary",
    "minister",
    "ministry",
    "department",
    "committee",
    "chairman",
    "chair",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "adviser",
    "advisor",
    "director",
    "chief",
    "official",
    "officials",
}


def clean_name(text: str) -> str:
    """The entity's name without a leading article, possessive or stray punctuation."""
    text = re.sub(r"\s+", " ", text).strip(" ,;:\"'“”")
    text = re.sub(r"^(?:the|The)\s+", "", text)
    text = re.sub(r"(?:'s|’s|'|’)$", "", text)
    return text.strip()


def is_title_fragment(span) -> bool:
    """ "Defense" in "Defense Secretary Lloyd Austin" or "State" in "Secretary of State"."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    before = doc[span.start - 2 : span.start] if span.start >= 2 else None
    if after is not None and after.lower_ in TITLE_WORDS:
        return len(span) == 1 or span[0].lower_ in ("defense", "state", "justice", "treasury")
    return bool(before is not None and before[0].lower_ in TITLE_WORDS and before[1].lower_ == "of")


def apply(state: State) -> None:
    for span in state.doc.ents:
        kind = KIND_OF_LABEL.get(span.label_)
        if kind is None:
            continue
        name = clean_name(span.text)
        if not name or name.lower() in NEWS_AGENCIES or not any(c.isalpha() for c in name):
            continue
        if kind == "group" and span.root.pos_ == "ADJ":
            continue  # "Israeli officials": an adjective of nationality, not a group
        if kind in ("organization", "place") and is_title_fragment(span):
            continue
        state.candidates.append(Candidate(span=span, name=name, kind=kind))
