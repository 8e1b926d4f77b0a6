"""How an explainer page arranges its parts: which actors get cards, where the boxes go.

Decided in Python once per page and handed to the theme as `layout`, so templates stay
declarative (and a thousand pages render quickly: Jinja filter chains cost far more).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from generator.model import Actor, ContextBox, Explainer, Quote
from generator.render.statements import Statement, by_speaker, unnamed_sources

MIN_KEY_ACTORS = 3  # when no actor is marked key, the most mentioned few are shown as cards
KIND_ORDER = ("person", "organization", "group", "place")


@dataclass
class StoryParagraph:
    number: int  # 1-based, the dateline paragraph is 1
    html: Markup  # annotated (see annotate.py)
    boxes: list[ContextBox] = field(default_factory=list)  # background placed after it


@dataclass
class ExplainerLayout:
    key_actors: list[Actor]  # shown as cards, most mentioned first
    minor_groups: list[tuple[str, list[Actor]]]  # the others, by kind
    quotes_by_actor: dict[str, list[Quote]]
    said_by_actor: dict[str, list[Statement]]  # quotes and claims, in article order
    unnamed: list[Statement]  # what sources the article does not name said
    lead: list[ContextBox]  # "why it matters", before the story
    story: list[StoryParagraph]
    after: list[ContextBox]  # "what's next", after the story
    boxed: bool  # whether some background boxes sit between the paragraphs
    actor_ids: set[str]


def explainer_layout(explainer: Explainer, paragraphs: list[Markup]) -> ExplainerLayout:
    by_mentions = sorted(explainer.actors, key=lambda a: a.mentions, reverse=True)
    key_actors = [a for a in by_mentions if a.key]
    if not key_actors:  # thin data: show the most mentioned people and organizations
        key_actors = [a for a in by_mentions if a.kind != "place"][:MIN_KEY_ACTORS]
    shown = {id(a) for a in key_actors}
    minor = [a for a in explainer.actors if id(a) not in shown]
    kinds = list(KIND_ORDER) + sorted({a.kind for a in minor} - set(KIND_ORDER))
    groups = [(kind, [a for a in minor if a.kind == kind]) for kind in kinds]
    quotes: dict[str, list[Quote]] = {}
    for quote in explainer.quotes:
        if quote.speaker:
            quotes.setdefault(quote.speaker, []).append(quote)
    lead = [c for c in explainer.context if c.kind == "why-it-matters"]
    after = [c for c in explainer.context if c.kind == "whats-next"]
    rail = [c for c in explainer.context if c.kind not in ("why-it-matters", "whats-next")]
    story = [StoryParagraph(n, html) for n, html in enumerate(paragraphs, start=1)]
    # Spread the background boxes evenly between the paragraphs.
    for i, box in enumerate(rail, start=1):
        if story:
            slot = max(1, i * len(story) // (len(rail) + 1))
            story[slot - 1].boxes.append(box)
    return ExplainerLayout(
        key_actors=key_actors,
        minor_groups=[(kind, actors) for kind, actors in groups if actors],
        quotes_by_actor=quotes,
        said_by_actor=by_speaker(explainer),
        unnamed=unnamed_sources(explainer),
        lead=lead,
        story=story,
        after=after,
        boxed=bool(rail) and bool(story),
        actor_ids={a.id for a in explainer.actors},
    )
