"""Mark the few actors the story is about, so the page can lead with them."""

from __future__ import annotations

from generator.extract.state import State

MAX_KEY = 4


def apply(state: State) -> None:
    speakers = {q.speaker for q in state.quotes if q.speaker}
    scored = sorted(
        (a for a in state.actors.values() if a.kind in ("person", "organization")),
        key=lambda a: a.mentions + 2 * (a.id in speakers),
        reverse=True,
    )
    for actor in scored[:MAX_KEY]:
        if actor.mentions >= 2 or actor.id in speakers:
            actor.key = True
