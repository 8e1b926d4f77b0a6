"""Every page of the site: which files, from which template with which values, rendered in
worker processes and written through the SiteWriter."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass

from generator.incremental.saved_blocks import Lazy
from generator.incremental.workers import Job, produce_all
from generator.model import Explainer
from generator.publish.search_index import indexed_text
from generator.publish.staging import SiteWriter
from generator.render import jsonld
from generator.render.annotate import annotated_paragraphs, term_slug
from generator.render.environment import Page, Renderer
from generator.render.explainer_json import explainer_json
from generator.render.explainer_view import explainer_layout
from generator.site import Pagination, Site, paginate, related


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

    # The site's own top-level names are listed in slugs.BUILT_IN, which content/pages/
    # may not take: a new one here belongs there too.
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
