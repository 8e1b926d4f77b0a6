"""Site-wide pages: cross-references between explainers, then every page of the site."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field

from generator import jsonld
from generator.annotate import annotated_paragraphs, term_slug
from generator.contract import explainer_json
from generator.knowledge import Knowledge
from generator.model import Actor, Explainer, Quote, Term
from generator.output import SiteWriter
from generator.render import Renderer

MAX_RELATED = 3


@dataclass
class Appearance:
    explainer: Explainer
    actor: Actor
    quotes: list[Quote]


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

    def explainer(self, slug: str) -> Explainer:
        return next(e for e in self.explainers if e.slug == slug)


def _sort_key(explainer: Explainer) -> tuple:
    date = explainer.extraction.date
    return (date is None, -(date.toordinal() if date else 0), explainer.title.lower())


def assemble(explainers: list[Explainer], knowledge: Knowledge, updated: dt.datetime) -> Site:
    """Resolve what links explainers together: actors across articles, terms, related pages."""
    explainers = sorted(explainers, key=_sort_key)
    actors: dict[str, ActorEntry] = {}
    for explainer in explainers:
        for actor in explainer.actors:
            entry = actors.setdefault(actor.id, ActorEntry(actor.id, actor.name, actor.kind))
            entry.bio = entry.bio or actor.bio
            quotes = [q for q in explainer.quotes if q.speaker == actor.id]
            entry.appearances.append(Appearance(explainer, actor, quotes))
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


def _relate(explainers: list[Explainer]) -> None:
    """Related explainers: those sharing people, organisations and glossary terms."""
    features = {
        e.slug: {("a", a.id) for a in e.actors if a.kind != "place"}
        | {("t", term_slug(t)) for t in e.glossary}
        for e in explainers
    }
    for explainer in explainers:
        scores = Counter()
        mine = features[explainer.slug]
        for other in explainers:
            if other is not explainer:
                shared = mine & features[other.slug]
                score = sum(2 if kind == "a" else 1 for kind, _ in shared)
                if score:
                    scores[other.slug] = score
        explainer.related = [slug for slug, _ in scores.most_common(MAX_RELATED)]


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


def render_site(site: Site, renderer: Renderer, writer: SiteWriter) -> int:
    """Write every page of the site; returns the number of pages."""
    config = renderer.config
    absolute = renderer.absolute_url
    common = {
        "site_data": site,
        "reading_minutes": jsonld.reading_minutes,
        "term_slug": term_slug,
    }
    pages = 0

    def page(path: str, template: str, **context: object) -> None:
        nonlocal pages
        values = {**common, "json_ld": None, **context}
        writer.write(
            path,
            renderer.render(template, page_path="/" + path.removesuffix("index.html"), **values),
        )
        pages += 1

    for explainer in site.explainers:
        page(
            f"{explainer.slug}/index.html",
            "explainer.html",
            explainer=explainer,
            paragraphs=annotated_paragraphs(explainer, renderer.url),
            related=related(explainer, site),
            json_ld=jsonld.explainer_ld(explainer, config.title, config.language, absolute),
        )
        writer.write(
            f"{explainer.slug}/explainer.json",
            json.dumps(explainer_json(explainer), ensure_ascii=False, indent=2) + "\n",
        )
    page(
        "index.html",
        "index.html",
        json_ld=jsonld.collection_ld(
            config.title,
            absolute("/"),
            config.description,
            [(e.title, absolute(f"/{e.slug}/")) for e in site.explainers],
        ),
    )
    page(
        "actors/index.html",
        "actors.html",
        json_ld=jsonld.collection_ld(
            f"Who's who · {config.title}",
            absolute("/actors/"),
            "Everyone in the explainers: people, organizations and places.",
            [(a.name, absolute(f"/actors/{a.id}/")) for a in site.actors.values()],
        ),
    )
    for entry in site.actors.values():
        page(
            f"actors/{entry.id}/index.html",
            "actor.html",
            entry=entry,
            json_ld=jsonld.actor_ld(entry, absolute),
        )
    page(
        "glossary/index.html",
        "glossary.html",
        json_ld=jsonld.glossary_ld(site.glossary, config.title, absolute),
    )
    page(
        "search/index.html",
        "search.html",
        json_ld=jsonld.webpage_ld(f"Search · {config.title}", absolute("/search/"), config.title),
    )
    for name, content_page in site.knowledge.pages.items():
        page(
            f"{name}/index.html",
            "page.html",
            content_page=content_page,
            json_ld=jsonld.webpage_ld(content_page.title, absolute(f"/{name}/"), config.title),
        )
    page(
        "404.html",
        "404.html",
        json_ld=jsonld.webpage_ld("Page not found", absolute("/404.html"), config.title),
    )
    writer.write("feed.xml", renderer.render("feed.xml", **common))
    writer.write("sitemap.xml", renderer.render("sitemap.xml", **common))
    writer.write("robots.txt", renderer.render("robots.txt", **common))
    writer.write(".nojekyll", "")
    for folder in reversed(config.theme_dirs):  # the site's theme wins
        static = folder / "static"
        for source in sorted(static.rglob("*")) if static.is_dir() else []:
            if source.is_file():
                writer.copy(source, "static/" + source.relative_to(static).as_posix())
    return pages
