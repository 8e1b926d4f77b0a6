"""Saved template blocks: reused only while everything they read is unchanged."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from jinja2 import DictLoader, Environment

import generator.render.routes
from generator.config import DEFAULT_THEME, load_config
from generator.incremental.saved_blocks import FragmentStore, ValueFingerprints
from generator.incremental.template_analysis import TemplateAnalysis
from generator.pipeline import build
from tests.sites import GAZA, built_files, make_site, replace_in, use_site_theme

TEMPLATES = DEFAULT_THEME / "templates"


@pytest.fixture
def site(tmp_path):
    """The sample site with a theme of its own: copies of the default base, explainer and
    macros templates, to edit."""
    names = ["base.html", "explainer.html", "macros.html"]
    config_path = make_site(tmp_path)
    use_site_theme(config_path, {n: (TEMPLATES / n).read_text() for n in names})
    config = load_config(config_path)
    assert build(config, search=False).errors == []
    return config


def _theme(config) -> Path:
    return config.theme_dirs[0] / "templates"


def _retitle_a_seed(config) -> None:
    """A new title, the slug kept: the index, the related lists of other explainers and
    the actor pages show it, though their own inputs did not change."""
    seed = config.seeds_dir / "gaza-delegation-talks.txt"
    front = f'+++\nslug = "{GAZA}"\ntitle = "A Retitled Story About the Talks"\n+++\n'
    seed.write_text(front + seed.read_text())


EDITS = {
    "the base template": lambda c: replace_in(
        _theme(c) / "base.html", "<footer", '<p class="edited">Edited base</p>\n<footer'
    ),
    "the page template": lambda c: replace_in(
        _theme(c) / "explainer.html", '<h2 id="who-h">', '<h2 id="who-h">Edited: '
    ),
    "an imported macro": lambda c: replace_in(
        _theme(c) / "macros.html", '<h3 id="ctx-{{ box.id }}">', '<h3 id="ctx-{{ box.id }}">Box: '
    ),
    "a headline": _retitle_a_seed,
    "the configuration": lambda c: replace_in(
        c.path, 'base_url = "https://example.org/"', 'base_url = "https://example.org/news/"'
    ),
}


@pytest.mark.parametrize("edit", EDITS)
def test_a_build_after_an_edit_equals_a_build_from_scratch(site, edit):
    EDITS[edit](site)
    config = load_config(site.path)
    before = built_files(config) if edit == "a headline" else None
    assert build(config, search=False).errors == []
    incremental = built_files(config)
    assert incremental != before
    assert build(config, search=False, fresh=True).errors == []
    assert incremental == built_files(config)


def test_the_edit_reaches_every_page_it_should(site):
    EDITS["the base template"](site)
    EDITS["an imported macro"](site)
    assert build(site, search=False).errors == []
    page = (site.output_dir / GAZA / "index.html").read_text()
    assert "Edited base" in page and "Box: " in page
    actor_pages = list((site.output_dir / "actors").glob("*/index.html"))
    assert actor_pages and all("Edited base" in p.read_text() for p in actor_pages)


def test_a_base_template_edit_does_not_render_the_explainer_blocks_again(site, monkeypatch):
    def no_annotating(*args):
        raise AssertionError("annotated the article again")

    monkeypatch.setattr(generator.render.routes, "annotated_paragraphs", no_annotating)
    EDITS["the base template"](site)
    assert build(site, search=False).errors == []
    assert "Edited base" in (site.output_dir / GAZA / "index.html").read_text()
    EDITS["the page template"](site)  # the blocks' own template: they are rendered again
    with pytest.raises(AssertionError, match="annotated the article again"):
        build(site, search=False)


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: b'{"no-such-block": 3}\nabc',  # blocks the template does not have
    ],
    ids=["cut short", "unknown block"],
)
def test_damaged_saved_blocks_are_rendered_again(site, damage):
    folder = site.cache_dir / "fragments"
    saved = list(folder.iterdir())
    assert saved
    for path in saved:
        path.write_bytes(damage(path.read_bytes()))
    EDITS["the base template"](site)
    assert build(site, search=False).errors == []
    incremental = built_files(site)
    assert build(site, search=False, fresh=True).errors == []
    assert incremental == built_files(site)


def test_an_explainer_json_the_last_build_wrote_is_kept_without_reading(site, monkeypatch):
    made = json.loads((site.cache_dir / "made-from.json").read_text())
    files = {path: key for path, (key, *_) in made.items() if path.endswith("explainer.json")}
    assert len(files) == len(list(site.seeds_dir.glob("*.txt")))
    inodes = {path: (site.output_dir / path).stat().st_ino for path in files}
    read = []
    get = FragmentStore.get
    monkeypatch.setattr(FragmentStore, "get", lambda self, key: read.append(key) or get(self, key))
    EDITS["the base template"](site)
    assert build(site, search=False).errors == []
    assert {path: (site.output_dir / path).stat().st_ino for path in files} == inodes
    assert read  # the pages' blocks were read, not the saved explainer.json texts
    assert not set(files.values()) & set(read)


def test_an_explainer_json_changed_in_the_output_since_is_written_again(site):
    page = site.output_dir / GAZA / "explainer.json"
    right = page.read_text()
    with page.open("r+") as handle:  # in place: same file, same size, a new time
        handle.write("X")
    EDITS["the base template"](site)
    assert build(site, search=False).errors == []
    assert page.read_text() == right


def test_blocks_no_page_uses_any_more_are_removed(site):
    folder = site.cache_dir / "fragments"
    before = set(folder.iterdir())
    EDITS["the page template"](site)
    assert build(site, search=False).errors == []
    after = set(folder.iterdir())
    explainers = len(list(site.output_dir.glob("*/explainer.json")))
    # Those of the explainer pages were replaced, not added to.
    assert len(after) == len(before) and len(before - after) >= explainers > 0


# What the analysis of a template lets through. A DictLoader theme, one case per rule.


def _plan(templates: dict[str, str], name: str = "page.html"):
    env = Environment(loader=DictLoader(templates))
    env.globals["site"] = object()
    return TemplateAnalysis(env).plan(name)


BASE = "<title>{% block title %}{% endblock %}</title>{% block main %}{% endblock %}{{ path }}"


def test_a_block_is_saved_with_the_context_names_it_reads():
    plan = _plan(
        {
            "base.html": BASE,
            "page.html": '{% extends "base.html" %}{% set x = story.extraction %}'
            "{% block title %}{{ site.title }}{% endblock %}"
            "{% block main %}{% for p in paragraphs %}{{ p }}{{ x.date }}{% endfor %}"
            "{% endblock %}",
        }
    )
    # `site` is a global (part of every key); `x` is set above the blocks from `story`.
    assert plan.blocks == {"title": frozenset(), "main": {"paragraphs", "story"}}
    assert "path" in plan.live


def test_what_a_parent_block_the_page_replaces_reads_is_not_needed():
    base = "{% block head %}{{ heavy }}{% endblock %}{% block main %}{% endblock %}"
    page = '{% extends "base.html" %}{% block head %}{{ heavy }}{% endblock %}'
    # The page's own `head` block is saved; the base's, which also reads `heavy`, is
    # never rendered: `heavy` need not be computed when the saved block is used.
    assert "heavy" not in _plan({"base.html": base, "page.html": page}).live
    calling_super = page.replace("{{ heavy }}", "{{ super() }}")
    assert "heavy" in _plan({"base.html": base, "page.html": calling_super}).live
    # Through a middle template that replaces it too, or not.
    middle = '{% extends "base.html" %}{% block head %}{{ heavy }}!{% endblock %}'
    chain = {"base.html": base, "middle.html": middle}
    page = '{% extends "middle.html" %}{% block main %}{% endblock %}'
    assert "heavy" in _plan({**chain, "page.html": page}).live
    page = '{% extends "middle.html" %}{% block head %}{% endblock %}'
    assert "heavy" not in _plan({**chain, "page.html": page}).live


@pytest.mark.parametrize(
    "block",
    [
        "{% block main %}{{ super() }}more{% endblock %}",
        "{% block main %}{{ self.title() }}{% endblock %}",
        "{% block main scoped %}{{ story }}{% endblock %}",
        "{% block main %}{{ nav }}{% endblock %}",  # set by the parent template
    ],
)
def test_a_block_that_depends_on_its_parent_is_not_saved(block):
    base = "{% set nav = 'from the base' %}" + BASE
    plan = _plan({"base.html": base, "page.html": '{% extends "base.html" %}' + block})
    assert "main" not in plan.blocks


def test_a_block_the_parent_declares_scoped_is_not_saved():
    # Called once per item, it sees the loop's `story`, not the page's.
    base = "{% for story in stories %}{% block main scoped %}{% endblock %}{% endfor %}"
    page = '{% extends "base.html" %}{% block main %}{{ story.title }}{% endblock %}'
    assert _plan({"base.html": base, "page.html": page}).blocks == {}


def test_an_included_template_counts_in_the_key_and_its_names_in_the_reads():
    templates = {
        "base.html": BASE,
        "part.html": "{{ related }}",
        "page.html": '{% extends "base.html" %}{% block main %}{% include "part.html" %}'
        "{% endblock %}",
    }
    plan = _plan(templates)
    assert plan.blocks["main"] == {"related"}
    changed_part = _plan({**templates, "part.html": "{{ related }}!"})
    changed_base = _plan({**templates, "base.html": BASE + "!"})
    assert changed_part.digest != plan.digest and changed_base.digest == plan.digest


def test_a_template_named_at_run_time_makes_nothing_saved():
    page = '{% extends "base.html" %}{% block main %}{% include which %}{% endblock %}'
    assert _plan({"base.html": BASE, "page.html": page}) is None
    assert _plan({"base.html": BASE, "page.html": "{% extends layout %}"}) is None


def test_an_explainer_counts_by_what_it_was_made_from(site):
    from generator.incremental import Incremental
    from generator.incremental.keys import code_key
    from generator.incremental.saved_state import load_state

    state = load_state(site.cache_dir / "build-state.pickle", code_key())
    explainer = next(iter(state.explainers.values()))
    origins = Incremental(site).origins(state.explainers)
    assert re.fullmatch(r"[0-9a-f]{64}", origins[id(explainer)])
    fingerprint = ValueFingerprints(origins).of(explainer)
    explainer.summary = [*explainer.summary, "Not read: what it was made from stands for it."]
    assert ValueFingerprints(origins).of(explainer) == fingerprint
    explainer.related = [*explainer.related, "another-story"]
    assert ValueFingerprints(origins).of(explainer) != fingerprint


def test_after_a_template_edit_only_that_template_is_parsed_for_the_analysis(
    site, monkeypatch, tmp_path
):
    import generator.incremental.template_analysis

    # Logged to a file: the parsing may happen in the process that compiles templates ahead.
    log = tmp_path / "parsed.log"
    real = generator.incremental.template_analysis._facts

    def logged(env, tree):
        with log.open("a") as handle:
            handle.write(f"{'Edited base' in str(tree)}\n")
        return real(env, tree)

    monkeypatch.setattr(generator.incremental.template_analysis, "_facts", logged)
    EDITS["the base template"](site)
    assert build(site, search=False).errors == []
    assert log.read_text().split() == ["True"]


def test_a_block_that_gives_another_text_each_time_it_is_called_is_not_saved(tmp_path):
    base = (
        "<!doctype html><title>{% block title %}{% endblock %}</title>"
        "{% block main %}{% endblock %}|{{ self.main() }}{# edit #}"
    )
    page = (
        '{% extends "base.html" %}{% set turn = cycler("first", "second") %}'
        "{% block title %}{{ explainer.title }}{% endblock %}"
        "{% block main %}{{ turn.next() }}{% endblock %}"
    )
    config_path = make_site(tmp_path)
    theme = use_site_theme(config_path, {"base.html": base, "explainer.html": page})
    config = load_config(config_path)
    assert build(config, search=False).errors == []
    (theme / "base.html").write_text(base.replace("{# edit #}", "<!-- edited -->"))
    assert build(config, search=False).errors == []
    text = (config.output_dir / GAZA / "index.html").read_text()
    assert "first|second<!-- edited -->" in text
