"""What one build saves for the next: reused when inputs are unchanged, never trusted blindly."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from generator.config import load_config
from generator.incremental import saved_state as buildstate
from generator.incremental.extraction_cache import ExtractionCache
from generator.incremental.keys import code_key
from generator.pipeline import build
from tests.sites import GAZA, ROOT, built_files, make_site, replace_in, use_site_theme


@pytest.fixture
def site(tmp_path):
    config = load_config(make_site(tmp_path))
    assert build(config, search=False).errors == []
    return config


def _page(config) -> str:
    return (config.output_dir / GAZA / "index.html").read_text()


def test_a_template_edit_rebuilds_from_the_saved_state_without_reading_extractions(
    site, monkeypatch
):
    def no_reading(self, article):
        raise AssertionError(f"read the extraction of {article.path}")

    monkeypatch.setattr(ExtractionCache, "get", no_reading)
    use_site_theme(
        site.path,
        {
            "explainer.html": '{% extends "default:explainer.html" %}'
            "{% block title %}Explained: {{ explainer.title }}{% endblock %}"
        },
    )
    config = load_config(site.path)
    report = build(config, search=False)
    assert report.errors == [] and report.parsed == 0
    assert "<title>Explained: Talks Resume" in _page(config)


def test_a_content_edit_after_a_restore_reaches_the_pages(site):
    entry = site.content_dir / "glossary" / "cease-fire.md"
    entry.write_text(entry.read_text().replace("to stop fighting", "to stop shooting"))
    assert build(site, search=False).errors == []
    assert "to stop shooting" in _page(site)


def test_a_seed_edit_after_a_restore_reaches_the_page(site):
    seed = site.seeds_dir / "gaza-delegation-talks.txt"
    seed.write_text(seed.read_text() + "\nOne more line, written later.\n")
    report = build(site, search=False)
    assert report.parsed == 1
    assert "One more line, written later." in _page(site)


def test_a_deleted_seed_leaves_the_site_and_the_state(site):
    (site.seeds_dir / "gaza-delegation-talks.txt").unlink()
    report = build(site, search=False)
    assert not (site.output_dir / GAZA).exists()
    state = buildstate.load_state(site.cache_dir / "build-state.pickle", code_key())
    assert len(state.explainers) == report.explainers


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty"])
def test_a_damaged_state_file_means_starting_afresh(site, damage):
    path = site.cache_dir / "build-state.pickle"
    data = path.read_bytes()
    path.write_bytes(
        {"truncated": data[: len(data) // 2], "garbage": b"\x80\x05junk", "empty": b""}[damage]
    )
    report = build(site, search=False)
    assert report.errors == [] and report.parsed == 0  # extractions still come from the cache
    assert "Talks Resume" in _page(site)


class _Payload:
    def __reduce__(self):
        return (os.system, ("touch pwned",))


def test_a_tampered_state_file_cannot_run_code(site, tmp_path, monkeypatch):
    path = site.cache_dir / "build-state.pickle"
    path.write_bytes(pickle.dumps((buildstate.FORMAT, _Payload())))
    monkeypatch.chdir(tmp_path)
    report = build(site, search=False)
    assert report.errors == []
    assert not (tmp_path / "pwned").exists()


def test_a_state_from_other_generator_code_is_ignored(site):
    path = site.cache_dir / "build-state.pickle"
    assert buildstate.load_state(path, code_key()).explainers
    assert not buildstate.load_state(path, "other code").explainers


def test_force_ignores_the_saved_state(site, monkeypatch):
    read = []
    real = ExtractionCache.get
    monkeypatch.setattr(ExtractionCache, "get", lambda self, a: read.append(a) or real(self, a))
    build(site, search=False, fresh=True)
    assert len(read) == len(list(site.seeds_dir.glob("*.txt")))


def test_a_state_that_cannot_be_saved_does_not_fail_the_build(site, monkeypatch):
    def full_disk(path, state):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("generator.incremental.save_state", full_disk)
    seed = site.seeds_dir / "gaza-delegation-talks.txt"
    seed.write_text(seed.read_text() + "\nAnother line.\n")
    report = build(site, search=False)
    assert report.errors == [] and "Another line." in _page(site)


def _override(config) -> None:
    folder = config.content_dir / "explainers"
    folder.mkdir(exist_ok=True)
    (folder / f"{GAZA}.md").write_text(
        '+++\nhide = ["Rick Scott"]\n+++\nThe talks were announced on a Monday.\n'
    )


EDITS = {
    "a definition": lambda c: replace_in(
        c.content_dir / "glossary" / "cease-fire.md", "to stop fighting", "to stop shooting"
    ),
    "a term's aliases": lambda c: replace_in(
        c.content_dir / "glossary" / "cease-fire.md",
        '"cease fire"]',
        '"cease fire", "halt to the fighting"]',
    ),
    "a profile's bio": lambda c: replace_in(
        c.content_dir / "actors" / "antony-blinken.md",
        "since January 2021",
        "since January 2021, and a jazz guitarist",
    ),
    "an override": _override,
    "a seed": lambda c: replace_in(
        c.seeds_dir / "gaza-delegation-talks.txt", "Netanyahu", "Prime Minister Netanyahu"
    ),
}


@pytest.mark.parametrize("edit", EDITS)
def test_a_build_after_an_edit_equals_a_build_from_scratch(site, edit):
    EDITS[edit](site)
    assert build(site, search=False).errors == []
    incremental = built_files(site)
    assert build(site, search=False, fresh=True).errors == []
    assert incremental == built_files(site)


def test_a_definition_edit_re_enriches_only_the_explainers_that_use_it(site, monkeypatch):
    import generator.pipeline

    enriched = []
    real = generator.pipeline.enrich
    monkeypatch.setattr(
        generator.pipeline, "enrich", lambda x, index: enriched.append(x.slug) or real(x, index)
    )
    EDITS["a definition"](site)
    assert build(site, search=False).errors == []
    state = buildstate.load_state(site.cache_dir / "build-state.pickle", code_key())
    users = {e.slug for e in state.explainers.values() if "glossary/cease-fire" in e.sources}
    assert users and sorted(enriched) == sorted(users)
    assert len(state.explainers) > len(users)  # the others were not touched
    EDITS["a term's aliases"](site)  # what articles can match changed: all are matched again
    enriched.clear()
    build(site, search=False)
    assert len(enriched) == len(state.explainers)


def test_the_saved_state_holds_each_articles_text_once(site):
    # The sample site is parsed by worker processes; the explainers must still share the
    # paragraphs of the articles read, not hold the workers' copies.
    state = buildstate.load_state(site.cache_dir / "build-state.pickle", code_key())
    articles = {str(path): article for path, (_, [article]) in state.articles.items()}
    assert state.explainers
    for explainer in state.explainers.values():
        article = articles[explainer.extraction.source_path]
        assert explainer.extraction.paragraphs is article.paragraphs


def test_a_template_edit_reuses_the_assembled_site_and_a_seed_edit_does_not(site, monkeypatch):
    import generator.pipeline

    assembled = []
    real = generator.pipeline.assemble
    monkeypatch.setattr(generator.pipeline, "assemble", lambda *a: assembled.append(1) or real(*a))
    use_site_theme(site.path, {"base.html": (ROOT / "theme/templates/base.html").read_text()})
    config = load_config(site.path)
    assert build(config, search=False).errors == [] and assembled == []
    seed = config.seeds_dir / "gaza-delegation-talks.txt"
    seed.write_text(seed.read_text() + "\nA paragraph added later.\n")
    assert build(config, search=False).errors == [] and assembled == [1]


def _themed_site(folder: Path, seeds: dict[str, str] | None = None):
    """The sample site with a base template of its own, built once."""
    config_path = make_site(folder)
    for name, text in (seeds or {}).items():
        (folder / "seeds" / name).write_text(text)
    base = (ROOT / "theme" / "templates" / "base.html").read_text()
    theme = use_site_theme(config_path, {"base.html": base})
    config = load_config(config_path)
    return config, theme / "base.html", build(config, search=False)


def test_a_template_edit_checks_no_seed_again(tmp_path, monkeypatch):
    from generator.pipeline import Builder

    config, base, first = _themed_site(tmp_path)
    assert first.errors == []

    def no_reading(self, *args):
        raise AssertionError("checked the seeds again")

    monkeypatch.setattr(Builder, "read_seeds", no_reading)
    base.write_text(base.read_text().replace("<footer", "<p>Edited base</p>\n<footer"))
    assert build(config, search=False).errors == []
    assert "Edited base" in _page(config)


def test_after_a_seed_error_a_template_edit_checks_the_seeds_again(tmp_path, monkeypatch):
    from generator.pipeline import Builder

    config, base, first = _themed_site(tmp_path, {"blank.txt": "\n"})
    assert [e.path.name for e in first.errors] == ["blank.txt"]
    checked = []
    real = Builder.read_seeds
    monkeypatch.setattr(Builder, "read_seeds", lambda self, *a: checked.append(1) or real(self, *a))
    base.write_text(base.read_text().replace("<footer", "<p>Edited base</p>\n<footer"))
    again = build(config, search=False)
    # A seed that could not be read may be readable now (its permissions fixed, say).
    assert checked and [e.path.name for e in again.errors] == ["blank.txt"]
