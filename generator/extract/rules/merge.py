"""Merge the mentions of one actor: full name, surname, abbreviation, clipped and country forms.

"the World Health Organization … the WHO", "(CDC)", "U.N." = "United Nations", "Fed" for
"Federal Reserve", "Adeyemi" (whatever NER called it) for "Caroline Adeyemi".
"""

from __future__ import annotations

import re
from collections import Counter

from generator.extract.lexicon import (
    ALIAS_CUES,
    HONORIFICS,
    INSTITUTION_HEADS,
    OFFICE_NOUNS,
    PLACE_NAMES,
)
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
SCHOOL_WORDS = {"school", "college", "academy"}


def initials(name: str) -> str:
    words = [
        w for w in re.findall(r"[A-Za-z]+", name) if w.lower() not in ("of", "and", "the", "for")
    ]
    return "".join(w[0] for w in words).upper()


def is_body_word(word: str) -> bool:
    """A word for what sort of body a name is: "School", "University", "Party"."""
    return word.lower() in INSTITUTION_HEADS or word.lower() in SCHOOL_WORDS


def is_abbreviation(name: str) -> bool:
    bare = name.replace(".", "")
    return len(bare) > 1 and bare.isupper() and bare.isalpha()


class Merger:
    def __init__(self, state: State) -> None:
        self.state = state
        # By name and whether a place: "Georgia" the state and "Georgia" the country's
        # government acting are two actors, but each name is one actor of each sort.
        self.by_name: dict[tuple[str, bool], Actor] = {}
        self.previous: Candidate | None = None
        # Names of places in this article, for "Boston" in "Boston Red Sox".
        self.places = {e.text.lower() for e in state.doc.ents if e.label_ in ("GPE", "LOC")}

    def named(self, name: str, place: bool) -> Actor | None:
        return self.by_name.get((name.lower(), place))

    def find(self, candidate: Candidate, name: str) -> Actor | None:
        place = candidate.kind == "place"
        found = self.named(name, place)
        if found is not None:
            return found
        single = " " not in name
        for marker in CLUB_MARKERS:  # "Harbor City" is "Harbor City FC" once the club is named
            club = self.named(f"{name} {marker}", False)
            if club is not None and club.kind == "organization":
                return club
        if place and not single:
            return self.named(name, False)
        found = self.abbreviated(candidate, name) or self.alias_given(candidate)
        if found is None and (not place or (single and name[:1].isupper())):
            found = self.person_form(candidate, name)
        if found is not None:
            return found
        if place:
            return self.named(name, False)
        if candidate.kind != "person":
            found = self.short_form(name)
        return found or self.appositive_body(candidate)

    def abbreviated(self, candidate: Candidate, name: str) -> Actor | None:
        """ "(CDC)" right after the full name it abbreviates, or any initials of a body."""
        if not is_abbreviation(name):
            return None
        doc = self.state.doc
        prev = self.previous
        span = candidate.span
        bracketed = span.start >= 2 and doc[span.start - 1].text == "("
        if bracketed and prev and prev.actor and prev.span.end == span.start - 1:
            return self.state.actors[prev.actor]
        bare = name.replace(".", "")
        actors = self.state.actors.values()
        return next(
            (a for a in actors if a.kind == "organization" and initials(a.name) == bare), None
        )

    def alias_given(self, candidate: Candidate) -> Actor | None:
        """ "Jenna Mourey, better known by her pseudonym Jenna Marbles": the second name is
        the first one's, when an alias cue comes right before it in the same sentence."""
        prev = self.previous
        span = candidate.span
        if prev is None or prev.actor is None or prev.span.sent != span.sent:
            return None
        cue = [t.lower_ for t in span.doc[max(prev.span.end, span.start - 3) : span.start]]
        if not any(word in ALIAS_CUES for word in cue):
            return None
        actor = self.state.actors[prev.actor]
        return actor if actor.kind == candidate.kind else None

    def person_form(self, candidate: Candidate, name: str) -> Actor | None:
        """Another form of a person's name already met (its name or an alias)."""
        parts = bare_name(name)  # "Miss Chaworth" is the Chaworth met before
        people = [a for a in self.state.actors.values() if a.kind == "person"]
        for actor in people:
            for full in (form.split() for form in [actor.name, *actor.aliases]):
                # A surname (or, for two-word names, a family name written first) joins a full
                # name; so does a form that leaves out or adds middle names ("Joshua Norton").
                if len(parts) < len(full) and full[-len(parts) :] == parts:
                    return actor
                middle = min(len(parts), len(full)) > 1
                ends = (full[0], full[-1]) == (parts[0], parts[-1])
                if middle and ends and len(parts) != len(full):
                    return actor
        if len(parts) == 1:
            # A first name alone, when one person met so far has it.
            named = [a for a in people if len(a.name.split()) > 1 and a.name.split()[0] == name]
            if len(named) == 1:
                return named[0]
        return None

    def short_form(self, name: str) -> Actor | None:
        """A body's short or long form: "Corvid" for "Corvid Technologies", "Fed" for "Federal
        Reserve", "Reclamation" for "Bureau of Reclamation", and a name with or without the
        place it is of ("Red Sox" and "Boston Red Sox", "Congress" and "U.S. Congress") or
        the word for what it is ("Harrow" and "Harrow School")."""
        words = name.split()
        for actor in self.state.actors.values():
            if actor.kind != "organization":
                continue
            other = actor.name.split()
            clipped = other[0].startswith(name) or (other[-1] == name and "of" in other)
            if len(words) == 1 and len(other) >= 2 and clipped:
                return actor
            shorter, longer = sorted((words, other), key=len)
            lead = longer[: len(longer) - len(shorter)]
            named = len(shorter) > 1 or self.is_place(" ".join(lead))  # not "Times" alone
            if lead and longer[len(lead) :] == shorter and named:
                return actor
            rest = longer[len(shorter) :]
            if len(rest) == 1 and longer[: len(shorter)] == shorter and is_body_word(rest[0]):
                return actor
        return None

    def is_place(self, words: str) -> bool:
        key = words.lower()
        return key in EQUIVALENT or words in PLACE_NAMES or key in self.places

    def appositive_body(self, candidate: Candidate) -> Actor | None:
        """ "Gavi, the Vaccine Alliance": an organisation in apposition to the name before."""
        prev = self.previous
        span = candidate.span
        if candidate.kind != "organization" or span.root.dep_ != "appos" or not prev:
            return None
        if prev.actor is None or not prev.span.start <= span.root.head.i < prev.span.end:
            return None
        actor = self.state.actors[prev.actor]
        actor.kind = "organization"
        return actor

    def compound_office(self, candidate: Candidate) -> bool:
        """ "the Bush administration", "the U.S. government": a body named by a person or a
        country; the name is the body's, not a mention of the person or place."""
        root = candidate.span.root
        head = root.head
        if candidate.kind not in ("person", "place") or root.dep_ != "compound":
            return False
        if head.lower_ not in OFFICE_NOUNS or head.i != candidate.span.end:
            return False
        name = f"{candidate.name} {head.lower_}"
        actor = self.named(name, False) or self.new_actor(name, "organization")
        self.by_name[(name.lower(), False)] = actor
        candidate.span = self.state.doc[candidate.span.start : head.i + 1]
        candidate.name, candidate.kind = name, "organization"
        self.attach(candidate, actor)
        self.previous = candidate
        return True

    def add(self, candidate: Candidate) -> None:
        if self.compound_office(candidate):
            return
        name = EQUIVALENT.get(candidate.name.lower(), candidate.name)
        alias = None
        if candidate.kind == "organization" and name.startswith(COUNTRY_PREFIXES):
            rest = name.split(" ", 1)[1]
            if len(rest.split()) >= 2 and "'s" not in rest:
                alias, name = name, rest  # "U.S. Supreme Court" is the "Supreme Court"
        actor = self.find(candidate, name)
        if actor is None:
            actor = self.new_actor(name, candidate.kind)
        place = actor.kind == "place"
        self.by_name.setdefault((name.lower(), place), actor)
        self.by_name.setdefault((candidate.name.lower(), place), actor)
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
        surname = self.state.actors[candidate.actor].name.split()[-1]
        name = f"{surname}'s {head.lower_}"
        actor = self.named(name, False) or self.new_actor(name, "organization")
        self.by_name[(name.lower(), False)] = actor
        span = self.state.doc[candidate.span.start : head.i + 1]
        office = Candidate(span=span, name=name, kind="organization", in_quote=candidate.in_quote)
        self.attach(office, actor)
        self.state.candidates.append(office)


