"""Drop names that are no actors: bodies named inside quotations that do nothing there,
names used only as a modifier, and the markets shares trade on.

"the Navy's radar" in a speaker's words and "the 10-year Treasury note" (a name used as an
adjective) name nobody who acts; a person a speaker names ("Kim Jong-un issued an order") is
one. "House leaders" still acts, through them. "Shares fell 6% on the Nasdaq" names where,
not who.
"""

from __future__ import annotations

from generator.extract.lexicon import AGENT_NOUNS, INSTITUTION_HEADS, MARKETS, TITLE_HEADS
from generator.extract.state import State

# Nouns for what a body does or says: "the U.N. vote", "WHO figures" still show it acting.
ACT_NOUNS = {
    "vote", "resolution", "decision", "ruling", "report", "statement", "plan", "proposal",
    "investigation", "figures", "data", "estimate", "headquarters", "order", "request",
    "lawsuit", "policy", "program", "campaign", "operation", "talks", "summit", "meeting",
    "poll", "survey", "study", "analysis", "forecast",
}  # fmt: skip


def party_label(span) -> bool:
    """Whether a place is "Fla." in "Sen. Rick Scott, R-Fla.", a lawmaker's label."""
    doc = span.doc
    return (
        span.start >= 2
        and doc[span.start - 1].text == "-"
        and doc[span.start - 2].text in ("R", "D", "I")
    )


def named_by_a_speaker(candidate) -> bool:
    """Whether a name inside a quotation still names an actor: a person ("Kim Jong-un issued
    an order"), or a body doing something ("the Navy sent ships"); not a title that is the
    whole quotation."""
    span = candidate.span
    doc = span.doc
    root = span.root
    inside = span.start > 0 and span.end < len(doc)
    if inside and doc[span.start - 1].is_quote and doc[span.end].is_quote:
        return False  # "Wrecking Ball" in quotation marks alone: a title
    if candidate.kind == "person":
        return True
    return candidate.kind == "organization" and root.dep_ == "nsubj" and root.head.pos_ == "VERB"


def acts(candidate) -> bool:
    if party_label(candidate.span):
        return False
    if candidate.in_quote:
        return named_by_a_speaker(candidate)
    root = candidate.span.root
    # A body's initials before a noun still name it at work: "BBC reports", "NCAA rules".
    initials = candidate.name.isupper()
    if candidate.kind in ("organization", "group") and root.dep_ == "compound" and not initials:
        head = root.head
        return (
            head.lower_ in AGENT_NOUNS
            or head.lower_ in INSTITUTION_HEADS  # "the United Steelworkers union" is the union
            or head.lower_ in TITLE_HEADS
            or head.lemma_ in ACT_NOUNS
            or head.pos_ == "PROPN"
        )
    return True


def apply(state: State) -> None:
    acting = {c.actor for c in state.candidates if c.actor and acts(c)}
    for actor_id in list(state.actors):
        actor = state.actors[actor_id]
        place = actor.kind == "place"
        labels_only = all(party_label(c.span) for c in state.candidates if c.actor == actor_id)
        names = [actor.name, *actor.aliases]
        market = any(n.lower().removeprefix("the ") in MARKETS for n in names)
        if market or (actor_id not in acting and (not place or labels_only)):
            del state.actors[actor_id]
    state.mentions = [m for m in state.mentions if m.actor in state.actors]
    state.token_actor = {i: a for i, a in state.token_actor.items() if a in state.actors}
    for candidate in state.candidates:
        if candidate.actor not in state.actors:
            candidate.actor = None
