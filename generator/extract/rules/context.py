"""Context boxes from the article's own sentences: background, why it matters, what's next.

Each sentence (outside quotations, after the lede) is sorted by the cues it carries: past
events and dates before the story for background; stakes and consequences for why it matters;
plans, schedules and pending decisions for what's next. Each box quotes up to two sentences.
"""

from __future__ import annotations

import re

from generator.extract.state import State
from generator.model import ContextBox

PER_BOX = 2
TITLES = {
    "background": "Background",
    "why-it-matters": "Why it matters",
    "whats-next": "What's next",
}
CUES = {
    "background": re.compile(
        r"\b(since|ago|last (year|month|week)|previously|earlier this|began"
        r"|in (19|20)\d\d|between \w+ (19|20)\d\d|first .* since|so far|has long|have long"
        r"|for (years|months|decades))\b",
        re.I,
    ),
    "why-it-matters": re.compile(
        # "would be" alone is too common ("X would be among the delegation") to mean stakes.
        r"\b(could (affect|delay|disrupt|force|cost|change)|would (require|force|add|mean)"
        r"|strongest|most significant|biggest|largest|affect(s)?|millions of|billions of"
        r"|risk|stakes|consequences?|threat(en)?s?|means that)\b",
        re.I,
    ),
    "whats-next": re.compile(
        r"\b(is|are) (expected|scheduled|due|planned|set) to\b|\bno date\b|\bnext (week|month|year)"
        r"|\bwill (meet|vote|release|publish|travel|return|hold|review|decide)\b|\bhas not set"
        r"|\bplans? to\b|\bdeadline\b|\bis planned\b|\bis scheduled\b|\bis expected\b",
        re.I,
    ),
}


PRIORITY = ("whats-next", "why-it-matters", "background")


def apply(state: State) -> None:
    sents = [
        s
        for s in state.doc.sents
        if len(s) >= 6 and not re.search(r"[\"“”]", s.text) and not state.in_quote(s.start_char + 1)
    ]
    lede = state.summary[:1]
    boxes: dict[str, list[str]] = {kind: [] for kind in CUES}
    for sent in sents[1:]:
        text = sent.text.strip()
        if text in lede:
            continue
        # A sentence about plans is what's next even if it names a past date; stakes before past.
        kind = next((k for k in PRIORITY if CUES[k].search(text)), None)
        if kind and len(boxes[kind]) < PER_BOX:
            boxes[kind].append(text)
    for kind, picked in boxes.items():
        if picked:
            state.context.append(
                ContextBox(
                    id=kind, title=TITLES[kind], kind=kind, body=" ".join(picked), source="article"
                )
            )
