"""Every file of the site: which are rendered (`site_routes`: the path, template and values
of each), then rendered in worker processes and written through the SiteWriter
(`render_site`)."""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import NamedTuple

from generator.config import SiteConfig
from generator.incremental.saved_blocks import Lazy
from generator.incremental.workers import Job, produce_all
from generator.model import Explainer
from generator.publish.search_index import indexed_text
from generator.publish.staging import SiteWriter
from generator.render import jsonld
from generator.render.annotate import annotated_paragraphs, term_slug
from generator.render.environment import RenderedPage, Renderer
from generator.render.explainer_json import explainer_json
from generator.render.explainer_view import explainer_layout
from generator.site import Pagination, Site, paginate, related


@dataclass
class PageRoute:
    """A page: its path in the site, its template, and the template's values, made where
    the page is rendered (maybe a worker process)."""

    path: str
    template: str
    context: Callable[[], dict]


@dataclass
class JsonRoute:
    """An explainer's `explainer.json`, made in Python from the explainer alone."""

    path: str
    explainer: Explainer


Route = PageRoute | JsonRoute


@dataclass
class Rendered:
    pages: int
    search_key: str  # changes whenever the text the search index is built from changes
    fragments: set[str]  # keys of the saved blocks the pages were made with
    made: dict[str, list]  # whole pages: the key each was made from, the file's identity


class Delivered(NamedTuple):
    """What a worker sends back for a file it wrote (not its text)."""

    kept: bool  # the file's bytes are the previous site's
    digest: str  # of what Pagefind would index in it; "" for a file it does not index
    marked: bool  # that is only its marked part (see search_index.indexed_text)
    fragment_key: str | None  # the key of the saved blocks it was made with
    made_from: list | None  # a whole page's key and file identity (SiteWriter.store_made)


def site_routes(site: Site, renderer: Renderer) -> list[Route]:
    """Every file rendered for the site, in the order it is rendered.

    Explainers last: the site-wide pages take longest each, and in the middle of the work
    they share out between processes better than at its end. The site's own top-level names
    are listed in slugs.BUILT_IN, which content/pages/ may not take: a new one here belongs
    there too."""
    routes: list[Route] = []
    routes += _index_routes(site, renderer.config, renderer.absolute_url)
    routes += _actor_routes(site, renderer.config, renderer.absolute_url)
    routes += _other_routes(site, renderer.config, renderer.absolute_url)
    for explainer in site.explainers:
        routes.append(JsonRoute(f"{explainer.slug}/explainer.json", explainer))
        routes.append(_explainer_route(explainer, site, renderer))
    return routes


