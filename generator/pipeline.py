"""The build: gather everything first (seeds, extractions, knowledge), then render and swap.

`Builder` keeps what it computed between builds (articles by file stat, extractions by cache
key, the knowledge base by file stats, explainers by their inputs, the loaded spaCy model), so
the dev server's rebuilds redo only what a change touched. `build()` is the one-shot form.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from generator.config import SiteConfig
from generator.errors import InputError
from generator.extract.executors import ModelLoader
from generator.extract.runner import ExtractResult, available_cores, iter_extractions
from generator.incremental import Incremental
from generator.incremental.keys import code_key, inputs_key, stat_key, tree_key
from generator.incremental.precompile import CompiledTemplates
from generator.incremental.saved_state import BuildState
from generator.knowledge.enrich import KnowledgeIndex, enrich
from generator.knowledge.load import Knowledge, load_knowledge
from generator.model import Article, Explainer, Extraction, TokenTable
from generator.progress import Progress
from generator.publish.guard import check_before_building, keep_published_explainers
from generator.publish.lock import build_lock
from generator.publish.search_index import run_pagefind
from generator.publish.staging import SiteWriter
from generator.read.seeds import assign_unique_slugs, list_seeds, read_seed
from generator.render.environment import Renderer
from generator.render.routes import render_site
from generator.report import BuildReport
from generator.site import Site, assemble, build_time


@contextmanager
def _timed(report: BuildReport, stage: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    report.stages[stage] = report.stages.get(stage, 0.0) + time.perf_counter() - start


class Builder:
    """Builds one site, again and again, reusing what did not change since the last build."""

    def __init__(
        self,
        config: SiteConfig,
        *,
        live_reload: bool = False,
        keep: bool = True,
        restore: bool = True,
        incremental: bool = True,
    ) -> None:
        """`keep`: hold every extraction in memory for the next build (the dev server); a
        one-shot build lets each go once its explainer is made, so memory stays flat, and
        saves what it computed for the next one. `restore`: start from what the last build
        saved, if anything. `incremental`: False keeps and reads nothing in the cache folder
        (see generator/incremental): the same site, made slower."""
        self.config = config
        self.live_reload = live_reload
        self.keep = keep
        self.speed = Incremental(config, enabled=incremental, restore=restore)
        self.cache = self.speed.extractions
        self._extractions: dict[str, Extraction] = {}
        self._state = BuildState()
        self._restore = restore  # done at the first build that has work to do
        self._dirty = False  # the state changed since it was restored or saved
        # The spaCy model, loaded once: when a seed is first parsed, or ahead of that (serve).
        self.model = ModelLoader(config.extract)
        self.last = self.speed.last
        self.search_key = ""  # of the last build's pages
        self.search_current = False  # whether the output's search index matches them
        self._compiled = CompiledTemplates()  # kept by the dev server, in memory only

    def knowledge(self) -> tuple[Knowledge, KnowledgeIndex]:
        key = tree_key(self.config.content_dir)
        known = self._state.knowledge
        if known is None or known[0] != key:
            knowledge = load_knowledge(self.config.content_dir)
            known = self._state.knowledge = (key, knowledge, KnowledgeIndex.build(knowledge))
            self._dirty = True
        return known[1], known[2]

    def read_seeds(
        self, reserved: Mapping[str, str], stats: dict[Path, tuple] | None = None
    ) -> tuple[list[Article], list[InputError]]:
        """Every readable seed, slugs made unique; unreadable ones become errors. `stats`:
        the seeds' stat keys, if just taken."""
        articles, errors, seen = [], [], {}
        for path in list_seeds(self.config.seeds_dir):
            try:
                key = (stats or {}).get(path) or stat_key(path)
                known = self._state.articles.get(path)
                if known is None or known[0] != key:
                    seed = read_seed(path, self.config.seeds_dir)  # (a news feed holds several)
                    if seed.errors:  # not kept, so the next build reports them again
                        errors += seed.errors
                        articles += [dataclasses.replace(a) for a in seed.articles]
                        continue
                    known = (key, seed.articles)
                    self._dirty = True
                seen[path] = known
                # Copies, since making slugs unique may rename them.
                articles += [dataclasses.replace(a) for a in known[1]]
            except InputError as exc:
                errors.append(exc)
            except OSError as exc:  # deleted or replaced while we looked
                errors.append(InputError(f"cannot be read: {exc.strerror}", path=path))
        if seen.keys() != self._state.articles.keys():
            self._dirty = True
        self._state.articles = seen
        kept, dropped = assign_unique_slugs(articles, reserved)
        return kept, errors + dropped

    def extractions(
        self, articles: list[Article], report: BuildReport
    ) -> Iterator[tuple[Article, Extraction]]:
        """Each article's extraction as soon as it is ready (from memory, the extraction
        cache or the parser, which is loaded only if needed); those that fail go to the
        report's errors. Every command that extracts goes through here."""
        progress = Progress(len(articles), "Extracting")
        stats = ExtractResult()
        for article, outcome in iter_extractions(
            articles,
            self.config.extract,
            self.cache,
            stats,
            progress.advance,
            memory=self._extractions if self.keep else None,
            model=self.model,
        ):
            if isinstance(outcome, InputError):
                report.errors.append(outcome)
            else:
                yield article, outcome
        progress.close()
        report.parsed += stats.parsed

    def _explainer_key(self, article: Article, index: KnowledgeIndex) -> tuple:
        """What an explainer depends on besides the knowledge-base files it drew on (those
        are checked one by one: see `_current`)."""
        return (self.cache.key(article), article.slug, str(article.path), index.digest)

    @staticmethod
    def _current(explainer: Explainer | None, knowledge: Knowledge) -> bool:
        return explainer is not None and all(
            knowledge.entry_digests.get(key) == digest for key, digest in explainer.sources.items()
        )

    def _enrich(self, article: Article, extraction: Extraction, index: KnowledgeIndex) -> Explainer:
        explainer = enrich(extraction, index)
        # The page needs the article (text and metadata), not the token table (most of an
        # extraction's size) nor the raw finds the explainer already holds, enriched.
        explainer.extraction = dataclasses.replace(
            extraction,
            tokens=TokenTable(),
            actors=[],
            quotes=[],
            terms=[],
            mentions=[],
            context=[],
            summary=[],
            paragraphs=article.paragraphs,  # equal; shared, so the saved state holds it once
            credits=article.credits,
        )
        key = self._explainer_key(article, index)
        self._state.explainers[key] = explainer
        self._dirty = True
        return explainer

    def _explain_all(
        self,
        articles: list[Article],
        knowledge: Knowledge,
        index: KnowledgeIndex,
        report: BuildReport,
    ) -> list[Explainer]:
        """An explainer per article: the last build's when its inputs are unchanged, else
        extracted (from the cache or parsed) and enriched as soon as each is ready."""
        done: dict[str, Explainer] = {}  # by slug: one file may hold several articles
        todo = []
        for article in articles:
            known = self._state.explainers.get(self._explainer_key(article, index))
            if self._current(known, knowledge):
                done[article.slug] = known
            else:
                todo.append(article)
        for article, extraction in self.extractions(todo, report):
            done[article.slug] = self._enrich(article, extraction, index)
        explainers = [done[a.slug] for a in articles if a.slug in done]
        # Forget deleted and outdated seeds.
        alive = {id(e) for e in explainers}
        kept = {k: v for k, v in self._state.explainers.items() if id(v) in alive}
        if len(kept) != len(self._state.explainers):
            self._state.explainers = kept
            self._dirty = True
        keys = {k[0] for k in kept}
        self._extractions = {k: v for k, v in self._extractions.items() if k in keys}
        return explainers

    def _assemble(self, explainers: list[Explainer], knowledge: Knowledge) -> Site:
        """The site; the last build's, with a new time, when it was assembled from the very
        same explainers and knowledge base (objects reused only while their inputs are)."""
        now = build_time()
        last = self._state.site
        if (
            last is not None
            and last.knowledge is knowledge
            and len(last.explainers) == len(explainers)
            and {id(e) for e in last.explainers} == {id(e) for e in explainers}
        ):
            return dataclasses.replace(last, updated=now)
        self._state.site = assemble(explainers, knowledge, now)
        self._dirty = True
        return self._state.site

    def mark_search_indexed(self) -> None:
        """Record that the output's search index matches the last build's pages."""
        self.last.mark_search_indexed(self.search_key)
        self.search_current = True

    def build(
        self,
        *,
        search: bool = True,
        keep_search: bool = False,
        force: bool = True,
        allow_empty: bool = False,
    ) -> BuildReport:
        """Build the whole site; raise InputErrors when nothing can be built.

        Per-seed failures do not stop the build: they are listed in the report and the other
        explainers are published. `keep_search` reuses the previous search index instead of
        running the indexer (the dev server refreshes it after the page reloads). A site
        with no explainer replaces one that has some only with `allow_empty`.
        """
        started = time.perf_counter()
        config = self.config
        with build_lock(config):
            check_before_building(config)
            code = code_key()
            renderer = Renderer(
                config, live_reload=self.live_reload, fragments=self.speed.blocks, code=code
            )
            if self.keep:
                # The dev server: a template whose source did not change since its last
                # build is not compiled again (a fifth of a seed edit's rebuild).
                renderer.env.bytecode_cache = self._compiled
            try:
                stats: dict[Path, tuple] = {}  # of every input, taken once for both uses
                inputs, sources = inputs_key(config, search, stats)
                if not force and (report := self.last.report_if_unchanged(inputs)) is not None:
                    report.seconds = time.perf_counter() - started
                    return report
                if not self.keep and self._restore and self.speed.enabled:
                    # Restoring runs on one core: compile on the other. Not sooner: a build
                    # with nothing changed would pay for the fork (a tenth of it).
                    renderer.compile_ahead()
                report = BuildReport()
                site = self._make_site(report, stats, code, sources)
                if not site.explainers and not allow_empty:
                    keep_published_explainers(config, report)
                renderer.know_origins(self.speed.origins(self._state.explainers))
                writer = self._render(
                    site, renderer, report, search=search, keep_search=keep_search
                )
            finally:
                renderer.close()
            try:
                self._record(report, site, inputs, code)
                if not self.keep:
                    # Saved for the next build: freed now, while the old site is removed,
                    # rather than after it (freeing takes about as long).
                    del site, renderer
                    self._state, self._restore = BuildState(), True
            finally:
                writer.wait()
        report.seconds = time.perf_counter() - started
        return report

    def _record(self, report: BuildReport, site: Site, inputs: str, code: str) -> None:
        """Complete the report; keep what the next build needs."""
        report.errors.sort(key=lambda e: str(e.path))
        report.explainers = len(site.explainers)
        report.actors = len(site.actors)
        self.last.remember(inputs, report)
        if not self.keep and self._dirty:
            # One-shot builds leave their work to the next; the dev server keeps it in
            # memory and does not pay for the write on every edit.
            with _timed(report, "save"):
                self._state.code = code
                try:
                    self.speed.save(self._state)
                    self._dirty = False
                except OSError:  # the site is built; the next build just starts afresh
                    pass

    def _make_site(
        self, report: BuildReport, stats: dict[Path, tuple], code: str, sources: str
    ) -> Site:
        """The site to render: what the last build left, brought up to date with the inputs
        (`sources`: their key, see incremental.keys.inputs_key)."""
        with _timed(report, "restore"):
            if self._restore:
                self._state = self.speed.restore(code)
                self._restore = False
        state = self._state
        if state.site is not None and state.sources == sources and not state.errors:
            # No seed, content file or setting changed (a template edit, say): checking
            # every seed and explainer again would find the same site. (After errors, it
            # checks again: a seed that could not be read may be readable now.)
            return self._assemble(state.site.explainers, state.site.knowledge)
        with _timed(report, "knowledge"):
            knowledge, index = self.knowledge()
        with _timed(report, "read"):
            reserved = knowledge.reserved_names()
            articles, report.errors = self.read_seeds(reserved, stats)
        with _timed(report, "extract and enrich"):
            explainers = self._explain_all(articles, knowledge, index, report)
        with _timed(report, "assemble"):
            site = self._assemble(explainers, knowledge)
        errors = bool(report.errors)
        if (state.sources, state.errors) != (sources, errors):
            state.sources, state.errors = sources, errors
            self._dirty = True
        return site

    def _render(
        self,
        site: Site,
        renderer: Renderer,
        report: BuildReport,
        *,
        search: bool,
        keep_search: bool,
    ) -> SiteWriter:
        """Render the site into a staging folder, index it if needed, and swap it in; the
        writer returned is still removing the old site."""
        blocks = self.speed.blocks
        made = self.last.made_from() if blocks is not None and blocks.read else {}
        writer = SiteWriter(self.config.output_dir, made_from=made)
        try:
            with _timed(report, "render"):
                processes = self.speed.processes(self.config.extract.processes or available_cores())
                kept: list[bool] = []

                def carry_index() -> None:
                    # The search index usually still fits the pages: carry it over while
                    # they render (this process waits for them), take it out if not.
                    if search or keep_search:
                        kept.append(writer.keep("pagefind"))

                rendered = render_site(site, renderer, writer, processes, carry_index)
                report.pages = rendered.pages
            with _timed(report, "search"):
                indexed = self.last.indexed_search_key()
                self.search_current = rendered.search_key == indexed
                if not (keep_search or (search and self.search_current)) and any(kept):
                    writer.drop("pagefind")  # before Pagefind writes there
                if search and not keep_search and not self.search_current:
                    run_pagefind(writer.staging)
                    self.search_current = True
            writer.commit()
            self.last.remember_made(rendered.made)
            if blocks is not None:
                blocks.prune(rendered.fragments)
            self.search_key = rendered.search_key
            if self.search_current:
                self.mark_search_indexed()
        except BaseException:
            writer.abort()
            raise
        report.written, report.kept = writer.written, writer.kept
        return writer


def build(
    config: SiteConfig,
    *,
    live_reload: bool = False,
    search: bool = True,
    force: bool = True,
    fresh: bool = False,
    allow_empty: bool = False,
    incremental: bool = True,
) -> BuildReport:
    """Build the site once; with force=False, do nothing if no input changed since the last.
    With fresh=True, ignore what the last build saved (the extraction cache is still used).
    With allow_empty=True, a site with no explainer may replace one that has some. With
    incremental=False, use and keep nothing in the cache folder: slower, the same site."""
    builder = Builder(
        config, live_reload=live_reload, keep=False, restore=not fresh, incremental=incremental
    )
    return builder.build(search=search, force=force, allow_empty=allow_empty)
