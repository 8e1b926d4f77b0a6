"""Merge the mentions of one actor: full name, surname, abbreviation, clipped and country forms.

"the World Health Organization … the WHO", "(CDC)", "U.N." = "United Nations", "Fed" for
"Federal Reserve", "Adeyemi" (whatever NER called it) for "Caroline Adeyemi".
"""

from __future__ import annotations

import re

from generator.extract.lexicon import OFFICE_NOUNS
from generator.extract.rules.entities import CLUB_MARKERS
from generator.extract.state import Candidate, State
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
COUNTRY_PREFIXES = ("U.S. ", "U.N. ", "US ")


def initials(name: str) -> str:
    words = [
        w for w in re.findall(r"[A-Za-z]+", name) if w.lower() not in ("of", "and", "the", "for")
    ]
    return "".join(w[0] for w in words).upper()


def is_abbreviation(name: str) -> bool:
    bare = name.replace(".", "")
    return len(bare) > 1 and bare.isupper() and bare.isalpha()


class Merger:
    def __init__(self, state: State) -> None:
        self.state = state
        self.by_name: dict[str, Actor] = {}
        self.previous: Candidate | None = None

    def find(self, candidate: Candidate, name: str) -> Actor | None:
        actors = list(self.state.actors.values())
        found = self.by_name.get(name.lower())
        if found is not None and (found.kind == "place") == (candidate.kind == "place"):
            return found
        single = " " not in name
        for marker in CLUB_MARKERS:  # "Harbor City" is "Harbor City FC" once the club is named
            club = self.by_name.get(f"{name} {marker}".lower())
            if club is not None and club.kind == "organization":
                return club
        if candidate.kind == "place" and not single:
            return found
        # "(CDC)" right after the full name it abbreviates.
        doc = self.state.doc
        prev = self.previous
        span = candidate.span
        bracketed = span.start >= 2 and doc[span.start - 1].text == "("
        right_after = bool(prev and prev.actor and prev.span.end == span.start - 1)
        if bracketed and right_after and is_abbreviation(name):
            return self.state.actors[prev.actor]
        if is_abbreviation(name):
            bare = name.replace(".", "")
            for actor in actors:
                if actor.kind == "organization" and initials(actor.name) == bare:
                    return actor
        parts = name.split()
        if candidate.kind == "person" or (single and name[:1].isupper()):
            # A surname (or, for two-word names, a family name written first) joins a full name.
            for actor in actors:
                full = actor.name.split()
                if (
                    actor.kind == "person"
                    and len(parts) < len(full)
                    and full[-len(parts) :] == parts
                ):
                    return actor
            if single and candidate.kind == "person":
                for actor in actors:
                    full = actor.name.split()
                    if actor.kind == "person" and len(full) == 2 and full[0] == name:
                        return actor
        if candidate.kind == "place":
            return found
        if single and candidate.kind != "person":
            for actor in actors:
                words = actor.name.split()
                if actor.kind != "organization" or len(words) < 2:
                    continue
                # "Corvid" for "Corvid Technologies", "Fed" for "Federal Reserve",
                # "Reclamation" for "Bureau of Reclamation".
                if words[0].startswith(name) or (words[-1] == name and "of" in words):
                    return actor
        if candidate.kind == "organization" and span.root.dep_ == "appos" and prev and prev.actor:
            head = span.root.head
            if prev.span.start <= head.i < prev.span.end:  # "Gavi, the Vaccine Alliance"
                actor = self.state.actors[prev.actor]
                actor.kind = "organization"
                return actor
        return None

    def add(self, candidate: Candidate) -> None:
        name = EQUIVALENT.get(candidate.name.lower(), candidate.name)
        alias = None
        if candidate.kind == "organization" and name.startswith(COUNTRY_PREFIXES):
            rest = name.split(" ", 1)[1]
            if len(rest.split()) >= 2 and "'s" not in rest:
                alias, name = name, rest  # "U.S. Supreme Court" is the "Supreme Court"
        actor = self.find(candidate, name)
        if actor is None:
            actor = self.new_actor(name, candidate.kind)
        self.by_name.setdefault(name.lower(), actor)
        self.by_name.setdefault(candidate.name.lower(), actor)
        for form in (candidate.name, alias):
            if form and form != actor.name and form not in actor.aliases:
                actor.aliases.append(form)
        self.attach(candidate, actor)
        self.previous = candidate

    def new_actor(self, name: str, kind: str) -> Actor:
        actor_id = slugify(name) or "actor"
        while actor_id in self.state.actors:
            actor_id += "-2"
        actor = Actor(id=actor_id, name=name, kind=kind)
        self.state.actors[actor_id] = actor
        return actor

    def attach(self, candidate: Candidate, actor: Actor) -> None:
        actor.mentions += 1
        candidate.actor = actor.id
        span = candidate.span
        self.state.mentions.append(
            Mention(actor=actor.id, start=span.start_char, end=span.end_char)
        )
        for i in range(span.start, span.end):
            self.state.token_actor[i] = actor.id

    def office(self, candidate: Candidate) -> None:
        """ "Netanyahu's office said": the office is an organisation of its own."""
        root = candidate.span.root
        head = root.head
        if candidate.kind != "person" or root.dep_ != "poss" or head.lower_ not in OFFICE_NOUNS:
            return
        if head.dep_ not in ("nsubj", "nsubjpass"):
            return
        owner = self.state.actors[candidate.actor]
        surname = owner.name.split()[-1]
        name = f"{surname}'s {head.lower_}"
        actor = self.by_name.get(name.lower()) or self.new_actor(name, "organization")
        self.by_name[name.lower()] = actor
        span = self.state.doc[candidate.span.start : head.i + 1]
        office = Candidate(span=span, name=name, kind="organization", in_quote=candidate.in_quote)
        self.attach(office, actor)
        self.state.candidates.append(office)


