"""Site-wide pages: cross-references between explainers, then every page of the site."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import dataclass, field

from generator.annotate import annotated_paragraphs
from generator.contract import explainer_json
from generator.knowledge import Knowledge
from generator.markdown import pygments_css
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
            key = term.id or term.term.lower()
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
        | {("t", t.id or t.term.lower()) for t in e.glossary}
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


def render_site(site: Site, renderer: Renderer, writer: SiteWriter) -> int:
    """Write every page of the site; returns the number of pages."""
    common = {"site_data": site}
    pages = 0

    def page(path: str, template: str, **context: object) -> None:
        nonlocal pages
        writer.write(
            path,
            renderer.render(
                template, page_path="/" + path.removesuffix("index.html"), **common, **context
            ),
        )
        pages += 1

    for explainer in site.explainers:
        page(
            f"{explainer.slug}/index.html",
            "explainer.html",
            explainer=explainer,
            paragraphs=annotated_paragraphs(explainer, renderer.url),
            related=[site.explainer(s) for s in explainer.related],
        )
        writer.write(
            f"{explainer.slug}/explainer.json",
            json.dumps(explainer_json(explainer), ensure_ascii=False, indent=2) + "\n",
        )
    page("index.html", "index.html")
    page("actors/index.html", "actors.html")
    for entry in site.actors.values():
        page(f"actors/{entry.id}/index.html", "actor.html", entry=entry)
    page("glossary/index.html", "glossary.html")
    page("search/index.html", "search.html")
    for name, content_page in site.knowledge.pages.items():
        page(f"{name}/index.html", "page.html", content_page=content_page)
    page("404.html", "404.html")
    writer.write("feed.xml", renderer.render("feed.xml", **common))
    writer.write("sitemap.xml", renderer.render("sitemap.xml", **common))
    writer.write("robots.txt", renderer.render("robots.txt", **common))
    writer.write(".nojekyll", "")
    writer.write("static/pygments.css", pygments_css())
    for folder in reversed(renderer.config.theme_dirs):  # the site's theme wins
        static = folder / "static"
        for source in sorted(static.rglob("*")) if static.is_dir() else []:
            if source.is_file():
                writer.copy(source, "static/" + source.relative_to(static).as_posix())
    return pages
