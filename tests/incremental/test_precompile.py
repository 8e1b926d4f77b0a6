"""Templates compiled in a second process while the build restores its state."""

from __future__ import annotations

import shutil

import pytest

import generator.render.environment
from generator.config import load_config
from generator.errors import InputError
from generator.incremental.precompile import CompiledTemplates, Precompiler
from generator.pipeline import build
from generator.render.environment import Renderer
from tests.sites import ROOT, make_site, replace_in, use_site_theme


@pytest.fixture
def renderer(tmp_path):
    config_path = make_site(tmp_path)
    use_site_theme(
        config_path,
        {
            "layout.html": "<p>{% block body %}{% endblock %}</p>",
            "page.html": '{% extends "layout.html" %}{% block body %}{{ word }}{% endblock %}',
        },
    )
    return Renderer(load_config(config_path))


def _unprefixed(name: str) -> bool:
    return not name.startswith("default:")


def _theme(renderer: Renderer):
    return renderer.config.theme_dirs[0] / "templates"


def test_templates_compiled_ahead_are_used_not_compiled_again(renderer, monkeypatch):
    renderer.compile_ahead()
    renderer.prepare([])
    compiled = renderer.env.bytecode_cache
    assert isinstance(compiled, CompiledTemplates)
    # Every template the theme folders hold: the site's two, the default theme's others.
    assert len(compiled.code) == len(renderer.env.list_templates(filter_func=_unprefixed)) > 2

    def no_compiling(*args, **kwargs):
        raise AssertionError("compiled in this process")

    monkeypatch.setattr(renderer.env, "compile", no_compiling)
    assert renderer.render("page.html", word="hello") == "<p>hello</p>"


def test_a_template_edited_after_compiling_ahead_is_compiled_again(renderer):
    renderer.compile_ahead()
    renderer.prepare([])  # waits for the child: it has compiled the old text
    (_theme(renderer) / "page.html").write_text(
        '{% extends "layout.html" %}{% block body %}{{ word|upper }}{% endblock %}'
    )
    assert renderer.render("page.html", word="hello") == "<p>HELLO</p>"


def test_a_template_mistake_is_reported_as_without_compiling_ahead(renderer):
    (_theme(renderer) / "page.html").write_text("{% block body %}\n{{ word }\n")
    renderer.compile_ahead()
    renderer.prepare([])
    with pytest.raises(InputError) as raised:
        renderer.render("page.html", word="hello")
    assert raised.value.line == 2
    assert raised.value.path.name == "page.html"


def test_closing_before_rendering_stops_the_child(renderer):
    renderer.compile_ahead()
    child = renderer._precompiler._child
    renderer.close()
    assert not child.is_alive()
    assert renderer.env.bytecode_cache is None  # templates compile as usual
    assert renderer.render("page.html", word="hi") == "<p>hi</p>"


def test_only_a_build_with_work_to_do_compiles_ahead(tmp_path, monkeypatch):
    config_path = make_site(tmp_path / "site")
    if (ROOT / ".cache" / "extract").is_dir():  # no parsing needed
        shutil.copytree(ROOT / ".cache" / "extract", tmp_path / "site" / ".cache" / "extract")
    build(load_config(config_path), search=False, force=False)
    started = []

    class Counted(Precompiler):
        def __init__(self, *args, **kwargs) -> None:
            started.append(True)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(generator.render.environment, "Precompiler", Counted)
    # Nothing changed: the build stops at once, without forking a compiler it would stop.
    assert build(load_config(config_path), search=False, force=False).unchanged
    assert started == []
    replace_in(config_path, "title = ", "title = 'Edited' # ")
    assert not build(load_config(config_path), search=False, force=False).unchanged
    assert started == [True]
