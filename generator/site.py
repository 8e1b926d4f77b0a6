"""The site as a whole: explainers cross-referenced, actors and terms gathered across them,
the index in pages. What is rendered from it is in render/routes.py."""

from __future__ import annotations

import datetime as dt
import heapq
import os
from collections import Counter
from dataclasses import dataclass, field

from generator.knowledge.load import Knowledge
from generator.model import Actor, Claim, Explainer, Quote, Term
from generator.render.annotate import term_slug
from generator.render.statements import Statement, in_order

MAX_RELATED = 3
COMMON_FEATURE = 50  # shared by more explainers than this (or a tenth): not a relation


@dataclass(slots=True)
class Appearance:
    explainer: Explainer
    actor: Actor
    quotes: list[Quote]
    claims: list[Claim] = field(default_factory=list)

    @property
    def said(self) -> list[Statement]:
        """The actor's quotes and claims in this explainer, in article order."""
        return in_order(self.quotes, self.claims)


@dataclass
class ActorEntry:
    id: str
    name: str
    kind: str
    appearances: list[Appearance] = field(default_factory=list)
    bio: str | None = None

    @property
    def roles(self) -> list[str]:
        return list(dict.fromkeys(a.actor.role for a in self.appearances if a.actor.role))

    @property
    def affiliations(self) -> list[str]:
        return list(
            dict.fromkeys(a.actor.affiliation for a in self.appearances if a.actor.affiliation)
        )

    @property
    def mentions(self) -> int:
        return sum(a.actor.mentions for a in self.appearances)


@dataclass
class GlossaryItem:
    id: str
    term: Term
    explainers: list[Explainer] = field(default_factory=list)


@dataclass
class Related:
    """An explainer related to the one shown, with the names they share (for the reader)."""

    explainer: Explainer
    shared: list[str]


@dataclass
class Site:
    explainers: list[Explainer]
    actors: dict[str, ActorEntry]
    glossary: list[GlossaryItem]
    knowledge: Knowledge
    updated: dt.datetime

    def __post_init__(self) -> None:
        self._by_slug = {e.slug: e for e in self.explainers}

    def explainer(self, slug: str) -> Explainer:
        return self._by_slug[slug]


def _sort_key(explainer: Explainer) -> tuple:
    date = explainer.extraction.date
    return (date is None, -(date.toordinal() if date else 0), explainer.title.lower())


def assemble(explainers: list[Explainer], knowledge: Knowledge, updated: dt.datetime) -> Site:
    """Resolve what links explainers together: actors across articles, terms, related pages."""
    explainers = sorted(explainers, key=_sort_key)
    learn_across(explainers)
    actors: dict[str, ActorEntry] = {}
    for explainer in explainers:
        for actor in explainer.actors:
            entry = actors.setdefault(actor.id, ActorEntry(actor.id, actor.name, actor.kind))
            entry.bio = entry.bio or actor.bio
            quotes = [q for q in explainer.quotes if q.speaker == actor.id]
            claims = [c for c in explainer.claims if c.speaker == actor.id]
            entry.appearances.append(Appearance(explainer, actor, quotes, claims))
    glossary: dict[str, GlossaryItem] = {}
    for explainer in explainers:
        for term in explainer.glossary:
            key = term_slug(term)
            item = glossary.setdefault(key, GlossaryItem(key, term))
            item.explainers.append(explainer)
    _relate(explainers)
    return Site(
        explainers=explainers,
        actors=dict(sorted(actors.items(), key=lambda kv: kv[1].name.lower())),
        glossary=sorted(glossary.values(), key=lambda g: g.term.term.lower()),
        knowledge=knowledge,
        updated=updated,
    )


@dataclass(frozen=True)
class Known:
    """What one explainer says of a person: their role and affiliation."""

    role: str | None
    affiliation: str | None
    slug: str  # the explainer that says it


LEARNABLE = ("role", "affiliation")


def _forget_learned(explainers: list[Explainer]) -> None:
    """Undo what an earlier assembly learned: the explainers it came from may have changed."""
    for explainer in explainers:
        for actor in explainer.actors:
            for name in actor.learned:
                setattr(actor, name, None)
            actor.learned, actor.learned_from = [], None


def known_people(explainers: list[Explainer]) -> tuple[dict[str, Known], dict[str, str | None]]:
    """Each person's role and affiliation by id, from the newest explainer that gives one;
    and the ids of people by surname ("dermer" -> "ron-dermer"; None when two share it)."""
    known: dict[str, Known] = {}
    surnames: dict[str, str | None] = {}
    for explainer in explainers:  # newest first
        for actor in explainer.actors:
            if actor.kind != "person":
                continue
            parts = actor.name.split()
            if len(parts) > 1:
                surname = parts[-1].lower()
                if surnames.get(surname, actor.id) != actor.id:
                    surnames[surname] = None
                else:
                    surnames[surname] = actor.id
            if (actor.role or actor.affiliation) and actor.id not in known:
                known[actor.id] = Known(actor.role, actor.affiliation, explainer.slug)
    return known, surnames


