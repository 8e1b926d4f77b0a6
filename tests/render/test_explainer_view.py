"""The explainer page's arrangement: which actors get cards, how the others are grouped, where
the background boxes go."""

from __future__ import annotations

from markupsafe import Markup

from generator.model import Actor, ContextBox, Quote
from generator.render.explainer_view import explainer_layout
from tests.explainers import make_explainer


def actor(name: str, kind: str = "person", mentions: int = 1, key: bool = False) -> Actor:
    return Actor(
        id=name.lower().replace(" ", "-"), name=name, kind=kind, mentions=mentions, key=key
    )


def box(title: str, kind: str = "background") -> ContextBox:
    return ContextBox(id=title.lower(), title=title, kind=kind, body=f"About {title}.")


def layout_of(paragraphs: int, **fields):
    texts = [f"Paragraph {n}." for n in range(1, paragraphs + 1)]
    return explainer_layout(make_explainer(*texts, **fields), [Markup(t) for t in texts])


def names(actors: list[Actor]) -> list[str]:
    return [a.name for a in actors]


def test_key_actors_get_cards_most_mentioned_first_and_the_rest_are_grouped_by_kind():
    actors = [
        actor("Hamas", "group", mentions=4),
        actor("Jane Holt", mentions=2, key=True),
        actor("Gaza", "place", mentions=9),
        actor("Tom Reyes", mentions=1),
        actor("United Nations", "organization", mentions=6, key=True),
        actor("Voyager", "spacecraft", mentions=1),
    ]
    layout = layout_of(2, actors=actors)
    assert names(layout.key_actors) == ["United Nations", "Jane Holt"]
    assert [(kind, names(group)) for kind, group in layout.minor_groups] == [
        ("person", ["Tom Reyes"]),
        ("group", ["Hamas"]),  # no organization is left, so no empty heading for one
        ("place", ["Gaza"]),
        ("spacecraft", ["Voyager"]),  # kinds the theme does not know come last
    ]
    assert layout.actor_ids == {a.id for a in actors}


def test_with_no_key_actor_the_three_most_mentioned_people_and_bodies_get_cards():
    actors = [
        actor("Gaza", "place", mentions=20),
        actor("Jane Holt", mentions=3),
        actor("Hamas", "group", mentions=5),
        actor("Tom Reyes", mentions=1),
        actor("United Nations", "organization", mentions=4),
    ]
    layout = layout_of(2, actors=actors)
    assert names(layout.key_actors) == ["Hamas", "United Nations", "Jane Holt"]
    assert [(kind, names(group)) for kind, group in layout.minor_groups] == [
        ("person", ["Tom Reyes"]),
        ("place", ["Gaza"]),
    ]


def test_quotes_are_filed_under_their_speaker_and_unnamed_sources_under_no_one():
    holt = actor("Jane Holt")
    quotes = [
        Quote("We will vote.", "jane-holt", "Jane Holt", 2),
        Quote("It is over.", None, "an official", 3),
        Quote("Not today.", "jane-holt", "Holt", 4),
    ]
    layout = layout_of(4, actors=[holt], quotes=quotes)
    assert layout.quotes_by_actor == {"jane-holt": [quotes[0], quotes[2]]}


def test_why_it_matters_leads_whats_next_follows_and_background_is_spread_between_paragraphs():
    why, nxt = box("Stakes", "why-it-matters"), box("Vote", "whats-next")
    rafah, truce, senate = box("Rafah"), box("Truce", "event"), box("Senate", "organization")
    layout = layout_of(8, context=[why, rafah, truce, nxt, senate])
    assert layout.lead == [why] and layout.after == [nxt]
    placed = {p.number: [b.title for b in p.boxes] for p in layout.story if p.boxes}
    assert placed == {2: ["Rafah"], 4: ["Truce"], 6: ["Senate"]}
    assert [p.number for p in layout.story] == list(range(1, 9))
    assert [p.html for p in layout.story][0] == "Paragraph 1."
    assert layout.boxed


def test_more_boxes_than_paragraphs_all_follow_the_first_and_none_is_lost():
    boxes = [box("Rafah"), box("Truce"), box("Senate")]
    layout = layout_of(2, context=boxes)
    assert [[b.title for b in p.boxes] for p in layout.story] == [["Rafah", "Truce", "Senate"], []]


def test_only_leading_and_closing_boxes_mean_the_story_is_not_boxed():
    layout = layout_of(3, context=[box("Stakes", "why-it-matters"), box("Vote", "whats-next")])
    assert not layout.boxed
    assert all(p.boxes == [] for p in layout.story)
