"""Mark the few actors the story is about, so the page can lead with them.

An actor's weight: mentions, twice its quotations, and a bonus for being named in the first
two paragraphs, where wire stories put who the news is about.
"""

from __future__ import annotations

from collections import Counter

from generator.extract.state import State

MAX_KEY = 4


def weights(state: State) -> dict[str, float]:
    quoted = Counter(q.speaker for q in state.quotes if q.speaker)
    lede_end = state.article.text.find("\n\n", len(state.article.paragraphs[0]) + 2)
    early = {m.actor for m in state.mentions if lede_end < 0 or m.start < lede_end}
    return {
        a.id: a.mentions + 2 * quoted[a.id] + 3 * (a.id in early)
        for a in state.actors.values()
        if a.kind in ("person", "organization", "group")
    }


def apply(state: State) -> None:
    scores = weights(state)
    for actor_id in sorted(scores, key=scores.get, reverse=True)[:MAX_KEY]:
        if scores[actor_id] >= 4:
            state.actors[actor_id].key = True
