"""Shared fixtures: the sample site built end to end into a temporary folder.

`build_site(name, ...)` builds the repository's seeds and knowledge base with a copied
site.toml whose output (and extraction cache) live in a temporary folder, so tests never touch
`_site/` or race `make build`. The repository's warm extraction cache is copied in first, so a
build costs a second, not a spaCy parse.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from generator.config import load_config
from generator.incremental import saved_state as buildstate
from generator.pipeline import build
from tests.sites import ROOT, write_site_toml

BuildSite = Callable[..., Path]


@pytest.fixture(scope="session", autouse=True)
def _state_key(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The build state is signed with a per-machine key kept in the user's home: the tests
    use a key of their own, so they neither read nor create the user's."""
    with pytest.MonkeyPatch.context() as patch:
        key = tmp_path_factory.mktemp("state") / "cache-key"
        patch.setenv(buildstate.KEY_VARIABLE, str(key))
        yield


def build_into(folder: Path, *, search: bool = True, **overrides: object) -> Path:
    """Build the sample site (with site.toml keys overridden) into folder/_site; return it."""
    folder.mkdir(parents=True, exist_ok=True)
    warm = ROOT / ".cache" / "extract"
    if warm.is_dir() and not (folder / ".cache" / "extract").exists():
        shutil.copytree(warm, folder / ".cache" / "extract")
    config = load_config(write_site_toml(folder, **overrides))
    report = build(config, search=search)
    assert not report.errors, report.summary()
    return config.output_dir


@pytest.fixture(scope="session")
def build_site(tmp_path_factory: pytest.TempPathFactory) -> BuildSite:
    """Factory: build_site("name", base_url=..., theme=..., content=...) → the built folder.

    Builds with the same name and settings are made once per test session.
    """
    built: dict[tuple, Path] = {}

    def make(name: str, *, search: bool = True, **overrides: object) -> Path:
        key = (name, search, tuple(sorted((k, str(v)) for k, v in overrides.items())))
        if key not in built:
            built[key] = build_into(tmp_path_factory.mktemp(name), search=search, **overrides)
        return built[key]

    return make


@pytest.fixture(scope="session")
def sample_site(build_site: BuildSite) -> Path:
    """The sample site as `make build` makes it (its own base_url), in a temporary folder."""
    return build_site("sample")
