"""Title back-references: "the prime minister", "the judge" name a person met earlier.

Each "the <title>" outside quotations joins the most recent person whose role ends with that
title word, and becomes one of their mentions and aliases.
"""

from __future__ import annotations

from generator.extract.lexicon import ROLE_BACKREF_EXCLUDE, TITLE_HEADS
from generator.extract.state import State
from generator.model import Mention


def phrase(head) -> list:
    """ "the assistant secretary-general": the title words before the head, without "the"."""
    tokens = [t for t in head.subtree if t.i <= head.i and t.dep_ != "det"]
    return tokens if tokens and tokens[0].i >= head.i - 4 else [head]


def apply(state: State) -> None:
    doc = state.doc
    first_seen: dict[str, int] = {}
    for mention in state.mentions:
        first_seen.setdefault(mention.actor, mention.start)
    for token in doc:
        if (
            token.pos_ not in ("NOUN", "PROPN")
            or not token.is_lower
            or token.lower_ not in TITLE_HEADS
        ):
            continue
        if token.lower_ in ROLE_BACKREF_EXCLUDE or token.i in state.token_actor:
            continue
        det = [c for c in token.subtree if c.dep_ == "det" and c.i < token.i]
        if (
            not det
            or det[0].lower_ != "the"
            or any(c.dep_ in ("poss", "appos") for c in token.children)
        ):
            continue
        if token.dep_ == "appos" or (token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN"):
            continue
        if state.in_quote(token.idx):
            continue
        words = phrase(token)
        text = " ".join(t.lower_ for t in words).replace(" - ", "-")
        best = None
        best_at = -1
        for mention in state.mentions:
            actor = state.actors.get(mention.actor)
            if (
                actor is None
                or actor.kind != "person"
                or not actor.role
                or mention.start > token.idx
            ):
                continue
            role = actor.role.lower()
            if (role.endswith(token.lower_) or text in role) and mention.start > best_at:
                best, best_at = actor, mention.start
        if best is None:
            continue
        start = det[0].idx
        state.mentions.append(Mention(actor=best.id, start=start, end=token.idx + len(token)))
        best.mentions += 1
        form = f"the {text}"
        if form not in best.aliases:
            best.aliases.append(form)
        for t in [det[0], *words]:
            state.token_actor[t.i] = best.id
    state.mentions.sort(key=lambda m: m.start)
