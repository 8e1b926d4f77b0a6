"""Everything whose only job is speed, behind one entry point: `Incremental`.

The stages (read, extract, enrich, assemble, render, publish) would build the same site
without any of it. A build asks `Incremental` for what the last build left and tells it what
to keep; switched off (`build --no-cache`), it keeps and reads nothing, so every seed is
parsed, every page rendered whole in one process and the search index made again: the
output is byte-identical, only slower (tests/incremental/test_switch.py).

Every file it keeps in the cache folder is listed in `FILES`; nothing else there is its.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path

from generator.config import SiteConfig
from generator.extract import EXTRACTOR_VERSION
from generator.incremental.extraction_cache import ExtractionCache
from generator.incremental.last_build import LastBuild
from generator.incremental.saved_blocks import FragmentStore
from generator.incremental.saved_state import BuildState, load_state, save_state
from generator.model import Article, Explainer, Extraction
from generator.report import BuildReport

# Each file or folder in the cache folder, and what it holds.
FILES = {
    "extract/": "extractions, one JSON file per (seed bytes, model, extractor version)",
    "build-state.pickle": "what a one-shot build leaves for the next: seeds read, knowledge "
    "base, explainers, the assembled site (signed with this machine's key)",
    "fragments/": "the blocks of rendered pages, a file per key of what they were made from",
    "fragments-templates.json": "what each template's blocks read, for the keys above",
    "last-build.json": "the keys of the last build's inputs and output, and its report",
    "made-from.json": "the key each explainer.json was made from, and the file's identity",
    "search-key": "the key of the pages the output's search index was made from",
}


class _NoExtractionCache(ExtractionCache):
    """Keys as usual (they name explainers), but nothing kept or found."""

    def get(self, article: Article) -> Extraction | None:
        return None

    def put(self, article: Article, extraction: Extraction, data: bytes | None = None) -> None:
        pass


class _NoLastBuild(LastBuild):
    """No record of the last build: never "unchanged", no index or page carried over."""

    def report_if_unchanged(self, inputs: str) -> BuildReport | None:
        return None

    def remember(self, inputs: str, report: BuildReport) -> None:
        pass

    def indexed_search_key(self) -> str:
        return ""

    def mark_search_indexed(self, key: str) -> None:
        pass

    def made_from(self) -> dict[str, list]:
        return {}

    def remember_made(self, made: dict[str, list]) -> None:
        pass


class Incremental:
    """What the last build left for this one, and what this one leaves for the next."""

    def __init__(self, config: SiteConfig, *, enabled: bool = True, restore: bool = True) -> None:
        """`restore`: use what the last build left (a fresh build, `build --force`, makes
        everything again but for the extractions, and still leaves its work for the next)."""
        self.enabled = enabled
        self.folder = config.cache_dir
        cache = ExtractionCache if enabled else _NoExtractionCache
        model = f"{config.extract.model}-{config.extract.model_version}"
        self.extractions = cache(self.folder, model, EXTRACTOR_VERSION)
        self.last = LastBuild(config) if enabled else _NoLastBuild(config)
        self.blocks: FragmentStore | None = None
        if enabled:
            self.blocks = FragmentStore(self.folder / "fragments", read=restore)

    @property
    def _state_path(self) -> Path:
        return self.folder / "build-state.pickle"

    def restore(self, code: str) -> BuildState:
        """What the last one-shot build saved, if it was made by this code; else empty."""
        return load_state(self._state_path, code) if self.enabled else BuildState(code=code)

    def save(self, state: BuildState) -> None:
        """Keep the state for the next build; failing only costs that build time."""
        if self.enabled:
            save_state(self._state_path, state)

    def origins(self, explainers: Mapping[tuple, Explainer]) -> dict[int, str]:
        """For the saved blocks: id of each explainer -> a digest of the key the build keeps
        it by (what it was made from), which stands for it in the blocks' keys. None when
        switched off: every block is rendered anyway."""
        if not self.enabled:
            return {}
        return {
            id(e): hashlib.sha256(repr(key).encode()).hexdigest() for key, e in explainers.items()
        }

    def processes(self, wanted: int) -> int:
        """Worker processes for rendering: one (this process) when switched off."""
        return wanted if self.enabled else 1
