"""Site-wide pages: cross-references between explainers, then every page of the site."""

from __future__ import annotations

import datetime as dt
import hashlib
import heapq
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from generator import jsonld
from generator.annotate import annotated_paragraphs, term_slug
from generator.contract import explainer_json
from generator.fragments import Lazy
from generator.knowledge import Knowledge
from generator.layout import explainer_layout
from generator.model import Actor, Explainer, Quote, Term
from generator.output import SiteWriter
from generator.parallel import Job, produce_all
from generator.render import Page, Renderer
from generator.search import indexed_text

MAX_RELATED = 3
COMMON_FEATURE = 50  # shared by more explainers than this (or a tenth): not a relation


@dataclass(slots=True)
class Appearance:
    explainer: Explainer
    actor: Actor
    quotes: list[Quote]

    def fingerprint_basis(self) -> tuple[Explainer, str]:
        """What it is made from (see fragments.Fingerprints): the actor and their quotes are
        those of this id in the explainer."""
        return self.explainer, self.actor.id


@dataclass
class ActorEntry:
    id: str
    name: str
    kind: str
    appearances: list[Appearance] = field(default_factory=list)
    bio: str | None = None

    def fingerprint_basis(self) -> tuple:
        """What it is made from (see fragments.Fingerprints), in plain values and explainers,
        which digest without pickling."""
        shown = [(a.explainer, a.actor.id) for a in self.appearances]
        return self.id, self.name, self.kind, self.bio, shown

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

    # The build's time is in it: a block that reads the whole site is rendered every time
    # (see fragments.Fingerprints), without digesting it first.
    fingerprint_basis = None

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

    def fingerprint_basis(self) -> tuple:
        """Its fields: plain values and explainers (see ActorEntry.fingerprint_basis)."""
        return self.number, self.count, self.explainers, self.newer, self.older

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


@dataclass
class Rendered:
    pages: int
    search_key: str  # changes whenever the text the search index is built from changes
    fragments: set[str]  # keys of the saved blocks the pages were made with
    made: dict[str, list]  # whole pages: the key each was made from, the file's identity