def bare_name(name: str) -> list[str]:
    """The words of a person's name without the honorifics before it ("Miss Chaworth")."""
    parts = name.split()
    while len(parts) > 1 and parts[0].lower().rstrip(".") in HONORIFICS:
        parts = parts[1:]
    return parts


def fuller_form(people: list[Actor], actor: Actor) -> Actor | None:
    """The person a one-word name (after honorifics) is a short form of: the first with that
    surname, else, for a person, the only one with that first name."""
    short = bare_name(actor.name)
    if len(short) != 1:
        return None
    others = [(a, bare_name(a.name)) for a in people if a is not actor]
    others = [(a, words) for a, words in others if len(words) > 1]
    by_surname = [a for a, words in others if words[-1] == short[0]]
    if by_surname:
        return by_surname[0]
    by_first = [a for a, words in others if words[0] == short[0]]
    return by_first[0] if actor.kind == "person" and len(by_first) == 1 else None


def fold_short_forms(state: State) -> None:
    """A later full name takes over an earlier short form: "Benjamin Netanyahu" after
    "Netanyahu" or "Mr. Netanyahu", "Frank Messina" after "Frank"."""
    people = [a for a in state.actors.values() if a.kind == "person"]
    for actor in list(state.actors.values()):
        if actor.kind not in ("person", "organization", "group"):
            continue
        fuller = fuller_form(people, actor)
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
        people = [a for a in people if a is not actor]


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


def settle_kinds(state: State) -> None:
    """One name, one kind: NER labels a name differently from sentence to sentence ("the
    Pittsburgh Pirates" a place once, a team three times). A name that is a body somewhere
    is one everywhere (a team is no place, though it plays in one); otherwise most of its
    mentions win. Countries and states keep their kinds apart."""
    # A place that acts is named twice over, as the place and as its government: those two
    # keep their kinds ("said Ottawa had prepared a list" besides "in Ottawa").
    spans = Counter((c.span.start, c.span.end) for c in state.candidates)
    settled = [c for c in state.candidates if spans[(c.span.start, c.span.end)] == 1]
    votes: dict[str, Counter[str]] = {}
    for candidate in settled:
        if candidate.name not in PLACE_NAMES:
            votes.setdefault(candidate.name, Counter())[candidate.kind] += 1
    for candidate in settled:
        counts = votes.get(candidate.name)
        if counts is None or len(counts) < 2:
            continue
        (top, most), (_, next_most) = counts.most_common(2)
        if candidate.kind == "place" and counts["organization"]:
            candidate.kind = "organization"
        elif most > next_most:
            candidate.kind = top


def apply(state: State) -> None:
    settle_kinds(state)
    merger = Merger(state)
    for candidate in list(state.candidates):
        merger.add(candidate)
        merger.office(candidate)
    fold_short_forms(state)
    surnames(state)
    things_named_as_people(state)
