"""Merge the mentions of one actor: full name, surname, abbreviation, country variants."""

from __future__ import annotations

import re

from generator.extract.state import State
from generator.model import Actor, Mention
from generator.slugs import slugify

# Forms of the same place or body that share no letters with each other.
EQUIVALENT = {
    "us": "United States",
    "usa": "United States",
    "u.s.": "United States",
    "u.s.a.": "United States",
    "united states": "United States",
    "america": "United States",
    "un": "United Nations",
    "u.n.": "United Nations",
    "united nations": "United Nations",
    "uk": "United Kingdom",
    "u.k.": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "eu": "European Union",
    "e.u.": "European Union",
}


def initials(name: str) -> str:
    words = [
        w for w in re.findall(r"[A-Za-z]+", name) if w.lower() not in ("of", "and", "the", "for")
    ]
    return "".join(w[0] for w in words).upper()


def _key(name: str) -> str:
    return EQUIVALENT.get(name.lower(), name)


def apply(state: State) -> None:
    by_name: dict[str, Actor] = {}
    people: list[Actor] = []
    for candidate in state.candidates:
        name = _key(candidate.name)
        actor = by_name.get(name.lower())
        if actor is None and candidate.kind == "person":
            # A surname or a shorter form joins a full name already seen ("Netanyahu").
            parts = name.split()
            for person in people:
                full = person.name.split()
                if len(parts) < len(full) and full[-len(parts) :] == parts:
                    actor = person
                    break
        if actor is None and candidate.kind == "organization" and name.isupper() and len(name) > 1:
            actor = next(
                (
                    a
                    for a in by_name.values()
                    if a.kind == "organization" and initials(a.name) == name.replace(".", "")
                ),
                None,
            )
        if actor is None:
            actor_id = slugify(name) or "actor"
            while actor_id in state.actors:
                actor_id += "-2"
            actor = Actor(id=actor_id, name=name, kind=candidate.kind)
            state.actors[actor_id] = actor
            if candidate.kind == "person":
                people.append(actor)
        by_name[name.lower()] = actor
        by_name.setdefault(candidate.name.lower(), actor)
        if candidate.name != actor.name and candidate.name not in actor.aliases:
            actor.aliases.append(candidate.name)
        actor.mentions += 1
        candidate.actor = actor.id
        state.mentions.append(
            Mention(actor=actor.id, start=candidate.span.start_char, end=candidate.span.end_char)
        )
    # A later full name ("Benjamin Netanyahu" after "Netanyahu") takes over the earlier form.
    for actor in list(state.actors.values()):
        if actor.kind != "person" or " " in actor.name:
            continue
        fuller = next(
            (a for a in people if a is not actor and a.name.split()[-1] == actor.name), None
        )
        if fuller:
            fuller.mentions += actor.mentions
            fuller.aliases.append(actor.name)
            for mention in state.mentions:
                if mention.actor == actor.id:
                    mention.actor = fuller.id
            for candidate in state.candidates:
                if candidate.actor == actor.id:
                    candidate.actor = fuller.id
            del state.actors[actor.id]