def _index_routes(
    site: Site, config: SiteConfig, absolute: Callable[[str], str]
) -> list[PageRoute]:
    """The index, in pages of `per_page` explainers."""
    routes = []
    for pagination in paginate(site.explainers, config.per_page):
        where = Pagination.path_of(pagination.number)
        routes.append(
            PageRoute(
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
        )
    return routes


def _actor_routes(
    site: Site, config: SiteConfig, absolute: Callable[[str], str]
) -> list[PageRoute]:
    """The actor directory and a page per actor."""
    directory = PageRoute(
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
    return [directory] + [
        PageRoute(
            f"actors/{entry.id}/index.html",
            "actor.html",
            lambda e=entry: {"entry": e, "json_ld": jsonld.actor_ld(e, absolute)},
        )
        for entry in site.actors.values()
    ]


def _other_routes(
    site: Site, config: SiteConfig, absolute: Callable[[str], str]
) -> list[PageRoute]:
    """The glossary, the search page, the pages of content/pages/ and the 404 page."""
    routes = [
        PageRoute(
            "glossary/index.html",
            "glossary.html",
            lambda: {"json_ld": jsonld.glossary_ld(site.glossary, config.title, absolute)},
        ),
        PageRoute(
            "search/index.html",
            "search.html",
            lambda: {
                "json_ld": jsonld.webpage_ld(
                    f"Search · {config.title}", absolute("/search/"), config.title
                )
            },
        ),
    ]
    for name, content_page in site.knowledge.pages.items():
        routes.append(
            PageRoute(
                f"{name}/index.html",
                "page.html",
                lambda n=name, c=content_page: {
                    "content_page": c,
                    "json_ld": jsonld.webpage_ld(c.title, absolute(f"/{n}/"), config.title),
                },
            )
        )
    routes.append(
        PageRoute(
            "404.html",
            "404.html",
            lambda: {
                "json_ld": jsonld.webpage_ld("Page not found", absolute("/404.html"), config.title)
            },
        )
    )
    return routes


def _explainer_route(explainer: Explainer, site: Site, renderer: Renderer) -> PageRoute:
    """An explainer's page, whose costly values are computed only if rendered."""
    config, absolute, e = renderer.config, renderer.absolute_url, explainer

    def values() -> dict:
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

    return PageRoute(f"{explainer.slug}/index.html", "explainer.html", values)


def render_site(
    site: Site,
    renderer: Renderer,
    writer: SiteWriter,
    processes: int = 1,
    meanwhile: Callable[[], None] | None = None,
) -> Rendered:
    """Write every file of the site, rendering in `processes` worker processes when many.
    `meanwhile` is more work for this process while the workers render."""
    common = {
        "site_data": site,
        "reading_minutes": jsonld.reading_minutes,
        "term_slug": term_slug,
    }
    routes = site_routes(site, renderer)
    jobs = [_job(route, renderer, common) for route in routes]
    renderer.prepare(sorted({r.template for r in routes if isinstance(r, PageRoute)}))

    def site_files() -> None:
        _write_site_files(renderer, writer, common)
        if meanwhile is not None:
            meanwhile()

    delivered = produce_all(jobs, processes, functools.partial(_deliver, writer), site_files)
    return _tally(delivered, writer)


def _job(route: Route, renderer: Renderer, common: dict) -> Job:
    """How to make the route's file, where it is made (maybe a worker process)."""
    if isinstance(route, JsonRoute):
        return Job(
            route.path,
            lambda e=route.explainer: renderer.reuse(
                "explainer.json",
                e,
                # Compact: indent= would take json's pure-Python encoder, 5 times slower.
                lambda: json.dumps(explainer_json(e), ensure_ascii=False) + "\n",
            ),
        )

    def produce() -> RenderedPage:
        page_path = "/" + route.path.removesuffix("index.html")
        values = {**common, "json_ld": None, "page_path": page_path, **route.context()}
        return renderer.render_page(route.template, values)

    return Job(route.path, produce)


def _write_site_files(renderer: Renderer, writer: SiteWriter, common: dict) -> None:
    """The files that list the site, and the theme's static files."""
    writer.write("feed.xml", renderer.render("feed.xml", **common))
    writer.write("sitemap.xml", renderer.render("sitemap.xml", **common))
    writer.write("robots.txt", renderer.render("robots.txt", **common))
    writer.write(".nojekyll", "")
    for folder in reversed(renderer.config.theme_dirs):  # the site's theme wins
        static = folder / "static"
        for source in sorted(static.rglob("*")) if static.is_dir() else []:
            if source.is_file():
                writer.copy(source, "static/" + source.relative_to(static).as_posix())


def _deliver(writer: SiteWriter, path: str, page: RenderedPage) -> Delivered:
    """Write the file (where it was rendered, maybe a worker process)."""
    made = data = None
    if page.whole:
        kept, identity = writer.store_made(path, page.fragment_key, lambda: page.text)
        made = [page.fragment_key, *identity]
    else:
        data = page.text.encode()  # once: written, then digested
        kept = writer.store(path, data)
    if not path.endswith(".html"):
        return Delivered(kept, "", False, page.fragment_key, made)
    data = data or page.text.encode()
    part = indexed_text(data)
    digest = hashlib.sha256(data if part is None else part).hexdigest()
    return Delivered(kept, digest, part is not None, page.fragment_key, made)


def _tally(delivered: Iterable[tuple[str, Delivered]], writer: SiteWriter) -> Rendered:
    """What the files delivered add up to: pages indexed, the search key, the saved blocks
    used and the whole pages' records."""
    # Pagefind indexes only the marked parts of marked pages when there are any, else
    # every page whole: the search key follows the same rule.
    marked, whole = hashlib.sha256(), hashlib.sha256()
    any_marked = False
    pages = 0
    fragments = set()
    made = {}
    for path, result in delivered:
        writer.tally(result.kept)
        if result.fragment_key:
            fragments.add(result.fragment_key)
        if result.made_from:
            made[path] = result.made_from
        if result.digest:
            pages += 1
            (marked if result.marked else whole).update(f"{path}\0{result.digest}\n".encode())
            any_marked = any_marked or result.marked
    search = marked if any_marked else whole
    return Rendered(pages, search.hexdigest(), fragments, made)