def same_person(actor: Actor, known: dict[str, Known], surnames: dict[str, str | None]) -> str:
    """The id under which the site knows a person: their own, or, for a surname alone
    ("Dermer"), that of the one person the site knows by it."""
    if actor.id in known or len(actor.name.split()) > 1:
        return actor.id
    return surnames.get(actor.name.lower()) or actor.id


def learn_across(explainers: list[Explainer]) -> None:
    """A person's role and affiliation, found in one explainer, given to another that names
    them without (with the explainer they came from)."""
    _forget_learned(explainers)
    known, surnames = known_people(explainers)
    for explainer in explainers:
        for actor in explainer.actors:
            if actor.kind != "person" or actor.role or actor.affiliation:
                continue
            facts = known.get(same_person(actor, known, surnames))
            if facts is None or facts.slug == explainer.slug:
                continue
            for name in LEARNABLE:
                if getattr(actor, name) is None and getattr(facts, name):
                    setattr(actor, name, getattr(facts, name))
                    actor.learned.append(name)
            if actor.learned:
                actor.learned_from = facts.slug


def _relate(explainers: list[Explainer]) -> None:
    """Related explainers: those sharing people, organisations and glossary terms.

    Through an inverted index (feature -> explainers), so the cost follows shared features,
    not pairs of explainers. A feature most explainers share ("United States", "said")
    relates nothing in particular and is left out, which also keeps large sites linear.
    """
    features = {
        e.slug: {("a", a.id) for a in e.actors if a.kind != "place"}
        | {("t", term_slug(t)) for t in e.glossary}
        for e in explainers
    }
    holders: dict[tuple[str, str], list[str]] = {}
    for slug, found in features.items():
        for feature in found:
            holders.setdefault(feature, []).append(slug)
    common = max(COMMON_FEATURE, len(explainers) // 10)
    for feature in [f for f, slugs in holders.items() if len(slugs) > common]:
        del holders[feature]
    for explainer in explainers:
        scores: Counter[str] = Counter()
        for feature in features[explainer.slug]:
            others = holders.get(feature)
            if others is not None:
                scores.update(others)  # counted in C: this loop is most of assembling
                if feature[0] == "a":  # a shared actor weighs twice a shared term
                    scores.update(others)
        scores.pop(explainer.slug, None)
        # The best scores, ties by slug; only those that can be among them are sorted.
        cut = min(heapq.nlargest(MAX_RELATED, scores.values()), default=0)
        best = sorted((-n, slug) for slug, n in scores.items() if n >= cut)[:MAX_RELATED]
        explainer.related = [slug for _, slug in best]


def related(explainer: Explainer, site: Site) -> list[Related]:
    """The related explainers with the actors and terms each shares with this one."""
    mine = {a.id for a in explainer.actors if a.kind != "place"}
    my_terms = {term_slug(t) for t in explainer.glossary}
    found = []
    for slug in explainer.related:
        other = site.explainer(slug)
        shared = [a.name for a in other.actors if a.id in mine]
        shared += [t.term for t in other.glossary if term_slug(t) in my_terms]
        found.append(Related(other, shared))
    return found


@dataclass
class Pagination:
    """One page of the index: the explainers it lists and its neighbours (site paths)."""

    number: int  # 1-based
    count: int  # pages in all
    explainers: list[Explainer]
    newer: str | None  # path of the page before it, if any
    older: str | None  # path of the page after it, if any

    @staticmethod
    def path_of(number: int) -> str:
        return "/" if number == 1 else f"/page/{number}/"


def paginate(explainers: list[Explainer], per_page: int) -> list[Pagination]:
    """The index in pages of `per_page` explainers, newest first; always at least one."""
    chunks = [explainers[i : i + per_page] for i in range(0, len(explainers), per_page)] or [[]]
    count = len(chunks)
    return [
        Pagination(
            number=n,
            count=count,
            explainers=chunk,
            newer=Pagination.path_of(n - 1) if n > 1 else None,
            older=Pagination.path_of(n + 1) if n < count else None,
        )
        for n, chunk in enumerate(chunks, start=1)
    ]


def build_time() -> dt.datetime:
    """The time a build gives its site (the feed's and sitemap's dates): now, or the
    SOURCE_DATE_EPOCH of reproducible builds, so two builds of the same inputs can be
    byte-identical."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC)