def fold_short_forms(state: State) -> None:
    """A later full name ("Benjamin Netanyahu" after "Netanyahu") takes over the earlier form."""
    people = [a for a in state.actors.values() if a.kind == "person"]
    for actor in list(state.actors.values()):
        if " " in actor.name or actor.kind not in ("person", "organization", "group"):
            continue
        fuller = next(
            (a for a in people if a is not actor and a.name.split()[-1] == actor.name), None
        )
        if fuller is None:
            continue
        fuller.mentions += actor.mentions
        fuller.aliases += [actor.name, *(a for a in actor.aliases if a not in fuller.aliases)]
        for mention in state.mentions:
            if mention.actor == actor.id:
                mention.actor = fuller.id
        for candidate in state.candidates:
            if candidate.actor == actor.id:
                candidate.actor = fuller.id
        for i, actor_id in state.token_actor.items():
            if actor_id == actor.id:
                state.token_actor[i] = fuller.id
        del state.actors[actor.id]


def surnames(state: State) -> None:
    """ "Kovac said": a surname NER missed, after the full name was given."""
    by_surname: dict[str, str] = {}
    first_at: dict[str, int] = {}
    for candidate in state.candidates:
        actor = state.actors.get(candidate.actor or "")
        if actor is not None and actor.kind == "person" and " " in actor.name:
            by_surname.setdefault(actor.name.split()[-1], actor.id)
            first_at.setdefault(actor.id, candidate.span.start)
    for token in state.doc:
        actor_id = by_surname.get(token.text)
        if actor_id is None or token.i in state.token_actor or token.pos_ != "PROPN":
            continue
        if token.i < first_at[actor_id]:
            continue
        span = state.doc[token.i : token.i + 1]
        candidate = Candidate(span, token.text, "person", in_quote=state.in_quote(token.idx))
        state.candidates.append(candidate)
        actor = state.actors[actor_id]
        actor.mentions += 1
        if token.text not in actor.aliases:
            actor.aliases.append(token.text)
        candidate.actor = actor_id
        state.mentions.append(Mention(actor=actor_id, start=token.idx, end=token.idx + len(token)))
        state.token_actor[token.i] = actor_id
    state.candidates.sort(key=lambda c: c.span.start)
    state.mentions.sort(key=lambda m: m.start)


def things_named_as_people(state: State) -> None:
    """A one-word "person" that NER elsewhere calls a body, or that takes "which", is a body."""
    doc = state.doc
    for candidate in state.candidates:
        actor = state.actors.get(candidate.actor or "")
        if actor is None or actor.kind != "person" or " " in actor.name:
            continue
        span = candidate.span
        which = span.end + 1 < len(doc) and doc[span.end + 1].lower_ == "which"
        if span.root.ent_type_ in ("ORG", "NORP") or which:
            actor.kind = "organization"


def apply(state: State) -> None:
    merger = Merger(state)
    for candidate in list(state.candidates):
        merger.add(candidate)
        merger.office(candidate)
    fold_short_forms(state)
    surnames(state)
    things_named_as_people(state)
