"""Switched off, the speed machinery leaves the site byte for byte as it was, only slower."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.incremental import FILES
from tests.sites import ROOT, make_site, replace_in, use_site_theme


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def build(config: Path, *options: str) -> None:
    assert main(["--config", str(config), "build", "--no-search", *options]) == 0


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the sample site with a theme of its own and a warm extraction cache; every
    build gets the same time, as reproducible builds do."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    config = make_site(tmp_path / "site")
    shutil.copytree(ROOT / "theme" / "templates", tmp_path / "site" / "mytheme" / "templates")
    use_site_theme(config, {}, name="mytheme")
    if (ROOT / ".cache" / "extract").is_dir():
        shutil.copytree(ROOT / ".cache" / "extract", tmp_path / "site" / ".cache" / "extract")
    return config


def test_without_the_cache_the_site_is_byte_identical(site: Path, tmp_path: Path) -> None:
    build(site)
    # An edit that the saved blocks and the saved state are made to absorb.
    replace_in(site.parent / "mytheme" / "templates" / "base.html", "</footer>", "!</footer>")
    replace_in(site.parent / "seeds" / "senate-stopgap-budget-vote.txt", "stopgap", "temporary")
    build(site)
    incremental = tree(site.parent / "_site")
    assert any(b"!</footer>" in page for page in incremental.values())
    fresh = site.parent / "fresh"
    shutil.copytree(site.parent, fresh, ignore=shutil.ignore_patterns(".cache", "_site"))
    build(fresh / "site.toml", "--no-cache")
    assert tree(fresh / "_site") == incremental


def test_without_the_cache_nothing_is_kept_or_read_there(
    site: Path, capsys: pytest.CaptureFixture
) -> None:
    cache = site.parent / ".cache"
    build(site)
    kept = {p.name + ("/" if p.is_dir() else "") for p in cache.iterdir()} - {"build.lock"}
    assert kept <= set(FILES)  # every file the speed machinery keeps is listed
    assert {"extract/", "build-state.pickle", "fragments/", "last-build.json"} <= kept
    before = tree(cache)
    capsys.readouterr()
    build(site, "--no-cache")
    seeds = len(list((site.parent / "seeds").iterdir()))
    assert f"({seeds} parsed" in capsys.readouterr().out  # no extraction was taken from it
    assert tree(cache) == before  # and nothing was written there