def render_site(
    site: Site,
    renderer: Renderer,
    writer: SiteWriter,
    processes: int = 1,
    meanwhile: Callable[[], None] | None = None,
) -> Rendered:
    """Write every page of the site, rendering in `processes` worker processes when many.
    `meanwhile` is more work for this process while the workers render."""
    config = renderer.config
    absolute = renderer.absolute_url
    common = {
        "site_data": site,
        "reading_minutes": jsonld.reading_minutes,
        "term_slug": term_slug,
    }
    jobs: list[Job] = []
    templates: set[str] = set()

    def page(path: str, template: str, context: Callable[[], dict]) -> None:
        templates.add(template)

        # The context is built where the page is rendered (maybe a worker process).
        def produce() -> Page:
            page_path = "/" + path.removesuffix("index.html")
            values = {**common, "json_ld": None, "page_path": page_path, **context()}
            return renderer.render_page(template, values)

        jobs.append(Job(path, produce))

    for pagination in paginate(site.explainers, config.per_page):
        where = Pagination.path_of(pagination.number)
        page(
            where.lstrip("/") + "index.html",
            "index.html",
            lambda p=pagination, where=where: {
                "pagination": p,
                "json_ld": jsonld.collection_ld(
                    config.title,
                    absolute(where),
                    config.description,
                    [(e.title, absolute(f"/{e.slug}/")) for e in p.explainers],
                ),
            },
        )
    page(
        "actors/index.html",
        "actors.html",
        lambda: {
            "json_ld": jsonld.collection_ld(
                f"Who's who · {config.title}",
                absolute("/actors/"),
                "Everyone in the explainers: people, organizations and places.",
                [(a.name, absolute(f"/actors/{a.id}/")) for a in site.actors.values()],
            )
        },
    )
    for entry in site.actors.values():
        page(
            f"actors/{entry.id}/index.html",
            "actor.html",
            lambda e=entry: {"entry": e, "json_ld": jsonld.actor_ld(e, absolute)},
        )
    page(
        "glossary/index.html",
        "glossary.html",
        lambda: {"json_ld": jsonld.glossary_ld(site.glossary, config.title, absolute)},
    )
    page(
        "search/index.html",
        "search.html",
        lambda: {
            "json_ld": jsonld.webpage_ld(
                f"Search · {config.title}", absolute("/search/"), config.title
            )
        },
    )
    for name, content_page in site.knowledge.pages.items():
        page(
            f"{name}/index.html",
            "page.html",
            lambda n=name, c=content_page: {
                "content_page": c,
                "json_ld": jsonld.webpage_ld(c.title, absolute(f"/{n}/"), config.title),
            },
        )
    page(
        "404.html",
        "404.html",
        lambda: {
            "json_ld": jsonld.webpage_ld("Page not found", absolute("/404.html"), config.title)
        },
    )

    # Explainers last: the site-wide pages take longest each, and in the middle of the
    # work they share out between processes better than at its end.
    for explainer in site.explainers:
        jobs.append(
            Job(
                f"{explainer.slug}/explainer.json",
                lambda e=explainer: renderer.reuse(
                    "explainer.json",
                    e,
                    # Compact: indent= would take json's pure-Python encoder, 5 times slower.
                    lambda: json.dumps(explainer_json(e), ensure_ascii=False) + "\n",
                ),
            )
        )

        def explainer_page(e: Explainer = explainer) -> dict:
            # Lazy: needed only when the template's blocks are not saved from a previous
            # build. Each basis is what the value is computed from (with the configuration).
            paragraphs = Lazy(lambda: annotated_paragraphs(e, renderer.url), basis=e)
            return {
                "explainer": e,
                "paragraphs": paragraphs,
                "layout": Lazy(lambda: explainer_layout(e, paragraphs.value()), basis=e),
                "related": Lazy(
                    lambda: related(e, site), basis=(e, [site.explainer(s) for s in e.related])
                ),
                "json_ld": Lazy(
                    lambda: jsonld.explainer_ld(e, config.title, config.language, absolute),
                    basis=e,
                ),
            }

        page(f"{explainer.slug}/index.html", "explainer.html", explainer_page)

    def deliver(path: str, page: Page) -> tuple[bool, str, bool, str | None, list | None]:
        """Write the file; returns whether it was unchanged, a digest of what Pagefind would
        index in it, whether that is only its marked part (see search.indexed_text), the
        key of the blocks it was made with, and for a whole page, that key and the file's
        identity (see SiteWriter.store_made)."""
        made = data = None
        if page.whole:
            kept, identity = writer.store_made(path, page.fragment_key, lambda: page.text)
            made = [page.fragment_key, *identity]
        else:
            data = page.text.encode()  # once: written, then digested
            kept = writer.store(path, data)
        if not path.endswith(".html"):
            return kept, "", False, page.fragment_key, made
        data = data or page.text.encode()
        part = indexed_text(data)
        digest = hashlib.sha256(data if part is None else part).hexdigest()
        return kept, digest, part is not None, page.fragment_key, made

    def site_files() -> None:
        """The files that list the site, and the theme's static files."""
        writer.write("feed.xml", renderer.render("feed.xml", **common))
        writer.write("sitemap.xml", renderer.render("sitemap.xml", **common))
        writer.write("robots.txt", renderer.render("robots.txt", **common))
        writer.write(".nojekyll", "")
        for folder in reversed(config.theme_dirs):  # the site's theme wins
            static = folder / "static"
            for source in sorted(static.rglob("*")) if static.is_dir() else []:
                if source.is_file():
                    writer.copy(source, "static/" + source.relative_to(static).as_posix())
        if meanwhile is not None:
            meanwhile()

    # Pagefind indexes only the marked parts of marked pages when there are any, else
    # every page whole: the search key follows the same rule.
    marked, whole = hashlib.sha256(), hashlib.sha256()
    any_marked = False
    pages = 0
    fragments = set()
    renderer.prepare(sorted(templates))
    results = produce_all(jobs, processes, deliver, meanwhile=site_files)
    made = {}
    for path, (kept, digest, is_marked, fragment, made_from) in results:
        writer.tally(kept)
        if fragment:
            fragments.add(fragment)
        if made_from:
            made[path] = made_from
        if digest:
            pages += 1
            (marked if is_marked else whole).update(f"{path}\0{digest}\n".encode())
            any_marked = any_marked or is_marked
    search = marked if any_marked else whole
    return Rendered(pages, search.hexdigest(), fragments, made)
